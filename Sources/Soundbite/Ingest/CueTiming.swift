/// The timing line of a WebVTT or SRT cue: `start --> end [settings]`.
struct CueTiming: Sendable, Hashable {
    /// Start time in seconds.
    var start: Double
    /// End time in seconds.
    var end: Double
    /// The start as written, when it is not in the format's strict form.
    var irregularStart: String?
    /// The end as written, when it is not in the format's strict form.
    var irregularEnd: String?

    /// Whether the line contains the `-->` arrow that marks a timing line.
    static func isTimingLine(_ line: String) -> Bool {
        line.utf8.count >= 3 && line.contains("-->")
    }

    /// Parses a timing line; `nil` when either timestamp cannot be read.
    /// Anything after the end timestamp (WebVTT cue settings such as
    /// `align:start position:10%`, SRT coordinates) is ignored.
    static func parse(_ line: String, strictSeparator: UInt8) -> CueTiming? {
        guard let arrow = line.range(of: "-->") else { return nil }
        let left = line[line.startIndex..<arrow.lowerBound]
            .ingestTrimmed()
        let right = line[arrow.upperBound...].drop(while: { $0 == " " || $0 == "\t" })
        let endText = right.prefix(while: { $0 != " " && $0 != "\t" })
        guard let start = Timestamp.parse(left, strictSeparator: strictSeparator),
              let end = Timestamp.parse(endText, strictSeparator: strictSeparator) else { return nil }
        return CueTiming(start: start.seconds, end: end.seconds,
                         irregularStart: start.irregular ? String(left) : nil,
                         irregularEnd: end.irregular ? String(endText) : nil)
    }

    /// Checks the cue's times the same way in every timed format. A cue that
    /// ends before it starts is skipped (returns false) with a warning. A cue
    /// that starts before `previousStart` is kept with a warning. A kept cue's
    /// start becomes `previousStart`.
    func checkOrder(after previousStart: inout Double?, alwaysHours: Bool, file: String, line: Int,
                    diagnostics: inout [Diagnostic]) -> Bool {
        func time(_ t: Double) -> String { Timestamp.format(t, alwaysHours: alwaysHours) }
        if end < start {
            diagnostics.append(Diagnostic(.warning, file: file, line: line,
                "cue ends at \(time(end)), before it starts at \(time(start)); skipped the cue"))
            return false
        }
        if let previous = previousStart, start < previous {
            diagnostics.append(Diagnostic(.warning, file: file, line: line,
                "cue starts at \(time(start)), before the previous cue (\(time(previous))); kept the cue"))
        }
        previousStart = start
        return true
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs.
    func ingestTrimmed() -> SubSequence {
        var start = startIndex
        while start < endIndex, self[start] == " " || self[start] == "\t" { start = index(after: start) }
        var end = endIndex
        while end > start {
            let previous = index(before: end)
            if self[previous] != " " && self[previous] != "\t" { break }
            end = previous
        }
        return self[start..<end]
    }

    /// Whether the text is empty or only spaces and tabs.
    var isBlankLine: Bool { allSatisfy { $0 == " " || $0 == "\t" } }
}
