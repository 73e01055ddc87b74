/// Reads SubRip (`.srt`) transcripts.
///
/// - A cue is an optional number line, a timing line
///   `HH:MM:SS,mmm --> HH:MM:SS,mmm` (a `.` before the milliseconds is accepted
///   too, and anything after the end time is ignored), then text lines up to a
///   blank line. Missing numbers and extra blank lines are fine.
/// - Text that follows a blank line but is not a cue (a blank line inside a
///   cue's text) is added to the previous cue with a warning.
/// - Markup is removed by ``CueMarkup`` (`<i>`, `<b>`, `<u>`, `<font …>`,
///   `{\an8}`, entities); the speaker comes from a ``SpeakerLabel``.
/// - No cue is lost for its timing: see
///   ``CueTiming/read(_:strictSeparator:clock:alwaysHours:hasText:file:line:diagnostics:)``
///   (unreadable, overflowing and backwards timings are repaired, with a
///   warning). Text before the first cue is kept at 0 with a warning.
struct SRTParser: TranscriptParser {
    /// The file name used in diagnostics.
    var file: String
    /// The limits applied (cue size, tag depth).
    var limits: IngestLimits

    /// Creates a parser that reports problems against `file`.
    init(file: String = "", limits: IngestLimits = .standard) {
        self.file = file
        self.limits = limits
    }

    private struct Pending {
        var timing: CueTiming
        var line: Int
        var textLines: [String]
        var bytes: Int
        var cut: Bool
    }

    /// Parses decoded lines.
    func parse(_ source: SourceText) -> ParsedTranscript {
        var result = ParsedTranscript()
        let lines = source.lines
        let n = lines.count
        var pending: [Pending] = []
        var clock = CueTiming.Clock()
        var i = 0
        while i < n {
            let line = lines[i].text
            if line.isBlankLine { i += 1; continue }
            var timingIndex: Int
            if CueTiming.isTimingLine(line) {
                timingIndex = i
            } else if i + 1 < n, CueTiming.isTimingLine(lines[i + 1].text) {
                timingIndex = i + 1
                let number = line.ingestTrimmed()
                if number.isEmpty || !number.allSatisfy(\.isASCIIDigit) {
                    result.diagnostics.append(Diagnostic(.warning, file: file, line: lines[i].number,
                        "expected a cue number, found \u{201C}\(WebVTTParser.excerpt(line))\u{201D}; ignored the line"))
                }
            } else {
                // Text outside a cue: continue the previous cue's text.
                var j = i
                var stray: [String] = []
                while j < n, !lines[j].text.isBlankLine, !CueTiming.isTimingLine(lines[j].text) {
                    stray.append(lines[j].text)
                    j += 1
                }
                if j < n, CueTiming.isTimingLine(lines[j].text), let last = stray.last,
                   last.allSatisfy(\.isASCIIDigit) {
                    stray.removeLast()
                    j -= 1
                }
                if !stray.isEmpty {
                    if !pending.isEmpty {
                        result.diagnostics.append(Diagnostic(.warning, file: file, line: lines[i].number,
                            "text after a blank line is not a cue; added it to the previous cue"))
                        var last = pending.removeLast()
                        for s in stray {
                            WebVTTParser.appendCueLine(s, to: &last.textLines, bytes: &last.bytes,
                                                       cut: &last.cut, limit: limits.maxCueBytes)
                        }
                        pending.append(last)
                    } else {
                        result.diagnostics.append(Diagnostic(.warning, file: file, line: lines[i].number,
                            "text before the first cue; kept it at 00:00:00.000"))
                        var first = Pending(timing: CueTiming(start: 0, end: 0), line: lines[i].number,
                                            textLines: [], bytes: 0, cut: false)
                        for s in stray {
                            WebVTTParser.appendCueLine(s, to: &first.textLines, bytes: &first.bytes,
                                                       cut: &first.cut, limit: limits.maxCueBytes)
                        }
                        pending.append(first)
                    }
                }
                i = max(j, i + 1)
                continue
            }
            let timingLine = lines[timingIndex]
            var spans: [SourceText.Span] = []
            let (bytes, cut, next) = source.bytes.withUnsafeBufferPointer {
                WebVTTParser.collectCueText(source.spans, $0, after: timingIndex, limit: limits.maxCueBytes, exactBlank: false,
                                            file: file, into: &spans, diagnostics: &result.diagnostics)
            }
            let textLines = spans.map(source.string)
            i = next
            let timing = CueTiming.read(timingLine.text, strictSeparator: UInt8(ascii: ","), clock: &clock, alwaysHours: true,
                                        hasText: textLines.contains { !$0.isBlankLine },
                                        file: file, line: timingLine.number, diagnostics: &result.diagnostics)
            pending.append(Pending(timing: timing, line: timingLine.number, textLines: textLines, bytes: bytes, cut: cut))
        }
        for cue in pending {
            if cue.cut {
                result.diagnostics.append(Diagnostic(.warning, file: file, line: cue.line,
                    "cue text is longer than \(limits.maxCueBytes) bytes; cut it there"))
            }
            let text = CueMarkup.cueText(cue.textLines, srtBraces: true, labels: true, maxTagDepth: limits.maxTagDepth,
                                         file: file, line: cue.line, diagnostics: &result.diagnostics)
            RawCue.append(timing: cue.timing, text: text, wordTimings: true, line: cue.line, to: &result.cues)
        }
        result.sortDiagnostics()
        return result
    }
}
