import Synchronization

/// Checks the big sections of a verified index a page at a time, on first
/// use: ``check(_:_:)`` recomputes the CRC-32C of each page of a byte range
/// not checked before (``PageChecksums``) and remembers the pages that
/// matched in a bitmap shared by every thread. A page that does not match is
/// never marked, so every read of it fails, and the first damage found is
/// kept in ``damage`` for the search to report.
///
/// Made by ``open(_:table:path:)``, which checks everything else first.
final class PageVerifier: @unchecked Sendable {
    /// One lazily checked section.
    struct Covered {
        var bytes: UnsafeRawBufferPointer
        var crcs: UnsafeRawPointer
        var pages: Int
        /// Its first bit in the bitmap.
        var firstBit: Int
    }

    let path: String
    /// Everything ``check(_:_:)`` reads and writes, as plain pointers into
    /// memory this verifier owns: a copy retains nothing, so the reads of
    /// many threads through one index share no reference count (see
    /// ``IndexReader/pageCheck``).
    let checker: Checker
    /// By raw section kind; `pages == 0` for sections checked whole at open.
    private let covered: UnsafeMutableBufferPointer<Covered>
    /// One bit per page: set once the page matched its checksum.
    private let bits: UnsafeMutablePointer<Atomic<UInt64>>
    private let words: Int
    /// The raw kind of the first damaged section found (0: none yet).
    private let damagedKind: UnsafeMutablePointer<Atomic<UInt32>>
    /// By raw section kind: its pages not checked yet.
    private let unchecked: UnsafeMutablePointer<Atomic<Int>>
    /// The documents and terms found sound, sized by ``remember(documents:terms:)``.
    private let memo: UnsafeMutablePointer<Memo>

    /// One bit per document and per term: set once every page a search
    /// checks for it has matched (a document's record, text and cues; a
    /// term's postings and positions), so that the next search that meets it
    /// looks at one bit, not at its pages (``HitBuilder/checkPages(_:weight:)``).
    struct Memo {
        var documents: UnsafeMutablePointer<Atomic<UInt64>>?
        var documentCount = 0
        var terms: UnsafeMutablePointer<Atomic<UInt64>>?
        var termCount = 0
    }

    /// Verifies `image` for a verified open: every section's checksum and
    /// the padding, except the sections that ``PageChecksums`` covers, which
    /// are left to the returned verifier. Without a `pageChecksums` section
    /// everything is verified and the result is nil.
    static func open(_ image: UnsafeRawBufferPointer, table: SectionTable, path: String)
        throws(StorageError) -> PageVerifier? {
        guard let entry = table.entry(.pageChecksums) else {
            try IndexFile.verify(image, table: table, path: path)
            return nil
        }
        let section = UnsafeRawBufferPointer(rebasing: image[entry.offset..<(entry.offset + entry.length)])
        guard CRC32C.checksum(section) == entry.crc else { throw .checksumMismatch(path: path, section: entry.name) }
        let (pageSize, pages) = try PageChecksums.decode(section, table: table, path: path)
        try IndexFile.verify(image, table: table, path: path, skipping: Set(pages.map(\.kind)))
        return PageVerifier(image: image, table: table, pageSize: pageSize, pages: pages, section: section, path: path)
    }

    private init(image: UnsafeRawBufferPointer, table: SectionTable, pageSize: Int, pages: [PageChecksums.Entry],
                 section: UnsafeRawBufferPointer, path: String) {
        self.path = path
        let none = Covered(bytes: UnsafeRawBufferPointer(start: nil, count: 0), crcs: section.baseAddress!, pages: 0, firstBit: 0)
        covered = .allocate(capacity: Int(pages.map(\.kind).max() ?? 0) + 1)
        covered.initialize(repeating: none)
        var bit = 0
        for p in pages {
            guard let e = table.entries.first(where: { $0.kind == p.kind }) else { continue }
            covered[Int(p.kind)] = Covered(bytes: UnsafeRawBufferPointer(rebasing: image[e.offset..<(e.offset + e.length)]),
                                           crcs: section.baseAddress! + p.crcOffset, pages: p.pages, firstBit: bit)
            bit += p.pages
        }
        words = max(1, (bit + 63) / 64)
        bits = .allocate(capacity: words)
        for i in 0..<words { (bits + i).initialize(to: Atomic(0)) }
        damagedKind = .allocate(capacity: 1)
        damagedKind.initialize(to: Atomic(0))
        unchecked = .allocate(capacity: covered.count)
        for i in 0..<covered.count { (unchecked + i).initialize(to: Atomic(covered[i].pages)) }
        memo = .allocate(capacity: 1)
        memo.initialize(to: Memo())
        checker = Checker(covered: UnsafeBufferPointer(covered), pageSize: pageSize, bits: bits, damagedKind: damagedKind,
                          unchecked: unchecked, memo: memo)
    }

