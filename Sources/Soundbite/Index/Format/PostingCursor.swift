/// A forward-only cursor over one term's postings (``Postings``), reading the
/// index bytes in place. Decodes a block of up to ``Postings/blockSize``
/// (doc, tf) pairs at a time into buffers allocated once per cursor, and
/// positions one chunk at a time (``Positions/ChunkReader``); `advance` and
/// the block-max calls skip whole blocks by their headers without decoding them.
///
/// Block-max pruning reads the per-block bounds: ``blockMaxTF``,
/// ``blockMinLength``, ``blockLastDoc``, ``blockUpperBound(_:idf:)`` for the
/// current block, ``bound(ofBlock:)`` / ``upperBound(ofBlock:_:idf:)`` /
/// ``block(containing:)`` for any block ahead (shallow: headers only), and
/// ``skipBlocks(whileBound:)`` to pass blocks that cannot qualify.
///
/// Corrupt bytes never crash it: every read is bounds-checked against the
/// section, and a document id that does not increase or lies past the last
/// document ends the cursor early (``isCorrupt`` tells).
final class PostingCursor {
    /// Returned by ``doc`` once the cursor is exhausted.
    static let noMoreDocs = UInt32.max

    /// The score bound of one block, from its header and its impacts (its
    /// (tf, dl) frontier, ``Postings``). `@unchecked Sendable`: ``impacts``
    /// points into the index's mapped bytes, read-only, valid while the reader is.
    struct BlockBound: @unchecked Sendable, Hashable {
        /// The last document of the block: the bound holds up to it.
        var lastDoc: UInt32
        /// The largest tf in the block (`UInt32.max`: unknown, use the term's bound).
        var maxTF: UInt32
        /// The smallest document length in the block.
        var minLength: UInt32
        /// The block's stored frontier, ``impactCount`` pairs `tf u16 · dl u16`
        /// (nil when the header's (``maxTF``, ``minLength``) is the frontier).
        var impacts: UnsafeRawPointer? = nil
        /// Pairs at ``impacts``.
        var impactCount = 0

        /// The highest BM25 score (times `idf`) any posting of the block can reach;
        /// `.infinity` when ``maxTF`` is unknown.
        @inline(__always)
        func score(_ bm25: BM25, idf: Double) -> Double { score(bm25, idf: idf, lengthFloor: 0) }

        /// ``score(_:idf:)`` with every length raised to at least `lengthFloor`
        /// (a length no document of the term is shorter than): the best BM25
        /// over the block's frontier, which dominates every posting of it (no
        /// less tf, no more dl), so it bounds them for any k1 ≥ 0, 0 ≤ b ≤ 1.
        @inline(__always)
        func score(_ bm25: BM25, idf: Double, lengthFloor: Double) -> Double {
            if maxTF == UInt32.max { return .infinity }
            guard let p = impacts else {
                return bm25.score(idf: idf, tf: Double(maxTF), dl: max(lengthFloor, Double(minLength)))
            }
            var best = 0.0
            for i in 0..<impactCount {
                let tf = UInt16(littleEndian: p.loadUnaligned(fromByteOffset: i * Postings.impactSize, as: UInt16.self))
                let dl = UInt16(littleEndian: p.loadUnaligned(fromByteOffset: i * Postings.impactSize + 2, as: UInt16.self))
                best = max(best, bm25.score(idf: idf, tf: Double(tf), dl: max(lengthFloor, Double(dl))))
            }
            return best
        }

        /// The block's frontier as (tf, dl) pairs, by decreasing tf (the
        /// header's one pair when no impacts are stored).
        var frontier: [(tf: UInt32, dl: UInt32)] {
            guard let p = impacts else { return [(maxTF, minLength)] }
            return (0..<impactCount).map { i in
                (UInt32(UInt16(littleEndian: p.loadUnaligned(fromByteOffset: i * Postings.impactSize, as: UInt16.self))),
                 UInt32(UInt16(littleEndian: p.loadUnaligned(fromByteOffset: i * Postings.impactSize + 2, as: UInt16.self))))
            }
        }
    }

