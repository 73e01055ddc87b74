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
