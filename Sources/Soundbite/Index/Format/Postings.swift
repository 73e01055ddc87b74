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
///
/// Since format 5 a term of two or more blocks whose blocks' (tf, dl)
/// frontiers are not all one pair also stores each block's frontier (its
/// *impacts*, as Lucene calls them), between the headers and the blocks:
///
///     term := BlockHeader[blocks] · impacts[blocks × stride] · block[blocks]
///     impact := tf u16 · dl u16
///
/// `stride` (0…``maxImpacts``, the same in every header of the term) is the
/// largest number of pairs any block of the term stores; block `k`'s pairs
/// start at `blocks × BlockHeader.size + k × stride × 4` from the term's
/// start, `impactCount` of them (≤ `stride`; the rest of its slots are zero
/// bytes). A block with `impactCount` 0 needs none: its frontier is the one
/// pair (`maxTF`, `minLength`) of its header. A frontier of more pairs than
/// ``maxImpacts`` is folded: consecutive pairs are merged into one holding
/// the largest tf and the smallest dl of the ones it replaces, which
/// dominates them.
///
/// A term with impacts and more than ``coarseBlocks`` blocks also stores a
/// coarse level after its impacts: per run of ``coarseBlocks`` blocks
/// (the last run may be shorter) its last document and the run's frontier,
/// so a walk passes a whole run with one read:
///
///     coarse := (lastDoc u32 · impact[maxImpacts])[⌈blocks / coarseBlocks⌉]
///
/// (unused pairs are zero bytes: a real pair has tf ≥ 1).
enum Postings {
    /// Postings per block (the last block of a term holds fewer).
    static let blockSize = 128

    /// The most (tf, dl) pairs stored per block (more are folded).
    static let maxImpacts = 6

    /// Bytes per stored (tf, dl) pair.
    static let impactSize = 4

    /// Blocks per entry of the coarse level.
    static let coarseBlocks = 8

    /// Bytes per coarse entry: `lastDoc u32 · impact[maxImpacts]`.
    static let coarseEntrySize = 4 + maxImpacts * impactSize

    /// Whether a term of `blocks` blocks and impact stride `stride` has a coarse level.
    @inline(__always)
    static func hasCoarseLevel(blocks: Int, stride: Int) -> Bool { stride > 0 && blocks > coarseBlocks }

    /// What a cursor needs to skip a block, bound its scores and decode it, ``size`` bytes:
    ///
    ///     lastDoc u32 · dataOffset u32 · positionsOffset u32 · maxTF u16 · minLength u16
    ///     · count u8 · docBits u8 · tfBits u8 · impacts u8
    ///
    /// `impacts` is `stride << 4 | impactCount` (see ``Postings``; 0 before format 5).
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
        /// Impact slots per block of the term (0…``Postings/maxImpacts``).
        var impactStride: Int
        /// Impacts (frontier pairs) stored for this block (0: its frontier is (``maxTF``, ``minLength``)).
        var impactCount: Int

        init(lastDoc: UInt32, dataOffset: UInt32, positionsOffset: UInt32, maxTF: UInt32, minLength: UInt32,
             count: Int, docBits: Int, tfBits: Int, impactStride: Int = 0, impactCount: Int = 0) {
            self.lastDoc = lastDoc
            self.dataOffset = dataOffset
            self.positionsOffset = positionsOffset
            self.maxTF = maxTF
            self.minLength = minLength
            self.count = count
            self.docBits = docBits
            self.tfBits = tfBits
            self.impactStride = impactStride
            self.impactCount = impactCount
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

        /// The `impacts` byte of the header at `p`: `stride << 4 | impactCount`.
        @inline(__always)
        static func impacts(at p: UnsafeRawPointer) -> Int { Int(p.load(fromByteOffset: 19, as: UInt8.self)) }

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
            let impacts = Self.impacts(at: p)
            impactStride = impacts >> 4
            impactCount = impacts & 15
        }

