import XCTest
@testable import Soundbite

/// A lone phrase's walk steps the rarest word through its postings without
/// restarting the leapfrog at each (branch phrase6): a posting rejected by
/// its own bound moves the candidate on, and only a candidate past the
/// window last checked goes back to bound a new window (its end and its
/// floor, the shortest length the rarest word's bound is tested at). These
/// tests put many rejected postings of the rarest word in a row across
/// window ends, with floors that differ from window to window, so a floor
/// kept past its window rejects the one short passage that must win.
final class PhraseRareWalkTests: XCTestCase {
    /// 3,000 passages, each holding "the" twice; "zebra" in every 6th, not
    /// next to a "the" (a candidate, no match); passages 12 and 36 hold
    /// "the zebra the" twice (tf 2 for each phrase, length 12: the top 2
    /// fill early). Passages from 600 to 1,799 are 12 words long, the others
    /// 8, so the first word's blocks' floors differ. Passage 2,401 is "the
    /// zebra the" alone (length 3): tf 1 at length 3 beats tf 2 at length 12,
    /// tf 1 at length 8 does not, so only the floor of its own window (3)
    /// lets the rarest word's bound through there.
    private static let index = TurnsFixture.index(count: 3_000, passageWords: 13) { i, w in
        let tail = (600..<1_800).contains(i) ? " \(w(7)) \(w(8)) \(w(9)) \(w(10))" : ""
        switch i {
        case 12, 36: return "the zebra the \(w(1)) the zebra the \(w(2)) \(w(3)) \(w(4)) \(w(5)) \(w(6))"
        case 2_401: return "the zebra the"
        case _ where i % 6 == 0: return "the \(w(1)) zebra \(w(2)) the \(w(3)) \(w(4)) \(w(5))" + tail
        default: return "the \(w(1)) \(w(2)) \(w(3)) the \(w(4)) \(w(5)) \(w(6))" + tail
        }
    }

    private func terms(_ phrase: String) throws -> [(term: Int, offset: Int)] {
        let reader = Self.index.reader
        let tokens = reader.analyzer.analyze(phrase)
        return try tokens.map { t in
            (term: try XCTUnwrap(reader.termID(Array(t.term.utf8))), offset: t.position - tokens[0].position)
        }
    }

    /// The rarest word after the first ("the zebra": a candidate may hold it
    /// in d + 1) and first ("zebra the"): pruned == exhaustive for three
    /// (k1, b) and k = 1 … 3, the short passage first in every top k.
    func testRareWordWalkKeepsEachWindowsFloor() throws {
        let reader = Self.index.reader
        let short = try XCTUnwrap((0..<UInt32(reader.docCount)).first { reader.length($0) == 3 })
        // The shape the test needs: "the" spans many blocks, "zebra" has hundreds of postings.
        let the = try terms("the")[0].term, zebra = try terms("zebra")[0].term
        XCTAssertGreaterThan(reader.info(the).blocks, 20)
        XCTAssertGreaterThan(reader.info(zebra).df, 400)
        for phrase in ["the zebra", "zebra the"] {
            let checked = PhrasePrunedCheck.compare(reader, try terms(phrase), parameters: [(1.2, 0.75), (2.0, 1.0), (0.9, 0.9)],
                                                    ks: 1...3) { $0.first?.doc == short }
            XCTAssertEqual(checked, 9, "\(phrase): the short passage is first in every top k")
        }
    }

    /// Through `SearchIndex.search`, both orders: the pruned page equals the
    /// exhaustive one for k = 1 … 4.
    func testSearchPrunedEqualsExhaustive() {
        for phrase in ["\"the zebra\"", "\"zebra the\"", "\"the zebra the\""] {
            for ranking in Ranking.allCases {
                for k in 1...4 {
                    let options = SearchOptions(limit: k, countFacets: false, ranking: ranking)
                    var full = options
                    full.exhaustive = true
                    let pruned = try? Self.index.search(phrase, options: options)
                    let reference = try? Self.index.search(phrase, options: full)
                    XCTAssertEqual(pruned?.hits.map(\.document), reference?.hits.map(\.document), "\(phrase) k \(k) \(ranking)")
                    XCTAssertEqual(pruned?.hits.map(\.score), reference?.hits.map(\.score), "\(phrase) k \(k) \(ranking)")
                    XCTAssertEqual(pruned?.hits.count, min(k, 3), "\(phrase) k \(k) \(ranking)")
                }
            }
        }
    }
}
