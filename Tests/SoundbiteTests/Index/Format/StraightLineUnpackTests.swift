import XCTest
@testable import Soundbite
import SoundbiteTestSupport
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The generated straight-line unpackers (BitPacking+Unpackers.swift) and the
/// fused gap decoding (``BitPacking/unpackDocBlock(bits:from:into:after:)``,
/// ``BitPacking/unpackGaps(_:bits:from:into:after:)``) against the generic
/// unpacker and a plain prefix sum, every width 0…32: random values, all
/// zeros, all at the width's maximum, every misaligned start 0…7, and each
/// block placed to end exactly at an unreadable page, so a read past its
/// `16 · bits` bytes crashes the test instead of passing unseen.
final class StraightLineUnpackTests: XCTestCase {
    /// Two pages, the second unreadable: `body` gets room for `count` bytes ending at the guard page.
    private func withGuardedBytes(_ bytes: [UInt8], _ body: (UnsafeRawPointer) -> Void) {
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        precondition(bytes.count <= page)
        guard let raw = mmap(nil, 2 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
              raw != MAP_FAILED else { return XCTFail("mmap") }
        defer { munmap(raw, 2 * page) }
        XCTAssertEqual(mprotect(raw + page, page, PROT_NONE), 0)
        let start = raw + page - bytes.count
        bytes.withUnsafeBytes { start.copyMemory(from: $0.baseAddress ?? UnsafeRawPointer(bitPattern: 8)!, byteCount: bytes.count) }
        body(UnsafeRawPointer(start))
    }

    /// Unpacks `values` (128, packed at `bits`) with every block path, from an
    /// address `offset` bytes past 8-byte alignment and ending at a guard page.
    private func check(_ values: [UInt32], bits: Int, previous: Int64 = -1, file: StaticString = #filePath, line: UInt = #line) {
        let packed = BitPacking.packed(values, bits: bits)
        XCTAssertEqual(packed.count, 16 * bits, file: file, line: line)
        var docs: [UInt32] = []
        var last = previous
        for v in values {
            last += 1 + Int64(v)
            docs.append(UInt32(truncatingIfNeeded: last))
        }
        for offset in 0..<8 {
            // The guard page is page-aligned: `offset` bytes of padding after the block shift its start.
            withGuardedBytes(packed + [UInt8](repeating: 0, count: offset)) { p in
                var generic = [UInt32](repeating: 0xDEAD_BEEF, count: 129)
                var block = [UInt32](repeating: 0xDEAD_BEEF, count: 129)
                var gaps = [UInt32](repeating: 0xDEAD_BEEF, count: 129)
                generic.withUnsafeMutableBufferPointer { BitPacking.unpackGeneric(128, bits: bits, from: p, into: $0.baseAddress!) }
                block.withUnsafeMutableBufferPointer { BitPacking.unpackBlock(bits: bits, from: p, into: $0.baseAddress!) }
                let end = gaps.withUnsafeMutableBufferPointer {
                    BitPacking.unpackDocBlock(bits: bits, from: p, into: $0.baseAddress!, after: previous)
                }
                XCTAssertEqual(Array(generic.prefix(128)), values, "generic, bits \(bits)", file: file, line: line)
                XCTAssertEqual(block, generic, "block, bits \(bits) offset \(offset)", file: file, line: line)
                XCTAssertEqual(Array(gaps.prefix(128)), docs, "gaps, bits \(bits) offset \(offset)", file: file, line: line)
                XCTAssertEqual(end, last, "last document, bits \(bits)", file: file, line: line)
                XCTAssertEqual(gaps[128], 0xDEAD_BEEF, "wrote past the block, bits \(bits)", file: file, line: line)
            }
        }
    }

    private static func top(_ bits: Int) -> UInt32 { bits == 0 ? 0 : UInt32(truncatingIfNeeded: (UInt64(1) << UInt64(bits)) - 1) }

    func testEveryWidthOnRandomValues() {
        var rng = SplitMix64(seed: 2026)
        for bits in 0...32 {
            let mask = UInt64(Self.top(bits))
            for _ in 0..<3 {
                check((0..<128).map { _ in UInt32(truncatingIfNeeded: rng.next() & mask) }, bits: bits)
            }
            // Values of every size below the width, not only the large ones random bits give.
            check((0..<128).map { _ in UInt32(truncatingIfNeeded: (rng.next() & mask) >> (rng.next() % 33)) }, bits: bits,
                  previous: Int64(rng.next() % 1_000_000))
        }
    }

    func testEveryWidthAtZeroAndAtItsMaximum() {
        for bits in 0...32 {
            let top = Self.top(bits)
            // Packed at a width above the values': all zeros still decode at any width.
            check([UInt32](repeating: 0, count: 128), bits: bits)
            check([UInt32](repeating: top, count: 128), bits: bits)
            check((0..<128).map { $0 % 2 == 0 ? top : 0 }, bits: bits, previous: 41)
            check((0..<128).map { $0 % 3 == 1 ? 0 : top }, bits: bits)
        }
    }

    func testTheLastDocumentIsExactBeyond32Bits() {
        // 128 gaps of 2³² − 1 pass 2³² many times over: the returned last
        // document is the 64-bit sum (what the cursor checks against its
        // document count), the stores its low bits.
        check([UInt32](repeating: .max, count: 128), bits: 32, previous: Int64(UInt32.max))
    }

    func testShortRunsDecodeGapsLikeAPrefixSum() {
        // Fewer than 128 values (a term's last block) take the generic path, at
        // every width and every length, reading only their own bytes.
        var rng = SplitMix64(seed: 15)
        for bits in 0...32 {
            let mask = UInt64(Self.top(bits))
            for n in [1, 2, 7, 8, 9, 31, 63, 64, 65, 100, 127, 128] {
                let values = (0..<n).map { _ in UInt32(truncatingIfNeeded: rng.next() & mask) }
                let previous = Int64(rng.next() % 1000) - 1
                var expected: [UInt32] = []
                var last = previous
                for v in values {
                    last += 1 + Int64(v)
                    expected.append(UInt32(truncatingIfNeeded: last))
                }
                withGuardedBytes(BitPacking.packed(values, bits: bits)) { p in
                    var out = [UInt32](repeating: 0xDEAD_BEEF, count: n)
                    let end = out.withUnsafeMutableBufferPointer {
                        BitPacking.unpackGaps(n, bits: bits, from: p, into: $0.baseAddress!, after: previous)
                    }
                    XCTAssertEqual(out, expected, "bits \(bits) n \(n)")
                    XCTAssertEqual(end, last, "bits \(bits) n \(n)")
                }
            }
        }
    }

    func testTermFrequenciesUnpackPlusOneAndSum() {
        // `unpackTFs`: every width 0…31 (tf − 1 below 2³¹), full blocks and short runs.
        var rng = SplitMix64(seed: 31)
        for bits in 0...31 {
            let mask = UInt64(Self.top(bits))
            for n in [1, 9, 64, 127, 128] {
                for values in [(0..<n).map { _ in UInt32(truncatingIfNeeded: rng.next() & mask) },
                               [UInt32](repeating: Self.top(bits), count: n)] {
                    withGuardedBytes(BitPacking.packed(values, bits: bits)) { p in
                        var out = [UInt32](repeating: 0xDEAD_BEEF, count: n)
                        let sum = out.withUnsafeMutableBufferPointer {
                            BitPacking.unpackTFs(n, bits: bits, from: p, into: $0.baseAddress!)
                        }
                        XCTAssertEqual(out, values.map { $0 + 1 }, "bits \(bits) n \(n)")
                        XCTAssertEqual(sum, values.reduce(0) { $0 + Int($1) + 1 }, "bits \(bits) n \(n)")
                    }
                }
            }
        }
    }

    func testCursorDecodesFullBlocksOfEveryGapAndTFWidth() {
        // Terms whose full blocks have document gaps of each width 0…31 and
        // tf − 1 of each width 0…6, through the encoder and ``PostingCursor``.
        var rng = SplitMix64(seed: 7)
        var terms: [PostingsTests.Term] = []
        for docBits in 0...31 {
            var t = PostingsTests.Term()
            var doc: UInt64 = 0
            let tfBits = docBits % 7
            for i in 0..<(128 + 128 + 37) {
                t.docs.append(UInt32(doc))
                let tf = 1 + (i == 5 ? UInt64(Self.top(tfBits)) : rng.next() % (UInt64(Self.top(tfBits)) + 1))
                t.tfs.append(UInt32(tf))
                for j in 0..<tf { t.positions.append(UInt32(j * 3)) }
                // One gap per full block at the block's width (the second block's at
                // most 30 bits), the rest small, so the documents stay below 2³².
                let small = rng.next() % (UInt64(Self.top(min(docBits, 2))) + 1)
                let gap = i == 9 ? UInt64(Self.top(docBits)) : i == 137 ? UInt64(Self.top(min(docBits, 30))) : small
                doc += 1 + gap
            }
            terms.append(t)
        }
        var e = Postings.Encoder()
        let infos = terms.map { e.append(docs: $0.docs, tfs: $0.tfs, positions: $0.positions, length: PostingsTests.length) }
        e.postings.bytes.withUnsafeBytes { p in
            e.positions.bytes.withUnsafeBytes { q in
                for (k, t) in terms.enumerated() {
                    let c = PostingCursor(postings: p, positions: q, documentCount: Int(UInt32.max), info: infos[k])
                    var docs: [UInt32] = [], tfs: [UInt32] = []
                    while c.doc != PostingCursor.noMoreDocs {
                        docs.append(c.doc)
                        tfs.append(c.tf)
                        c.next()
                    }
                    XCTAssertFalse(c.isCorrupt, "term \(k)")
                    XCTAssertEqual(docs, t.docs, "term \(k)")
                    XCTAssertEqual(tfs, t.tfs, "term \(k)")
                }
            }
        }
    }
}
