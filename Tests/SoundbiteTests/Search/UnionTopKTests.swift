import XCTest
@testable import Soundbite

/// MaxScore over a union's terms (``UnionScorer/collectTop(_:into:)``, what a
/// lone prefix or fuzzy word runs) against the exhaustive walk of the same
/// union: the same documents, scores bit for bit, in the same order, for
/// unions of frequent and rare terms, with exclusions, for several k, k1 and b.
final class UnionTopKTests: XCTestCase {
    func testPrunedUnionEqualsExhaustive() {
        let reader = BlockMaxTests.index.reader
        let byDF = (0..<reader.termCount).sorted { (reader.info($0).df, $0) > (reader.info($1).df, $1) }
        let frequent = Array(byDF.prefix(20)), rare = Array(byDF.suffix(byDF.count / 2))
        var rng = SyntheticCorpus.RNG(state: 5)
        var compared = 0, pruned = 0
        for round in 0..<150 {
            // A few frequent terms (low bounds, long postings) among many rarer ones.
            var terms = Set<Int>()
            for _ in 0..<(1 + Int(rng.next() % 4)) { terms.insert(frequent[Int(rng.next() % UInt64(frequent.count))]) }
            for _ in 0..<(Int(rng.next() % 40)) { terms.insert(rare[Int(rng.next() % UInt64(rare.count))]) }
            for _ in 0..<(Int(rng.next() % 6)) { terms.insert(Int(rng.next() % UInt64(reader.termCount))) }
            guard terms.count > 1 else { continue }
            let ids = terms.sorted()
            let (k1, b) = [(1.2, 0.75), (0.0, 0.5), (0.5, 0.0), (3.0, 1.0)][round % 4]
            let bm25 = BM25(k1: k1, b: b, avgdl: reader.avgdl, documentCount: reader.docCount)
            let mustNot: [Weight] = round % 3 == 0 ? [.term(frequent[Int(rng.next() % 20)])] : []
            let weight = Weight.boolean(must: [], should: [.union(ids)], mustNot: mustNot, filter: nil)
            for k in [1, 3, 10, 100] {
                compared += 1
                if assertPrunedTopKIsExhaustive(weight, reader: reader, bm25: bm25, k: k, "terms \(ids) k \(k)") { pruned += 1 }
            }
        }
        XCTAssertGreaterThan(compared, 400)
        XCTAssertGreaterThan(pruned, 200)
    }

    /// The scores the pruned walk keeps are the union's own (``UnionScorer/score()``).
    func testKeptScoresAreTheUnionsScores() {
        let reader = BlockMaxTests.index.reader
        let bm25 = BM25(k1: 1.2, b: 0.75, avgdl: reader.avgdl, documentCount: reader.docCount)
        let ids = Array(0..<min(60, reader.termCount))
        let top = TopKCollector.collect(Weight.boolean(must: [], should: [.union(ids)], mustNot: [], filter: nil)
            .scorer(reader: reader, bm25: bm25), k: 10, exhaustive: false)
        XCTAssertEqual(top.count, 10)
        let union = UnionScorer(reader: reader, terms: ids, bm25: bm25)
        for (score, doc) in top.sorted(by: { $0.doc < $1.doc }) {
            union.advance(to: doc)
            XCTAssertEqual(union.doc, doc)
            XCTAssertEqual(union.score().bitPattern, score.bitPattern)
        }
    }

    /// Through the public API: lone prefix and fuzzy words, filtered or not,
    /// in both orders, pruned against exhaustive.
    func testPrefixAndFuzzySearchesPrunedEqualExhaustive() throws {
        let index = BlockMaxTests.index
        let words = SyntheticCorpus.vocabulary.map { $0.lowercased() }.filter { $0.allSatisfy(\.isLetter) && $0.count >= 3 }
        var compared = 0
        for (n, w) in words.enumerated() where n % 2 == 0 {
            let queries = [String(w.prefix(1)) + "*", String(w.prefix(2)) + "*", w + "~1", String(w.dropLast()) + "x~2"]
            let filters = [SearchFilters(), SearchFilters(interviews: ["int-\(n % 40)"]), SearchFilters(roles: ["student"])][n % 3]
            for query in queries {
                for ranking in Ranking.allCases {
                    for k in [1, 10] {
                        let options = SearchOptions(limit: k, filters: filters, countFacets: false, ranking: ranking)
                        var full = options
                        full.exhaustive = true
                        let p = try? index.search(query, options: options), r = try? index.search(query, options: full)
                        XCTAssertEqual(p == nil, r == nil, query)
                        guard let a = p, let e = r else { continue }
                        XCTAssertEqual(a.hits.map(\.document), e.hits.map(\.document), "\(query) \(ranking)")
                        XCTAssertEqual(a.hits.map(\.score), e.hits.map(\.score), "\(query) \(ranking)")
                        compared += 1
                    }
                }
            }
        }
        XCTAssertGreaterThan(compared, 200)
    }
}
