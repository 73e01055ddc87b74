import XCTest
@testable import Soundbite

/// A segment's flat posting log, grouped by term, holds each term's postings
/// as per-term lists filled in the same order would.
final class PostingLogTests: XCTestCase {
    /// Random postings (skewed terms, tfs 1–5, documents ascending) logged in
    /// batches of unequal size, grouped, and compared term by term with lists
    /// appended posting by posting.
    func testGroupedLogEqualsPerTermLists() {
        var rng = SystemRandomNumberGenerator()
        for round in 0..<20 {
            let termCount = [1, 7, 300][round % 3]
            var log = PostingLog()
            var expected = [TermPostings](repeating: TermPostings(), count: termCount)
            var doc: UInt32 = 0
            var written = 0
            for _ in 0..<Int.random(in: 1...60, using: &rng) {
                doc += UInt32.random(in: 0...3, using: &rng)
                // One passage: distinct terms, each with its positions.
                let distinct = Array(Set((0..<Int.random(in: 1...12, using: &rng)).map { _ in
                    let x = Double.random(in: 0..<1, using: &rng)
                    return min(termCount - 1, Int(Double(termCount) * x * x * x))
                }))
                let tfs = distinct.map { _ in UInt32.random(in: 1...5, using: &rng) }
                let positions = Int(tfs.reduce(0, +))
                log.reserve(postings: distinct.count, positions: positions)
                log.write { w in
                    var p: UInt32 = 0
                    for (term, tf) in zip(distinct, tfs) {
                        var list: [UInt32] = []
                        for _ in 0..<tf { p += UInt32.random(in: 1...4, using: &rng); w.position(p); list.append(p) }
                        w.posting(term: term, doc: doc, tf: tf)
                        expected[term].docs.append(doc)
                        expected[term].tfs.append(tf)
                        expected[term].positions.append(contentsOf: list)
                    }
                }
                written += distinct.count
                doc += 1
            }
            XCTAssertEqual(log.postingCount, written)
            let g = log.grouped(termCount: termCount)
            XCTAssertEqual(g.postingStart.last, written)
            for t in 0..<termCount {
                XCTAssertEqual(Array(g.docs[g.postingStart[t]..<g.postingStart[t + 1]]), expected[t].docs, "term \(t)")
                XCTAssertEqual(Array(g.tfs[g.postingStart[t]..<g.postingStart[t + 1]]), expected[t].tfs, "term \(t)")
                XCTAssertEqual(Array(g.positions[g.positionStart[t]..<g.positionStart[t + 1]]), expected[t].positions, "term \(t)")
            }
        }
    }
}
