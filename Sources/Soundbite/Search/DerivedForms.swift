/// Query-time expansion of one stem to its derivational relatives in the
/// term dictionary: `histor` (historical) ↔ `histori` (history), `inspector`
/// ↔ `inspect` (inspection), `honest` ↔ `honesti` (honesty). Porter2 joins
/// inflections (`journalists` → `journalist`) but not derivations; this
/// joins two stems when one is a prefix of the other, both have at least
/// ``minimumLength`` bytes and they differ by at most ``maximumGap``.
///
/// Nothing is added to the index: the relatives are looked up in the sorted
/// dictionary (one prefix range and at most ``maximumGap`` exact lookups per
/// word). They score at ``weight`` of their BM25 score, so a passage holding
/// the word as typed outranks one holding only a relative.
struct DerivedForms {
    /// The shortest stem that is expanded or expanded to.
    static let minimumLength = 5
    /// The largest length difference between related stems.
    static let maximumGap = 4
    /// The share of a related stem's BM25 score that counts.
    static let weight = 0.0

    /// Held without reference counting (ARCHITECTURE.md, "Holding the
    /// reader"): made for one search, never stored past it.
    unowned(unsafe) let reader: IndexReader
    /// At most this many relatives per word (the closest in length first).
    let limit: Int

    /// The ids of the dictionary terms related to `stem` (never `stem` itself).
    func relatives(of stem: [UInt8]) -> [Int] {
        stem.withUnsafeBytes { relatives(of: $0, from: reader.terms.lowerBound($0)) }
    }

    /// The ids of the dictionary terms related to term `id` (never `id`
    /// itself): its neighbours in the sorted dictionary, so each lookup
    /// gallops from the term's own place instead of searching the whole table.
    func relatives(ofTerm id: Int) -> [Int] {
        relatives(of: reader.terms.term(id), from: id)
    }

    /// The relatives of `stem`, `lo` being the first term ≥ `stem`. Its
    /// prefixes all sort before it, each before the next longer one, and the
    /// terms it is a prefix of follow from `lo` on.
    private func relatives(of stem: UnsafeRawBufferPointer, from lo: Int) -> [Int] {
        let n = stem.count
        guard n >= Self.minimumLength else { return [] }
        let terms = reader.terms
        var found: [(id: Int, gap: Int)] = []
        // Shorter relatives: the prefixes of the stem, longest first.
        var end = lo
        for length in stride(from: n - 1, through: max(Self.minimumLength, n - Self.maximumGap), by: -1) {
            let key = UnsafeRawBufferPointer(rebasing: stem[0..<length])
            end = terms.lowerBound(key, before: end)
            if end < terms.count && terms.term(end).elementsEqual(key) { found.append((end, n - length)) }
        }
        // Longer relatives: terms the stem is a prefix of, at most maximumGap longer.
        for id in terms.ids(withPrefix: stem, from: lo) {
            let gap = terms.term(id).count - n
            if gap > 0 && gap <= Self.maximumGap { found.append((id, gap)) }
        }
        guard !found.isEmpty else { return [] }
        found.sort { ($0.gap, $0.id) < ($1.gap, $1.id) }
        return found.prefix(max(0, limit)).map(\.id)
    }
}
