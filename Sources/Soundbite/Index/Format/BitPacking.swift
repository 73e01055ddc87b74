/// Fixed-width bit packing of up to ``Postings/blockSize`` unsigned values,
/// the encoding of postings blocks and position chunks (as Lucene's and
/// tantivy's blocks of 128): every value takes the same `bits` (0…32), value
/// `i` occupying bits `i·bits ..< (i+1)·bits` of the little-endian bit
/// stream, low bit first; `n` values take ``byteCount(_:bits:)`` bytes, the
/// last byte padded with zero bits.
enum BitPacking {
    /// Bytes that `n` values of `bits` bits take.
    @inline(__always)
    static func byteCount(_ n: Int, bits: Int) -> Int { (n * bits + 7) >> 3 }

    /// The fewest bits that hold every value of `values` (0 when all are 0).
    static func bitWidth(_ values: some Sequence<UInt32>) -> Int {
        var all: UInt32 = 0
        for v in values { all |= v }
        return UInt32.bitWidth - all.leadingZeroBitCount
    }

    /// Appends `values` packed at `bits` bits each (every value must fit).
    static func pack(_ values: some Sequence<UInt32>, bits: Int, into w: inout ByteWriter) {
        guard bits > 0 else { return }
        var buffer: UInt64 = 0
        var filled = 0
        for v in values {
            buffer |= UInt64(v) << UInt64(filled)
            filled += bits
            while filled >= 8 {
                w.u8(UInt8(truncatingIfNeeded: buffer))
                buffer >>= 8
                filled -= 8
            }
        }
        if filled > 0 { w.u8(UInt8(truncatingIfNeeded: buffer)) }
    }

    /// Unpacks `n` values of `bits` bits (0…32) from `p` into `out`. The
    /// caller has checked that ``byteCount(_:bits:)`` bytes are readable at `p`;
    /// nothing past them is read. A full block of ``Postings/blockSize``
    /// values goes to an unpacker specialised for its width
    /// (``unpackBlock(bits:from:into:)``); shorter runs to ``unpackGeneric(_:bits:from:into:)``.
    @inline(__always)
    static func unpack(_ n: Int, bits: Int, from p: UnsafeRawPointer, into out: UnsafeMutablePointer<UInt32>) {
        if n == blockValues { unpackBlock(bits: bits, from: p, into: out) } else { unpackGeneric(n, bits: bits, from: p, into: out) }
    }

    /// Values in a full block (``Postings/blockSize``; position chunks hold as many).
    static let blockValues = 128

    /// Unpacks one full block of 128 values of `bits` bits (0…32) from the
    /// `16 · bits` bytes at `p`: a switch on the width to a loop whose shifts
    /// and offsets are constants (as tantivy's bitpacker and Lucene's ForUtil
    /// specialise per width). Same values as ``unpackGeneric(_:bits:from:into:)``.
    static func unpackBlock(bits: Int, from p: UnsafeRawPointer, into out: UnsafeMutablePointer<UInt32>) {
        switch bits {
        case 0: out.update(repeating: 0, count: blockValues)
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
        case 32:
            for i in 0..<blockValues { out[i] = UInt32(littleEndian: p.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self)) }
        default: unpackGeneric(blockValues, bits: bits, from: p, into: out)
        }
    }

    /// 128 values of `b` (1…31, a constant where inlined) bits: 16 groups of
    /// 8 values, each group `b` whole bytes, so every value is one 8-byte
    /// load at a constant offset, shifted by a constant. The groups whose
    /// loads would reach past the block's `16 · b` bytes read a zero-padded
    /// copy of the block's tail instead.
    @inline(__always)
    private static func unpackBlock(_ p: UnsafeRawPointer, _ out: UnsafeMutablePointer<UInt32>, width b: Int) {
        let mask: UInt64 = (1 << UInt64(b)) - 1
        let bytes = 16 * b
        // Group g's last load ends at g·b + (7·b >> 3) + 8: the groups below `safe` stay inside.
        let reach = (7 * b) >> 3 + 8
        let safe = bytes >= reach ? min(16, (bytes - reach) / b + 1) : 0
        var g = 0
        while g < safe {
            group(p + g * b, out + 8 * g, width: b, mask: mask)
            g += 1
        }
        guard safe < 16 else { return }
        // The tail: at most (7·32 >> 3) + 8 = 36 bytes, read from 48 zero-padded ones.
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

    /// 8 values of `b` bits from the `b` bytes at `q` (8 bytes readable from each value's first byte).
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

    /// Unpacks `n` values of `bits` bits (0…32), any `n` up to a block: the
    /// reference the specialised unpackers are tested against, and the path
    /// for a term's last, short block. Reads only ``byteCount(_:bits:)`` bytes at `p`.
    static func unpackGeneric(_ n: Int, bits: Int, from p: UnsafeRawPointer, into out: UnsafeMutablePointer<UInt32>) {
        guard bits > 0 else {
            out.update(repeating: 0, count: n)
            return
        }
        let mask: UInt64 = (1 << UInt64(bits)) - 1
        let bytes = byteCount(n, bits: bits)
        // Whole 8-byte loads while they stay inside the packed bytes, then a byte-wise tail.
        var i = 0, bit = 0
        while i < n && (bit >> 3) + 8 <= bytes {
            let word = UInt64(littleEndian: p.loadUnaligned(fromByteOffset: bit >> 3, as: UInt64.self))
            out[i] = UInt32(truncatingIfNeeded: (word >> UInt64(bit & 7)) & mask)
            bit += bits
            i += 1
        }
        while i < n {
            let first = bit >> 3
            var word: UInt64 = 0
            var k = 0
            while k < 8 && first + k < bytes {
                word |= UInt64(p.load(fromByteOffset: first + k, as: UInt8.self)) << UInt64(8 * k)
                k += 1
            }
            out[i] = UInt32(truncatingIfNeeded: (word >> UInt64(bit & 7)) & mask)
            bit += bits
            i += 1
        }
    }
}