    /// Sizes the document and term bits (all clear): called once by the
    /// reader that owns the verifier, before any read goes through ``checker``.
    func remember(documents: Int, terms: Int) {
        func bitmap(_ n: Int) -> UnsafeMutablePointer<Atomic<UInt64>> {
            let words = max(1, (n + 63) / 64), p = UnsafeMutablePointer<Atomic<UInt64>>.allocate(capacity: words)
            for i in 0..<words { (p + i).initialize(to: Atomic(0)) }
            return p
        }
        precondition(memo.pointee.documents == nil, "remember(documents:terms:) is called once")
        memo.pointee = Memo(documents: bitmap(documents), documentCount: max(0, documents),
                            terms: bitmap(terms), termCount: max(0, terms))
    }

    deinit {
        bits.deinitialize(count: words)
        bits.deallocate()
        damagedKind.deinitialize(count: 1)
        damagedKind.deallocate()
        unchecked.deinitialize(count: covered.count)
        unchecked.deallocate()
        for (bits, n) in [(memo.pointee.documents, memo.pointee.documentCount), (memo.pointee.terms, memo.pointee.termCount)] {
            bits?.deinitialize(count: max(1, (n + 63) / 64))
            bits?.deallocate()
        }
        memo.deinitialize(count: 1)
        memo.deallocate()
        covered.deallocate()
    }

    /// Whether `section` is checked here (rather than whole at open).
    func covers(_ section: IndexFormat.Section) -> Bool {
        Int(section.rawValue) < covered.count && covered[Int(section.rawValue)].pages > 0
    }

    /// Whether the pages holding bytes `range` of `section` match their
    /// checksums, checking those not checked before (``Checker/check(_:_:)``).
    func check(_ section: IndexFormat.Section, _ range: Range<Int>) -> Bool { checker.check(section, range) }

    /// Marks every page checked (after the whole file was verified).
    func markAllChecked() {
        for i in 0..<words { bits[i].store(~0, ordering: .releasing) }
        for i in 0..<covered.count { unchecked[i].store(0, ordering: .releasing) }
    }

    /// The first damage a ``check(_:_:)`` found, as the error a verified open would have given.
    var damage: StorageError? {
        let kind = checker.damagedKind
        guard kind != 0 else { return nil }
        let name = IndexFormat.Section(rawValue: kind).map { "\($0)" } ?? "kind \(kind)"
        return .checksumMismatch(path: path, section: name)
    }

    /// The checking state of a ``PageVerifier``, pointers only (valid while
    /// the verifier lives): what every read of an index goes through, so
    /// that concurrent searches touch no shared reference count, only the
    /// bitmap (read, and written once per page).
    struct Checker: @unchecked Sendable {
        fileprivate let covered: UnsafeBufferPointer<Covered>
        fileprivate let pageSize: Int
        fileprivate let bits: UnsafeMutablePointer<Atomic<UInt64>>
        fileprivate let damaged: UnsafeMutablePointer<Atomic<UInt32>>
        fileprivate let unchecked: UnsafeMutablePointer<Atomic<Int>>
        fileprivate let memo: UnsafeMutablePointer<Memo>

        fileprivate init(covered: UnsafeBufferPointer<Covered>, pageSize: Int, bits: UnsafeMutablePointer<Atomic<UInt64>>,
                         damagedKind: UnsafeMutablePointer<Atomic<UInt32>>, unchecked: UnsafeMutablePointer<Atomic<Int>>,
                         memo: UnsafeMutablePointer<Memo>) {
            self.covered = covered
            self.pageSize = pageSize
            self.bits = bits
            damaged = damagedKind
            self.unchecked = unchecked
            self.memo = memo
        }

