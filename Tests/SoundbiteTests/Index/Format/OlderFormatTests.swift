import Foundation
import XCTest
@testable import Soundbite
import SoundbiteTestSupport

/// Format 5 reads format 5 only: a format-4 file (a real one, written from
/// the bundled `Corpus/` by soundbite 0.9.0 at main 946ffb0), a format-3 file
/// (the same, at main f54afe1), a format-2 file
/// (written by soundbite 0.9.0) and a format-1 header are refused with a
/// rebuild hint, before any of their sections is read.
final class OlderFormatTests: XCTestCase {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/Index/old-format/format2.sbx").path
    static let format3 = URL(fileURLWithPath: fixture).deletingLastPathComponent().appendingPathComponent("format3.sbx").path
    static let format4 = URL(fileURLWithPath: fixture).deletingLastPathComponent().appendingPathComponent("format4.sbx").path

    func testAFormat4FileIsRefusedWithARebuildHint() throws {
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: Self.format4)))
        XCTAssertEqual(bytes[8], 4)
        XCTAssertThrowsError(try SearchIndex(contentsOf: Self.format4)) { error in
            XCTAssertEqual(error as? StorageError, .unsupportedVersion(path: Self.format4, found: 4, supported: 5))
            XCTAssertEqual("\(error)", "\(Self.format4): written by an older soundbite (format 4); run `soundbite index` to rebuild it")
        }
        XCTAssertThrowsError(try SearchIndex(contentsOf: Self.format4, verify: false)) { error in
            XCTAssertEqual(error as? StorageError, .unsupportedVersion(path: Self.format4, found: 4, supported: 5))
        }
    }

    func testAFormat3FileIsRefusedWithARebuildHint() throws {
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: Self.format3)))
        XCTAssertEqual(bytes[8], 3)
        XCTAssertThrowsError(try SearchIndex(contentsOf: Self.format3)) { error in
            XCTAssertEqual(error as? StorageError, .unsupportedVersion(path: Self.format3, found: 3, supported: 5))
            XCTAssertEqual("\(error)", "\(Self.format3): written by an older soundbite (format 3); run `soundbite index` to rebuild it")
        }
        XCTAssertThrowsError(try SearchIndex(contentsOf: Self.format3, verify: false)) { error in
            XCTAssertEqual(error as? StorageError, .unsupportedVersion(path: Self.format3, found: 3, supported: 5))
        }
    }

    func testAFormat2FileIsRefusedWithARebuildHint() throws {
        XCTAssertEqual(IndexFormat.version, 5)
        XCTAssertThrowsError(try SearchIndex(contentsOf: Self.fixture)) { error in
            XCTAssertEqual(error as? StorageError, .unsupportedVersion(path: Self.fixture, found: 2, supported: 5))
            XCTAssertEqual("\(error)", "\(Self.fixture): written by an older soundbite (format 2); run `soundbite index` to rebuild it")
        }
        // Unverified too: the version decides before any section is read.
        XCTAssertThrowsError(try SearchIndex(contentsOf: Self.fixture, verify: false))
    }

    func testAFormat1HeaderIsRefusedTheSameWay() throws {
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: Self.fixture)))
        bytes[8] = 1
        bytes[bytes.count - IndexFormat.footerSize + 24] = 1
        FuzzEntryPoints.reseal(&bytes)
        XCTAssertThrowsError(try StorageFixtures.open(bytes, verify: true)) { error in
            XCTAssertEqual(error as? StorageError, .unsupportedVersion(path: "test.sbx", found: 1, supported: 5))
            XCTAssertTrue("\(error)".contains("older soundbite (format 1)"), "\(error)")
        }
    }

    func testANewIndexIsFormat5InHeaderFooterAndMeta() throws {
        let bytes = StorageFixtures.bytes(StorageFixtures.smallIndex())
        XCTAssertEqual(bytes[8], 5)
        XCTAssertEqual(bytes[bytes.count - IndexFormat.footerSize + 24], 5)
        let index = try StorageFixtures.open(bytes, verify: true)
        XCTAssertEqual(String(decoding: index.reader.section(.meta), as: UTF8.self).split(separator: "\n").first, "format=5")
    }
}
