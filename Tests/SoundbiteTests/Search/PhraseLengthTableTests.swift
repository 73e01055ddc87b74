import XCTest
@testable import Soundbite

/// A lone phrase's pruned walk decides a candidate from a whole-number tf
/// bound and its length by one comparison with the longest length that
/// bound can beat the k-th score at (branch phrase7): a table per tf,
/// found once per threshold by a binary search below the entry of the last
/// threshold (``PhraseScorer/longestLength(_:idf:tf:above:atMost:)``).
final class PhraseLengthTableTests: XCTestCase {
    /// The reference: a bound of `tf` matches at `length` beats `threshold`
    /// with the walk's margin against rounding.
    private static func enters(_ bm25: BM25, idf: Double, tf: Int, length: Int, above threshold: Double) -> Bool {
        bm25.score(idf: idf, tf: Double(tf), dl: Double(length)) * (1 + 1e-9) + 1e-12 > threshold
    }

    /// For thresholds that are scores themselves (ties), just above and below
    /// them, and none or every length entering: the longest length found, from
    /// no bound and from the entry of the threshold before (rising), is the
    /// one whose every shorter length enters and no longer one does, over
    /// lengths 0 … 600; k1 and b at their edges too (b = 0: the length
    /// does not count).
    func testLongestLengthIsWhereTheBoundStopsEntering() {
        var checked = 0
        for (k1, b) in [(1.2, 0.75), (2.0, 1.0), (0.9, 0.4), (1.2, 0.0), (0.0, 0.75), (3.0, 0.2)] {
            let bm25 = BM25(k1: k1, b: b, avgdl: 17.07, documentCount: 615_995)
            for idf in [0.3, 6.415, 11.2] {
                for tf in [1, 2, 3, 7, 63] {
                    var thresholds: [Double] = [-1, 0, 1e-13, 1e6]
                    for otherTF in [1, 2, 5] {
                        for length in [1, 4, 9, 17, 30, 120, 500] {
                            let s = bm25.score(idf: idf, tf: Double(otherTF), dl: Double(length))
                            thresholds += [s, s.nextUp, s.nextDown, s * (1 + 1e-9), s * (1 + 2e-9)]
                        }
                    }
                    thresholds.sort()
                    var previous = Int64(UInt32.max)
                    for threshold in thresholds {
                        let fresh = PhraseScorer.longestLength(bm25, idf: idf, tf: tf, above: threshold, atMost: Int64(UInt32.max))
                        let stale = PhraseScorer.longestLength(bm25, idf: idf, tf: tf, above: threshold, atMost: previous)
                        XCTAssertEqual(stale, fresh, "k1 \(k1) b \(b) idf \(idf) tf \(tf) threshold \(threshold)")
                        previous = fresh
                        for length in 0...600 {
                            let expected = Self.enters(bm25, idf: idf, tf: tf, length: length, above: threshold)
                            if (Int64(length) <= fresh) != expected {
                                XCTFail("k1 \(k1) b \(b) idf \(idf) tf \(tf) threshold \(threshold): length \(length) "
                                        + "enters \(expected), longest \(fresh)")
                                break
                            }
                        }
                        if fresh >= 0 && fresh < Int64(UInt32.max) {
                            XCTAssertTrue(Self.enters(bm25, idf: idf, tf: tf, length: Int(fresh), above: threshold))
                            XCTAssertFalse(Self.enters(bm25, idf: idf, tf: tf, length: Int(fresh) + 1, above: threshold))
                        }
                        checked += 1
                    }
                }
            }
        }
        XCTAssertGreaterThan(checked, 9_000)
    }

