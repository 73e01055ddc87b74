/// The terms a prefix word (`laptop*`) stands for: every term starting with
/// the normalised prefix (one binary search and a scan of the range, since
/// the dictionary is sorted), plus the stem of the prefix itself, so
/// `laptops*` still finds the stored stem `laptop`.
///
/// A prefix matching more than `limit` terms is refused (``SearchError/tooManyTerms(_:)``):
/// its cost would grow with the dictionary.
struct PrefixExpansion {
    let reader: IndexReader
    let limit: Int

    /// The term ids of `text*`, in id order with the stem (if outside the range) last.
    func terms(_ text: String) throws(SearchError) -> [Int] {
        let plain = Analyzer(stemming: false, folding: reader.analyzer.folding)
        let normalized = plain.terms(text).joined()
        guard !normalized.isEmpty else { return [] }
        let range = reader.terms(withPrefix: Array(normalized.utf8))
        guard range.count <= limit else {
            throw .tooManyTerms("'\(text)*' matches \(range.count) terms, more than the limit of \(limit); type more letters before the *")
        }
        var ids = Array(range)
        if let stem = reader.analyzer.terms(text).first, let id = reader.termID(Array(stem.utf8)), !range.contains(id) {
            ids.append(id)
        }
        return ids
    }
}
