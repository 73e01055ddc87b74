/// The term dictionary: the `terms` section (kind 3, ``PackedStrings`` of every
/// indexed term in byte order, so lookup is a binary search and a prefix is a
/// range; term id = position) and the `termInfo` section (kind 4, one
/// ``TermInfo`` of ``TermInfo/size`` bytes per term). Read in place.
struct TermDictionary {
    /// Number of terms.
    let count: Int
    private let terms: PackedStrings
    private let info: UnsafeRawBufferPointer

    /// A view of the two sections; `termInfo` must hold exactly one record per term.
    init(terms: UnsafeRawBufferPointer, info: UnsafeRawBufferPointer) throws(StorageError) {
        let table = try PackedStrings(terms, name: "terms")
        guard info.count == table.count * TermInfo.size else {
            throw .corrupt(path: "", detail: "the termInfo section holds \(info.count) bytes for \(table.count) terms")
        }
        self.terms = table
        self.info = info
        count = table.count
    }

    /// The bytes of term `id` (empty when the table is damaged or `id` is out of range).
    @inline(__always)
    func term(_ id: Int) -> UnsafeRawBufferPointer { terms[id] }

    /// Statistics and offsets of term `id` (all zero when `id` is out of range).
    @inline(__always)
    func info(_ id: Int) -> TermInfo {
        guard id >= 0, id < count else { return TermInfo() }
        return TermInfo(record: info.baseAddress! + id * TermInfo.size)
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
        var w = ByteWriter()
        for i in infos { i.encode(into: &w) }
        return w.bytes
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

/// One term's record in the `termInfo` section, ``size`` bytes:
///
///     df u32 · blocks u32 · postingsOffset u64 · positionsOffset u64 · boundsOffset u32 · boundsCount u32
///
/// Offsets are into `postings` and `positions` (bytes) and `bounds` (pairs).
struct TermInfo: Sendable, Hashable {
    /// Bytes per record.
    static let size = 32
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

    /// Reads the record at `p` (``size`` readable bytes).
    @inline(__always)
    init(record p: UnsafeRawPointer) {
        df = UInt32(littleEndian: p.loadUnaligned(as: UInt32.self))
        blocks = UInt32(littleEndian: p.loadUnaligned(fromByteOffset: 4, as: UInt32.self))
        postingsOffset = UInt64(littleEndian: p.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
        positionsOffset = UInt64(littleEndian: p.loadUnaligned(fromByteOffset: 16, as: UInt64.self))
        boundsOffset = UInt32(littleEndian: p.loadUnaligned(fromByteOffset: 24, as: UInt32.self))
        boundsCount = UInt32(littleEndian: p.loadUnaligned(fromByteOffset: 28, as: UInt32.self))
    }

    /// Appends the record.
    func encode(into w: inout ByteWriter) {
        w.u32(df); w.u32(blocks); w.u64(postingsOffset); w.u64(positionsOffset); w.u32(boundsOffset); w.u32(boundsCount)
    }
}
