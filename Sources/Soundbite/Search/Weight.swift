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
        case .phrase(let terms, let slop): return PhraseScorer(reader: reader, terms: terms, slop: slop, bm25: bm25)
        case .boolean(let must, let should, let mustNot, let filter):
            func scorers(_ ws: [Weight]) -> [Scorer] { ws.map { $0.scorer(reader: reader, bm25: bm25) } }
            return BooleanScorer(must: scorers(must), should: scorers(should), mustNot: scorers(mustNot),
                                 filter: filter, reader: reader)
        }
    }
}
