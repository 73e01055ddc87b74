/// Reads WebVTT transcripts and chapter tracks, following the W3C parsing
/// rules and tolerating, with a warning, what real files get wrong.
///
/// - Header: `WEBVTT` alone or followed by a space or tab and any text; header
///   lines up to the first blank line are ignored. A missing header gives a
///   warning and the file is read anyway.
/// - Blocks are separated by blank lines (lines of only spaces and tabs count
///   as blank). A block is a cue when its first or second line contains `-->`
///   (the first line is then the cue identifier). `NOTE`, `STYLE` and `REGION`
///   blocks are ignored; any other block is skipped with a warning.
/// - A timing line inside a cue's text starts a new cue (a missing blank line,
///   warned); a trailing all-digit line just before it is taken as that cue's
///   identifier.
/// - Timestamps: see ``Timestamp``; `00:01,500` is read as `00:01.500` with a
///   warning (one per file, with a count). A cue whose timing cannot be read,
///   or that ends before it starts, is skipped with a warning; a cue that
///   starts before the previous one is kept with a warning.
/// - Cue text: lines joined with a space, markup removed by ``CueMarkup``;
///   the speaker comes from the first voice span, else from a
///   ``SpeakerLabel`` at the start of the text.
struct WebVTTParser: TranscriptParser {
    /// The file name used in diagnostics.
    var file: String
    /// The limits applied (cue size, tag depth).
    var limits: IngestLimits

    /// Creates a parser that reports problems against `file`.
    init(file: String = "", limits: IngestLimits = .standard) {
        self.file = file
        self.limits = limits
    }

    /// Parses decoded lines as a transcript (speaker labels are read).
    func parse(_ text: SourceText) -> ParsedTranscript {
        parseBlocks(text, labels: true)
    }

    /// Parses decoded lines as a chapter track: each cue is a chapter whose
    /// title is the cue text. Chapters come back sorted by start time.
    func parseChapters(_ text: SourceText) -> (chapters: [Chapter], diagnostics: [Diagnostic]) {
        let parsed = parseBlocks(text, labels: false)
        var chapters: [(Int, Chapter)] = []
        for (index, cue) in parsed.cues.enumerated() where !cue.text.isEmpty {
            chapters.append((index, Chapter(title: cue.text, start: cue.start, end: cue.end)))
        }
        chapters.sort { ($0.1.start, $0.0) < ($1.1.start, $1.0) }
        return (chapters.map(\.1), parsed.diagnostics)
    }

    private func isKeywordBlock(_ line: String) -> Bool {
        for keyword in ["NOTE", "STYLE", "REGION"] where line.hasPrefix(keyword) {
            let rest = line.dropFirst(keyword.count)
            if rest.isEmpty || rest.first == " " || rest.first == "\t" { return true }
        }
        return false
    }

