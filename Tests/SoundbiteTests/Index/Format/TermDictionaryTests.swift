import XCTest
@testable import Soundbite

final class TermDictionaryTests: XCTestCase {
    /// Terms interned out of order, laid out sorted, with made-up records.
    private func encoded(_ words: [String]) -> (terms: [UInt8], info: [UInt8], order: [Int]) {
        var interner = TermInterner()
        for w in words { _ = Array(w.utf8).withUnsafeBufferPointer { interner.intern($0) } }
        let order = TermDictionary.sortedOrder(interner)
        let infos = order.indices.map { i in
            TermInfo(df: UInt32(i + 1), blocks: UInt32(i), postingsOffset: UInt64(i) << 33, positionsOffset: UInt64(7 * i),
                     boundsOffset: UInt32(3 * i), boundsCount: 2)
        }
        return (TermDictionary.encodeTerms(interner, order: order), TermDictionary.encodeInfo(infos), order)
    }

    func testLookupPrefixAndInfoRoundTrip() throws {
        let words = ["school", "laptop", "laptops", "lap", "zebra", "café", "a"]
        let (terms, info, _) = encoded(words)
        XCTAssertLessThan(info.count, words.count * 32, "packed smaller than format 3's 32-byte records")
        try terms.withUnsafeBytes { t in
            try info.withUnsafeBytes { i in
                let dict = try TermDictionary(terms: t, info: i)
                let sorted = words.map { Array($0.utf8) }.sorted { $0.lexicographicallyPrecedes($1) }
                XCTAssertEqual((0..<dict.count).map { Array(dict.term($0)) }, sorted)
                for (id, w) in sorted.enumerated() {
                    XCTAssertEqual(dict.id(of: w), id)
                    XCTAssertEqual(dict.info(id), TermInfo(df: UInt32(id + 1), blocks: UInt32(id), postingsOffset: UInt64(id) << 33,
                                                           positionsOffset: UInt64(7 * id), boundsOffset: UInt32(3 * id), boundsCount: 2))
                }
                XCTAssertNil(dict.id(of: Array("laptopz".utf8)))
                XCTAssertEqual(dict.ids(withPrefix: Array("lap".utf8)).map { String(decoding: dict.term($0), as: UTF8.self) },
                               ["lap", "laptop", "laptops"])
                XCTAssertEqual(dict.ids(withPrefix: Array("q".utf8)).count, 0)
                XCTAssertEqual(dict.info(-1), TermInfo())
                XCTAssertEqual(dict.info(dict.count), TermInfo())
                XCTAssertEqual(dict.term(dict.count).count, 0)
            }
        }
    }

    func testATermInfoSectionOfTheWrongSizeIsRefused() {
        let (terms, info, _) = encoded(["one", "two"])
        for cut in [0, 1, PackedColumns.headerSize(columns: TermInfo.columns), info.count - 1] {
            XCTAssertThrowsError(try terms.withUnsafeBytes { t in
                try Array(info[0..<cut]).withUnsafeBytes { try TermDictionary(terms: t, info: $0) }
            }) { XCTAssertTrue("\($0)".contains("termInfo"), "\($0)") }
        }
        XCTAssertThrowsError(try terms.withUnsafeBytes { t in
            try (info + [0]).withUnsafeBytes { try TermDictionary(terms: t, info: $0) }
        })
    }
}
