/// The documents a search matched, one bit each, and their facet counts:
/// per facet value, the size of the intersection of this set with the
/// value's stored document set (``FacetDocSets``), so counting costs by the
/// number of values and runs, not by the number of matches.
struct MatchSet {
    private(set) var words: [UInt64]

    init(documentCount: Int) {
        words = [UInt64](repeating: 0, count: (max(0, documentCount) + 63) / 64)
    }

    /// Adds document `d` (below the document count).
    @inline(__always)
    mutating func insert(_ d: UInt32) {
        words[Int(d >> 6)] |= 1 << UInt64(d & 63)
    }

    /// Matches per role, chapter and manifest field value (values without
    /// matches left out; `role` and `chapter` always present).
    func facets(_ reader: IndexReader) -> [String: [String: Int]] {
        var result: [String: [String: Int]] = ["role": [:], "chapter": [:]]
        let facets = reader.facets
        words.withUnsafeBufferPointer { bits in
            for (name, field) in [("role", FacetDocSets.Field.role), ("chapter", .chapter)] {
                for i in facets.entries(of: field) {
                    let n = facets.docs(i).count(in: bits)
                    if n > 0 { result[name, default: [:]][reader.string(facets.entry(i).value), default: 0] += n }
                }
            }
            for i in facets.entries(of: .manifest) {
                let n = facets.docs(i).count(in: bits)
                guard n > 0 else { continue }
                let e = facets.entry(i)
                result[reader.string(e.key), default: [:]][reader.string(e.value), default: 0] += n
            }
        }
        return result
    }
}
