/// The term dictionary: the `terms` section (kind 3, ``PackedStrings`` of every
/// indexed term in byte order, so lookup is a binary search and a prefix is a
/// range; term id = position) and the `termInfo` section (kind 4, one
/// ``TermInfo`` per term as ``PackedColumns`` of its six fields). Read in place.
struct TermDictionary {
    /// Number of terms.
    let count: Int
    private let terms: PackedStrings
    private let info: PackedColumns

    /// A view of the two sections; `termInfo` must hold the block headers of one record per term.
    init(terms: UnsafeRawBufferPointer, info: UnsafeRawBufferPointer) throws(StorageError) {
        let table = try PackedStrings(terms, name: "terms")
        self.info = try PackedColumns(info, rows: table.count, columns: TermInfo.columns, name: "termInfo")
        self.terms = table
        count = table.count
    }

    /// The bytes of term `id` (empty when the table is damaged or `id` is out of range).
    @inline(__always)
    func term(_ id: Int) -> UnsafeRawBufferPointer { terms[id] }

    /// Statistics and offsets of term `id` (all zero when `id` is out of range).
    @inline(__always)
    func info(_ id: Int) -> TermInfo {
        guard id >= 0, id < count else { return TermInfo() }
        return TermInfo(df: UInt32(truncatingIfNeeded: info.value(0, row: id)),
                        blocks: UInt32(truncatingIfNeeded: info.value(1, row: id)),
                        postingsOffset: info.value(2, row: id), positionsOffset: info.value(3, row: id),
                        boundsOffset: UInt32(truncatingIfNeeded: info.value(4, row: id)),
                        boundsCount: UInt32(truncatingIfNeeded: info.value(5, row: id)))
    }

    /// The id of the first term ≥ `key` in byte order. On a damaged (unsorted)
    /// table the answer may be wrong but the search still ends (binary search).
    func lowerBound(_ key: UnsafeRawBufferPointer) -> Int {
        var lo = 0, hi = count
        while lo < hi {
            let mid = (lo + hi) / 2
            if term(mid).lexicographicallyPrecedes(key) { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// The id of `key`, if the dictionary has it.
    func id(of key: [UInt8]) -> Int? {
        key.withUnsafeBytes { k in
            let i = lowerBound(k)
            return i < count && term(i).elementsEqual(k) ? i : nil
        }
    }

    /// The ids of all terms that start with `prefix`.
    func ids(withPrefix prefix: [UInt8]) -> Range<Int> {
        prefix.withUnsafeBytes { k in
            let lo = lowerBound(k)
            var hi = lo
            while hi < count && term(hi).starts(with: k) { hi += 1 }
            return lo..<hi
        }
    }

    /// The `terms` section for the terms of `interner`, in `order` (ids sorted by their bytes).
    static func encodeTerms(_ interner: TermInterner, order: [Int]) -> [UInt8] {
        PackedStrings.encode(count: order.count) { interner.bytes(of: order[$0]) }
    }

    /// The `termInfo` section, one record per term in term order.
    static func encodeInfo(_ infos: [TermInfo]) -> [UInt8] {
        var encoder = PackedColumns.Encoder(columns: TermInfo.columns)
        for i in infos {
            encoder.append([UInt64(i.df), UInt64(i.blocks), i.postingsOffset, i.positionsOffset,
                            UInt64(i.boundsOffset), UInt64(i.boundsCount)])
        }
        return encoder.finish()
    }

    /// Term ids of `interner` in byte order of their terms.
    static func sortedOrder(_ interner: TermInterner) -> [Int] {
        interner.arena.withUnsafeBufferPointer { arena in
            (0..<interner.count).sorted { a, b in
                let la = interner.offsets[a], ha = interner.offsets[a + 1]
                let lb = interner.offsets[b], hb = interner.offsets[b + 1]
                return UnsafeBufferPointer(rebasing: arena[la..<ha])
                    .lexicographicallyPrecedes(UnsafeBufferPointer(rebasing: arena[lb..<hb]))
            }
        }
    }
}

/// One term's record in the `termInfo` section, the columns of its
/// ``PackedColumns`` row:
///
///     df · blocks · postingsOffset · positionsOffset · boundsOffset · boundsCount
///
/// Offsets are into `postings` and `positions` (bytes) and `bounds` (pairs).
struct TermInfo: Sendable, Hashable {
    /// Columns of the packed `termInfo` table.
    static let columns = 6
    /// Documents holding the term.
    var df: UInt32 = 0
    /// Postings blocks (``Postings/blockSize`` postings each, the last one fewer).
    var blocks: UInt32 = 0
    /// Where the term's block headers start in `postings`.
    var postingsOffset: UInt64 = 0
    /// Where the term's positions start in `positions`.
    var positionsOffset: UInt64 = 0
    /// The index of the term's first pair in `bounds`.
    var boundsOffset: UInt32 = 0
    /// The number of pairs of its frontier.
    var boundsCount: UInt32 = 0

    init(df: UInt32 = 0, blocks: UInt32 = 0, postingsOffset: UInt64 = 0, positionsOffset: UInt64 = 0,
         boundsOffset: UInt32 = 0, boundsCount: UInt32 = 0) {
        self.df = df
        self.blocks = blocks
        self.postingsOffset = postingsOffset
        self.positionsOffset = positionsOffset
        self.boundsOffset = boundsOffset
        self.boundsCount = boundsCount
    }
}