        /// Appends the header.
        func encode(into w: inout ByteWriter) {
            w.u32(lastDoc); w.u32(dataOffset); w.u32(positionsOffset)
            w.u16(UInt16(clamping: maxTF)); w.u16(UInt16(clamping: minLength))
            w.u8(UInt8(count)); w.u8(UInt8(docBits)); w.u8(UInt8(tfBits))
            w.u8(UInt8(impactStride << 4 | impactCount))
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
        private var lengths: [UInt32] = []
        private var frontier: [(tf: UInt32, dl: UInt32)] = []
        private var minLengthByTF: [UInt32] = []
        /// The term's blocks' stored frontiers, (tf, dl) flat, and their pair counts.
        private var impactPairs: [UInt32] = []
        private var impactCounts: [Int] = []
        private var coarsePairs: [UInt32] = []
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
            lengths.removeAll(keepingCapacity: true)
            for doc in docs { lengths.append(length(doc)) }
            // Each block's frontier, for a term of two blocks or more (one
            // block's is the term's, in `bounds`); stride 0 when every block's
            // frontier is its header's one pair.
            impactPairs.removeAll(keepingCapacity: true)
            impactCounts.removeAll(keepingCapacity: true)
            var stride = 0
            if blockCount > 1 {
                for k in 0..<blockCount {
                    let m = computeFrontier(k * blockSize..<min(df, k * blockSize + blockSize), tfs: tfs)
                    let n = m <= 1 ? 0 : Self.fold(frontier, into: &impactPairs)
                    impactCounts.append(n)
                    stride = max(stride, n)
                }
            }
            let coarse = hasCoarseLevel(blocks: blockCount, stride: stride)
            let coarseCount = coarse ? (blockCount + coarseBlocks - 1) / coarseBlocks : 0
            let impactBytes = blockCount * stride * impactSize + coarseCount * coarseEntrySize
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
                    minLength = min(minLength, lengths[i])
                    var previous: UInt32 = 0
                    for j in 0..<Int(tf) {
                        let p = allPositions[positionCursor + j]
                        positionValues.append(j == 0 ? p : p - previous)
                        previous = p
                    }
                    positionCursor += Int(tf)
                }
                let header = BlockHeader(
                    lastDoc: UInt32(previousDoc),
                    dataOffset: UInt32(blockCount * BlockHeader.size + impactBytes + blocks.count),
                    positionsOffset: UInt32(positionsDrained + UInt64(positions.count) - termPositionsStart),
                    maxTF: maxTF, minLength: minLength, count: hi - lo,
                    docBits: BitPacking.bitWidth(deltas), tfBits: BitPacking.bitWidth(tfsMinusOne),
                    impactStride: stride, impactCount: stride == 0 ? 0 : impactCounts[k])
                header.encode(into: &headers)
                BitPacking.pack(deltas, bits: header.docBits, into: &blocks)
                BitPacking.pack(tfsMinusOne, bits: header.tfBits, into: &blocks)
                Positions.encode(positionValues, into: &positions)
            }
            if stride > 0 {
                var next = 0
                for k in 0..<blockCount {
                    let n = impactCounts[k]
                    for j in 0..<stride {
                        let tf = j < n ? impactPairs[next + 2 * j] : 0, dl = j < n ? impactPairs[next + 2 * j + 1] : 0
                        headers.u16(UInt16(clamping: tf))
                        headers.u16(UInt16(clamping: dl))
                    }
                    next += 2 * n
                }
            }
            let run = coarseBlocks * blockSize
            for g in 0..<coarseCount {
                // The run's frontier from its postings (one pair is stored as one pair).
                let range = g * run..<min(df, g * run + run)
                coarsePairs.removeAll(keepingCapacity: true)
                _ = computeFrontier(range, tfs: tfs)
                _ = Self.fold(frontier, into: &coarsePairs)
                headers.u32(docs[range.upperBound - 1])
                for j in 0..<maxImpacts {
                    headers.u16(UInt16(clamping: 2 * j < coarsePairs.count ? coarsePairs[2 * j] : 0))
                    headers.u16(UInt16(clamping: 2 * j < coarsePairs.count ? coarsePairs[2 * j + 1] : 0))
                }
            }
            postings.append(headers.bytes)
            postings.append(blocks.bytes)
            // The term's own frontier, from the same computation as its blocks'.
            _ = computeFrontier(0..<df, tfs: tfs)
            let stored = bounds.append(frontier: frontier)
            return TermInfo(df: UInt32(df), blocks: UInt32(blockCount), postingsOffset: termPostingsStart,
                            positionsOffset: termPositionsStart, boundsOffset: stored.offset, boundsCount: stored.count)
        }

        /// Fills ``frontier`` with the (tf, dl) frontier of the postings
        /// `range` (``lengths`` holds their lengths): by decreasing tf, each
        /// pair's dl below every pair's before it. Returns its pair count.
        private mutating func computeFrontier(_ range: Range<Int>, tfs: [UInt32]) -> Int {
            frontier.removeAll(keepingCapacity: true)
            var maxTF: UInt32 = 0
            for i in range { maxTF = max(maxTF, tfs[i]) }
            if maxTF <= 1_024 {
                // The shortest document per tf, then the ones shorter than every higher tf's.
                minLengthByTF.removeAll(keepingCapacity: true)
                minLengthByTF.append(contentsOf: repeatElement(UInt32.max, count: Int(maxTF) + 1))
                for i in range { minLengthByTF[Int(tfs[i])] = min(minLengthByTF[Int(tfs[i])], lengths[i]) }
                var best = UInt32.max
                for tf in stride(from: Int(maxTF), through: 1, by: -1) where minLengthByTF[tf] < best {
                    best = minLengthByTF[tf]
                    frontier.append((UInt32(tf), best))
                }
            } else {
                var pairs = range.map { (tf: tfs[$0], dl: lengths[$0]) }
                pairs.sort { $0.tf != $1.tf ? $0.tf > $1.tf : $0.dl < $1.dl }
                var best = UInt32.max
                for p in pairs where p.dl < best {
                    best = p.dl
                    frontier.append(p)
                }
            }
            return frontier.count
        }

        /// Appends `frontier` to `out` as flat (tf, dl) values, folded to at
        /// most `limit` pairs: runs of consecutive pairs become (the run's
        /// largest tf, its smallest dl), which dominates them. Returns the
        /// pairs appended. (Also folds ``CueImpacts``' cue frontiers.)
        static func fold(_ frontier: [(tf: UInt32, dl: UInt32)], limit: Int = maxImpacts, into out: inout [UInt32]) -> Int {
            let m = frontier.count, n = min(m, limit)
            for g in 0..<n {
                let first = g * m / n, last = (g + 1) * m / n - 1
                out.append(frontier[first].tf)
                out.append(frontier[last].dl)
            }
            return n
        }
    }
}
