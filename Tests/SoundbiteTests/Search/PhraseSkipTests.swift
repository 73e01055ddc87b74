import XCTest
@testable import Soundbite

/// A lone phrase's top k skips by its words' block headers before decoding
/// them and by its rarest word's tf before moving the other words' cursors;
/// a candidate lacking a later word is rejected by that word's first
/// position in the next passage. Phrases of a common and a rarer word, in
/// either order (the rarest word first and not first), with slop: the pruned
/// top k must equal the reference scorer's (``ReferencePhraseScorer``,
/// walked exhaustively), document for document and score bit for bit.
final class PhraseSkipTests: XCTestCase {
    /// Terms in some dozens of documents: rare beside the commonest words.
    static let rarer: [Int] = {
        let reader = PhraseTests.index.reader
        return Array((0..<reader.termCount).filter { (20...400).contains(reader.info($0).df) }.prefix(12))
    }()

    /// The reference's top `k` (score descending, lower ids first on ties).
    private func referenceTop(_ terms: [(term: Int, offset: Int)], slop: Int, k: Int, bm25: BM25) -> [(score: Double, doc: UInt32)] {
        let reference = ReferencePhraseScorer(reader: PhraseTests.index.reader, terms: terms, slop: slop, bm25: bm25)
        var all: [(score: Double, doc: UInt32)] = []
        while reference.doc != PostingCursor.noMoreDocs {
            all.append((reference.score(), reference.doc))
            reference.next()
        }
        return Array(all.sorted { $0.score > $1.score || ($0.score == $1.score && $0.doc < $1.doc) }.prefix(k))
    }

    func testCommonBesideRarerPrunedEqualsReference() {
        let reader = PhraseTests.index.reader
        XCTAssertGreaterThan(Self.rarer.count, 6)
        var compared = 0, full = 0
        for (round, rare) in Self.rarer.enumerated() {
            let common = PhraseTests.frequent[round % 4]
            let shapes: [[(term: Int, offset: Int)]] = [
                [(common, 0), (rare, 1)],
                [(rare, 0), (common, 1)],
                [(common, 0), (rare, 1), (PhraseTests.frequent[(round + 1) % 4], 2)],
                [(common, 0), (rare, 2)],
            ]
            for terms in shapes {
                for slop in [0, 1, 3] {
                    let (k1, b) = [(1.2, 0.75), (0.5, 0.0), (2.0, 1.0)][(round + slop) % 3]
                    let bm25 = BM25(k1: k1, b: b, avgdl: reader.avgdl, documentCount: reader.docCount)
                    let weight = Weight.boolean(must: [], should: [.phrase(terms, slop: slop)], mustNot: [], filter: nil)
                    for k in [1, 3, 10] {
                        let pruned = TopKCollector.collect(weight.scorer(reader: reader, bm25: bm25), k: k, exhaustive: false)
                        let expected = referenceTop(terms, slop: slop, k: k, bm25: bm25)
                        let label = "\(terms) slop \(slop) k \(k)"
                        XCTAssertEqual(pruned.map(\.doc), expected.map(\.doc), label)
                        XCTAssertEqual(pruned.map(\.score.bitPattern), expected.map(\.score.bitPattern), label)
                        compared += 1
                        if expected.count == k { full += 1 }
                    }
                }
            }
        }
        XCTAssertGreaterThan(compared, 300)
        XCTAssertGreaterThan(full, 100, "most phrases fill their top k")
    }

    /// Every document the phrase matches, through `next()` and `advance(to:)`
    /// (the walk that counts a search's total), equals the reference's, with
    /// the same tf and positions, for phrases led by a common word whose
    /// later word is rarer (most candidates lack it and hold it in the next
    /// passage).
    func testCommonThenRarerEveryDocument() {
        let reader = PhraseTests.index.reader
        var documents = 0
        for (round, rare) in Self.rarer.enumerated() {
            for slop in [0, 2] {
                let terms: [(term: Int, offset: Int)] = [(PhraseTests.frequent[round % 6], 0), (rare, 1)]
                let bm25 = BM25(k1: 1.2, b: 0.75, avgdl: reader.avgdl, documentCount: reader.docCount)
                let new = PhraseScorer(reader: reader, terms: terms, slop: slop, bm25: bm25)
                let old = ReferencePhraseScorer(reader: reader, terms: terms, slop: slop, bm25: bm25)
                while old.doc != PostingCursor.noMoreDocs || new.doc != PostingCursor.noMoreDocs {
                    XCTAssertEqual(new.doc, old.doc, "\(terms) slop \(slop)")
                    guard new.doc == old.doc else { break }
                    XCTAssertEqual(new.score().bitPattern, old.score().bitPattern)
                    var p: [UInt32] = [], q: [UInt32] = []
                    new.matchPositions(into: &p)
                    old.matchPositions(into: &q)
                    XCTAssertEqual(p, q)
                    documents += 1
                    new.next()
                    old.next()
                }
            }
        }
        XCTAssertGreaterThan(documents, 100)
    }
}
