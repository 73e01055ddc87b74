/// A forward-only cursor over a set of document ids held in one of the
/// ``FacetDocSets`` encodings, read in place (from the index image or from a
/// filter's own buffer): runs, a bitset or a sorted list. A value type of
/// raw pointers and integers, so moving it costs no reference counting;
/// whoever made it keeps the bytes alive.
///
/// Like a scorer, it starts on its first document; ``advance(to:)`` gallops
/// over runs and lists and jumps to the word of a bitset, so intersecting it
/// with postings costs by the smaller side. Damaged bytes never crash it or
/// make it loop: every step moves forward, documents at or past `limit` end it.
struct DocSet {
    /// How the ids are stored (the `encoding` of a ``FacetDocSets`` entry).
    enum Encoding: UInt32, Sendable {
        /// `(first u32 · end u32)[items]`, `end` exclusive.
        case runs = 1
        /// `u64[items]`: bit `j` of word `w` is document `base + 64·w + j`.
        case bitset = 2
        /// `u32[items]`, ascending.
        case list = 3
    }

    private let encoding: Encoding
    private let data: UnsafeRawPointer?
    private let items: Int
    private let base: UInt32
    private let limit: UInt32
    /// The run, word or list entry the cursor is on.
    private var index = 0
    /// Bitset: the bits of the current word not visited yet.
    private var word: UInt64 = 0

    /// The current document, or `PostingCursor.noMoreDocs`.
    private(set) var doc: UInt32 = PostingCursor.noMoreDocs

    /// A cursor over `items` entries at `data` (8-byte readable units for
    /// runs and bitsets, 4-byte for lists), documents below `limit` only.
    init(_ encoding: Encoding, data: UnsafeRawPointer?, items: Int, base: UInt32 = 0, limit: UInt32) {
        self.encoding = encoding
        self.data = items > 0 ? data : nil
        self.items = data == nil ? 0 : max(0, items)
        self.base = base
        self.limit = min(limit, PostingCursor.noMoreDocs)
        index = -1
        seek(0)
    }

    /// The empty set.
    static var empty: DocSet { DocSet(.list, data: nil, items: 0, limit: 0) }

    /// Moves to the next document.
    @inline(__always)
    mutating func next() {
        guard doc != PostingCursor.noMoreDocs else { return }
        if encoding == .bitset, word != 0 {
            word &= word &- 1
            if word != 0 {
                settle(UInt64(base) + UInt64(index) * 64 + UInt64(word.trailingZeroBitCount))
                return
            }
        }
        seek(doc + 1)
    }

    /// Moves to the first document ≥ `target` (nothing when already there).
    @inline(__always)
    mutating func advance(to target: UInt32) {
        guard target > doc || index < 0 else { return }
        guard doc != PostingCursor.noMoreDocs else { return }
        seek(target)
    }

    /// Calls `body` with every remaining run `[first, end)`, in order, and
    /// leaves the cursor at the end (for materialising a filter; not a hot path).
    mutating func forEachRun(_ body: (UInt32, UInt32) -> Void) {
        while doc != PostingCursor.noMoreDocs {
            let first = doc
            var end = doc + 1
            if encoding == .runs, let data {
                end = max(end, min(limit, data.loadUnaligned(fromByteOffset: index * 8 + 4, as: UInt32.self).littleEndian))
                body(first, end)
                seek(end)
                continue
            }
            next()
            while doc == end { end += 1; next() }
            body(first, end)
        }
    }

    /// How many of the remaining documents have their bit set in `bits`
    /// (bit `d % 64` of word `d / 64`; documents past its end count as
    /// unset): range popcounts for runs, word-wise AND for a bitset.
    func count(in bits: UnsafeBufferPointer<UInt64>) -> Int {
        var cursor = self
        return cursor.countRemaining(in: bits)
    }

