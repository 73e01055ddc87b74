/// Roll-up captions, as YouTube writes its automatic captions: each cue shows
/// the line the previous cue added again, above the new one, and a short cue
/// between them repeats the finished line alone:
///
/// ```
/// 00:00:00.000 --> 00:00:02.990 align:start position:0%
///  (a line holding one space)
/// so<00:00:00.450><c> today</c><00:00:00.870><c> we</c>
///
/// 00:00:02.990 --> 00:00:03.000 align:start position:0%
/// so today we
///  (a line holding one space)
///
/// 00:00:03.000 --> 00:00:05.990 align:start position:0%
/// so today we
/// talk<00:00:03.600><c> about</c>
/// ```
///
/// Read naively, every spoken line is indexed two or three times. In a file
/// that rolls, a cue keeps only the lines the previous cue did not show
/// (compared without markup), so each line is read once, with its word
/// timings.
struct RollingCaptions: Sendable {
    /// The clean lines the previous cue showed.
    private var shown: [String] = []

    /// Creates the state for one file.
    init() {}

    /// Whether a file's cue texts roll: YouTube's word-timed lines (an inner
    /// timestamp followed by a `<c>` span), or at least 3 cues, and half of
    /// the cues with two or more lines, whose first line repeats the previous
    /// cue's last line.
    static func detect(_ cues: [[String]]) -> Bool {
        var repeats = 0, multiLine = 0
        var previousLast: Substring?
        for lines in cues {
            for line in lines where line.contains("><c>") || line.contains("><c.") {
                if line.contains("<0") || line.contains("<1") || line.contains("<2") { return true }
            }
            let kept = lines.map { $0.trimmingWebVTTSpace() }.filter { !$0.isEmpty }
            if kept.count >= 2 {
                multiLine += 1
                if let previousLast, kept[0] == previousLast { repeats += 1 }
            }
            if let last = kept.last { previousLast = last }
        }
        return repeats >= 3 && repeats * 2 >= multiLine
    }

    /// The lines of a cue that the previous cue did not show (lines with no
    /// text dropped too); remembers this cue's lines for the next one.
    mutating func unseenLines(_ lines: [String], maxTagDepth: Int) -> [String] {
        var unseen: [String] = []
        var now: [String] = []
        for line in lines {
            let clean = CueMarkup.clean(line, maxTagDepth: maxTagDepth).text
            if clean.isEmpty { continue }
            now.append(clean)
            if !shown.contains(clean) { unseen.append(line) }
        }
        shown = now
        return unseen
    }
}
