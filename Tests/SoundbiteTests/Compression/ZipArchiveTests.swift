import Foundation
import XCTest
@testable import Soundbite
import SoundbiteTestSupport

/// The ZIP reader against archives written by Python's zipfile (committed
/// fixtures: deflated, stored, with a comment, ZIP64 local fields, data
/// descriptors) and by ``ZipWriter`` (ZIP64 directories, lies, bombs,
/// overlaps, truncation at every byte).
final class ZipArchiveTests: XCTestCase {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/Zip")

    /// The entries every fixture archive holds (the same as make_fixtures.py writes).
    static let expected: [(String, [UInt8])] = [
        ("notes/interview.txt", Array(String(repeating: "Ruth Okafor  0:01\nThe laptops went home with the children.\n\n", count: 40).utf8)),
        ("empty.txt", []),
        ("data/levels.bin", (0..<5000).map { UInt8(($0 * 7 + $0 / 13) % 256) }),
    ]

    func fixture(_ name: String) throws -> [UInt8] {
        try [UInt8](Data(contentsOf: Self.fixtures.appendingPathComponent(name)))
    }

    func reason(_ bytes: [UInt8], limits: ZipLimits = .standard, entry: String? = nil,
                file: StaticString = #filePath, line: UInt = #line) -> ZipError.Reason? {
        do {
            let archive = try ZipArchive(bytes, limits: limits)
            if let entry { _ = try archive.contents(of: entry) } else {
                for e in archive.entries { _ = try archive.contents(of: e) }
            }
            XCTFail("read the archive; expected an error", file: file, line: line)
            return nil
        } catch {
            return error.reason
        }
    }

    // MARK: - Archives written by zipfile

    func testEveryFixtureReadsEveryEntry() throws {
        for name in ["deflate.zip", "deflate-level1.zip", "stored.zip", "comment.zip", "zip64.zip", "descriptor.zip"] {
            let archive = try ZipArchive(try fixture(name))
            XCTAssertEqual(archive.entries.map(\.name), Self.expected.map(\.0), name)
            for (entryName, data) in Self.expected {
                XCTAssertEqual(try archive.contents(of: entryName), data, "\(name): \(entryName)")
            }
        }
        let descriptor = try ZipArchive(try fixture("descriptor.zip"))
        XCTAssertTrue(descriptor.entries.allSatisfy(\.hasDataDescriptor))
        XCTAssertEqual(try ZipArchive(try fixture("stored.zip")).entries.map(\.method), [0, 0, 0])
        XCTAssertEqual(try ZipArchive(try fixture("deflate.zip")).entries.map(\.method), [8, 8, 8])
    }

    func testEveryTruncationIsRefused() throws {
        for name in ["deflate.zip", "descriptor.zip", "comment.zip"] {
            let bytes = try fixture(name)
            for cut in 0..<bytes.count {
                do {
                    let archive = try ZipArchive(Array(bytes[0..<cut]))
                    for e in archive.entries { _ = try archive.contents(of: e) }
                    // Only a cut inside the comment leaves a whole archive... and
                    // then the end record's comment length no longer fits.
                    XCTFail("\(name) cut at \(cut) of \(bytes.count) was read")
                } catch {
                    _ = error.description
                }
            }
        }
    }

    func testFlippedBytesNeverTrap() throws {
        let bytes = try fixture("deflate.zip")
        var rng = SplitMix64(state: 21)
        var refused = 0
        for _ in 0..<3000 {
            var damaged = bytes
            for _ in 0..<(1 + Int(rng.next() % 3)) {
                damaged[Int(rng.next() % UInt64(damaged.count))] ^= UInt8(truncatingIfNeeded: 1 + rng.next() % 255)
            }
            do {
                let archive = try ZipArchive(damaged)
                for e in archive.entries { _ = try archive.contents(of: e) }
            } catch {
                refused += 1
            }
        }
        // Flips in the dates, version fields or the unused parts pass; the rest is caught.
        XCTAssertGreaterThan(refused, 1500)
    }

