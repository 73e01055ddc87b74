import Soundbite

/// Corpora of any size made from a real one, in memory, for the scale curve.
///
/// New interviews are assembled from runs of cues drawn at random from the
/// source (so speaker turns, roles, chapters and cue lengths stay realistic),
/// with fresh ids and timestamps. Every cue's words are perturbed so the
/// copies are not byte copies (which would make postings trivially
/// compressible and phrases trivially repeated): about 30% of the words are
/// replaced by words drawn from random other cues (which keeps the word
/// frequency distribution), a quarter of adjacent pairs are swapped, and
/// about 1 word in 500 is mutated into a new spelling, so the vocabulary keeps
/// growing with size as real transcripts' does (names, rare words, ASR errors).
enum ScaledCorpus {
    /// Hours of speech in `collection`: per interview, last cue end − first cue start.
    static func hours(of collection: InterviewCollection) -> Double {
        var seconds = 0.0
        for interview in collection.interviews where !interview.cues.isEmpty {
            let first = interview.cues.map(\.start).min() ?? 0
            let last = interview.cues.map(\.end).max() ?? 0
            seconds += max(0, last - first)
        }
        return seconds / 3600
    }

    /// A collection of about `hours` hours (never less) resampled from `source`.
    static func make(from source: InterviewCollection, hours: Double, seed: UInt64 = 0x5EED) -> InterviewCollection {
        let interviews = source.interviews.filter { !$0.cues.isEmpty }
        precondition(!interviews.isEmpty, "the source corpus has no cues")
        var random = SeededGenerator(seed: seed)
        // A pool of words, one per occurrence (so draws follow word frequency).
        var pool: [Substring] = []
        for interview in interviews {
            for cue in interview.cues { pool.append(contentsOf: cue.text.split(separator: " ")) }
        }
        precondition(!pool.isEmpty, "the source corpus has no words")
        let target = hours * 3600
        var produced = 0.0
        var result: [Interview] = []
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        var words: [Substring] = []
        while produced < target {
            let template = interviews[random.below(interviews.count)]
            let first = template.cues.map(\.start).min() ?? 0
            let last = template.cues.map(\.end).max() ?? 0
            let length = max(60, min(last - first, target - produced + 1))
            var cues: [Cue] = []
            var clock = 0.0
            while clock < length {
                let from = interviews[random.below(interviews.count)]
                let start = random.below(from.cues.count)
                let run = 8 + random.below(33)
                for cue in from.cues[start..<min(from.cues.count, start + run)] {
                    words.removeAll(keepingCapacity: true)
                    words.append(contentsOf: cue.text.split(separator: " "))
                    for k in words.indices where random.chance(0.3) { words[k] = pool[random.below(pool.count)] }
                    if words.count > 1 {
                        for _ in 0..<(words.count / 4) {
                            let k = random.below(words.count - 1)
                            words.swapAt(k, k + 1)
                        }
                    }
                    var text = ""
                    text.reserveCapacity(cue.text.utf8.count + 16)
                    for (k, word) in words.enumerated() {
                        if k > 0 { text += " " }
                        if word.count >= 4 && random.chance(0.002) {
                            var mutated = Array(word)
                            let at = 1 + random.below(mutated.count - 2)
                            mutated[at] = letters[random.below(letters.count)]
                            mutated.insert(letters[random.below(letters.count)], at: at)
                            text += String(mutated)
                        } else {
                            text += word
                        }
                    }
                    let duration = max(0.5, cue.end - cue.start)
                    cues.append(Cue(start: clock, end: clock + duration, speaker: cue.speaker, role: cue.role,
                                    chapter: cue.chapter, text: text))
                    clock += duration
                    if clock >= length { break }
                }
            }
            let n = result.count
            let id = "scaled-\(String(repeating: "0", count: max(0, 6 - String(n).count)))\(n)"
            result.append(Interview(id: id, path: id + ".vtt", title: "Resampled interview \(n)",
                                    fields: template.fields, cues: cues))
            produced += clock
        }
        return InterviewCollection(name: "\(source.name) (resampled to \(Int(hours.rounded())) h)", interviews: result)
    }
}