    private let termStart: UnsafeRawPointer
    private let sectionEnd: UnsafeRawPointer
    private let positionsStart: UnsafeRawPointer
    private let positionsEnd: UnsafeRawPointer
    /// Blocks of the term.
    let blockCount: Int
    /// Where the impacts of block 0 start; each block has ``impactStride`` slots.
    private let impactsStart: UnsafeRawPointer
    /// Impact slots per block (0: the term stores none).
    private let impactStride: Int
    /// The coarse level (``Postings``), nil when the term has none.
    private let coarseStart: UnsafeRawPointer?
    private let docLimit: UInt32

    /// The decoded block (−1 before the first).
    private(set) var block = -1
    private var lastDocOfBlock: UInt32 = 0
    private let docs: UnsafeMutablePointer<UInt32>
    private let tfs: UnsafeMutablePointer<UInt32>
    private let positionBuffer: UnsafeMutablePointer<UInt32>
    private var chunks: Positions.ChunkReader
    private var index = 0
    private var count = 0
    /// Σ tf of the postings before ``positionsIndex`` in the block.
    private var positionsBase = 0
    private var positionsIndex = 0
    /// Whether the current block's tfs are unpacked (false after
    /// ``seekDocuments(to:)`` decoded a block's documents alone, until ``loadTFs()``).
    private(set) var tfsLoaded = false

    /// The current document, or ``noMoreDocs``.
    private(set) var doc: UInt32 = 0
    /// True when decoding stopped at bytes that cannot be right.
    private(set) var isCorrupt = false

    /// A cursor over the term `info` describes, in the index `reader` reads.
    convenience init(reader: IndexReader, info: TermInfo) {
        self.init(postings: reader.section(.postings), positions: reader.section(.positions),
                  documentCount: reader.docCount, info: info)
    }

    /// A cursor over the term `info` describes, in the given `postings` and
    /// `positions` sections of an index of `documentCount` documents.
    init(postings: UnsafeRawBufferPointer, positions: UnsafeRawBufferPointer, documentCount: Int, info: TermInfo) {
        let base = postings.baseAddress ?? UnsafeRawPointer(bitPattern: 8)!
        let pBase = positions.baseAddress ?? UnsafeRawPointer(bitPattern: 8)!
        sectionEnd = base + postings.count
        positionsEnd = pBase + positions.count
        docLimit = UInt32(clamping: documentCount)
        // One allocation for the three buffers (a cursor is made per term per search).
        docs = .allocate(capacity: 2 * Postings.blockSize + Positions.chunkSize)
        tfs = docs + Postings.blockSize
        positionBuffer = tfs + Postings.blockSize
        chunks = Positions.ChunkReader(buffer: positionBuffer, end: positionsEnd)
        let headerBytes = Int(info.blocks) * Postings.BlockHeader.size
        if info.postingsOffset <= UInt64(postings.count),
           UInt64(postings.count) - info.postingsOffset >= UInt64(headerBytes),
           info.positionsOffset <= UInt64(positions.count) {
            let start = base + Int(info.postingsOffset)
            termStart = start
            positionsStart = pBase + Int(info.positionsOffset)
            // The stride is in every header; block 0's decides (its impacts must lie inside the section).
            let stride = info.blocks == 0 ? 0 : min(Postings.BlockHeader.impacts(at: start) >> 4, Postings.maxImpacts)
            let blocks = Int(info.blocks)
            let coarse = Postings.hasCoarseLevel(blocks: blocks, stride: stride)
            let coarseBytes = coarse ? (blocks + Postings.coarseBlocks - 1) / Postings.coarseBlocks * Postings.coarseEntrySize : 0
            if UInt64(postings.count) - info.postingsOffset - UInt64(headerBytes)
                >= UInt64(blocks * stride * Postings.impactSize + coarseBytes) {
                blockCount = blocks
                impactStride = stride
                coarseStart = coarse ? start + headerBytes + blocks * stride * Postings.impactSize : nil
            } else {
                blockCount = 0
                impactStride = 0
                coarseStart = nil
                isCorrupt = true
            }
            impactsStart = start + headerBytes
        } else {
            termStart = base
            positionsStart = pBase
            blockCount = 0
            impactStride = 0
            impactsStart = base
            coarseStart = nil
            isCorrupt = true
        }
        doc = 0
        if !nextBlock(after: -1, target: 0) { doc = Self.noMoreDocs }
    }

