import XCTest
@testable import Soundbite

final class CRC32CTests: XCTestCase {
    func testCheckValue() {
        XCTAssertEqual(CRC32C.checksum(Array("123456789".utf8)), 0xE306_9283)
    }

    func testKnownVectors() {
        // RFC 3720 (iSCSI) appendix B.4.
        XCTAssertEqual(CRC32C.checksum([UInt8](repeating: 0, count: 32)), 0x8A91_36AA)
        XCTAssertEqual(CRC32C.checksum([UInt8](repeating: 0xFF, count: 32)), 0x62A8_AB43)
        XCTAssertEqual(CRC32C.checksum((0..<32).map { UInt8($0) }), 0x46DD_794E)
        XCTAssertEqual(CRC32C.checksum([]), 0)
    }

    func testIncrementalEqualsOneShotForEverySplit() {
        var rng = SyntheticCorpus.RNG(state: 3)
        let data = (0..<301).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        let whole = CRC32C.checksum(data)
        data.withUnsafeBytes { all in
            for split in 0...data.count {
                let a = CRC32C.checksum(UnsafeRawBufferPointer(rebasing: all[0..<split]))
                let b = CRC32C.checksum(UnsafeRawBufferPointer(rebasing: all[split...]), continuing: a)
                XCTAssertEqual(b, whole, "split at \(split)")
            }
        }
    }

    func testMatchesBitwiseReference() {
        func reference(_ bytes: [UInt8]) -> UInt32 {
            var c: UInt32 = 0xFFFF_FFFF
            for b in bytes {
                c ^= UInt32(b)
                for _ in 0..<8 { c = c & 1 != 0 ? (c >> 1) ^ 0x82F6_3B78 : c >> 1 }
            }
            return ~c
        }
        var rng = SyntheticCorpus.RNG(state: 9)
        for n in [1, 7, 8, 9, 15, 16, 17, 63, 64, 65, 1000] {
            let data = (0..<n).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            XCTAssertEqual(CRC32C.checksum(data), reference(data), "length \(n)")
        }
    }
}
