/// Keeps the k best (score, doc) pairs: higher score first, then lower doc id.
struct TopK {
    private var heap: BoundedHeap<ScoredDocument>

    init(k: Int) { heap = BoundedHeap(k: k) }

    /// How many documents are kept at most.
    var k: Int { heap.k }

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
        // One array, sorted in place (documents are distinct: the order is total).
        var out = heap.elements.map { (score: $0.score, doc: $0.doc) }
        out.sort { ScoredDocument.worse(ScoredDocument(score: $1.score, doc: $1.doc), ScoredDocument(score: $0.score, doc: $0.doc)) }
        return out
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
        if !exhaustive, let b = root as? BooleanScorer, b.must.isEmpty, !b.should.isEmpty {
            let clauses = scoringClauses(b, k: k)
            if clauses.count == 1, let term = clauses[0] as? TermScorer {
                blockMax(term, b, into: &top)
            } else if clauses.count == 1, let union = clauses[0] as? UnionScorer {
                union.collectTop(b, into: &top)
            } else if clauses.count == 1, let phrase = clauses[0] as? PhraseScorer {
                phrase.collectTop(b, into: &top)
            } else {
                maxScore(b, clauses, into: &top)
            }
        } else {
            while root.doc != PostingCursor.noMoreDocs {
                top.insert(root.score(), root.doc)
                root.next()
            }
        }
        return top.sorted()
    }

    /// The `should` clauses of `root` that can decide its top `k`: all of
    /// them, or, when no filter or exclusion can reject a document and a
    /// word of the query alone holds at least `k` documents, all but the
    /// derived forms that score 0 (``DerivedForms/weight``). Those documents
    /// have a positive score (a word's idf and tf are positive), so no
    /// document that only a zero-score clause matches can enter, and a
    /// document's sum is the same bit for bit without its `+ 0.0` terms.
    /// A word with a derived form (`world`, `worlds`) is then one term alone.
    private static func scoringClauses(_ root: BooleanScorer, k: Int) -> [Scorer] {
        guard root.filter == nil, root.mustNot.isEmpty else { return root.should }
        var zero = false, enough = false
        for c in root.should {
            guard let t = c as? TermScorer else { continue }
            if t.weight == 0 { zero = true } else if t.df >= k { enough = true }
        }
        guard zero && enough else { return root.should }
        return root.should.filter { ($0 as? TermScorer)?.weight != 0 }
    }

    /// One term (the usual one-word query, filtered or not): blocks of 128
    /// postings whose header says no document in them can beat the current
    /// k-th score are passed without decoding. A later document that only ties
    /// the k-th score loses (lower ids win ties), so `<=` skips exactly. In a
    /// decoded block, a posting whose tf is below what the block's shortest
    /// document would need (``TermScorer/minimumTF(above:block:)``) is passed
    /// without reading its length or scoring it.
    private static func blockMax(_ term: TermScorer, _ root: BooleanScorer, into top: inout TopK) {
        let cursor = term.cursor
        // A selective filter's documents, for loading only the lengths it lets through.
        var warmFilter = root.filter.flatMap { $0.isSelective ? $0.cursor() : nil }
        while cursor.doc != PostingCursor.noMoreDocs {
            var threshold = top.threshold
            let block = cursor.block
            let header = cursor.bound(ofBlock: block)
            let blockBound = term.bound(block: header)
            if blockBound <= threshold {
                cursor.skipBlocks(whileBound: { term.bound(block: $0) <= threshold })
                continue
            }
            var minTF = term.minimumTF(above: threshold, block: header)
            warmFilter?.advance(to: cursor.doc)
            term.warmLengths(minTF: minTF, allowed: warmFilter)
            while cursor.block == block && cursor.doc != PostingCursor.noMoreDocs {
                if cursor.tf < minTF {
                    cursor.next()
                    continue
                }
                let doc = cursor.doc
                let accepted = root.nextAccepted(from: doc)
                if accepted != doc {
                    cursor.advance(to: accepted)
                    continue
                }
                let score = term.score()
                if score > threshold {
                    top.insert(score, doc)
                    threshold = top.threshold
                    // The rest of the block cannot enter any more: passed by the test above.
                    if blockBound <= threshold { break }
                    minTF = term.minimumTF(above: threshold, block: header)
                }
                cursor.next()
            }
        }
    }

    /// Block-max MaxScore. Clauses are ordered by their global score bound;
    /// those whose bounds together cannot lift a document above the current
    /// k-th score are non-essential, only consulted (by `advance`) for
    /// documents the others found.
    ///
    /// The essential ones are walked in windows, as Lucene's
    /// `MaxScoreBulkScorer` does: from the first document any of them (and
    /// the filter) may hold, up to the nearest end of their blocks there. In
    /// a window each essential clause is bounded by its block's bound (its
    /// largest tf at its shortest document, ``Scorer/blockBound()``; a term
    /// behind the window reads it from the block's header,
    /// ``Scorer/windowBound(from:)``), or by 0 when its next document lies
    /// past the window. When the bounds together with the non-essential ones
    /// cannot beat the k-th score, the window is passed without moving a
    /// cursor (so a common word beside a rare one is passed block by block
    /// by its headers, never decoded). Otherwise the window is partitioned
    /// again by those window bounds: only the clauses that could lift a
    /// document find candidates; the others are consulted like non-essential
    /// ones. A document that can enter is scored in clause order, bit for
    /// bit as exhaustive scoring does.
    private static func maxScore(_ root: BooleanScorer, _ clauses: [Scorer], into top: inout TopK) {
        // The clauses as unretained references, read through a buffer: `root`
        // keeps them alive, and a class reference loaded from an array per
        // call costs a retain and a release each (the profile's largest share).
        let sorted = clauses.sorted { $0.maxScore < $1.maxScore }
        let termRefs = sorted.map { ($0 as? TermScorer).map { Unmanaged.passUnretained($0) } }
        let n = sorted.count
        // Per-clause scratch for the windows, allocated once per search.
        let scratch = WindowScratch(count: n)
        defer { scratch.deallocate() }
        withExtendedLifetime((sorted, root)) {
            termRefs.withUnsafeBufferPointer { terms in
                if termRefs.allSatisfy({ $0 != nil }) {
                    // Words only (the usual keyword query): the loop specialised
                    // for terms, every clause call direct and inlined.
                    let refs = termRefs.map { $0! }
                    let canonicalRefs = clauses.map { Unmanaged.passUnretained($0 as! TermScorer) }
                    refs.withUnsafeBufferPointer { scorers in
                        canonicalRefs.withUnsafeBufferPointer { canonical in
                            maxScore(root, scorers, canonical, terms, scratch, into: &top)
                        }
                    }
                } else {
                    let refs = sorted.map { Unmanaged.passUnretained($0) }
                    let canonicalRefs = clauses.map { Unmanaged.passUnretained($0) }
                    refs.withUnsafeBufferPointer { scorers in
                        canonicalRefs.withUnsafeBufferPointer { canonical in
                            maxScore(root, scorers, canonical, terms, scratch, into: &top)
                        }
                    }
                }
            }
        }
    }

    /// Raw per-clause buffers for ``maxScore(_:into:)``'s windows.
    private struct WindowScratch {
        /// Global bounds: `prefix[i]` bounds clauses `0 ... i` (in bound order), padded.
        let prefix: UnsafeMutablePointer<Double>
        /// Each clause's bound in the current window.
        let windowBound: UnsafeMutablePointer<Double>
        /// The essential clauses by window bound, lowest first.
        let rank: UnsafeMutablePointer<Int>
        /// The clauses consulted for a candidate, highest bound first, and
        /// `rest[q]`: the bound of `consult[q...]` (padded).
        let consult: UnsafeMutablePointer<Int>
        let rest: UnsafeMutablePointer<Double>

        init(count n: Int) {
            let c = max(1, n)
            prefix = .allocate(capacity: c)
            windowBound = .allocate(capacity: c)
            rank = .allocate(capacity: c)
            consult = .allocate(capacity: c)
            rest = .allocate(capacity: c + 1)
        }

        func deallocate() {
            prefix.deallocate()
            windowBound.deallocate()
            rank.deallocate()
            consult.deallocate()
            rest.deallocate()
        }
    }

    /// A bound padded against rounding (``BoundMargin``).
    @inline(__always)
    private static func padded(_ x: Double) -> Double { BoundMargin.padded(x) }

    /// Generic over the clauses' class, so that a query of words only
    /// (`S` = ``TermScorer``, a final class) calls them directly.
    private static func maxScore<S: Scorer>(_ root: BooleanScorer, _ scorers: UnsafeBufferPointer<Unmanaged<S>>,
                                 _ canonical: UnsafeBufferPointer<Unmanaged<S>>,
                                 _ terms: UnsafeBufferPointer<Unmanaged<TermScorer>?>, _ scratch: WindowScratch,
                                 into top: inout TopK) {
        let n = scorers.count
        let prefix = scratch.prefix, windowBound = scratch.windowBound, rank = scratch.rank
        let consult = scratch.consult, rest = scratch.rest
        var sum = 0.0
        for i in 0..<n { sum += scorers[i]._withUnsafeGuaranteedRef { $0.maxScore }; prefix[i] = padded(sum) }
        var firstEssential = 0
        let end = PostingCursor.noMoreDocs
        // Every document below `floor` is done; cursors may lag behind it.
        var floor: UInt32 = 0
        // A selective filter's documents from the window on, for loading only the lengths it lets through.
        var warmFilter = root.filter.flatMap { $0.isSelective ? $0.cursor() : nil }
        outer: while true {
            let threshold = top.threshold
            if threshold == .infinity { return }  // k = 0
            var windowMin = end
            for i in firstEssential..<n { windowMin = min(windowMin, max(floor, scorers[i]._withUnsafeGuaranteedRef { $0.doc })) }
            if windowMin == end { return }
            windowMin = root.nextAllowed(from: windowMin)
            if windowMin == end { return }
            floor = windowMin
            // The window [windowMin, windowMax] and each essential clause's bound in it.
            var windowMax = end
            for i in firstEssential..<n {
                let b = scorers[i]._withUnsafeGuaranteedRef { $0.windowBound(from: windowMin) }
                windowBound[i] = b.bound
                windowMax = min(windowMax, b.end)
            }
            let nonEssential = firstEssential > 0 ? prefix[firstEssential - 1] : 0
            var total = nonEssential
            for i in firstEssential..<n {
                // A clause whose next document lies past the window adds nothing in it.
                if scorers[i]._withUnsafeGuaranteedRef({ $0.doc }) > windowMax { windowBound[i] = 0 }
                total += windowBound[i]
            }
            if padded(total) <= threshold {
                if windowMax == end { return }
                floor = windowMax + 1
                continue
            }
            // Partition the window: the clauses of lowest window bound that
            // together (with the non-essential ones) cannot beat the k-th
            // score only get consulted; the rest find the candidates.
            var m = 0
            for i in firstEssential..<n {
                let v = windowBound[i]
                var j = m
                while j > 0 && windowBound[rank[j - 1]] > v { rank[j] = rank[j - 1]; j -= 1 }
                rank[j] = i
                m += 1
            }
            var w = 0
            var low = nonEssential
            while w < m && padded(low + windowBound[rank[w]]) <= threshold { low += windowBound[rank[w]]; w += 1 }
            // Consulted: window-bounded clauses rank[w-1] ... rank[0], then the non-essential ones, highest first.
            var r = 0
            for j in stride(from: w - 1, through: 0, by: -1) { consult[r] = rank[j]; r += 1 }
            for i in stride(from: firstEssential - 1, through: 0, by: -1) { consult[r] = i; r += 1 }
            rest[r] = 0
            var acc = 0.0
            for q in stride(from: r - 1, through: 0, by: -1) {
                let i = consult[q]
                acc += i >= firstEssential ? windowBound[i] : scorers[i]._withUnsafeGuaranteedRef { $0.maxScore }
                rest[q] = padded(acc)
            }
            for j in w..<m {
                scorers[rank[j]]._withUnsafeGuaranteedRef { s in if s.doc < windowMin { s.advance(to: windowMin) } }
            }
            // One term alone finds the candidates (a common word beside rarer
            // ones, or alone in its window): its postings whose tf, even at
            // its block's shortest document, could not lift the document
            // above the k-th score with all the rest are passed unscored.
            let lone = m - w == 1 ? terms[rank[w]] : nil
            let minTF = lone?._withUnsafeGuaranteedRef { t in
                t.cursor.doc > windowMax ? 0 : t.minimumTF(above: threshold, plus: rest[0], block: t.cursor.bound(ofBlock: t.cursor.block))
            } ?? 0
            // Every posting of these clauses in the window (a lone one's from
            // its tf floor up) is a candidate, scored first: their lengths
            // are loaded together, ahead.
            warmFilter?.advance(to: windowMin)
            if let lone {
                lone._withUnsafeGuaranteedRef { $0.warmLengths(minTF: minTF, allowed: warmFilter) }
            } else {
                for j in w..<m { terms[rank[j]]?._withUnsafeGuaranteedRef { $0.warmLengths(allowed: warmFilter) } }
            }
            while true {
                var doc = end
                if let lone {
                    let passed = lone._withUnsafeGuaranteedRef { t in
                        let c = t.cursor
                        while c.doc <= windowMax && c.tf < minTF { c.next() }
                        return c.doc
                    }
                    doc = passed
                } else {
                    for j in w..<m { doc = min(doc, scorers[rank[j]]._withUnsafeGuaranteedRef { $0.doc }) }
                }
                if doc > windowMax || doc == end {
                    if windowMax == end { return }
                    floor = windowMax + 1
                    continue outer
                }
                let accepted = root.nextAccepted(from: doc)
                if accepted != doc {
                    if accepted > windowMax {
                        floor = accepted
                        continue outer
                    }
                    for j in w..<m { scorers[rank[j]]._withUnsafeGuaranteedRef { $0.advance(to: accepted) } }
                    continue
                }
                var score = 0.0
                for j in w..<m {
                    scorers[rank[j]]._withUnsafeGuaranteedRef { s in if s.doc == doc { score += s.score() } }
                }
                var q = 0
                while q < r {
                    if score + rest[q] <= threshold { break }
                    scorers[consult[q]]._withUnsafeGuaranteedRef { s in
                        s.advance(to: doc)
                        if s.doc == doc { score += s.score() }
                    }
                    q += 1
                }
                if q == r && padded(score) > threshold {
                    // Re-add in clause order so the score is bit-identical to
                    // exhaustive scoring (the heap keeps it only if it enters).
                    var exact = 0.0
                    for c in canonical { c._withUnsafeGuaranteedRef { s in if s.doc == doc { exact += s.score() } } }
                    top.insert(exact, doc)
                    let t = top.threshold
                    while firstEssential < n && prefix[firstEssential] <= t { firstEssential += 1 }
                    if firstEssential == n { return }
                    // The bounds changed: a fresh window from the next document.
                    floor = doc + 1
                    continue outer
                }
                for j in w..<m { scorers[rank[j]]._withUnsafeGuaranteedRef { s in if s.doc == doc { s.next() } } }
            }
        }
    }
}
