import XCTest
@testable import Soundbite

/// The SIMD lane unpackers (BitPacking+Unpackers.swift, `lanesB`, widths
/// 1 … ``BitPacking/laneMaxBits``) and their sinks (``LaneRows``,
/// ``DocLanes``, ``TFLanes``) against a plain bit-by-bit reading of the
/// stream, a plain prefix sum and a plain sum, on every width: random
/// blocks, all zeros, all at the width's maximum (the lanes' sums at their
/// largest), and documents following a previous one near 2³² (the stores
/// wrap, the returned last document does not).
final class LaneUnpackTests: XCTestCase {
    /// Value `i` of `bytes` at `bits` bits, read one bit at a time.
    private func reference(_ bytes: [UInt8], bits: Int, _ i: Int) -> UInt32 {
        var v: UInt32 = 0
        for k in 0..<bits {
            let bit = i * bits + k
            if bytes[bit >> 3] >> UInt8(bit & 7) & 1 == 1 { v |= 1 << UInt32(k) }
        }
        return v
    }

    private func check(_ values: [UInt32], bits: Int, previous: Int64, _ what: String) {
        let packed = BitPacking.packed(values, bits: bits)
        let plain = (0..<128).map { reference(packed, bits: bits, $0) }
        XCTAssertEqual(plain, values, "reference, \(what)")
        var docs: [UInt32] = [], last = previous, sum = 0
        for v in plain {
            last += 1 + Int64(v)
            docs.append(UInt32(truncatingIfNeeded: last))
            sum += Int(v) + 1
        }
        packed.withUnsafeBytes { raw in
            let p = raw.baseAddress!
            var out = [UInt32](repeating: 0xDEAD_BEEF, count: 129)
            out.withUnsafeMutableBufferPointer { o in
                var rows = LaneRows(out: o.baseAddress!)
                BitPacking.unpackLanes(bits: bits, from: p, into: &rows)
            }
            XCTAssertEqual(Array(out.prefix(128)), plain, "values, \(what)")
            XCTAssertEqual(out[128], 0xDEAD_BEEF, "wrote past the block, \(what)")
            out[128] = 0xDEAD_BEEF
            let end = out.withUnsafeMutableBufferPointer { o in
                var sink = DocLanes(out: o.baseAddress!)
                BitPacking.unpackLanes(bits: bits, from: p, into: &sink)
                return sink.finish(after: previous)
            }
            XCTAssertEqual(Array(out.prefix(128)), docs, "documents, \(what)")
            XCTAssertEqual(end, last, "last document, \(what)")
            XCTAssertEqual(out[128], 0xDEAD_BEEF, "documents past the block, \(what)")
            let total = out.withUnsafeMutableBufferPointer { o in
                var sink = TFLanes(out: o.baseAddress!)
                BitPacking.unpackLanes(bits: bits, from: p, into: &sink)
                return sink.sum
            }
            XCTAssertEqual(Array(out.prefix(128)), plain.map { $0 + 1 }, "tfs, \(what)")
            XCTAssertEqual(total, sum, "Σ tf, \(what)")
        }
    }

    func testEveryLaneWidthAgreesWithAPlainReading() {
        var g: UInt64 = 0x5EED_1A4E
        XCTAssertEqual(BitPacking.laneMaxBits, 26)
        for bits in 1...BitPacking.laneMaxBits {
            let top = UInt32((1 << UInt64(bits)) - 1)
            for round in 0..<6 {
                let values = (0..<128).map { _ -> UInt32 in
                    g = g &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                    return UInt32(truncatingIfNeeded: g >> 29) & top
                }
                let previous: Int64 = round % 2 == 0 ? -1 : Int64(UInt32.max) - 70
                check(values, bits: bits, previous: previous, "bits \(bits) random \(round)")
            }
            check([UInt32](repeating: 0, count: 128), bits: bits, previous: -1, "bits \(bits) zeros")
            check([UInt32](repeating: top, count: 128), bits: bits, previous: 5, "bits \(bits) maximum")
            check((0..<128).map { UInt32($0) & top }, bits: bits, previous: 1_000, "bits \(bits) rising")
        }
    }

    /// The public block entry points take the lanes for these widths and
    /// agree with the generic unpacker (the whole-path check is in
    /// ``StraightLineUnpackTests``; this one names the lane widths).
    func testBlockEntryPointsMatchTheGenericUnpackerOnLaneWidths() {
        var g: UInt64 = 77
        for bits in 1...BitPacking.laneMaxBits {
            let values = (0..<128).map { _ -> UInt32 in
                g = g &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                return UInt32(truncatingIfNeeded: g >> 33) & UInt32((1 << UInt64(bits)) - 1)
            }
            let packed = BitPacking.packed(values, bits: bits)
            packed.withUnsafeBytes { raw in
                var generic = [UInt32](repeating: 0, count: 128), block = generic, tfs = generic
                generic.withUnsafeMutableBufferPointer { BitPacking.unpackGeneric(128, bits: bits, from: raw.baseAddress!, into: $0.baseAddress!) }
                block.withUnsafeMutableBufferPointer { BitPacking.unpackBlock(bits: bits, from: raw.baseAddress!, into: $0.baseAddress!) }
                let sum = tfs.withUnsafeMutableBufferPointer { BitPacking.unpackTFs(128, bits: bits, from: raw.baseAddress!, into: $0.baseAddress!) }
                XCTAssertEqual(block, generic, "bits \(bits)")
                XCTAssertEqual(tfs, generic.map { $0 + 1 }, "tfs, bits \(bits)")
                XCTAssertEqual(sum, generic.reduce(0) { $0 + Int($1) + 1 }, "Σ tf, bits \(bits)")
            }
        }
    }
}
