import Synchronization
import XCTest
@testable import Soundbite

final class PageVerifierTests: XCTestCase {
    /// An index whose postings, cues and text span several 64 KiB pages.
    private static let big: [UInt8] = StorageFixtures.bytes(
        SearchIndex(building: [SyntheticCorpus.collection(interviews: 60, cuesEach: 150, seed: 5)]))

    private func table(_ bytes: [UInt8]) throws -> SectionTable {
        try bytes.withUnsafeBytes { try SectionTable(of: $0, path: "test.sbx") }
    }

    func testThePageTableCoversTheBigSectionsPageByPage() throws {
        let bytes = Self.big
        let t = try table(bytes)
        let entry = try XCTUnwrap(t.entry(.pageChecksums))
        let (size, entries) = try bytes.withUnsafeBytes { b in
            try PageChecksums.decode(UnsafeRawBufferPointer(rebasing: b[entry.offset..<(entry.offset + entry.length)]),
                                     table: t, path: "test.sbx")
        }
        XCTAssertEqual(size, PageChecksums.pageSize)
        XCTAssertEqual(Set(entries.map(\.kind)), PageChecksums.lazyKinds)
        XCTAssertGreaterThan(t[.postings].length, size, "the fixture should span pages")
        for e in entries {
            let s = t.entries.first { $0.kind == e.kind }!
            for page in 0..<e.pages {
                let lo = s.offset + page * size, hi = min(s.offset + s.length, lo + size)
                let stored = bytes.withUnsafeBytes {
                    $0.loadUnaligned(fromByteOffset: entry.offset + e.crcOffset + page * 4, as: UInt32.self)
                }
                XCTAssertEqual(stored, bytes.withUnsafeBytes { CRC32C.checksum(UnsafeRawBufferPointer(rebasing: $0[lo..<hi])) })
            }
        }
    }

    /// A verified open no longer reads the big sections; a damaged page of
    /// postings is found by the first search that reads it, which then
    /// fails (and every later one), while searches before it are right.
    func testADamagedPostingsPageFailsTheSearchThatReadsIt() throws {
        let clean = try StorageFixtures.open(Self.big, verify: true)
        let t = try table(Self.big)
        // A term whose postings and positions lie in page 0, and one reaching into the last page.
        let reader = clean.reader
        let size = PageChecksums.pageSize
        let last = (t[.postings].length - 1) / size
        func postingsRange(_ id: Int) -> Range<Int> {
            let lo = Int(reader.info(id).postingsOffset)
            let hi = id + 1 < reader.termCount ? Int(reader.info(id + 1).postingsOffset) : t[.postings].length
            return lo..<hi
        }
        let early = try XCTUnwrap((0..<reader.termCount).first { postingsRange($0).upperBound < size && reader.info($0).df > 0
            && Int(reader.info($0 + 1).positionsOffset) < size })
        let late = try XCTUnwrap((0..<reader.termCount).first { postingsRange($0).lowerBound > last * size })
        let earlyWord = reader.termString(early), lateWord = reader.termString(late)
        let earlyAnswer = try clean.search(earlyWord).hits.map(\.document)
        XCTAssertFalse(earlyAnswer.isEmpty)

        var damaged = Self.big
        damaged[t[.postings].offset + postingsRange(late).lowerBound] ^= 0x20
        let index = try StorageFixtures.open(damaged, verify: true)   // the open does not read postings
        XCTAssertEqual(try index.topDocuments(earlyWord).map(\.doc), try clean.topDocuments(earlyWord).map(\.doc))
        XCTAssertThrowsError(try index.search(lateWord)) { error in
            guard case SearchError.damagedIndex(let storage) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(storage, .checksumMismatch(path: "test.sbx", section: "postings"))
            XCTAssertTrue("\(error)".contains("test.sbx: checksum mismatch in the postings section"), "\(error)")
        }
        XCTAssertThrowsError(try index.search(earlyWord), "damage found once fails every later search")
        XCTAssertThrowsError(try index.verify())
        // Opened without verification nothing is checked: no error, as before.
        XCTAssertNoThrow(try StorageFixtures.open(damaged, verify: false).search(lateWord))
    }

    // The compressed text is paged too: StoredTextPageTests.

    /// After a full `verify()` no page is checked again, and concurrent
    /// first reads of the same pages agree.
    func testConcurrentFirstReadsAgreeWithAVerifiedIndex() throws {
        let index = try StorageFixtures.open(Self.big, verify: true)
        let expected = StorageFixtures.answers(try StorageFixtures.open(Self.big, verify: false))
        // An NSLock, not Synchronization.Mutex: TSan on Linux cannot see Mutex's futex.
        let lock = NSLock()
        nonisolated(unsafe) var results: [[[String]]] = []
        DispatchQueue.concurrentPerform(iterations: 4) { _ in
            let answers = StorageFixtures.answers(index)
            lock.withLock { results.append(answers) }
        }
        XCTAssertEqual(lock.withLock { results }, Array(repeating: expected, count: 4))
        XCTAssertNil(index.reader.pages?.damage)
        let reverified = try StorageFixtures.open(Self.big, verify: true)
        try reverified.verify()
        XCTAssertEqual(StorageFixtures.answers(reverified), expected)
    }

    func testAFileWithoutPageChecksumsIsVerifiedWholeAtOpen() throws {
        // The same sections without the page table: a flip in postings is refused at open.
        let t = try table(Self.big)
        let sections = t.entries.filter { $0.kind != IndexFormat.Section.pageChecksums.rawValue }.map { e in
            (e.kind, Array(Self.big[e.offset..<(e.offset + e.length)]))
        }
        var image = IndexFile.assemble(kinds: sections)
        XCTAssertNotNil(try table(image).entry(.pageChecksums), "assemble adds the page table")
        image = IndexFile.assemble(kinds: sections, pageChecksums: false)
        XCTAssertNil(try table(image).entry(.pageChecksums))
        XCTAssertNil(try StorageFixtures.open(image, verify: true).reader.pages)
        image[try table(image)[.postings].offset + 3] ^= 0x08
        XCTAssertThrowsError(try StorageFixtures.open(image, verify: true)) { error in
            XCTAssertEqual(error as? StorageError, .checksumMismatch(path: "test.sbx", section: "postings"))
        }
    }
}
