/// The `postings` section (kind 5). Per term, at its ``TermInfo/postingsOffset``:
/// ``TermInfo/blocks`` block headers (``BlockHeader``), then the blocks. A
/// block holds up to ``blockSize`` postings, bit-packed (``BitPacking``):
///
///     block := BitPacking(doc − previousDoc − 1, docBits)[count] · BitPacking(tf − 1, tfBits)[count]
///
/// `previousDoc` is the document before in the term (−1 for the first), so
/// documents strictly increase. Positions are in ``Positions``; the term's
/// (tf, dl) frontier in ``ScoreBounds``. ``PostingCursor`` reads it in place,
/// skips whole blocks by their headers and bounds a block's scores from them.
enum Postings {
    /// Postings per block (the last block of a term holds fewer).
    static let blockSize = 128

    /// What a cursor needs to skip a block, bound its scores and decode it, ``size`` bytes:
    ///
    ///     lastDoc u32 · dataOffset u32 · positionsOffset u32 · maxTF u16 · minLength u16
    ///     · count u8 · docBits u8 · tfBits u8 · 0 u8
    ///
    /// `dataOffset` is relative to the term's start in `postings`,
    /// `positionsOffset` to the term's start in `positions`. `maxTF` is the
    /// largest tf in the block (0xFFFF: 65,535 or more, read as unbounded),
    /// `minLength` the smallest document length (BM25 dl) in it, capped at
    /// 0xFFFF (a smaller value only loosens the bound): BM25 grows with tf and
    /// falls with dl, so `score(maxTF, minLength)` bounds every score in the
    /// block for any k1 ≥ 0, 0 ≤ b ≤ 1.
    struct BlockHeader: Sendable, Hashable {
        /// Bytes per header.
        static let size = 20
        /// The last (largest) document of the block.
        var lastDoc: UInt32
        /// Where the block's postings start, from the term's start.
        var dataOffset: UInt32
        /// Where the block's positions start, from the term's first position.
        var positionsOffset: UInt32
        /// The largest tf in the block; `UInt32.max` when the stored field saturated.
        var maxTF: UInt32
        /// The smallest document length in the block (capped at 0xFFFF).
        var minLength: UInt32
        /// Postings in the block (1…``blockSize``).
        var count: Int
        /// Bits per packed document delta.
        var docBits: Int
        /// Bits per packed tf − 1.
        var tfBits: Int

        init(lastDoc: UInt32, dataOffset: UInt32, positionsOffset: UInt32, maxTF: UInt32, minLength: UInt32,
             count: Int, docBits: Int, tfBits: Int) {
            self.lastDoc = lastDoc
            self.dataOffset = dataOffset
            self.positionsOffset = positionsOffset
            self.maxTF = maxTF
            self.minLength = minLength
            self.count = count
            self.docBits = docBits
            self.tfBits = tfBits
        }

        /// The `lastDoc` of the header at `p` (the one field a skip needs).
        @inline(__always)
        static func lastDoc(at p: UnsafeRawPointer) -> UInt32 { UInt32(littleEndian: p.loadUnaligned(as: UInt32.self)) }

        /// The largest tf of the header at `p` (`UInt32.max` when saturated).
        @inline(__always)
        static func maxTF(at p: UnsafeRawPointer) -> UInt32 {
            let v = UInt32(UInt16(littleEndian: p.loadUnaligned(fromByteOffset: 12, as: UInt16.self)))
            return v == 0xFFFF ? UInt32.max : v
        }

        /// The smallest document length of the header at `p`.
        @inline(__always)
        static func minLength(at p: UnsafeRawPointer) -> UInt32 {
            UInt32(UInt16(littleEndian: p.loadUnaligned(fromByteOffset: 14, as: UInt16.self)))
        }

        /// Reads the header at `p` (``size`` readable bytes).
        @inline(__always)
        init(at p: UnsafeRawPointer) {
            lastDoc = Self.lastDoc(at: p)
            dataOffset = UInt32(littleEndian: p.loadUnaligned(fromByteOffset: 4, as: UInt32.self))
            positionsOffset = UInt32(littleEndian: p.loadUnaligned(fromByteOffset: 8, as: UInt32.self))
            maxTF = Self.maxTF(at: p)
            minLength = Self.minLength(at: p)
            count = Int(p.load(fromByteOffset: 16, as: UInt8.self))
            docBits = Int(p.load(fromByteOffset: 17, as: UInt8.self))
            tfBits = Int(p.load(fromByteOffset: 18, as: UInt8.self))
        }

