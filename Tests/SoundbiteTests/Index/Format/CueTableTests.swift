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
        // Millisecond times: kind 0 bits, start 13 bits (0…6,000 ms), duration 0, textStart 6, firstPosition 4.
        XCTAssertEqual(bytes.count, PackedColumns.headerSize(columns: CueTable.columns) + (5 * 23 + 7) / 8)
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

    func testTimesThatAreNotWholeMillisecondsAreKeptBitForBit() throws {
        let odd: [Double] = [0.1 + 0.2, 1.0 / 3, -0.0, 12.0005, 3_600.25, 1e-9, 2.5e8, -4.125, .nan]
        var cues: [CueRecord] = []
        for (i, t) in odd.enumerated() {
            cues.append(CueRecord(start: t, end: 7.5, textStart: UInt32(i), firstPosition: 0))
            cues.append(CueRecord(start: Double(i), end: Double(i) + 0.001, textStart: UInt32(i), firstPosition: UInt32(i)))
        }
        // Many blocks of mixed kinds.
        for i in 0..<300 { cues.append(CueRecord(start: Double(i) * 0.037, end: Double(i) * 0.037 + 1, textStart: 0, firstPosition: 5)) }
        let bytes = CueTable.encode(cues)
        try bytes.withUnsafeBytes { b in
            let table = try CueTable(b, count: cues.count)
            for (i, c) in cues.enumerated() {
                let r = table.cue(i)
                if c.start.isNaN { XCTAssertEqual(r.start, 0); continue }
                XCTAssertEqual(r.start.bitPattern, c.start.bitPattern, "cue \(i)")
                XCTAssertEqual(r.end.bitPattern, c.end.bitPattern, "cue \(i)")
                XCTAssertEqual(r.textStart, c.textStart)
                XCTAssertEqual(r.firstPosition, c.firstPosition)
            }
        }
        XCTAssertEqual(CueTable.milliseconds(12.345), 12_345)
        XCTAssertNil(CueTable.milliseconds(0.1 + 0.2))
        XCTAssertNil(CueTable.milliseconds(-0.0))
        XCTAssertNil(CueTable.milliseconds(.infinity))
    }
}
