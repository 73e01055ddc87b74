import Soundbite

extension FuzzEntryPoints {
    /// File names the text-layout target gives its input (the extension is
    /// the detector's tie-break), chosen by the first byte.
    static let textLayoutPaths = ["t.txt", "t.vtt", "t.srt", "t.tsv", "t.json", "t.xml", "t.docx", "t.md", "transcript"]

    /// The formats the text-layout target also forces on every input.
    static let textLayoutFormats: [TranscriptFormat] = [.plainText, .otter, .rev, .descript, .premiere, .whisperTSV]

    /// Format detection and the text-layout readers. The first byte chooses:
    /// - `% 9`: the file name (``textLayoutPaths``);
    /// - bit 0x40: tight ``IngestLimits`` instead of the standard ones.
    ///
    /// The rest is the file: detected (``FormatDetector``), screened as a
    /// folder scan would, assembled with the detected format (which the
    /// interview must record), and read as each text layout and Whisper TSV
    /// regardless. Every cue must have finite times, the end not before the
    /// start, and text.
    package static func textLayout(_ bytes: [UInt8]) {
        guard let selector = bytes.first else { return }
        let path = textLayoutPaths[Int(selector) % textLayoutPaths.count]
        let limits = selector & 0x40 != 0 ? tightIngestLimits : .standard
        let body = Array(bytes.dropFirst())
        let detection = FormatDetector.detect(body, path: path)
        _ = FormatDetector.screen(Array(body.prefix(FormatDetector.screenBytes)), path: path,
                                  isWhole: body.count < FormatDetector.screenBytes)
        let detected = InterviewAssembler.assemble(path: path, format: nil, bytes: body, chapterTrack: nil, limits: limits)
        for d in detected.diagnostics { _ = d.description }
        if let interview = detected.interview {
            precondition(interview.format == detection.format, "the interview's format is not the detected one")
            checkCues(interview, "detected")
        }
        for format in textLayoutFormats {
            let forced = InterviewAssembler.assemble(path: path, format: format, bytes: body, chapterTrack: nil, limits: limits)
            if let interview = forced.interview { checkCues(interview, format.rawValue) }
        }
    }

    /// Traps unless every cue has finite, non-negative times, the end not
    /// before the start, and text.
    private static func checkCues(_ interview: Interview, _ reader: String) {
        for cue in interview.cues {
            precondition(cue.start.isFinite && cue.end.isFinite && cue.start >= 0 && cue.end >= cue.start,
                         "\(reader): cue at line \(cue.line) has times \(cue.start)–\(cue.end)")
            precondition(!cue.text.isEmpty, "\(reader): an assembled cue without text")
        }
    }
}
