import XCTest
@testable import Soundbite

/// The union walk's per-posting bounds (each essential posting's tf at its
/// block's shortest passage, summed per passage before any length is loaded:
/// ``UnionWindowCollector``), on the shape of a short prefix: 20 terms of
/// similar document frequency, each alone and tf 1 in most of its (long)
/// passages, so no single posting of that kind can enter the top k, which is
/// set by passages holding two or three of the terms and by short passages
/// holding one term several times. A bound that ignores the tf, or the
/// passage's length, or the non-essential terms, loses some of those.
final class UnionCandidateBoundTests: XCTestCase {
    /// The 20 terms: `zan` and two letters, then `x` (no stem strips it).
    static let terms: [String] = (0..<20).map { i in
        let a = Array("abcdefghij"), b = Array("kl")
        return "zan\(a[i % 10])\(b[i / 10])x"
    }

    /// 80 interviews of 150 passages (one cue each: the two speakers alternate).
    static let index: SearchIndex = {
        var rng = SyntheticCorpus.RNG(state: 40_417)
        let filler = ["people", "said", "village", "school", "really", "money", "time", "know", "think", "water"]
        let roles = [("Ann Host", "host"), ("Bo Guest", "guest")]
        var interviews: [Interview] = []
        for i in 0..<80 {
            var cues: [Cue] = []
            var t = 0.0
            for c in 0..<150 {
                var words: [String] = []
                var fill = 4 + Int(rng.next() % 12)
                let roll = rng.next() % 400
                if roll < 3 {
                    // Two or three of the terms, once each.
                    for _ in 0..<(2 + Int(rng.next() % 2)) { words.append(terms[Int(rng.next() % 20)]) }
                    fill = 8 + Int(rng.next() % 20)
                } else if roll < 5 {
                    // One term several times in a short passage.
                    words += Array(repeating: terms[Int(rng.next() % 20)], count: 2 + Int(rng.next() % 4))
                    fill = Int(rng.next() % 4)
                } else if roll < 250 {
                    // One term once, in a passage of any length.
                    words.append(terms[Int(rng.next() % 20)])
                    fill = 1 + Int(rng.next() % 40)
                }
                for _ in 0..<fill { words.append(filler[Int(rng.next() % UInt64(filler.count))]) }
                if words.isEmpty { words.append("water") }
                cues.append(shuffledCue(words, &rng, at: &t, speaker: roles[c % 2], chapter: "All", line: c + 1))
            }
            interviews.append(Interview(id: "z-\(i)", path: "z-\(i).vtt", title: "Interview \(i)", media: "",
                                        fields: [:], cues: cues))
        }
        return SearchIndex(building: [InterviewCollection(name: "zan", interviews: interviews)])
    }()

    private func ids() throws -> [Int] {
        let reader = Self.index.reader
        return try Self.terms.map { word in
            try XCTUnwrap(reader.analyzer.terms(word).first.flatMap { reader.termID(Array($0.utf8)) }, word)
        }.sorted()
    }

    /// The shape holds: 20 distinct terms of several blocks each; every
    /// term's own bound below the 10th score (no one posting enters alone
    /// unless its passage is short and its tf high), and the 10th score
    /// reached only by passages of two or more terms or of a high tf.
    func testTheShapeHolds() throws {
        let reader = Self.index.reader
        XCTAssertEqual(reader.docCount, 80 * 150, "one passage per cue")
        let ids = try ids()
        XCTAssertEqual(Set(ids).count, 20)
        let bm25 = BM25(k1: 1.2, b: 0.75, avgdl: reader.avgdl, documentCount: reader.docCount)
        for id in ids { XCTAssertGreaterThan(Int(reader.info(id).df), Postings.blockSize, "several blocks a term") }
        let full = TopKCollector.collect(Weight.union(ids).scorer(reader: reader, bm25: bm25), k: 10, exhaustive: true)
        XCTAssertEqual(full.count, 10)
        // What a tf-1 posting scores at most: its term's idf at the shortest passage.
        let shortest = Double((0..<UInt32(reader.docCount)).map { reader.length($0) }.min() ?? 1)
        let single = ids.map { bm25.score(idf: bm25.idf(df: Int(reader.info($0).df)), tf: 1, dl: shortest) }.max() ?? 0
        XCTAssertLessThan(single, full[9].score, "no tf-1 posting enters alone")
        let floor = UnionScoreFloor.floor(reader: reader, terms: ids, idfs: ids.map { bm25.idf(df: Int(reader.info($0).df)) },
                                          bounds: ids.map { bm25.upperBound(idf: bm25.idf(df: Int(reader.info($0).df)),
                                                                            frontier: reader.bounds(reader.info($0))) },
                                          bm25: bm25, k: 10)
        XCTAssertLessThan(floor, single, "the floor (the rarest terms read whole) lets tf-1 postings be candidates at first")
    }

    /// Unions of all 20 terms and of random subsets, windows of 256 to 16,384
    /// passages, k 1–50, random k1 and b, with and without a role filter or an
    /// exclusion: pruned equals exhaustive, documents and score bits.
    func testPrunedEqualsExhaustiveWhereFewPassagesCanEnter() throws {
        let reader = Self.index.reader
        let all = try ids()
        let roleEntries = roleEntries(reader, "guest")
        XCTAssertEqual(roleEntries.count, 1)
        let village = try XCTUnwrap(reader.analyzer.terms("village").first.flatMap { reader.termID(Array($0.utf8)) })
        var rng = SyntheticCorpus.RNG(state: 4_041)
        var compared = 0, full = 0
        for round in 0..<12 {
            let bm25 = randomBM25(round: round, &rng, bLow: 0.2, bSteps: 81, reader: reader)
            let filter: FilterNode? = round % 4 == 3 ? FilterNode(reader: reader, entries: roleEntries) : nil
            let mustNot: [Weight] = round % 4 == 2 ? [.term(village)] : []
            let ids = round % 3 == 1 ? all.filter { _ in rng.next() % 2 == 0 } : all
            for k in [1, 10, 50] {
                for window in [256, 2_048, 16_384] {
                    if assertUnionWindowIsExhaustive(ids, mustNot: mustNot, filter: filter, reader: reader, bm25: bm25, k: k,
                                                     window: window, "\(ids.count) terms k \(k) window \(window) k1 \(bm25.k1) b \(bm25.b)") {
                        full += 1
                    }
                    compared += 1
                }
            }
        }
        XCTAssertEqual(compared, 12 * 9)
        XCTAssertEqual(full, compared, "every search fills its k")
    }
}
