import XCTest
@testable import Soundbite
import SoundbiteTestSupport

/// Format 5's per-block impacts (each block's (tf, dl) frontier, ``Postings``):
/// header round trip, the stored frontier is the block's own (or a folded
/// one that dominates it), the bound is never below a posting's score for
/// any k1, b (on encoded terms and on the real postings of an index), single-
/// block terms and terms whose every block has a one-pair frontier store
/// none, and pruned top k equals the exhaustive walk for lone words and
/// word pairs under random k1, b.
final class BlockImpactsTests: XCTestCase {
    /// The true (tf, dl) frontier of postings `range` of `t`: for each tf
    /// from the highest down, its shortest length, kept when shorter than
    /// every higher tf's.
    static func frontier(_ t: PostingsTests.Term, _ range: Range<Int>) -> [(tf: UInt32, dl: UInt32)] {
        var out: [(tf: UInt32, dl: UInt32)] = []
        let pairs = range.map { (tf: t.tfs[$0], dl: PostingsTests.length(t.docs[$0])) }
            .sorted { $0.tf != $1.tf ? $0.tf > $1.tf : $0.dl < $1.dl }
        var best = UInt32.max
        for p in pairs where p.dl < best {
            best = p.dl
            out.append(p)
        }
        return out
    }

    func testTheHeaderRoundTripsWithItsImpactsByte() {
        let h = Postings.BlockHeader(lastDoc: 123_456, dataOffset: 999, positionsOffset: 77, maxTF: 41, minLength: 3,
                                     count: 128, docBits: 13, tfBits: 6, impactStride: 6, impactCount: 4)
        var w = ByteWriter()
        h.encode(into: &w)
        XCTAssertEqual(w.count, Postings.BlockHeader.size)
        XCTAssertEqual(w.bytes[19], 6 << 4 | 4)
        w.bytes.withUnsafeBytes { p in
            XCTAssertEqual(Postings.BlockHeader(at: p.baseAddress!), h)
            XCTAssertEqual(Postings.BlockHeader.impacts(at: p.baseAddress!), 6 << 4 | 4)
        }
    }

    /// Terms of many blocks, tf 1…maxTF, lengths 1…97: each block's bound
    /// lists its true frontier when it has at most ``Postings/maxImpacts``
    /// pairs, else a folded one of that many that still dominates every
    /// posting; the bound is never below a posting's score and never above
    /// the header's `score(maxTF, minLength)`.
    func testEveryBlockBoundIsItsFrontierAndDominatesItsPostings() {
        var rng = SplitMix64(seed: 2026)
        let shapes: [(Int, Int, Int)] = [(300, 2, 3), (1_000, 1, 12), (2_000, 3, 40), (129, 5, 2), (640, 1, 1), (900, 2, 1_500)]
        let terms = shapes.map {
            PostingsTests.randomTerm(df: $0.0, maxGap: UInt64($0.1), maxTF: UInt64($0.2), rng: &rng)
        }
        let e = PostingsTests.encode(terms)
        var folded = 0, stored = 0
        for (k, t) in terms.enumerated() {
            PostingsTests.withCursor(e, term: k) { c in
                for b in 0..<c.blockCount {
                    let slice = (b * 128)..<min(t.docs.count, b * 128 + 128)
                    let bound = c.bound(ofBlock: b)
                    let truth = Self.frontier(t, slice)
                    let got = bound.frontier
                    if truth.count <= Postings.maxImpacts {
                        XCTAssertEqual(got.map(\.tf), truth.map(\.tf), "term \(k) block \(b)")
                        XCTAssertEqual(got.map(\.dl), truth.map(\.dl), "term \(k) block \(b)")
                    } else {
                        XCTAssertEqual(got.count, Postings.maxImpacts)
                        folded += 1
                    }
                    if bound.impacts != nil { stored += 1 }
                    XCTAssertEqual(got.first?.tf, bound.maxTF)
                    XCTAssertEqual(got.last?.dl, bound.minLength)
                    for i in slice {
                        XCTAssertTrue(got.contains { $0.tf >= t.tfs[i] && $0.dl <= PostingsTests.length(t.docs[i]) },
                                      "term \(k) posting \(i)")
                    }
                    for _ in 0..<6 {
                        let bm25 = BM25(k1: Double(rng.next() % 400) / 100, b: Double(rng.next() % 101) / 100,
                                        avgdl: 40, documentCount: PostingsTests.documentCount)
                        let ub = c.upperBound(ofBlock: b, bm25, idf: 1.7)
                        let loose = bm25.score(idf: 1.7, tf: Double(bound.maxTF), dl: Double(bound.minLength))
                        XCTAssertLessThanOrEqual(ub, loose)
                        for i in slice {
                            let s = bm25.score(idf: 1.7, tf: Double(t.tfs[i]), dl: Double(PostingsTests.length(t.docs[i])))
                            XCTAssertLessThanOrEqual(s, ub, "term \(k) block \(b) posting \(i)")
                        }
                    }
                }
                // Decoding is untouched by the impacts between headers and blocks.
                var docs: [UInt32] = []
                while c.doc != PostingCursor.noMoreDocs { docs.append(c.doc); c.next() }
                XCTAssertEqual(docs, t.docs)
                XCTAssertFalse(c.isCorrupt)
            }
        }
        XCTAssertGreaterThan(stored, 20)
        XCTAssertGreaterThan(folded, 0, "some block's frontier is longer than maxImpacts")
    }

