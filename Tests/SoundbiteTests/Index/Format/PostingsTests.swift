import XCTest
@testable import Soundbite
import SoundbiteTestSupport

/// `postings`, `positions` and `bounds` written by ``Postings/Encoder`` and read
/// back by ``PostingCursor``: round trip, skipping, block bounds, damage.
final class PostingsTests: XCTestCase {
    struct Term {
        var docs: [UInt32] = []
        var tfs: [UInt32] = []
        var positions: [UInt32] = []
    }

    static let documentCount = 3_000_000

    /// A document length for every document id (any deterministic function).
    static func length(_ doc: UInt32) -> UInt32 { 1 + (doc &* 2_654_435_761) % 97 }

    static func randomTerm(df: Int, maxGap: UInt64, maxTF: UInt64, rng: inout SplitMix64) -> Term {
        var t = Term()
        var doc: UInt64 = rng.next() % 50
        for _ in 0..<df {
            t.docs.append(UInt32(doc))
            let tf = 1 + (rng.next() % 10 == 0 ? rng.next() % maxTF : 0)
            t.tfs.append(UInt32(tf))
            var p: UInt64 = rng.next() % 5
            for _ in 0..<tf { t.positions.append(UInt32(p)); p += 1 + rng.next() % 40 }
            doc += 1 + rng.next() % maxGap
        }
        return t
    }

    static func encode(_ terms: [Term]) -> (postings: [UInt8], positions: [UInt8], bounds: [UInt8], infos: [TermInfo]) {
        var e = Postings.Encoder()
        let infos = terms.map { e.append(docs: $0.docs, tfs: $0.tfs, positions: $0.positions, length: length) }
        return (e.postings.bytes, e.positions.bytes, e.bounds.writer.bytes, infos)
    }

    static func withCursor<R>(_ e: (postings: [UInt8], positions: [UInt8], bounds: [UInt8], infos: [TermInfo]), term: Int,
                              documentCount: Int = documentCount, _ body: (PostingCursor) -> R) -> R {
        e.postings.withUnsafeBytes { p in
            e.positions.withUnsafeBytes { q in
                body(PostingCursor(postings: p, positions: q, documentCount: documentCount, info: e.infos[term]))
            }
        }
    }

    private func terms() -> [Term] {
        var rng = SplitMix64(seed: 42)
        return [(1, 1_000, 3), (5, 10, 3), (127, 3, 5), (128, 2, 2), (129, 40, 9), (300, 1, 200), (1_000, 2_000, 4)].map {
            Self.randomTerm(df: $0.0, maxGap: UInt64($0.1), maxTF: UInt64($0.2), rng: &rng)
        }
    }

    func testEveryPostingAndPositionRoundTrips() {
        let terms = terms()
        let e = Self.encode(terms)
        for (k, t) in terms.enumerated() {
            XCTAssertEqual(e.infos[k].df, UInt32(t.docs.count))
            XCTAssertEqual(Int(e.infos[k].blocks), (t.docs.count + 127) / 128)
            Self.withCursor(e, term: k) { c in
                var docs: [UInt32] = [], tfs: [UInt32] = [], positions: [UInt32] = [], p: [UInt32] = []
                while c.doc != PostingCursor.noMoreDocs {
                    docs.append(c.doc)
                    tfs.append(c.tf)
                    c.positions(into: &p)
                    positions += p
                    // Asking twice gives the same answer.
                    c.positions(into: &p)
                    XCTAssertEqual(p.count, Int(c.tf))
                    c.next()
                }
                XCTAssertFalse(c.isCorrupt)
                XCTAssertEqual(docs, t.docs, "term \(k)")
                XCTAssertEqual(tfs, t.tfs, "term \(k)")
                XCTAssertEqual(positions, t.positions, "term \(k)")
            }
        }
    }

    func testAdvanceLandsOnTheFirstDocumentAtOrAfterTheTarget() {
        let terms = terms()
        let e = Self.encode(terms)
        var rng = SplitMix64(seed: 9)
        for (k, t) in terms.enumerated() {
            Self.withCursor(e, term: k) { c in
                var target: UInt32 = 0
                while true {
                    target += UInt32(rng.next() % 600)
                    c.advance(to: target)
                    let expected = t.docs.first { $0 >= target } ?? PostingCursor.noMoreDocs
                    XCTAssertEqual(c.doc, expected, "term \(k) target \(target)")
                    if expected == PostingCursor.noMoreDocs { break }
                    let i = t.docs.firstIndex(of: expected)!
                    XCTAssertEqual(c.tf, t.tfs[i])
                    var p: [UInt32] = []
                    c.positions(into: &p)
                    let start = t.tfs[..<i].reduce(0) { $0 + Int($1) }
                    XCTAssertEqual(p, Array(t.positions[start..<(start + Int(t.tfs[i]))]))
                }
            }
        }
    }

