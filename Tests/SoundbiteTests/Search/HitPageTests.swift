import XCTest
@testable import Soundbite
import SoundbiteTestSupport

/// ``HitPage``: a search returns its hits unbuilt; the first read of a
/// field read from the index builds the whole page, once.
final class HitPageTests: XCTestCase {
    static let index = SearchIndex(building: [SyntheticCorpus.collection(interviews: 3, cuesEach: 60, seed: 4)])

    func testAPageIsBuiltOnTheFirstReadOfAnIndexField() throws {
        let reader = Self.index.reader
        let term = try XCTUnwrap((0..<reader.termCount).map(reader.termString).first { $0.count >= 4 && $0.allSatisfy(\.isLetter) })
        let word = String(term.prefix(2))
        for options in [SearchOptions(limit: 10), SearchOptions(limit: 4, offset: 3, explain: true, context: 2),
                        SearchOptions(limit: 10, ranking: .bm25)] {
            let hits = try Self.index.search(word + "*", options: options).hits
            XCTAssertFalse(hits.isEmpty)
            XCTAssertTrue(hits.allSatisfy { !$0.isBuilt }, "nothing read yet")
            // What the search itself knows builds nothing.
            XCTAssertEqual(hits.map(\.rank), Array((options.offset + 1)...(options.offset + hits.count)))
            XCTAssertTrue(hits.allSatisfy { $0.score > 0 && $0.document >= 0 })
            _ = hits.map(\.placement)
            XCTAssertTrue(hits.allSatisfy { !$0.isBuilt })
            // One field of the last hit builds the page.
            XCTAssertFalse(hits[hits.count - 1].snippet.text.isEmpty)
            XCTAssertTrue(hits.allSatisfy(\.isBuilt))
            // And the page reads as a page built at once: each hit its own passage.
            for hit in hits {
                let r = Self.index.reader.document(hit.document)
                XCTAssertEqual(hit.text, Self.index.reader.text(of: r))
                XCTAssertEqual(hit.speaker, Self.index.reader.string(r.speaker))
                XCTAssertEqual(hit.explanation != nil, options.explain)
            }
        }
    }

    func testAPageWithoutHitsHasNone() throws {
        XCTAssertEqual(try Self.index.search("zzzzqqq").hits.count, 0)
        XCTAssertEqual(try Self.index.search("*", options: SearchOptions(limit: 0)).hits.count, 0)
    }

    /// A section is whole once every page of it matched (or the whole file
    /// was verified): the search then skips checking the pages its hits read.
    func testASectionIsWholeOnceEveryPageOfItMatched() throws {
        let image = Array(Self.index.image)
        let index = try StorageFixtures.open(image, verify: true)
        let check = try XCTUnwrap(index.reader.pageCheck)
        XCTAssertTrue(check.isWhole(.meta), "checked at open")
        XCTAssertFalse(check.isWhole(.storedText))
        XCTAssertFalse(check.isWhole(.docs))
        for d in 0..<index.reader.docCount {
            _ = index.reader.textBytes(of: index.reader.document(d))
        }
        XCTAssertTrue(check.isWhole(.storedText))
        XCTAssertTrue(check.isWhole(.docs))
        let verified = try StorageFixtures.open(image, verify: true)
        XCTAssertFalse(try XCTUnwrap(verified.reader.pageCheck).isWhole(.positions))
        try verified.verify()
        XCTAssertTrue(try XCTUnwrap(verified.reader.pageCheck).isWhole(.positions))
        XCTAssertTrue(try XCTUnwrap(verified.reader.pageCheck).isWhole(.cues))
    }

    /// The search remembers the documents and terms whose every page matched
    /// (one bit each) and skips their pages next time; a document with a
    /// damaged page is never remembered, so every search that needs it fails.
    func testDocumentsAndTermsAreRememberedOnlyWhenEveryPageMatched() throws {
        let image = StorageFixtures.bytes(SearchIndex(building: [SyntheticCorpus.collection(interviews: 60, cuesEach: 150, seed: 5)]))
        let table = try image.withUnsafeBytes { try SectionTable(of: $0, path: "test.sbx") }
        let clean = try StorageFixtures.open(image, verify: true)
        let check = try XCTUnwrap(clean.reader.pageCheck)
        let hits = try clean.search("laptops").hits
        XCTAssertFalse(hits.isEmpty)
        XCTAssertTrue(hits.allSatisfy { check.isDocumentSound($0.document) }, "every hit's pages matched")
        let term = try XCTUnwrap(clean.reader.termID(Array("laptop".utf8)) ?? clean.reader.termID(Array("laptops".utf8)))
        XCTAssertTrue(check.isTermSound(term))
        let unread = try XCTUnwrap((0..<clean.reader.docCount).first { d in !hits.contains { $0.document == d } })
        XCTAssertFalse(check.isDocumentSound(unread), "a document no search met")
        XCTAssertEqual(try clean.search("laptops").hits.map(\.text), hits.map(\.text), "the second search skips the pages, same hits")

        // The text page of the first hit damaged: that hit is not remembered,
        // and the search fails, the first time and every time after.
        let first = clean.reader.document(hits[0].document)
        let at = Int(clean.reader.storedText.compressedRange(at: first.textOffset, count: Int(first.textLength)).lowerBound)
        var damaged = image
        damaged[table[.storedText].offset + at] ^= 0x08
        let index = try StorageFixtures.open(damaged, verify: true)
        let pages = try XCTUnwrap(index.reader.pageCheck)
        for _ in 0..<2 {
            XCTAssertThrowsError(try index.search("laptops")) { error in
                guard case SearchError.damagedIndex = error else { return XCTFail("\(error)") }
            }
        }
        XCTAssertFalse(pages.isDocumentSound(hits[0].document))
    }
}
