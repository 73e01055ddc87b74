/// The derived forms (``DerivedForms``) of a query's top-level optional
/// words, left out of its BM25 top k until they can change it.
///
/// A derived form scores 0 (``DerivedForms/weight``), so it adds nothing to
/// a document's score (`s + 0.0` is `s`, bit for bit; the forms come last
/// in the clause order) and matters only through the documents that hold
/// nothing but derived forms of the words: those match with score 0. With
/// a required clause they match anyway, so the forms change nothing. Without
/// one, let R be the top k of the query without its forms and p the number
/// of R's documents with a positive score. Every document matches the query
/// without its forms with the same score, or holds only forms and scores 0,
/// so the top k of the whole query is the top k of R and of the first
/// `k − p` of those others by document id (later ones tie at 0 and lose to
/// lower ids). When p = k (the usual full page) that is R, and the forms are
/// never looked up; otherwise they are, and walked (under the query's filter
/// and exclusions) only until `k − p` documents outside R are found.
struct DeferredDerivedForms {
    /// The stems of the optional words, in query order.
    let stems: [Int]
    /// The terms the query has (a form already in it is not added again).
    let seen: SeenTerms
    /// At most this many forms per word.
    let limit: Int

    /// Whether a query's BM25 top k may leave its derived forms to this:
    /// only while they score 0.
    static var applies: Bool { DerivedForms.weight == 0 }

    /// The forms the whole query would have, in its clause order.
    func ids(_ reader: IndexReader) -> [Int] {
        let derived = DerivedForms(reader: reader, limit: limit)
        var seen = seen
        var ids: [Int] = []
        for stem in stems { ids += seen.inserting(derived.relatives(ofTerm: stem)) }
        return ids
    }

    /// The top `k` of the whole query, from `top`, the top `k` of `weight`
    /// (the query without its forms, best first).
    func completed(_ top: [(score: Double, doc: UInt32)], weight: Weight, k: Int, reader: IndexReader,
                   bm25: BM25) -> [(score: Double, doc: UInt32)] {
        guard case .boolean(let must, _, let mustNot, let filter) = weight, must.isEmpty else { return top }
        var positive = 0
        while positive < top.count && top[positive].score > 0 { positive += 1 }
        guard positive < k else { return top }
        let forms = ids(reader)
        guard !forms.isEmpty else { return top }
        let others = Weight.boolean(must: [], should: forms.map { .derived($0) }, mustNot: mustNot, filter: filter)
            .scorer(reader: reader, bm25: bm25)
        let taken = top.map(\.doc).sorted()
        var best = TopK(k: k)
        for entry in top { best.insert(entry.score, entry.doc) }
        var found = 0
        while others.doc != PostingCursor.noMoreDocs && found < k - positive {
            let doc = others.doc
            if !Self.contains(taken, doc) {
                best.insert(others.score(), doc)
                found += 1
            }
            others.next()
        }
        return best.sorted()
    }

    /// Whether sorted `docs` holds `doc` (binary search).
    private static func contains(_ docs: [UInt32], _ doc: UInt32) -> Bool {
        var lo = 0, hi = docs.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if docs[mid] < doc { lo = mid + 1 } else { hi = mid }
        }
        return lo < docs.count && docs[lo] == doc
    }
}
