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
    let diagnostics: [Diagnostic]?

    package init(_ s: IndexStatistics, diagnostics: [Diagnostic]? = nil) {
        interviews = s.interviews; cues = s.cues; words = s.words
        seconds = (s.seconds * 1000).rounded() / 1000
        roles = SortedKeys(Dictionary(uniqueKeysWithValues: s.roles.map { ($0.key.isEmpty ? "(none)" : $0.key, $0.value) }))
        speakers = s.speakers; chapters = s.chapters; warnings = s.warnings; skipped = s.skipped
        formats = SortedKeys(Dictionary(uniqueKeysWithValues: s.formats.map { ($0.key.isEmpty ? "(unknown)" : $0.key, $0.value) }))
        documents = s.documents; terms = s.terms; bytes = s.bytes
        self.diagnostics = diagnostics
    }
}
