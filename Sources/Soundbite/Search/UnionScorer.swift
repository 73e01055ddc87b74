/// The terms a prefix or fuzzy word expands to, as one doc-ordered stream:
/// a document matches when any term holds it, and scores the sum of the
/// BM25 scores of the terms it holds, added in the terms' order, so the
/// score is bit-identical to a ``BooleanScorer`` of the same ``TermScorer``s.
///
/// The cursors sit in a binary heap by document, so stepping costs
/// O(log n) per posting instead of a look at every term per document. A
/// lone union (the whole query, filtered or not) takes its top k by MaxScore
/// over its terms instead (``collectTop(_:into:)``): the frequent, low-idf
/// expansions, which hold most of the postings, are then only sought.
final class UnionScorer: Scorer {
    /// The index, held without reference counting, as ``TermScorer/reader`` is.
    private unowned(unsafe) let reader: IndexReader
    private let bm25: BM25
    private let cursors: [PostingCursor]
    private let idfs: [Double]
    private let terms: [Int]
    /// Cursors not on the current document, as a min-heap by (doc, index),
    /// in `heap[0 ..< heapCount]`. Both buffers hold one entry per term and
    /// are raw memory, so the hot loop pays no exclusivity checks.
    private let heap: UnsafeMutablePointer<HeapEntry>
    private var heapCount = 0
    /// Indices of the cursors on the current document, ascending, in `matching[0 ..< matchCount]`.
    private let matching: UnsafeMutablePointer<Int>
    private var matchCount = 0
    private var current = PostingCursor.noMoreDocs
    private let bound: Double
    /// Each term's own score bound (its frontier's best), in term order.
    private let termBounds: [Double]

    private struct HeapEntry {
        var doc: UInt32
        var index: Int32

        @inline(__always)
        static func before(_ a: HeapEntry, _ b: HeapEntry) -> Bool {
            a.doc < b.doc || (a.doc == b.doc && a.index < b.index)
        }
    }

    init(reader: __shared IndexReader, terms: [Int], bm25: BM25) {
        self.reader = reader
        self.bm25 = bm25
        self.terms = terms
        var cursors: [PostingCursor] = []
        var idfs: [Double] = []
        var termBounds: [Double] = []
        var bound = 0.0
        cursors.reserveCapacity(terms.count)
        idfs.reserveCapacity(terms.count)
        termBounds.reserveCapacity(terms.count)
        for t in terms {
            let info = reader.info(t)
            let idf = bm25.idf(df: Int(info.df))
            cursors.append(PostingCursor(reader: reader, info: info))
            idfs.append(idf)
            let b = bm25.upperBound(idf: idf, frontier: reader.bounds(info))
            termBounds.append(b)
            bound += b
        }
        self.cursors = cursors
        self.idfs = idfs
        self.termBounds = termBounds
        self.bound = bound
        heap = .allocate(capacity: max(1, terms.count))
        matching = .allocate(capacity: max(1, terms.count))
        super.init()
        for (i, c) in cursors.enumerated() where c.doc != PostingCursor.noMoreDocs {
            push(HeapEntry(doc: c.doc, index: Int32(i)))
        }
        settle()
    }

    deinit {
        heap.deallocate()
        matching.deallocate()
    }

    override var doc: UInt32 { current }
    override var maxScore: Double { bound }

    override func next() {
        guard current != PostingCursor.noMoreDocs else { return }
        for m in 0..<matchCount {
            let i = matching[m]
            let c = cursors[i]
            c.next()
            if c.doc != PostingCursor.noMoreDocs { push(HeapEntry(doc: c.doc, index: Int32(i))) }
        }
        settle()
    }

    override func advance(to target: UInt32) {
        guard target > current, current != PostingCursor.noMoreDocs else { return }
        for m in 0..<matchCount {
            let i = matching[m]
            let c = cursors[i]
            c.advance(to: target)
            if c.doc != PostingCursor.noMoreDocs { push(HeapEntry(doc: c.doc, index: Int32(i))) }
        }
        matchCount = 0
        while heapCount > 0, heap[0].doc < target {
            let c = cursors[Int(heap[0].index)]
            c.advance(to: target)
            if c.doc == PostingCursor.noMoreDocs {
                popTop()
            } else {
                heap[0].doc = c.doc
                siftDown(0)
            }
        }
        settle()
    }

