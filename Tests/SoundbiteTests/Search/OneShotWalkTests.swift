import XCTest
@testable import Soundbite

/// A search that counts its matches (`soundbite search`'s text output, a
/// JSON page with facets) ranks a lone phrase in the quote order in the
/// walk that counts (``Searcher``'s `ranksInWalk`): every match is scored
/// there, instead of a second, pruned walk over the same candidates. The
/// page must be the one the search gives without counting (the pruned
/// phrase walk) and the exhaustive one, hit for hit (document, score bits,
/// placement), and the total the number of documents holding the phrase,
/// on passages cut every 9 words (many matches across a cut), with slop,
/// filters, paging, several k1 and b.
final class OneShotWalkTests: XCTestCase {
    func testLonePhraseCountedAndRankedInOneWalkGivesThePrunedPage() throws {
        let index = PhraseTests.index
        let reader = index.reader
        var rng = SyntheticCorpus.RNG(state: 37)
        var pages = 0, matches = 0, ranked = 0
        for round in 0..<36 {
            let words = 2 + Int(rng.next() % 2)
            let terms = (0..<words).map { _ in reader.termString(PhraseTests.frequent[Int(rng.next() % 8)]) }
            let phrase = QueryNode.phrase(terms, slop: [0, 0, 2][round % 3])
            let (k1, b) = [(1.2, 0.75), (0.0, 1.0), (3.0, 0.3)][round % 3]
            var filters = SearchFilters()
            if round % 4 == 3 { filters.roles = ["parent", "student"] }
            for (limit, offset) in [(10, 0), (3, 4), (1, 0)] {
                var plain = SearchOptions(limit: limit, offset: offset, k1: k1, b: b, filters: filters)
                let label = "\(phrase) k1 \(k1) b \(b) \(filters.roles) limit \(limit) offset \(offset)"
                // The path under test: the counting walk ranks this query.
                let bm25 = BM25(k1: k1, b: b, avgdl: reader.avgdl, documentCount: reader.docCount)
                let compiled = try QueryCompiler(reader: reader, bm25: bm25, limits: plain.limits)
                    .root(phrase, filter: Searcher(reader: reader, options: plain).filterNode())
                XCTAssertTrue(Searcher(reader: reader, options: plain).ranksInWalk(compiled).ranks, label)
                ranked += 1

                let pruned = try index.search(phrase, options: plain)
                var counted = plain
                counted.countTotal = true
                let total = try index.search(phrase, options: counted)
                var faceted = plain
                faceted.countFacets = true
                let facets = try index.search(phrase, options: faceted)
                plain.exhaustive = true
                let exhaustive = try index.search(phrase, options: plain)
                for other in [total, facets, exhaustive] {
                    XCTAssertEqual(other.hits.map(\.document), pruned.hits.map(\.document), label)
                    XCTAssertEqual(other.hits.map(\.score.bitPattern), pruned.hits.map(\.score.bitPattern), label)
                    XCTAssertEqual(other.hits.map(\.placement), pruned.hits.map(\.placement), label)
                    XCTAssertEqual(other.hits.map(\.rank), pruned.hits.map(\.rank), label)
                }
                XCTAssertTrue(pruned.hits.allSatisfy { $0.placement == Placement(tier: .allWords, oneCue: true) }, label)
                // The total: every match, as the exhaustive top k of all documents lists them.
                plain.limit = reader.docCount
                plain.offset = 0
                let every = try Searcher(reader: reader, options: plain).topDocuments(phrase)
                XCTAssertEqual(total.total, every.count, label)
                XCTAssertEqual(facets.total, every.count, label)
                XCTAssertEqual(facets.facets["role"]?.values.reduce(0, +), every.count, label)
                pages += pruned.hits.isEmpty ? 0 : 1
                matches += every.count
            }
        }
        XCTAssertGreaterThan(pages, 60)
        XCTAssertGreaterThan(matches, 5_000)
        XCTAssertEqual(ranked, 108)
    }

    /// The counting walk ranks only where the quote order is the score
    /// order and the walk counts a phrase's matches anyway: not a lone word
    /// (its pruned walk skips blocks), nor a phrase beside a word, optional
    /// or required (the tiers); in the BM25 order, every query.
    func testOtherQueriesKeepTheirPrunedWalk() throws {
        let index = PhraseTests.index
        let reader = index.reader
        let options = SearchOptions()
        let bm25 = BM25(k1: 1.2, b: 0.75, avgdl: reader.avgdl, documentCount: reader.docCount)
        let compiler = QueryCompiler(reader: reader, bm25: bm25, limits: options.limits)
        let searcher = Searcher(reader: reader, options: options)
        let a = reader.termString(PhraseTests.frequent[0]), b = reader.termString(PhraseTests.frequent[1])
        let phrase = QueryNode.phrase([a, b], slop: 0)
        for node in [QueryNode.term(a), .boolean([Clause(.should, phrase), Clause(.should, .term(b))]),
                     .boolean([Clause(.must, phrase), Clause(.must, .term(b))])] {
            XCTAssertFalse(searcher.ranksInWalk(try compiler.root(node, filter: nil)).ranks, "\(node)")
        }
        XCTAssertTrue(searcher.ranksInWalk(try compiler.root(phrase, filter: nil)).ranks)
        var bm25Order = options
        bm25Order.ranking = .bm25
        let scoreOrder = Searcher(reader: reader, options: bm25Order).ranksInWalk(try compiler.root(.term(a), filter: nil))
        XCTAssertTrue(scoreOrder.ranks)
        XCTAssertNil(scoreOrder.placement)
    }
}
