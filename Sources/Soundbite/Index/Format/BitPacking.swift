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
    /// nothing past them is read.
    @inline(__always)
    static func unpack(_ n: Int, bits: Int, from p: UnsafeRawPointer, into out: UnsafeMutablePointer<UInt32>) {
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
