/// What the line-based readers (plain text, Whisper TSV) share: one line of
/// text becomes one cue, and the cues get their times from the lines.
extension ParsedTranscript {
    /// Appends the cue of one line: white space collapsed, cut at
    /// `limits.maxCueBytes` (with a warning naming `what` was cut), a leading
    /// ``SpeakerLabel`` split off.
    mutating func appendLineCue(_ text: Substring, line: Int, what: String, file: String, limits: IngestLimits) {
        var kept: [String] = []
        var bytes = 0
        var cut = false
        WebVTTParser.appendCueLine(CueMarkup.collapseSpace(String(text)), to: &kept, bytes: &bytes, cut: &cut, limit: limits.maxCueBytes)
        if cut {
            diagnostics.append(Diagnostic(.warning, file: file, line: line,
                "\(what) is longer than \(limits.maxCueBytes) bytes; cut it there"))
        }
        let split = SpeakerLabel.split(kept.first ?? "")
        cues.append(RawCue(start: 0, end: 0, label: split.label, text: split.rest, line: line))
    }

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
