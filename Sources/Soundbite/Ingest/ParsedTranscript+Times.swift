extension ParsedTranscript {
    /// Speaking rate used to estimate how long the last cue of a line-based
    /// transcript lasts.
    static let wordsPerSecond = 2.5

    /// Times the cues of a line-based transcript (plain text and the text
    /// layouts), whose lines give at most a start and sometimes an end:
    /// - a cue without a start starts where the previous cue started (0 for
    ///   the first ones), so an untimed file has every cue at 0–0;
    /// - a start earlier than the previous one is kept, with a warning;
    /// - when any cue has a time, a cue without an end ends where the next
    ///   cue starts; the last one after an estimated speaking time of
    ///   ``wordsPerSecond``; an end before its start becomes the start (with
    ///   a warning when the file wrote that end).
    ///
    /// - Parameters:
    ///   - starts: per cue, the start its line gave, if any.
    ///   - ends: per cue, the end its line gave, if any (empty: none did).
    mutating func placeInTime(starts: [Double?], ends: [Double?] = [], file: String) {
        func time(_ t: Double) -> String { Timestamp.format(t, alwaysHours: true) }
        let timed = starts.contains { $0 != nil }
        var previous = 0.0
        for k in cues.indices {
            if let start = starts[k] {
                if start < previous {
                    diagnostics.append(Diagnostic(.warning, file: file, line: cues[k].line,
                        "time \(time(start)) is before the previous line's (\(time(previous))); kept the line"))
                }
                previous = start
            }
            cues[k].start = previous
        }
        for k in cues.indices {
            let start = cues[k].start
            guard timed else { cues[k].end = start; continue }
            if k < ends.count, let end = ends[k] {
                if end < start {
                    diagnostics.append(Diagnostic(.warning, file: file, line: cues[k].line,
                        "ends at \(time(end)), before it starts at \(time(start)); kept the text and ended it at its start"))
                }
                cues[k].end = max(start, end)
            } else if k + 1 < cues.count {
                cues[k].end = max(start, cues[k + 1].start)
            } else {
                let words = cues[k].text.split(whereSeparator: { $0 == " " }).count
                cues[k].end = start + Double(words) / Self.wordsPerSecond
            }
        }
    }
}
