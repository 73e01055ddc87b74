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
    func lowerBound(_ key: UnsafeRawBufferPointer) -> Int { search(key, lo: 0, hi: count) }

    /// The id of the first term ≥ `key` at or after `start`, every term before
    /// `start` being < `key`: a forward galloping seek (probes at `start`,
    /// `start + 1`, `start + 3`, `start + 7`, …, then a binary search between
    /// the last two), so a key d terms ahead costs O(log d) comparisons, not
    /// O(log count). What a dictionary walk (``LevenshteinAutomaton``) seeks with.
    /// On a damaged table the answer may be wrong but the search still ends.
    func lowerBound(_ key: UnsafeRawBufferPointer, from start: Int) -> Int {
        var lo = max(0, start)
        var probe = lo, step = 1
        while probe < count && Self.precedes(term(probe), key) {
            lo = probe + 1
            probe += step
            step &<<= 1
        }
        return search(key, lo: lo, hi: min(probe, count))
    }

    /// The id of the first term ≥ `key` before `end`, or `end` itself, every
    /// term at or after `end` being ≥ `key`: a backward galloping seek (probes
    /// at `end - 1`, `end - 2`, `end - 4`, …, then a binary search between the
    /// last two), so a key d terms before `end` costs O(log d) comparisons and
    /// reads the entries near `end`, not the whole table's binary-search path.
    /// What a word's shorter relatives (its prefixes, just before it) are found with.
    /// On a damaged table the answer may be wrong but the search still ends.
    func lowerBound(_ key: UnsafeRawBufferPointer, before end: Int) -> Int {
        var hi = min(max(0, end), count)
        var probe = hi - 1, step = 1
        while probe >= 0 && !Self.precedes(term(probe), key) {
            hi = probe
            probe -= step
            step &<<= 1
        }
        return search(key, lo: max(0, probe + 1), hi: hi)
    }

    /// Binary search for the first term ≥ `key` in `lo ..< hi`.
    @inline(__always)
    private func search(_ key: UnsafeRawBufferPointer, lo: Int, hi: Int) -> Int {
        var lo = lo, hi = hi
        while lo < hi {
            let mid = (lo + hi) / 2
            if Self.precedes(term(mid), key) { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// Byte order: `a` before `b` (the common length compared, then the
    /// shorter first). Inline, eight bytes at a time as big-endian words:
    /// terms are short, so a call to `memcmp` would cost more than the compare.
    @inline(__always)
    static func precedes(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
        let n = min(a.count, b.count)
        if n > 0, let pa = a.baseAddress, let pb = b.baseAddress {
            var i = 0
            while i &+ 8 <= n {
                let x = UInt64(bigEndian: pa.loadUnaligned(fromByteOffset: i, as: UInt64.self))
                let y = UInt64(bigEndian: pb.loadUnaligned(fromByteOffset: i, as: UInt64.self))
                if x != y { return x < y }
                i &+= 8
            }
            while i < n {
                let x = pa.load(fromByteOffset: i, as: UInt8.self), y = pb.load(fromByteOffset: i, as: UInt8.self)
                if x != y { return x < y }
                i &+= 1
            }
        }
        return a.count < b.count
    }

    /// The id of `key`, if the dictionary has it.
    func id(of key: [UInt8]) -> Int? {
        key.withUnsafeBytes { k in
            let i = lowerBound(k)
            return i < count && term(i).elementsEqual(k) ? i : nil
        }
    }

    /// The ids of all terms that start with `prefix`: they follow one another
    /// from the first term ≥ `prefix`, so the end is found by galloping over
    /// them (O(log r) compares for r terms), not by reading each.
    func ids(withPrefix prefix: [UInt8]) -> Range<Int> {
        prefix.withUnsafeBytes { k in ids(withPrefix: k, from: lowerBound(k)) }
    }

    /// The ids of all terms that start with `prefix`, `lo` being the first
    /// term ≥ `prefix` (known already: a term's own id when the prefix is that
    /// term), found by galloping from `lo`.
    func ids(withPrefix k: UnsafeRawBufferPointer, from lo: Int) -> Range<Int> {
        let lo = min(max(0, lo), count)
        // Terms in lo ..< hi start with the prefix; probe is the next one to test.
        var hi = lo, probe = lo, step = 1
        while probe < count && Self.starts(term(probe), with: k) {
            hi = probe + 1
            probe += step
            step &<<= 1
        }
        var top = min(probe, count)
        while hi < top {
            let mid = (hi + top) / 2
            if Self.starts(term(mid), with: k) { hi = mid + 1 } else { top = mid }
        }
        return lo..<hi
    }

    /// Whether `term` starts with `prefix`.
    @inline(__always)
    private static func starts(_ term: UnsafeRawBufferPointer, with prefix: UnsafeRawBufferPointer) -> Bool {
        guard term.count >= prefix.count else { return false }
        let head = UnsafeRawBufferPointer(rebasing: term[..<prefix.count])
        return !precedes(head, prefix) && !precedes(prefix, head)
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
