import XCTest
@testable import Soundbite

/// A lone phrase's pruned top k against its exhaustive one, for the phrase
/// tests built on a small hand-made index.
enum PhrasePrunedCheck {
    /// For each (k1, b) and k: the pruned top k of `terms` (slop 0) must equal
    /// the exhaustive one, document for document and score bit for bit.
    /// Returns how many of the exhaustive top ks `holds` accepts.
    static func compare(_ reader: IndexReader, _ terms: [(term: Int, offset: Int)], parameters: [(Double, Double)],
                        ks: ClosedRange<Int>, holds: ([(score: Double, doc: UInt32)]) -> Bool,
                        file: StaticString = #filePath, line: UInt = #line) -> Int {
        var accepted = 0
        for (k1, b) in parameters {
            let bm25 = BM25(k1: k1, b: b, avgdl: reader.avgdl, documentCount: reader.docCount)
            let weight = Weight.boolean(must: [], should: [.phrase(terms, slop: 0)], mustNot: [], filter: nil)
            for k in ks {
                let pruned = TopKCollector.collect(weight.scorer(reader: reader, bm25: bm25), k: k, exhaustive: false)
                let exhaustive = TopKCollector.collect(weight.scorer(reader: reader, bm25: bm25), k: k, exhaustive: true)
                XCTAssertEqual(pruned.map(\.doc), exhaustive.map(\.doc), "k1 \(k1) b \(b) k \(k)", file: file, line: line)
                XCTAssertEqual(pruned.map(\.score.bitPattern), exhaustive.map(\.score.bitPattern), "k1 \(k1) b \(b) k \(k)",
                               file: file, line: line)
                if holds(exhaustive) { accepted += 1 }
            }
        }
        return accepted
    }
}
