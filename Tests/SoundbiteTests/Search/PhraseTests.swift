import XCTest
@testable import Soundbite

/// The one-leapfrog phrase scorer against the two-matcher reference
/// (``ReferencePhraseScorer``) on passages cut short, so many phrases run
/// across a cut; and a lone phrase's block-max top k against exhaustive
/// scoring, with slop, filters, several k1 and b, both orders.
final class PhraseTests: XCTestCase {
    /// Short passages (a turn of several cues is cut every 9 words), long
    /// postings (the common words span dozens of blocks).
    static let index = SearchIndex(building: [SyntheticCorpus.collection(interviews: 40, cuesEach: 200, seed: 5)],
                                   options: IndexOptions(passageWords: 9))

    /// Terms by decreasing document frequency (the phrases that match most).
    static let frequent: [Int] = {
        let reader = index.reader
        return Array((0..<reader.termCount).sorted { reader.info($0).df > reader.info($1).df }.prefix(14))
    }()

    func testOneLeapfrogEqualsTheTwoMatchersEveryDocument() {
        let reader = Self.index.reader
        var rng = SyntheticCorpus.RNG(state: 11)
        var documents = 0, acrossCuts = 0
        for round in 0..<90 {
            let words = 2 + Int(rng.next() % 3)
            var offset = 0
            let terms: [(term: Int, offset: Int)] = (0..<words).map { i in
                // Sometimes a gap (a word the analyzer dropped), sometimes a repeated word.
                if i > 0 { offset += rng.next() % 7 == 0 ? 2 : 1 }
                return (Self.frequent[Int(rng.next() % UInt64(i == 0 ? 14 : 6))], offset)
            }
            let slop = [0, 0, 1, 3][round % 4]
            let (k1, b) = [(1.2, 0.75), (0.0, 1.0), (3.0, 0.0)][round % 3]
            let bm25 = BM25(k1: k1, b: b, avgdl: reader.avgdl, documentCount: reader.docCount)
            let new = PhraseScorer(reader: reader, terms: terms, slop: slop, bm25: bm25)
            let old = ReferencePhraseScorer(reader: reader, terms: terms, slop: slop, bm25: bm25)
            XCTAssertEqual(new.maxScore, old.maxScore)
            let label = "\(terms) slop \(slop)"
            while old.doc != PostingCursor.noMoreDocs || new.doc != PostingCursor.noMoreDocs {
                XCTAssertEqual(new.doc, old.doc, label)
                guard new.doc == old.doc else { return }
                XCTAssertEqual(new.score().bitPattern, old.score().bitPattern, label)
                var a: [ExplainedTerm] = [], e: [ExplainedTerm] = []
                new.explain(into: &a)
                old.explain(into: &e)
                XCTAssertEqual(a.map(\.tf), e.map(\.tf), label)
                var p: [UInt32] = [], q: [UInt32] = []
                new.matchPositions(into: &p)
                old.matchPositions(into: &q)
                XCTAssertEqual(p, q, label)
                if p.contains(where: { $0 >= reader.length(new.doc) }) { XCTFail("a position past its document") }
                if (a.first?.tf ?? 0) * words > p.count { acrossCuts += 1 }
                documents += 1
                // Now and then jump ahead, as a conjunction or a filter would.
                if rng.next() % 5 == 0 {
                    let target = new.doc &+ 1 &+ UInt32(rng.next() % 40)
                    new.advance(to: target)
                    old.advance(to: target)
                } else {
                    new.next()
                    old.next()
                }
            }
        }
        XCTAssertGreaterThan(documents, 2_000)
        XCTAssertGreaterThan(acrossCuts, 20, "matches across the cut are exercised")
    }

    /// A lone phrase (the `collectTop` walk, skipping by its words' blocks)
    /// gives the exhaustive top k: same documents, same scores.
    func testLonePhrasePrunedEqualsExhaustive() {
        let index = Self.index
        let reader = index.reader
        var rng = SyntheticCorpus.RNG(state: 29)
        var compared = 0, skipped = 0
        for round in 0..<80 {
            let words = 2 + Int(rng.next() % 2)
            let text = (0..<words).map { i in reader.termString(Self.frequent[Int(rng.next() % UInt64(i == 0 ? 8 : 5))]) }
                .joined(separator: " ")
            let slop = [0, 0, 2][round % 3]
            let query = "\"\(text)\"" + (slop > 0 ? "~\(slop)" : "")
            let (k1, b) = [(1.2, 0.75), (0.0, 0.5), (0.5, 0.0), (3.0, 1.0), (1.2, 0.3)][round % 5]
            let filters = [SearchFilters(), SearchFilters(interviews: ["int-\(rng.next() % 40)"]),
                           SearchFilters(roles: ["student"])][round % 3]
            var many = SearchOptions(limit: 40, k1: k1, b: b, filters: filters, countFacets: false, ranking: .bm25)
            many.exhaustive = true
            let matching = (try? index.search(query, options: many))?.hits.count ?? 0
            for ranking in Ranking.allCases {
                for k in [1, 10] {
                    let options = SearchOptions(limit: k, k1: k1, b: b, filters: filters, countFacets: false, ranking: ranking)
                    var full = options
                    full.exhaustive = true
                    guard let pruned = try? index.search(query, options: options),
                          let reference = try? index.search(query, options: full) else { XCTFail(query); continue }
                    XCTAssertEqual(pruned.hits.map(\.document), reference.hits.map(\.document), "\(query) k1=\(k1) b=\(b) \(ranking)")
                    XCTAssertEqual(pruned.hits.map(\.score), reference.hits.map(\.score), "\(query) k1=\(k1) b=\(b) \(ranking)")
                    if matching > 3 * k { skipped += 1 }
                    compared += 1
                }
            }
        }
        XCTAssertGreaterThan(compared, 250)
        XCTAssertGreaterThan(skipped, 100, "most phrases match more than k documents")
    }

    /// The block bound holds: walking the top k by hand, no document the
    /// walk passes would have entered it (the pruned top k equals the
    /// exhaustive one for k = 1 … 30 on the commonest phrase, with slop).
    func testCommonestPhraseEveryK() {
        let reader = Self.index.reader
        let text = [0, 1].map { reader.termString(Self.frequent[$0]) }.joined(separator: " ")
        for slop in [0, 1, 4] {
            let query = "\"\(text)\"" + (slop > 0 ? "~\(slop)" : "")
            for k in [1, 2, 3, 5, 10, 30] {
                let options = SearchOptions(limit: k, countFacets: false, ranking: .bm25)
                var full = options
                full.exhaustive = true
                let pruned = try? Self.index.search(query, options: options), reference = try? Self.index.search(query, options: full)
                XCTAssertEqual(pruned?.hits.map(\.document), reference?.hits.map(\.document), "\(query) k=\(k)")
                XCTAssertEqual(pruned?.hits.map(\.score), reference?.hits.map(\.score), "\(query) k=\(k)")
            }
        }
    }
}
