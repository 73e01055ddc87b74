/// Reads WebVTT transcripts and chapter tracks, following the W3C parsing
/// rules and keeping, with a warning, what real files get wrong.
///
/// - Header: `WEBVTT` alone or followed by a space or tab and any text; header
///   lines up to the first empty line are ignored. A missing header gives a
///   warning and the file is read anyway.
/// - Blocks are separated by empty lines (as in the W3C algorithm, a line of
///   spaces is not empty: it belongs to the block). A block is a cue when its
///   first or second line contains `-->` (the first line is then the cue
///   identifier). `NOTE`, `STYLE` and `REGION` blocks are ignored; any other
///   block is skipped with a warning.
/// - A line with `-->` inside a cue's text starts a new cue (a missing blank
///   line, warned); a trailing all-digit line just before it is taken as that
///   cue's identifier.
/// - Timings: see ``CueTiming/read(_:strictSeparator:clock:alwaysHours:hasText:file:line:diagnostics:)``:
///   no cue is lost for its timing (an unreadable, overflowing or backwards
///   timing is repaired, with a warning). `00:01,500` is read as `00:01.500`
///   with a warning (one per file, with a count).
/// - Cue text: lines joined with a space, markup removed by ``CueMarkup``;
///   the speaker comes from the first voice span, else from a
///   ``SpeakerLabel`` at the start of the text. A transcript cue with inner
///   timestamps (`<00:00:01.500>`, word timings) becomes one cue per timed
///   part, so a hit starts where its words are said.
/// - Roll-up captions (YouTube's automatic captions): see ``RollingCaptions``;
///   each spoken line is read once.
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

    /// One cue block as found in the file, before its timing and text are read.
    struct Block: Sendable {
        /// The timing line.
        var timing: SourceText.Span
        /// Where its text lines (cut at the cue size limit) are in the file's list of text lines.
        var text: Range<Int>
        /// Whether the text was cut at the limit.
        var cut: Bool
    }

    /// Parses decoded lines as a transcript (speaker labels and word timings are read).
    func parse(_ text: SourceText) -> ParsedTranscript {
        parseBlocks(text, transcript: true)
    }

    /// Parses decoded lines as a chapter track: each cue is a chapter whose
    /// title is the cue text. Chapters come back sorted by start time.
    func parseChapters(_ text: SourceText) -> (chapters: [Chapter], diagnostics: [Diagnostic]) {
        let parsed = parseBlocks(text, transcript: false)
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

    private func parseBlocks(_ source: SourceText, transcript: Bool) -> ParsedTranscript {
        var result = ParsedTranscript()
        source.bytes.withUnsafeBufferPointer { all in
            var textLines: [SourceText.Span] = []
            let blocks = collectBlocks(source, all, textLines: &textLines, diagnostics: &result.diagnostics)
            var rolling = transcript && RollingCaptions.detect(blocks.map(\.text), lines: textLines, in: all) ? RollingCaptions() : nil
            var clock = CueTiming.Clock()
            var commaStamps = RepeatedWarning()
            var joined: [UInt8] = []
            var scratch: [UInt8] = []
            var labelMemo = SpeakerLabel.LabelMemo()
            for block in blocks {
                let line = block.timing.number
                if block.cut {
                    result.diagnostics.append(Diagnostic(.warning, file: file, line: line,
                        "cue text is longer than \(limits.maxCueBytes) bytes; cut it there"))
                }
                let lines = textLines[block.text]
                let timing = CueTiming.read(bytes: UnsafeBufferPointer(rebasing: all[block.timing.start..<block.timing.end]),
                                            strictSeparator: UInt8(ascii: "."), clock: &clock, alwaysHours: false,
                                            hasText: lines.contains { !$0.isEmpty },
                                            file: file, line: line, diagnostics: &result.diagnostics)
                for stamp in [timing.irregularStart, timing.irregularEnd] {
                    guard let stamp else { continue }
                    let seconds = Timestamp.parse(stamp)?.seconds ?? 0
                    commaStamps.note(line: line,
                        "timestamp \u{201C}\(stamp)\u{201D} is not in WebVTT form; read as \(Timestamp.format(seconds))")
                }
                let text: CueMarkup.CueText
                if rolling != nil {
                    let unseen = rolling!.unseenLines(lines.map(source.string), maxTagDepth: limits.maxTagDepth)
                    if unseen.isEmpty { continue }
                    text = CueMarkup.cueText(unseen, srtBraces: false, labels: transcript, maxTagDepth: limits.maxTagDepth,
                                             file: file, line: line, diagnostics: &result.diagnostics)
                } else {
                    joined.removeAll(keepingCapacity: true)
                    for (k, span) in lines.enumerated() {
                        if k > 0 { joined.append(0x0A) }
                        joined.append(contentsOf: UnsafeBufferPointer(rebasing: all[span.start..<span.end]))
                    }
                    text = joined.withUnsafeBufferPointer {
                        CueMarkup.cueText(joined: $0, srtBraces: false, labels: transcript, maxTagDepth: limits.maxTagDepth,
                                          file: file, line: line, diagnostics: &result.diagnostics, scratch: &scratch,
                                          labelMemo: &labelMemo)
                    }
                }
                RawCue.append(timing: timing, text: text, wordTimings: transcript, line: line, to: &result.cues)
            }
            if let folded = commaStamps.diagnostic(file: file) { result.diagnostics.append(folded) }
        }
        result.sortDiagnostics()
        return result
    }

    /// Splits the file into cue blocks, skipping the header and the blocks
    /// that are not cues; the blocks' text lines are appended to `textLines`.
    private func collectBlocks(_ source: SourceText, _ all: UnsafeBufferPointer<UInt8>, textLines: inout [SourceText.Span],
                               diagnostics: inout [Diagnostic]) -> [Block] {
        var blocks: [Block] = []
        let lines = source.spans
        let n = lines.count
        func bytes(_ k: Int) -> UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: all[lines[k].start..<lines[k].end]) }
        func isTiming(_ k: Int) -> Bool { CueTiming.isTimingLine(bytes(k)) }
        var i = 0
        guard lines.indices.contains(where: { !Self.isBlank(bytes($0)) }) else { return blocks }
        let first = source.string(lines[0])
        if first.hasPrefix("WEBVTT"), first.utf8.count == 6 || first.dropFirst(6).first == " " || first.dropFirst(6).first == "\t" {
            i = 1
            // Header lines up to the first empty line (or a timing line).
            while i < n, !lines[i].isEmpty {
                if isTiming(i) {
                    diagnostics.append(Diagnostic(.warning, file: file, line: lines[i].number,
                        "no blank line between the header and this cue timing; read it as a cue"))
                    break
                }
                i += 1
            }
        } else {
            diagnostics.append(Diagnostic(.warning, file: file, line: lines[0].number,
                "missing WEBVTT header; read the file as WebVTT anyway"))
        }
        while i < n {
            if lines[i].isEmpty { i += 1; continue }
            var timingIndex: Int
            if isTiming(i) {
                timingIndex = i
            } else if i + 1 < n, isTiming(i + 1) {
                timingIndex = i + 1
            } else {
                // NOTE, STYLE, REGION or a block that is not a cue.
                if !Self.isBlank(bytes(i)), !isKeywordBlock(source.string(lines[i])) {
                    diagnostics.append(Diagnostic(.warning, file: file, line: lines[i].number,
                        "block has no cue timing line; skipped it"))
                }
                i += 1
                while i < n, !lines[i].isEmpty, !isTiming(i) { i += 1 }
                if i < n, isTiming(i) {
                    diagnostics.append(Diagnostic(.warning, file: file, line: lines[i].number,
                        "no blank line before this cue timing; read it as a new cue"))
                }
                continue
            }
            let firstText = textLines.count
            let (_, cut, next) = Self.collectCueText(lines, all, after: timingIndex, limit: limits.maxCueBytes,
                                                     exactBlank: true, file: file, into: &textLines, diagnostics: &diagnostics)
            i = next
            blocks.append(Block(timing: lines[timingIndex], text: firstText..<textLines.count, cut: cut))
        }
        return blocks
    }

    /// Whether the UTF-8 of a line is empty or only spaces and tabs.
    static func isBlank(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool { bytes.allSatisfy(isSpaceOrTab) }

    /// Whether `b` is a space or a tab (what a blank line holds, ``isBlank(_:)``, `isBlankLine`).
    @inline(__always)
    static func isSpaceOrTab(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 }

    /// The text lines of the cue whose timing is at `timingIndex` in `lines`
    /// (their bytes in `all`), appended to `text`: up to a blank line or, with
    /// a warning, up to a timing line that follows with no blank line before
    /// it (a lone cue number just above it goes with the next cue). Returns
    /// the lines' size, whether they were cut at `limit` bytes (the line that
    /// crosses it is cut on a character boundary, the lines after it left
    /// out), and the index of the first line after the cue. Shared by the
    /// WebVTT and SRT parsers: with `exactBlank` (WebVTT) only an empty line
    /// ends the cue, else (SRT) a line of spaces does too.
    static func collectCueText(_ lines: [SourceText.Span], _ all: UnsafeBufferPointer<UInt8>, after timingIndex: Int, limit: Int,
                               exactBlank: Bool, file: String, into text: inout [SourceText.Span],
                               diagnostics: inout [Diagnostic]) -> (bytes: Int, cut: Bool, next: Int) {
        let n = lines.count
        func bytes(_ k: Int) -> UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: all[lines[k].start..<lines[k].end]) }
        let firstText = text.count
        var j = timingIndex + 1
        var size = 0
        var cut = false
        while j < n, !(exactBlank ? lines[j].isEmpty : isBlank(bytes(j))), !CueTiming.isTimingLine(bytes(j)) {
            if !cut, let kept = fitCueLine(bytes(j), size: &size, lines: text.count - firstText, limit: limit, cut: &cut) {
                text.append(SourceText.Span(number: lines[j].number, start: lines[j].start, end: lines[j].start + kept))
            }
            j += 1
        }
        if j < n, CueTiming.isTimingLine(bytes(j)) {
            diagnostics.append(Diagnostic(.warning, file: file, line: lines[j].number,
                "no blank line before this cue timing; read it as a new cue"))
            if text.count > firstText, let last = text.last {
                let trimmed = RollingCaptions.trimmedWebVTTSpace(UnsafeBufferPointer(rebasing: all[last.start..<last.end]))
                if !trimmed.isEmpty, trimmed.allSatisfy(ASCII.isDigit) {
                    text.removeLast()
                    j -= 1
                }
            }
        }
        return (size, cut, j)
    }

    /// How many leading bytes of the valid UTF-8 `line` fit in `room`
    /// bytes, cut on a character (scalar) boundary.
    static func keptBytes(_ line: UnsafeBufferPointer<UInt8>, room: Int) -> Int {
        guard room < line.count else { return line.count }
        var k = max(room, 0)
        while k > 0, line[k] & 0xC0 == 0x80 { k -= 1 }
        return k
    }

    /// How many bytes of a cue line the cue keeps: with `size` bytes in
    /// `lines` lines so far, all of `line` (and the line break before it) when
    /// that stays within `limit`; else the cue is `cut` and keeps the part
    /// that fits, cut on a character boundary, or none (nil). Updates `size`.
    static func fitCueLine(_ line: UnsafeBufferPointer<UInt8>, size: inout Int, lines: Int, limit: Int,
                           cut: inout Bool) -> Int? {
        let separator = lines > 0 ? 1 : 0
        if size + line.count + separator <= limit {
            size += line.count + separator
            return line.count
        }
        cut = true
        let room = limit - size - separator
        guard room > 0 else { return nil }
        size = limit
        return keptBytes(line, room: room)
    }

    /// Appends `line` to `lines` while the total stays within `limit` bytes;
    /// the line that crosses the limit is cut on a character boundary
    /// (``fitCueLine(_:size:lines:limit:cut:)``).
    static func appendCueLine(_ line: String, to lines: inout [String], bytes: inout Int, cut: inout Bool, limit: Int) {
        if cut { return }
        var line = line
        let count = lines.count
        guard let kept = line.withUTF8({ fitCueLine($0, size: &bytes, lines: count, limit: limit, cut: &cut) }) else { return }
        lines.append(kept == line.utf8.count ? line
                     : line.withUTF8 { String(decoding: UnsafeBufferPointer(rebasing: $0[0..<kept]), as: UTF8.self) })
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