    private mutating func countRemaining(in bits: UnsafeBufferPointer<UInt64>) -> Int {
        let end = UInt32(clamping: bits.count * 64)
        var n = 0
        if encoding == .bitset, base % 64 == 0, data != nil {
            var w = index
            var word = self.word
            while doc != PostingCursor.noMoreDocs, w < items {
                let target = Int(base / 64) + w
                guard target < bits.count else { break }
                n += (word & bits[target]).nonzeroBitCount
                w += 1
                if w < items { word = load64(w) }
            }
            // Bits at or past `limit` in the last word meet only unset bits:
            // `bits` holds matched documents, all below the limit.
            finish()
            return n
        }
        forEachRun { first, stop in
            var lo = first, hi = min(stop, end)
            while lo < hi {
                let w = Int(lo / 64), shift = lo % 64
                let span = min(hi - lo, 64 - shift)
                let mask = span == 64 ? ~UInt64(0) : ((1 << UInt64(span)) - 1) << UInt64(shift)
                n += (bits[w] & mask).nonzeroBitCount
                lo += span
            }
        }
        return n
    }

    // MARK: - Stepping

    private func load32(_ i: Int) -> UInt32 { data!.loadUnaligned(fromByteOffset: i * 4, as: UInt32.self).littleEndian }
    private func load64(_ i: Int) -> UInt64 { data!.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self).littleEndian }

    private mutating func finish() {
        doc = PostingCursor.noMoreDocs
        index = items
        word = 0
    }

    /// Lands on `d` if it is below the limit, else ends.
    @inline(__always)
    private mutating func settle(_ d: UInt64) {
        if d < UInt64(limit) { doc = UInt32(d) } else { finish() }
    }

    /// The first document ≥ `target` from the current entry on.
    private mutating func seek(_ target: UInt32) {
        guard target < limit, data != nil else { return finish() }
        switch encoding {
        case .runs: seekRun(target)
        case .bitset: seekBit(target)
        case .list: seekListEntry(target)
        }
    }

    /// Runs: the first run (from the current one) whose end is past `target`.
    private mutating func seekRun(_ target: UInt32) {
        var i = max(0, index)
        i = gallop(from: i) { load32(2 * $0 + 1) <= target }
        while i < items {
            let first = load32(2 * i), end = min(load32(2 * i + 1), limit)
            let d = max(first, target)
            if d < end {
                index = i
                doc = d
                return
            }
            i += 1
        }
        finish()
    }

    /// Bitset: the first set bit at or after `target`.
    private mutating func seekBit(_ target: UInt32) {
        let t = max(target, base)
        var w = Int((t - base) / 64)
        guard w < items else { return finish() }
        var bits = load64(w) & (~UInt64(0) << UInt64((t - base) % 64))
        while bits == 0 {
            w += 1
            guard w < items else { return finish() }
            bits = load64(w)
        }
        index = w
        word = bits
        settle(UInt64(base) + UInt64(w) * 64 + UInt64(bits.trailingZeroBitCount))
    }

    /// List: the first entry (from the current one) ≥ `target`.
    private mutating func seekListEntry(_ target: UInt32) {
        var i = gallop(from: max(0, index)) { load32($0) < target }
        // A damaged (unsorted) list may leave the search short of `target`.
        while i < items && load32(i) < target { i += 1 }
        guard i < items else { return finish() }
        index = i
        settle(UInt64(load32(i)))
    }

    /// The first index ≥ `from` where `before` is false, assuming it is true
    /// on a prefix (exponential then binary search); on unsorted (damaged)
    /// data some index ≥ `from`, never past `items`.
    @inline(__always)
    private func gallop(from: Int, _ before: (Int) -> Bool) -> Int {
        guard from < items, before(from) else { return from }
        var lo = from, step = 1
        while lo + step < items && before(lo + step) { lo += step; step *= 2 }
        var hi = min(items, lo + step)
        lo += 1
        while lo < hi {
            let mid = (lo + hi) / 2
            if before(mid) { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}
