import XCTest
@testable import Soundbite

final class SectionTableTests: XCTestCase {
    /// Every known kind with a few distinct bytes, in kind order.
    private func knownSections() -> [(UInt32, [UInt8])] {
        IndexFormat.Section.allCases.filter { !$0.isOptional }.map { s in (s.rawValue, (0..<(Int(s.rawValue) * 3)).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ Int(s.rawValue)) }) }
    }

    func testUnknownKindsAreKeptInOrderAndCoveredByVerify() throws {
        var sections = knownSections()
        sections.insert((200, Array("a section this reader does not know".utf8)), at: 3)
        var image = IndexFile.assemble(kinds: sections, pageChecksums: false)
        let table = try image.withUnsafeBytes { try SectionTable(of: $0, path: "t.sbx") }
        XCTAssertEqual(table.entries.map(\.kind), sections.map(\.0))
        XCTAssertEqual(table.entries[3].name, "kind 200")
        for s in IndexFormat.Section.allCases where !s.isOptional {
            let e = table[s]
            XCTAssertEqual(e.kind, s.rawValue)
            XCTAssertEqual(Array(image[e.offset..<(e.offset + e.length)]), sections.first { $0.0 == s.rawValue }!.1)
        }
        let slices = image.withUnsafeBytes { table.slices(of: $0) }
        XCTAssertEqual(slices[Int(IndexFormat.Section.terms.rawValue)].count, table[.terms].length)
        try image.withUnsafeBytes { try IndexFile.verify($0, table: table, path: "t.sbx") }
        // A flipped byte inside the unknown section: the table still decodes, verify names the kind.
        image[table.entries[3].offset + 2] ^= 0x10
        let damaged = try image.withUnsafeBytes { try SectionTable(of: $0, path: "t.sbx") }
        XCTAssertThrowsError(try image.withUnsafeBytes { try IndexFile.verify($0, table: damaged, path: "t.sbx") }) { error in
            XCTAssertEqual(error as? StorageError, .checksumMismatch(path: "t.sbx", section: "kind 200"))
        }
    }

    func testDuplicateAndMissingKindsAreRefused() {
        var twice = knownSections()
        twice.append(twice[0])
        let duplicated = IndexFile.assemble(kinds: twice)
        XCTAssertThrowsError(try duplicated.withUnsafeBytes { try SectionTable(of: $0, path: "t.sbx") }) { error in
            XCTAssertTrue("\(error)".contains("appears twice"), "\(error)")
        }
        let missing = IndexFile.assemble(kinds: Array(knownSections().dropLast()))
        XCTAssertThrowsError(try missing.withUnsafeBytes { try SectionTable(of: $0, path: "t.sbx") }) { error in
            XCTAssertTrue("\(error)".contains("is missing"), "\(error)")
        }
    }
}
