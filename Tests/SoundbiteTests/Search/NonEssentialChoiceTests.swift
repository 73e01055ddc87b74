import XCTest
@testable import Soundbite

/// The union's non-essential terms chosen by postings, not only by bound
/// (``UnionWindowCollector/chooseNonEssential(byPostings:byBound:bounds:cost:threshold:into:)``):
/// a frequent term beside rare terms of high idf (`pranay` beside `pranav`,
/// `pranagi` under `pran*`) is the one left unread, and the pruned walk still
/// keeps exactly what the exhaustive one does.
final class NonEssentialChoiceTests: XCTestCase {
    /// The frequent term's bound fits under the k-th score alone; the two rare
    /// ones have lower bounds, and the lowest-bound rule would leave one of them
    /// out instead (reading the frequent term's every posting).
    func testTheFrequentTermIsLeftOutBeforeLowerBoundRareOnes() {
        let idfs = [9.0, 2.0, 8.5], bounds = [4.0, 5.0, 4.5], blocks = [1, 100, 2]
        let order = UnionWindowCollector.byPostings(idfs: idfs, bounds: bounds)
        XCTAssertEqual(order, [1, 2, 0])
        let byBound = [0, 2, 1]
        var chosen = [Bool](repeating: false, count: 3)
        func choose(_ t: Double, cost: [Int]? = nil) {
            UnionWindowCollector.chooseNonEssential(byPostings: order, byBound: byBound, bounds: bounds, cost: cost ?? blocks,
                                                    threshold: t, into: &chosen)
        }
        choose(6)
        XCTAssertEqual(chosen, [false, true, false])
        // Room for the frequent one and one more: the next most frequent that fits.
        choose(9.6)
        XCTAssertEqual(chosen, [false, true, true])
        choose(4.9)
        XCTAssertEqual(chosen, [false, false, true])
        // The bounds together at or below the threshold, padded: a sum exactly at it is not taken.
        choose(5.0)
        XCTAssertEqual(chosen, [false, false, true])
        choose(-.infinity)
        XCTAssertEqual(chosen, [false, false, false])
        // The two lowest bounds hold more postings than the frequent term alone: they are left out.
        choose(9.0, cost: [60, 100, 50])
        XCTAssertEqual(chosen, [true, false, true])
        choose(9.0)
        XCTAssertEqual(chosen, [false, true, false])
    }

    /// Unions of the word in every passage with rare words (and a middling
    /// one), in small windows, random k1 and b, with and without an exclusion:
    /// pruned equals exhaustive, documents and score bits.
    func testFrequentBesideRarePrunedEqualsExhaustive() throws {
        let reader = RareBesideCommonTests.index.reader
        func id(_ word: String) throws -> Int {
            try XCTUnwrap(reader.analyzer.terms(word).first.flatMap { reader.termID(Array($0.utf8)) }, word)
        }
        let the = try id("the"), guest = try id("guest"), money = try id("money")
        let rare = try RareBesideCommonTests.rare.map(id)
        var rng = SyntheticCorpus.RNG(state: 77)
        var compared = 0, full = 0
        for round in 0..<40 {
            var terms: Set<Int> = [the]
            for r in rare where rng.next() % 3 != 0 { terms.insert(r) }
            if round % 2 == 0 { terms.insert(guest) }
            if terms.count < 2 { terms.insert(rare[0]) }
            let ids = terms.sorted()
            let k1 = Double(rng.next() % 300) / 100, b = Double(rng.next() % 101) / 100
            let bm25 = BM25(k1: k1, b: b, avgdl: reader.avgdl, documentCount: reader.docCount)
            let mustNot: [Weight] = round % 4 == 1 ? [.term(money)] : []
            for k in [1, 3, 10, 50] {
                for window in [64, 512, 4_096] {
                    if assertUnionWindowIsExhaustive(ids, mustNot: mustNot, reader: reader, bm25: bm25, k: k, window: window,
                                                     "\(ids.count) terms k \(k) window \(window) k1 \(k1) b \(b)") { full += 1 }
                    compared += 1
                }
            }
        }
        XCTAssertEqual(compared, 480)
        XCTAssertGreaterThan(full, 400, "most searches fill their k")
    }
}