        /// Whether every page checked for document `doc` (its record, text
        /// and cues) has matched: see ``markDocumentSound(_:)``.
        @inline(__always)
        func isDocumentSound(_ doc: Int) -> Bool { Self.test(memo.pointee.documents, memo.pointee.documentCount, doc) }

        /// Remembers that every page of document `doc`'s record, text and cues matched its checksum.
        func markDocumentSound(_ doc: Int) { Self.set(memo.pointee.documents, memo.pointee.documentCount, doc) }

        /// Whether term `id`'s postings and positions pages have all matched: see ``markTermSound(_:)``.
        @inline(__always)
        func isTermSound(_ id: Int) -> Bool { Self.test(memo.pointee.terms, memo.pointee.termCount, id) }

        /// Remembers that every page of term `id`'s postings and positions matched its checksum.
        func markTermSound(_ id: Int) { Self.set(memo.pointee.terms, memo.pointee.termCount, id) }

        @inline(__always)
        private static func test(_ bits: UnsafeMutablePointer<Atomic<UInt64>>?, _ count: Int, _ i: Int) -> Bool {
            guard let bits, i >= 0, i < count else { return false }
            return bits[i / 64].load(ordering: .acquiring) & (1 << UInt64(i % 64)) != 0
        }

        /// Sets bit `i` (a plain load first: a bit already set is not written again).
        private static func set(_ bits: UnsafeMutablePointer<Atomic<UInt64>>?, _ count: Int, _ i: Int) {
            guard let bits, i >= 0, i < count, !test(bits, count, i) else { return }
            _ = bits[i / 64].bitwiseOr(1 << UInt64(i % 64), ordering: .releasing)
        }

        /// Whether every page of `section` has matched its checksum (or the
        /// section was checked whole at open): then no read of it can fail.
        @inline(__always)
        func isWhole(_ section: IndexFormat.Section) -> Bool {
            let kind = Int(section.rawValue)
            return kind >= covered.count || unchecked[kind].load(ordering: .acquiring) == 0
        }

        /// Whether the pages holding bytes `range` of `section` match their
        /// checksums, checking those not checked before. True for a section
        /// checked at open; a range reaching past the section is clipped to it.
        func check(_ section: IndexFormat.Section, _ range: Range<Int>) -> Bool {
            let kind = Int(section.rawValue)
            guard kind < covered.count, !range.isEmpty else { return true }
            let c = covered[kind]
            guard c.pages > 0 else { return true }
            let lo = max(0, range.lowerBound), hi = min(c.bytes.count, range.upperBound)
            guard lo < hi else { return true }
            var ok = true
            for page in (lo / pageSize)...((hi - 1) / pageSize) where !isChecked(c.firstBit + page) {
                let start = page * pageSize
                let bytes = UnsafeRawBufferPointer(rebasing: c.bytes[start..<min(c.bytes.count, start + pageSize)])
                let expected = UInt32(littleEndian: c.crcs.loadUnaligned(fromByteOffset: page * 4, as: UInt32.self))
                if CRC32C.checksum(bytes) == expected {
                    let b = c.firstBit + page, bit: UInt64 = 1 << UInt64(b % 64)
                    // Counted once, by the check that set the bit.
                    if bits[b / 64].bitwiseOr(bit, ordering: .releasing).oldValue & bit == 0 {
                        unchecked[kind].subtract(1, ordering: .releasing)
                    }
                } else {
                    _ = damaged[0].compareExchange(expected: 0, desired: UInt32(kind), ordering: .relaxed)
                    ok = false
                }
            }
            return ok
        }

        @inline(__always)
        private func isChecked(_ bit: Int) -> Bool {
            bits[bit / 64].load(ordering: .acquiring) & (1 << UInt64(bit % 64)) != 0
        }

        /// The raw kind of the first damaged section a check found (0: none).
        var damagedKind: UInt32 { damaged[0].load(ordering: .relaxed) }
    }
}