    @inline(__always)
    override func score() -> Double {
        let dl = Double(reader.length(current))
        var s = 0.0
        for m in 0..<matchCount {
            let i = matching[m]
            s += bm25.score(idf: idfs[i], tf: Double(cursors[i].tf), dl: dl)
        }
        return s
    }

    override func explain(into entries: inout [ExplainedTerm]) {
        let dl = Double(reader.length(current))
        for m in 0..<matchCount {
            let i = matching[m]
            let tf = cursors[i].tf
            entries.append(ExplainedTerm(term: reader.termString(terms[i]), isPhrase: false, tf: Int(tf),
                                         df: Int(reader.info(terms[i]).df), idf: idfs[i],
                                         score: bm25.score(idf: idfs[i], tf: Double(tf), dl: dl), weight: 1))
        }
    }

    override func matchPositions(into positions: inout [UInt32]) {
        var p: [UInt32] = []
        for m in 0..<matchCount {
            cursors[matching[m]].positions(into: &p)
            positions.append(contentsOf: p)
        }
    }

    /// Takes every cursor on the smallest document out of the heap.
    private func settle() {
        matchCount = 0
        guard heapCount > 0 else { current = PostingCursor.noMoreDocs; return }
        current = heap[0].doc
        while heapCount > 0, heap[0].doc == current {
            matching[matchCount] = Int(heap[0].index)
            matchCount += 1
            popTop()
        }
        // Popped by (doc, index): already ascending.
    }

    @inline(__always)
    private func push(_ e: HeapEntry) {
        var i = heapCount
        heapCount += 1
        while i > 0 {
            let parent = (i - 1) / 2
            guard HeapEntry.before(e, heap[parent]) else { break }
            heap[i] = heap[parent]
            i = parent
        }
        heap[i] = e
    }

    @inline(__always)
    private func popTop() {
        heapCount -= 1
        guard heapCount > 0 else { return }
        heap[0] = heap[heapCount]
        siftDown(0)
    }

    @inline(__always)
    private func siftDown(_ start: Int) {
        var i = start
        let n = heapCount
        let e = heap[i]
        while true {
            let l = 2 * i + 1
            guard l < n else { break }
            var m = l
            if l + 1 < n && HeapEntry.before(heap[l + 1], heap[l]) { m = l + 1 }
            guard HeapEntry.before(heap[m], e) else { break }
            heap[i] = heap[m]
            i = m
        }
        heap[i] = e
    }
}

extension UnionScorer {
    /// The best documents of `root` — a ``BooleanScorer`` whose one clause is
    /// this union (a lone prefix or fuzzy word, filtered or not) — into `top`:
    /// MaxScore over the union's terms, term at a time in windows of
    /// documents (``UnionWindowCollector``), exact.
    ///
    /// The terms whose bounds together cannot lift a document above the
    /// current k-th score are non-essential: they find no documents, and are
    /// only looked up (`advance`) at the documents the others find. Frequent
    /// expansions (`interview` under `inter*`) have low idf, hence low bounds:
    /// they turn non-essential first, and their long postings are then sought,
    /// not read. The essential terms add their scores into a window's dense
    /// accumulator in term order, so a document's sum is ``score()``'s to the
    /// bit and no posting passes through a heap.
    func collectTop(_ root: BooleanScorer, into top: inout TopK) {
        let frequencies = terms.map { Int(reader.info($0).df) }
        let postings = frequencies.reduce(0, +)
        let floor = UnionScoreFloor.floor(for: root, postings: postings, reader: reader, terms: terms, idfs: idfs,
                                          bounds: termBounds, bm25: bm25, k: top.k)
        UnionWindowCollector.collect(root, cursors: cursors, idfs: idfs, bounds: termBounds, postings: frequencies,
                                     reader: reader, bm25: bm25,
                                     windowSize: UnionWindowCollector.windowSize(documentCount: reader.docCount,
                                                                                 postings: postings, terms: terms.count),
                                     floor: floor, into: &top)
        heapCount = 0
        matchCount = 0
        current = PostingCursor.noMoreDocs
    }
}
