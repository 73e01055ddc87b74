/// Top k of a union of terms (a lone prefix or fuzzy word), MaxScore over
/// its terms, read term at a time in windows of documents: what
/// ``UnionScorer/collectTop(_:into:)`` runs.
///
/// The terms are ranked by their own score bounds, lowest first; the lowest
/// ranks whose bounds together cannot lift a document above the current k-th
/// score are non-essential. The essential terms are read window by window
/// (`windowSize` documents from the smallest document any of them is on), in
/// term order, without scoring: each posting is logged (term, tf) and adds its
/// own bound (its tf at its block's shortest document) to its document's
/// upper sum. Only a document whose upper sum
/// (with the non-essential bounds) can beat the k-th score is a candidate: its
/// length is read (the window's candidates in one tight loop, so the loads
/// overlap) and its essential scores computed from the log and added in term
/// order, from 0, exactly as ``UnionScorer/score()`` adds them. A candidate
/// that can still enter looks the non-essential terms up (`advance`), highest
/// bound first, until what is left cannot lift it in; their scores are merged
/// in term order, so kept scores are the exhaustive walk's to the bit, and no
/// posting goes through a heap. Most documents of a long union hold one of
/// its terms and sit in blocks whose bound cannot enter: they are decoded but
/// never scored. The partition is renewed between windows as the k-th score
/// rises; frequent, low-idf expansions turn non-essential first and are then
/// only sought.
///
/// Memory: per window document its upper sum, log head, candidate slot and
/// length and a bitmap bit (about 21 bytes), and a log of 12 bytes per
/// essential posting of one window, allocated once per search; only the
/// bitmap is zeroed, the rest is written on a document's first touch in a window.
struct UnionWindowCollector {
    /// Window documents by default: large enough that a sparse union's terms
    /// are visited a few times per window, small enough to stay in cache.
    static func defaultWindowSize(documentCount: Int) -> Int {
        var w = 4_096
        while w < 32_768 && w * 64 < documentCount { w *= 2 }
        return w
    }

    /// One essential posting of the window, in the window's log: the entry
    /// of the same document logged before it (−1 ends), its term and its tf.
    private struct Posting {
        var next: Int32
        var term: Int32
        var tf: UInt32
    }

    /// One term's score at a candidate.
    private struct Contribution {
        var term: Int32
        var score: Double
    }

    /// `x` raised against the rounding of a sum taken in another order.
    @inline(__always)
    private static func padded(_ x: Double) -> Double { x * (1 + 1e-9) + 1e-12 }

