import XCTest
@testable import Soundbite
import SoundbiteTestSupport

/// The facet section (kind 14) and its cursor: every encoding round-trips,
/// `advance` and counting equal a plain `Set`, damaged bytes end cursors
/// instead of crashing or looping, and an index without the section derives
/// the same sets.
final class FacetDocSetsTests: XCTestCase {
    typealias RNG = SplitMix64
    static let index = SearchIndex(building: [SyntheticCorpus.collection(interviews: 12, cuesEach: 80)])

    /// A random set of documents below `limit`: long runs, scattered dense, or sparse.
    static func randomSet(_ rng: inout RNG, limit: UInt32) -> [UInt32] {
        var docs: [UInt32] = []
        switch rng.next() % 3 {
        case 0:
            var d = UInt32(rng.next() % 50)
            while d < limit {
                let run = 1 + UInt32(rng.next() % 200)
                docs.append(contentsOf: (d..<min(limit, d + run)))
                d += run + 1 + UInt32(rng.next() % 300)
            }
        case 1:
            for d in 0..<limit where rng.next() % 3 == 0 { docs.append(d) }
        default:
            for d in 0..<limit where rng.next() % 97 == 0 { docs.append(d) }
        }
        return docs
    }

    static func runs(_ docs: [UInt32]) -> DocRuns {
        var r = DocRuns()
        for d in docs { r.append(d) }
        return r
    }

    /// Every document of a cursor.
    static func all(_ cursor: DocSet) -> [UInt32] {
        var c = cursor, out: [UInt32] = []
        while c.doc != PostingCursor.noMoreDocs { out.append(c.doc); c.next() }
        return out
    }

    /// A one-set section image holding `docs` in `encoding`.
    static func image(_ docs: [UInt32], _ encoding: DocSet.Encoding) -> [UInt8] {
        let r = runs(docs)
        var w = ByteWriter()
        w.u32(1); w.u32(0)
        let base = (docs.first ?? 0) / 64 * 64
        let words = docs.last.map { Int(($0 - base) / 64) + 1 } ?? 0
        let items = encoding == .runs ? r.runCount : encoding == .bitset ? words : docs.count
        for v in [0, 0, 7, encoding.rawValue, UInt32(docs.count), UInt32(items), encoding == .bitset ? base : 0, 0] { w.u32(v) }
        switch encoding {
        case .runs: for i in 0..<r.runCount { w.u32(r.run(i).first); w.u32(r.run(i).end) }
        case .list: for d in docs { w.u32(d) }
        case .bitset:
            var bits = [UInt64](repeating: 0, count: words)
            for d in docs { bits[Int((d - base) / 64)] |= 1 << UInt64((d - base) % 64) }
            for b in bits { w.u64(b) }
        }
        return w.bytes
    }

    func testDocRunsOperationsEqualSets() {
        var rng = RNG(state: 3)
        let limit: UInt32 = 3000
        for _ in 0..<60 {
            let a = Self.randomSet(&rng, limit: limit), b = Self.randomSet(&rng, limit: limit)
            let ra = Self.runs(a), rb = Self.runs(b)
            XCTAssertEqual(ra.count, a.count)
            let expand = { (r: DocRuns) in (0..<r.runCount).flatMap { Array(r.run($0).first..<r.run($0).end) } }
            XCTAssertEqual(expand(ra), a)
            XCTAssertEqual(expand(DocRuns.union([ra, rb])), Array(Set(a).union(b)).sorted())
            XCTAssertEqual(expand(ra.intersection(rb)), Array(Set(a).intersection(b)).sorted())
            XCTAssertEqual(expand(ra.complement(limit: limit)), (0..<limit).filter { !Set(a).contains($0) })
        }
    }

    func testEveryEncodingAdvancesAndCountsLikeASet() {
        var rng = RNG(state: 11)
        let limit: UInt32 = 5000
        for round in 0..<90 {
            let docs = Self.randomSet(&rng, limit: limit)
            let encoding = [DocSet.Encoding.runs, .bitset, .list][round % 3]
            let bytes = Self.image(docs, encoding)
            bytes.withUnsafeBytes { raw in
                let sets = FacetDocSets(raw, documentCount: Int(limit))
                XCTAssertEqual(Self.all(sets.docs(0)), docs, "\(encoding)")
                // Random advances (and nexts) land where a sorted array says.
                var c = sets.docs(0)
                var target: UInt32 = 0
                while c.doc != PostingCursor.noMoreDocs {
                    target = c.doc + 1 + UInt32(rng.next() % 400)
                    if rng.next() % 2 == 0 { c.advance(to: target) } else { c.next(); target = 0 }
                    let expected = target == 0 ? nil : docs.first { $0 >= target }
                    if target != 0 { XCTAssertEqual(c.doc, expected ?? PostingCursor.noMoreDocs, "\(encoding) → \(target)") }
                }
                // Counting against a match bitmap.
                let matched = Self.randomSet(&rng, limit: limit)
                var bits = [UInt64](repeating: 0, count: Int(limit + 63) / 64)
                for d in matched { bits[Int(d / 64)] |= 1 << UInt64(d % 64) }
                let n = bits.withUnsafeBufferPointer { sets.docs(0).count(in: $0) }
                XCTAssertEqual(n, Set(docs).intersection(matched).count, "\(encoding)")
            }
        }
    }

