import XCTest
@testable import Soundbite

/// The union's non-essential terms chosen by estimated cost
/// (``NonEssentialChoice``): a frequent term beside rare terms of high idf
/// (`because` beside its typos under `becau*`) is left unread, terms whose
/// bounds all lie just under the k-th score (`comp*`) are all read, and the
/// pruned walk still keeps exactly what the exhaustive one does.
final class NonEssentialChoiceTests: XCTestCase {
    func testTheCheaperSetIsLeftOut() {
        // `becau*`: leaving the frequent term out makes the three rare postings candidates.
        let becau = NonEssentialChoice(idfs: [2.0, 12.0, 12.5], bounds: [5.0, 12.0, 12.4], postings: [50_000, 2, 1])
        XCTAssertEqual(becau.byPostings, [0, 1, 2])
        var chosen = [Bool](repeating: false, count: 3)
        becau.choose(threshold: 13.35, into: &chosen)
        XCTAssertEqual(chosen, [true, false, false])
        // Below the frequent term's bound nothing fits.
        becau.choose(threshold: 4.9, into: &chosen)
        XCTAssertEqual(chosen, [false, false, false])
        // A sum exactly at the threshold is not taken (padded), nor anything before k documents are kept.
        becau.choose(threshold: 5.0, into: &chosen)
        XCTAssertEqual(chosen, [false, false, false])
        becau.choose(threshold: -.infinity, into: &chosen)
        XCTAssertEqual(chosen, [false, false, false])
        // `comp*`: with the most frequent term out, every other posting could lift its passage in.
        let comp = NonEssentialChoice(idfs: [5.2, 5.3, 7.0, 7.1, 7.2], bounds: [9.0, 9.5, 13.0, 13.5, 14.0],
                                      postings: [3_300, 3_000, 500, 480, 470])
        chosen = [Bool](repeating: false, count: 5)
        comp.choose(threshold: 14.32, into: &chosen)
        XCTAssertEqual(chosen, [false, false, false, false, false])
        // At a k-th score of 26 the two frequent ones fit together, but with both out every other
        // posting could lift its passage in; with the most frequent alone out none can: it is left out.
        comp.choose(threshold: 26.0, into: &chosen)
        XCTAssertEqual(chosen, [true, false, false, false, false])
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
