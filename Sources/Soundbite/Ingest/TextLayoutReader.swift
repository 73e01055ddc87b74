/// Reads the line-based text layouts of transcription tools: plain text,
/// Descript/Trint (both with ``PlainTextParser``), and the turn layouts of
/// Otter.ai, Rev and Premiere Pro, where a turn line (``TextLayoutLine``)
/// gives the time and speaker and the words follow:
///
/// - **Otter.ai**: `Jane Doe  0:01`, then the paragraph on the next lines.
///   The closing `Transcribed by https://otter.ai` line (the file's last) is
///   not speech.
/// - **Rev**: `Jane Doe (00:19):`, the words on the same or the next lines;
///   bracketed tags (`[inaudible 00:02:03]`, `[crosstalk]`, `[laughter]`)
///   are removed (``NonSpeechTag``).
/// - **Premiere Pro**: `00:00:19:05 - 00:00:24:11`, then the speaker's name
///   on its own line, then the words. Frames become seconds at the smallest
///   common frame rate (24, 25, 30, 50, 60, 120) above every frame number in
///   the file, 30 when none is above 23.
///
/// Every other line of a turn is kept as its words (joined with spaces);
/// lines before the first turn line are an unlabelled cue at 0. Times as
/// ``ParsedTranscript/placeInTime(starts:ends:file:)`` gives them; a turn
/// without a speaker name keeps the previous speaker.
struct TextLayoutReader: TranscriptParser {
    /// The file name used in diagnostics.
    var file: String
    /// The limits applied (cue size).
    var limits: IngestLimits
    /// The layout: ``TranscriptFormat/plainText``, `.descript`, `.otter`,
    /// `.rev` or `.premiere` (any other format reads as plain text).
    var layout: TranscriptFormat

    /// Frame rates tried for Premiere Pro timecodes, in order.
    static let frameRates = [24, 25, 30, 50, 60, 120]

    /// Creates a reader of one layout that reports problems against `file`.
    init(file: String = "", limits: IngestLimits = .standard, layout: TranscriptFormat) {
        self.file = file
        self.limits = limits
        self.layout = layout
    }

    /// Detects the layout of decoded text and reads it: the entry point for
    /// text that did not come from a text file (the paragraphs of a Word
    /// document). Text with no layout reads as plain text.
    static func read(_ source: SourceText, file: String, limits: IngestLimits) -> (layout: TranscriptFormat, transcript: ParsedTranscript) {
        let layout = TextLayoutDetector.detect(source.spans.prefix(FormatDetector.probeLines).map(source.string)) ?? .plainText
        return (layout, TextLayoutReader(file: file, limits: limits, layout: layout).parse(source))
    }

    /// Detects the layout of paragraphs (one line each, numbered from 1) and reads them.
    static func read(paragraphs: [String], file: String, limits: IngestLimits) -> (layout: TranscriptFormat, transcript: ParsedTranscript) {
        let source = SourceText(lines: paragraphs.enumerated().map { SourceLine(number: $0.offset + 1, text: $0.element) })
        return read(source, file: file, limits: limits)
    }

    /// Parses decoded lines.
    func parse(_ source: SourceText) -> ParsedTranscript {
        switch layout {
        case .otter, .rev, .premiere: return parseTurns(source)
        default: return PlainTextParser(file: file, limits: limits).parse(source)
        }
    }

    /// One turn being read.
    private struct Turn {
        var start: Double?
        var end: Double?
        var frames: (start: Int, end: Int)?
        var label: SpeakerLabel?
        var parts: [String] = []
        var bytes = 0
        var cut = false
        var line: Int
        /// Premiere: the next line may name the speaker.
        var awaitingSpeaker = false
    }

