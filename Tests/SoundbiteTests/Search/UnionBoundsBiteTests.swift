import XCTest
@testable import Soundbite

/// The union walk where its bounds decide what is kept. `harbor` is frequent
/// (a third of the passages: low idf, non-essential once k documents are
/// kept), tf 1 in long passages, except in a burst late in each stretch of 512
/// passages, where it is tf 3–6 in short ones beside the rarer `harvest`: so
/// the top k is set by passages of a window's later blocks of `harbor`, and a
/// window bounding `harbor` by fewer blocks than it covers loses them. `harlow`
/// is rare (read first, ``UnionScoreFloor``) and scores below the bursts: a
/// floor above the k-th score loses documents too.
final class UnionBoundsBiteTests: XCTestCase {
    static let terms = ["harbor", "harvest", "harlow"]

    /// 80 interviews of 150 passages (one cue each: the two speakers alternate).
    static let index: SearchIndex = {
        var rng = SyntheticCorpus.RNG(state: 9_151)
        let filler = ["people", "said", "village", "school", "really", "money", "time", "know", "think", "water"]
        let roles = [("Ann Host", "host"), ("Bo Guest", "guest")]
        var interviews: [Interview] = []
        var passage = 0
        for i in 0..<80 {
            var cues: [Cue] = []
            var t = 0.0
            for c in 0..<150 {
                var words: [String] = []
                let burst = passage % 512 >= 384
                var fill = 6 + Int(rng.next() % 10)
                if burst && rng.next() % 4 == 0 {
                    words += Array(repeating: "harbor", count: 3 + Int(rng.next() % 4))
                    fill = Int(rng.next() % 3)
                } else if rng.next() % 3 == 0 {
                    words.append("harbor")
                    fill = 20 + Int(rng.next() % 20)
                }
                if rng.next() % (burst ? 6 : 40) == 0 { words += Array(repeating: "harvest", count: 1 + Int(rng.next() % 2)) }
                if rng.next() % 150 == 0 { words.append("harlow") }
                for _ in 0..<fill { words.append(filler[Int(rng.next() % UInt64(filler.count))]) }
                if words.isEmpty { words.append("water") }
                cues.append(shuffledCue(words, &rng, at: &t, speaker: roles[c % 2], chapter: "All", line: c + 1))
                passage += 1
            }
            interviews.append(Interview(id: "b-\(i)", path: "b-\(i).vtt", title: "Interview \(i)", media: "",
                                        fields: [:], cues: cues))
        }
        return SearchIndex(building: [InterviewCollection(name: "harbor", interviews: interviews)])
    }()

    private func id(_ word: String) throws -> Int {
        let reader = Self.index.reader
        return try XCTUnwrap(reader.analyzer.terms(word).first.flatMap { reader.termID(Array($0.utf8)) }, word)
    }

    /// The shape holds: one passage per cue; `harbor` of several blocks per
    /// window of 512; `harlow` within the floor's budget; the floor below the
    /// k-th score but above what `harvest` alone scores.
    func testTheShapeHolds() throws {
        let reader = Self.index.reader
        XCTAssertEqual(reader.docCount, 80 * 150, "one passage per cue")
        let harbor = reader.info(try id("harbor")), harlow = reader.info(try id("harlow"))
        XCTAssertGreaterThan(Int(harbor.df), Postings.blockSize * reader.docCount / 512, "a block or more per 512 passages")
        XCTAssertLessThanOrEqual(Int(harlow.df), UnionScoreFloor.budget)
        let ids = try Self.terms.map(id).sorted()
        let bm25 = BM25(k1: 1.2, b: 0.75, avgdl: reader.avgdl, documentCount: reader.docCount)
        let full = TopKCollector.collect(Weight.union(ids).scorer(reader: reader, bm25: bm25), k: 10, exhaustive: true)
        let idfs = ids.map { bm25.idf(df: Int(reader.info($0).df)) }
        let bounds = zip(ids, idfs).map { bm25.upperBound(idf: $1, frontier: reader.bounds(reader.info($0))) }
        let floor = UnionScoreFloor.floor(reader: reader, terms: ids, idfs: idfs, bounds: bounds, bm25: bm25, k: 10)
        XCTAssertGreaterThan(floor, 0, "the rare term fills k")
        XCTAssertLessThanOrEqual(floor, full[9].score)
        XCTAssertLessThan(floor, full[0].score, "the floor is not the best score")
    }

    /// Unions of the three terms (and of two), windows of 256 to 4,096
    /// passages, random k1 and b, k 1–50, with and without a role filter (no
    /// floor then): pruned equals exhaustive, documents and score bits.
    func testPrunedEqualsExhaustiveWhereLaterBlocksSetTheTopK() throws {
        let reader = Self.index.reader
        let all = try Self.terms.map(id).sorted()
        let roleEntries = roleEntries(reader, "guest")
        XCTAssertEqual(roleEntries.count, 1)
        var rng = SyntheticCorpus.RNG(state: 77)
        var compared = 0, full = 0
        for round in 0..<16 {
            let bm25 = randomBM25(round: round, &rng, bLow: 0.3, bSteps: 71, reader: reader)
            let filter: FilterNode? = round % 4 == 3 ? FilterNode(reader: reader, entries: roleEntries) : nil
            let ids = round % 5 == 4 ? Array(all.prefix(2)) : all
            for k in [1, 10, 50] {
                for window in [256, 1_024, 4_096] {
                    if assertUnionWindowIsExhaustive(ids, mustNot: [], filter: filter, reader: reader, bm25: bm25, k: k,
                                                     window: window, "\(ids.count) terms k \(k) window \(window) k1 \(bm25.k1) b \(bm25.b)") {
                        full += 1
                    }
                    compared += 1
                }
            }
        }
        XCTAssertEqual(compared, 16 * 9)
        XCTAssertEqual(full, compared, "every search fills its k")
    }
}
