@testable import Soundbite
import SoundbiteTestSupport

/// A deterministic generator of interview collections for tests: words
/// drawn from a skewed vocabulary, speakers alternating in turns, chapters
/// changing part-way, so every index feature meets realistic shapes.
struct SyntheticCorpus {
    /// The generator the corpus is drawn with.
    typealias RNG = SplitMix64

    static let vocabulary: [String] = """
    the a to and of in that it is was we they laptops laptop home parents parent teachers teacher students \
    student school schools learning learned learn dinner time talk talking changed change reading writing \
    maths science homework classroom computers computer netbooks governors governor council budget money \
    village bus broadband video conference results exams GCSEs behaviour trust confidence children child \
    family families evening morning weekend project projects garden music drama football library office \
    head deputy staff training network wireless printer screen keyboard internet email blog podcast camera \
    naïve café Zoë Siobhán 1:1 ICT Ofsted year six seven eight nine ten hundred thousand per cent really \
    actually obviously probably basically absolutely wonderful difficult important different
    """.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)

    static let speakers = [("Ruth Okafor", "head teacher"), ("Priya Nair", "parent"),
                           ("Tom Mercer", "deputy head"), ("Zoë Turner", "student"), ("Interviewer", "interviewer")]
    static let chapters = ["School Overview", "Use of ICT", "Parent Experience"]

    /// A sentence of `n` words, Zipf-like: low indexes far more often.
    static func sentence(_ n: Int, _ rng: inout RNG) -> String {
        (0..<n).map { _ in
            let u = Double(rng.next() % 1_000_000) / 1_000_000
            let i = Int(pow(u, 2.2) * Double(vocabulary.count))
            return vocabulary[min(i, vocabulary.count - 1)]
        }.joined(separator: " ")
    }

    /// `interviews` interviews of `cuesEach` cues.
    static func collection(interviews: Int, cuesEach: Int, seed: UInt64 = 42) -> InterviewCollection {
        var rng = RNG(state: seed)
        var result: [Interview] = []
        for i in 0..<interviews {
            var cues: [Cue] = []
            var t = 0.0
            var speaker = 0
            for c in 0..<cuesEach {
                if rng.next() % 4 == 0 { speaker = Int(rng.next() % UInt64(speakers.count)) }
                let words = 4 + Int(rng.next() % 12)
                let text = sentence(words, &rng) + (rng.next() % 3 == 0 ? "." : "")
                let chapter = chapters[min(chapters.count - 1, c * chapters.count / max(1, cuesEach))]
                cues.append(Cue(start: t, end: t + Double(words) / 2.5, speaker: speakers[speaker].0,
                                role: speakers[speaker].1, chapter: chapter, text: text, line: c + 1))
                t += Double(words) / 2.5 + 0.3
            }
            let school = i % 2 == 0 ? "Hillside Primary" : "Riverside Academy"
            result.append(Interview(id: "int-\(i)", path: "int-\(i).vtt", title: "Interview \(i)",
                                    media: "https://example.org/v/\(i).mp4",
                                    fields: ["school": school, "phase": i % 2 == 0 ? "primary" : "secondary"],
                                    cues: cues))
        }
        return InterviewCollection(name: "synthetic", interviews: result)
    }

    /// `interviews` interviews named `name`0, `name`1, … of `cuesEach` cues
    /// 2.5 s apart in one chapter, the speaker switching between a head
    /// teacher and a parent every `speakerRun` cues; `text` gives each cue's
    /// text. For tests that shape the cues themselves.
    static func twoSpeakers(_ name: String, interviews: Int, cuesEach: Int, speakerRun: Int,
                            text: () -> String) -> InterviewCollection {
        var all: [Interview] = []
        for i in 0..<interviews {
            var cues: [Cue] = []
            var t = 0.0
            for c in 0..<cuesEach {
                let speaker = c / speakerRun % 2 == 0 ? speakers[0] : speakers[1]
                cues.append(Cue(start: t, end: t + 2, speaker: speaker.0, role: speaker.1, chapter: "One", text: text(),
                                line: c + 1))
                t += 2.5
            }
            all.append(Interview(id: "\(name)\(i)", path: "\(name)\(i).vtt", title: "\(name) \(i)", media: "", fields: [:],
                                 cues: cues))
        }
        return InterviewCollection(name: name, interviews: all)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
