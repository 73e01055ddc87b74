/// A cue as a parser read it, before speaker carry-over, roles and chapters
/// are resolved by ``InterviewAssembler``.
struct RawCue: Sendable, Hashable {
    /// Start time in seconds.
    var start: Double
    /// End time in seconds (never before ``start``).
    var end: Double
    /// The speaker label of this cue (voice span or text label), `nil` when the
    /// cue has none and keeps the previous cue's speaker.
    var label: SpeakerLabel?
    /// The text without markup and without the label (may be empty: a cue that
    /// only names a speaker).
    var text: String
    /// The 1-based line of the cue's timing line (WebVTT, SRT) or of the line
    /// itself (plain text).
    var line: Int
}
