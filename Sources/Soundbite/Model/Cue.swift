/// One timed utterance of a transcript: a WebVTT or SRT cue, or one line of a
/// plain-text transcript.
///
/// Text is stored with markup removed (voice spans, styling tags, entities
/// decoded), so byte offsets into ``text`` are the offsets a highlighter uses.
public struct Cue: Sendable, Hashable {
    /// Start time in seconds from the beginning of the recording.
    public var start: Double
    /// End time in seconds; never before ``start``.
    public var end: Double
    /// Who speaks, as written in the transcript ("" when no label was ever seen).
    public var speaker: String
    /// The speaker's role ("head teacher", "parent", …) or "" when unknown.
    public var role: String
    /// The chapter this cue falls in, or "" when the interview has none.
    public var chapter: String
    /// The spoken words, markup removed.
    public var text: String
    /// The 1-based line of the source file where the cue begins (0 if not from a file).
    public var line: Int

    /// Creates a cue.
    public init(start: Double, end: Double, speaker: String = "", role: String = "",
                chapter: String = "", text: String, line: Int = 0) {
        self.start = start
        self.end = end
        self.speaker = speaker
        self.role = role
        self.chapter = chapter
        self.text = text
        self.line = line
    }
}