    func testDamagedDataFailsTheCRC() throws {
        var bytes = try fixture("stored.zip")
        let archive = try ZipArchive(bytes)
        let entry = archive.entry(named: "data/levels.bin")!
        bytes[Int(entry.localHeaderOffset) + 30 + entry.name.utf8.count + 100] ^= 0x40
        XCTAssertEqual(reason(bytes, entry: "data/levels.bin"), .checksumMismatch("data/levels.bin"))
        XCTAssertEqual(try ZipArchive(bytes).contents(of: "notes/interview.txt"), Self.expected[0].1)
    }

    func testNotAnArchive() {
        XCTAssertEqual(reason([]), .notAnArchive)
        XCTAssertEqual(reason(Array("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nHello there, this is text.\n".utf8)), .notAnArchive)
        XCTAssertEqual(reason([UInt8](repeating: 0, count: 100_000)), .notAnArchive)
    }

    func testMissingEntry() throws {
        XCTAssertEqual(reason(try fixture("deflate.zip"), entry: "word/document.xml"), .missingEntry("word/document.xml"))
    }

    // MARK: - Archives written here

    func testZip64DirectoryAndEndRecord() throws {
        var w = ZipWriter()
        w.entries = [ZipWriter.Entry(name: "a.txt", data: Array("alpha beta".utf8), zip64: true),
                     ZipWriter.Entry(name: "b.txt", data: Array("gamma".utf8), method: 0, zip64: true)]
        w.zip64End = true
        let archive = try ZipArchive(w.bytes)
        XCTAssertEqual(archive.entries.map(\.uncompressedSize), [10, 5])
        XCTAssertEqual(try archive.contents(of: "a.txt"), Array("alpha beta".utf8))
        XCTAssertEqual(try archive.contents(of: "b.txt"), Array("gamma".utf8))
    }

    func testDataDescriptorWrittenHere() throws {
        var w = ZipWriter()
        w.entries = [ZipWriter.Entry(name: "a.txt", data: Array("descriptor follows".utf8), dataDescriptor: true)]
        XCTAssertEqual(try ZipArchive(w.bytes).contents(of: "a.txt"), Array("descriptor follows".utf8))
    }

    func testEncryptedAndUnknownMethodsAreRefused() {
        var w = ZipWriter()
        w.entries = [ZipWriter.Entry(name: "secret.txt", data: Array("x".utf8), method: 0, flags: 1)]
        XCTAssertEqual(reason(w.bytes), .encrypted("secret.txt"))
        w.entries = [ZipWriter.Entry(name: "b.txt", data: Array("x".utf8), method: 12)]
        XCTAssertEqual(reason(w.bytes), .unsupportedMethod(entry: "b.txt", method: 12))
    }

    func testLyingSizeIsCaughtWhileInflating() {
        // The directory says 10 bytes; the stream holds 2 000.
        var w = ZipWriter()
        w.entries = [ZipWriter.Entry(name: "a.txt", data: [UInt8](repeating: 65, count: 2000), uncompressedSize: 10)]
        XCTAssertEqual(reason(w.bytes), .checksumMismatch("a.txt"))
        // …or 3 000, more than there is.
        w.entries = [ZipWriter.Entry(name: "a.txt", data: [UInt8](repeating: 65, count: 2000), uncompressedSize: 3000)]
        XCTAssertEqual(reason(w.bytes), .checksumMismatch("a.txt"))
        w.entries = [ZipWriter.Entry(name: "a.txt", data: Array("abc".utf8), crc: 12345)]
        XCTAssertEqual(reason(w.bytes), .checksumMismatch("a.txt"))
    }