    /// Every posting's score is at most its block's bound, for any k1 and b,
    /// and the bound is attained by no more than the block's own extremes.
    func testBlockBoundsDominateEveryScoreInTheirBlock() {
        let terms = terms()
        let e = Self.encode(terms)
        let settings = [(1.2, 0.75), (0.0, 0.0), (3.0, 1.0), (0.5, 0.3)]
        for (k, t) in terms.enumerated() {
            Self.withCursor(e, term: k) { c in
                XCTAssertEqual(c.blockCount, Int(e.infos[k].blocks))
                for b in 0..<c.blockCount {
                    let slice = (b * 128)..<min(t.docs.count, b * 128 + 128)
                    let bound = c.bound(ofBlock: b)
                    XCTAssertEqual(bound.lastDoc, t.docs[slice.last!])
                    XCTAssertEqual(bound.maxTF, t.tfs[slice].max()!)
                    XCTAssertEqual(bound.minLength, slice.map { Self.length(t.docs[$0]) }.min()!)
                    for (k1, bb) in settings {
                        let bm25 = BM25(k1: k1, b: bb, avgdl: 40, documentCount: Self.documentCount)
                        let ub = c.upperBound(ofBlock: b, bm25, idf: 2.5)
                        for i in slice {
                            XCTAssertLessThanOrEqual(bm25.score(idf: 2.5, tf: Double(t.tfs[i]), dl: Double(Self.length(t.docs[i]))), ub)
                        }
                    }
                }
                // The current block's accessors follow the cursor.
                let bm25 = BM25(k1: 1.2, b: 0.75, avgdl: 40, documentCount: Self.documentCount)
                XCTAssertEqual(c.blockLastDoc, c.bound(ofBlock: 0).lastDoc)
                XCTAssertEqual(c.blockMaxTF, c.bound(ofBlock: 0).maxTF)
                XCTAssertEqual(c.blockMinLength, c.bound(ofBlock: 0).minLength)
                XCTAssertEqual(c.blockUpperBound(bm25, idf: 1), c.upperBound(ofBlock: 0, bm25, idf: 1))
                // Shallow advance reads headers and does not move the cursor.
                let last = t.docs.last!
                XCTAssertEqual(c.block(containing: last)?.index, c.blockCount - 1)
                XCTAssertNil(c.block(containing: last + 1))
                XCTAssertEqual(c.doc, t.docs[0])
                c.advance(to: last + 1)
                XCTAssertEqual(c.blockLastDoc, PostingCursor.noMoreDocs)
                XCTAssertEqual(c.blockUpperBound(bm25, idf: 1), 0)
            }
        }
    }

    func testSkipBlocksPassesBlocksThatCannotQualify() {
        var rng = SplitMix64(seed: 5)
        var t = Self.randomTerm(df: 128 * 6, maxGap: 3, maxTF: 1, rng: &rng)
        // Only block 4 holds a tf above 1.
        let high = 4 * 128 + 17
        t.tfs[high] = 3
        let start = t.tfs[..<high].reduce(0) { $0 + Int($1) }
        t.positions.insert(contentsOf: [t.positions[start] + 1, t.positions[start] + 2], at: start + 1)
        let e = Self.encode([t])
        Self.withCursor(e, term: 0) { c in
            c.skipBlocks(whileBound: { $0.maxTF < 2 })
            XCTAssertEqual(c.doc, t.docs[4 * 128])
            c.advance(to: t.docs[high])
            XCTAssertEqual(c.tf, 3)
            var p: [UInt32] = []
            c.positions(into: &p)
            XCTAssertEqual(p, Array(t.positions[start..<(start + 3)]))
            c.skipBlocks(whileBound: { $0.maxTF < 2 })
            XCTAssertEqual(c.doc, PostingCursor.noMoreDocs)
            XCTAssertFalse(c.isCorrupt)
        }
    }

