import XCTest
@testable import Soundbite

/// Block-max MaxScore against exhaustive scoring on a corpus where common
/// terms span dozens of posting blocks: OR queries of words, phrases,
/// prefix and fuzzy words, filtered or not, for several k1 and b (the block
/// bounds must hold for any of them), in both orders.
final class BlockMaxTests: XCTestCase {
    static let index = SearchIndex(building: [SyntheticCorpus.collection(interviews: 40, cuesEach: 200, seed: 99)])

    func testPrunedEqualsExhaustiveForMixedClauses() {
        let index = Self.index
        let words = SyntheticCorpus.vocabulary.map { $0.lowercased() }.filter { $0.allSatisfy(\.isLetter) && $0.count >= 2 }
        var rng = SyntheticCorpus.RNG(state: 77)
        func word() -> String { words[Int(rng.next() % UInt64(words.count))] }
        var compared = 0
        for _ in 0..<120 {
            var clauses: [String] = []
            for _ in 0..<(2 + Int(rng.next() % 3)) {
                switch rng.next() % 6 {
                case 0: clauses.append("\"\(word()) \(word())\"")
                case 1: clauses.append(String(word().prefix(2)) + "*")
                case 2: clauses.append(word() + "~1")
                default: clauses.append(word())
                }
            }
            let query = clauses.joined(separator: " ")
            let (k1, b) = [(1.2, 0.75), (0.0, 0.5), (0.5, 0.0), (3.0, 1.0), (1.2, 0.3)][Int(rng.next() % 5)]
            let filters = [SearchFilters(), SearchFilters(interviews: ["int-\(rng.next() % 40)"]),
                           SearchFilters(roles: ["student"])][Int(rng.next() % 3)]
            for ranking in Ranking.allCases {
                for k in [1, 10] {
                    let options = SearchOptions(limit: k, k1: k1, b: b, filters: filters, countFacets: false, ranking: ranking)
                    var full = options
                    full.exhaustive = true
                    // A short prefix may match more terms than the limit: an error both ways.
                    let p = try? index.search(query, options: options), r = try? index.search(query, options: full)
                    XCTAssertEqual(p == nil, r == nil, query)
                    guard let pruned = p, let reference = r else { continue }
                    XCTAssertEqual(pruned.hits.map(\.document), reference.hits.map(\.document), "\(query) k1=\(k1) b=\(b) \(ranking)")
                    XCTAssertEqual(pruned.hits.map(\.score), reference.hits.map(\.score), "\(query) k1=\(k1) b=\(b) \(ranking)")
                    compared += 1
                }
            }
        }
        XCTAssertGreaterThan(compared, 400)
    }

    /// The phrase bound (ways × the first word's largest tf, at its shortest
    /// document) holds: no phrase scores above its `maxScore`, beyond rounding.
    func testPhraseScoresStayUnderTheirBound() {
        let reader = Self.index.reader
        var rng = SyntheticCorpus.RNG(state: 3)
        var scored = 0
        let frequent = Array((0..<reader.termCount).sorted { reader.info($0).df > reader.info($1).df }.prefix(12))
        for _ in 0..<60 {
            let terms = (0..<(2 + Int(rng.next() % 2))).map { i in (term: frequent[Int(rng.next() % 12)], offset: i) }
            for (k1, b) in [(1.2, 0.75), (0.0, 1.0), (3.0, 0.0)] {
                let bm25 = BM25(k1: k1, b: b, avgdl: reader.avgdl, documentCount: reader.docCount)
                for slop in [0, 3] {
                    let phrase = PhraseScorer(reader: reader, terms: terms, slop: slop, bm25: bm25)
                    while phrase.doc != PostingCursor.noMoreDocs {
                        // Within rounding (MaxScore pads its bounds by far more).
                        XCTAssertLessThanOrEqual(phrase.score(), phrase.maxScore * (1 + 1e-12))
                        scored += 1
                        phrase.next()
                    }
                }
            }
        }
        XCTAssertGreaterThan(scored, 100)
    }
}