    deinit { docs.deallocate() }

    /// Term frequency in the current document.
    @inline(__always) var tf: UInt32 { tfs[index] }

    /// Moves to the next document.
    @inline(__always)
    func next() {
        index += 1
        if index < count { doc = docs[index]; return }
        if !nextBlock(after: block, target: 0) { doc = Self.noMoreDocs }
    }

    /// Moves to the first document ≥ `target`.
    @inline(__always)
    func advance(to target: UInt32) {
        if doc >= target { return }
        if target <= lastDocOfBlock && block >= 0 {
            // The block's last document (checked at decoding) is ≥ `target`:
            // a sentinel, so the scan needs no bound, and a local index
            // stays in a register (one store at the end, not one per step).
            index = Self.firstIndex(in: docs, from: index + 1, atLeast: target)
            doc = docs[index]
            return
        }
        if !nextBlock(after: block, target: target) { doc = Self.noMoreDocs }
    }

    /// The first `i ≥ from` with `docs[i] ≥ target`, for rising `docs` that
    /// hold such an `i` (a sentinel: the scan reads no bound).
    @inline(__always)
    private static func firstIndex(in docs: UnsafeMutablePointer<UInt32>, from: Int, atLeast target: UInt32) -> Int {
        var i = from
        while docs[i] < target { i += 1 }
        return i
    }

    /// The block whose lengths ``warmLengths(_:minTF:allowed:)`` loaded last (to its end).
    private var warmedBlock = -1
    /// What the warming loads add up to (kept, so that they are made).
    private var warmSum: UInt32 = 0

    /// Loads the lengths (from `table`) of the documents of the current
    /// block's postings from the current one on whose tf is at least `minTF`,
    /// before they are scored: independent loads, so their cache misses
    /// overlap (on a large index the length table is far larger than the
    /// cache, and scoring a posting waits on its length). A block is warmed
    /// once, on the first call.
    @inline(__always)
    ///
    /// With `allowed` (a copy of a filter's cursor, not past the current
    /// document), only the lengths of the documents it holds are loaded: a
    /// selective filter (a chapter) lets few of a block's postings be
    /// scored, and loading every length cost a cache miss each (60 % of a
    /// chapter query's MaxScore loop at 1,000 h).
    func warmLengths(_ table: DocTable, minTF: UInt32 = 0, allowed: DocSet? = nil) {
        guard block >= 0, doc != Self.noMoreDocs, warmedBlock != block else { return }
        var sum: UInt32 = 0
        if var allowed {
            for i in index..<count where tfs[i] >= minTF {
                let d = docs[i]
                allowed.advance(to: d)
                if allowed.doc == Self.noMoreDocs { break }
                if allowed.doc == d { sum &+= table.length(d) }
            }
        } else {
            for i in index..<count where tfs[i] >= minTF { sum &+= table.length(docs[i]) }
        }
        warmedBlock = block
        warmSum &+= sum
    }

    // MARK: Block bounds

    /// The bound of block `k` (0 ≤ k < ``blockCount``), from its header and
    /// its impacts (no posting decoded).
    @inline(__always)
    func bound(ofBlock k: Int) -> BlockBound {
        let h = header(k)
        let n = min(Postings.BlockHeader.impacts(at: h) & 15, impactStride)
        return BlockBound(lastDoc: Postings.BlockHeader.lastDoc(at: h), maxTF: Postings.BlockHeader.maxTF(at: h),
                          minLength: Postings.BlockHeader.minLength(at: h),
                          impacts: n == 0 ? nil : impactsStart + k * impactStride * Postings.impactSize, impactCount: n)
    }

