/// Top-k retrieval in the quote order (``Ranking/quote``): by ``QuoteTier``,
/// then, inside tiers 1–3, passages whose matched words sit in one cue
/// first, then BM25 score, then document id. Scores are the query's BM25
/// scores; only the order differs from ``TopKCollector``.
///
/// It visits tiers best first and stops once k documents are placed:
/// 1. the conjunction of the words (each with its derived forms) gives
///    tiers 1 and 2; the one-cue test reads positions only for documents
///    that could still enter the top k;
/// 2. a document of tier 3 holds the rarest word or has a neighbour that
///    does, so the rarest word's documents and their neighbours are the
///    only candidates; every word is looked up there;
/// 3. the rest is the query's own MaxScore-pruned top k without the
///    documents of tiers 1–3 (it holds at most that many of them, so at
///    least as many others as are missing, and they are the best of the rest).
///
/// With `exhaustive`, every matching document is placed from per-document
/// word masks and the whole list sorted: the reference the pruned walk is
/// tested against.
struct QuoteCollector {
    let reader: IndexReader
    let bm25: BM25
    let query: CompiledQuery
    let k: Int
    let exhaustive: Bool

    /// One placed document.
    struct Entry {
        var score: Double
        var doc: UInt32
        var placement: Placement
        /// With `placement.oneCue`: BM25 of the query words over the best
        /// cue holding them all, as if that cue were the document (see ``CueMatch``).
        var cueScore: Double = 0
    }

    /// Most words the tiers track (one bit each); longer queries rank by score.
    static let maxWords = 64

    /// The best `k` documents, best first; nil when the query has too many
    /// words for tiers (the caller then ranks by score).
    func collect() -> [Entry]? {
        let words = query.words
        guard words.count <= Self.maxWords else { return nil }
        guard k > 0 else { return [] }
        if words.count <= 1 && words.allSatisfy({ $0.derived == nil }) {
            // One word without derived forms (or none): every match holds all
            // of it, in one cue; the order is the score's.
            let root = query.weight.scorer(reader: reader, bm25: bm25)
            return TopKCollector.collect(root, k: k, exhaustive: exhaustive).map {
                Entry(score: $0.score, doc: $0.doc, placement: Placement(tier: .allWords, oneCue: true), cueScore: $0.score)
            }
        }
        if exhaustive { return reference() }
        return words.count == 1 ? oneWord() : pruned()
    }

    /// One word with derived forms: tier 1 is the word as typed, by score
    /// (pruned, as ``TopKCollector`` does); tier 2, the documents holding
    /// only a derived form, all scoring 0, by id.
    private func oneWord() -> [Entry] {
        let exact = query.exactWeight ?? query.weight
        let first = TopKCollector.collect(exact.scorer(reader: reader, bm25: bm25), k: k, exhaustive: false)
        let entry = { (e: (score: Double, doc: UInt32), tier: QuoteTier) in
            Entry(score: e.score, doc: e.doc, placement: Placement(tier: tier, oneCue: true))
        }
        if first.count >= k { return first.map { entry($0, .allWords) } }
        let placed = Set(first.map(\.doc))
        let rest = TopKCollector.collect(query.weight.scorer(reader: reader, bm25: bm25), k: k, exhaustive: false)
            .filter { !placed.contains($0.doc) }.prefix(k - first.count)
        return first.map { entry($0, .allWords) } + rest.map { entry($0, .derivedForms) }
    }

    // MARK: - The pruned walk

