import XCTest
@testable import Soundbite

/// `strings` and the shared ``PackedStrings`` shape: round trip, bounds, damage refused.
final class StringTableTests: XCTestCase {
    func testRoundTripKeepsIdsAndEmptyStringFirst() throws {
        var table = StringTable()
        let ids = ["guest", "host", "", "Zoë Ørsted", "guest", "chapter: one"].map { table.id($0) }
        XCTAssertEqual(ids, [1, 2, 0, 3, 1, 4])
        let decoded = try table.encoded.withUnsafeBytes { try StringTable.decode($0) }
        XCTAssertEqual(decoded, ["", "guest", "host", "Zoë Ørsted", "chapter: one"])
    }

    func testEntriesOutOfRangeOrDamagedReadAsEmpty() throws {
        var bytes = StringTable.encode(["", "alpha", "beta"])
        try bytes.withUnsafeBytes { b in
            let view = try PackedStrings(b, name: "strings")
            XCTAssertEqual(view.count, 3)
            XCTAssertEqual(Array(view[1]), Array("alpha".utf8))
            XCTAssertNil(view.entry(3))
            XCTAssertNil(view.entry(-1))
            XCTAssertEqual(view[99].count, 0)
        }
        // Offset of entry 2's end past the bytes: that entry is damaged, the others read.
        bytes[4 + 3 * 4] = 0xFF
        try bytes.withUnsafeBytes { b in
            let view = try PackedStrings(b, name: "strings")
            XCTAssertNil(view.entry(2))
            XCTAssertEqual(Array(view[1]), Array("alpha".utf8))
            XCTAssertThrowsError(try view.decodeAll(name: "string")) { XCTAssertTrue("\($0)".contains("string table offsets")) }
        }
    }

    func testTruncatedOrImpossibleCountsAreRefused() {
        let bytes = StringTable.encode(["", "alpha", "beta"])
        for n in 0..<(4 + 4 * 4) {
            XCTAssertThrowsError(try Array(bytes[0..<n]).withUnsafeBytes { try PackedStrings($0, name: "strings") }, "cut to \(n)")
        }
        var huge = bytes
        huge[3] = 0x7F
        XCTAssertThrowsError(try huge.withUnsafeBytes { try StringTable.decode($0) })
    }
}
