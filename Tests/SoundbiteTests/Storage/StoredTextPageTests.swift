import XCTest
@testable import Soundbite

/// The compressed stored text (section 15) is checked a 64 KiB page at a
/// time when a passage's text is first read, like postings and cues: a
/// verified open reads only its header and block index, a flipped byte in a
/// block fails the first search that reads that block (and every later one),
/// and a full verification still finds it.
final class StoredTextPageTests: XCTestCase {
    /// An index whose stored text spans several 64 KiB pages.
    private static let big: [UInt8] = StorageFixtures.bytes(
        SearchIndex(building: [SyntheticCorpus.collection(interviews: 60, cuesEach: 150, seed: 5)]))

    /// Enough documents that format 4's packed `docs` spans several pages.
    private static let manyDocuments: [UInt8] = StorageFixtures.bytes(
        SearchIndex(building: [SyntheticCorpus.collection(interviews: 240, cuesEach: 150, seed: 6)]))

    private func table(_ bytes: [UInt8]) throws -> SectionTable {
        try bytes.withUnsafeBytes { try SectionTable(of: $0, path: "test.sbx") }
    }

    /// The first and the last document whose text lies in one page of the
    /// section, with that page (by byte offset in the section).
    private func documents(in reader: IndexReader) -> (first: Int, firstPage: Int, last: Int, lastPage: Int)? {
        let size = PageChecksums.pageSize
        func page(_ d: Int) -> Int? {
            let r = reader.document(d)
            let range = reader.storedText.compressedRange(at: r.textOffset, count: Int(r.textLength))
            guard !range.isEmpty, range.lowerBound / size == (range.upperBound - 1) / size,
                  range.lowerBound >= reader.storedText.indexEnd else { return nil }
            return range.lowerBound / size
        }
        guard let first = (0..<reader.docCount).first(where: { page($0) != nil }),
              let last = (0..<reader.docCount).reversed().first(where: { page($0) != nil }),
              let firstPage = page(first), let lastPage = page(last), firstPage != lastPage else { return nil }
        return (first, firstPage, last, lastPage)
    }

    func testThePageTableListsTheStoredText() throws {
        let t = try table(Self.big)
        XCTAssertGreaterThan(t[.storedText].length, 2 * PageChecksums.pageSize, "the fixture should span pages")
        let index = try StorageFixtures.open(Self.big, verify: true)
        XCTAssertEqual(index.reader.pages?.covers(.storedText), true)
    }

    func testAFlippedByteInATextBlockFailsTheFirstReadOfThatBlock() throws {
        let clean = try StorageFixtures.open(Self.big, verify: true)
        let (first, _, last, lastPage) = try XCTUnwrap(documents(in: clean.reader))
        let firstText = clean.reader.textBytes(of: clean.reader.document(first))
        let lastText = clean.reader.textBytes(of: clean.reader.document(last))
        XCTAssertFalse(firstText.isEmpty)
        XCTAssertFalse(lastText.isEmpty)
        XCTAssertNil(clean.reader.pages?.damage)

        // Damage the last document's page, past the block index.
        let t = try table(Self.big)
        let r = clean.reader.document(last)
        let at = clean.reader.storedText.compressedRange(at: r.textOffset, count: Int(r.textLength)).lowerBound
        XCTAssertEqual(at / PageChecksums.pageSize, lastPage)
        var damaged = Self.big
        damaged[t[.storedText].offset + at] ^= 0x10

        let index = try StorageFixtures.open(damaged, verify: true)   // the open reads no block
        let reader = index.reader
        XCTAssertEqual(reader.textBytes(of: reader.document(first)), firstText, "an undamaged page reads as before")
        XCTAssertNil(reader.pages?.damage)
        XCTAssertEqual(reader.textBytes(of: reader.document(last)), [], "the damaged page gives no text")
        XCTAssertEqual(reader.pages?.damage, .checksumMismatch(path: "test.sbx", section: "storedText"))
        XCTAssertEqual(reader.textBytes(of: reader.document(last)), [], "and keeps giving none")
        XCTAssertThrowsError(try index.search("the")) { error in
            guard case SearchError.damagedIndex(let storage) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(storage, .checksumMismatch(path: "test.sbx", section: "storedText"))
        }
        XCTAssertThrowsError(try index.verify()) { error in
            XCTAssertEqual(error as? StorageError, .checksumMismatch(path: "test.sbx", section: "storedText"))
        }
        // Unverified, the damaged block is still read bounds-checked: no error, no crash.
        let unverified = try StorageFixtures.open(damaged, verify: false)
        _ = unverified.reader.textBytes(of: unverified.reader.document(last))
        StorageFixtures.exercise(unverified)
    }

