/// Top k of a union of terms (a lone prefix or fuzzy word), MaxScore over
/// its terms, scored term at a time in windows of documents: what
/// ``UnionScorer/collectTop(_:into:)`` runs.
///
/// The non-essential terms are those whose bounds together cannot lift a
/// document above the current k-th score (``NonEssentialChoice``: the set of
/// least estimated cost). The essential terms are read window by window
/// (`windowSize` documents from the smallest document any of them is on), in
/// term order, bounds first: each posting adds its own bound (its tf at its
/// block's shortest document: BM25 falls as the length grows) to its
/// document's sum in the window's dense accumulator, with no length loaded,
/// and is logged as (document, term, tf). Most postings of a short prefix
/// are a tf of 1 in a document holding no other term of it, whose bound
/// cannot beat the k-th score: they cost no length load and no division. A
/// document whose bound sum plus the non-essential bounds can beat it is a
/// candidate: the candidates load their lengths in one tight loop (the
/// random loads overlap), then the log is replayed for them, adding each
/// posting's score in term order, so a candidate's sum is built exactly as
/// ``UnionScorer/score()`` builds it (from 0, the terms' scores added in term
/// order), and no posting goes through a heap. In each window the
/// non-essential terms are bounded by the blocks the window covers
/// (``WindowBlockBound``, never above their global bounds), and those local
/// bounds are what every test of the window adds for them (the window's, a
/// block's, a posting's and a candidate's). A candidate whose sum plus the
/// non-essential bounds can beat the k-th score looks the non-essential terms
/// up (`advance`), highest global bound first, until what is left cannot lift
/// it in; when one of them holds the document, its score is re-added in term
/// order from the window's log of essential contributions, so kept scores are
/// the exhaustive walk's to the bit. The partition is renewed between windows
/// as the k-th score rises.
///
/// Memory: the accumulator, its two bitmaps (touched, candidate) and each
/// touched document's candidate number (12 bytes a window document), 12 bytes
/// per essential posting of one window, 24 per candidate and 16 per
/// candidate posting, allocated once per search; only the bitmaps are zeroed
/// (and only the words between a window's first and last touched documents
/// are read), the accumulator is written on a document's first touch in a
/// window.
struct UnionWindowCollector {
    /// Window documents by default: large enough that a sparse union's terms
    /// are visited a few times per window, small enough to stay in cache.
    static func defaultWindowSize(documentCount: Int) -> Int {
        var w = 1_024
        while w < 8_192 && w * 256 < documentCount { w *= 2 }
        return w
    }

    /// Window documents for a union of `terms` terms holding `postings`
    /// postings in an index of `documentCount` documents: at least
    /// ``defaultWindowSize(documentCount:)``, and wide enough that a term has
    /// some 8 postings in a window on average (what a window costs per term,
    /// its bounds and set-up, is then paid a few times, not once per posting
    /// or two), at most 2^16 documents: the accumulator (8 bytes a document,
    /// read and written at random) then stays within 512 KB.
    static func windowSize(documentCount: Int, postings: Int, terms: Int) -> Int {
        var w = defaultWindowSize(documentCount: documentCount)
        let windows = max(1, postings / max(1, 8 * terms))
        while w < 1 << 16 && w * windows < documentCount { w *= 2 }
        return w
    }

    /// `x` raised against the rounding of a sum taken in another order (``BoundMargin``).
    @inline(__always)
    private static func padded(_ x: Double) -> Double { BoundMargin.padded(x) }

    /// Room for one more value in `buffer` (`count` of `capacity` used):
    /// when full, its values move to a buffer twice as large.
    @inline(__always)
    private static func makeRoom<T>(_ buffer: inout UnsafeMutablePointer<T>, count: Int, capacity: inout Int) {
        guard count == capacity else { return }
        let bigger = UnsafeMutablePointer<T>.allocate(capacity: 2 * capacity)
        bigger.moveInitialize(from: buffer, count: count)
        buffer.deallocate()
        buffer = bigger
        capacity *= 2
    }

