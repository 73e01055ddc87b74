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
        let node: QueryNode
        do { node = try QueryParser(limits: options.limits).parse(query) } catch { throw .syntax(error) }
        return try Searcher(reader: reader, options: options).topDocuments(node)
    }
}

extension Searcher {
    /// Parse-free core of ``run(_:text:)``: compile, collect, page.
    func topDocuments(_ node: QueryNode) throws(SearchError) -> [(score: Double, doc: UInt32)] {
        guard options.k1.isFinite, options.k1 >= 0, options.b.isFinite, options.b >= 0, options.b <= 1,
              options.limit >= 0, options.offset >= 0 else { throw .invalidOption("k1, b, limit or offset out of range") }
        let bm25 = BM25(k1: options.k1, b: options.b, avgdl: reader.avgdl, documentCount: reader.docCount)
        let compiler = QueryCompiler(reader: reader, bm25: bm25, limits: options.limits)
        let fields = FieldFilters(reader: reader)
        var nodes: [FilterNode] = []
        for (name, values) in options.filters.pairs where !values.isEmpty {
            nodes.append(try fields.filter(name: name, values: values))
        }
        let filter: FilterNode? = nodes.isEmpty ? nil : (nodes.count == 1 ? nodes[0] : .all(nodes))
        let k = min(options.offset + options.limit, reader.docCount)
        let top = TopKCollector.collect(try compiler.root(node, filter: filter), k: k, exhaustive: options.exhaustive)
        return Array(top.dropFirst(options.offset))
    }
}
