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

    /// The CPU instruction (when this machine has it) and the tables agree on
    /// every length 0…4096 at every start alignment mod 16, and on lengths
    /// that run the long three-stream blocks (3 × 8 KiB) and the short ones.
    func testHardwareMatchesTablesOnEveryLengthAndAlignment() {
        var rng = SyntheticCorpus.RNG(state: 15)
        let data = (0..<(4096 + 16)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        data.withUnsafeBytes { all in
            for n in 0...4096 {
                let start = Int(rng.next() % 16)
                let slice = UnsafeRawBufferPointer(rebasing: all[start..<(start + n)])
                let seed = n % 3 == 0 ? 0 : UInt32(truncatingIfNeeded: rng.next())
                XCTAssertEqual(CRC32C.checksum(slice, continuing: seed), CRC32C.software(slice, continuing: seed),
                               "length \(n) at offset \(start)")
            }
        }
        let long = (0..<(3 * 8192 * 3 + 3 * 256 * 2 + 77)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        long.withUnsafeBytes { all in
            for n in [3 * 8192 - 1, 3 * 8192, 3 * 8192 + 1, 3 * 8192 * 2 + 3 * 256 + 9, all.count - 5] {
                for start in [0, 1, 5] {
                    let slice = UnsafeRawBufferPointer(rebasing: all[start..<(start + n)])
                    XCTAssertEqual(CRC32C.checksum(slice), CRC32C.software(slice), "length \(n) at offset \(start)")
                }
            }
        }
    }

    /// On an x86-64 CPU that lists SSE4.2 (or an arm64 one that lists crc32)
    /// the instruction is the one in use.
    func testUsesTheInstructionWhereTheCPUHasIt() throws {
        guard let info = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else {
            throw XCTSkip("no /proc/cpuinfo")
        }
        let flags = Set(info.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).map(String.init))
        #if arch(x86_64)
        if flags.contains("sse4_2") { XCTAssertTrue(CRC32C.usesHardware) }
        #elseif arch(arm64)
        if flags.contains("crc32") { XCTAssertTrue(CRC32C.usesHardware) }
        #endif
    }
}