    private func parseBlocks(_ source: SourceText, labels: Bool) -> ParsedTranscript {
        var result = ParsedTranscript()
        let lines = source.lines
        let n = lines.count
        var i = 0
        var commaStamps = RepeatedWarning()
        guard lines.contains(where: { !$0.text.isBlankLine }) else { return result }
        let first = lines[0].text
        if first.hasPrefix("WEBVTT"), first.utf8.count == 6 || first.dropFirst(6).first == " " || first.dropFirst(6).first == "\t" {
            i = 1
            // Header lines up to the first blank line (or a timing line).
            while i < n, !lines[i].text.isBlankLine {
                if CueTiming.isTimingLine(lines[i].text) {
                    result.diagnostics.append(Diagnostic(.warning, file: file, line: lines[i].number,
                        "no blank line between the header and this cue timing; read it as a cue"))
                    break
                }
                i += 1
            }
        } else {
            result.diagnostics.append(Diagnostic(.warning, file: file, line: lines[0].number,
                "missing WEBVTT header; read the file as WebVTT anyway"))
        }
        var previousStart: Double?
        while i < n {
            if lines[i].text.isBlankLine { i += 1; continue }
            let head = lines[i]
            var timingIndex: Int
            if CueTiming.isTimingLine(head.text) {
                timingIndex = i
            } else if i + 1 < n, CueTiming.isTimingLine(lines[i + 1].text) {
                timingIndex = i + 1
            } else {
                // NOTE, STYLE, REGION or a block that is not a cue.
                if !isKeywordBlock(head.text) {
                    result.diagnostics.append(Diagnostic(.warning, file: file, line: head.number,
                        "block has no cue timing line; skipped it"))
                }
                i += 1
                while i < n, !lines[i].text.isBlankLine, !CueTiming.isTimingLine(lines[i].text) { i += 1 }
                if i < n, CueTiming.isTimingLine(lines[i].text) {
                    result.diagnostics.append(Diagnostic(.warning, file: file, line: lines[i].number,
                        "no blank line before this cue timing; read it as a new cue"))
                }
                continue
            }
            let timingLine = lines[timingIndex]
            let (textLines, _, cut, next) = Self.collectCueText(lines, after: timingIndex, limit: limits.maxCueBytes,
                                                                 file: file, diagnostics: &result.diagnostics)
            i = next
            if cut {
                result.diagnostics.append(Diagnostic(.warning, file: file, line: timingLine.number,
                    "cue text is longer than \(limits.maxCueBytes) bytes; cut it there"))
            }
            guard let timing = CueTiming.parse(timingLine.text, strictSeparator: UInt8(ascii: ".")) else {
                result.diagnostics.append(Diagnostic(.warning, file: file, line: timingLine.number,
                    "cannot read the cue timing \u{201C}\(Self.excerpt(timingLine.text))\u{201D}; skipped the cue"))
                continue
            }
            for stamp in [timing.irregularStart, timing.irregularEnd].compactMap({ $0 }) {
                let seconds = Timestamp.parse(stamp)?.seconds ?? 0
                commaStamps.note(line: timingLine.number,
                    "timestamp \u{201C}\(stamp)\u{201D} is not in WebVTT form; read as \(Timestamp.format(seconds))")
            }
            guard timing.checkOrder(after: &previousStart, alwaysHours: false, file: file, line: timingLine.number,
                                    diagnostics: &result.diagnostics) else { continue }
            let (label, text) = CueMarkup.cueText(textLines, srtBraces: false, labels: labels, maxTagDepth: limits.maxTagDepth,
                                                  file: file, line: timingLine.number, diagnostics: &result.diagnostics)
            result.cues.append(RawCue(start: timing.start, end: timing.end, label: label, text: text, line: timingLine.number))
        }
        if let folded = commaStamps.diagnostic(file: file) { result.diagnostics.append(folded) }
        result.sortDiagnostics()
        return result
    }

    /// The text lines of the cue whose timing is at `timingIndex`: up to a
    /// blank line or, with a warning, up to a timing line that follows with no
    /// blank line before it (a lone cue number just above it goes with the
    /// next cue). Returns the lines, their size, whether they were cut at
    /// `limit` bytes, and the index of the first line after the cue. Shared
    /// by the WebVTT and SRT parsers.
    static func collectCueText(_ lines: [SourceLine], after timingIndex: Int, limit: Int, file: String,
                               diagnostics: inout [Diagnostic]) -> (lines: [String], bytes: Int, cut: Bool, next: Int) {
        let n = lines.count
        var j = timingIndex + 1
        var textLines: [String] = []
        var bytes = 0
        var cut = false
        while j < n, !lines[j].text.isBlankLine, !CueTiming.isTimingLine(lines[j].text) {
            appendCueLine(lines[j].text, to: &textLines, bytes: &bytes, cut: &cut, limit: limit)
            j += 1
        }
        if j < n, CueTiming.isTimingLine(lines[j].text) {
            diagnostics.append(Diagnostic(.warning, file: file, line: lines[j].number,
                "no blank line before this cue timing; read it as a new cue"))
            if let last = textLines.last, !last.isEmpty, last.allSatisfy(\.isASCIIDigit) {
                textLines.removeLast()
                j -= 1
            }
        }
        return (textLines, bytes, cut, j)
    }

    /// Appends `line` to `lines` while the total stays within `limit` bytes;
    /// the line that crosses the limit is cut on a character boundary.
    static func appendCueLine(_ line: String, to lines: inout [String], bytes: inout Int, cut: inout Bool, limit: Int) {
        if cut { return }
        let size = line.utf8.count + (lines.isEmpty ? 0 : 1)
        if bytes + size <= limit {
            lines.append(line)
            bytes += size
            return
        }
        cut = true
        var room = limit - bytes - (lines.isEmpty ? 0 : 1)
        guard room > 0 else { return }
        var kept = ""
        for scalar in line.unicodeScalars {
            let width = UTF8.width(scalar)
            if width > room { break }
            kept.unicodeScalars.append(scalar)
            room -= width
        }
        lines.append(kept)
        bytes = limit
    }

    /// The start of a line, for quoting in a message.
    static func excerpt(_ line: String) -> String {
        line.count <= 60 ? line : String(line.prefix(57)) + "..."
    }
}

extension Character {
    /// Whether this is one of the ASCII digits 0–9.
    var isASCIIDigit: Bool { asciiValue.map { $0 >= 0x30 && $0 <= 0x39 } ?? false }
}