    /// A candidate of a window: its essential score (term order), its
    /// document's length, its document (from the window's start) and its
    /// last entry in the window's log (−1: none).
    private struct Candidate {
        var score: Double
        var length: Double
        var offset: UInt32
        var head: Int32
    }

    /// One essential posting of a window: its document (from the window's
    /// start), its term and its tf.
    private struct Entry {
        var offset: UInt32
        var term: UInt32
        var tf: UInt32
    }

    /// One candidate's essential score in the window's log: the next entry of
    /// the same document (−1 ends), its term and its score.
    private struct Contribution {
        var next: Int32
        var term: Int32
        var score: Double
    }

    /// The best documents of `root` (a ``BooleanScorer`` whose one clause is
    /// the union of `cursors`) into `top`. `idfs` and `bounds` are per term
    /// (term order); the cursors are at or past every document `root` passed.
    /// `floor` is at most the final k-th score (``UnionScoreFloor``): bounds
    /// padded to at most it are passed as if it were the k-th score, while
    /// documents are kept by `top`'s own.
    static func collect(_ root: BooleanScorer, cursors: [PostingCursor], idfs: [Double], bounds: [Double],
                        postings: [Int], reader: IndexReader, bm25: BM25, windowSize: Int, floor: Double = -Double.infinity,
                        into top: inout TopK) {
        let n = cursors.count
        guard n > 0, root.doc != PostingCursor.noMoreDocs else { return }
        // The non-essential terms are order[0 ..< firstEssential], lowest bound first (each window
        // bounds them by its blocks, `localPrefix`). The rest of `order` is the essential terms.
        var order = Array(0..<n)
        var firstEssential = 0
        var isNonEssential = [Bool](repeating: false, count: n)
        let choice = NonEssentialChoice(idfs: idfs, bounds: bounds, postings: postings)
        // Chooses the non-essential terms for a k-th score of `t`; returns whether the choice changed.
        var chosen = [Bool](repeating: false, count: n)
        func choose(_ t: Double) -> Bool {
            choice.choose(threshold: t, into: &chosen)
            if chosen == isNonEssential { return false }
            isNonEssential = chosen
            order = (0..<n).sorted { (chosen[$0] ? 0 : 1, bounds[$0], $0) < (chosen[$1] ? 0 : 1, bounds[$1], $1) }
            firstEssential = chosen.lazy.filter { $0 }.count
            return true
        }
        var chosenAt = max(top.threshold, floor)
        _ = choose(chosenAt)
        if firstEssential == n { return }

        let w = max(64, windowSize)
        let words = (w + 63) / 64
        let acc = UnsafeMutablePointer<Double>.allocate(capacity: w)
        let bits = UnsafeMutablePointer<UInt64>.allocate(capacity: words)
        bits.initialize(repeating: 0, count: words)
        // The window's candidates (documents scored exactly): a bitmap, each one's number (per
        // window document), and per number its offset, length, score and log head.
        let cand = UnsafeMutablePointer<UInt64>.allocate(capacity: words)
        cand.initialize(repeating: 0, count: words)
        let slot = UnsafeMutablePointer<Int32>.allocate(capacity: w)
        var candidateCapacity = 256
        var candidate = UnsafeMutablePointer<Candidate>.allocate(capacity: candidateCapacity)
        // The window's essential postings (document, term, tf), in term order.
        var entryCapacity = 1_024
        var entries = UnsafeMutablePointer<Entry>.allocate(capacity: entryCapacity)
        var logCapacity = 1_024
        var log = UnsafeMutablePointer<Contribution>.allocate(capacity: logCapacity)
        // Per term: the document its cursor is on (essential terms only kept current).
        let nextDoc = UnsafeMutablePointer<UInt32>.allocate(capacity: n)
        // The essential terms, ascending.
        let essential = UnsafeMutablePointer<Int32>.allocate(capacity: n)
        // Per term: its bound over the current window's blocks.
        let local = UnsafeMutablePointer<Double>.allocate(capacity: n)
        // A candidate's contributions (term, score): the found non-essential ones, then the merge.
        let found = UnsafeMutablePointer<Contribution>.allocate(capacity: n)
        let merged = UnsafeMutablePointer<Contribution>.allocate(capacity: n)
        // The non-essential terms' bounds over the window's blocks: per rank, the padded sum of
        // ranks 0 ... r; per term, the last document of the blocks last bounded and their bound.
        let localPrefix = UnsafeMutablePointer<Double>.allocate(capacity: n)
        var bounded = [WindowBlockBound](repeating: WindowBlockBound(), count: n)
        defer {
            localPrefix.deallocate()
            acc.deallocate()
            bits.deallocate()
            slot.deallocate()
            candidate.deallocate()
            cand.deallocate()
            entries.deallocate()
            log.deallocate()
            nextDoc.deallocate()
            essential.deallocate()
            local.deallocate()
            found.deallocate()
            merged.deallocate()
        }
        let refs = cursors.map { Unmanaged.passUnretained($0) }
        let end = PostingCursor.noMoreDocs
        for i in 0..<n { nextDoc[i] = cursors[i].doc }
        var essentialCount = 0
        var minNext = end
        // Where the last window stopped: a term that turns essential again is brought up to it.
        var reached: UInt32 = 0
        func partition() {
            essentialCount = 0
            minNext = end
            for i in 0..<n where !isNonEssential[i] {
                // A term looked up as non-essential lies wherever its last lookup left it.
                if cursors[i].doc < reached { cursors[i].advance(to: reached) }
                nextDoc[i] = cursors[i].doc
                guard nextDoc[i] != end else { continue }
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
                        reached = stop
                        let logging = firstEssential > 0
                        // The non-essential terms bounded by the blocks the window covers
                        // (never above their global bounds): what they can still add here.
                        if logging {
                            var total = 0.0
                            for r in 0..<firstEssential {
                                let i = order[r]
                                total += refs[i]._withUnsafeGuaranteedRef { c in
                                    bounded[i].bound(c, start: start, stop: stop, bm25, idf: idfs[i], global: bounds[i])
                                }
                                localPrefix[r] = padded(total)
                            }
                        }
                        let rest = firstEssential > 0 ? localPrefix[firstEssential - 1] : 0
                        // Block-max: each essential term's bound over the blocks the window
                        // touches (0 without a document in it), once k documents are kept.
                        let threshold0 = max(top.threshold, floor)
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
                        var logCount = 0, entryCount = 0
                        var lowest = Int.max, highest = -1
                        minNext = end
                        // Bounds first, term at a time, in term order, over [start, stop): a posting adds
                        // its own bound (its tf at its block's shortest document: BM25 falls as the length
                        // grows) to its document's sum in `acc`, with no length loaded, and is logged as
                        // (document, term, tf). A document whose bound sum and the non-essential bounds
                        // can beat the k-th score is a candidate (`cand`); only candidates load their
                        // lengths and are scored, below. A block of a term that cannot lift any of its
                        // documents in (its bound, the others' window bounds and the non-essential ones'
                        // together at most the k-th score) is passed by its header, and so is a posting
                        // whose own bound cannot: their documents' sums stay partial, below their true
                        // scores, which cannot enter either.
                        for e in 0..<essentialCount {
                            let i = Int(essential[e])
                            var d = nextDoc[i]
                            if d < stop {
                                let idf = idfs[i]
                                let others = blockMax ? windowBound - local[i] + rest : 0
                                refs[i]._withUnsafeGuaranteedRef { c in
                                    if d < start { c.advance(to: start); d = c.doc }
                                    guard d < stop else { return }
                                    var checked = -1
                                    var passSingle = false
                                    var shortest = 0.0, single = 0.0
                                    var first = -1, last = -1
                                    while d < stop {
                                        if c.block != checked {
                                            checked = c.block
                                            let h = c.bound(ofBlock: checked)
                                            if blockMax && h.lastDoc < stop && padded(h.score(bm25, idf: idf) + others) <= threshold0 {
                                                c.skipBlocks(whileBound: {
                                                    $0.lastDoc < stop && padded($0.score(bm25, idf: idf) + others) <= threshold0
                                                })
                                                d = c.doc
                                                continue
                                            }
                                            shortest = Double(h.minLength)
                                            single = bm25.score(idf: idf, tf: 1, dl: shortest)
                                            passSingle = blockMax && padded(single + others) <= threshold0
                                        }
                                        let tf = c.tf
                                        let ub = tf == 1 ? single : bm25.score(idf: idf, tf: Double(tf), dl: shortest)
                                        if blockMax && (tf == 1 ? passSingle : padded(ub + others) <= threshold0) {
                                            c.next()
                                            d = c.doc
                                            continue
                                        }
                                        let off = Int(d &- start)
                                        if first < 0 { first = off }
                                        last = off
                                        let mask: UInt64 = 1 &<< UInt64(off & 63)
                                        let word = bits[off >> 6]
                                        // First touch in this window writes, later ones add (the bitmap
                                        // says which), so nothing is zeroed per search.
                                        let a = word & mask != 0 ? acc[off] + ub : ub
                                        acc[off] = a
                                        bits[off >> 6] = word | mask
                                        if padded(a) + rest > threshold0 { cand[off >> 6] |= mask }
                                        Self.makeRoom(&entries, count: entryCount, capacity: &entryCapacity)
                                        entries[entryCount] = Entry(offset: UInt32(off), term: UInt32(i), tf: tf)
                                        entryCount += 1
                                        c.next()
                                        d = c.doc
                                    }
                                    if first >= 0 {
                                        lowest = min(lowest, first)
                                        highest = max(highest, last)
                                    }
                                }
                                nextDoc[i] = d
                            }
                            minNext = min(minNext, d)
                        }
                        // Only the words between the first and last document touched.
                        let firstWord = highest < 0 ? 0 : lowest >> 6, usedWords = highest < 0 ? 0 : (highest >> 6) + 1
                        // The candidates numbered in document order, their sums started at 0 and their
                        // lengths loaded, in one tight loop (independent loads: their cache misses overlap).
                        var candidates = 0
                        for word in firstWord..<usedWords {
                            bits[word] = 0
                            var set = cand[word]
                            while set != 0 {
                                let off = word * 64 + set.trailingZeroBitCount
                                set &= set &- 1
                                Self.makeRoom(&candidate, count: candidates, capacity: &candidateCapacity)
                                slot[off] = Int32(candidates)
                                candidate[candidates] = Candidate(score: 0, length: Double(reader.length(start + UInt32(off))),
                                                                  offset: UInt32(off), head: -1)
                                candidates += 1
                            }
                        }
                        // The candidates' postings scored, in the log's order (term order for each
                        // document): so a sum is built exactly as ``UnionScorer/score()`` builds it.
                        if candidates > 0 {
                            for j in 0..<entryCount {
                                let en = entries[j]
                                let off = Int(en.offset)
                                guard cand[off >> 6] & (1 &<< UInt64(off & 63)) != 0 else { continue }
                                let q = Int(slot[off])
                                let s = bm25.score(idf: idfs[Int(en.term)], tf: Double(en.tf), dl: candidate[q].length)
                                candidate[q].score += s
                                if logging {
                                    Self.makeRoom(&log, count: logCount, capacity: &logCapacity)
                                    log[logCount] = Contribution(next: candidate[q].head, term: Int32(en.term), score: s)
                                    candidate[q].head = Int32(logCount)
                                    logCount += 1
                                }
                            }
                            for word in firstWord..<usedWords { cand[word] = 0 }
                        }
                        // The window's candidates, in order.
                        for q in 0..<candidates {
                            let s = candidate[q].score
                            let chain = candidate[q].head
                            let doc = start + candidate[q].offset
                            let threshold = top.threshold
                            // Bounds are tested against the floor too; only the real k-th score keeps.
                            let bar = max(threshold, floor)
                            if !logging {
                                if s > threshold && root.nextAccepted(from: doc) == doc { top.insert(0.0 + s, doc) }
                                continue
                            }
                            if padded(s) + rest <= bar { continue }
                            if root.nextAccepted(from: doc) != doc { continue }
                            // The non-essential terms, highest bound first, while they can still lift it in.
                            var sum = s
                            var foundCount = 0
                            let dl = candidate[q].length
                            var r = firstEssential - 1
                            while r >= 0 {
                                if padded(sum) + localPrefix[r] <= bar { break }
                                let i = order[r]
                                refs[i]._withUnsafeGuaranteedRef { c in
                                    c.advance(to: doc)
                                    if c.doc == doc {
                                        let v = bm25.score(idf: idfs[i], tf: Double(c.tf), dl: dl)
                                        sum += v
                                        found[foundCount] = Contribution(next: -1, term: Int32(i), score: v)
                                        foundCount += 1
                                    }
                                }
                                r -= 1
                            }
                            if r >= 0 { continue }
                            if foundCount == 0 {
                                if s > threshold { top.insert(0.0 + s, doc) }
                                continue
                            }
                            // Re-add in term order, as `score()` does: the log's chain runs from
                            // the last term to the first; the found ones come in rank order.
                            var m = 0
                            var link = chain
                            while link >= 0 { merged[m] = log[Int(link)]; m += 1; link = log[Int(link)].next }
                            for f in 0..<foundCount { merged[m] = found[f]; m += 1 }
                            var a = 1
                            while a < m {
                                let v = merged[a]
                                var b = a
                                while b > 0 && merged[b - 1].term > v.term { merged[b] = merged[b - 1]; b -= 1 }
                                merged[b] = v
                                a += 1
                            }
                            var canonical = 0.0
                            for j in 0..<m { canonical += merged[j].score }
                            if canonical > threshold { top.insert(0.0 + canonical, doc) }
                        }
                        // The k-th score may have risen: renew the partition.
                        let t = max(top.threshold, floor)
                        if t > chosenAt {
                            chosenAt = t
                            if choose(t) {
                                if firstEssential == n { break }
                                partition()
                            }
                        }
                    }
                }
            }
        }
    }
}

