import XCTest
@testable import Soundbite
import SoundbiteTestSupport

final class BitPackingTests: XCTestCase {
    func testEveryWidthAndCountRoundTrips() {
        var rng = SplitMix64(seed: 3)
        for bits in 0...32 {
            for n in [1, 2, 7, 8, 9, 63, 64, 100, 127, 128] {
                let mask: UInt64 = bits == 0 ? 0 : (1 << UInt64(bits)) - 1
                let values = (0..<n).map { _ in UInt32(truncatingIfNeeded: rng.next() & mask) }
                XCTAssertLessThanOrEqual(BitPacking.bitWidth(values), bits)
                var w = ByteWriter()
                BitPacking.pack(values, bits: bits, into: &w)
                XCTAssertEqual(w.count, BitPacking.byteCount(n, bits: bits), "bits \(bits) n \(n)")
                // Exactly the packed bytes are allocated: a read past them would be caught by ASan.
                let packed = UnsafeMutableRawBufferPointer.allocate(byteCount: max(1, w.count), alignment: 1)
                defer { packed.deallocate() }
                packed.copyBytes(from: w.bytes)
                var out = [UInt32](repeating: 0xDEAD, count: n)
                out.withUnsafeMutableBufferPointer { BitPacking.unpack(n, bits: bits, from: UnsafeRawPointer(packed.baseAddress!), into: $0.baseAddress!) }
                XCTAssertEqual(out, values, "bits \(bits) n \(n)")
            }
        }
    }

    func testBitWidthIsTheHighestSetBit() {
        XCTAssertEqual(BitPacking.bitWidth([]), 0)
        XCTAssertEqual(BitPacking.bitWidth([0, 0]), 0)
        XCTAssertEqual(BitPacking.bitWidth([1]), 1)
        XCTAssertEqual(BitPacking.bitWidth([3, 4]), 3)
        XCTAssertEqual(BitPacking.bitWidth([UInt32.max]), 32)
    }
}
