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

    /// Appends the cues of one timed cue to `cues`: itself, or, with `wordTimings` and inner
    /// timestamps in its text, one cue per non-empty timed part, from its
    /// timestamp to the next (the first from the cue's start, the last to its
    /// end). Inner timestamps outside the cue or out of order are clamped, so
    /// times never go backwards. The label goes with the first cue.
    static func append(timing: CueTiming, text: CueMarkup.CueText, wordTimings: Bool, line: Int, to cues: inout [RawCue]) {
        guard wordTimings, !text.parts.isEmpty else {
            cues.append(RawCue(start: timing.start, end: timing.end, label: text.label, text: text.text, line: line))
            return
        }
        var starts: [Double] = []
        starts.reserveCapacity(text.parts.count)
        var previous = timing.start
        for part in text.parts {
            let t = min(max(part.start ?? timing.start, previous), timing.end)
            starts.append(t)
            previous = t
        }
        let first = cues.count
        var label = text.label
        for (k, part) in text.parts.enumerated() where !part.text.isEmpty {
            let end = k + 1 < starts.count ? starts[k + 1] : timing.end
            cues.append(RawCue(start: starts[k], end: end, label: label, text: part.text, line: line))
            label = nil
        }
        if cues.count == first, let label {
            cues.append(RawCue(start: timing.start, end: timing.end, label: label, text: "", line: line))
        }
    }
}