    /// A tf of 65,535 or more saturates the header's field: the block is then
    /// never skipped (its bound is unbounded), and the tf itself reads right.
    func testAHugeTermFrequencySaturatesTheBlockBound() {
        let tf = 70_000
        let t = Term(docs: [3, 9], tfs: [UInt32(tf), 1], positions: Array(0..<UInt32(tf)) + [5])
        let e = Self.encode([t])
        Self.withCursor(e, term: 0) { c in
            XCTAssertEqual(c.bound(ofBlock: 0).maxTF, UInt32.max)
            XCTAssertEqual(c.upperBound(ofBlock: 0, BM25(k1: 1.2, b: 0.75, avgdl: 10, documentCount: 10), idf: 1), .infinity)
            XCTAssertEqual(c.tf, UInt32(tf))
            var p: [UInt32] = []
            c.positions(into: &p)
            XCTAssertEqual(p, Array(0..<UInt32(tf)))
            c.next()
            c.positions(into: &p)
            XCTAssertEqual(p, [5])
        }
    }

    /// Every byte of a small term's postings and positions flipped in turn, and
    /// every truncation: the cursor ends, never leaves its sections, and only
    /// ever reports increasing documents below the document count.
    func testDamagedBytesNeverCrashOrGoBackwards() {
        var rng = SplitMix64(seed: 77)
        let t = Self.randomTerm(df: 300, maxGap: 9, maxTF: 6, rng: &rng)
        let good = Self.encode([t])
        let documentCount = Int(t.docs.last!) + 1
        func walk(_ e: (postings: [UInt8], positions: [UInt8], bounds: [UInt8], infos: [TermInfo])) {
            Self.withCursor(e, term: 0, documentCount: documentCount) { c in
                var previous: Int64 = -1, steps = 0
                var p: [UInt32] = []
                while c.doc != PostingCursor.noMoreDocs {
                    XCTAssertGreaterThan(Int64(c.doc), previous)
                    XCTAssertLessThan(Int(c.doc), documentCount)
                    previous = Int64(c.doc)
                    c.positions(into: &p)
                    XCTAssertLessThanOrEqual(p.count, Int(c.tf))
                    steps += 1
                    XCTAssertLessThanOrEqual(steps, 300 + 128)
                    if steps % 3 == 0 { c.advance(to: c.doc + 2) } else { c.next() }
                }
            }
        }
        for i in good.postings.indices {
            var e = good
            e.postings[i] ^= UInt8(1 << (i % 8)) | 0x80
            walk(e)
        }
        for i in stride(from: 0, to: good.positions.count, by: 3) {
            var e = good
            e.positions[i] ^= 0xFF
            walk(e)
        }
        for n in stride(from: 0, to: good.postings.count, by: 7) {
            var e = good
            e.postings = Array(e.postings[0..<n])
            walk(e)
        }
        for n in stride(from: 0, to: good.positions.count, by: 11) {
            var e = good
            e.positions = Array(e.positions[0..<n])
            walk(e)
        }
        // A term record pointing past the sections reads as corrupt and empty.
        var e = good
        e.infos[0].postingsOffset = UInt64(e.postings.count)
        Self.withCursor(e, term: 0) { c in
            XCTAssertEqual(c.doc, PostingCursor.noMoreDocs)
            XCTAssertTrue(c.isCorrupt)
        }
    }

    func testTheFrontierDominatesEveryPosting() {
        let terms = terms()
        let e = Self.encode(terms)
        e.bounds.withUnsafeBytes { b in
            let bounds = ScoreBounds(b)
            for (k, t) in terms.enumerated() {
                let frontier = bounds.frontier(e.infos[k])
                XCTAssertFalse(frontier.isEmpty)
                for i in t.docs.indices {
                    XCTAssertTrue(frontier.contains { $0.tf >= t.tfs[i] && $0.dl <= Self.length(t.docs[i]) }, "term \(k) posting \(i)")
                }
                // A frontier: tf falls while dl falls too (each pair beats the ones after it on dl).
                for (a, b) in zip(frontier, frontier.dropFirst()) { XCTAssertTrue(a.tf > b.tf && a.dl > b.dl) }
            }
            var outside = e.infos[0]
            outside.boundsOffset = .max
            XCTAssertTrue(bounds.frontier(outside).isEmpty)
        }
    }
}
