import Foundation
import XCTest
@testable import Soundbite

/// Scorers hold the reader `unowned(unsafe)` (ARCHITECTURE.md, "Holding the
/// reader"): these check that what they read through it is right, that a
/// query of words only (MaxScore specialised for `TermScorer`) and one mixing
/// a phrase (the generic loop) both keep pruned == exhaustive, and that
/// searches on two threads over one index answer as one thread does.
final class ReaderHoldingTests: XCTestCase {
    static let index = SearchIndex(building: [SyntheticCorpus.collection(interviews: 24, cuesEach: 90, seed: 1515)])

    func testTermScorerReadsItsTermAndLengthsThroughTheReader() throws {
        let reader = Self.index.reader
        let bm25 = BM25(k1: 1.2, b: 0.75, avgdl: reader.avgdl, documentCount: reader.docCount)
        let id = try XCTUnwrap(reader.termID(Array("laptop".utf8)))
        let scorer = TermScorer(reader: reader, term: id, bm25: bm25)
        XCTAssertEqual(scorer.term, "laptop")
        XCTAssertEqual(scorer.termID, id)
        var checked = 0
        while scorer.doc != PostingCursor.noMoreDocs {
            let expected = bm25.score(idf: scorer.idf, tf: Double(scorer.cursor.tf), dl: Double(reader.length(scorer.doc)))
            XCTAssertEqual(scorer.score().bitPattern, expected.bitPattern)
            checked += 1
            scorer.next()
        }
        XCTAssertGreaterThan(checked, 10)
    }

    func testWordsOnlyAndMixedQueriesPruneExactly() {
        let reader = Self.index.reader
        let queries = ["laptops parents", "the school homework", "teachers \"use of\" laptop", "the computer* budget",
                       "students -the video", "morning evening weekend football library"]
        var filled = 0
        for (n, query) in queries.enumerated() {
            for (k1, b) in [(1.2, 0.75), (0.4, 0.1), (2.5, 1.0)] {
                let bm25 = BM25(k1: k1, b: b, avgdl: reader.avgdl, documentCount: reader.docCount)
                guard let node = try? QueryParser().parse(query),
                      let compiled = try? QueryCompiler(reader: reader, bm25: bm25, limits: QueryLimits()).root(node, filter: nil)
                else { return XCTFail("\(query) did not compile") }
                for k in [1, 5, 20] {
                    if assertPrunedTopKIsExhaustive(compiled.weight, reader: reader, bm25: bm25, k: k, "\(n) \(query) k=\(k)") {
                        filled += 1
                    }
                }
            }
        }
        XCTAssertGreaterThan(filled, 20)
    }

    /// The top 10 of a few queries, filtered and not, in both orders.
    static func run() -> [String] {
        let queries = ["laptops parents", "school homework", "teachers laptop", "computer* budget", "\"use of\" ict",
                       "video -the", "morning evening weekend"]
        let filters = [SearchFilters(), SearchFilters(roles: ["parent"]), SearchFilters(chapters: ["Use of ICT"])]
        var out: [String] = []
        for q in queries {
            for f in filters {
                for ranking in Ranking.allCases {
                    let o = SearchOptions(limit: 10, filters: f, countFacets: false, ranking: ranking)
                    let top = (try? index.topDocuments(q, options: o)) ?? []
                    out.append(top.map { "\($0.doc):\($0.score.bitPattern)" }.joined(separator: " "))
                }
            }
        }
        return out
    }

    func testTwoThreadsAnswerAsOne() {
        let expected = Self.run()
        XCTAssertTrue(expected.contains { !$0.isEmpty })
        let results = Slots(count: 2)
        DispatchQueue.concurrentPerform(iterations: 2) { i in
            var last: [String] = []
            for _ in 0..<20 { last = Self.run() }
            results.set(i, last)
        }
        XCTAssertEqual(results.get(0), expected)
        XCTAssertEqual(results.get(1), expected)
    }
}

/// Two slots written by two threads, read after they finish.
private final class Slots: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [[String]]
    init(count: Int) { slots = Array(repeating: [], count: count) }
    func set(_ i: Int, _ v: [String]) { lock.withLock { slots[i] = v } }
    func get(_ i: Int) -> [String] { lock.withLock { slots[i] } }
}
