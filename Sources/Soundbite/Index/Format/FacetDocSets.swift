/// Section 14, `facets`: for every value of every facet (role, chapter,
/// speaker, interview, each manifest field) the set of documents that have
/// it, so a filter is an iterator the scorers intersect with instead of a
/// test per candidate. Layout (little-endian, see FORMAT.md):
///
/// ```
/// facets := count u32 · 0 u32 · entry[count] · data
/// entry  := field u32 · key u32 · value u32 · encoding u32
///           · cardinality u32 · items u32 · base u32 · offset u32              32 bytes
/// ```
/// Entries are sorted by (field, key, value). `field` is a ``Field``; `key`
/// is the manifest field's string id (0 otherwise); `value` the string id of
/// the role, chapter, speaker or manifest value, or the interview's index.
/// `encoding` is a ``DocSet/Encoding``, whichever of runs (8 bytes a run),
/// bitset (8 bytes per 64 documents from `base`, a multiple of 64) and list
/// (4 bytes a document) is smallest (ties in that order); `items` counts runs,
/// words or documents; `offset` is where the set starts, in 8-byte units from
/// the start of `data`, each set zero-padded to a multiple of 8 bytes.
struct FacetDocSets: @unchecked Sendable {
    /// Which facet an entry belongs to.
    enum Field: UInt32, Sendable, CaseIterable {
        case role = 0, chapter, speaker, interview, manifest
    }

    /// One decoded entry.
    struct Entry: Equatable {
        var field: UInt32
        var key: UInt32
        var value: UInt32
        var encoding: UInt32
        var cardinality: UInt32
        var items: UInt32
        var base: UInt32
        var offset: UInt32
    }

    static let headerSize = 8
    static let entrySize = 32

    private let bytes: UnsafeRawBufferPointer
    /// Number of entries (as many as fit when the section is damaged).
    let count: Int
    private let documentCount: UInt32
    private let dataStart: Int
    /// Runs, words and list entries of the facets a search counts (role,
    /// chapter, manifest fields): what counting per value reads.
    private(set) var countedItems = 0

    /// Reads the section in place; `documentCount` bounds every set.
    init(_ bytes: UnsafeRawBufferPointer, documentCount: Int) {
        self.bytes = bytes
        self.documentCount = UInt32(clamping: documentCount)
        let stated = bytes.count >= Self.headerSize ? Int(bytes.loadUnaligned(as: UInt32.self).littleEndian) : 0
        count = min(stated, max(0, bytes.count - Self.headerSize) / Self.entrySize)
        dataStart = Self.headerSize + stated * Self.entrySize
        countedItems = [Field.role, .chapter, .manifest].reduce(0) { sum, f in
            entries(of: f).reduce(sum) { $0 + Int(entry($1).items) }
        }
    }

    /// Entry `i` (0 ≤ i < count).
    func entry(_ i: Int) -> Entry {
        let p = bytes.baseAddress! + Self.headerSize + i * Self.entrySize
        func u(_ k: Int) -> UInt32 { p.loadUnaligned(fromByteOffset: k * 4, as: UInt32.self).littleEndian }
        return Entry(field: u(0), key: u(1), value: u(2), encoding: u(3), cardinality: u(4), items: u(5), base: u(6), offset: u(7))
    }

    /// The entries of `field`, all keys (a manifest field's values sit together by key).
    func entries(of field: Field) -> Range<Int> {
        lowerBound(field.rawValue, 0, 0)..<lowerBound(field.rawValue + 1, 0, 0)
    }

    /// The entry of one value, if any document has it.
    func find(_ field: Field, key: UInt32 = 0, value: UInt32) -> Int? {
        let i = lowerBound(field.rawValue, key, value)
        guard i < count else { return nil }
        let e = entry(i)
        return e.field == field.rawValue && e.key == key && e.value == value ? i : nil
    }

    /// The documents of entry `i`: empty when its bytes lie outside the section.
    func docs(_ i: Int) -> DocSet {
        guard i >= 0, i < count, let encoding = DocSet.Encoding(rawValue: entry(i).encoding) else { return .empty }
        let e = entry(i)
        let unit = encoding == .list ? 4 : 8
        let start = UInt64(dataStart) + UInt64(e.offset) * 8
        guard start <= UInt64(bytes.count), UInt64(e.items) * UInt64(unit) <= UInt64(bytes.count) - start else { return .empty }
        return DocSet(encoding, data: bytes.baseAddress! + Int(start), items: Int(e.items), base: e.base, limit: documentCount)
    }

