// soundbite-bench unpack [--blocks N] [--rounds R] [--trials T]
//
// Block decoding per bit width 0…32: thread-CPU ns per 128-value block of
//   base    the main 270e66d unpacker (switch to 8-value groups, kept below as
//           the reference), then the documents' prefix sum as a second loop;
//   new     `BitPacking.unpackBlock` (straight-line per width);
//   generic `BitPacking.unpackGeneric` (the short-block path);
//   docs    base+sum / `BitPacking.unpackDocBlock` (unpack and prefix sum fused);
//   tfs     `BitPacking.unpackBlock` then a loop adding 1 and summing / `BitPacking.unpackTFs`
//           (fused), widths 0…31: the fusion alone.
// Each cell is the least over T trials of R passes over N distinct random
// blocks (in cache); base and new alternate within each trial. Every output
// is checked against the input. Build in release:
//
//     swift build -c release --scratch-path .build-bench --product soundbite-bench
//     .build-bench/release/soundbite-bench unpack

import Foundation
import Soundbite
import SoundbiteTestSupport

/// Entry point of the `unpack` subcommand.
func runUnpackBenchmark(_ arguments: [String]) -> Int32 {
    var blocks = 64, rounds = 200, trials = 7
    guard readOptions(arguments, usage: "unpack [--blocks N] [--rounds R] [--trials T]", [
        "--blocks": { blocks = atLeastOne($0, or: blocks) },
        "--rounds": { rounds = atLeastOne($0, or: rounds) },
        "--trials": { trials = atLeastOne($0, or: trials) },
    ]) else { return 2 }
    let n = BitPacking.blockValues
    print("unpack: \(blocks) blocks × \(rounds) rounds, least of \(trials) trials, thread CPU ns per 128-value block")
    print("bits     base      new  generic  speed-up   docs base  docs new  speed-up    tfs sep tfs fused  speed-up")
    var rng = SplitMix64(seed: 2026)
    let out = UnsafeMutablePointer<UInt32>.allocate(capacity: n)
    defer { out.deallocate() }
    var sums = (base: 0.0, new: 0.0, docsBase: 0.0, docsNew: 0.0, tfsBase: 0.0, tfsNew: 0.0)
    for bits in 0...32 {
        let mask: UInt64 = bits == 0 ? 0 : (1 << UInt64(bits)) - 1
        let values = (0..<blocks).map { _ in (0..<n).map { _ in UInt32(truncatingIfNeeded: rng.next() & mask) } }
        let bytes = values.flatMap { BitPacking.packed($0, bits: bits) }
        let stride = 16 * bits
        var ok = true
        let timing: (base: Double, new: Double, generic: Double, docsBase: Double, docsNew: Double, tfsBase: Double, tfsNew: Double)
            = bytes.withUnsafeBytes { raw in
            let p = raw.baseAddress ?? UnsafeRawPointer(bitPattern: 8)!
            for (b, expected) in values.enumerated() {
                BaseUnpack.unpackBlock(bits: bits, from: p + b * stride, into: out)
                ok = ok && (0..<n).allSatisfy { out[$0] == expected[$0] }
                BitPacking.unpackBlock(bits: bits, from: p + b * stride, into: out)
                ok = ok && (0..<n).allSatisfy { out[$0] == expected[$0] }
                let last = BitPacking.unpackDocBlock(bits: bits, from: p + b * stride, into: out, after: -1)
                var doc: Int64 = -1
                for j in 0..<n { doc += 1 + Int64(expected[j]); ok = ok && out[j] == UInt32(truncatingIfNeeded: doc) }
                ok = ok && last == doc
                if bits < 32 {
                    let sum = BitPacking.unpackTFs(n, bits: bits, from: p + b * stride, into: out)
                    ok = ok && sum == expected.reduce(0) { $0 + Int($1) + 1 } && (0..<n).allSatisfy { out[$0] == expected[$0] + 1 }
                }
            }
            func time(_ body: (UnsafeRawPointer) -> Void) -> Double {
                let s = Measure.cpuSeconds {
                    for _ in 0..<rounds { for b in 0..<blocks { body(p + b * stride) } }
                }
                return s * 1e9 / Double(rounds * blocks)
            }
            var best = (base: Double.infinity, new: Double.infinity, generic: Double.infinity,
                        docsBase: Double.infinity, docsNew: Double.infinity, tfsBase: Double.infinity, tfsNew: Double.infinity)
            var sink: UInt64 = 0
            for _ in 0..<trials {
                best.base = min(best.base, time { BaseUnpack.unpackBlock(bits: bits, from: $0, into: out); sink &+= UInt64(out[127]) })
                best.new = min(best.new, time { BitPacking.unpackBlock(bits: bits, from: $0, into: out); sink &+= UInt64(out[127]) })
                best.generic = min(best.generic, time { BitPacking.unpackGeneric(n, bits: bits, from: $0, into: out); sink &+= UInt64(out[127]) })
                best.docsBase = min(best.docsBase, time { sink &+= UInt64(bitPattern: BaseUnpack.docs(bits: bits, from: $0, into: out, after: -1)) })
                best.docsNew = min(best.docsNew, time {
                    sink &+= UInt64(bitPattern: BitPacking.unpackDocBlock(bits: bits, from: $0, into: out, after: -1))
                })
                if bits < 32 {
                    best.tfsBase = min(best.tfsBase, time { sink &+= UInt64(BaseUnpack.tfs(bits: bits, from: $0, into: out)) })
                    best.tfsNew = min(best.tfsNew, time { sink &+= UInt64(BitPacking.unpackTFs(n, bits: bits, from: $0, into: out)) })
                }
            }
            if sink == 1 { print("") } // keeps the loops' results alive
            return best
        }
        guard ok else {
            FileHandle.standardError.write(Data("unpack: width \(bits) decoded wrong values\n".utf8))
            return 1
        }
        sums.base += timing.base; sums.new += timing.new
        sums.docsBase += timing.docsBase; sums.docsNew += timing.docsNew
        if bits < 32 { sums.tfsBase += timing.tfsBase; sums.tfsNew += timing.tfsNew }
        print(String(format: "%4d  %7.1f  %7.1f  %7.1f  %7.2fx   %9.1f  %8.1f  %7.2fx   %8.1f  %8.1f  %7.2fx", bits, timing.base, timing.new,
                     timing.generic, timing.base / timing.new, timing.docsBase, timing.docsNew, timing.docsBase / timing.docsNew,
                     timing.tfsBase, timing.tfsNew, timing.tfsBase / timing.tfsNew))
    }
    print(String(format: "mean  %7.1f  %7.1f           %7.2fx   %9.1f  %8.1f  %7.2fx   %8.1f  %8.1f  %7.2fx", sums.base / 33, sums.new / 33,
                 sums.base / sums.new, sums.docsBase / 33, sums.docsNew / 33, sums.docsBase / sums.docsNew,
                 sums.tfsBase / 32, sums.tfsNew / 32, sums.tfsBase / sums.tfsNew))
    return 0
}

