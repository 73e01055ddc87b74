import XCTest
@testable import Soundbite
import SoundbiteTestSupport

/// The quote walk's block bound from the blocks' cue impacts
/// (``CueTester/frontierBound()``): never below the cue score of a document
/// of the blocks, bit for bit, for random k1 and b, and met by some; and the
/// pruned walk that passes blocks by it equal to its reference.
final class QuoteBlockBoundTests: XCTestCase {
    private struct Parameters { var k1: Double; var b: Double }

    private static func parameters(_ rng: inout SyntheticCorpus.RNG, _ n: Int) -> [Parameters] {
        [Parameters(k1: 1.2, b: 0.75)] + (0..<n).map { _ in
            Parameters(k1: 0.2 + Double(rng.next() % 1000) / 400, b: Double(rng.next() % 1001) / 1000)
        }
    }

    func testTheBlockBoundIsNeverBelowACueScoreOfItsBlocks() throws {
        let reader = CueImpactsTests.index.reader
        var rng = SyntheticCorpus.RNG(state: 3)
        var checked = 0, tight = 0
        for p in Self.parameters(&rng, 4) {
            let bm25 = BM25(k1: p.k1, b: p.b, avgdl: reader.avgdl, documentCount: reader.docCount)
            let compiler = QueryCompiler(reader: reader, bm25: bm25, limits: QueryLimits())
            for words in [["laptop", "home"], ["home", "laptop"], ["laptop", "home", "school"], ["really", "laptop"]] {
                let query = try compiler.root(.boolean(words.map { Clause(.should, .term($0)) }), filter: nil)
                forEachConjunctionDocument(reader, bm25, query) { d, tester, any in
                    for (i, scorer) in any.enumerated() {
                        let t = scorer as! TermScorer
                        t.advance(to: d)
                        let k = t.cursor.block
                        if let c = reader.cueImpacts(term: t.termID, blocks: t.cursor.blockCount) {
                            tester.setFrontier(word: i, pairs: c.pairs + k * c.stride * CueImpacts.pairSize, stride: c.stride)
                        } else {
                            tester.setFrontier(word: i, largestTF: t.cursor.maxTF(ofBlock: k))
                        }
                    }
                    let bound = tester.frontierBound()
                    let match = tester.match(d)
                    XCTAssertTrue(bound.isFinite, "\(words)")
                    if match.oneCue {
                        XCTAssertLessThanOrEqual(match.score, bound, "\(words) k1 \(p.k1) b \(p.b) doc \(d)")
                        if match.score == bound { tight += 1 }
                        checked += 1
                    }
                }
            }
        }
        XCTAssertGreaterThan(checked, 2_000)
        XCTAssertGreaterThan(tight, 0, "a block's best cue meets its bound")
    }

    func testPrunedEqualsTheReferenceWithCueImpacts() throws {
        let index = CueImpactsTests.index
        let reader = index.reader
        var rng = SyntheticCorpus.RNG(state: 9)
        let fields = FieldFilters(reader: reader)
        for p in Self.parameters(&rng, 3) {
            let bm25 = BM25(k1: p.k1, b: p.b, avgdl: reader.avgdl, documentCount: reader.docCount)
            let compiler = QueryCompiler(reader: reader, bm25: bm25, limits: QueryLimits())
            for words in [["laptop", "home"], ["home", "laptop"], ["laptop", "home", "really"], ["school", "home"],
                          ["parents", "laptop", "school"]] {
                for filtered in [false, true] {
                    let filter = filtered ? try fields.filter(name: "role", values: ["parent"]) : nil
                    let query = try compiler.root(.boolean(words.map { Clause(.should, .term($0)) }), filter: filter)
                    for k in [1, 10, 40] {
                        for limit in [0, QuoteCollector.defaultRarestLimit] {
                            assertPrunedIsTheReference(reader, bm25, query, k: k, rarestLimit: limit,
                                                       "\(words) k1 \(p.k1) b \(p.b) filtered \(filtered) k \(k) limit \(limit)")
                        }
                    }
                }
            }
        }
    }
}
