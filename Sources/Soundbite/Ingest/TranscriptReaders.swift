/// Reads a transcript of a known format: the one place where a format meets
/// its reader, one function per ``TranscriptFormat/Family``. A reader for a
/// new family plugs in here and nowhere else.
///
/// Text families are decoded first (``SourceText``: byte order mark, line
/// ends, invalid UTF-8, over-long lines); the JSON, XML and Word readers take
/// the bytes. Until a family's reader exists its files are skipped with
/// "reader not available".
enum TranscriptReaders {
    /// What reading one file gave.
    struct Reading: Sendable {
        /// The transcript, or `nil` when the file could not be used at all.
        var transcript: ParsedTranscript?
        /// Problems met decoding and reading, in line order.
        var diagnostics: [Diagnostic]
    }

    /// Reads `bytes` as a transcript in `format`, reporting against `file`.
    static func read(_ format: TranscriptFormat, bytes: [UInt8], file: String, limits: IngestLimits) -> Reading {
        switch format.family {
        case .webVTT, .srt, .textLayout, .tsv: readText(format, bytes: bytes, file: file, limits: limits)
        case .json: readJSON(format, bytes: bytes, file: file, limits: limits)
        case .xml: readXML(format, bytes: bytes, file: file, limits: limits)
        case .docx: readDocx(bytes: bytes, file: file, limits: limits)
        }
    }

    /// WebVTT, SRT, the text layouts and Whisper TSV: decoded into lines, then parsed.
    static func readText(_ format: TranscriptFormat, bytes: [UInt8], file: String, limits: IngestLimits) -> Reading {
        let decoded = SourceText.decode(bytes, file: file, limits: limits)
        guard let text = decoded.text else { return Reading(transcript: nil, diagnostics: decoded.diagnostics) }
        let parsed: ParsedTranscript
        switch format {
        case .webVTT: parsed = WebVTTParser(file: file, limits: limits).parse(text)
        case .srt: parsed = SRTParser(file: file, limits: limits).parse(text)
        case .whisperTSV: parsed = WhisperTSVReader(file: file, limits: limits).parse(text)
        default: parsed = TextLayoutReader(file: file, limits: limits, layout: format).parse(text)
        }
        return Reading(transcript: parsed, diagnostics: decoded.diagnostics + parsed.diagnostics)
    }

    /// Whisper, WhisperX and Amazon Transcribe JSON.
    static func readJSON(_ format: TranscriptFormat, bytes: [UInt8], file: String, limits: IngestLimits) -> Reading {
        let parsed = format == .amazonTranscribe
            ? AmazonTranscribeParser(file: file, limits: limits).parse(bytes)
            : WhisperJSONParser(file: file, limits: limits).parse(bytes)
        return bytesReading(parsed, bytes: bytes, file: file)
    }

    /// OHMS XML.
    static func readXML(_ format: TranscriptFormat, bytes: [UInt8], file: String, limits: IngestLimits) -> Reading {
        let parsed = OHMSParser(file: file, limits: limits).parse(bytes)
        return bytesReading(parsed, bytes: bytes, file: file)
    }

    /// Word documents: the main document's paragraphs (``DocxDocument``)
    /// go through ``TextLayoutReader/read(paragraphs:file:limits:)`` like
    /// the lines of a `.txt`, so an Otter, Rev or any other text layout saved
    /// in Word reads as it does in text (without the title the tools put
    /// above the first turn, ``DocxDocument/withoutHeading(_:)``); line
    /// numbers are paragraph numbers.
    static func readDocx(bytes: [UInt8], file: String, limits: IngestLimits) -> Reading {
        do {
            let document = try DocxDocument.read(bytes, maxPartBytes: limits.maxFileBytes,
                                                 xmlLimits: XMLReader.Limits(maxDepth: DocxDocument.maxDepth))
            return readDocx(document, file: file, limits: limits)
        } catch {
            return Reading(transcript: nil, diagnostics: [Diagnostic(.error, file: file, line: 0,
                "not a readable Word document: \(error); skipped the file")])
        }
    }

    /// The paragraphs of a Word document read as a text layout.
    static func readDocx(_ document: DocxDocument, file: String, limits: IngestLimits) -> Reading {
        var diagnostics: [Diagnostic] = []
        var paragraphs = DocxDocument.withoutHeading(document.lines)
        for k in paragraphs.indices where paragraphs[k].utf8.count > limits.maxLineBytes {
            diagnostics.append(Diagnostic(.warning, file: file, line: k + 1,
                "paragraph is \(paragraphs[k].utf8.count) bytes, longer than the limit of \(limits.maxLineBytes); skipped the paragraph"))
            paragraphs[k] = ""
        }
        if let problem = document.problem {
            diagnostics.append(Diagnostic(.warning, file: file, line: paragraphs.count + 1,
                "\(document.partName) is damaged (\(problem)); read the \(paragraphs.count) paragraphs before it"))
        }
        var transcript = TextLayoutReader.read(paragraphs: paragraphs, file: file, limits: limits).transcript
        transcript.diagnostics = diagnostics + transcript.diagnostics
        transcript.sortDiagnostics()
        return Reading(transcript: transcript, diagnostics: transcript.diagnostics)
    }

    /// The reading of a reader that takes bytes (JSON, XML): unusable when it
    /// reported an error; invalid UTF-8 (read as U+FFFD) is warned once, as
    /// ``SourceText`` does for the text formats.
    static func bytesReading(_ parsed: ParsedTranscript, bytes: [UInt8], file: String) -> Reading {
        var diagnostics = parsed.diagnostics
        if let line = UTF8Decoding.firstInvalidLine(bytes) {
            diagnostics.insert(Diagnostic(.warning, file: file, line: line,
                "invalid UTF-8 (first on this line); replaced the bad bytes with U+FFFD"), at: 0)
        }
        let unusable = diagnostics.contains { $0.severity == .error }
        return Reading(transcript: unusable ? nil : parsed, diagnostics: diagnostics)
    }

    /// The reading of a format whose reader is not in this build.
    static func unavailable(_ format: TranscriptFormat, file: String) -> Reading {
        Reading(transcript: nil, diagnostics: [Diagnostic(.error, file: file, line: 0,
            "\(format.displayName) detected, but its reader is not available in this build; skipped the file")])
    }
}
