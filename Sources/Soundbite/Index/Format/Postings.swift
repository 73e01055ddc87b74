/// The `postings` section (kind 5). Per term, at its ``TermInfo/postingsOffset``:
/// ``TermInfo/blocks`` block headers (``BlockHeader``), then the blocks. A
/// block holds up to ``blockSize`` postings, each `varint(doc − previousDoc) ·
/// varint(tf)`; `previousDoc` is the previous block's `lastDoc`, or −1 for the
/// first block, so every delta is ≥ 1. ``PostingCursor`` reads it in place and
/// skips whole blocks by their headers.
enum Postings {
    /// Postings per block (the last block of a term holds fewer).
    static let blockSize = 128

    /// What a cursor needs to skip a block without decoding it, ``size`` bytes:
    ///
    ///     lastDoc u32 · dataOffset u32 · positionsOffset u32 · count u16 · maxTF u16
    ///
    /// `dataOffset` is relative to the term's start in `postings`,
    /// `positionsOffset` to the term's start in `positions`; `maxTF` saturates
    /// at 0xFFFF (read as "unknown, assume any").
    struct BlockHeader: Sendable, Hashable {
        /// Bytes per header.
        static let size = 16
        /// The last (largest) document of the block.
        var lastDoc: UInt32
        /// Where the block's postings start, from the term's start.
        var dataOffset: UInt32
        /// Where the block's positions start, from the term's first position.
        var positionsOffset: UInt32
        /// Postings in the block (1…``blockSize``).
        var count: Int
        /// The largest tf in the block; `UInt32.max` when the stored field saturated.
        var maxTF: UInt32

        init(lastDoc: UInt32, dataOffset: UInt32, positionsOffset: UInt32, count: Int, maxTF: UInt32) {
            self.lastDoc = lastDoc
            self.dataOffset = dataOffset
            self.positionsOffset = positionsOffset
            self.count = count
            self.maxTF = maxTF
        }

        /// The `lastDoc` of the header at `p` (the one field a skip needs).
        @inline(__always)
        static func lastDoc(at p: UnsafeRawPointer) -> UInt32 { UInt32(littleEndian: p.loadUnaligned(as: UInt32.self)) }

        /// The largest tf of the header at `p`.
        @inline(__always)
        static func maxTF(at p: UnsafeRawPointer) -> UInt32 {
            let v = UInt32(UInt16(littleEndian: p.loadUnaligned(fromByteOffset: 14, as: UInt16.self)))
            return v == 0xFFFF ? UInt32.max : v
        }

        /// Reads the header at `p` (``size`` readable bytes).
        @inline(__always)
        init(at p: UnsafeRawPointer) {
            lastDoc = Self.lastDoc(at: p)
            dataOffset = UInt32(littleEndian: p.loadUnaligned(fromByteOffset: 4, as: UInt32.self))
            positionsOffset = UInt32(littleEndian: p.loadUnaligned(fromByteOffset: 8, as: UInt32.self))
            count = Int(UInt16(littleEndian: p.loadUnaligned(fromByteOffset: 12, as: UInt16.self)))
            maxTF = Self.maxTF(at: p)
        }

        /// Appends the header.
        func encode(into w: inout ByteWriter) {
            w.u32(lastDoc); w.u32(dataOffset); w.u32(positionsOffset)
            w.u16(UInt16(count)); w.u16(UInt16(clamping: maxTF))
        }
    }

    /// Writes the `postings`, `positions` and `bounds` sections, one term at a time.
    struct Encoder {
        private(set) var postings = ByteWriter()
        private(set) var positions = ByteWriter()
        private(set) var bounds = ScoreBounds.Encoder()
        private var headers = ByteWriter()
        private var blocks = ByteWriter()

        /// Appends one term's postings: `docs` strictly increasing, `tfs[i]`
        /// positions of `docs[i]` back to back in `allPositions`, `length(doc)`
        /// the BM25 length of a document. Returns the term's ``TermInfo``.
        mutating func append(docs: [UInt32], tfs: [UInt32], positions allPositions: [UInt32],
                             length: (UInt32) -> UInt32) -> TermInfo {
            let df = docs.count
            let blockCount = (df + blockSize - 1) / blockSize
            let termPostingsStart = UInt64(postings.count)
            let termPositionsStart = UInt64(positions.count)
            headers.clear()
            blocks.clear()
            var previousDoc: Int64 = -1
            var positionCursor = 0
            for k in 0..<blockCount {
                let lo = k * blockSize, hi = min(df, lo + blockSize)
                var header = BlockHeader(lastDoc: 0, dataOffset: UInt32(blockCount * BlockHeader.size + blocks.count),
                                         positionsOffset: UInt32(UInt64(positions.count) - termPositionsStart),
                                         count: hi - lo, maxTF: 0)
                for i in lo..<hi {
                    let doc = docs[i], tf = tfs[i]
                    blocks.varint(UInt64(Int64(doc) - previousDoc))
                    blocks.varint(UInt64(tf))
                    previousDoc = Int64(doc)
                    header.maxTF = max(header.maxTF, tf)
                    Positions.encode(allPositions[positionCursor..<(positionCursor + Int(tf))], into: &positions)
                    positionCursor += Int(tf)
                }
                header.lastDoc = UInt32(previousDoc)
                header.encode(into: &headers)
            }
            postings.append(headers.bytes)
            postings.append(blocks.bytes)
            let frontier = bounds.append(tfs: tfs, lengths: docs.lazy.map(length))
            return TermInfo(df: UInt32(df), blocks: UInt32(blockCount), postingsOffset: termPostingsStart,
                            positionsOffset: termPositionsStart, boundsOffset: frontier.offset, boundsCount: frontier.count)
        }
    }
}