    func testZipBombIsRefusedBeforeInflating() {
        // 8 000 000 zero bytes as one literal and repeats: about 50 KB of stream
        // in the fixed code (13 bits per 258 bytes; a dynamic code gets to 1032:1).
        var stream = DeflateStreamWriter()
        stream.header(final: true, type: 1)
        stream.fixedSymbol(0)
        var left = 8_000_000 - 1
        while left >= 258 { stream.fixedMatch(length: 258, distance: 1); left -= 258 }
        for _ in 0..<left { stream.fixedSymbol(0) }
        stream.fixedSymbol(256)
        let zeros = [UInt8](repeating: 0, count: 8_000_000)
        var w = ZipWriter()
        w.entries = [ZipWriter.Entry(name: "word/document.xml", data: zeros, compressed: stream.bytes)]
        let ratio = UInt64(8_000_000 / stream.bytes.count)
        XCTAssertEqual(ratio, 158)
        XCTAssertEqual(reason(w.bytes, limits: ZipLimits(maxCompressionRatio: 100)),
                       .compressionRatio(entry: "word/document.xml", ratio: ratio, limit: 100))
        XCTAssertEqual(reason(w.bytes, limits: ZipLimits(maxEntryBytes: 1 << 20)),
                       .entryTooLarge(entry: "word/document.xml", bytes: 8_000_000, limit: 1 << 20))
        // Within the default limits, it inflates, exactly.
        XCTAssertTrue(try ZipArchive(w.bytes).contents(of: "word/document.xml") == zeros)
    }

    func testOverlappingEntriesAreRefused() {
        // A second central record pointing at the first entry's data: the
        // kernel of the overlapping zip bomb.
        var w = ZipWriter()
        w.entries = [ZipWriter.Entry(name: "a.xml", data: Array("shared".utf8)),
                     ZipWriter.Entry(name: "b.xml", data: Array("shared".utf8), sharesLocalHeaderOf: 0)]
        XCTAssertEqual(reason(w.bytes), .overlappingEntries("a.xml", "b.xml"))
    }

    func testClaimedSizesOverTheTotalAreRefused() {
        var w = ZipWriter()
        w.entries = (0..<3).map { ZipWriter.Entry(name: "\($0).txt", data: Array("x".utf8), method: 0, zip64: true,
                                                  uncompressedSize: 1 << 40) }
        XCTAssertEqual(reason(w.bytes), .archiveTooLarge(bytes: 3 << 40, limit: 2 << 30))
    }

    func testTooManyEntries() {
        var w = ZipWriter()
        w.entries = (0..<12).map { ZipWriter.Entry(name: "\($0).txt", data: [], method: 0) }
        XCTAssertEqual(reason(w.bytes, limits: ZipLimits(maxEntries: 10)), .tooManyEntries(count: 12, limit: 10))
        XCTAssertEqual(try ZipArchive(w.bytes, limits: ZipLimits(maxEntries: 12)).entries.count, 12)
    }

    func testCountThatCannotFitTheDirectory() {
        var w = ZipWriter()
        w.entries = [ZipWriter.Entry(name: "a.txt", data: [], method: 0)]
        var bytes = w.bytes
        let end = bytes.count - 22
        bytes[end + 8] = 0xF0; bytes[end + 10] = 0xF0   // 240 entries in a 51-byte directory
        guard case .malformed? = reason(bytes) else { return XCTFail("expected a malformed archive") }
    }

    func testLongCommentIsSearchedPast() throws {
        var w = ZipWriter()
        w.entries = [ZipWriter.Entry(name: "a.txt", data: Array("found".utf8))]
        w.comment = [UInt8](repeating: 0x50, count: 65_000)
        XCTAssertEqual(try ZipArchive(w.bytes).contents(of: "a.txt"), Array("found".utf8))
    }

    func testErrorMessagesNameTheEntry() {
        XCTAssertEqual(ZipError(.compressionRatio(entry: "word/document.xml", ratio: 900, limit: 400)).description,
                       "word/document.xml inflates 900 times its compressed size, more than the limit of 400 (a zip bomb?)")
        XCTAssertEqual(ZipError(.truncated("the data of a.txt")).description,
                       "ZIP archive cut short: the data of a.txt runs past the end of the file")
    }
}
