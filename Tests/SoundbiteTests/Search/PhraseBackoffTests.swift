import XCTest
@testable import Soundbite

/// A lone phrase's pruned walk backs off from bounding its windows (branch
/// phrase5): after two windows in a row that the k-th score does not pass,
/// the next 1, 3, 7, … windows are taken from the first word's block alone
/// (its end and its shortest length, the floor the rarest word's bound is
/// tested at), until a window passes or the k-th score rises. The floor of
/// each such window must be the one of the first word's block holding it.
final class PhraseBackoffTests: XCTestCase {
    /// 2,000 passages of 8 words, each holding "the" twice (every block of
    /// "the" has tf 2 and, but one, length 8 at least); "zebra" in every
    /// 50th, not after a "the" (a candidate, no match); passages 10 and 30
    /// hold "the zebra" twice (tf 2: the top 2 fill with them, score(2, 8));
    /// then every window's bound is score(2, 8) and passes none, so the walk
    /// (one search for the next match, over a dozen blocks of "the") backs off. Passage
    /// 1,801 is "the zebra" alone (length 2): score(1, 2) beats score(2, 8),
    /// and only the floor of its own block of "the" (2) lets its rarest-word
    /// bound through: a floor kept from an earlier block (8) rejects it.
    private static let index = TurnsFixture.index(count: 2_000, passageWords: 9) { i, w in
        switch i {
        case 10, 30: "the zebra \(w(1)) the zebra \(w(2)) \(w(3)) \(w(4))"
        case 1_801: "the zebra"
        case _ where i % 50 == 0: "the \(w(1)) zebra \(w(2)) the \(w(3)) \(w(4)) \(w(5))"
        default: "the \(w(1)) \(w(2)) \(w(3)) the \(w(4)) \(w(5)) \(w(6))"
        }
    }

    func testBackedOffWindowsKeepTheirBlocksFloor() throws {
        let reader = Self.index.reader
        let tokens = reader.analyzer.analyze("the zebra")
        let terms = try tokens.map { t in
            (term: try XCTUnwrap(reader.termID(Array(t.term.utf8))), offset: t.position - tokens[0].position)
        }
        XCTAssertEqual(terms.count, 2)
        // The shape the test needs: "the" spans many blocks, the short passage is the one match of length 2.
        XCTAssertGreaterThan(reader.info(terms[0].term).blocks, 10)
        XCTAssertEqual(reader.info(terms[1].term).df, 43)
        let short = try XCTUnwrap((0..<UInt32(reader.docCount)).first { reader.length($0) == 2 })
        let checked = PhrasePrunedCheck.compare(reader, terms, parameters: [(1.2, 0.75), (2.0, 1.0), (0.9, 0.9)], ks: 1...2) {
            $0.first?.doc == short
        }
        XCTAssertEqual(checked, 6, "the short passage is first in every top k")
    }

    /// Through `SearchIndex.search`, both orders: the pruned page equals the
    /// exhaustive one for k = 1 … 4 (three passages match).
    func testSearchPrunedEqualsExhaustive() {
        for ranking in Ranking.allCases {
            for k in 1...4 {
                let options = SearchOptions(limit: k, countFacets: false, ranking: ranking)
                var full = options
                full.exhaustive = true
                let pruned = try? Self.index.search("\"the zebra\"", options: options)
                let reference = try? Self.index.search("\"the zebra\"", options: full)
                XCTAssertEqual(pruned?.hits.map(\.document), reference?.hits.map(\.document), "k \(k) \(ranking)")
                XCTAssertEqual(pruned?.hits.map(\.score), reference?.hits.map(\.score), "k \(k) \(ranking)")
                XCTAssertEqual(pruned?.hits.count, min(k, 3))
            }
        }
    }
}
