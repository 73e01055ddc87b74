/// A query bound to one index: words analysed and looked up, prefix and
/// fuzzy words expanded, field clauses resolved to filters; everything a
/// scorer needs except the cursors. ``QueryCompiler`` builds it once per
/// search; ``scorer(reader:bm25:)`` then makes a fresh scorer tree each time
/// the search walks the matches (top k, counting, reading the page's hits).
indirect enum Weight {
    /// Every document (score 0).
    case all
    /// No document: a word the index does not have.
    case none
    /// One term, by id.
    case term(Int)
    /// A derived form of a query word (see ``DerivedForms``): one term whose
    /// BM25 score counts at ``DerivedForms/weight``.
    case derived(Int)
    /// The terms a prefix or fuzzy word expands to: any matches, the score
    /// sums theirs (see ``UnionScorer``).
    case union([Int])
    /// Terms at fixed offsets, each within `slop` of its place.
    case phrase([(term: Int, offset: Int)], slop: Int)
    /// Clauses and a filter, as ``BooleanScorer`` combines them.
    case boolean(must: [Weight], should: [Weight], mustNot: [Weight], filter: FilterNode?)

    /// A scorer tree positioned on the first match.
    func scorer(reader: IndexReader, bm25: BM25) -> Scorer {
        switch self {
        case .all: return AllScorer(documentCount: reader.docCount)
        case .none: return EmptyScorer()
        case .term(let id): return TermScorer(reader: reader, term: id, bm25: bm25)
        case .derived(let id): return TermScorer(reader: reader, term: id, bm25: bm25, weight: DerivedForms.weight)
        case .union(let terms): return UnionScorer(reader: reader, terms: terms, bm25: bm25)
        case .phrase(let terms, let slop): return PhraseScorer(reader: reader, terms: terms, slop: slop, bm25: bm25)
        case .boolean(let must, let should, let mustNot, let filter):
            return BooleanScorer(must: Self.scorers(must, reader, bm25), should: Self.scorers(should, reader, bm25),
                                 mustNot: Self.scorers(mustNot, reader, bm25), filter: filter, reader: reader)
        }
    }

    /// The scorers of `weights`, in order (a plain loop: a closure capturing
    /// `reader` would retain it).
    private static func scorers(_ weights: [Weight], _ reader: IndexReader, _ bm25: BM25) -> [Scorer] {
        var out: [Scorer] = []
        out.reserveCapacity(weights.count)
        for w in weights { out.append(w.scorer(reader: reader, bm25: bm25)) }
        return out
    }

    /// Whether the weight matches no document whatever the index holds: a
    /// missing word (``none``), a union of no terms, or a boolean that
    /// requires such a clause or whose only clauses are optional ones of
    /// that kind (the filter can only take documents away).
    var matchesNothing: Bool {
        switch self {
        case .none: return true
        case .union(let terms): return terms.isEmpty
        case .all, .term, .derived, .phrase: return false
        case .boolean(let must, let should, _, _):
            if must.contains(where: \.matchesNothing) { return true }
            return must.isEmpty && should.allSatisfy(\.matchesNothing)
        }
    }

    /// About how many documents the weight's scorer visits (document
    /// frequencies; for choosing the cheapest clause to drive a walk).
    func cost(_ reader: IndexReader) -> Int {
        switch self {
        case .all: return reader.docCount
        case .none: return 0
        case .term(let id), .derived(let id): return Int(reader.info(id).df)
        case .union(let terms): return terms.reduce(0) { $0 + Int(reader.info($1).df) }
        case .phrase(let terms, _): return terms.map { Int(reader.info($0.term).df) }.min() ?? 0
        case .boolean(let must, let should, _, _):
            if !must.isEmpty { return must.map { $0.cost(reader) }.min() ?? 0 }
            return should.reduce(0) { $0 + $1.cost(reader) }
        }
    }

    /// The idf a query word stands for in a cue score (``CueMatch``): a
    /// term's own, a phrase's sum, the largest of a disjunction's (prefix and
    /// fuzzy words), the smallest of a conjunction's; 0 for a derived form.
    func wordIDF(_ reader: IndexReader, _ bm25: BM25) -> Double {
        switch self {
        case .all, .none, .derived: return 0
        case .term(let id): return bm25.idf(df: Int(reader.info(id).df))
        case .union(let terms): return terms.map { bm25.idf(df: Int(reader.info($0).df)) }.max() ?? 0
        case .phrase(let terms, _):
            return Set(terms.map(\.term)).reduce(0) { $0 + bm25.idf(df: Int(reader.info($1).df)) }
        case .boolean(let must, let should, _, _):
            if !must.isEmpty { return must.map { $0.wordIDF(reader, bm25) }.min() ?? 0 }
            return should.map { $0.wordIDF(reader, bm25) }.max() ?? 0
        }
    }
}