    private func pruned() -> [Entry] {
        let idfs = wordIDFs()
        var top = QuoteTopK(k: k)
        var placed = Set<UInt32>()
        var count = 0
        let full = Self.fullMask(query.words.count)

        // 1. Tiers 1 and 2: every word, some maybe through derived forms.
        let any = query.words.map { $0.any.scorer(reader: reader, bm25: bm25) }
        let exact = query.words.map { $0.derived == nil ? nil : $0.exact.scorer(reader: reader, bm25: bm25) }
        let root = query.weight.scorer(reader: reader, bm25: bm25)
        let conjunction = BooleanScorer(must: any, should: [], mustNot: [], filter: query.filter, reader: reader)
        while conjunction.doc != PostingCursor.noMoreDocs {
            let d = conjunction.doc
            defer { conjunction.next() }
            root.advance(to: d)
            guard root.doc == d else { continue }
            var tier = QuoteTier.allWords
            for case let s? in exact {
                s.advance(to: d)
                if s.doc != d { tier = .derivedForms; break }
            }
            let score = root.score()
            count += 1
            if count <= k { placed.insert(d) }
            guard top.admits(tier) else { continue }
            top.insert(entry(d, score: score, tier: tier, any, idfs))
        }
        if count >= k { return top.sorted() }

        // 2. Tier 3: every word with a neighbour of the same turn.
        let rarest = query.words.indices.min { query.words[$0].any.cost(reader) < query.words[$1].any.cost(reader) }!
        var candidates: [UInt32] = []
        // Filtered: a candidate's neighbours share its turn, so the filter
        // passes a candidate exactly when it passes the driving word's document.
        let driver = Weight.boolean(must: [query.words[rarest].any], should: [], mustNot: [], filter: query.filter)
            .scorer(reader: reader, bm25: bm25)
        while driver.doc != PostingCursor.noMoreDocs {
            let p = driver.doc
            for c in [p == 0 ? nil : p - 1, p, Int(p) + 1 < reader.docCount ? p + 1 : nil] {
                if let c, candidates.last.map({ $0 < c }) ?? true { candidates.append(c) }
            }
            driver.next()
        }
        let masks = masks(of: candidates)
        var third: [UInt32] = []
        for c in candidates {
            let mine = masks[c] ?? 0
            guard mine != 0, mine != full else { continue }
            var union = mine
            if c > 0 && reader.continuesTurn(after: c - 1) { union |= masks[c - 1] ?? 0 }
            if reader.continuesTurn(after: c) { union |= masks[c + 1] ?? 0 }
            if union == full { third.append(c) }
        }
        let root3 = query.weight.scorer(reader: reader, bm25: bm25)
        let any3 = query.words.map { $0.any.scorer(reader: reader, bm25: bm25) }
        for d in third {
            root3.advance(to: d)
            guard root3.doc == d else { continue }
            placed.insert(d)
            count += 1
            let score = root3.score()
            guard top.admits(.withNeighbour) else { continue }
            top.insert(entry(d, score: score, tier: .withNeighbour, any3, idfs))
        }
        if count >= k { return top.sorted() }

        // 3. The rest, by score.
        let rest = TopKCollector.collect(query.weight.scorer(reader: reader, bm25: bm25), k: k, exhaustive: false)
            .filter { !placed.contains($0.doc) }.prefix(k - count)
        let byDoc = rest.sorted { $0.doc < $1.doc }
        let any4 = query.words.map { $0.any.scorer(reader: reader, bm25: bm25) }
        var placedRest: [UInt32: Entry] = [:]
        for e in byDoc { placedRest[e.doc] = entry(e.doc, score: e.score, tier: .someWords, any4, idfs) }
        return top.sorted() + rest.map { placedRest[$0.doc]! }
    }

    /// The words each of `docs` (ascending) holds, one bit per word.
    private func masks(of docs: [UInt32]) -> [UInt32: UInt64] {
        var wanted: [UInt32] = []
        for c in docs {
            for x in [c == 0 ? nil : c - 1, c, Int(c) + 1 < reader.docCount ? c + 1 : nil] {
                if let x, wanted.last.map({ $0 < x }) ?? true { wanted.append(x) }
            }
        }
        var result: [UInt32: UInt64] = [:]
        result.reserveCapacity(wanted.count)
        for (i, word) in query.words.enumerated() {
            let s = word.any.scorer(reader: reader, bm25: bm25)
            for x in wanted {
                s.advance(to: x)
                if s.doc == PostingCursor.noMoreDocs { break }
                if s.doc == x { result[x, default: 0] |= 1 << UInt64(i) }
            }
        }
        return result
    }

    // MARK: - The reference

    private func reference() -> [Entry] {
        let idfs = wordIDFs()
        let n = reader.docCount
        var anyMask = [UInt64](repeating: 0, count: n)
        var exactMask = anyMask
        for (i, word) in query.words.enumerated() {
            for (weight, into) in [(word.any, 0), (word.exact, 1)] {
                let s = weight.scorer(reader: reader, bm25: bm25)
                while s.doc != PostingCursor.noMoreDocs {
                    if into == 0 { anyMask[Int(s.doc)] |= 1 << UInt64(i) } else { exactMask[Int(s.doc)] |= 1 << UInt64(i) }
                    s.next()
                }
            }
        }
        let full = Self.fullMask(query.words.count)
        let root = query.weight.scorer(reader: reader, bm25: bm25)
        let any = query.words.map { $0.any.scorer(reader: reader, bm25: bm25) }
        var all: [Entry] = []
        while root.doc != PostingCursor.noMoreDocs {
            let d = root.doc, i = Int(d)
            var union = anyMask[i]
            if i > 0 && reader.continuesTurn(after: d - 1) { union |= anyMask[i - 1] }
            if i + 1 < n && reader.continuesTurn(after: d) { union |= anyMask[i + 1] }
            let tier: QuoteTier = exactMask[i] == full ? .allWords
                : anyMask[i] == full ? .derivedForms
                : union == full ? .withNeighbour : .someWords
            all.append(entry(d, score: root.score(), tier: tier, any, idfs))
            root.next()
        }
        all.sort(by: QuoteTopK.better)
        return Array(all.prefix(k))
    }

    // MARK: - One cue

