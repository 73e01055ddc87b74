/// What the three transcript parsers (WebVTT, SRT, plain text) share: a
/// file name for diagnostics, limits, and a parse of decoded lines; parsing
/// a `String` (decoding, BOM, invalid UTF-8, line limits) is done once, here.
protocol TranscriptParser: Sendable {
    /// The file name used in diagnostics.
    var file: String { get }
    /// The limits applied.
    var limits: IngestLimits { get }
    /// Parses decoded lines.
    func parse(_ source: SourceText) -> ParsedTranscript
}

extension TranscriptParser {
    /// Parses a transcript held in memory: decodes it into lines, then parses them.
    func parse(_ string: String) -> ParsedTranscript {
        let decoded = SourceText.decode(string: string, file: file, limits: limits)
        guard let text = decoded.text else { return ParsedTranscript(diagnostics: decoded.diagnostics) }
        var result = parse(text)
        result.diagnostics = decoded.diagnostics + result.diagnostics
        result.sortDiagnostics()
        return result
    }
}