/// The block unpacker of main 270e66d (BitPacking.unpackBlock then), kept
/// here only as the benchmark's "before": a switch on the width to groups of
/// 8 values, the last groups read from a zero-padded copy of the block's tail.
private enum BaseUnpack {
    /// The base's decode of a block of document gaps: unpack, then the prefix sum.
    @inline(never)
    static func docs(bits: Int, from p: UnsafeRawPointer, into out: UnsafeMutablePointer<UInt32>, after previous: Int64) -> Int64 {
        unpackBlock(bits: bits, from: p, into: out)
        var last = previous
        for i in 0..<128 {
            last += 1 + Int64(out[i])
            out[i] = UInt32(truncatingIfNeeded: last)
        }
        return last
    }

    /// A block of stored tfs (`tf − 1`, below 32 bits) unpacked by the new
    /// `unpackBlock`, then a loop adding 1 and summing (the fusion's "before").
    @inline(never)
    static func tfs(bits: Int, from p: UnsafeRawPointer, into out: UnsafeMutablePointer<UInt32>) -> Int {
        BitPacking.unpackBlock(bits: bits, from: p, into: out)
        var sum = 0
        for i in 0..<128 {
            let t = out[i] &+ 1
            out[i] = t
            sum &+= Int(t)
        }
        return sum
    }

