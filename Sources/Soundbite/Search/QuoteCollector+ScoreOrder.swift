extension QuoteCollector {
    /// The placement of every document when the quote order of a query with
    /// `words` is its BM25 score order; nil when the tiers can reorder it.
    ///
    /// One word without derived forms (a word, a phrase, a prefix or fuzzy
    /// word; or none, a query of field clauses): every match holds all of it,
    /// in one cue, so every document is of tier 1 and one-cue, and the order
    /// is the score's (``collect()`` then collects by score alone).
    static func scoreOrderPlacement(_ words: [TierWord]) -> Placement? {
        guard words.count <= 1 && words.allSatisfy({ $0.derived == nil }) else { return nil }
        return Placement(tier: .allWords, oneCue: true)
    }
}
