/// `soundbite stats --format json`: the statistics, seconds to the
/// millisecond, cues without a role counted under "(none)", files of no known
/// format under "(unknown)", and with `--diagnostics` every diagnostic.
/// `soundbite serve` answers `GET /api/stats` with the same JSON.
package struct StatisticsJSON: Encodable {
    let interviews: Int, cues: Int, words: Int
    let seconds: Double
    let roles: SortedKeys<Int>
    let speakers: Int, chapters: Int, warnings: Int, skipped: Int
    let formats: SortedKeys<Int>
    let documents: Int, terms: Int, bytes: Int
    /// Present when `soundbite used` recorded ranges.
    let used: UsedJSON?
    let diagnostics: [Diagnostic]?

    /// `{"seconds", "collections": [{"name", "used", "recorded"}], "interviews": [{"interview", "used", "recorded"}]}`, seconds to the millisecond.
    struct UsedJSON: Encodable {
        struct Part: Encodable { let name: String?, interview: String?, used: Double, recorded: Double }
        let seconds: Double
        let collections: [Part]
        let interviews: [Part]
    }

    package init(_ s: IndexStatistics, diagnostics: [Diagnostic]? = nil) {
        interviews = s.interviews; cues = s.cues; words = s.words
        seconds = (s.seconds * 1000).rounded() / 1000
        roles = SortedKeys(Dictionary(uniqueKeysWithValues: s.roles.map { ($0.key.isEmpty ? "(none)" : $0.key, $0.value) }))
        speakers = s.speakers; chapters = s.chapters; warnings = s.warnings; skipped = s.skipped
        formats = SortedKeys(Dictionary(uniqueKeysWithValues: s.formats.map { ($0.key.isEmpty ? "(unknown)" : $0.key, $0.value) }))
        documents = s.documents; terms = s.terms; bytes = s.bytes
        func ms(_ t: Double) -> Double { (t * 1000).rounded() / 1000 }
        used = s.usedByInterview.isEmpty ? nil : UsedJSON(
            seconds: ms(s.usedByInterview.reduce(0) { $0 + $1.used }),
            collections: s.usedByCollection.map { .init(name: $0.name, interview: nil, used: ms($0.used), recorded: ms($0.recorded)) },
            interviews: s.usedByInterview.map { .init(name: nil, interview: $0.name, used: ms($0.used), recorded: ms($0.recorded)) })
        self.diagnostics = diagnostics
    }
}
