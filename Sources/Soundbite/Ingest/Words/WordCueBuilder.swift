/// Turns word groups (``WordGroup``) into cues, the same way for every
/// recogniser format that times single words (Whisper, WhisperX, Amazon
/// Transcribe):
///
/// - A cue starts at its first word's start and ends at its last word's end,
///   so a hit jumps to where its words are said; a group without words is one
///   cue with the group's times.
/// - A group is split where the speaker changes (a word's own speaker, else
///   the one before it in the group, else the group's).
/// - Nothing is lost: a word without a usable time keeps its text and gets a
///   time interpolated between its timed neighbours (or the group's bounds),
///   with one warning per run of such words; punctuation without a time takes
///   the time of the word before it, silently. A group that ends before it
///   starts is read with its end moved to its start, with a warning.
/// - A cue longer than ``IngestLimits/maxCueBytes`` continues in a new cue
///   instead of being cut.
struct WordCueBuilder {
    /// The file name used in diagnostics.
    let file: String
    /// The limits applied.
    let limits: IngestLimits
    /// What has been built so far.
    private(set) var result = ParsedTranscript()
    /// The latest end time seen: where a group without any time is placed.
    private var lastEnd: Double = 0

    /// Creates a builder for `file`.
    init(file: String, limits: IngestLimits) {
        self.file = file
        self.limits = limits
    }

    /// Records a warning.
    mutating func warn(line: Int, _ message: String) {
        result.diagnostics.append(Diagnostic(.warning, file: file, line: line, message))
    }

    /// Adds one group's cues.
    mutating func add(_ group: WordGroup) {
        var groupEnd = group.end
        if let s = group.start, let e = groupEnd, e < s {
            warn(line: group.line, "segment ends at \(Self.time(e)), before it starts at \(Self.time(s)); read it as ending at its start")
            groupEnd = s
        }
        let words = group.words.filter { !$0.text.allSatisfy(\.isWhitespace) }
        if words.isEmpty {
            let text = CueMarkup.collapseSpace(group.text)
            guard !text.isEmpty else { return }
            let start = group.start ?? groupEnd.map { min($0, lastEnd) } ?? lastEnd
            if group.start == nil {
                warn(line: group.line, "segment has no usable start time; placed it at \(Self.time(start))")
            }
            append(RawCue(start: start, end: max(start, groupEnd ?? start), label: Self.label(group.speaker),
                          text: text, line: group.line))
            return
        }
        let timed = fillTimes(words, groupStart: group.start, groupEnd: groupEnd)
        var speaker = group.speaker
        // The cue being built, kept in plain locals so appending a word never copies its text.
        var text: [UInt8] = []
        var start = 0.0, end = 0.0, line = group.line
        var cueSpeaker: String?
        for (word, times) in zip(words, timed) {
            // Punctuation stays with the word before it, whoever the file says spoke it.
            if !word.attaches, let s = word.speaker, !s.isEmpty { speaker = s }
            let wordText = CueMarkup.collapseSpace(word.text).utf8
            if !text.isEmpty, cueSpeaker == speaker, text.count + wordText.count < limits.maxCueBytes {
                if !word.attaches { text.append(0x20) }
                text.append(contentsOf: wordText)
                end = max(end, times.end)
                continue
            }
            if !text.isEmpty {
                append(RawCue(start: start, end: end, label: Self.label(cueSpeaker),
                              text: String(decoding: text, as: UTF8.self), line: line))
                text.removeAll(keepingCapacity: true)
            }
            text.append(contentsOf: wordText)
            start = times.start
            end = max(times.start, times.end)
            line = word.line
            cueSpeaker = speaker
        }
        if !text.isEmpty {
            append(RawCue(start: start, end: end, label: Self.label(cueSpeaker),
                          text: String(decoding: text, as: UTF8.self), line: line))
        }
    }

    private mutating func append(_ cue: RawCue) {
        result.cues.append(cue)
        lastEnd = max(lastEnd, cue.end)
    }

    /// The times of every word: its own where usable, else interpolated.
    private mutating func fillTimes(_ words: [TimedWord], groupStart: Double?, groupEnd: Double?) -> [(start: Double, end: Double)] {
        var out = [(start: Double, end: Double)](repeating: (0, 0), count: words.count)
        var previousEnd = groupStart ?? lastEnd
        var k = 0
        while k < words.count {
            let w = words[k]
            if let s = w.start {
                let e = max(s, w.end ?? s)
                out[k] = (s, e)
                previousEnd = e
                k += 1
                continue
            }
            if w.attaches {
                out[k] = (previousEnd, previousEnd)
                k += 1
                continue
            }
            // A run of untimed words (punctuation inside the run rides along).
            var j = k
            while j < words.count, words[j].start == nil { j += 1 }
            let next = j < words.count ? words[j].start! : (groupEnd ?? previousEnd)
            let lo = previousEnd, hi = max(lo, next)
            let spoken = words[k..<j].filter { !$0.attaches }
            let step = (hi - lo) / Double(spoken.count)
            var n = 0
            for m in k..<j {
                if words[m].attaches {
                    out[m] = (lo + step * Double(n), lo + step * Double(n))
                } else {
                    out[m] = (lo + step * Double(n), lo + step * Double(n + 1))
                    n += 1
                }
            }
            let shown = spoken.prefix(3).map { "\u{201C}\(CueMarkup.collapseSpace($0.text))\u{201D}" }.joined(separator: ", ")
            let more = spoken.count > 3 ? " and \(spoken.count - 3) more" : ""
            warn(line: words[k].line, (spoken.count == 1 ? "word \(shown) has" : "\(spoken.count) words (\(shown)\(more)) have")
                 + " no usable time; kept with a time interpolated between \(Self.time(lo)) and \(Self.time(hi))")
            previousEnd = hi
            k = j
        }
        return out
    }

    /// A label for a recogniser's speaker name, kept exactly as given
    /// (`SPEAKER_00`, `spk_0`); `nil` for none.
    static func label(_ speaker: String?) -> SpeakerLabel? {
        guard let speaker else { return nil }
        let name = CueMarkup.collapseSpace(speaker)
        return name.isEmpty ? nil : SpeakerLabel(speaker: name, role: nil)
    }

    static func time(_ seconds: Double) -> String { Timestamp.format(seconds) }
}