/// One non-essential term's bound over the blocks a window of
/// ``UnionWindowCollector`` covers, remembered across windows: the blocks
/// bounded for an earlier window run from the first one ending at or after
/// its start to the first ending at or after its last document, so while that
/// last block ends at or after the new window's last document they still
/// cover every posting the term has left in the window (windows only move
/// forward, and so does the term's cursor), and their bound is reused.
struct WindowBlockBound {
    /// The last document of the last block bounded (−1: none yet).
    private var lastDoc: Int64 = -1
    /// The bound of the blocks bounded (at most the term's global bound).
    private var value = 0.0

    /// What the term of cursor `c` (idf `idf`, global bound `global`) can add
    /// to a document of the window `start ..< stop`: 0 when its cursor is at
    /// or past `stop` (every document it passed was a target below `start`, or
    /// a posting below it), else the best bound of the blocks from the one
    /// holding `start` (or the cursor's) to the one holding `stop − 1`.
    @inline(__always)
    mutating func bound(_ c: PostingCursor, start: UInt32, stop: UInt32, _ bm25: BM25, idf: Double,
                        global: Double) -> Double {
        if c.doc >= stop { return 0 }
        if lastDoc >= Int64(stop) - 1 { return value }
        var k = c.firstBlock(from: max(c.block, 0), endingAtOrAfter: start)
        var best = 0.0
        var last: UInt32 = PostingCursor.noMoreDocs
        while k < c.blockCount {
            let h = c.bound(ofBlock: k)
            best = max(best, h.score(bm25, idf: idf))
            last = h.lastDoc
            if last >= stop &- 1 || best >= global { break }
            k += 1
        }
        value = min(best, global)
        // Past the blocks bounded, or stopped early at the global bound (which holds everywhere).
        lastDoc = best >= global ? Int64(PostingCursor.noMoreDocs) : Int64(last)
        return value
    }
}
