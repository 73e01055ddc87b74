/// The speech-recogniser JSON layouts a transcript may be in, told apart by
/// their keys, and the steps their readers share.
enum JSONTranscript {
    /// A JSON transcript layout.
    enum Layout: String, Sendable, Hashable, CaseIterable {
        /// openai-whisper: `segments[]` without speakers.
        case whisper
        /// WhisperX: `segments[]` whose segments or words name a `speaker`.
        case whisperX
        /// Amazon Transcribe: `results` with `items[]` or `transcripts[]`.
        case amazonTranscribe
    }

    /// The layout of a JSON value, or `nil` when it is none of them.
    static func layout(of root: JSONValue) -> Layout? {
        if let results = root.member("results")?.value,
           results.array("items") != nil || results.array("transcripts") != nil {
            return .amazonTranscribe
        }
        guard let segments = root.array("segments") else { return nil }
        if root.member("word_segments") != nil { return .whisperX }
        for segment in segments.prefix(64) {
            if segment.string("speaker") != nil { return .whisperX }
            if let words = segment.array("words"), words.contains(where: { $0.string("speaker") != nil || $0.member("score") != nil }) {
                return .whisperX
            }
        }
        return .whisper
    }

    /// Parses bytes as JSON with the limits' depth; an error diagnostic (with
    /// line and column) when they are not JSON.
    static func read(_ bytes: [UInt8], file: String, limits: IngestLimits, diagnostics: inout [Diagnostic]) -> JSONValue? {
        do {
            return try JSONReader.parse(bytes, maxDepth: limits.maxJSONDepth)
        } catch {
            diagnostics.append(Diagnostic(.error, file: file, line: error.line,
                                          "not valid JSON (column \(error.column): \(error.message)); skipped the file"))
            return nil
        }
    }

    /// Parses a JSON transcript in any known layout.
    ///
    /// - Returns: the layout (`nil` when the JSON is none of them, with an
    ///   error diagnostic) and what its reader read.
    static func parse(_ bytes: [UInt8], file: String, limits: IngestLimits) -> (layout: Layout?, transcript: ParsedTranscript) {
        var diagnostics: [Diagnostic] = []
        guard let root = read(bytes, file: file, limits: limits, diagnostics: &diagnostics) else {
            return (nil, ParsedTranscript(diagnostics: diagnostics))
        }
        guard let layout = layout(of: root) else {
            return (nil, ParsedTranscript(diagnostics: [Diagnostic(.error, file: file, line: root.line(or: 1),
                "JSON, but not a transcript layout known here (Whisper or WhisperX \u{201C}segments\u{201D}, Amazon Transcribe \u{201C}results\u{201D}); skipped the file")]))
        }
        switch layout {
        case .whisper, .whisperX: return (layout, WhisperJSONParser(file: file, limits: limits).parse(root))
        case .amazonTranscribe: return (layout, AmazonTranscribeParser(file: file, limits: limits).parse(root))
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
