/// A word (or punctuation mark) as a speech recogniser's JSON gives it, with
/// the times and speaker it may or may not have.
struct TimedWord: Sendable, Hashable {
    /// The word as written (surrounding white space is ignored).
    var text: String
    /// Start in seconds; `nil` when the recogniser gave none (or an unusable one).
    var start: Double?
    /// End in seconds; `nil` when the recogniser gave none.
    var end: Double?
    /// The speaker label the recogniser gave this word, if any.
    var speaker: String?
    /// Written right after the previous word with no space: a punctuation mark
    /// (Amazon Transcribe) or a word piece without a leading space (Whisper).
    var attaches: Bool = false
    /// The 1-based line of the word in the file.
    var line: Int
}

/// A run of words the file groups together (a Whisper segment, an Amazon
/// Transcribe sentence or audio segment); it becomes one cue, or more where
/// the speaker changes inside it.
struct WordGroup: Sendable, Hashable {
    /// The group's start in seconds, if given: the lower bound for words without times.
    var start: Double?
    /// The group's end in seconds, if given: the upper bound for words without times.
    var end: Double?
    /// The group's speaker, for words that name none.
    var speaker: String?
    /// The group's text, read when it has no words.
    var text: String = ""
    /// The 1-based line of the group in the file.
    var line: Int
    /// The words in order (may be empty).
    var words: [TimedWord] = []
}