    /// One block: its frontier is the term's (`bounds`), nothing stored; many
    /// blocks of tf 1 only: every frontier is one pair, nothing stored either.
    func testSingleBlockAndOnePairTermsStoreNoImpacts() {
        var rng = SplitMix64(seed: 8)
        let single = PostingsTests.randomTerm(df: 100, maxGap: 4, maxTF: 30, rng: &rng)
        let flat = PostingsTests.randomTerm(df: 128 * 5 + 3, maxGap: 4, maxTF: 1, rng: &rng)
        let e = PostingsTests.encode([single, flat])
        for (k, t) in [single, flat].enumerated() {
            let blocks = (t.docs.count + 127) / 128
            let headerBytes = blocks * Postings.BlockHeader.size
            let start = Int(e.infos[k].postingsOffset)
            e.postings.withUnsafeBytes { p in
                for b in 0..<blocks {
                    let h = Postings.BlockHeader(at: p.baseAddress! + start + b * Postings.BlockHeader.size)
                    XCTAssertEqual(h.impactStride, 0)
                    XCTAssertEqual(h.impactCount, 0)
                    if b == 0 { XCTAssertEqual(Int(h.dataOffset), headerBytes) }
                }
            }
            PostingsTests.withCursor(e, term: k) { c in
                XCTAssertNil(c.bound(ofBlock: 0).impacts)
                XCTAssertEqual(c.bound(ofBlock: c.blockCount - 1).lastDoc, t.docs.last)
            }
        }
    }

    /// The last block of a term (fewer than 128 postings) has its impacts
    /// too, and a stride pointing past the section makes the cursor corrupt and empty.
    func testTheLastBlockAndAStrideOutsideTheSection() {
        var rng = SplitMix64(seed: 31)
        var t = PostingsTests.randomTerm(df: 128 * 3 + 9, maxGap: 3, maxTF: 9, rng: &rng)
        // The last block's longest document gets the highest tf: its frontier has two pairs or more.
        let longest = (3 * 128..<t.docs.count).max { PostingsTests.length(t.docs[$0]) < PostingsTests.length(t.docs[$1]) }!
        t.tfs[longest] = 20
        t.positions = []
        for tf in t.tfs { t.positions += (0..<tf).map { $0 * 2 } }
        var e = PostingsTests.encode([t])
        PostingsTests.withCursor(e, term: 0) { c in
            let last = c.bound(ofBlock: 3)
            let truth = Self.frontier(t, (3 * 128)..<t.docs.count)
            XCTAssertGreaterThan(truth.count, 1)
            XCTAssertNotNil(last.impacts)
            if truth.count <= Postings.maxImpacts { XCTAssertEqual(last.frontier.map(\.dl), truth.map(\.dl)) }
            XCTAssertEqual(last.frontier.first?.tf, truth.first?.tf)
            XCTAssertEqual(last.frontier.last?.dl, truth.last?.dl)
        }
        // Cut the section just after the headers: the impacts no longer fit.
        let headerBytes = 4 * Postings.BlockHeader.size
        let stride = Int(e.postings[19] >> 4)
        XCTAssertGreaterThan(stride, 0)
        e.postings = Array(e.postings[0..<(headerBytes + 2)])
        PostingsTests.withCursor(e, term: 0) { c in
            XCTAssertEqual(c.doc, PostingCursor.noMoreDocs)
            XCTAssertTrue(c.isCorrupt)
        }
    }