        /// Appends the header.
        func encode(into w: inout ByteWriter) {
            w.u32(lastDoc); w.u32(dataOffset); w.u32(positionsOffset)
            w.u16(UInt16(clamping: maxTF)); w.u16(UInt16(clamping: minLength))
            w.u8(UInt8(count)); w.u8(UInt8(docBits)); w.u8(UInt8(tfBits)); w.u8(0)
        }
    }

    /// Writes the `postings`, `positions` and `bounds` sections, one term at a time.
    struct Encoder {
        private(set) var postings = ByteWriter()
        private(set) var positions = ByteWriter()
        private(set) var bounds = ScoreBounds.Encoder()
        private var headers = ByteWriter()
        private var blocks = ByteWriter()
        private var deltas: [UInt32] = []
        private var tfsMinusOne: [UInt32] = []
        private var positionValues: [UInt32] = []
        /// Bytes of ``postings`` and ``positions`` already handed out by
        /// ``drain(_:)``: offsets count from the start of the section.
        private var postingsDrained: UInt64 = 0
        private var positionsDrained: UInt64 = 0

        /// Hands the postings and positions bytes encoded so far to `body`
        /// (to be written out) and forgets them; later offsets still count
        /// from the start of each section. Call between terms only.
        mutating func drain(_ body: (_ postings: [UInt8], _ positions: [UInt8]) -> Void) {
            body(postings.bytes, positions.bytes)
            postingsDrained += UInt64(postings.count)
            positionsDrained += UInt64(positions.count)
            postings.clear()
            positions.clear()
        }

        /// Appends one term's postings: `docs` strictly increasing, `tfs[i]`
        /// positions of `docs[i]` (increasing) back to back in `allPositions`,
        /// `length(doc)` the BM25 length of a document. Returns the term's ``TermInfo``.
        mutating func append(docs: [UInt32], tfs: [UInt32], positions allPositions: [UInt32],
                             length: (UInt32) -> UInt32) -> TermInfo {
            let df = docs.count
            let blockCount = (df + blockSize - 1) / blockSize
            let termPostingsStart = postingsDrained + UInt64(postings.count)
            let termPositionsStart = positionsDrained + UInt64(positions.count)
            headers.clear()
            blocks.clear()
            var previousDoc: Int64 = -1
            var positionCursor = 0
            for k in 0..<blockCount {
                let lo = k * blockSize, hi = min(df, lo + blockSize)
                deltas.removeAll(keepingCapacity: true)
                tfsMinusOne.removeAll(keepingCapacity: true)
                positionValues.removeAll(keepingCapacity: true)
                var maxTF: UInt32 = 0, minLength = UInt32.max
                for i in lo..<hi {
                    let doc = docs[i], tf = tfs[i]
                    deltas.append(UInt32(Int64(doc) - previousDoc - 1))
                    tfsMinusOne.append(tf - 1)
                    previousDoc = Int64(doc)
                    maxTF = max(maxTF, tf)
                    minLength = min(minLength, length(doc))
                    var previous: UInt32 = 0
                    for j in 0..<Int(tf) {
                        let p = allPositions[positionCursor + j]
                        positionValues.append(j == 0 ? p : p - previous)
                        previous = p
                    }
                    positionCursor += Int(tf)
                }
                let header = BlockHeader(
                    lastDoc: UInt32(previousDoc), dataOffset: UInt32(blockCount * BlockHeader.size + blocks.count),
                    positionsOffset: UInt32(positionsDrained + UInt64(positions.count) - termPositionsStart),
                    maxTF: maxTF, minLength: minLength, count: hi - lo,
                    docBits: BitPacking.bitWidth(deltas), tfBits: BitPacking.bitWidth(tfsMinusOne))
                header.encode(into: &headers)
                BitPacking.pack(deltas, bits: header.docBits, into: &blocks)
                BitPacking.pack(tfsMinusOne, bits: header.tfBits, into: &blocks)
                Positions.encode(positionValues, into: &positions)
            }
            postings.append(headers.bytes)
            postings.append(blocks.bytes)
            let frontier = bounds.append(tfs: tfs, lengths: docs.lazy.map(length))
            return TermInfo(df: UInt32(df), blocks: UInt32(blockCount), postingsOffset: termPostingsStart,
                            positionsOffset: termPositionsStart, boundsOffset: frontier.offset, boundsCount: frontier.count)
        }
    }
}
