/// Runs one search against one index: compiles the query to scorers,
/// collects the top k (MaxScore-pruned), counts totals and facets, and turns
/// documents into hits with snippets, explanations and context.
struct Searcher {
    /// Held without reference counting (ARCHITECTURE.md, "Holding the
    /// reader"): a searcher runs inside a method of the ``SearchIndex`` that
    /// holds the reader; what outlives the search (a page of hits) retains it.
    unowned(unsafe) let reader: IndexReader
    let options: SearchOptions

    func run(_ node: QueryNode, text: String) throws(SearchError) -> SearchResults {
        let countFacets = options.countFacets || options.limit == 0
        // Counting every match needs the derived forms from the start.
        let (query, bm25) = try prepare(node, deferringDerivedForms: defersDerivedForms && !countFacets && !options.countTotal)
        var top: [Collected]
        var total: Int
        var facets: [String: [String: Int]] = [:]
        if countFacets || options.countTotal {
            // Totals and facets need every match: one walk gives the match
            // set, the total and, where it ranks by score, the top k as well.
            let oneWalk = ranksInWalk(query)
            let walk = walkAll(query, bm25, k: oneWalk.ranks ? k : 0, keepingMatches: countFacets)
            top = oneWalk.ranks ? walk.top.map { ($0.score, $0.doc, oneWalk.placement) } : collect(query, bm25)
            total = walk.total
            if countFacets {
                facets = walk.matches.facets(reader)
            }
            if countFacets && !reader.used.isEmpty {
                let used = walk.matches.count(in: reader.usedDocuments.runs(reader))
                facets["used"] = ["used": used, "unused": walk.total - used]
            }
        } else {
            top = collect(query, bm25)
            total = top.count
        }
        let page = Array(top.dropFirst(options.offset))
        // Hits whose fields are built on first read; every page that build reads is checked now.
        let builder = HitBuilder(reader: reader, options: options, bm25: bm25)
        builder.checkPages(page, weight: query.weight)
        let hits = HitPage.hits(page, builder: builder, weight: query.weight)
        return SearchResults(query: text, total: total, hits: hits, facets: facets)
    }

    /// Whether the walk that counts every match also ranks the page
    /// (scoring each match), and the placement its documents then get:
    /// - in the BM25 order, or in the quote order past
    ///   ``QuoteCollector/maxWords``, the order is the score's (no placement);
    /// - in the quote order of a query whose quote order is its score order
    ///   (``QuoteCollector/scoreOrderPlacement(_:)``), only for a lone phrase:
    ///   the walk counts each match's phrase occurrences anyway (it reads
    ///   their positions to find the first one), so scoring them costs little
    ///   beside a second, pruned walk over the same candidates. A lone word
    ///   keeps that second walk: it skips whole blocks, where scoring in the
    ///   walk would read every posting's length.
    /// Both ways give the same page: pruned top k == exhaustive.
    func ranksInWalk(_ query: CompiledQuery) -> (ranks: Bool, placement: Placement?) {
        if options.ranking == .bm25 || query.words.count > QuoteCollector.maxWords { return (true, nil) }
        guard let placement = QuoteCollector.scoreOrderPlacement(query.words),
              case .boolean(let must, let should, _, _) = query.weight, must.isEmpty, should.count == 1,
              case .phrase = should[0] else { return (false, nil) }
        return (true, placement)
    }

    /// Documents to collect: `offset + limit`, at most every document.
    private var k: Int { min(options.offset + options.limit, reader.docCount) }

    /// Every match of `query`, once: how many, which (for facets, when
    /// `keepingMatches`; else the set is empty), and the best `k` by score
    /// (exhaustive scoring, so the same as pruned). With `k` = 0 nothing is
    /// scored, so phrases only test whether they occur.
    private func walkAll(_ query: CompiledQuery, _ bm25: BM25, k: Int,
                         keepingMatches: Bool) -> (top: [(score: Double, doc: UInt32)], total: Int, matches: MatchSet) {
        let root = query.weight.scorer(reader: reader, bm25: bm25)
        if k == 0 { Self.findExistenceOnly(root) }
        var top = TopK(k: k)
        var matches = MatchSet()
        var total = 0
        while root.doc != PostingCursor.noMoreDocs {
            let d = root.doc
            total += 1
            if keepingMatches { matches.append(d) }
            if k > 0 { top.insert(root.score(), d) }
            root.next()
        }
        return (top.sorted(), total, matches)
    }

    /// Lets every phrase under `scorer` stop at a document's first match
    /// (``PhraseScorer/findExistenceOnly()``), for a walk that scores nothing.
    private static func findExistenceOnly(_ scorer: Scorer) {
        if let phrase = scorer as? PhraseScorer { phrase.findExistenceOnly() }
        guard let b = scorer as? BooleanScorer else { return }
        for c in b.must { findExistenceOnly(c) }
        for c in b.should { findExistenceOnly(c) }
        for c in b.mustNot { findExistenceOnly(c) }
    }

    /// The page of (score, document) pairs alone, without hits, totals or facets.
    func topDocuments(_ node: QueryNode) throws(SearchError) -> [(score: Double, doc: UInt32)] {
        let (query, bm25) = try prepare(node, deferringDerivedForms: defersDerivedForms)
        if query.weight.matchesNothing { return [] }
        if let entries = quoteEntries(query, bm25) { return entries.dropFirst(options.offset).map { ($0.score, $0.doc) } }
        // The collector's array as it is when there is no offset (the usual page).
        let top = bestByScore(query, bm25)
        return options.offset == 0 ? top : Array(top.dropFirst(options.offset))
    }

