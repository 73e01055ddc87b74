import XCTest
@testable import Soundbite

/// The walk that only counts (a search's total in the quote order, where
/// nothing is scored): its phrases stop at a document's first match
/// (``PhraseScorer/findExistenceOnly()``) and test a word missing from a
/// candidate by its first position in the next passage before moving the
/// other words. It must find exactly the documents the full walk finds, on
/// passages cut every 9 words (many matches across a cut), with slop, gaps,
/// repeated words and jumps ahead.
final class PhraseExistenceTests: XCTestCase {
    /// Phrases of the commonest words, as ``PhraseTests`` draws them, and
    /// common-then-rarer ones (most candidates lack the rarer word and hold it
    /// in the next passage).
    private static func phrases() -> [(terms: [(term: Int, offset: Int)], slop: Int)] {
        var rng = SyntheticCorpus.RNG(state: 23)
        var out: [(terms: [(term: Int, offset: Int)], slop: Int)] = []
        for round in 0..<60 {
            let words = 2 + Int(rng.next() % 3)
            var offset = 0
            let terms: [(term: Int, offset: Int)] = (0..<words).map { i in
                if i > 0 { offset += rng.next() % 7 == 0 ? 2 : 1 }
                return (PhraseTests.frequent[Int(rng.next() % UInt64(i == 0 ? 14 : 6))], offset)
            }
            out.append((terms, [0, 0, 1, 3][round % 4]))
        }
        for (round, rare) in PhraseSkipTests.rarer.enumerated() {
            let common = PhraseTests.frequent[round % 6]
            for slop in [0, 2] {
                out.append(([(common, 0), (rare, 1)], slop))
                out.append(([(rare, 0), (common, 1)], slop))
                out.append(([(common, 0), (PhraseTests.frequent[(round + 1) % 6], 1), (rare, 2)], slop))
            }
        }
        return out
    }

    func testExistenceWalkFindsTheReferenceDocuments() {
        let reader = PhraseTests.index.reader
        let bm25 = BM25(k1: 1.2, b: 0.75, avgdl: reader.avgdl, documentCount: reader.docCount)
        var rng = SyntheticCorpus.RNG(state: 29)
        var documents = 0
        for (terms, slop) in Self.phrases() {
            let walk = PhraseScorer(reader: reader, terms: terms, slop: slop, bm25: bm25)
            walk.findExistenceOnly()
            let reference = ReferencePhraseScorer(reader: reader, terms: terms, slop: slop, bm25: bm25)
            let label = "\(terms) slop \(slop)"
            while reference.doc != PostingCursor.noMoreDocs || walk.doc != PostingCursor.noMoreDocs {
                XCTAssertEqual(walk.doc, reference.doc, label)
                guard walk.doc == reference.doc else { break }
                documents += 1
                if rng.next() % 6 == 0 {
                    let target = walk.doc &+ 1 &+ UInt32(rng.next() % 30)
                    walk.advance(to: target)
                    reference.advance(to: target)
                } else {
                    walk.next()
                    reference.next()
                }
            }
        }
        XCTAssertGreaterThan(documents, 2_000)
    }

    /// Through ``SearchIndex/search(_:options:)``: the quote order's total
    /// (the counting walk, nothing scored) equals the BM25 order's (one
    /// scoring walk) and, for a lone phrase, the reference's document count;
    /// also with the phrase beside a word, and excluded.
    func testTotalsEqualTheScoringWalks() throws {
        let index = PhraseTests.index
        let reader = index.reader
        let bm25 = BM25(k1: 1.2, b: 0.75, avgdl: reader.avgdl, documentCount: reader.docCount)
        var counted = 0
        for (terms, slop) in Self.phrases().prefix(40) {
            let words = terms.map { reader.termString($0.term) }
            let phrase = QueryNode.phrase(words, slop: slop)
            let other = QueryNode.term(reader.termString(PhraseTests.frequent[terms.count]))
            let nodes: [QueryNode] = [
                phrase,
                .boolean([Clause(.must, phrase), Clause(.must, other)]),
                .boolean([Clause(.should, other), Clause(.mustNot, phrase)]),
            ]
            var totals: [Int] = []
            for node in nodes {
                var quote = SearchOptions(limit: 3)
                quote.countTotal = true
                var score = quote
                score.ranking = .bm25
                let a = try index.search(node, options: quote).total
                let b = try index.search(node, options: score).total
                XCTAssertEqual(a, b, "\(node)")
                totals.append(a)
            }
            // The words as typed analyse to the same terms (checked: else skip the count).
            let tokens = reader.analyzer.analyze(words.joined(separator: " "))
            let analysed = tokens.map { t in (reader.termID(Array(t.term.utf8)) ?? -1, t.position - tokens[0].position) }
            guard analysed.map(\.0) == terms.map(\.term), analysed.map(\.1) == terms.map(\.offset) else { continue }
            let reference = ReferencePhraseScorer(reader: reader, terms: terms, slop: slop, bm25: bm25)
            var expected = 0
            while reference.doc != PostingCursor.noMoreDocs { expected += 1; reference.next() }
            XCTAssertEqual(totals[0], expected, "\(terms) slop \(slop)")
            counted += expected
        }
        XCTAssertGreaterThan(counted, 1_000)
    }
}
