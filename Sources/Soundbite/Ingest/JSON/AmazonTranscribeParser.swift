/// Reads the JSON of an Amazon Transcribe batch job:
///
/// ```json
/// { "jobName": "…", "results": {
///     "transcripts": [ { "transcript": "…" } ],
///     "speaker_labels": { "speakers": 2, "segments": [ { "start_time": "0.5", "end_time": "2.1",
///         "speaker_label": "spk_0", "items": [ { "start_time": "0.5", "end_time": "0.9", "speaker_label": "spk_0" } ] } ] },
///     "items": [ { "id": 0, "type": "pronunciation", "start_time": "0.5", "end_time": "0.9",
///                  "speaker_label": "spk_0", "alternatives": [ { "confidence": "0.99", "content": "Hello" } ] },
///                { "id": 1, "type": "punctuation", "alternatives": [ { "content": "," } ] } ],
///     "audio_segments": [ { "id": 0, "transcript": "…", "start_time": "0.5", "end_time": "2.1",
///                           "speaker_label": "spk_0", "items": [0, 1] } ] } }
/// ```
///
/// The `items` are the words: every pronunciation with its times, every
/// punctuation mark attached to the word before it. The speaker of an item
/// is its own `speaker_label` (newer jobs), else the one `speaker_labels`
/// (or `channel_labels`) gives its start time. Cues break where the speaker
/// changes and where an audio segment starts (newer jobs); without audio
/// segments, after each sentence (`.`, `?`, `!`) or at
/// ``maxWordsPerCue`` words. A job whose `items` are missing is read from
/// its `transcripts` text, as one cue with a warning.
struct AmazonTranscribeParser: JSONTranscriptParser {
    /// The file name used in diagnostics.
    var file: String
    /// The limits applied.
    var limits: IngestLimits = .standard

    /// The most words in one cue when the job has no audio segments.
    static let maxWordsPerCue = 60

    /// Parses an already read Amazon Transcribe JSON value.
    func parse(_ root: JSONValue) -> ParsedTranscript {
        var builder = WordCueBuilder(file: file, limits: limits)
        let rootLine = root.line(or: 1)
        guard let results = root.member("results")?.value, case .object = results else {
            builder.warn(line: rootLine, "no \u{201C}results\u{201D} object; no cues read")
            return builder.result
        }
        let resultsLine = results.line(or: rootLine)
        guard let items = results.array("items"), !items.isEmpty else {
            let text = (results.array("transcripts") ?? []).compactMap { $0.string("transcript") }.joined(separator: " ")
            builder.warn(line: resultsLine, "no \u{201C}items\u{201D}"
                + (text.isEmpty ? "; no cues read" : "; read the \u{201C}transcripts\u{201D} text as one cue at 00:00.000"))
            builder.add(WordGroup(start: 0, end: 0, text: text, line: resultsLine))
            return builder.result
        }
        let speakers = speakerTable(results)
        let segmentStarts = audioSegmentStarts(results)
        var group = WordGroup(line: resultsLine)
        var line = resultsLine
        var spoken = 0
        for (index, item) in items.enumerated() {
            line = item.line(or: line)
            guard case .object = item else {
                builder.warn(line: line, "item \(index + 1) is \(item.kindName), not an object; skipped it")
                continue
            }
            let alternatives = item.array("alternatives") ?? []
            guard let content = alternatives.first?.string("content") else {
                builder.warn(line: line, "item \(index + 1) has no \u{201C}alternatives\u{201D} content; skipped it")
                continue
            }
            let isPunctuation = item.string("type") == "punctuation"
            // A cue breaks before a word (never before punctuation, which stays with its word):
            // where an audio segment starts, or at the word limit.
            let segmentStart = Self.intValue(item.member("id")?.value).map(segmentStarts.contains) ?? false
            if !isPunctuation, !group.words.isEmpty, segmentStart || (segmentStarts.isEmpty && spoken >= Self.maxWordsPerCue) {
                builder.add(group)
                group = WordGroup(line: line)
                spoken = 0
            }
            var word = TimedWord(text: content, line: line)
            if isPunctuation {
                word.attaches = true
            } else {
                word.start = JSONTranscript.time(item, "start_time", &builder, line: line)
                word.end = JSONTranscript.time(item, "end_time", &builder, line: line)
            }
            word.speaker = item.string("speaker_label") ?? item.string("channel_label")
                ?? speakers.speaker(startText: item.member("start_time")?.value.scalarText, start: word.start)
            if group.words.isEmpty { group.line = line }
            group.words.append(word)
            if !isPunctuation { spoken += 1 }
            if segmentStarts.isEmpty, isPunctuation, Self.endsSentence(content) {
                builder.add(group)
                group = WordGroup(line: line)
                spoken = 0
            }
        }
        if !group.words.isEmpty { builder.add(group) }
        return builder.result
    }

    /// Whether a punctuation item ends a sentence.
    static func endsSentence(_ content: String) -> Bool {
        content.contains(".") || content.contains("?") || content.contains("!")
    }

    static func intValue(_ value: JSONValue?) -> Int? {
        guard case .number(let s)? = value, s.utf8.count <= 18 else { return nil }
        return Int(s)
    }

    /// The item ids that start an audio segment (other than the first segment's).
    private func audioSegmentStarts(_ results: JSONValue) -> Set<Int> {
        var starts = Set<Int>()
        for segment in results.array("audio_segments") ?? [] {
            if let first = segment.array("items")?.first, let id = Self.intValue(first) { starts.insert(id) }
        }
        return starts
    }

    /// Speakers by item start time, from `speaker_labels` or `channel_labels`.
    private func speakerTable(_ results: JSONValue) -> SpeakerTable {
        var table = SpeakerTable()
        if let segments = results.member("speaker_labels")?.value.array("segments") {
            table.add(segments, key: "speaker_label")
        } else if let channels = results.member("channel_labels")?.value.array("channels") {
            table.add(channels, key: "channel_label")
        }
        table.ranges.sort { $0.start < $1.start }
        return table
    }

    /// Who speaks when, as `speaker_labels` tells it: by each item's start time
    /// as written, else by the segment whose range holds the time.
    private struct SpeakerTable {
        var byStartText: [String: String] = [:]
        var ranges: [(start: Double, end: Double, speaker: String)] = []

        mutating func add(_ segments: [JSONValue], key: String) {
            for segment in segments {
                guard let speaker = segment.string(key) else { continue }
                if case .valid(let s) = segment.seconds("start_time"), case .valid(let e) = segment.seconds("end_time") {
                    ranges.append((s, max(s, e), speaker))
                }
                for item in segment.array("items") ?? [] {
                    if let start = item.member("start_time")?.value.scalarText {
                        byStartText[start] = item.string(key) ?? speaker
                    }
                }
            }
        }

        func speaker(startText: String?, start: Double?) -> String? {
            if let startText, let s = byStartText[startText] { return s }
            guard let start, !ranges.isEmpty else { return nil }
            var lo = 0, hi = ranges.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if ranges[mid].start <= start { lo = mid + 1 } else { hi = mid }
            }
            guard lo > 0, start <= ranges[lo - 1].end else { return nil }
            return ranges[lo - 1].speaker
        }
    }
}