    func testTheWriterPicksTheSmallestEncoding() {
        // Two long runs; every third document; a few scattered documents.
        XCTAssertEqual(FacetDocSets.smallest(Self.runs(Array(0..<500) + Array(900..<2000))).0, .runs)
        XCTAssertEqual(FacetDocSets.smallest(Self.runs(stride(from: 0, to: 3000, by: 3).map(UInt32.init))).0, .bitset)
        XCTAssertEqual(FacetDocSets.smallest(Self.runs([5, 900, 4000, 9000])).0, .list)
    }

    func testAnIndexHoldsASetForEveryFacetValue() throws {
        let index = Self.index
        let reader = index.reader
        let facets = reader.facets
        var encodings = Set<UInt32>()
        for field in FacetDocSets.Field.allCases {
            for i in facets.entries(of: field) {
                let e = facets.entry(i)
                encodings.insert(e.encoding)
                let expected = (0..<reader.docCount).filter { d in
                    let r = reader.document(d)
                    switch field {
                    case .role: return r.role == e.value
                    case .chapter: return r.chapter == e.value
                    case .speaker: return r.speaker == e.value
                    case .interview: return r.interview == e.value
                    case .manifest: return reader.interviews[Int(r.interview)].fields.contains { $0 == (e.key, e.value) }
                    }
                }.map(UInt32.init)
                XCTAssertEqual(Self.all(facets.docs(i)), expected, "\(field) \(reader.string(e.value))")
                XCTAssertEqual(Int(e.cardinality), expected.count)
            }
        }
        XCTAssertEqual(facets.entries(of: .role).count, Set(SyntheticCorpus.speakers.map(\.1)).count)
        XCTAssertEqual(facets.entries(of: .interview).count, reader.interviews.count)
        XCTAssertEqual(facets.entries(of: .manifest).count, 4)  // school × 2, phase × 2
        XCTAssertGreaterThan(encodings.count, 1, "the corpus should need more than one encoding")
    }

    func testDamagedBytesEndCursorsInsteadOfCrashing() {
        var rng = RNG(state: 77)
        let index = Self.index
        let original = Array(index.reader.section(.facets))
        let limit = index.reader.docCount
        for _ in 0..<100 {
            var bytes = original
            for _ in 0..<(1 + rng.next() % 8) {
                bytes[Int(rng.next() % UInt64(bytes.count))] = UInt8(truncatingIfNeeded: rng.next())
            }
            if rng.next() % 4 == 0 { bytes.removeLast(Int(rng.next() % UInt64(bytes.count))) }
            bytes.withUnsafeBytes { raw in
                let sets = FacetDocSets(raw, documentCount: limit)
                for i in 0..<sets.count {
                    var c = sets.docs(i), previous: Int64 = -1, steps = 0
                    while c.doc != PostingCursor.noMoreDocs {
                        XCTAssertGreaterThan(Int64(c.doc), previous)
                        XCTAssertLessThan(Int(c.doc), limit)
                        previous = Int64(c.doc)
                        steps += 1
                        if rng.next() % 2 == 0 { c.next() } else { c.advance(to: c.doc + 1 + UInt32(rng.next() % 50)) }
                    }
                    XCTAssertLessThanOrEqual(steps, limit)
                    var bits = [UInt64](repeating: ~0, count: (limit + 63) / 64)
                    bits.withUnsafeMutableBufferPointer { b in
                        XCTAssertLessThanOrEqual(sets.docs(i).count(in: UnsafeBufferPointer(b)), limit)
                    }
                }
            }
        }
    }

    /// A file written before the section existed derives it at open, so it
    /// filters and counts exactly as a new one.
    func testAnIndexWithoutTheSectionDerivesIt() throws {
        let built = Self.index
        let image = Array(built.reader.storage.bytes)
        let withoutFacets = try image.withUnsafeBytes { raw throws -> [UInt8] in
            let table = try SectionTable(of: raw, path: "test")
            let kept = IndexFormat.Section.allCases.filter { $0 != .facets && $0 != .pageChecksums }.compactMap { s -> (IndexFormat.Section, [UInt8])? in
                guard let e = table.entry(s) else { return nil }
                return (s, Array(raw[e.offset..<(e.offset + e.length)]))
            }
            return IndexFile.assemble(kept)
        }
        let old = try IndexReader(storage: ByteStorage(copying: withoutFacets), path: "old")
        XCTAssertNil(old.sections.entry(.facets))
        XCTAssertEqual(Array(old.section(.meta)), Array(built.reader.section(.meta)))
        let fresh = built.reader.facets, derived = old.facets
        XCTAssertEqual(derived.count, fresh.count)
        for i in 0..<fresh.count {
            XCTAssertEqual(derived.entry(i), fresh.entry(i))
            XCTAssertEqual(Self.all(derived.docs(i)), Self.all(fresh.docs(i)))
        }
    }
}
