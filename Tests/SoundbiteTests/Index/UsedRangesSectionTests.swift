import XCTest
@testable import Soundbite

/// The `used` section's layout, the merge rule and the overlap rule.
final class UsedRangesSectionTests: XCTestCase {
    func testLayoutIsAsFormatMDSays() throws {
        let ranges = UsedRanges([("b", 1.5..<2), ("a", 0..<1), ("b", 3..<4), ("gone", 5..<6)])
        let bytes = try XCTUnwrap(UsedRangesSection.encode(ranges, ids: ["a", "x", "b"]))
        var w = ByteWriter()
        w.u32(2)
        w.u32(0); w.u32(1); w.f64(0); w.f64(1)
        w.u32(2); w.u32(2); w.f64(1.5); w.f64(2); w.f64(3); w.f64(4)
        XCTAssertEqual(bytes, w.bytes)
        let back = try bytes.withUnsafeBytes { try UsedRangesSection.decode($0, ids: ["a", "x", "b"]) }
        XCTAssertEqual(back, UsedRanges([("a", 0..<1), ("b", 1.5..<2), ("b", 3..<4)]))
        XCTAssertNil(UsedRangesSection.encode(UsedRanges(), ids: ["a"]))
        XCTAssertNil(UsedRangesSection.encode(UsedRanges([("gone", 0..<1)]), ids: ["a"]))
    }

    func testDamageIsRefused() {
        func decode(_ build: (inout ByteWriter) -> Void) -> String? {
            var w = ByteWriter()
            build(&w)
            do { _ = try w.bytes.withUnsafeBytes { try UsedRangesSection.decode($0, ids: ["a", "b"]) }; return nil } catch {
                return "\(error)"
            }
        }
        XCTAssertNotNil(decode { _ in })
        XCTAssertNotNil(decode { $0.u32(1) })
        XCTAssertNotNil(decode { $0.u32(1); $0.u32(0); $0.u32(5); $0.f64(0); $0.f64(1) })
        XCTAssertNotNil(decode { $0.u32(1); $0.u32(7); $0.u32(1); $0.f64(0); $0.f64(1) })
        XCTAssertNotNil(decode { $0.u32(2); $0.u32(1); $0.u32(1); $0.f64(0); $0.f64(1); $0.u32(0); $0.u32(1); $0.f64(0); $0.f64(1) })
        XCTAssertNotNil(decode { $0.u32(1); $0.u32(0); $0.u32(2); $0.f64(0); $0.f64(2); $0.f64(1); $0.f64(3) })
        XCTAssertNotNil(decode { $0.u32(1); $0.u32(0); $0.u32(1); $0.f64(.nan); $0.f64(1) })
        XCTAssertNotNil(decode { $0.u32(1); $0.u32(0); $0.u32(1); $0.f64(2); $0.f64(1) })
        XCTAssertNotNil(decode { $0.u32(1); $0.u32(0); $0.u32(1); $0.f64(0); $0.f64(1); $0.u32(0) })
        XCTAssertNotNil(decode { $0.u32(.max); $0.u32(0); $0.u32(.max) })
        XCTAssertEqual(decode { $0.u32(0) }, nil)
    }

    func testDamagedSectionInAFileIsRefusedAtOpen() throws {
        let c = CollectionReader().read(name: "c", transcripts: [("a.vtt", "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nHello there.\n")], manifest: nil)
        let marked = SearchIndex(building: [c]).withUsedRanges(UsedRanges([("a", 1..<2)]))
        var bytes = Array(marked.image)
        let entry = try XCTUnwrap(marked.reader.sections.entry(.used))
        bytes[entry.offset + 12] ^= 0x40
        XCTAssertThrowsError(try SearchIndex(storage: ByteStorage(copying: bytes), path: "x.sbx")) { e in
            XCTAssertTrue("\(e)".contains("used"), "\(e)")
        }
    }

    func testMergeAndOverlapRules() {
        let r = UsedRanges([("a", 5..<6), ("a", 1..<2), ("a", 2..<3), ("a", 5.5..<7), ("a", 9..<9), ("a", -1..<0.5), ("a", 1..<Double.infinity)])
        XCTAssertEqual(r.ranges(of: "a"), [0..<0.5, 1..<3, 5..<7])
        XCTAssertEqual(r.seconds, 4.5)
        XCTAssertEqual(r.union(UsedRanges([("a", 3..<5), ("b", 0..<1)])).ranges(of: "a"), [0..<0.5, 1..<7])
        let ranges = r.ranges(of: "a")
        // Shares more than 50 ms.
        XCTAssertTrue(UsedRanges.overlaps(ranges, start: 2.9, end: 4))
        // Shares 40 ms, neither inside the other: rounding at a cut.
        XCTAssertFalse(UsedRanges.overlaps(ranges, start: 2.96, end: 4))
        XCTAssertFalse(UsedRanges.overlaps(ranges, start: 3, end: 4.99))
        // Inside, or holding a whole range however short.
        XCTAssertTrue(UsedRanges.overlaps(ranges, start: 1.2, end: 1.21))
        XCTAssertTrue(UsedRanges.overlaps([4..<4.02], start: 3, end: 5))
        XCTAssertTrue(UsedRanges.overlaps(ranges, start: 6, end: 6))
        XCTAssertFalse(UsedRanges.overlaps(ranges, start: 8, end: 9))
        XCTAssertFalse(UsedRanges.overlaps([], start: 0, end: 9))
    }
}
