import XCTest
@testable import Soundbite

/// The union of a prefix or fuzzy word's terms against the plain boolean OR
/// of the same terms (the scorer it replaced): the same documents, bit-identical
/// scores and the same match positions, under any mix of `next` and
/// `advance`; and prefix searches against brute-force BM25.
final class UnionScorerTests: XCTestCase {
    func testUnionWalksLikeTheBooleanOfItsTerms() {
        let index = BM25ReferenceTests.index
        let reader = index.reader
        let bm25 = BM25(k1: 1.2, b: 0.75, avgdl: reader.avgdl, documentCount: reader.docCount)
        var rng = SyntheticCorpus.RNG(state: 41)
        var compared = 0
        for round in 0..<200 {
            let n = 2 + Int(rng.next() % UInt64(round % 2 == 0 ? 5 : 60))
            let terms = Array(Set((0..<n).map { _ in Int(rng.next() % UInt64(reader.termCount)) })).sorted()
            let union = Weight.union(terms).scorer(reader: reader, bm25: bm25)
            let boolean = Weight.boolean(must: [], should: terms.map { .term($0) }, mustNot: [], filter: nil)
                .scorer(reader: reader, bm25: bm25)
            XCTAssertEqual(union.maxScore, boolean.maxScore)
            while true {
                XCTAssertEqual(union.doc, boolean.doc, "terms \(terms)")
                guard union.doc == boolean.doc, union.doc != PostingCursor.noMoreDocs else { break }
                XCTAssertEqual(union.score().bitPattern, boolean.score().bitPattern, "terms \(terms) doc \(union.doc)")
                var a: [UInt32] = [], b: [UInt32] = []
                union.matchPositions(into: &a)
                boolean.matchPositions(into: &b)
                XCTAssertEqual(a, b)
                var ea: [ExplainedTerm] = [], eb: [ExplainedTerm] = []
                union.explain(into: &ea)
                boolean.explain(into: &eb)
                XCTAssertEqual(ea, eb)
                compared += 1
                if rng.next() % 3 == 0 {
                    let target = union.doc + 1 + UInt32(rng.next() % 40)
                    union.advance(to: target)
                    boolean.advance(to: target)
                } else {
                    union.next()
                    boolean.next()
                }
            }
        }
        XCTAssertGreaterThan(compared, 5_000)
    }

    func testPrefixSearchesEqualBruteForce() throws {
        let index = BM25ReferenceTests.index
        let reference = BM25ReferenceTests.Reference(index)
        var checked = 0
        for prefix in ["l", "la", "sc", "t", "p", "re", "c", "a", "na", "zo"] {
            let terms = reference.df.keys.filter { $0.hasPrefix(prefix) }
            guard terms.count > 1 else { continue }
            let expected = reference.scores(Array(terms)).prefix(10)
            for exhaustive in [false, true] {
                for extra in ["", " laptops"] {
                    let got = try index.search(prefix + "*" + extra, options: SearchOptions(limit: 10, countFacets: true, exhaustive: exhaustive,
                                                                                           ranking: .bm25))
                    if extra.isEmpty {
                        XCTAssertEqual(got.hits.map(\.document), expected.map(\.0), "\(prefix)*")
                        for (h, e) in zip(got.hits, expected) { XCTAssertEqual(h.score, e.1, accuracy: 1e-9 * max(1, e.1)) }
                        XCTAssertEqual(got.total, reference.docs.filter { tf in terms.contains { tf[$0] != nil } }.count)
                        checked += 1
                    } else {
                        let full = try index.search(prefix + "*" + extra, options: SearchOptions(limit: 10, exhaustive: true,
                                                                                                ranking: .bm25))
                        XCTAssertEqual(got.hits.map(\.document), full.hits.map(\.document))
                        XCTAssertEqual(got.hits.map(\.score), full.hits.map(\.score))
                    }
                }
            }
        }
        XCTAssertGreaterThan(checked, 10)
    }
}
