import XCTest
@testable import Soundbite

final class CollectionTableTests: XCTestCase {
    private let collections = [
        CollectionRecord(name: "allotments", root: "/srv/oral-history/allotments", warnings: 3, skipped: ["notes.docx", "ä b.txt"]),
        CollectionRecord(name: "", root: "", warnings: 0, skipped: []),
    ]

    func testRoundTrip() throws {
        let decoded = try CollectionTable.encode(collections).withUnsafeBytes { try CollectionTable.decode($0) }
        XCTAssertEqual(decoded, collections)
    }

    func testHugeCountsAndEveryTruncationAreRefused() {
        let bytes = CollectionTable.encode(collections)
        for n in 0..<bytes.count {
            XCTAssertThrowsError(try Array(bytes[0..<n]).withUnsafeBytes { try CollectionTable.decode($0) }, "cut to \(n)")
        }
        var huge = bytes
        huge[3] = 0xFF
        XCTAssertThrowsError(try huge.withUnsafeBytes { try CollectionTable.decode($0) }) { XCTAssertTrue("\($0)".contains("collection count")) }
        var skipped = CollectionTable.encode([collections[1]])
        // name and root are empty (4 + 4 bytes), warnings 4 bytes: the skipped count follows.
        skipped[4 + 12 + 3] = 0xFF
        XCTAssertThrowsError(try skipped.withUnsafeBytes { try CollectionTable.decode($0) }) { XCTAssertTrue("\($0)".contains("skipped")) }
    }
}