    /// The coarse level: one entry per run of 8 blocks (the last run shorter),
    /// holding the run's last document and a frontier that dominates every
    /// posting of the run; none for a term of 8 blocks or fewer.
    func testTheCoarseLevelBoundsEachRunOfBlocks() {
        var rng = SplitMix64(seed: 12)
        let shapes: [(Int, Int, Int)] = [(1_024, 2, 9), (1_025, 2, 9), (4_741, 3, 12), (2_176, 1, 1_200)]
        let terms = shapes.map {
            PostingsTests.randomTerm(df: $0.0, maxGap: UInt64($0.1), maxTF: UInt64($0.2), rng: &rng)
        }
        let e = PostingsTests.encode(terms)
        for (k, t) in terms.enumerated() {
            PostingsTests.withCursor(e, term: k) { c in
                XCTAssertEqual(c.hasCoarseLevel, c.blockCount > Postings.coarseBlocks, "term \(k)")
                guard c.hasCoarseLevel else { return }
                let runs = (c.blockCount + Postings.coarseBlocks - 1) / Postings.coarseBlocks
                for r in 0..<runs {
                    let slice = (r * 1_024)..<min(t.docs.count, r * 1_024 + 1_024)
                    let run = c.coarseBound(ofRun: r)
                    XCTAssertEqual(run.lastDoc, t.docs[slice.last!], "term \(k) run \(r)")
                    XCTAssertEqual(run.maxTF, t.tfs[slice].max()!)
                    XCTAssertEqual(run.minLength, slice.map { PostingsTests.length(t.docs[$0]) }.min()!)
                    let pairs = run.frontier
                    for i in slice {
                        XCTAssertTrue(pairs.contains { $0.tf >= t.tfs[i] && $0.dl <= PostingsTests.length(t.docs[i]) })
                    }
                    // No lower than any of its blocks' bounds.
                    let bm25 = BM25(k1: 1.2, b: 0.75, avgdl: 40, documentCount: PostingsTests.documentCount)
                    for b in (r * 8)..<min(c.blockCount, r * 8 + 8) {
                        XCTAssertLessThanOrEqual(c.upperBound(ofBlock: b, bm25, idf: 1), run.score(bm25, idf: 1))
                    }
                }
            }
        }
    }

    /// A skip whose test passes whole runs by the coarse level lands where a
    /// block-by-block skip does: on the first block that may qualify, also
    /// when it lies inside a run, and past the end when none does.
    func testSkipBlocksPassesWholeRunsAndLandsOnTheRightBlock() {
        var rng = SplitMix64(seed: 3)
        var t = PostingsTests.randomTerm(df: 128 * 37 + 5, maxGap: 3, maxTF: 3, rng: &rng)
        for i in t.tfs.indices where t.tfs[i] > 3 { t.tfs[i] = 3 }
        // Only one posting of block 29 (run 3) has a tf above 3.
        t.positions = []
        let high = 29 * 128 + 70
        t.tfs[high] = 6
        for tf in t.tfs { t.positions += (0..<tf).map { $0 * 2 } }
        let e = PostingsTests.encode([t])
        PostingsTests.withCursor(e, term: 0) { c in
            XCTAssertTrue(c.hasCoarseLevel)
            var asked: [UInt32] = []
            c.skipBlocks(whileBound: { asked.append($0.lastDoc); return $0.maxTF < 4 })
            XCTAssertEqual(c.doc, t.docs[29 * 128])
            // Blocks 1…7 one by one (run 0 is under way), runs 1 and 2 with one
            // question each, run 3 asked and refused, then blocks 24…29.
            XCTAssertEqual(asked.count, 7 + 2 + 1 + 6, "\(asked)")
            c.advance(to: t.docs[high])
            XCTAssertEqual(c.tf, 6)
            c.skipBlocks(whileBound: { $0.maxTF < 4 })
            XCTAssertEqual(c.doc, PostingCursor.noMoreDocs)
            XCTAssertFalse(c.isCorrupt)
        }
    }