    private func parseTurns(_ source: SourceText) -> ParsedTranscript {
        var result = ParsedTranscript()
        var starts: [Double?] = []
        var ends: [Double?] = []
        var frames: [(start: Int, end: Int)?] = []
        var open: Turn?
        let lines = source.lines
        let lastNonBlank = lines.lastIndex { !$0.text.isBlankLine }

        func flush() {
            guard let turn = open else { return }
            open = nil
            if turn.cut {
                result.diagnostics.append(Diagnostic(.warning, file: file, line: turn.line,
                    "turn is longer than \(limits.maxCueBytes) bytes; cut it there"))
            }
            result.cues.append(RawCue(start: 0, end: 0, label: turn.label, text: turn.parts.joined(separator: " "), line: turn.line))
            starts.append(turn.start)
            ends.append(turn.end)
            frames.append(turn.frames)
        }

        for (index, line) in lines.enumerated() {
            let t = Substring(line.text).ingestTrimmed()
            if t.isEmpty { continue }
            // Otter's credit closes the file after the last paragraph; as a
            // turn's only line it is that turn's words.
            if layout == .otter, index == lastNonBlank, open?.parts.isEmpty == false, Self.isOtterFooter(t) { continue }
            if let turn = turnLine(t, number: line.number) {
                flush()
                open = turn
                continue
            }
            if layout == .premiere, open?.awaitingSpeaker == true {
                open?.awaitingSpeaker = false
                if open?.parts.isEmpty == true, let label = SpeakerLabel.parse(t, relaxed: true),
                   followedByWords(lines, after: index) {
                    open?.label = label
                    continue
                }
            }
            if open == nil { open = Turn(line: line.number) }
            append(t, to: &open!)
        }
        flush()
        if layout == .premiere { applyFrames(frames, starts: &starts, ends: &ends) }
        result.placeInTime(starts: starts, ends: ends, file: file)
        result.sortDiagnostics()
        return result
    }

    /// The turn a turn line of this layout opens, with its same-line words.
    private func turnLine(_ t: Substring, number: Int) -> Turn? {
        switch layout {
        case .otter:
            guard let turn = TextLayoutLine.otter(t) else { return nil }
            return Turn(start: turn.start, label: turn.label, line: number)
        case .rev:
            guard let turn = TextLayoutLine.rev(t) else { return nil }
            var open = Turn(start: turn.start, label: turn.label, line: number)
            if !turn.rest.isEmpty { append(turn.rest, to: &open) }
            return open
        case .premiere:
            guard let range = TextLayoutLine.premiere(t) else { return nil }
            var open = Turn(start: range.start.seconds, end: range.end.seconds, line: number)
            open.frames = (range.start.frames, range.end.frames)
            open.awaitingSpeaker = true
            return open
        default:
            return nil
        }
    }

    /// Adds one line of words to a turn (Rev tags removed, white space
    /// collapsed, the turn cut at the cue size limit).
    private func append(_ line: Substring, to turn: inout Turn) {
        var text = CueMarkup.collapseSpace(String(line))
        if layout == .rev { text = NonSpeechTag.strip(text).text }
        if text.isEmpty { return }
        WebVTTParser.appendCueLine(text, to: &turn.parts, bytes: &turn.bytes, cut: &turn.cut, limit: limits.maxCueBytes)
    }

    /// Whether the next non-blank line after `index` holds words (is not a turn line).
    private func followedByWords(_ lines: [SourceLine], after index: Int) -> Bool {
        var k = index + 1
        while k < lines.count {
            let t = Substring(lines[k].text).ingestTrimmed()
            if !t.isEmpty { return turnLine(t, number: 0) == nil }
            k += 1
        }
        return false
    }

    /// Adds the frames of Premiere Pro timecodes to the clock times.
    private func applyFrames(_ frames: [(start: Int, end: Int)?], starts: inout [Double?], ends: inout [Double?]) {
        let highest = frames.reduce(0) { max($0, $1.map { max($0.start, $0.end) } ?? 0) }
        let rate = highest < 24 ? 30 : Self.frameRates.first { $0 > highest } ?? max(1, highest + 1)
        for k in frames.indices {
            guard let f = frames[k] else { continue }
            if let s = starts[k] { starts[k] = s + Double(f.start) / Double(rate) }
            if let e = ends[k] { ends[k] = e + Double(f.end) / Double(rate) }
        }
    }

    /// Otter's closing line, `Transcribed by https://otter.ai`.
    static func isOtterFooter(_ line: Substring) -> Bool {
        let lower = line.lowercased()
        return lower.hasPrefix("transcribed by") && lower.contains("otter.ai")
    }
}
