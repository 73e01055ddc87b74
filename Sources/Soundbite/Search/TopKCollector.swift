/// Keeps the k best (score, doc) pairs: higher score first, then lower doc id.
struct TopK {
    private var heap: BoundedHeap<ScoredDocument>

    init(k: Int) { heap = BoundedHeap(k: k) }

    /// The score a new document (with a higher id than all seen) must beat:
    /// none can while fewer than k are kept, and every one must when k is 0.
    var threshold: Double {
        if heap.k == 0 { return Double.infinity }
        return heap.worst?.score ?? -Double.infinity
    }

    /// Offers a document; kept if among the best k.
    @inline(__always)
    mutating func insert(_ score: Double, _ doc: UInt32) {
        heap.insert(ScoredDocument(score: score, doc: doc))
    }

    /// The kept pairs, best first.
    func sorted() -> [(score: Double, doc: UInt32)] {
        heap.sorted().map { ($0.score, $0.doc) }
    }
}

/// A document and its score, ranked by score, then lower id.
struct ScoredDocument: HeapRanked {
    var score: Double
    var doc: UInt32

    @inline(__always)
    static func worse(_ a: Self, _ b: Self) -> Bool {
        a.score < b.score || (a.score == b.score && a.doc > b.doc)
    }
}

/// Top-k retrieval. A pure disjunction (the usual keyword query, filtered
/// or not, with phrases or prefix words among its clauses) runs with
/// block-max MaxScore dynamic pruning (see `maxScore`); one term alone skips
/// blocks by their headers; a lone prefix or fuzzy word runs MaxScore over
/// its terms (``UnionScorer/collectTop(_:into:)``); a lone phrase skips by its
/// words' blocks (``PhraseScorer/collectTop(_:into:)``). Everything else is scored exhaustively.
enum TopKCollector {
    /// The best `k` documents of `root`. `exhaustive` turns pruning off.
    static func collect(_ root: Scorer, k: Int, exhaustive: Bool) -> [(score: Double, doc: UInt32)] {
        var top = TopK(k: k)
        if !exhaustive, let b = root as? BooleanScorer, b.must.isEmpty, b.should.count == 1,
           let term = b.should[0] as? TermScorer {
            blockMax(term, b, into: &top)
        } else if !exhaustive, let b = root as? BooleanScorer, b.must.isEmpty, b.should.count == 1,
                  let union = b.should[0] as? UnionScorer {
            union.collectTop(b, into: &top)
        } else if !exhaustive, let b = root as? BooleanScorer, b.must.isEmpty, b.should.count == 1,
                  let phrase = b.should[0] as? PhraseScorer {
            phrase.collectTop(b, into: &top)
        } else if !exhaustive, let b = root as? BooleanScorer, b.must.isEmpty, !b.should.isEmpty {
            maxScore(b, into: &top)
        } else {
            while root.doc != PostingCursor.noMoreDocs {
                top.insert(root.score(), root.doc)
                root.next()
            }
        }
        return top.sorted()
    }

    /// One term (the usual one-word query, filtered or not): blocks of 128
    /// postings whose header says no document in them can beat the current
    /// k-th score are passed without decoding. A later document that only ties
    /// the k-th score loses (lower ids win ties), so `<=` skips exactly.
    private static func blockMax(_ term: TermScorer, _ root: BooleanScorer, into top: inout TopK) {
        let cursor = term.cursor
        while cursor.doc != PostingCursor.noMoreDocs {
            let threshold = top.threshold
            if term.blockBound().bound <= threshold {
                cursor.skipBlocks(whileBound: { term.bound(block: $0) <= threshold })
                continue
            }
            let doc = cursor.doc
            let accepted = root.nextAccepted(from: doc)
            if accepted != doc {
                cursor.advance(to: accepted)
                continue
            }
            let score = term.score()
            if score > threshold { top.insert(score, doc) }
            cursor.next()
        }
    }

