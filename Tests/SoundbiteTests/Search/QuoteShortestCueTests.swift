import XCTest
@testable import Soundbite
import SoundbiteTestSupport

/// The per-document shortest cue of the `cueImpacts` section (format 7) and
/// the quote walk's bound from it (``CueTester/shortestCueBound(_:orElse:)``):
/// the stored byte is the document's shortest cue of at least 2 tokens as the
/// cue score measures lengths; the bound is never below the cue-length bound
/// (so never below a cue score), bit for bit, for random k1 and b, and equal
/// to it on most documents; the pruned walk that passes documents by it
/// equals its reference where the shortest cue decides.
final class QuoteShortestCueTests: XCTestCase {
    /// Passages whose cues run from 1 to 12 tokens: two words alone in a
    /// short cue, or apart in long ones, fillers between.
    static let index: SearchIndex = {
        var rng = SyntheticCorpus.RNG(state: 77)
        let fillers = ["really", "school", "parents", "yes", "the", "children"]
        let collection = SyntheticCorpus.twoSpeakers("short", interviews: 6, cuesEach: 600, speakerRun: 6) {
            switch rng.next() % 8 {
            case 0: return "laptop home"
            case 1: return "home laptop " + fillers[Int(rng.next() % 6)]
            case 2: return (0..<(4 + Int(rng.next() % 8))).map { j in j == 0 ? "laptop" : j == 2 ? "home" : fillers[Int(rng.next() % 6)] }
                .joined(separator: " ")
            case 3: return "laptop"
            default: return (0..<(1 + Int(rng.next() % 10))).map { _ in fillers[Int(rng.next() % 6)] }.joined(separator: " ")
            }
        }
        return SearchIndex(building: [collection])
    }()

    /// Each document's byte, recomputed from its cues' first positions and length.
    func testTheColumnIsEachDocumentsShortestCueOfTwoTokens() throws {
        for index in [Self.index, CueImpactsTests.index, SearchIndex(building: [SyntheticCorpus.collection(interviews: 4, cuesEach: 50, seed: 5)])] {
            let reader = index.reader
            XCTAssertEqual(reader.cueImpacts.documents, reader.docCount)
            var firsts: [UInt32] = [], lengths = Set<UInt8>()
            for d in 0..<reader.docCount {
                reader.cueFirstPositions(of: UInt32(d), into: &firsts)
                let length = Int(reader.length(UInt32(d)))
                var expected = Int.max
                let increasing = zip(firsts, firsts.dropFirst()).allSatisfy { $0 <= $1 }
                for c in 0..<max(1, firsts.count) {
                    let first = firsts.isEmpty ? 0 : Int(firsts[c])
                    let next = c + 1 < firsts.count ? Int(firsts[c + 1]) : length
                    let l = max(1, next - first)
                    if l >= 2 { expected = min(expected, l) }
                }
                let stored = reader.cueImpacts.shortestCue(d)
                XCTAssertEqual(Int(stored), !increasing ? 0 : expected == Int.max ? 1 : min(expected, CueImpacts.longest), "doc \(d)")
                lengths.insert(stored)
            }
            XCTAssertGreaterThan(lengths.count, 1, "documents differ in their shortest cue")
            XCTAssertEqual(reader.cueImpacts.shortestCue(reader.docCount), 0, "past the column: no bound")
            XCTAssertNoThrow(try index.verify())
        }
    }

    /// At every document of the conjunction: shortest-cue bound ≥ cue-length
    /// bound ≥ cue score, bit for bit, and ≤ the tf bound it falls back to.
    func testTheBoundIsNeverBelowTheCueLengthBound() throws {
        let reader = Self.index.reader
        var rng = SyntheticCorpus.RNG(state: 8)
        var checked = 0, tight = 0, below = 0
        for p in [(1.2, 0.75)] + (0..<4).map({ _ in (0.2 + Double(rng.next() % 1000) / 400, Double(rng.next() % 1001) / 1000) }) {
            let bm25 = BM25(k1: p.0, b: p.1, avgdl: reader.avgdl, documentCount: reader.docCount)
            let compiler = QueryCompiler(reader: reader, bm25: bm25, limits: QueryLimits())
            for words in [["laptop", "home"], ["home", "laptop"], ["laptop", "home", "really"], ["the", "laptop"]] {
                let query = try compiler.root(.boolean(words.map { Clause(.should, .term($0)) }), filter: nil)
                forEachConjunctionDocument(reader, bm25, query) { d, tester, _ in
                    let byTF = tester.tfBound(d)
                    let byShortest = tester.shortestCueBound(d, orElse: byTF)
                    tester.loadCues(d)
                    let byCues = tester.cueLengthBound(length: Int(reader.length(d)))
                    let match = tester.placeWords(d)
                    let label = "\(words) k1 \(p.0) b \(p.1) doc \(d)"
                    XCTAssertTrue(byShortest.isFinite, label)
                    XCTAssertLessThanOrEqual(byCues, byShortest, label)
                    XCTAssertLessThanOrEqual(byShortest, byTF, label)
                    if match.oneCue { XCTAssertLessThanOrEqual(match.score, byShortest, label) }
                    if byShortest == byCues { tight += 1 }
                    if byShortest < byTF { below += 1 }
                    checked += 1
                }
            }
        }
        XCTAssertGreaterThan(checked, 3_000)
        XCTAssertGreaterThan(tight, checked / 2, "mostly as tight as reading the cues")
        XCTAssertGreaterThan(below, checked / 6, "tighter than the tf bound on many documents")
    }

    /// The walk forced (rarest limit 0) and by default, filtered and not,
    /// random k1 and b: pruned == reference, documents, scores, placements
    /// and cue scores to the bit.
    func testPrunedEqualsTheReferenceWhereTheShortestCueDecides() throws {
        let reader = Self.index.reader
        var rng = SyntheticCorpus.RNG(state: 12)
        let fields = FieldFilters(reader: reader)
        for p in [(1.2, 0.75)] + (0..<3).map({ _ in (0.2 + Double(rng.next() % 1000) / 400, Double(rng.next() % 1001) / 1000) }) {
            let bm25 = BM25(k1: p.0, b: p.1, avgdl: reader.avgdl, documentCount: reader.docCount)
            let compiler = QueryCompiler(reader: reader, bm25: bm25, limits: QueryLimits())
            for words in [["laptop", "home"], ["home", "laptop"], ["laptop", "home", "school"], ["the", "home"]] {
                for filtered in [false, true] {
                    let filter = filtered ? try fields.filter(name: "role", values: ["parent"]) : nil
                    let query = try compiler.root(.boolean(words.map { Clause(.should, .term($0)) }), filter: filter)
                    for k in [1, 5, 10, 40, 200] {
                        for limit in [0, QuoteCollector.defaultRarestLimit] {
                            assertPrunedIsTheReference(reader, bm25, query, k: k, rarestLimit: limit,
                                                       "\(words) k1 \(p.0) b \(p.1) filtered \(filtered) k \(k) limit \(limit)")
                        }
                    }
                }
            }
        }
    }
}
