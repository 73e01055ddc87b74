/// Tells a file's transcript format from its bytes, the extension only
/// breaking ties: a `.txt` may be Otter, Rev, Descript/Trint, Premiere Pro or
/// plain text; a `.json` Whisper, WhisperX or Amazon Transcribe; a `.vtt`
/// that holds SRT cues is SRT.
///
/// Order of the checks:
/// 1. Signatures of files that are not text: a ZIP is a Word document when it
///    holds `word/` parts (or is named `.docx`); PDF, old Word, RTF, images,
///    audio and video are named in the reason they are skipped. UTF-16 text with
///    a byte order mark is told apart by its UTF-8 transcoding.
/// 2. Text that starts with `WEBVTT` is WebVTT; with `{` (or a `[` that opens
///    a JSON array) JSON, told apart by its keys (``JSONKeySniffer``); with
///    `<?xml` (or `<` in a `.xml`) XML, OHMS when it names OHMS.
/// 3. The first lines: a `start⇥end⇥text` header is Whisper TSV; a cue
///    number followed by a `-->` timing line is SRT; other `-->` lines are
///    WebVTT or SRT by extension; then the text layouts
///    (``TextLayoutDetector``).
/// 4. Otherwise the extension's format (`.txt` → plain text; a `.json` that
///    is not JSON goes to the JSON reader, which says where it breaks); a file
///    with another extension is not a transcript.
///
/// A NUL byte in a file with a transcript extension is left to the text
/// decoder (``SourceText``); in any other file it means binary data, as do
/// more than 1 % invalid UTF-8 sequences.
///
/// - Complexity: O(n) for JSON (the keys are sniffed over the whole text, since
///   Whisper writes its long `text` member first), O(``probeBytes``) otherwise.
package enum FormatDetector {
    /// How many leading bytes the text checks look at.
    static let probeBytes = 64 * 1024
    /// How many leading lines the text checks look at.
    static let probeLines = 120

    /// The format of `bytes`, read from `path` (only its extension is used).
    package static func detect(_ bytes: [UInt8], path: String) -> FormatDetection {
        bytes.withUnsafeBufferPointer { detect($0, path: path) }
    }

    /// The format of a buffer of bytes; see ``detect(_:path:)-([UInt8],_)``.
    static func detect(_ buf: UnsafeBufferPointer<UInt8>, path: String) -> FormatDetection {
        if let utf8 = SourceText.utf8(fromUTF16: buf, maxUnits: probeBytes) { return detect(utf8, path: path) }
        let ext = TranscriptFormat.fileExtension(path)
        let hint = TranscriptFormat.hint(forPath: path)
        if let signature = signature(buf, ext: ext) { return signature }

        let probe = UnsafeBufferPointer(rebasing: buf[0..<min(buf.count, probeBytes)])
        if hint == nil {
            if probe.contains(0) { return .notTranscript("binary data (NUL bytes), not text") }
            if !mostlyUTF8(probe) { return .notTranscript("binary data (not UTF-8 text)") }
        }
        var i = 0
        if probe.count >= 3, probe[0] == 0xEF, probe[1] == 0xBB, probe[2] == 0xBF { i = 3 }
        while i < probe.count, ASCII.isWhitespace(probe[i]) { i += 1 }
        let head = UnsafeBufferPointer(rebasing: probe[i...])
        if startsWith(head, "WEBVTT") { return .transcript(.webVTT) }
        if let first = head.first {
            if first == UInt8(ascii: "{") || (first == UInt8(ascii: "[") && (ext == "json" || opensJSONArray(head))) {
                return JSONKeySniffer(buf).detection
            }
            if first == UInt8(ascii: "<") && (startsWith(head, "<?xml") || ext == "xml") {
                return containsASCII(probe, "ohms", caseInsensitive: true)
                    ? .transcript(.ohms)
                    : .notTranscript("XML, but not an OHMS export")
            }
        }

        let lines = probeLines(head)
        if let format = lineFormat(lines, hint: hint) { return .transcript(format) }
        if let hint { return .transcript(hint) }
        return .notTranscript(ext.map { "not a transcript (no transcript layout found in this .\($0) file)" }
                              ?? "not a transcript (no transcript layout found)")
    }

    // MARK: - Signatures

    /// Files recognised by their first bytes, or `nil` for text.
    private static func signature(_ b: UnsafeBufferPointer<UInt8>, ext: String?) -> FormatDetection? {
        func at(_ offset: Int, _ magic: [UInt8]) -> Bool {
            b.count >= offset + magic.count && (0..<magic.count).allSatisfy { b[offset + $0] == magic[$0] }
        }
        if at(0, [0x50, 0x4B, 0x03, 0x04]) || at(0, [0x50, 0x4B, 0x05, 0x06]) {
            if ext == "docx" || containsASCII(UnsafeBufferPointer(rebasing: b[0..<min(b.count, probeBytes)]), "word/") {
                return .transcript(.docx)
            }
            return .notTranscript("a ZIP archive, not a Word document")
        }
        if at(0, Array("%PDF".utf8)) { return .notTranscript("a PDF document; export the transcript as text, .docx, WebVTT or SRT") }
        if at(0, [0xD0, 0xCF, 0x11, 0xE0]) { return .notTranscript("a Word 97\u{2013}2003 (.doc) or other OLE file; save it as .docx") }
        if at(0, Array("{\\rtf".utf8)) { return .notTranscript("an RTF document; save it as .docx or plain text") }
        if at(0, [0x89, 0x50, 0x4E, 0x47]) || at(0, [0xFF, 0xD8, 0xFF]) || at(0, Array("GIF8".utf8)) {
            return .notTranscript("an image")
        }
        if at(4, Array("ftyp".utf8)) { return .notTranscript("an MP4 or QuickTime media file") }
        if at(0, Array("ID3".utf8)) || (b.count >= 2 && b[0] == 0xFF && b[1] & 0xE0 == 0xE0) {
            return .notTranscript("an MPEG audio file")
        }
        if at(0, Array("RIFF".utf8)) { return .notTranscript("a RIFF media file (WAV or AVI)") }
        if at(0, Array("OggS".utf8)) || at(0, Array("fLaC".utf8)) { return .notTranscript("an Ogg or FLAC audio file") }
        if at(0, [0x1A, 0x45, 0xDF, 0xA3]) { return .notTranscript("a Matroska or WebM media file") }
        return nil
    }

    // MARK: - Lines

    /// The format the first lines show, or `nil` when they show none.
    private static func lineFormat(_ lines: [String], hint: TranscriptFormat?) -> TranscriptFormat? {
        let nonBlank = lines.lazy.map { $0.ingestTrimmed() }.filter { !$0.isEmpty }
        if let first = nonBlank.first {
            let fields = first.split(separator: "\t", omittingEmptySubsequences: false).map { $0.lowercased() }
            if fields == ["start", "end", "text"] { return .whisperTSV }
        }
        var previous: Substring?
        var sawArrow = false
        for line in nonBlank.prefix(40) {
            if CueTiming.isTimingLine(String(line)) {
                if let p = previous, p.allSatisfy(\.isASCIIDigit) { return .srt }
                sawArrow = true
            }
            previous = line
        }
        if sawArrow { return hint == .srt ? .srt : .webVTT }
        return TextLayoutDetector.detect(lines)
    }

    /// The first ``probeLines`` lines of `head` (invalid UTF-8 replaced, the
    /// last line dropped when the probe cut it).
    private static func probeLines(_ head: UnsafeBufferPointer<UInt8>) -> [String] {
        var lines: [String] = []
        var start = 0
        var k = 0
        while k < head.count, lines.count < probeLines {
            let b = head[k]
            if b == 0x0A || b == 0x0D {
                lines.append(String(decoding: UnsafeBufferPointer(rebasing: head[start..<k]), as: UTF8.self))
                if b == 0x0D, k + 1 < head.count, head[k + 1] == 0x0A { k += 1 }
                start = k + 1
            }
            k += 1
        }
        if start < head.count, lines.count < probeLines, head.count < probeBytes {
            lines.append(String(decoding: UnsafeBufferPointer(rebasing: head[start...]), as: UTF8.self))
        }
        return lines
    }

    // MARK: - Bytes

    /// Whether at most 1 % of the scalars of `b` are invalid UTF-8 (a cut
    /// character at the probe's end does not count).
    private static func mostlyUTF8(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        var bad = 0, scalars = 0
        var decoder = UTF8()
        var iterator = UnsafeBufferPointer(rebasing: b[0..<max(0, b.count - 3)]).makeIterator()
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue: scalars += 1
            case .error: bad += 1; scalars += 1
            case .emptyInput: break loop
            }
        }
        return bad * 100 <= scalars
    }

    private static func startsWith(_ b: UnsafeBufferPointer<UInt8>, _ text: StaticString) -> Bool {
        let n = text.utf8CodeUnitCount
        guard b.count >= n else { return false }
        let p = text.utf8Start
        for k in 0..<n where b[k] != p[k] { return false }
        return true
    }

    /// Whether a text starting with `[` continues like a JSON array
    /// (`[{`, `["`, `[[`, `[]`) rather than a `[00:00:01]` time.
    private static func opensJSONArray(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        var k = 1
        while k < b.count, ASCII.isWhitespace(b[k]) { k += 1 }
        guard k < b.count else { return true }
        return b[k] == UInt8(ascii: "{") || b[k] == UInt8(ascii: "\"") || b[k] == UInt8(ascii: "[") || b[k] == UInt8(ascii: "]")
    }

    /// Whether `needle` (ASCII) occurs in `b`.
    static func containsASCII(_ b: UnsafeBufferPointer<UInt8>, _ needle: StaticString, caseInsensitive: Bool = false) -> Bool {
        let n = needle.utf8CodeUnitCount
        guard n > 0, b.count >= n else { return false }
        let p = needle.utf8Start
        let first = caseInsensitive ? ASCII.lower(p[0]) : p[0]
        var k = 0
        while k + n <= b.count {
            let c = caseInsensitive ? ASCII.lower(b[k]) : b[k]
            if c == first {
                var j = 1
                while j < n, (caseInsensitive ? ASCII.lower(b[k + j]) == ASCII.lower(p[j]) : b[k + j] == p[j]) { j += 1 }
                if j == n { return true }
            }
            k += 1
        }
        return false
    }
}

extension FormatDetector {
    /// How many leading bytes a folder scan reads to screen a file.
    package static let screenBytes = 16 * 1024

    /// Screens a file from its first bytes while a folder is listed, so that
    /// media and other non-transcripts are skipped without being read:
    /// the reason to skip it, or `nil` to read it (its format is detected
    /// again, from all its bytes, when it is read).
    ///
    /// - Parameter isWhole: whether `head` is the whole file. When it is not,
    ///   JSON is always read: Whisper writes its long `text` member before the
    ///   keys that identify it.
    package static func screen(_ head: [UInt8], path: String, isWhole: Bool) -> String? {
        guard case .notTranscript(let reason) = detect(head, path: path) else { return nil }
        if !isWhole, head.withUnsafeBufferPointer({ JSONKeySniffer($0).looksLikeJSON }) { return nil }
        return reason
    }
}
