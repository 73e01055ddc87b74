import XCTest
@testable import Soundbite
import SoundbiteTestSupport

/// Words that share a term (the same word twice, or a word and a derived
/// form of another): one token then counts for both in a cue, so the cue
/// bounds must not split a cue's tokens between them (``CueTester`` tells
/// them apart by term id). Every bound stays at or above the cue score, bit
/// for bit, at every document holding the term.
final class QuoteSharedTermTests: XCTestCase {
    func testBoundsOfWordsSharingATermAreNeverBelowTheCueScore() throws {
        let reader = QuoteShortestCueTests.index.reader
        let bm25 = BM25(k1: 1.2, b: 0.75, avgdl: reader.avgdl, documentCount: reader.docCount)
        var checked = 0
        for (a, b) in [("laptop", "laptop"), ("home", "home")] {
            let ta = try XCTUnwrap(reader.termID(a)), tb = try XCTUnwrap(reader.termID(b))
            // Two scorers of the one term: two words, one token each for both.
            let words: [Scorer] = [TermScorer(reader: reader, term: ta, bm25: bm25), TermScorer(reader: reader, term: tb, bm25: bm25)]
            let walk = TermScorer(reader: reader, term: ta, bm25: bm25)
            var tester = CueTester(reader: reader, bm25: bm25, idfs: [2.0, 1.5], words: words)
            defer { tester.deallocate() }
            withExtendedLifetime((words, walk)) {
                while walk.doc != PostingCursor.noMoreDocs {
                    let d = walk.doc
                    let byTF = tester.tfBound(d)
                    let byShortest = tester.shortestCueBound(d, orElse: byTF)
                    tester.loadCues(d)
                    let byCues = tester.cueLengthBound(length: Int(reader.length(d)))
                    let match = tester.placeWords(d)
                    XCTAssertTrue(match.oneCue, "\(a) doc \(d)")
                    XCTAssertLessThanOrEqual(match.score, byTF, "\(a) doc \(d)")
                    XCTAssertLessThanOrEqual(match.score, byShortest, "\(a) doc \(d)")
                    XCTAssertLessThanOrEqual(match.score, byCues, "\(a) doc \(d)")
                    checked += 1
                    walk.next()
                }
            }
        }
        XCTAssertGreaterThan(checked, 500)
    }
}