    @inline(never)
    static func unpackBlock(bits: Int, from p: UnsafeRawPointer, into out: UnsafeMutablePointer<UInt32>) {
        switch bits {
        case 0: out.update(repeating: 0, count: 128)
        case 1: unpackBlock(p, out, width: 1)
        case 2: unpackBlock(p, out, width: 2)
        case 3: unpackBlock(p, out, width: 3)
        case 4: unpackBlock(p, out, width: 4)
        case 5: unpackBlock(p, out, width: 5)
        case 6: unpackBlock(p, out, width: 6)
        case 7: unpackBlock(p, out, width: 7)
        case 8: unpackBlock(p, out, width: 8)
        case 9: unpackBlock(p, out, width: 9)
        case 10: unpackBlock(p, out, width: 10)
        case 11: unpackBlock(p, out, width: 11)
        case 12: unpackBlock(p, out, width: 12)
        case 13: unpackBlock(p, out, width: 13)
        case 14: unpackBlock(p, out, width: 14)
        case 15: unpackBlock(p, out, width: 15)
        case 16: unpackBlock(p, out, width: 16)
        case 17: unpackBlock(p, out, width: 17)
        case 18: unpackBlock(p, out, width: 18)
        case 19: unpackBlock(p, out, width: 19)
        case 20: unpackBlock(p, out, width: 20)
        case 21: unpackBlock(p, out, width: 21)
        case 22: unpackBlock(p, out, width: 22)
        case 23: unpackBlock(p, out, width: 23)
        case 24: unpackBlock(p, out, width: 24)
        case 25: unpackBlock(p, out, width: 25)
        case 26: unpackBlock(p, out, width: 26)
        case 27: unpackBlock(p, out, width: 27)
        case 28: unpackBlock(p, out, width: 28)
        case 29: unpackBlock(p, out, width: 29)
        case 30: unpackBlock(p, out, width: 30)
        case 31: unpackBlock(p, out, width: 31)
        default:
            for i in 0..<128 { out[i] = UInt32(littleEndian: p.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self)) }
        }
    }

    @inline(__always)
    private static func unpackBlock(_ p: UnsafeRawPointer, _ out: UnsafeMutablePointer<UInt32>, width b: Int) {
        let mask: UInt64 = (1 << UInt64(b)) - 1
        let bytes = 16 * b
        let reach = (7 * b) >> 3 + 8
        let safe = bytes >= reach ? min(16, (bytes - reach) / b + 1) : 0
        var g = 0
        while g < safe {
            group(p + g * b, out + 8 * g, width: b, mask: mask)
            g += 1
        }
        guard safe < 16 else { return }
        withUnsafeTemporaryAllocation(byteCount: 48, alignment: 8) { tail in
            let t = tail.baseAddress!
            t.initializeMemory(as: UInt64.self, repeating: 0, count: 6)
            let start = safe * b
            t.copyMemory(from: p + start, byteCount: bytes - start)
            var g = safe
            while g < 16 {
                group(UnsafeRawPointer(t) + (g * b - start), out + 8 * g, width: b, mask: mask)
                g += 1
            }
        }
    }

    @inline(__always)
    private static func group(_ q: UnsafeRawPointer, _ o: UnsafeMutablePointer<UInt32>, width b: Int, mask: UInt64) {
        @inline(__always)
        func value(_ j: Int) -> UInt32 {
            let bit = j * b
            let word = UInt64(littleEndian: q.loadUnaligned(fromByteOffset: bit >> 3, as: UInt64.self))
            return UInt32(truncatingIfNeeded: (word >> UInt64(bit & 7)) & mask)
        }
        o[0] = value(0)
        o[1] = value(1)
        o[2] = value(2)
        o[3] = value(3)
        o[4] = value(4)
        o[5] = value(5)
        o[6] = value(6)
        o[7] = value(7)
    }
}
