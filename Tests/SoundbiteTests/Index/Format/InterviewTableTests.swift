import XCTest
@testable import Soundbite

final class InterviewTableTests: XCTestCase {
    private func record(_ i: UInt32, docStart: UInt32, docs: UInt32, cueStart: UInt32, cues: UInt32) -> InterviewRecord {
        InterviewRecord(id: 1 + i, path: 2 + i, title: 3, media: 0, date: 4, collection: i,
                        fields: [(5, 6), (7, 8)], chapters: [ChapterRecord(title: 9, start: 0.5, end: 61.25)],
                        source: SourceFingerprint(size: 1234 + UInt64(i), statStamp: 0xFEED, hash: 0xC0FFEE), manifestHash: 77,
                        docStart: docStart, docCount: docs, cueStart: cueStart, cueCount: cues,
                        words: 512, seconds: 3600.5, warnings: 2, format: 10)
    }

    private var records: [InterviewRecord] {
        [record(0, docStart: 0, docs: 3, cueStart: 0, cues: 5), record(1, docStart: 3, docs: 0, cueStart: 5, cues: 0),
         record(2, docStart: 3, docs: 4, cueStart: 5, cues: 6)]
    }

    func testRoundTripKeepsEveryField() throws {
        let decoded = try InterviewTable.encode(records).withUnsafeBytes {
            try InterviewTable.decode($0, strings: 11, docs: 7, cues: 11)
        }
        XCTAssertEqual(decoded.count, 3)
        for (a, b) in zip(decoded, records) {
            XCTAssertEqual(a, b)
            XCTAssertEqual([a.title, a.media, a.date, a.collection, a.format, a.warnings], [b.title, b.media, b.date, b.collection, b.format, b.warnings])
            XCTAssertEqual(a.chapters, b.chapters)
            XCTAssertEqual([a.docCount, a.cueStart, a.cueCount], [b.docCount, b.cueStart, b.cueCount])
            XCTAssertEqual(a.manifestHash, b.manifestHash)
            XCTAssertEqual(a.words, b.words)
            XCTAssertEqual(a.seconds, b.seconds)
        }
    }

    func testBadIdsRangesAndEveryTruncationAreRefused() {
        let bytes = InterviewTable.encode(records)
        func decode(_ b: [UInt8], strings: Int = 11, docs: Int = 7, cues: Int = 11) throws {
            _ = try b.withUnsafeBytes { try InterviewTable.decode($0, strings: strings, docs: docs, cues: cues) }
        }
        XCTAssertThrowsError(try decode(bytes, strings: 10)) { XCTAssertTrue("\($0)".contains("string id")) }
        XCTAssertThrowsError(try decode(bytes, docs: 8)) { XCTAssertTrue("\($0)".contains("cover every document")) }
        XCTAssertThrowsError(try decode(bytes, docs: 6)) { XCTAssertTrue("\($0)".contains("interview ranges")) }
        var gap = records
        gap[2].docStart = 4
        gap[2].docCount = 3
        XCTAssertThrowsError(try decode(InterviewTable.encode(gap))) { XCTAssertTrue("\($0)".contains("follow each other")) }
        for n in 0..<bytes.count {
            XCTAssertThrowsError(try decode(Array(bytes[0..<n])), "cut to \(n)")
        }
    }
}
