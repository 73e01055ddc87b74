/// The `bounds` section (kind 7): per term its (tf, dl) Pareto frontier, as
/// pairs `tf u32 · dl u32` (``pairSize`` bytes) at the term's
/// ``TermInfo/boundsOffset``. Every posting is dominated by a pair (no more
/// tf, no less dl), so the best BM25 score over the frontier is the exact
/// upper bound of the term for any k1, b (``BM25/upperBound(idf:frontier:)``).
struct ScoreBounds {
    /// Bytes per (tf, dl) pair.
    static let pairSize = 8
    private let pairs: UnsafeRawBufferPointer

    /// A view of the section (any length: a term whose pairs lie outside it has none).
    init(_ section: UnsafeRawBufferPointer) { pairs = section }

    /// The frontier of a term, by decreasing tf and increasing dl (empty when damaged).
    func frontier(_ info: TermInfo) -> [(tf: UInt32, dl: UInt32)] {
        let lo = Int(info.boundsOffset) * Self.pairSize, n = Int(info.boundsCount)
        guard lo <= pairs.count, n <= (pairs.count - lo) / Self.pairSize else { return [] }
        return (0..<n).map { i in
            (UInt32(littleEndian: pairs.loadUnaligned(fromByteOffset: lo + i * Self.pairSize, as: UInt32.self)),
             UInt32(littleEndian: pairs.loadUnaligned(fromByteOffset: lo + i * Self.pairSize + 4, as: UInt32.self)))
        }
    }

    /// Writes the section, one term at a time.
    struct Encoder {
        private(set) var writer = ByteWriter()
        /// Pairs written so far (the next term's ``TermInfo/boundsOffset``).
        private(set) var pairCount: UInt32 = 0
        private var minLengthByTF: [UInt32] = []

        /// Appends the frontier of one term's postings: for each tf the
        /// shortest document, kept only if shorter than every document with a
        /// higher tf. Returns (boundsOffset, boundsCount).
        mutating func append(tfs: [UInt32], lengths: some Sequence<UInt32>) -> (offset: UInt32, count: UInt32) {
            let start = pairCount
            minLengthByTF.removeAll(keepingCapacity: true)
            for (tf32, dl) in zip(tfs, lengths) {
                let tf = Int(tf32)
                if tf >= minLengthByTF.count {
                    minLengthByTF.append(contentsOf: repeatElement(UInt32.max, count: tf + 1 - minLengthByTF.count))
                }
                minLengthByTF[tf] = min(minLengthByTF[tf], dl)
            }
            var best = UInt32.max
            for tf in stride(from: minLengthByTF.count - 1, through: 1, by: -1) where minLengthByTF[tf] < best {
                best = minLengthByTF[tf]
                writer.u32(UInt32(tf))
                writer.u32(best)
                pairCount += 1
            }
            return (start, pairCount - start)
        }
    }
}
