import XCTest
@testable import Soundbite

final class CueTableTests: XCTestCase {
    func testRoundTripAndRanges() throws {
        var cues: [CueRecord] = []
        for i in 0..<5 {
            let start = Double(i) * 1.5
            cues.append(CueRecord(start: start, end: start + 1.25, textStart: UInt32(i * 10), firstPosition: UInt32(i * 3)))
        }
        let bytes = CueTable.encode(cues)
        XCTAssertEqual(bytes.count, 5 * CueTable.recordSize)
        try bytes.withUnsafeBytes { b in
            let table = try CueTable(b, count: 5)
            XCTAssertEqual((0..<5).map(table.cue), cues)
            XCTAssertEqual(table.cues(from: 1, count: 3), Array(cues[1...3]))
            XCTAssertEqual(table.cues(from: 4, count: 2), [])
            XCTAssertEqual(table.cues(from: .max, count: .max), [])
            XCTAssertEqual(table.cue(5), CueRecord(start: 0, end: 0, textStart: 0, firstPosition: 0))
        }
        XCTAssertThrowsError(try bytes.withUnsafeBytes { try CueTable($0, count: 4) }) { XCTAssertTrue("\($0)".contains("cues")) }
        XCTAssertThrowsError(try Array(bytes.dropLast()).withUnsafeBytes { try CueTable($0, count: 5) })
    }

    func testImpossibleTimesReadAsZero() throws {
        let bytes = CueTable.encode([CueRecord(start: .nan, end: .infinity, textStart: 1, firstPosition: 2),
                                     CueRecord(start: -1e12, end: 3.5, textStart: 0, firstPosition: 0)])
        try bytes.withUnsafeBytes { b in
            let table = try CueTable(b, count: 2)
            XCTAssertEqual(table.cue(0), CueRecord(start: 0, end: 0, textStart: 1, firstPosition: 2))
            XCTAssertEqual(table.cue(1).start, 0)
            XCTAssertEqual(table.cue(1).end, 3.5)
        }
    }
}