    /// The best documents of `root` (a ``BooleanScorer`` whose one clause is
    /// the union of `cursors`) into `top`. `idfs` and `bounds` are per term
    /// (term order); the cursors are at or past every document `root` passed.
    static func collect(_ root: BooleanScorer, cursors: [PostingCursor], idfs: [Double], bounds: [Double],
                        reader: IndexReader, bm25: BM25, windowSize: Int, into top: inout TopK) {
        let n = cursors.count
        guard n > 0, root.doc != PostingCursor.noMoreDocs else { return }
        // rank → term, lowest bound first; prefix[r] bounds ranks 0 ... r, padded against rounding.
        let order = (0..<n).sorted { (bounds[$0], $0) < (bounds[$1], $1) }
        var rankOf = [Int](repeating: 0, count: n)
        for (r, i) in order.enumerated() { rankOf[i] = r }
        var prefix = [Double](repeating: 0, count: n)
        var sum = 0.0
        for r in 0..<n { sum += bounds[order[r]]; prefix[r] = padded(sum) }
        var firstEssential = 0
        while firstEssential < n && prefix[firstEssential] <= top.threshold { firstEssential += 1 }
        if firstEssential == n { return }

        let w = max(64, windowSize)
        let words = (w + 63) / 64
        // Per window document: the sum of the block bounds of the essential
        // postings on it (valid where the bitmap is set) and its last log entry.
        let upper = UnsafeMutablePointer<Double>.allocate(capacity: w)
        let bits = UnsafeMutablePointer<UInt64>.allocate(capacity: words)
        bits.initialize(repeating: 0, count: words)
        let head = UnsafeMutablePointer<Int32>.allocate(capacity: w)
        var logCapacity = 1_024
        var log = UnsafeMutablePointer<Posting>.allocate(capacity: logCapacity)
        // The window's candidates (offsets, ascending) and their lengths.
        let candidates = UnsafeMutablePointer<Int32>.allocate(capacity: w)
        let lengths = UnsafeMutablePointer<UInt32>.allocate(capacity: w)
        // Per term: the document its cursor is on (essential terms only kept current).
        let nextDoc = UnsafeMutablePointer<UInt32>.allocate(capacity: n)
        // The essential terms, ascending.
        let essential = UnsafeMutablePointer<Int32>.allocate(capacity: n)
        // Per term: its bound over the current window's blocks.
        let local = UnsafeMutablePointer<Double>.allocate(capacity: n)
        // A candidate's contributions: its essential ones (last term first), the
        // found non-essential ones, then all of them merged in term order.
        let mine = UnsafeMutablePointer<Contribution>.allocate(capacity: n)
        let found = UnsafeMutablePointer<Contribution>.allocate(capacity: n)
        let merged = UnsafeMutablePointer<Contribution>.allocate(capacity: n)
        defer {
            upper.deallocate()
            bits.deallocate()
            head.deallocate()
            log.deallocate()
            candidates.deallocate()
            lengths.deallocate()
            nextDoc.deallocate()
            essential.deallocate()
            local.deallocate()
            mine.deallocate()
            found.deallocate()
            merged.deallocate()
        }
        let refs = cursors.map { Unmanaged.passUnretained($0) }
        let end = PostingCursor.noMoreDocs
        for i in 0..<n { nextDoc[i] = cursors[i].doc }
        var essentialCount = 0
        var minNext = end
        func partition() {
            essentialCount = 0
            minNext = end
            for i in 0..<n where rankOf[i] >= firstEssential && nextDoc[i] != end {
                essential[essentialCount] = Int32(i)
                essentialCount += 1
                minNext = min(minNext, nextDoc[i])
            }
        }
        partition()

        withExtendedLifetime(cursors) {
            refs.withUnsafeBufferPointer { refs in
                idfs.withUnsafeBufferPointer { idfs in
                    while minNext != end {
                        let start = root.nextAccepted(from: minNext)
                        if start == end { break }
                        let stop = UInt32(min(UInt64(start) + UInt64(w), UInt64(end)))
                        let rest = firstEssential > 0 ? prefix[firstEssential - 1] : 0
                        // Block-max: each essential term's bound over the blocks the window
                        // touches (0 without a document in it), once k documents are kept.
                        let threshold0 = top.threshold
                        let blockMax = threshold0 > -Double.infinity
                        var windowBound = 0.0
                        if blockMax {
                            for e in 0..<essentialCount {
                                let i = Int(essential[e])
                                var b = 0.0
                                if nextDoc[i] < stop {
                                    let idf = idfs[i]
                                    refs[i]._withUnsafeGuaranteedRef { c in
                                        if c.doc < start { c.advance(to: start) }
                                        nextDoc[i] = c.doc
                                        guard c.doc < stop else { return }
                                        var k = c.block
                                        while k < c.blockCount {
                                            let h = c.bound(ofBlock: k)
                                            b = max(b, h.score(bm25, idf: idf))
                                            if h.lastDoc >= stop &- 1 { break }
                                            k += 1
                                        }
                                    }
                                }
                                local[i] = b
                                windowBound += b
                            }
                            if padded(windowBound + rest) <= threshold0 {
                                // No document of the window can enter: its terms move past it.
                                minNext = end
                                for e in 0..<essentialCount {
                                    let i = Int(essential[e])
                                    if nextDoc[i] < stop {
                                        refs[i]._withUnsafeGuaranteedRef { c in c.advance(to: stop); nextDoc[i] = c.doc }
                                    }
                                    minNext = min(minNext, nextDoc[i])
                                }
                                continue
                            }
                        }
                        // Pass 1, term at a time over [start, stop): each essential posting
                        // is logged (term, tf) and adds its own bound to its document's upper
                        // sum; nothing is scored yet, no document length is read. A block of
                        // a term that cannot lift any of its documents in (its bound, the
                        // others' window bounds and the non-essential ones' together at most
                        // the k-th score) is passed by its header, and such a posting is
                        // passed unlogged: those documents' sums stay partial, below their
                        // true scores, which cannot enter either.
                        var logCount = 0
                        var lowest = Int.max, highest = -1
                        minNext = end
                        for e in 0..<essentialCount {
                            let i = Int(essential[e])
                            var d = nextDoc[i]
                            if d < stop {
                                let idf = idfs[i]
                                let others = blockMax ? windowBound - local[i] + rest : 0
                                let term = Int32(i)
                                refs[i]._withUnsafeGuaranteedRef { c in
                                    if d < start { c.advance(to: start); d = c.doc }
                                    var checked = -1
                                    var blockBound = 0.0, shortest = 0.0, single = 0.0
                                    var exactTF = true, passSingle = false
                                    while d < stop {
                                        if c.block != checked {
                                            checked = c.block
                                            let h = c.bound(ofBlock: checked)
                                            blockBound = h.score(bm25, idf: idf)
                                            if blockMax && h.lastDoc < stop && padded(blockBound + others) <= threshold0 {
                                                c.skipBlocks(whileBound: {
                                                    $0.lastDoc < stop && padded($0.score(bm25, idf: idf) + others) <= threshold0
                                                })
                                                d = c.doc
                                                continue
                                            }
                                            // A posting's own bound: its tf at the block's shortest
                                            // document (BM25 falls as the length grows).
                                            exactTF = h.maxTF != UInt32.max
                                            shortest = Double(h.minLength)
                                            single = exactTF ? min(blockBound, bm25.score(idf: idf, tf: 1, dl: shortest)) : blockBound
                                            passSingle = padded(single + others) <= threshold0
                                        }
                                        let tf = c.tf
                                        let bound: Double
                                        if tf == 1 {
                                            if passSingle { c.next(); d = c.doc; continue }
                                            bound = single
                                        } else {
                                            bound = exactTF ? min(blockBound, bm25.score(idf: idf, tf: Double(tf), dl: shortest)) : blockBound
                                            if padded(bound + others) <= threshold0 { c.next(); d = c.doc; continue }
                                        }
                                        let off = Int(d &- start)
                                        lowest = min(lowest, off)
                                        highest = max(highest, off)
                                        // First touch in this window writes, later ones add (the
                                        // bitmap says which), so nothing is zeroed per search.
                                        let mask: UInt64 = 1 &<< UInt64(off & 63)
                                        let seen = bits[off >> 6] & mask != 0
                                        upper[off] = seen ? upper[off] + bound : bound
                                        bits[off >> 6] |= mask
                                        if logCount == logCapacity {
                                            let bigger = UnsafeMutablePointer<Posting>.allocate(capacity: 2 * logCapacity)
                                            bigger.moveInitialize(from: log, count: logCount)
                                            log.deallocate()
                                            log = bigger
                                            logCapacity *= 2
                                        }
                                        log[logCount] = Posting(next: seen ? head[off] : -1, term: term, tf: tf)
                                        head[off] = Int32(logCount)
                                        logCount += 1
                                        c.next()
                                        d = c.doc
                                    }
                                }
                                nextDoc[i] = d
                            }
                            minNext = min(minNext, d)
                        }
                        // Pass 2: the documents whose upper sum (with the non-essential
                        // bounds) can beat the k-th score, in order; their lengths are read
                        // in one tight loop, so the loads overlap.
                        var candidateCount = 0
                        let firstWord = highest < 0 ? 0 : lowest >> 6, usedWords = highest < 0 ? 0 : (highest >> 6) + 1
                        for word in firstWord..<usedWords {
                            var set = bits[word]
                            if set == 0 { continue }
                            bits[word] = 0
                            while set != 0 {
                                let off = word &* 64 &+ set.trailingZeroBitCount
                                set &= set &- 1
                                if padded(upper[off]) + rest <= threshold0 { continue }
                                candidates[candidateCount] = Int32(off)
                                candidateCount += 1
                            }
                        }
                        for j in 0..<candidateCount { lengths[j] = reader.length(start &+ UInt32(candidates[j])) }
                        // Pass 3: each candidate's exact score, as `score()` adds it: from 0,
                        // its terms' scores in term order (the log chain runs last term first).
                        for j in 0..<candidateCount {
                            let off = Int(candidates[j])
                            let threshold = top.threshold
                            if padded(upper[off]) + rest <= threshold { continue }
                            let doc = start &+ UInt32(off)
                            if root.nextAccepted(from: doc) != doc { continue }
                            let dl = Double(lengths[j])
                            var m = 0
                            var link = head[off]
                            while link >= 0 {
                                let p = log[Int(link)]
                                mine[m] = Contribution(term: p.term, score: bm25.score(idf: idfs[Int(p.term)], tf: Double(p.tf), dl: dl))
                                m += 1
                                link = p.next
                            }
                            var s = 0.0
                            var q = m - 1
                            while q >= 0 { s += mine[q].score; q -= 1 }
                            if firstEssential == 0 {
                                if s > threshold { top.insert(s, doc) }
                                continue
                            }
                            if padded(s) + rest <= threshold { continue }
                            // The non-essential terms, highest bound first, while they can still lift it in.
                            var bounded = s
                            var foundCount = 0
                            var r = firstEssential - 1
                            while r >= 0 {
                                if padded(bounded) + prefix[r] <= threshold { break }
                                let i = order[r]
                                refs[i]._withUnsafeGuaranteedRef { c in
                                    c.advance(to: doc)
                                    if c.doc == doc {
                                        let v = bm25.score(idf: idfs[i], tf: Double(c.tf), dl: dl)
                                        bounded += v
                                        found[foundCount] = Contribution(term: Int32(i), score: v)
                                        foundCount += 1
                                    }
                                }
                                r -= 1
                            }
                            if r >= 0 { continue }
                            if foundCount == 0 {
                                if s > threshold { top.insert(s, doc) }
                                continue
                            }
                            // Merge in term order: the essential ones reversed, the found ones
                            // (in rank order) sorted in.
                            var total = 0
                            q = m - 1
                            while q >= 0 { merged[total] = mine[q]; total += 1; q -= 1 }
                            for f in 0..<foundCount {
                                let v = found[f]
                                var b = total
                                while b > 0 && merged[b - 1].term > v.term { merged[b] = merged[b - 1]; b -= 1 }
                                merged[b] = v
                                total += 1
                            }
                            var canonical = 0.0
                            for t in 0..<total { canonical += merged[t].score }
                            if canonical > threshold { top.insert(canonical, doc) }
                        }
                        // The k-th score may have risen: renew the partition.
                        let t = top.threshold
                        let before = firstEssential
                        while firstEssential < n && prefix[firstEssential] <= t { firstEssential += 1 }
                        if firstEssential == n { break }
                        if firstEssential != before { partition() }
                    }
                }
            }
        }
    }
}
