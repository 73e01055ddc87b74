/// The transcript formats Soundbite reads: the exports of the tools people
/// transcribe with. A file's format is found from its content
/// (`FormatDetector`); its extension only breaks ties.
///
/// The raw value is the stable name used in the index and in `stats`
/// (`"otter-txt"`); ``displayName`` is the human one ("Otter.ai text").
public enum TranscriptFormat: String, Sendable, Hashable, CaseIterable {
    /// WebVTT (W3C), also as written by Zoom, Teams, YouTube and Whisper.
    case webVTT = "vtt"
    /// SubRip, also as written by Whisper and WhisperX (`[SPEAKER_00]:`).
    case srt = "srt"
    /// Plain text: one utterance per line, optionally `[hh:mm:ss]` and `Name:` first.
    case plainText = "txt"
    /// Otter.ai text export: `Name  m:ss` on a line, then the paragraph.
    case otter = "otter-txt"
    /// Rev text transcript: `Name (hh:mm:ss):`, text on the same or the next
    /// lines; `[inaudible 00:02:03]`-style tags are not speech.
    case rev = "rev-txt"
    /// Timed text as Descript and Trint export it: `[hh:mm:ss] Name: text`
    /// (the timed form of plain text; read the same way).
    case descript = "descript-txt"
    /// Adobe Premiere Pro transcript text export: a timecode range line
    /// (`00:00:01:12 - 00:00:04:03`), a speaker line, then the text.
    case premiere = "premiere-txt"
    /// Whisper TSV: `start⇥end⇥text`, times in milliseconds.
    case whisperTSV = "whisper-tsv"
    /// Whisper JSON (`text`, `segments`).
    case whisperJSON = "whisper-json"
    /// WhisperX JSON (`segments` with speakers and words, `word_segments`).
    case whisperXJSON = "whisperx-json"
    /// Amazon Transcribe JSON (`results.items`, `speaker_labels`).
    case amazonTranscribe = "amazon-transcribe-json"
    /// OHMS XML, the oral-history metadata synchroniser's export.
    case ohms = "ohms-xml"
    /// A Word document (`.docx`) holding one of the text layouts.
    case docx = "docx"

    /// The name people know the format by.
    public var displayName: String {
        switch self {
        case .webVTT: "WebVTT"
        case .srt: "SRT"
        case .plainText: "plain text"
        case .otter: "Otter.ai text"
        case .rev: "Rev text"
        case .descript: "timed text (Descript/Trint)"
        case .premiere: "Premiere Pro text"
        case .whisperTSV: "Whisper TSV"
        case .whisperJSON: "Whisper JSON"
        case .whisperXJSON: "WhisperX JSON"
        case .amazonTranscribe: "Amazon Transcribe JSON"
        case .ohms: "OHMS XML"
        case .docx: "Word document"
        }
    }

    /// The reader family that reads this format; see ``TranscriptReaders``.
    var family: Family {
        switch self {
        case .webVTT: .webVTT
        case .srt: .srt
        case .plainText, .otter, .rev, .descript, .premiere: .textLayout
        case .whisperTSV: .tsv
        case .whisperJSON, .whisperXJSON, .amazonTranscribe: .json
        case .ohms: .xml
        case .docx: .docx
        }
    }

    /// Formats that share a reader: one reading function each in
    /// ``TranscriptReaders``.
    enum Family: Sendable, Hashable {
        /// WebVTT cues.
        case webVTT
        /// SubRip cues.
        case srt
        /// Line-based text layouts (plain, Otter, Rev, Descript/Trint, Premiere Pro).
        case textLayout
        /// Tab-separated values (Whisper TSV).
        case tsv
        /// JSON transcripts (Whisper, WhisperX, Amazon Transcribe).
        case json
        /// XML transcripts (OHMS).
        case xml
        /// Word documents (a ZIP of WordprocessingML).
        case docx
    }

    /// The file extensions that name transcripts, each with the format it
    /// suggests when the content does not decide (``hint(forPath:)``).
    static let extensionHints: [String: TranscriptFormat] = [
        "vtt": .webVTT, "srt": .srt, "txt": .plainText, "text": .plainText, "tsv": .whisperTSV,
        "json": .whisperJSON, "xml": .ohms, "docx": .docx,
    ]

    /// The suffix of WebVTT chapter tracks, which are not transcripts.
    package static let chapterTrackSuffix = ".chapters.vtt"

    /// The format a path's extension suggests (compared case-insensitively);
    /// `nil` for other extensions and for chapter tracks. Only a hint: the
    /// content decides (``FormatDetector``).
    package static func hint(forPath path: String) -> TranscriptFormat? {
        if isChapterTrack(path) { return nil }
        return fileExtension(path).flatMap { extensionHints[$0] }
    }

    /// The lower-cased extension of the last path component, without the dot.
    static func fileExtension(_ path: String) -> String? {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return nil }
        let ext = name[name.index(after: dot)...].lowercased()
        return ext.isEmpty ? nil : ext
    }

    /// Whether `path` names a WebVTT chapter track (`NAME.chapters.vtt`).
    package static func isChapterTrack(_ path: String) -> Bool {
        path.lowercased().hasSuffix(chapterTrackSuffix)
    }

    /// The chapter-track path that belongs to a transcript path:
    /// `dir/NAME.ext` → `dir/NAME.chapters.vtt`.
    package static func chapterTrackPath(for path: String) -> String {
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return path + chapterTrackSuffix }
        return String(path[..<dot]) + chapterTrackSuffix
    }
}
