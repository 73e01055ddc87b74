import XCTest
@testable import Soundbite
import SoundbiteTestSupport

/// The per-width block unpackers (``BitPacking/unpackBlock(bits:from:into:)``)
/// against the generic reference, every width 0…32, on random values, on
/// every value at its width's maximum, and from unaligned addresses; the
/// packed bytes are allocated to their exact size so a read past them shows
/// under ASan.
final class BlockUnpackTests: XCTestCase {
    private func check(_ values: [UInt32], bits: Int, offset: Int, file: StaticString = #filePath, line: UInt = #line) {
        var w = ByteWriter()
        BitPacking.pack(values, bits: bits, into: &w)
        XCTAssertEqual(w.count, 16 * bits, file: file, line: line)
        let storage = UnsafeMutableRawBufferPointer.allocate(byteCount: max(1, offset + w.count), alignment: 8)
        defer { storage.deallocate() }
        UnsafeMutableRawBufferPointer(rebasing: storage[offset...]).copyBytes(from: w.bytes)
        let p = UnsafeRawPointer(storage.baseAddress! + offset)
        var generic = [UInt32](repeating: 0xDEAD_BEEF, count: 129)
        var block = [UInt32](repeating: 0xDEAD_BEEF, count: 129)
        generic.withUnsafeMutableBufferPointer { BitPacking.unpackGeneric(128, bits: bits, from: p, into: $0.baseAddress!) }
        block.withUnsafeMutableBufferPointer { BitPacking.unpackBlock(bits: bits, from: p, into: $0.baseAddress!) }
        XCTAssertEqual(Array(generic.prefix(128)), values, "generic, bits \(bits)", file: file, line: line)
        XCTAssertEqual(block, generic, "block, bits \(bits) offset \(offset)", file: file, line: line)
        XCTAssertEqual(block[128], 0xDEAD_BEEF, "wrote past the block, bits \(bits)", file: file, line: line)
    }

    func testEveryWidthMatchesTheGenericUnpacker() {
        var rng = SplitMix64(seed: 15)
        for bits in 0...32 {
            let mask: UInt64 = bits == 0 ? 0 : (1 << UInt64(bits)) - 1
            for round in 0..<4 {
                let values = (0..<128).map { _ in UInt32(truncatingIfNeeded: rng.next() & mask) }
                check(values, bits: bits, offset: round)
            }
        }
    }

    func testEveryWidthAtItsLargestValues() {
        for bits in 0...32 {
            let top = bits == 0 ? 0 : UInt32(truncatingIfNeeded: (UInt64(1) << UInt64(bits)) - 1)
            check([UInt32](repeating: top, count: 128), bits: bits, offset: 0)
            // Alternating largest and zero: every bit boundary of a group sees both.
            check((0..<128).map { $0 % 2 == 0 ? top : 0 }, bits: bits, offset: 3)
        }
    }

    func testFullBlocksGoThroughUnpack() {
        // `unpack` of 128 values takes the block path; a short run, the generic one: both agree with the input.
        var rng = SplitMix64(seed: 7)
        for bits in [1, 5, 13, 31] {
            let mask: UInt64 = (1 << UInt64(bits)) - 1
            for n in [127, 128] {
                let values = (0..<n).map { _ in UInt32(truncatingIfNeeded: rng.next() & mask) }
                var w = ByteWriter()
                BitPacking.pack(values, bits: bits, into: &w)
                var out = [UInt32](repeating: 0, count: n)
                w.bytes.withUnsafeBytes { raw in
                    out.withUnsafeMutableBufferPointer { BitPacking.unpack(n, bits: bits, from: raw.baseAddress!, into: $0.baseAddress!) }
                }
                XCTAssertEqual(out, values, "bits \(bits) n \(n)")
            }
        }
    }
}