    /// A search whose hits need the damaged block fails with `damagedIndex`,
    /// through the public API alone.
    func testASearchWhoseHitReadsTheDamagedBlockFails() throws {
        let clean = try StorageFixtures.open(Self.big, verify: true)
        let (_, _, last, _) = try XCTUnwrap(documents(in: clean.reader))
        let interview = try XCTUnwrap(clean.document(last)?.interview)
        let r = clean.reader.document(last)
        let word = try XCTUnwrap(clean.document(last)?.passage.text.split(separator: " ").map(String.init)
            .filter { $0.count > 3 && $0.allSatisfy(\.isLetter) }.first)
        var options = SearchOptions(limit: 1000)
        options.filters = SearchFilters(interviews: [interview])
        let hits = try clean.search(word, options: options).hits
        XCTAssertTrue(hits.contains { $0.document == last }, "the query finds the document")

        let at = clean.reader.storedText.compressedRange(at: r.textOffset, count: Int(r.textLength)).lowerBound
        var damaged = Self.big
        damaged[try table(Self.big)[.storedText].offset + at] ^= 0x10
        let index = try StorageFixtures.open(damaged, verify: true)
        XCTAssertThrowsError(try index.search(word, options: options)) { error in
            XCTAssertTrue("\(error)".contains("test.sbx: checksum mismatch in the storedText section"), "\(error)")
        }
    }

    /// The block index is only checked to add up at open; its pages are
    /// checked before the first text is read through it.
    func testAFlippedByteInTheBlockIndexFailsTheFirstTextRead() throws {
        let t = try table(Self.big)
        let clean = try StorageFixtures.open(Self.big, verify: true)
        let indexEnd = clean.reader.storedText.indexEnd
        XCTAssertLessThan(indexEnd, PageChecksums.pageSize)
        // The first block's end, one more: the index still adds up, only its checksum tells.
        var damaged = Self.big
        damaged[t[.storedText].offset + StoredText.headerSize] ^= 0x01
        let index = try StorageFixtures.open(damaged, verify: true)
        let (_, _, last, _) = try XCTUnwrap(documents(in: clean.reader))
        XCTAssertFalse(clean.reader.textBytes(of: clean.reader.document(last)).isEmpty)
        XCTAssertEqual(index.reader.textBytes(of: index.reader.document(last)), [], "a page far from the damage")
        XCTAssertEqual(index.reader.pages?.damage, .checksumMismatch(path: "test.sbx", section: "storedText"))
        XCTAssertThrowsError(try index.search("the"))
        XCTAssertThrowsError(try index.verify())

        // An index that no longer adds up is refused at open, verified or not.
        var broken = Self.big
        broken[t[.storedText].offset + indexEnd - 2] ^= 0x01   // the last block's end, a high byte
        XCTAssertThrowsError(try StorageFixtures.open(broken, verify: false)) { error in
            XCTAssertTrue("\(error)".contains("stored-text"), "\(error)")
        }
    }

    /// Document records are checked per page too: a flipped byte in the
    /// last record is not read at open, and fails the first read of it.
    func testAFlippedByteInADocumentRecordFailsTheFirstReadOfIt() throws {
        let t = try table(Self.manyDocuments)
        let clean = try StorageFixtures.open(Self.manyDocuments, verify: true)
        XCTAssertEqual(clean.reader.pages?.covers(.docs), true)
        let last = clean.reader.docCount - 1
        let range = clean.reader.docs.byteRanges(of: last..<(last + 1)).data
        XCTAssertGreaterThan(range.lowerBound / PageChecksums.pageSize, 0, "the fixture's docs should span pages")
        let record = clean.reader.document(last)
        var damaged = Self.manyDocuments
        damaged[t[.docs].offset + (range.lowerBound + range.upperBound) / 2] ^= 0x01   // a byte of the last block's rows
        let index = try StorageFixtures.open(damaged, verify: true)
        XCTAssertEqual(index.reader.document(0), clean.reader.document(0), "a record on an undamaged page reads as before")
        XCTAssertNil(index.reader.pages?.damage)
        let read = index.reader.document(last)
        XCTAssertNotEqual(read, record)
        XCTAssertEqual(read.interview, record.interview, "an empty record of its own interview")
        XCTAssertEqual(read.textLength, 0)
        XCTAssertEqual(index.reader.pages?.damage, .checksumMismatch(path: "test.sbx", section: "docs"))
        XCTAssertThrowsError(try index.search("the"))
        XCTAssertThrowsError(try index.verify())
    }
}
