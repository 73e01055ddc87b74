import XCTest
@testable import Soundbite

/// The windowed MaxScore over a union's terms (``UnionWindowCollector``)
/// against the exhaustive walk of the same union: small windows (so a search
/// crosses many, and the partition changes between them), long unions (hundreds
/// of terms, as a short prefix expands to), exclusions, several k, k1 and b.
final class UnionWindowCollectorTests: XCTestCase {
    func testLongUnionsInSmallWindowsEqualExhaustive() {
        let reader = BlockMaxTests.index.reader
        let byDF = (0..<reader.termCount).sorted { (reader.info($0).df, $0) > (reader.info($1).df, $1) }
        let frequent = Array(byDF.prefix(30))
        var rng = SyntheticCorpus.RNG(state: 11)
        var compared = 0, full = 0
        for round in 0..<60 {
            // Up to 400 terms: a few frequent ones among many of any frequency.
            var terms = Set<Int>()
            for _ in 0..<(Int(rng.next() % 5)) { terms.insert(frequent[Int(rng.next() % UInt64(frequent.count))]) }
            for _ in 0..<(1 + Int(rng.next() % 400)) { terms.insert(Int(rng.next() % UInt64(reader.termCount))) }
            let ids = terms.sorted()
            let (k1, b) = [(1.2, 0.75), (0.0, 0.5), (0.5, 0.0), (3.0, 1.0)][round % 4]
            let bm25 = BM25(k1: k1, b: b, avgdl: reader.avgdl, documentCount: reader.docCount)
            let mustNot: [Weight] = round % 3 == 0 ? [.term(frequent[Int(rng.next() % 30)])] : []
            for k in [1, 10, 100] {
                for window in [64, 256, 4_096] {
                    if assertUnionWindowIsExhaustive(ids, mustNot: mustNot, reader: reader, bm25: bm25, k: k, window: window,
                                                     "\(ids.count) terms k \(k) window \(window)") { full += 1 }
                    compared += 1
                }
            }
        }
        XCTAssertEqual(compared, 540)
        XCTAssertGreaterThan(full, 300, "most searches fill their k")
    }

    /// Every one-letter and two-letter prefix of the synthetic vocabulary
    /// (up to hundreds of terms each), filtered or not, both orders, through
    /// the public API: pruned equals exhaustive.
    func testShortPrefixesPrunedEqualExhaustive() throws {
        let index = BlockMaxTests.index
        let words = SyntheticCorpus.vocabulary.map { $0.lowercased() }.filter { $0.allSatisfy(\.isLetter) && $0.count >= 2 }
        let prefixes = Set(words.map { String($0.prefix(1)) } + words.map { String($0.prefix(2)) }).sorted()
        var compared = 0, expanded = 0
        for (n, p) in prefixes.enumerated() {
            if index.reader.terms(withPrefix: Array(p.utf8)).count >= 2 { expanded += 1 }
            let filters = [SearchFilters(), SearchFilters(roles: ["student"])][n % 2]
            for ranking in Ranking.allCases {
                for k in [1, 10, 50] {
                    let options = SearchOptions(limit: k, filters: filters, countFacets: false, ranking: ranking)
                    var exhaustive = options
                    exhaustive.exhaustive = true
                    guard let a = try? index.search(p + "*", options: options) else { continue }
                    let e = try index.search(p + "*", options: exhaustive)
                    XCTAssertEqual(a.hits.map(\.document), e.hits.map(\.document), "\(p)* \(ranking) k \(k)")
                    XCTAssertEqual(a.hits.map(\.score), e.hits.map(\.score), "\(p)* \(ranking) k \(k)")
                    compared += 1
                }
            }
        }
        XCTAssertGreaterThan(expanded, 5, "prefixes must expand to several terms")
        XCTAssertGreaterThan(compared, 100)
    }
}