    /// Whether the term has a coarse level (``coarseBound(ofRun:)``).
    var hasCoarseLevel: Bool { coarseStart != nil }

    /// The bound of blocks `r · coarseBlocks ..< min((r + 1) · coarseBlocks, blockCount)`
    /// together (``hasCoarseLevel`` must hold, `r` < ⌈``blockCount`` / `coarseBlocks`⌉):
    /// their last document, largest tf, smallest length and frontier, one read.
    @inline(__always)
    func coarseBound(ofRun r: Int) -> BlockBound {
        let e = coarseStart.unsafelyUnwrapped + r * Postings.coarseEntrySize
        let p = e + 4
        var n = 0
        while n < Postings.maxImpacts
                && p.loadUnaligned(fromByteOffset: n * Postings.impactSize, as: UInt16.self) != 0 { n += 1 }
        let tf = n == 0 ? 0 : UInt32(UInt16(littleEndian: p.loadUnaligned(as: UInt16.self)))
        let dl = n == 0 ? 0 : UInt32(UInt16(littleEndian: p.loadUnaligned(fromByteOffset: (n - 1) * Postings.impactSize + 2,
                                                                          as: UInt16.self)))
        // An empty (damaged) entry bounds nothing: unbounded, so it is never passed.
        return BlockBound(lastDoc: UInt32(littleEndian: e.loadUnaligned(as: UInt32.self)),
                          maxTF: tf == 0 || tf == 0xFFFF ? UInt32.max : tf, minLength: dl, impacts: p, impactCount: n)
    }

    /// The largest term frequency in block `k` (`UInt32.max` when the header's field saturated).
    @inline(__always)
    func maxTF(ofBlock k: Int) -> UInt32 { Postings.BlockHeader.maxTF(at: header(k)) }

    /// The highest score any posting of block `k` can reach with `idf` (the
    /// term's idf times its weight): the best `bm25.score(tf, dl)` over the
    /// block's frontier (``BlockBound/score(_:idf:)``), at most `score(maxTF, minLength)`.
    @inline(__always)
    func upperBound(ofBlock k: Int, _ bm25: BM25, idf: Double) -> Double { bound(ofBlock: k).score(bm25, idf: idf) }

    /// Whether the cursor is on a document of a decoded block.
    @inline(__always)
    private var onBlock: Bool { block >= 0 && block < blockCount && doc != Self.noMoreDocs }

    /// The largest term frequency in the current block (0 when exhausted).
    var blockMaxTF: UInt32 { onBlock ? maxTF(ofBlock: block) : 0 }

    /// The smallest document length in the current block (`UInt32.max` when exhausted).
    var blockMinLength: UInt32 { onBlock ? bound(ofBlock: block).minLength : .max }

    /// The last document of the current block (``noMoreDocs`` when exhausted).
    var blockLastDoc: UInt32 { onBlock ? lastDocOfBlock : Self.noMoreDocs }

    /// The highest score any posting of the current block can reach (0 when exhausted).
    @inline(__always)
    func blockUpperBound(_ bm25: BM25, idf: Double) -> Double { onBlock ? upperBound(ofBlock: block, bm25, idf: idf) : 0 }

    /// Shallow advance: the first block at or after the current one whose last
    /// document is ≥ `target` (its index and bound), reading headers only;
    /// nil when no block is left. The cursor does not move.
    func block(containing target: UInt32) -> (index: Int, bound: BlockBound)? {
        let k = firstBlock(from: max(block, 0), endingAtOrAfter: target)
        return k < blockCount ? (k, bound(ofBlock: k)) : nil
    }

