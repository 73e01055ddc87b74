/// The steps the speech-recogniser JSON readers (``WhisperJSONParser``,
/// ``AmazonTranscribeParser``) share; which one reads a file is told from its
/// keys by ``JSONKeySniffer``.
enum JSONTranscript {
    /// Parses bytes as JSON with the limits' depth. JSON that breaks part-way
    /// keeps what came before the break (``JSONSalvage``), with a warning; an
    /// error diagnostic (with line and column) when nothing can be read.
    static func read(_ bytes: [UInt8], file: String, limits: IngestLimits, diagnostics: inout [Diagnostic]) -> JSONValue? {
        do {
            return try JSONReader.parse(bytes, maxDepth: limits.maxJSONDepth)
        } catch {
            if let value = JSONSalvage.prefix(bytes, before: error.offset, maxDepth: limits.maxJSONDepth) {
                diagnostics.append(Diagnostic(.warning, file: file, line: error.line,
                    "the JSON breaks here (column \(error.column): \(error.message)); read what came before"))
                return value
            }
            diagnostics.append(Diagnostic(.error, file: file, line: error.line,
                                          "not valid JSON (column \(error.column): \(error.message)); skipped the file"))
            return nil
        }
    }

    /// A usable time from `object[key]`, or `nil` (with a warning when the
    /// member holds an unusable one: negative, not a number, too large).
    static func time(_ object: JSONValue, _ key: String, _ builder: inout WordCueBuilder, line: Int) -> Double? {
        switch object.seconds(key) {
        case .missing: return nil
        case .valid(let t): return t
        case .invalid(let why):
            builder.warn(line: line, "\(why); read the time as missing")
            return nil
        }
    }
}

/// A reader of one speech-recogniser JSON layout: it reads a parsed JSON
/// value; parsing the bytes (with the depth limit, errors with their line) is
/// shared.
protocol JSONTranscriptParser: Sendable {
    /// The file name used in diagnostics.
    var file: String { get }
    /// The limits applied.
    var limits: IngestLimits { get }
    /// Reads an already parsed JSON value.
    func parse(_ root: JSONValue) -> ParsedTranscript
}

extension JSONTranscriptParser {
    /// Parses `bytes` as JSON, then reads them; an error diagnostic and no
    /// cues when they are not JSON.
    func parse(_ bytes: [UInt8]) -> ParsedTranscript {
        var diagnostics: [Diagnostic] = []
        guard let root = JSONTranscript.read(bytes, file: file, limits: limits, diagnostics: &diagnostics) else {
            return ParsedTranscript(diagnostics: diagnostics)
        }
        var parsed = parse(root)
        parsed.diagnostics = diagnostics + parsed.diagnostics
        return parsed
    }
}