    /// Passages of "the zebra" (tf 1) at every length from 3 to 24 and one
    /// holding it twice (tf 2) at length 25, between passages of "the" and
    /// fillers alone: tf 2 at 25 scores between tf 1 at some length M and at
    /// M + 1, for each (k1, b). The walk meets the passages shorter than M
    /// first, then the tf-2 one (k = M − 2: the top k is full, the k-th score
    /// is the tf-2 passage's), then the longer ones (their own lengths reject
    /// them at the rarest word, before "the" moves there), and last the one
    /// of length M, which only the table's longest length (M for tf 1)
    /// lets in: one shorter rejects it and keeps the tf-2 passage.
    func testCandidateAtTheLongestLengthEnters() throws {
        let longest = 24, twice = 25
        for (k1, b) in [(1.2, 0.75), (2.0, 1.0), (0.9, 0.4)] {
            // The statistics (lengths, document frequencies) do not depend on
            // the passages' order: M is found on a first build.
            let m = try boundary(Self.index(order: Array(3...longest) + [twice]), k1: k1, b: b, twice: twice)
            XCTAssertTrue((4..<longest).contains(m), "k1 \(k1) b \(b): M = \(m)")
            let order = Array(3..<m) + [twice] + Array((m + 1...longest).reversed()) + [m]
            let index = Self.index(order: order)
            let reader = index.reader
            XCTAssertEqual(try boundary(index, k1: k1, b: b, twice: twice), m)
            let target = try XCTUnwrap((0..<UInt32(reader.docCount)).first { reader.length($0) == UInt32(m) })
            let checked = PhrasePrunedCheck.compare(reader, try Self.terms(reader, "the zebra"), parameters: [(k1, b)],
                                                    ks: (m - 2)...(m - 2)) { top in
                top.contains { $0.doc == target } && !top.contains { reader.length($0.doc) == UInt32(twice) }
            }
            XCTAssertEqual(checked, 1, "k1 \(k1) b \(b): the passage of length \(m) is in the top \(m - 2), the tf-2 one is not")
        }
    }

    /// Passage 2j is "the zebra" padded to `order[j]` words (twice at
    /// length 25), for j < order.count; every other passage "the" and 7 fillers.
    private static func index(order: [Int]) -> SearchIndex {
        TurnsFixture.index(count: 400, passageWords: 40) { i, w in
            let j = i / 2
            guard i % 2 == 0, j < order.count else { return "the " + (1...7).map { w($0) }.joined(separator: " ") }
            let length = order[j]
            let head = length == 25 ? "the zebra \(w(1)) the zebra" : "the zebra"
            let used = length == 25 ? 5 : 2
            return ([head] + (0..<(length - used)).map { w($0 + 2) }).joined(separator: " ")
        }
    }

    private static func terms(_ reader: IndexReader, _ phrase: String) throws -> [(term: Int, offset: Int)] {
        let tokens = reader.analyzer.analyze(phrase)
        return try tokens.map { t in
            (term: try XCTUnwrap(reader.termID(Array(t.term.utf8))), offset: t.position - tokens[0].position)
        }
    }

    /// M: the longest length at which tf 1 of "the zebra" beats the tf-2
    /// passage's score (at length `twice`), checked to be the boundary the
    /// walk's margin keeps too (M + 1 does not pass even with it).
    private func boundary(_ index: SearchIndex, k1: Double, b: Double, twice: Int) throws -> Int {
        let reader = index.reader
        let terms = try Self.terms(reader, "the zebra")
        XCTAssertEqual(reader.info(terms[1].term).df, 23)
        let bm25 = BM25(k1: k1, b: b, avgdl: reader.avgdl, documentCount: reader.docCount)
        let idf = terms.reduce(0) { $0 + bm25.idf(df: Int(reader.info($1.term).df)) }
        let threshold = bm25.score(idf: idf, tf: 2, dl: Double(twice))
        let m = try XCTUnwrap((3...24).last { bm25.score(idf: idf, tf: 1, dl: Double($0)) > threshold })
        XCTAssertFalse(Self.enters(bm25, idf: idf, tf: 1, length: m + 1, above: threshold), "k1 \(k1) b \(b)")
        return m
    }
}