    /// The first block `k ≥ from` whose last document is ≥ `target`
    /// (``blockCount`` when none), reading headers only; at the start of each
    /// run of ``Postings/coarseBlocks`` blocks, a run whose last document
    /// (its coarse entry) is below `target` is passed with one read.
    @inline(__always)
    func firstBlock(from: Int, endingAtOrAfter target: UInt32) -> Int {
        var k = from
        while k < blockCount {
            if let coarse = coarseStart, k % Postings.coarseBlocks == 0,
               UInt32(littleEndian: (coarse + k / Postings.coarseBlocks * Postings.coarseEntrySize)
                   .loadUnaligned(as: UInt32.self)) < target {
                k += Postings.coarseBlocks
                continue
            }
            if Postings.BlockHeader.lastDoc(at: header(k)) >= target { return k }
            k += 1
        }
        return blockCount
    }

    /// Block-max skipping: leaves the current block, passes every following
    /// block whose bound `cannotQualify` (reading only its header, not
    /// decoding it), and lands on the first document of the next block.
    /// At the start of each run of ``Postings/coarseBlocks`` blocks it asks
    /// first about the run's coarse bound (``coarseBound(ofRun:)``) and
    /// passes the whole run when that cannot qualify: `cannotQualify` must
    /// then hold for every block of the run too, as any test of "last
    /// document below x, bound at most y" does (a run's bound is no lower,
    /// and its last document no earlier, than each of its blocks').
    func skipBlocks(whileBound cannotQualify: (BlockBound) -> Bool) {
        var k = block + 1
        while k < blockCount {
            if coarseStart != nil && k % Postings.coarseBlocks == 0
                && cannotQualify(coarseBound(ofRun: k / Postings.coarseBlocks)) {
                k += Postings.coarseBlocks
                continue
            }
            if !cannotQualify(bound(ofBlock: k)) { break }
            k += 1
        }
        guard k < blockCount else { doc = Self.noMoreDocs; return }
        guard decode(block: k), index < count else { isCorrupt = true; doc = Self.noMoreDocs; return }
        doc = docs[index]
    }

    // MARK: Decoding

    /// Finds the first block after `after` whose last doc is ≥ `target`,
    /// decodes it and positions on the first doc ≥ `target`.
    private func nextBlock(after: Int, target: UInt32) -> Bool {
        let k = firstBlock(from: after + 1, endingAtOrAfter: target)
        guard k < blockCount else { return false }
        guard decode(block: k) else { isCorrupt = true; return false }
        // The block's last document (checked at decoding) is ≥ `target`.
        index = Self.firstIndex(in: docs, from: 0, atLeast: target)
        doc = docs[index]
        return true
    }

    /// Where the header of block `k` (< ``blockCount``) lies.
    @inline(__always)
    private func header(_ k: Int) -> UnsafeRawPointer { termStart + k * Postings.BlockHeader.size }

    /// Decodes block `k` whole: its documents (checked: they rise, the last is
    /// the header's, below the document count), then its tfs and positions.
    private func decode(block k: Int) -> Bool {
        guard decodeDocuments(block: k) else { return false }
        loadTFs()
        return true
    }

    /// Replaces the contents of `out` with the positions of the term in the
    /// current document (absolute, increasing), growing it as needed; no
    /// reference counting (for the phrase matcher's per-candidate reads).
    /// Stops early on corrupt bytes.
    func positions(into out: inout PositionBuffer) {
        out.count = 0
        guard index < count else { return }
        let first = positionsBefore()
        let n = Int(tfs[index])
        out.reserve(n)
        out.count = chunks.positions(from: first, count: n, into: out.base)
        if out.count < n { isCorrupt = true }
    }

    /// Where the current posting's positions start among the block's (Σ tf
    /// of the postings before it), kept from call to call: reading the
    /// postings of a block in order sums each tf once.
    @inline(__always)
    private func positionsBefore() -> Int {
        if positionsIndex > index { positionsBase = 0; positionsIndex = 0 }
        while positionsIndex < index {
            positionsBase += Int(tfs[positionsIndex])
            positionsIndex += 1
        }
        return positionsBase
    }