    /// The first entry not below (field, key, value); on damaged (unsorted)
    /// entries some index, found in logarithmic time.
    private func lowerBound(_ field: UInt32, _ key: UInt32, _ value: UInt32) -> Int {
        var lo = 0, hi = count
        while lo < hi {
            let mid = (lo + hi) / 2
            let e = entry(mid)
            if (e.field, e.key, e.value) < (field, key, value) { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    // MARK: - Encoding

    /// The section for `docs` and `interviews` (documents in interview order).
    static func encode(docs: [DocRecord], interviews: [InterviewRecord]) -> [UInt8] {
        var sets: [(field: Field, key: UInt32, value: UInt32, runs: DocRuns)] = []
        for field in [Field.role, .chapter, .speaker] {
            var byValue: [UInt32: DocRuns] = [:]
            for (d, r) in docs.enumerated() {
                let v = field == .role ? r.role : field == .chapter ? r.chapter : r.speaker
                byValue[v, default: DocRuns()].append(UInt32(d))
            }
            for v in byValue.keys.sorted() { sets.append((field, 0, v, byValue[v]!)) }
        }
        var byField: [Pair: DocRuns] = [:]
        for (i, r) in interviews.enumerated() {
            var runs = DocRuns()
            runs.append(first: r.docStart, end: r.docStart &+ r.docCount)
            sets.append((.interview, 0, UInt32(i), runs))
            for (k, v) in r.fields { byField[Pair(key: k, value: v), default: DocRuns()].append(first: r.docStart, end: r.docStart &+ r.docCount) }
        }
        for p in byField.keys.sorted(by: { ($0.key, $0.value) < ($1.key, $1.value) }) {
            sets.append((.manifest, p.key, p.value, byField[p]!))
        }

        var entries = ByteWriter(), data = ByteWriter()
        for s in sets {
            let (encoding, items, base) = smallest(s.runs)
            entries.u32(s.field.rawValue); entries.u32(s.key); entries.u32(s.value); entries.u32(encoding.rawValue)
            entries.u32(UInt32(s.runs.count)); entries.u32(UInt32(items)); entries.u32(base)
            entries.u32(UInt32(data.count / 8))
            write(s.runs, encoding, base: base, words: items, into: &data)
            while data.count % 8 != 0 { data.u8(0) }
        }
        var w = ByteWriter()
        w.u32(UInt32(sets.count)); w.u32(0)
        w.append(entries.bytes)
        w.append(data.bytes)
        return w.bytes
    }

    /// A manifest (key, value) pair of string ids.
    private struct Pair: Hashable {
        var key: UInt32
        var value: UInt32
    }

    /// The encoding that stores `runs` in the fewest bytes, its item count and base.
    static func smallest(_ runs: DocRuns) -> (DocSet.Encoding, Int, UInt32) {
        guard let last = runs.last, runs.runCount > 0 else { return (.runs, 0, 0) }
        let base = runs.run(0).first / 64 * 64
        let words = Int((last - base) / 64) + 1
        let sizes = [(DocSet.Encoding.runs, runs.runCount * 8, runs.runCount), (.bitset, words * 8, words),
                     (.list, (runs.count * 4 + 7) / 8 * 8, runs.count)]
        let best = sizes.min { $0.1 < $1.1 }!
        return (best.0, best.2, best.0 == .bitset ? base : 0)
    }

    private static func write(_ runs: DocRuns, _ encoding: DocSet.Encoding, base: UInt32, words: Int, into w: inout ByteWriter) {
        switch encoding {
        case .runs:
            for i in 0..<runs.runCount { let r = runs.run(i); w.u32(r.first); w.u32(r.end) }
        case .list:
            for i in 0..<runs.runCount { let r = runs.run(i); for d in r.first..<r.end { w.u32(d) } }
        case .bitset:
            var bits = [UInt64](repeating: 0, count: words)
            for i in 0..<runs.runCount {
                let r = runs.run(i)
                for d in r.first..<r.end { bits[Int((d - base) / 64)] |= 1 << UInt64((d - base) % 64) }
            }
            for b in bits { w.u64(b) }
        }
    }
}
