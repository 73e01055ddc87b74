/// The terms a fuzzy word (`recieve~1`) stands for: those within `maxEdits`
/// Levenshtein edits (on bytes) of the analysed word, found by walking a
/// ``LevenshteinAutomaton`` over the sorted dictionary; the closest first,
/// then the most frequent, then the lowest id, at most `limit` of them.
struct FuzzyExpansion {
    let reader: IndexReader
    let limit: Int

    /// The term ids of `text~maxEdits`, in increasing id order.
    func terms(_ text: String, maxEdits: Int) -> [Int] {
        guard let word = reader.analyzer.terms(text).first else { return [] }
        var found: [(id: Int, distance: Int, df: UInt32)] = []
        var automaton = LevenshteinAutomaton(word: Array(word.utf8), maxEdits: maxEdits)
        automaton.forEachMatch(in: reader.terms) { id, d in found.append((id, d, reader.info(id).df)) }
        found.sort { ($0.distance, $1.df, $0.id) < ($1.distance, $0.df, $1.id) }
        return found.prefix(limit).map(\.id).sorted()
    }
}
