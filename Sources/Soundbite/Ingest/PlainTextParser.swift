/// Reads plain-text transcripts: one utterance per non-blank line, optionally
/// `[HH:MM:SS]`, `[HH:MM:SS.mmm]` or `[MM:SS]` first, then an optional
/// ``SpeakerLabel`` (`Speaker: text`), then the text (kept as written, white
/// space collapsed; no markup is removed).
///
/// Times as ``ParsedTranscript/placeInTime(starts:ends:file:)`` gives them
/// (a line without a time starts where the previous one started; a cue ends
/// where the next starts). A bracket that looks like a time but cannot be read (`[12:99:00]`) is
/// removed with a warning and the line gets the previous time.
struct PlainTextParser: TranscriptParser {
    /// The file name used in diagnostics.
    var file: String
    /// The limits applied (cue size).
    var limits: IngestLimits

    /// Creates a parser that reports problems against `file`.
    init(file: String = "", limits: IngestLimits = .standard) {
        self.file = file
        self.limits = limits
    }

    /// Parses decoded lines.
    func parse(_ source: SourceText) -> ParsedTranscript {
        var result = ParsedTranscript()
        var times: [Double?] = []
        for line in source.lines {
            var rest = Substring(line.text).ingestTrimmed()
            if rest.isEmpty { continue }
            var time: Double?
            if rest.hasPrefix("["), let close = rest.prefix(40).firstIndex(of: "]") {
                let inner = rest[rest.index(after: rest.startIndex)..<close]
                let looksLikeTime = !inner.isEmpty && inner.contains(":")
                    && inner.allSatisfy { $0.isASCIIDigit || $0 == ":" || $0 == "." || $0 == "," || $0 == " " }
                if looksLikeTime {
                    if let parsed = Timestamp.parse(inner.ingestTrimmed()) {
                        time = parsed.seconds
                    } else {
                        result.diagnostics.append(Diagnostic(.warning, file: file, line: line.number,
                            "cannot read the time \u{201C}[\(inner)]\u{201D}; removed it and used the previous time"))
                    }
                    rest = rest[rest.index(after: close)...].ingestTrimmed()
                }
            }
            result.appendLineCue(rest, line: line.number, what: "line", file: file, limits: limits)
            times.append(time)
        }
        result.placeInTime(starts: times, file: file)
        result.sortDiagnostics()
        return result
    }
}
