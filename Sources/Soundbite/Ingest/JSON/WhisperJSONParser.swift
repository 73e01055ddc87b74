/// Reads the JSON of openai-whisper (`--output_format json`) and of WhisperX,
/// which share one layout:
///
/// ```json
/// { "text": " …", "language": "en",
///   "segments": [ { "start": 0.0, "end": 4.2, "text": " …", "speaker": "SPEAKER_00",
///                   "words": [ { "word": " Well,", "start": 0.0, "end": 0.4, "speaker": "SPEAKER_00" } ] } ] }
/// ```
///
/// Each segment is a cue, split where the words' speakers change (WhisperX);
/// with `words`, a cue starts at its first word (Whisper's `word_timestamps`,
/// WhisperX alignment), and a word WhisperX could not align (no `start`, as
/// with numbers) keeps its text with an interpolated time and a warning.
/// Whisper writes words with their leading space (`" Well,"`), WhisperX
/// without; both read as the same text. Speakers are kept as given
/// (`SPEAKER_00`). WhisperX's top-level `word_segments` repeats the
/// segments' words and is not read.
struct WhisperJSONParser: JSONTranscriptParser {
    /// The file name used in diagnostics.
    var file: String
    /// The limits applied.
    var limits: IngestLimits = .standard

    /// Parses an already read Whisper or WhisperX JSON value.
    func parse(_ root: JSONValue) -> ParsedTranscript {
        var builder = WordCueBuilder(file: file, limits: limits)
        guard let segments = root.array("segments") else {
            let text = root.string("text") ?? ""
            builder.warn(line: root.line(or: 1), "no \u{201C}segments\u{201D} array"
                + (text.isEmpty ? "; no cues read" : "; read the top-level \u{201C}text\u{201D} as one cue at 00:00.000"))
            builder.add(WordGroup(start: 0, end: 0, text: text, line: root.line(or: 1)))
            return builder.result
        }
        var previousLine = root.line(or: 1)
        for (index, segment) in segments.enumerated() {
            let line = segment.line(or: previousLine)
            previousLine = line
            guard case .object = segment else {
                builder.warn(line: line, "segment \(index + 1) is \(segment.kindName), not an object; skipped it")
                continue
            }
            var group = WordGroup(line: line)
            group.start = JSONTranscript.time(segment, "start", &builder, line: line)
            group.end = JSONTranscript.time(segment, "end", &builder, line: line)
            group.speaker = segment.string("speaker")
            group.text = segment.string("text") ?? ""
            if let words = segment.array("words") {
                let leadingSpaces = words.contains { $0.string("word")?.first?.isWhitespace ?? false }
                var wordLine = line
                for (k, item) in words.enumerated() {
                    wordLine = item.line(or: wordLine)
                    guard let text = item.string("word") ?? item.string("text") else {
                        builder.warn(line: wordLine, "word \(k + 1) of segment \(index + 1) has no \u{201C}word\u{201D} text; skipped it")
                        continue
                    }
                    group.words.append(TimedWord(
                        text: text, start: JSONTranscript.time(item, "start", &builder, line: wordLine),
                        end: JSONTranscript.time(item, "end", &builder, line: wordLine), speaker: item.string("speaker"),
                        attaches: leadingSpaces && k > 0 && !(text.first?.isWhitespace ?? true), line: wordLine))
                }
                if group.words.isEmpty, !words.isEmpty {
                    builder.warn(line: line, "segment \(index + 1) has words but none readable; read its text")
                }
            }
            builder.add(group)
        }
        return builder.result
    }
}
