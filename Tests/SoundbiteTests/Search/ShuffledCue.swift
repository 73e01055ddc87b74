@testable import Soundbite

/// A synthetic cue of `words` in random order (a Fisher–Yates shuffle by
/// `rng`) starting at `*t`, 2.5 words a second, which moves `*t` past it and
/// a 0.3 s pause: the cue shape of the block-max tests' synthetic indexes.
func shuffledCue(_ words: [String], _ rng: inout SyntheticCorpus.RNG, at t: inout Double,
                 speaker: (name: String, role: String), chapter: String, line: Int) -> Cue {
    var words = words
    for j in stride(from: words.count - 1, to: 0, by: -1) { words.swapAt(j, Int(rng.next() % UInt64(j + 1))) }
    let cue = Cue(start: t, end: t + Double(words.count) / 2.5, speaker: speaker.name, role: speaker.role,
                  chapter: chapter, text: words.joined(separator: " ") + ".", line: line)
    t += Double(words.count) / 2.5 + 0.3
    return cue
}
