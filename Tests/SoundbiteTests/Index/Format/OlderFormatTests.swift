import Foundation
import XCTest
@testable import Soundbite
import SoundbiteTestSupport

/// Format 7 reads format 7 only: a format-6 file (a real one, written from
/// the bundled `Corpus/` by soundbite 0.9.0 at main 193e786), a format-5 file
/// (the same, at main 2d056d2), a format-4 file
/// (the same, at main 946ffb0), a format-3 file
/// (the same, at main f54afe1), a format-2 file
/// (written by soundbite 0.9.0) and a format-1 header are refused with a
/// rebuild hint, before any of their sections is read.
final class OlderFormatTests: XCTestCase {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/Index/old-format/format2.sbx").path
    static let format3 = URL(fileURLWithPath: fixture).deletingLastPathComponent().appendingPathComponent("format3.sbx").path
    static let format4 = URL(fileURLWithPath: fixture).deletingLastPathComponent().appendingPathComponent("format4.sbx").path
    static let format5 = URL(fileURLWithPath: fixture).deletingLastPathComponent().appendingPathComponent("format5.sbx").path
    static let format6 = URL(fileURLWithPath: fixture).deletingLastPathComponent().appendingPathComponent("format6.sbx").path

    func testAFormat3To6FileIsRefusedWithARebuildHint() throws {
        for (path, version) in [(Self.format3, 3), (Self.format4, 4), (Self.format5, 5), (Self.format6, 6)] {
            let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
            XCTAssertEqual(Int(bytes[8]), version)
            let expected = StorageError.unsupportedVersion(path: path, found: UInt32(version), supported: 7)
            XCTAssertThrowsError(try SearchIndex(contentsOf: path)) { error in
                XCTAssertEqual(error as? StorageError, expected)
                XCTAssertEqual("\(error)", "\(path): written by an older soundbite (format \(version)); run `soundbite index` to rebuild it")
            }
            XCTAssertThrowsError(try SearchIndex(contentsOf: path, verify: false)) { error in
                XCTAssertEqual(error as? StorageError, expected)
            }
        }
    }

    func testAFormat2FileIsRefusedWithARebuildHint() throws {
        XCTAssertEqual(IndexFormat.version, 7)
        XCTAssertThrowsError(try SearchIndex(contentsOf: Self.fixture)) { error in
            XCTAssertEqual(error as? StorageError, .unsupportedVersion(path: Self.fixture, found: 2, supported: 7))
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
            XCTAssertEqual(error as? StorageError, .unsupportedVersion(path: "test.sbx", found: 1, supported: 7))
            XCTAssertTrue("\(error)".contains("older soundbite (format 1)"), "\(error)")
        }
    }

    func testANewIndexIsFormat7InHeaderFooterAndMeta() throws {
        let bytes = StorageFixtures.bytes(StorageFixtures.smallIndex())
        XCTAssertEqual(bytes[8], 7)
        XCTAssertEqual(bytes[bytes.count - IndexFormat.footerSize + 24], 7)
        let index = try StorageFixtures.open(bytes, verify: true)
        XCTAssertEqual(String(decoding: index.reader.section(.meta), as: UTF8.self).split(separator: "\n").first, "format=7")
    }
}
