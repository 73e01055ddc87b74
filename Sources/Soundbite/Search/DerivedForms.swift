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

    let reader: IndexReader
    /// At most this many relatives per word (the closest in length first).
    let limit: Int

    /// The ids of the dictionary terms related to `stem` (never `stem` itself).
    func relatives(of stem: [UInt8]) -> [Int] {
        let n = stem.count
        guard n >= Self.minimumLength else { return [] }
        var found: [(id: Int, gap: Int)] = []
        // Shorter relatives: the prefixes of the stem.
        for length in max(Self.minimumLength, n - Self.maximumGap)..<n {
            if let id = reader.termID(Array(stem[0..<length])) { found.append((id, n - length)) }
        }
        // Longer relatives: terms the stem is a prefix of, at most maximumGap longer.
        for id in reader.terms(withPrefix: stem) {
            let gap = reader.term(id).count - n
            if gap > 0 && gap <= Self.maximumGap { found.append((id, gap)) }
        }
        found.sort { ($0.gap, $0.id) < ($1.gap, $1.id) }
        return found.prefix(max(0, limit)).map(\.id)
    }
}