    /// Whether a top k without totals may leave the derived forms of the
    /// query's words until they can change it (``DeferredDerivedForms``): in
    /// the BM25 order, pruned (the exhaustive walk stays the reference).
    private var defersDerivedForms: Bool {
        options.ranking == .bm25 && !options.exhaustive && DeferredDerivedForms.applies
    }

    /// Checks the options and binds the query and the filters to the index, once.
    private func prepare(_ node: QueryNode, deferringDerivedForms: Bool = false) throws(SearchError) -> (CompiledQuery, BM25) {
        guard options.k1.isFinite, options.k1 >= 0 else { throw .invalidOption("k1 must be a number ≥ 0, got \(options.k1)") }
        guard options.b.isFinite, options.b >= 0, options.b <= 1 else { throw .invalidOption("b must be between 0 and 1, got \(options.b)") }
        guard options.limit >= 0, options.offset >= 0 else { throw .invalidOption("limit and offset must be ≥ 0") }
        let bm25 = BM25(k1: options.k1, b: options.b, avgdl: reader.avgdl, documentCount: reader.docCount)
        let compiler = QueryCompiler(reader: reader, bm25: bm25, limits: options.limits)
        return (try compiler.root(node, filter: try filterNode(), deferringDerivedForms: deferringDerivedForms), bm25)
    }

    /// One collected document: its score and, in the quote order, its placement.
    typealias Collected = (score: Double, doc: UInt32, placement: Placement?)

    /// The best `offset + limit` documents in the search's order
    /// (MaxScore-pruned unless `exhaustive`).
    private func collect(_ query: CompiledQuery, _ bm25: BM25) -> [Collected] {
        // A query of words the index lacks: no scorer, cursor or heap made.
        if query.weight.matchesNothing { return [] }
        if let entries = quoteEntries(query, bm25) { return entries.map { ($0.score, $0.doc, $0.placement) } }
        return bestByScore(query, bm25).map { ($0.score, $0.doc, nil) }
    }

    /// The quote order's best `k`; nil in the BM25 order or when the quote
    /// collector leaves the query to the score order.
    private func quoteEntries(_ query: CompiledQuery, _ bm25: BM25) -> [QuoteCollector.Entry]? {
        guard options.ranking == .quote else { return nil }
        return QuoteCollector(reader: reader, bm25: bm25, query: query, k: k, exhaustive: options.exhaustive).collect()
    }

    /// The best `k` by BM25 score (MaxScore-pruned unless `exhaustive`).
    private func bestByScore(_ query: CompiledQuery, _ bm25: BM25) -> [(score: Double, doc: UInt32)] {
        let top = TopKCollector.collect(query.weight.scorer(reader: reader, bm25: bm25), k: k, exhaustive: options.exhaustive)
        guard let forms = query.deferredForms else { return top }
        return forms.completed(top, weight: query.weight, k: k, reader: reader, bm25: bm25)
    }

    /// The search's filters as one node (nil when there are none).
    func filterNode() throws(SearchError) -> FilterNode? {
        let fields = FieldFilters(reader: reader)
        var nodes: [FilterNode] = []
        // No filter (the usual search): not even the pairs are built.
        if !options.filters.isEmpty {
            for (name, values) in options.filters.pairs where !values.isEmpty {
                nodes.append(try fields.filter(name: name, values: values))
            }
        }
        if options.used != .any {
            let used = reader.usedDocuments.runs(reader)
            let limit = UInt32(clamping: reader.docCount)
            nodes.append(FilterNode(limit: limit, runs: options.used == .used ? used : used.complement(limit: limit)))
        }
        return nodes.isEmpty ? nil : (nodes.count == 1 ? nodes[0] : .all(nodes))
    }

    /// Seconds for a media fragment: at most 3 decimals, no trailing zeros.
    static func seconds(_ t: Double) -> String { formatted(t, prefix: "") }

    /// The media fragment for time `t`: `#t=` and ``seconds(_:)``.
    static func timeFragment(_ t: Double) -> String { formatted(t, prefix: "#t=") }

    /// `prefix` and ``seconds(_:)`` of `t` (ASCII `prefix`), written as bytes
    /// into one string: no interpolation, no intermediate strings.
    private static func formatted(_ t: Double, prefix: StaticString) -> String {
        let ms = Int((max(0, t) * 1000).rounded())
        var whole = ms / 1000, frac = ms % 1000
        var digits = 1
        var rest = whole / 10
        while rest > 0 { digits += 1; rest /= 10 }
        // Decimals without their trailing zeros.
        var decimals = frac == 0 ? 0 : 3
        while decimals > 0 && frac % 10 == 0 { frac /= 10; decimals -= 1 }
        let count = prefix.utf8CodeUnitCount + digits + (decimals > 0 ? 1 + decimals : 0)
        return String(unsafeUninitializedCapacity: count) { out in
            var n = 0
            for i in 0..<prefix.utf8CodeUnitCount { out[n] = prefix.utf8Start[i]; n += 1 }
            for i in stride(from: digits - 1, through: 0, by: -1) {
                out[n + i] = UInt8(ascii: "0") + UInt8(whole % 10)
                whole /= 10
            }
            n += digits
            if decimals > 0 {
                out[n] = UInt8(ascii: "."); n += 1
                for i in stride(from: decimals - 1, through: 0, by: -1) {
                    out[n + i] = UInt8(ascii: "0") + UInt8(frac % 10)
                    frac /= 10
                }
                n += decimals
            }
            return n
        }
    }
}

extension IndexReader {
    /// Document `doc` as an utterance from its first cue's start to its last cue's end.
    func passage(_ doc: Int) -> Utterance {
        let r = document(doc)
        let cues = self.cues(of: r)
        return Utterance(speaker: string(r.speaker), role: string(r.role), chapter: string(r.chapter),
                         start: cues.first?.start ?? 0, end: cues.last?.end ?? 0, text: text(of: r))
    }
}
