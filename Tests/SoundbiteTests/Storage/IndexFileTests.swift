import XCTest
@testable import Soundbite
import SoundbiteTestSupport

/// The file format: round trip, and refusal of damaged files.
final class IndexFileTests: XCTestCase {
    func testRoundTripThroughAFileGivesTheSameAnswers() throws {
        let temp = try TemporaryFolder("storage")
        defer { temp.remove() }
        let folder = temp.path
        let memory = SearchIndex(building: [SyntheticCorpus.collection(interviews: 12, cuesEach: 40)])
        let path = folder + "/round.sbx"
        try memory.write(to: path)
        XCTAssertEqual(temp.names(), ["round.sbx"], "no temporary file left")
        let disk = try SearchIndex(contentsOf: path)
        try disk.verify()
        XCTAssertEqual(StorageFixtures.bytes(disk), StorageFixtures.bytes(memory))
        XCTAssertEqual(StorageFixtures.answers(disk), StorageFixtures.answers(memory))
        XCTAssertGreaterThan(StorageFixtures.answers(memory).filter { $0.count > 1 }.count, 15, "queries find things")
        XCTAssertEqual(disk.statistics.documents, memory.statistics.documents)
        XCTAssertEqual(disk.interviewIDs, memory.interviewIDs)
        XCTAssertEqual(disk.transcript(of: "int-3")?.cues, memory.transcript(of: "int-3")?.cues)
        let unverified = try SearchIndex(contentsOf: path, verify: false)
        XCTAssertEqual(StorageFixtures.answers(unverified), StorageFixtures.answers(memory))
    }

    func testEmptyIndexRoundTrips() throws {
        let empty = SearchIndex(building: [])
        let reopened = try StorageFixtures.open(StorageFixtures.bytes(empty), verify: true)
        XCTAssertEqual(reopened.documentCount, 0)
        XCTAssertEqual(try reopened.search("anything").total, 0)
    }

    func testSectionsAreAlignedAndChecksummed() throws {
        let bytes = StorageFixtures.bytes(StorageFixtures.smallIndex())
        try bytes.withUnsafeBytes { b in
            let table = try SectionTable(of: b, path: "x")
            // Every section but `used` (absent here), in kind order, except that the
            // page checksums come last: `finish` writes them after the sections they cover.
            let written = IndexFormat.Section.allCases.filter { $0 != .used && $0 != .pageChecksums } + [.pageChecksums]
            XCTAssertEqual(table.entries.map(\.kind), written.map(\.rawValue))
            for e in table.entries {
                XCTAssertEqual(e.offset % 8, 0)
                XCTAssertEqual(CRC32C.checksum(UnsafeRawBufferPointer(rebasing: b[e.offset..<(e.offset + e.length)])), e.crc)
            }
        }
    }

    func testTruncationAtEveryOffsetIsRefused() {
        let bytes = StorageFixtures.bytes(StorageFixtures.smallIndex())
        XCTAssertLessThan(bytes.count, 64_000)
        for n in 0..<bytes.count {
            for verify in [true, false] {
                do {
                    _ = try StorageFixtures.open(Array(bytes[0..<n]), verify: verify)
                    XCTFail("a file cut to \(n) of \(bytes.count) bytes was accepted")
                } catch {
                    guard case .truncated = error else { return XCTFail("cut to \(n): \(error)") }
                    XCTAssertTrue(error.description.contains("test.sbx"), error.description)
                }
            }
        }
    }