    /// Block-max MaxScore. Clauses are ordered by their global score bound;
    /// those whose bounds together cannot lift a document above the current
    /// k-th score are non-essential, only consulted (by `advance`) for
    /// documents the others found. And the essential ones move in windows:
    /// up to the nearest end of their current blocks, each block's bound
    /// (its largest tf at the term's shortest document, see
    /// ``Scorer/blockBound()``) plus the non-essential bounds say whether any
    /// document of the window could enter; when none can, the window is
    /// passed without scoring (one lone term passes whole blocks by their
    /// headers, without decoding them).
    private static func maxScore(_ root: BooleanScorer, into top: inout TopK) {
        // The clauses as unretained references, read through a buffer: `root`
        // keeps them alive, and a class reference loaded from an array per
        // call costs a retain and a release each (the profile's largest share).
        let sorted = root.should.sorted { $0.maxScore < $1.maxScore }
        let refs = sorted.map { Unmanaged.passUnretained($0) }
        let canonicalRefs = root.should.map { Unmanaged.passUnretained($0) }
        withExtendedLifetime((sorted, root)) {
            refs.withUnsafeBufferPointer { scorers in
                canonicalRefs.withUnsafeBufferPointer { canonical in
                    maxScore(root, scorers, canonical, lastTerm: sorted.last as? TermScorer, into: &top)
                }
            }
        }
    }

    private static func maxScore(_ root: BooleanScorer, _ scorers: UnsafeBufferPointer<Unmanaged<Scorer>>,
                                 _ canonical: UnsafeBufferPointer<Unmanaged<Scorer>>, lastTerm: TermScorer?,
                                 into top: inout TopK) {
        let n = scorers.count
        // prefix[i] = bound of scorers[0...i], padded against rounding.
        var prefix = [Double](repeating: 0, count: n)
        var sum = 0.0
        for i in 0..<n { sum += scorers[i]._withUnsafeGuaranteedRef { $0.maxScore }; prefix[i] = sum * (1 + 1e-9) + 1e-12 }
        var firstEssential = 0
        let end = PostingCursor.noMoreDocs
        // A window found worth scoring is scored to its end before the next test.
        var checkedUntil: UInt32 = 0
        var hasChecked = false
        while true {
            var doc = end
            for i in firstEssential..<n { doc = min(doc, scorers[i]._withUnsafeGuaranteedRef { $0.doc }) }
            if doc == end { return }
            let threshold = top.threshold
            if threshold > -Double.infinity && (!hasChecked || doc > checkedUntil) {
                // The window [doc, windowEnd]: no essential clause leaves its current block in it.
                var windowEnd = end
                var bound = firstEssential > 0 ? prefix[firstEssential - 1] : 0
                for i in firstEssential..<n {
                    let b = scorers[i]._withUnsafeGuaranteedRef { $0.blockBound() }
                    bound += b.bound
                    windowEnd = min(windowEnd, b.end)
                }
                if bound * (1 + 1e-9) + 1e-12 <= threshold {
                    if windowEnd == end { return }
                    if firstEssential == n - 1, let term = lastTerm {
                        let rest = firstEssential > 0 ? prefix[firstEssential - 1] : 0
                        term.cursor.skipBlocks(whileBound: { (term.bound(block: $0) + rest) * (1 + 1e-9) + 1e-12 <= threshold })
                    } else {
                        for i in firstEssential..<n { scorers[i]._withUnsafeGuaranteedRef { $0.advance(to: windowEnd + 1) } }
                    }
                    continue
                }
                checkedUntil = windowEnd
                hasChecked = true
            }
            let next = root.nextAccepted(from: doc)
            if next != doc {
                for i in firstEssential..<n { scorers[i]._withUnsafeGuaranteedRef { $0.advance(to: next) } }
                continue
            }
            do {
                var score = 0.0
                for i in firstEssential..<n {
                    scorers[i]._withUnsafeGuaranteedRef { s in if s.doc == doc { score += s.score() } }
                }
                var i = firstEssential - 1
                while i >= 0 {
                    if score + prefix[i] <= threshold { break }
                    scorers[i]._withUnsafeGuaranteedRef { s in
                        s.advance(to: doc)
                        if s.doc == doc { score += s.score() }
                    }
                    i -= 1
                }
                if i < 0 && score > threshold {
                    // Re-add in clause order so the score is bit-identical to exhaustive scoring.
                    var sum = 0.0
                    for c in canonical { c._withUnsafeGuaranteedRef { s in if s.doc == doc { sum += s.score() } } }
                    top.insert(sum, doc)
                }
                let t = top.threshold
                while firstEssential < n && prefix[firstEssential] <= t { firstEssential += 1 }
                if firstEssential == n { return }
            }
            for i in firstEssential..<n { scorers[i]._withUnsafeGuaranteedRef { s in if s.doc == doc { s.next() } } }
        }
    }
}
