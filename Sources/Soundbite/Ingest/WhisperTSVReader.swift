/// Reads Whisper's TSV output: a `start⇥end⇥text` header, then one segment
/// per line with its start and end in integer milliseconds and its text
/// (which may itself hold tabs, kept as spaces).
///
/// A line whose times cannot be read keeps its text at the previous
/// segment's time, with a warning; the text may start with a speaker label
/// as in every format. Times are capped at 12 digits, so no input overflows.
struct WhisperTSVReader: TranscriptParser {
    /// The file name used in diagnostics.
    var file: String
    /// The limits applied (cue size).
    var limits: IngestLimits

    /// The most digits a millisecond field may have (about 31 years).
    static let maxMillisecondDigits = 12

    /// Creates a reader that reports problems against `file`.
    init(file: String = "", limits: IngestLimits = .standard) {
        self.file = file
        self.limits = limits
    }

    /// Parses decoded lines.
    func parse(_ source: SourceText) -> ParsedTranscript {
        var result = ParsedTranscript()
        var starts: [Double?] = []
        var ends: [Double?] = []
        var sawLine = false
        for line in source.lines {
            if line.text.isBlankLine { continue }
            let fields = line.text.split(separator: "\t", maxSplits: 2, omittingEmptySubsequences: false)
            if !sawLine {
                sawLine = true
                if fields.map({ $0.ingestTrimmed().lowercased() }) == ["start", "end", "text"] { continue }
            }
            var text = Substring(line.text)
            var start: Double?, end: Double?
            if fields.count == 3, let s = Self.milliseconds(fields[0]), let e = Self.milliseconds(fields[1]) {
                start = s
                end = e
                text = fields[2]
            } else {
                result.diagnostics.append(Diagnostic(.warning, file: file, line: line.number,
                    "cannot read the start and end milliseconds of this line; kept its text at the previous segment's time"))
                if fields.count == 3 { text = fields[2] }
            }
            result.appendLineCue(text, line: line.number, what: "segment", file: file, limits: limits)
            starts.append(start)
            ends.append(end)
        }
        result.placeInTime(starts: starts, ends: ends, file: file)
        result.sortDiagnostics()
        return result
    }

    /// A whole field of decimal digits as milliseconds, in seconds.
    static func milliseconds(_ field: Substring) -> Double? {
        let t = field.ingestTrimmed()
        guard !t.isEmpty, t.utf8.count <= maxMillisecondDigits else { return nil }
        var value = 0
        for b in t.utf8 {
            guard ASCII.isDigit(b) else { return nil }
            value = value * 10 + Int(b - 0x30)
        }
        return Double(value) / 1000
    }
}