    func testEveryFlippedByteIsRefusedAtOpenAndNeverCrashesUnverified() throws {
        let bytes = StorageFixtures.bytes(StorageFixtures.smallIndex(interviews: 2, cues: 10))
        let good = StorageFixtures.answers(try StorageFixtures.open(bytes, verify: true))
        var refusedAtOpenWithoutVerify = 0, caughtByVerify = 0, openedLazily = 0
        // Every byte of header, section table and footer, every 5th elsewhere.
        let tableOffset = try bytes.withUnsafeBytes { try SectionTable(of: $0, path: "x").tableOffset }
        let offsets = (0..<bytes.count).filter { $0 < 64 || $0 >= tableOffset || $0 % 5 == 0 }
        for offset in offsets {
            var damaged = bytes
            damaged[offset] ^= offset % 3 == 0 ? 0xFF : UInt8(1 << (offset % 8))
            // Verified open (the default for files): refused, or — for a byte of a
            // section checked per page on first use — every search answers as the
            // undamaged file does or fails as damaged, never differently.
            if let verified = try? StorageFixtures.open(damaged, verify: true) {
                let answers = StorageFixtures.answers(verified)
                for (i, answer) in answers.enumerated() where answer != ["error"] {
                    XCTAssertEqual(answer, good[i], "flip at \(offset): query \(StorageFixtures.queries[i])")
                }
                XCTAssertThrowsError(try verified.verify(), "flip at \(offset) not found by verify")
                openedLazily += 1
            }
            // Unverified open: refused, or opens and then searching and reading
            // never crash and `verify()` finds the damage.
            do {
                let index = try StorageFixtures.open(damaged, verify: false)
                StorageFixtures.exercise(index)
                XCTAssertThrowsError(try index.verify(), "flip at \(offset) not found by verify")
                caughtByVerify += 1
            } catch {
                refusedAtOpenWithoutVerify += 1
            }
        }
        XCTAssertGreaterThan(caughtByVerify, offsets.count / 2)
        XCTAssertGreaterThan(refusedAtOpenWithoutVerify, 0)
        XCTAssertGreaterThan(openedLazily, 0)
        XCTAssertLessThan(openedLazily, offsets.count)
        XCTAssertEqual(StorageFixtures.answers(try StorageFixtures.open(bytes, verify: true)), good)
    }

    /// Damage that keeps every checksum right (a forged file): the big
    /// sections are rewritten with noise and their checksums recomputed.
    /// Reads must stay in bounds and every search must end.
    func testForgedNoiseInBigSectionsNeverCrashes() throws {
        let bytes = StorageFixtures.bytes(StorageFixtures.smallIndex())
        let sections = try bytes.withUnsafeBytes { try SectionTable(of: $0, path: "x") }
        var rng = SyntheticCorpus.RNG(state: 11)
        for round in 0..<60 {
            var damaged = bytes
            let targets: [IndexFormat.Section] = [.terms, .termInfo, .postings, .positions, .bounds, .docs, .docLengths, .cues, .storedText]
            let target = sections[targets[round % targets.count]]
            for _ in 0..<(1 + round % 7) where target.length > 0 {
                damaged[target.offset + Int(rng.next() % UInt64(target.length))] = UInt8(truncatingIfNeeded: rng.next())
            }
            // Recompute every checksum, so the damage passes them all.
            FuzzEntryPoints.reseal(&damaged)
            if let index = try? StorageFixtures.open(damaged, verify: true) {
                StorageFixtures.exercise(index)
            }
        }
    }

    func testWrongMagicIsRefused() {
        var bytes = StorageFixtures.bytes(StorageFixtures.smallIndex())
        bytes[0] = UInt8(ascii: "X")
        XCTAssertThrowsError(try StorageFixtures.open(bytes, verify: false)) { error in
            XCTAssertEqual(error as? StorageError, .badMagic(path: "test.sbx"))
            XCTAssertTrue("\(error)".contains("not a Soundbite index"))
        }
        XCTAssertThrowsError(try StorageFixtures.open(Array("WEBVTT\n\n00:00.000 --> 00:01.000\nhello world, this is a transcript\n".utf8), verify: true)) { error in
            XCTAssertEqual(error as? StorageError, .badMagic(path: "test.sbx"))
        }
    }

    func testNewerVersionIsRefused() {
        var bytes = StorageFixtures.bytes(StorageFixtures.smallIndex())
        bytes[8] = UInt8(IndexFormat.version + 1)
        // Even with a matching header checksum, the version decides first.
        FuzzEntryPoints.reseal(&bytes)
        XCTAssertThrowsError(try StorageFixtures.open(bytes, verify: true)) { error in
            XCTAssertEqual(error as? StorageError,
                           .unsupportedVersion(path: "test.sbx", found: IndexFormat.version + 1, supported: IndexFormat.version))
            XCTAssertTrue("\(error)".contains("newer"), "\(error)")
        }
    }

    func testOpeningAMissingFileNamesIt() {
        XCTAssertThrowsError(try SearchIndex(contentsOf: "/nonexistent/folder/x.sbx")) { error in
            XCTAssertTrue("\(error)".contains("/nonexistent/folder/x.sbx"))
        }
    }

    func testEmptyFileIsTruncated() throws {
        let temp = try TemporaryFolder("storage")
        defer { temp.remove() }
        let folder = temp.path
        XCTAssertTrue(FileManager.default.createFile(atPath: folder + "/e.sbx", contents: Data()))
        XCTAssertThrowsError(try SearchIndex(contentsOf: folder + "/e.sbx")) { error in
            guard case .truncated = error as? StorageError else { return XCTFail("\(error)") }
        }
    }
}