    /// Appends the positions of the term in the current document to `out`
    /// (absolute, increasing). Stops early on corrupt bytes.
    func positions(into out: inout [UInt32]) {
        out.removeAll(keepingCapacity: true)
        guard index < count else { return }
        let first = positionsBefore()
        var position: UInt32 = 0
        for j in 0..<Int(tfs[index]) {
            guard let v = chunks.value(first + j) else { isCorrupt = true; return }
            position = j == 0 ? v : position &+ v
            out.append(position)
        }
    }
}

/// A growable run of `UInt32`s in memory its owner allocates and frees
/// (``deallocate()``): a value type of a pointer and two integers, so moving
/// and reading it costs no reference counting, unlike an array held by a class.
struct PositionBuffer {
    /// The values, `count` of them valid.
    private(set) var base: UnsafeMutablePointer<UInt32>
    /// Valid values.
    var count = 0
    private var capacity: Int

    /// An empty buffer with room for `capacity` values.
    init(capacity: Int = 16) {
        self.capacity = max(1, capacity)
        base = .allocate(capacity: self.capacity)
    }

    /// Makes room for `n` values (keeping none: for a refill).
    @inline(__always)
    mutating func reserve(_ n: Int) {
        guard n > capacity else { return }
        base.deallocate()
        capacity = max(n, 2 * capacity)
        base = .allocate(capacity: capacity)
        count = 0
    }

    /// The valid values.
    @inline(__always)
    var values: UnsafeBufferPointer<UInt32> { UnsafeBufferPointer(start: base, count: count) }

    /// Frees the memory (once, by the owner).
    func deallocate() { base.deallocate() }
}

// MARK: - phrase3

extension PostingCursor {
    /// The term's first position in the current document (nil when the
    /// cursor is exhausted or the bytes are corrupt), reading that one value:
    /// for a test that needs no other (``PhraseScorer``'s walk across a cut).
    func firstPosition() -> UInt32? {
        guard index < count else { return nil }
        guard let v = chunks.value(positionsBefore()) else { isCorrupt = true; return nil }
        return v
    }
}

// MARK: - phrase4

extension PostingCursor {
    /// The first `i` in `from ... last` with `docs[i] ≥ target`, for rising
    /// `docs` with `docs[last] ≥ target`: eight postings a step while the
    /// eighth is below `target` (a phrase's common word passes dozens a
    /// call), then one at a time (`docs[last]` stops the scan).
    @inline(__always)
    private static func firstIndex(in docs: UnsafeMutablePointer<UInt32>, from: Int, through last: Int, atLeast target: UInt32) -> Int {
        var i = from
        while i + 7 <= last && docs[i + 7] < target { i += 8 }
        while docs[i] < target { i += 1 }
        return i
    }

    /// Moves to the first document ≥ `target`, like ``advance(to:)``, but
    /// scans a block eight postings a step (for a cursor whose targets lie
    /// far apart in its block: a common word of a phrase, led by a rarer
    /// one), and decodes a new block's
    /// documents only: its tfs and its positions wait for ``loadTFs()``, which must come before any read
    /// of ``tf``, of positions or of ``warmLengths(_:minTF:allowed:)`` with a `minTF`
    /// in that block (the caller keeps which ``block`` it loaded them for;
    /// until then a positions read finds none and sets ``isCorrupt``). For a
    /// phrase's common word, most of whose blocks are only looked into.
    @inline(__always)
    func seekDocuments(to target: UInt32) {
        if doc >= target { return }
        if target <= lastDocOfBlock && block >= 0 {
            index = Self.firstIndex(in: docs, from: index + 1, through: count - 1, atLeast: target)
            doc = docs[index]
            return
        }
        seekDocuments(pastBlockTo: target)
    }

