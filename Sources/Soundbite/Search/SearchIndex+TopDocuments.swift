/// Top-k retrieval without building hits: what a search engine's own
/// benchmark times (tantivy's `searcher.search`, FTS5's `ORDER BY bm25()
/// LIMIT k`). `Benchmarks/SoundbiteBench` uses it to compare like with like;
/// ``SearchIndex/search(_:options:)`` does the same and then builds hits
/// (text, snippet, timecode, media link) for the page.
extension SearchIndex {
    /// The best documents for `query` as (score, document id), best first,
    /// honouring `limit`, `offset`, `k1`, `b`, `filters` and `exhaustive`.
    package func topDocuments(_ query: String, options: SearchOptions = SearchOptions())
        throws(SearchError) -> [(score: Double, doc: UInt32)] {
        try undamaged(Searcher(reader: reader, options: options).topDocuments(try parse(query, limits: options.limits)))
    }
}
