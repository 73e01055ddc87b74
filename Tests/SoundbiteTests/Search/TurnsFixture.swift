@testable import Soundbite

/// One interview of one-cue turns (Ann, a guest, and Bob, a host, taking
/// turns, ten seconds each), for tests whose bounds must bite on passages
/// shaped cue by cue.
enum TurnsFixture {
    /// Filler words that none of the tests' query words stem to.
    static let fillers = ["morning", "walk", "town", "money", "bus", "ride", "home", "reading", "late", "night",
                          "music", "drama", "school", "garden", "river", "bridge", "market", "letter"]

    /// An index of `count` turns: `text(i, w)` is turn `i`'s text, where
    /// `w(k)` is a filler that varies with `i` and `k`.
    static func index(count: Int, passageWords: Int, text: (Int, (Int) -> String) -> String) -> SearchIndex {
        let cues = (0..<count).map { i in
            Cue(start: Double(i) * 10, end: Double(i) * 10 + 9, speaker: i % 2 == 0 ? "Ann" : "Bob",
                role: i % 2 == 0 ? "guest" : "host", chapter: "One",
                text: text(i) { k in fillers[(i * 7 + k * 5) % fillers.count] }, line: i + 1)
        }
        let interview = Interview(id: "zoo", path: "zoo.vtt", title: "Zoo", media: "https://example.org/zoo.mp4", cues: cues)
        return SearchIndex(building: [InterviewCollection(name: "zoo", interviews: [interview])],
                           options: IndexOptions(passageWords: passageWords))
    }
}
