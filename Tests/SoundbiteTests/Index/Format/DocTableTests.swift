import XCTest
@testable import Soundbite

final class DocTableTests: XCTestCase {
    private let records = [
        DocRecord(length: 12, interview: 0, speaker: 1, role: 2, chapter: 3, cueStart: 0, cueCount: 2, textOffset: 0, textLength: 40),
        DocRecord(length: 7, interview: 0, speaker: 1, role: 2, chapter: 3, cueStart: 2, cueCount: 1, textOffset: 40, textLength: 20),
        DocRecord(length: 30, interview: 0, speaker: 4, role: 5, chapter: 3, cueStart: 3, cueCount: 4, textOffset: 1 << 40, textLength: 99),
        DocRecord(length: 1, interview: 1, speaker: 4, role: 5, chapter: 3, cueStart: 7, cueCount: 1, textOffset: 9, textLength: 1),
    ]

    func testRecordsColumnsAndLengthsRoundTrip() throws {
        let (docs, lengths) = DocTable.encode(records)
        // One block: its header, then 4 rows of the columns' widths (interview 1, speaker 2, role 2,
        // chapter 0, firstCue 3, cueCount 2, textLength 7, textOffset 41 bits).
        XCTAssertEqual(docs.count, PackedColumns.headerSize(columns: DocTable.columns) + (4 * 58 + 7) / 8)
        try docs.withUnsafeBytes { d in
            try lengths.withUnsafeBytes { l in
                let table = try DocTable(docs: d, lengths: l, count: records.count)
                for (i, r) in records.enumerated() {
                    XCTAssertEqual(table.record(i), r)
                    XCTAssertEqual(table.length(UInt32(i)), r.length)
                    XCTAssertEqual(table.interview(of: UInt32(i)), r.interview)
                    XCTAssertEqual(table.speaker(of: UInt32(i)), r.speaker)
                    XCTAssertEqual(table.role(of: UInt32(i)), r.role)
                    XCTAssertEqual(table.chapter(of: UInt32(i)), r.chapter)
                    XCTAssertEqual(table.value(.cueCount, of: UInt32(i)), r.cueCount)
                }
                XCTAssertEqual([0, 1, 2, 3].map { table.continuesTurn(after: $0) }, [true, false, false, false])
                // Out of range: nil, .max and 0, never a read past the section.
                XCTAssertNil(table.record(4))
                XCTAssertNil(table.record(-1))
                XCTAssertEqual(table.role(of: 4), .max)
                XCTAssertEqual(table.length(UInt32.max), 0)
            }
        }
    }

    func testSectionsThatDoNotHoldTheCountAreRefused() {
        let (docs, lengths) = DocTable.encode(records)
        func open(_ d: [UInt8], _ l: [UInt8], _ n: Int) throws {
            try d.withUnsafeBytes { d in try l.withUnsafeBytes { l in _ = try DocTable(docs: d, lengths: l, count: n) } }
        }
        XCTAssertNoThrow(try open(docs, lengths, 4))
        XCTAssertThrowsError(try open(docs, lengths, 3))
        XCTAssertThrowsError(try open(docs, lengths, 5))
        XCTAssertThrowsError(try open(Array(docs.dropLast()), lengths, 4))
        XCTAssertThrowsError(try open(docs, Array(lengths.dropLast(4)), 4))
        XCTAssertThrowsError(try open(docs, lengths, -1)) { XCTAssertTrue("\($0)".contains("docs and docLengths")) }
    }
}
