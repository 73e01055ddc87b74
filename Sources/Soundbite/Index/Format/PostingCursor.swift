/// A forward-only cursor over one term's postings, reading the index bytes in
/// place. Decodes a block of up to 128 (doc, tf) pairs at a time; `advance`
/// skips whole blocks by their headers without decoding them.
///
/// Corrupt bytes never crash it: every read is bounds-checked against the
/// section, and a document id that does not increase or lies past the last
/// document ends the cursor early (``isCorrupt`` tells).
final class PostingCursor {
    /// Returned by ``doc`` once the cursor is exhausted.
    static let noMoreDocs = UInt32.max

    private let termStart: UnsafeRawPointer
    private let sectionEnd: UnsafeRawPointer
    private let positionsStart: UnsafeRawPointer
    private let positionsEnd: UnsafeRawPointer
    private let blockCount: Int
    private let docLimit: UInt32

    private var block = -1
    private var blockLastDoc: UInt32 = 0
    private let docs: UnsafeMutablePointer<UInt32>
    private let tfs: UnsafeMutablePointer<UInt32>
    private var index = 0
    private var count = 0
    private var positionsPointer: UnsafeRawPointer
    private var positionsIndex = 0

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
        docs = .allocate(capacity: Postings.blockSize)
        tfs = .allocate(capacity: Postings.blockSize)
        let headerBytes = Int(info.blocks) * Postings.BlockHeader.size
        if info.postingsOffset <= UInt64(postings.count),
           UInt64(postings.count) - info.postingsOffset >= UInt64(headerBytes),
           info.positionsOffset <= UInt64(positions.count) {
            termStart = base + Int(info.postingsOffset)
            positionsStart = pBase + Int(info.positionsOffset)
            blockCount = Int(info.blocks)
        } else {
            termStart = base
            positionsStart = pBase
            blockCount = 0
            isCorrupt = true
        }
        positionsPointer = positionsStart
        doc = 0
        if !nextBlock(after: -1, target: 0) { doc = Self.noMoreDocs }
    }

    deinit {
        docs.deallocate()
        tfs.deallocate()
    }

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
        if target <= blockLastDoc && block >= 0 {
            while index < count && docs[index] < target { index += 1 }
            if index < count { doc = docs[index]; return }
        }
        if !nextBlock(after: block, target: target) { doc = Self.noMoreDocs }
    }

    /// The largest term frequency in block `k` (from its header; `UInt32.max`
    /// when the header's 16-bit field is saturated, so bounds stay safe).
    @inline(__always)
    func maxTF(ofBlock k: Int) -> UInt32 { Postings.BlockHeader.maxTF(at: header(k)) }

    /// The largest term frequency in the current block (0 when exhausted).
    var blockMaxTF: UInt32 { block >= 0 && block < blockCount && doc != Self.noMoreDocs ? maxTF(ofBlock: block) : 0 }

    /// Block-max skipping: leaves the current block, passes every following
    /// block whose largest tf `cannotQualify` (reading only its header, not
    /// decoding it), and lands on the first document of the next block.
    func skipBlocks(while cannotQualify: (UInt32) -> Bool) {
        var k = block + 1
        while k < blockCount && cannotQualify(maxTF(ofBlock: k)) { k += 1 }
        guard k < blockCount else { doc = Self.noMoreDocs; return }
        guard decode(block: k), index < count else { isCorrupt = true; doc = Self.noMoreDocs; return }
        doc = docs[index]
    }

    /// Finds the first block after `after` whose last doc is ≥ `target`,
    /// decodes it and positions on the first doc ≥ `target`.
    private func nextBlock(after: Int, target: UInt32) -> Bool {
        var k = after + 1
        while k < blockCount {
            if Postings.BlockHeader.lastDoc(at: header(k)) >= target { break }
            k += 1
        }
        guard k < blockCount else { return false }
        guard decode(block: k) else { isCorrupt = true; return false }
        while index < count && docs[index] < target { index += 1 }
        guard index < count else { return false }
        doc = docs[index]
        return true
    }

    /// Where the header of block `k` (< ``blockCount``) lies.
    @inline(__always)
    private func header(_ k: Int) -> UnsafeRawPointer { termStart + k * Postings.BlockHeader.size }

    private func decode(block k: Int) -> Bool {
        let h = Postings.BlockHeader(at: header(k))
        let dataOffset = Int(h.dataOffset)
        let positionsOffset = Int(h.positionsOffset)
        let n = h.count
        guard n > 0, n <= Postings.blockSize, dataOffset < sectionEnd - termStart,
              positionsOffset <= positionsEnd - positionsStart else { return false }
        var p = termStart + dataOffset
        var previous: Int64 = k == 0 ? -1 : Int64(Postings.BlockHeader.lastDoc(at: header(k - 1)))
        // Documents must rise across blocks too (a damaged header could send the
        // cursor backwards): the first one must lie past every one decoded before.
        let floor: Int64 = block >= 0 ? Int64(blockLastDoc) : -1
        for i in 0..<n {
            guard let delta = VarInt.decode(&p, end: sectionEnd),
                  let f = VarInt.decode(&p, end: sectionEnd),
                  delta > 0, delta <= UInt64(docLimit) else { return false }
            let d = previous + Int64(delta)
            guard d < Int64(docLimit), i > 0 || d > floor else { return false }
            docs[i] = UInt32(d)
            tfs[i] = UInt32(clamping: f)
            previous = d
        }
        guard docs[n - 1] == h.lastDoc else { return false }
        block = k
        blockLastDoc = docs[n - 1]
        count = n
        index = 0
        positionsPointer = positionsStart + positionsOffset
        positionsIndex = 0
        return true
    }

    /// Appends the positions of the term in the current document to `out`
    /// (absolute, increasing). Stops early on corrupt bytes.
    func positions(into out: inout [UInt32]) {
        out.removeAll(keepingCapacity: true)
        while positionsIndex < index {
            guard Positions.skip(tfs[positionsIndex], at: &positionsPointer, end: positionsEnd) else { isCorrupt = true; return }
            positionsIndex += 1
        }
        if !Positions.decode(tfs[index], at: positionsPointer, end: positionsEnd, into: &out) { isCorrupt = true }
    }
}

/// LEB128 decoding bounded by an end pointer, for the postings hot loop.
enum VarInt {
    /// Decodes one varint at `p`, advancing it; nil past `end` or after 10 bytes.
    @inline(__always)
    static func decode(_ p: inout UnsafeRawPointer, end: UnsafeRawPointer) -> UInt64? {
        guard p < end else { return nil }
        let first = p.load(as: UInt8.self)
        p += 1
        if first < 0x80 { return UInt64(first) }
        var value = UInt64(first & 0x7F)
        var shift: UInt64 = 7
        while p < end && shift < 64 {
            let b = p.load(as: UInt8.self)
            p += 1
            value |= UInt64(b & 0x7F) << shift
            if b < 0x80 { return value }
            shift += 7
        }
        return nil
    }
}
