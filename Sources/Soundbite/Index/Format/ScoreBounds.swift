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
        guard let lo = start(info) else { return [] }
        return (0..<Int(info.boundsCount)).map { pair(lo, $0) }
    }

    /// What a scorer needs from a term's frontier, without building it as an
    /// array (a scorer is made per term per search): the best BM25 score over
    /// its pairs with weight `idf` (``BM25/upperBound(idf:frontier:)``, the
    /// same value) and the shortest length among them (nil when the term has
    /// no pairs: damaged).
    func summary(_ info: TermInfo, _ bm25: BM25, idf: Double) -> (bound: Double, shortest: UInt32?) {
        guard let lo = start(info), info.boundsCount > 0 else { return (0, nil) }
        var best = 0.0, shortest = UInt32.max
        for i in 0..<Int(info.boundsCount) {
            let p = pair(lo, i)
            best = max(best, bm25.score(idf: idf, tf: Double(p.tf), dl: Double(p.dl)))
            shortest = min(shortest, p.dl)
        }
        return (best, shortest)
    }

    /// The byte offset of the term's first pair, nil when its pairs do not lie in the section.
    private func start(_ info: TermInfo) -> Int? {
        let lo = Int(info.boundsOffset) * Self.pairSize
        guard lo <= pairs.count, Int(info.boundsCount) <= (pairs.count - lo) / Self.pairSize else { return nil }
        return lo
    }

    /// Pair `i` of the pairs starting at byte `lo`.
    @inline(__always)
    private func pair(_ lo: Int, _ i: Int) -> (tf: UInt32, dl: UInt32) {
        (UInt32(littleEndian: pairs.loadUnaligned(fromByteOffset: lo + i * Self.pairSize, as: UInt32.self)),
         UInt32(littleEndian: pairs.loadUnaligned(fromByteOffset: lo + i * Self.pairSize + 4, as: UInt32.self)))
    }

    /// Writes the section, one term at a time.
    struct Encoder {
        private(set) var writer = ByteWriter()
        /// Pairs written so far (the next term's ``TermInfo/boundsOffset``).
        private(set) var pairCount: UInt32 = 0

        /// Appends the frontier of one term's postings (by decreasing tf, each
        /// pair's dl below every earlier pair's: ``Postings/Encoder`` computes
        /// it). Returns (boundsOffset, boundsCount).
        mutating func append(frontier: [(tf: UInt32, dl: UInt32)]) -> (offset: UInt32, count: UInt32) {
            let start = pairCount
            for pair in frontier {
                writer.u32(pair.tf)
                writer.u32(pair.dl)
                pairCount += 1
            }
            return (start, pairCount - start)
        }
    }
}