    /// 30 interviews whose passages hold "the" 1 to 12 times at lengths 3 to 60
    /// words (so block frontiers have several pairs), "know" in about half.
    static let index: SearchIndex = {
        var rng = SyntheticCorpus.RNG(state: 515)
        let filler = ["people", "said", "village", "school", "really", "money", "time", "think", "river", "bread"]
        var interviews: [Interview] = []
        for i in 0..<30 {
            var cues: [Cue] = []
            var t = 0.0
            for c in 0..<120 {
                var words = Array(repeating: "the", count: 1 + Int(rng.next() % (rng.next() % 4 == 0 ? 12 : 3)))
                for _ in 0..<(2 + Int(rng.next() % 58)) { words.append(filler[Int(rng.next() % UInt64(filler.count))]) }
                if rng.next() % 2 == 0 { words.append("know") }
                for j in stride(from: words.count - 1, to: 0, by: -1) { words.swapAt(j, Int(rng.next() % UInt64(j + 1))) }
                let text = words.joined(separator: " ") + "."
                cues.append(Cue(start: t, end: t + Double(words.count) / 2.5, speaker: c % 2 == 0 ? "Ann" : "Bo",
                                role: c % 2 == 0 ? "host" : "guest", chapter: "", text: text, line: c + 1))
                t += Double(words.count) / 2.5 + 0.3
            }
            interviews.append(Interview(id: "i-\(i)", path: "i-\(i).vtt", title: "Interview \(i)", media: "",
                                        fields: [:], cues: cues))
        }
        return SearchIndex(building: [InterviewCollection(name: "impacts", interviews: interviews)])
    }()

    /// Every posting of every term of several blocks in a real index scores
    /// at most its block's bound (through ``TermScorer/bound(block:)`` too), for random k1, b.
    func testTheBoundIsNeverBelowARealPostingsScore() {
        let reader = Self.index.reader
        var rng = SplitMix64(seed: 99)
        var checked = 0, withImpacts = 0
        for term in 0..<reader.termCount where reader.info(term).blocks > 1 {
            for _ in 0..<4 {
                let bm25 = BM25(k1: Double(rng.next() % 300) / 100, b: Double(rng.next() % 101) / 100,
                                avgdl: reader.avgdl, documentCount: reader.docCount)
                let scorer = TermScorer(reader: reader, term: term, bm25: bm25)
                let c = scorer.cursor
                while c.doc != PostingCursor.noMoreDocs {
                    let b = c.bound(ofBlock: c.block)
                    if b.impacts != nil { withImpacts += 1 }
                    XCTAssertLessThanOrEqual(scorer.score(), scorer.bound(block: b), "\(reader.termString(term)) doc \(c.doc)")
                    XCTAssertLessThanOrEqual(scorer.score(), c.upperBound(ofBlock: c.block, bm25, idf: scorer.idf))
                    checked += 1
                    c.next()
                }
            }
        }
        XCTAssertGreaterThan(checked, 10_000)
        XCTAssertGreaterThan(withImpacts, 1_000)
    }

    /// Lone words and pairs (with a common word), pruned == exhaustive, several k, random k1, b.
    func testPrunedTopKEqualsExhaustiveForLoneWordsAndPairs() throws {
        let reader = Self.index.reader
        func id(_ s: String) throws -> Int { try XCTUnwrap((0..<reader.termCount).first { reader.termString($0) == s }) }
        let the = try id("the"), know = try id("know"), river = try id("river"), bread = try id("bread")
        XCTAssertGreaterThan(Int(reader.info(the).blocks), 20)
        var rng = SplitMix64(seed: 4)
        var full = 0
        let shapes: [[Int]] = [[the], [know], [river], [the, know], [the, river, bread], [know, the]]
        for round in 0..<24 {
            let k1 = Double(rng.next() % 300) / 100, b = Double(rng.next() % 101) / 100
            let bm25 = BM25(k1: k1, b: b, avgdl: reader.avgdl, documentCount: reader.docCount)
            let terms = shapes[round % shapes.count]
            let weight = Weight.boolean(must: [], should: terms.map { .term($0) }, mustNot: [], filter: nil)
            for k in [1, 10, 50] {
                if assertPrunedTopKIsExhaustive(weight, reader: reader, bm25: bm25, k: k,
                                                "terms \(terms) k \(k) k1 \(k1) b \(b)") { full += 1 }
            }
        }
        XCTAssertGreaterThan(full, 60)
    }
}