    /// ``seekDocuments(to:)`` past the current block (kept out of line: the
    /// call inside a block is the common one).
    @inline(never)
    private func seekDocuments(pastBlockTo target: UInt32) {
        let k = firstBlock(from: block + 1, endingAtOrAfter: target)
        guard k < blockCount else { doc = Self.noMoreDocs; return }
        guard decodeDocuments(block: k) else { isCorrupt = true; doc = Self.noMoreDocs; return }
        // The block's last document (checked at decoding) is ≥ `target`.
        index = Self.firstIndex(in: docs, from: 0, through: count - 1, atLeast: target)
        doc = docs[index]
    }

    /// Block `k`'s documents, checked (they rise from the block before, the last
    /// is the header's, below the document count); its
    /// tfs are left for ``loadTFs()`` (the positions reader holds no values till then).
    private func decodeDocuments(block k: Int) -> Bool {
        let h = Postings.BlockHeader(at: header(k))
        let n = h.count
        guard n > 0, n <= Postings.blockSize, h.docBits <= 32, h.tfBits <= 32,
              Int(h.positionsOffset) <= positionsEnd - positionsStart else { return false }
        let docBytes = BitPacking.byteCount(n, bits: h.docBits), tfBytes = BitPacking.byteCount(n, bits: h.tfBits)
        guard Int(h.dataOffset) <= sectionEnd - termStart,
              docBytes + tfBytes <= sectionEnd - (termStart + Int(h.dataOffset)) else { return false }
        // Documents must rise across blocks too (a damaged header could send the
        // cursor backwards): the first one must lie past every one decoded before.
        var previous: Int64 = k == 0 ? -1 : Int64(Postings.BlockHeader.lastDoc(at: header(k - 1)))
        if block >= 0 { previous = max(previous, Int64(lastDocOfBlock)) }
        // Gaps are ≥ 0, so the documents rise and the last is the largest
        // (exact, 64 bits): checking it against the limit checks them all.
        previous = BitPacking.unpackGaps(n, bits: h.docBits, from: termStart + Int(h.dataOffset), into: docs, after: previous)
        guard previous < Int64(docLimit), docs[n - 1] == h.lastDoc else { return false }
        block = k
        lastDocOfBlock = h.lastDoc
        count = n
        index = 0
        chunks.reset(at: positionsStart + Int(h.positionsOffset), total: 0)
        positionsBase = 0
        positionsIndex = 0
        tfsLoaded = false
        return true
    }

    /// Unpacks the current block's tfs (after ``seekDocuments(to:)`` decoded
    /// its documents alone) and readies its positions, as ``decode(block:)`` does.
    func loadTFs() {
        guard block >= 0, block < blockCount else { return }
        let h = Postings.BlockHeader(at: header(block))
        let n = count
        let p = termStart + Int(h.dataOffset) + BitPacking.byteCount(n, bits: h.docBits)
        var values = 0
        if h.tfBits == 0 {
            // Every tf is 1 (most blocks of most terms): nothing to unpack.
            tfs.update(repeating: 1, count: n)
            values = n
        } else if h.tfBits < 32 {
            // tf − 1 < 2³¹: no saturation to test.
            values = BitPacking.unpackTFs(n, bits: h.tfBits, from: p, into: tfs)
        } else {
            BitPacking.unpack(n, bits: h.tfBits, from: p, into: tfs)
            for i in 0..<n {
                // tf − 1 + 1 never wraps: a stored 0xFFFFFFFF saturates.
                let t = tfs[i] == .max ? UInt32.max : tfs[i] + 1
                tfs[i] = t
                values += Int(t)
            }
        }
        chunks.reset(at: positionsStart + Int(h.positionsOffset), total: values)
        positionsBase = 0
        positionsIndex = 0
        tfsLoaded = true
    }

    /// Whether the posting after the current one is document `d`: nil when
    /// the current posting ends its block (the next one is not decoded).
    @inline(__always)
    func nextPosting(is d: UInt32) -> Bool? {
        index + 1 < count ? docs[index + 1] == d : nil
    }
}
