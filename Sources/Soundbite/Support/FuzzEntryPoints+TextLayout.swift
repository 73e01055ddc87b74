extension FuzzEntryPoints {
    /// File names the text-layout target gives its input (the extension is
    /// the detector's tie-break), chosen by the first byte.
    static let textLayoutPaths = ["t.txt", "t.vtt", "t.srt", "t.tsv", "t.json", "t.xml", "t.docx", "t.md", "transcript"]

    /// Format detection and the text-layout readers. The first byte chooses:
    /// - `% 9`: the file name (``textLayoutPaths``);
    /// - bit 0x40: tight ``IngestLimits`` instead of the standard ones.
    ///
    /// The rest is the file: detected (``FormatDetector``), screened as a
    /// folder scan would, split into lines for ``TextLayoutDetector``, read
    /// by every text layout and by the Whisper TSV reader, read as Word
    /// paragraphs (split at 0x1E), and assembled into an interview with the
    /// detected format. Every cue must have finite times with the end not
    /// before the start, and non-empty text after assembly.
    package static func textLayout(_ bytes: [UInt8]) {
        guard let selector = bytes.first else { return }
        let path = textLayoutPaths[Int(selector) % textLayoutPaths.count]
        let limits = selector & 0x40 != 0 ? tightIngestLimits : .standard
        let body = Array(bytes.dropFirst())
        let detection = FormatDetector.detect(body, path: path)
        _ = FormatDetector.screen(Array(body.prefix(FormatDetector.screenBytes)), path: path,
                                  isWhole: body.count <= FormatDetector.screenBytes)
        if let text = SourceText.decode(body, file: path, limits: limits).text {
            _ = TextLayoutDetector.detect(text.lines.map(\.text))
            for layout in [TranscriptFormat.plainText, .otter, .rev, .descript, .premiere] {
                checkTimes(TextLayoutReader(file: path, limits: limits, layout: layout).parse(text).cues, layout.rawValue)
            }
            checkTimes(WhisperTSVReader(file: path, limits: limits).parse(text).cues, "whisper-tsv")
        }
        let paragraphs = body.split(separator: 0x1E, omittingEmptySubsequences: false)
            .prefix(4096).map { String(decoding: $0, as: UTF8.self) }
        checkTimes(TextLayoutReader.read(paragraphs: paragraphs, file: path, limits: limits).transcript.cues, "paragraphs")

        let assembler = InterviewAssembler(limits: limits, collectionRoles: RoleMap())
        let result = assembler.assemble(InterviewAssembler.Source(relativePath: path, format: nil, bytes: body,
                                                                  chapterTrack: nil, entry: nil))
        for d in result.diagnostics { _ = d.description }
        guard let interview = result.interview else { return }
        precondition(interview.format == detection.format, "the interview's format is not the detected one")
        for cue in interview.cues {
            precondition(cue.start.isFinite && cue.end.isFinite && cue.end >= cue.start, "bad cue times in \(path)")
            precondition(!cue.text.isEmpty, "an assembled cue without text")
        }
    }

    /// Traps unless every cue has finite times, the end not before the start.
    private static func checkTimes(_ cues: [RawCue], _ reader: String) {
        for cue in cues {
            precondition(cue.start.isFinite && cue.end.isFinite && cue.end >= cue.start && cue.start >= 0,
                         "\(reader): cue at line \(cue.line) has times \(cue.start)–\(cue.end)")
        }
    }
}