    /// The entry for document `d`: its one-cue test and cue score from the
    /// words' scorers (moved forward to `d`).
    private func entry(_ d: UInt32, score: Double, tier: QuoteTier, _ words: [Scorer], _ idfs: [Double]) -> Entry {
        let match = CueMatch(reader: reader, bm25: bm25, idfs: idfs, doc: d, words: words)
        return Entry(score: score, doc: d, placement: Placement(tier: tier, oneCue: match.oneCue), cueScore: match.score)
    }

    /// Each word's idf for cue scores (see ``Weight/wordIDF(_:_:)``).
    private func wordIDFs() -> [Double] { query.words.map { $0.exact.wordIDF(reader, bm25) } }

    /// The cue holding token position `p`: the last whose first token is at or before it.
    static func cueIndex(of p: UInt32, in cues: [CueRecord]) -> Int {
        var lo = 0, hi = cues.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if cues[mid].firstPosition <= p { lo = mid + 1 } else { hi = mid }
        }
        return max(0, lo - 1)
    }

    private static func fullMask(_ words: Int) -> UInt64 {
        words >= 64 ? .max : (1 << UInt64(words)) - 1
    }
}

/// The k best entries in the quote order.
struct QuoteTopK {
    private var heap: BoundedHeap<QuoteCollector.Entry>

    init(k: Int) { heap = BoundedHeap(k: k) }

    /// True when `a` ranks above `b`: lower tier; inside tiers 1–3, one cue
    /// first, and among one-cue passages the higher cue score; then the
    /// higher score; then the lower document id.
    static func better(_ a: QuoteCollector.Entry, _ b: QuoteCollector.Entry) -> Bool {
        let tier = a.placement.tier
        if tier != b.placement.tier { return tier < b.placement.tier }
        if tier != .someWords {
            if a.placement.oneCue != b.placement.oneCue { return a.placement.oneCue }
            if a.placement.oneCue && a.cueScore != b.cueScore { return a.cueScore > b.cueScore }
        }
        if a.score != b.score { return a.score > b.score }
        return a.doc < b.doc
    }

    /// Whether an entry of `tier` could be kept (before its cues are read).
    func admits(_ tier: QuoteTier) -> Bool {
        heap.k > 0 && (heap.worst.map { tier <= $0.placement.tier } ?? true)
    }

    /// Keeps `e` if it is among the best k.
    mutating func insert(_ e: QuoteCollector.Entry) { heap.insert(e) }

    /// The kept entries, best first.
    func sorted() -> [QuoteCollector.Entry] { heap.sorted() }
}

extension QuoteCollector.Entry: HeapRanked {
    static func worse(_ a: Self, _ b: Self) -> Bool { QuoteTopK.better(b, a) }
}

/// How a document's cues hold the query words: whether one cue holds every
/// word the document holds, and the best such cue's BM25 score, computed
/// with the cue as the document (tf = the word's matches in the cue, dl =
/// the cue's tokens, avgdl = tokens per cue over the index). A quote is
/// typed from one line; among passages holding it in one cue, the cue that
/// matches best as a line of its own comes first.
struct CueMatch {
    private(set) var oneCue = true
    private(set) var score = 0.0

    init(reader: IndexReader, bm25: BM25, idfs: [Double], doc d: UInt32, words: [Scorer]) {
        let cues = reader.cues(of: reader.document(Int(d)))
        let n = max(1, cues.count)
        var perCue = [UInt64](repeating: 0, count: n)
        var tf = [Int](repeating: 0, count: n * words.count)
        var present: UInt64 = 0
        var positions: [UInt32] = []
        for (i, s) in words.enumerated() {
            s.advance(to: d)
            guard s.doc == d else { continue }
            present |= 1 << UInt64(i)
            positions.removeAll(keepingCapacity: true)
            s.matchPositions(into: &positions)
            for p in positions {
                let c = cues.isEmpty ? 0 : QuoteCollector.cueIndex(of: p, in: cues)
                perCue[c] |= 1 << UInt64(i)
                tf[c * words.count + i] += 1
            }
        }
        let average = Double(reader.totalTokens) / Double(max(1, reader.cueCount))
        let cueBM25 = BM25(k1: bm25.k1, b: bm25.b, avgdl: average, documentCount: reader.cueCount)
        oneCue = cues.count <= 1 || perCue.contains(present)
        // One word sits in one cue by itself; its order is the score's.
        guard oneCue, words.count > 1 else { return }
        let length = Int(reader.length(d))
        for c in 0..<n where perCue[c] == present {
            let first = cues.isEmpty ? 0 : Int(cues[c].firstPosition)
            let next = c + 1 < cues.count ? Int(cues[c + 1].firstPosition) : length
            let dl = Double(max(1, next - first))
            var sum = 0.0
            for i in words.indices where tf[c * words.count + i] > 0 {
                sum += cueBM25.score(idf: idfs[i], tf: Double(tf[c * words.count + i]), dl: dl)
            }
            score = max(score, sum)
        }
    }
}
