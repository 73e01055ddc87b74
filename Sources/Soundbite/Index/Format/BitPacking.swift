/// Fixed-width bit packing of up to ``Postings/blockSize`` unsigned values,
/// the encoding of postings blocks and position chunks (as Lucene's and
/// tantivy's blocks of 128): every value takes the same `bits` (0…32), value
/// `i` occupying bits `i·bits ..< (i+1)·bits` of the little-endian bit
/// stream, low bit first; `n` values take ``byteCount(_:bits:)`` bytes, the
/// last byte padded with zero bits.
package enum BitPacking {
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

    /// `values` packed at `bits` bits each, as bytes (for the benchmarks, which cannot see ``ByteWriter``).
    package static func packed(_ values: [UInt32], bits: Int) -> [UInt8] {
        var w = ByteWriter()
        pack(values, bits: bits, into: &w)
        return w.bytes
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

    /// Unpacks `n` document gaps (`doc − previous − 1`, `bits` bits each,
    /// 0…32) from `p` and writes the documents to `out`, the first following
    /// `previous` (−1 before a term's first): a full block unpacks and sums in
    /// one pass (``unpackDocBlock(bits:from:into:after:)``). Returns the last
    /// document, exact in 64 bits (`n` ≤ 128 gaps below 2³² cannot overflow);
    /// the stores are its low 32 bits. Reads ``byteCount(_:bits:)`` bytes.
    @inline(__always)
    static func unpackGaps(_ n: Int, bits: Int, from p: UnsafeRawPointer, into out: UnsafeMutablePointer<UInt32>,
                           after previous: Int64) -> Int64 {
        if n == blockValues { return unpackDocBlock(bits: bits, from: p, into: out, after: previous) }
        unpackGeneric(n, bits: bits, from: p, into: out)
        var last = previous
        for i in 0..<n {
            last += 1 + Int64(out[i])
            out[i] = UInt32(truncatingIfNeeded: last)
        }
        return last
    }

    /// Unpacks `n` stored term frequencies (`tf − 1`, `bits` bits each, 0…31,
    /// so `tf` never wraps) from `p` and writes the frequencies to `out`; a
    /// full block unpacks, adds 1 and sums in one pass. Returns Σ tf. Reads
    /// ``byteCount(_:bits:)`` bytes.
    @inline(__always)
    package static func unpackTFs(_ n: Int, bits: Int, from p: UnsafeRawPointer, into out: UnsafeMutablePointer<UInt32>) -> Int {
        if n == blockValues && bits >= 1 && bits <= laneMaxBits {
            var sink = TFLanes(out: out)
            unpackLanes(bits: bits, from: p, into: &sink)
            return sink.sum
        }
        if n == blockValues {
            var sink = IncrementSink(out: out)
            unpackBlock(bits: bits, from: p, into: &sink)
            return sink.sum + n
        }
        unpackGeneric(n, bits: bits, from: p, into: out)
        var sum = 0
        for i in 0..<n {
            let t = out[i] &+ 1
            out[i] = t
            sum &+= Int(t)
        }
        return sum
    }

    /// Values in a full block (``Postings/blockSize``; position chunks hold as many).
    package static let blockValues = 128

    /// Unpacks one full block of 128 values of `bits` bits (0…32) from the
    /// `16 · bits` bytes at `p` into `out`: the width's straight-line unpacker
    /// (BitPacking+Unpackers.swift: constant shifts, no loop, as tantivy's
    /// bitpacker and Lucene's ForUtil specialise per width), four values a
    /// step in SIMD lanes up to ``laneMaxBits`` (``LaneSink``). Same values as
    /// ``unpackGeneric(_:bits:from:into:)``; nothing past the block is read.
    package static func unpackBlock(bits: Int, from p: UnsafeRawPointer, into out: UnsafeMutablePointer<UInt32>) {
        if bits >= 1 && bits <= laneMaxBits {
            var rows = LaneRows(out: out)
            unpackLanes(bits: bits, from: p, into: &rows)
            return
        }
        var sink = StoreSink(out: out)
        unpackBlock(bits: bits, from: p, into: &sink)
    }

    /// Unpacks one full block of 128 document gaps (`doc − previous − 1`,
    /// `bits` bits each) from the `16 · bits` bytes at `p` and writes the
    /// documents to `out`, the first following `previous` (−1 before a
    /// term's first): the unpacking and the prefix sum in one pass. Returns
    /// the last document, exact (not truncated to 32 bits: 128 gaps of at
    /// most 2³² − 1 cannot overflow), so a caller checks it against the
    /// document count; the stores are its low 32 bits.
    package static func unpackDocBlock(bits: Int, from p: UnsafeRawPointer, into out: UnsafeMutablePointer<UInt32>,
                                       after previous: Int64) -> Int64 {
        if bits >= 1 && bits <= laneMaxBits {
            var sink = DocLanes(out: out)
            unpackLanes(bits: bits, from: p, into: &sink)
            return sink.finish(after: previous)
        }
        var sink = PrefixSumSink(out: out, last: previous)
        unpackBlock(bits: bits, from: p, into: &sink)
        return sink.last
    }

    /// The switch on the width to its unpacker, specialised per sink.
    @inline(__always)
    private static func unpackBlock<S: BlockSink>(bits: Int, from p: UnsafeRawPointer, into sink: inout S) {
        switch bits {
        case 0: for i in 0..<blockValues { sink.put(i, 0) }
        case 1: unpack1(p, &sink)
        case 2: unpack2(p, &sink)
        case 3: unpack3(p, &sink)
        case 4: unpack4(p, &sink)
        case 5: unpack5(p, &sink)
        case 6: unpack6(p, &sink)
        case 7: unpack7(p, &sink)
        case 8: unpack8(p, &sink)
        case 9: unpack9(p, &sink)
        case 10: unpack10(p, &sink)
        case 11: unpack11(p, &sink)
        case 12: unpack12(p, &sink)
        case 13: unpack13(p, &sink)
        case 14: unpack14(p, &sink)
        case 15: unpack15(p, &sink)
        case 16: unpack16(p, &sink)
        case 17: unpack17(p, &sink)
        case 18: unpack18(p, &sink)
        case 19: unpack19(p, &sink)
        case 20: unpack20(p, &sink)
        case 21: unpack21(p, &sink)
        case 22: unpack22(p, &sink)
        case 23: unpack23(p, &sink)
        case 24: unpack24(p, &sink)
        case 25: unpack25(p, &sink)
        case 26: unpack26(p, &sink)
        case 27: unpack27(p, &sink)
        case 28: unpack28(p, &sink)
        case 29: unpack29(p, &sink)
        case 30: unpack30(p, &sink)
        case 31: unpack31(p, &sink)
        case 32: unpack32(p, &sink)
        default: preconditionFailure("bit width \(bits) above 32")
        }
    }

    /// Unpacks `n` values of `bits` bits (0…32), any `n` up to a block: the
    /// reference the specialised unpackers are tested against, and the path
    /// for a term's last, short block. Reads only ``byteCount(_:bits:)`` bytes at `p`.
    package static func unpackGeneric(_ n: Int, bits: Int, from p: UnsafeRawPointer, into out: UnsafeMutablePointer<UInt32>) {
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

/// Where a block unpacker puts value `i` (0…127) of a block, already masked
/// to its width: a store, or a store of a running sum. A value type whose
/// ``put(_:_:)`` is inlined into the straight-line unpackers.
protocol BlockSink {
    /// Takes value `i` of the block (the values come in order, 0 first).
    mutating func put(_ i: Int, _ value: UInt64)
}

/// Stores each value as it is.
struct StoreSink: BlockSink {
    let out: UnsafeMutablePointer<UInt32>

    @inline(__always)
    mutating func put(_ i: Int, _ value: UInt64) { out[i] = UInt32(truncatingIfNeeded: value) }
}

/// Stores the running sum `last += value + 1`: documents from their gaps.
struct PrefixSumSink: BlockSink {
    let out: UnsafeMutablePointer<UInt32>
    /// The document before the next value (exact, 64 bits).
    var last: Int64

    @inline(__always)
    mutating func put(_ i: Int, _ value: UInt64) {
        last &+= Int64(truncatingIfNeeded: value) &+ 1
        out[i] = UInt32(truncatingIfNeeded: last)
    }
}

/// Stores `value + 1` (a tf from its stored `tf − 1`, below 2³¹) and sums the values.
struct IncrementSink: BlockSink {
    let out: UnsafeMutablePointer<UInt32>
    /// Σ value so far.
    var sum = 0

    @inline(__always)
    mutating func put(_ i: Int, _ value: UInt64) {
        out[i] = UInt32(truncatingIfNeeded: value) &+ 1
        sum &+= Int(truncatingIfNeeded: value)
    }
}

/// Where a lane unpacker (BitPacking+Unpackers.swift, `lanesB`) puts step
/// `t` (0…31) of a block of 128 values read as four lanes of 32: `v[j]` is
/// value `32·j + t`, masked to its width. Lane `j`'s values start at the
/// block's 32-bit word `j · b`, so every lane's value `t` lies at the same
/// bit offset and one vector shift unpacks four (the block's layout is the
/// plain bit stream: nothing about it changes). A value type whose
/// ``put(_:_:)`` is inlined into the unpackers; steps come in order, 0 first.
protocol LaneSink {
    /// Takes step `t` of the block.
    mutating func put(_ t: Int, _ v: SIMD4<UInt32>)
}

/// Stores the lanes' values in block order: the vectors of steps
/// `t − 3 … t` (`t ≡ 3 mod 4`), transposed, are values `32·j + t − 3 … 32·j + t`
/// of each lane `j`, four stores of four.
struct LaneRows: LaneSink {
    let out: UnsafeMutablePointer<UInt32>
    private var a = SIMD4<UInt32>(), b = SIMD4<UInt32>(), c = SIMD4<UInt32>()

    init(out: UnsafeMutablePointer<UInt32>) { self.out = out }

    @inline(__always)
    mutating func put(_ t: Int, _ v: SIMD4<UInt32>) {
        switch t & 3 {
        case 0: a = v
        case 1: b = v
        case 2: c = v
        default:
            let row = UnsafeMutableRawPointer(out + (t - 3))
            row.storeBytes(of: SIMD4(a[0], b[0], c[0], v[0]), toByteOffset: 0, as: SIMD4<UInt32>.self)
            row.storeBytes(of: SIMD4(a[1], b[1], c[1], v[1]), toByteOffset: 128, as: SIMD4<UInt32>.self)
            row.storeBytes(of: SIMD4(a[2], b[2], c[2], v[2]), toByteOffset: 256, as: SIMD4<UInt32>.self)
            row.storeBytes(of: SIMD4(a[3], b[3], c[3], v[3]), toByteOffset: 384, as: SIMD4<UInt32>.self)
        }
    }
}

/// Documents from their gaps, four lanes at a time: each lane keeps the
/// running sum `Σ (gap + 1)` of its own values (below 2³¹ for widths up to
/// ``BitPacking/laneMaxBits``: exact), stored as it goes; ``finish(after:)``
/// adds to each lane the document before it (the previous one and the
/// lanes before), as ``PrefixSumSink`` sums them one by one.
struct DocLanes: LaneSink {
    private var rows: LaneRows
    private var sum = SIMD4<UInt32>()

    init(out: UnsafeMutablePointer<UInt32>) { rows = LaneRows(out: out) }

    @inline(__always)
    mutating func put(_ t: Int, _ v: SIMD4<UInt32>) {
        sum &+= v &+ 1
        rows.put(t, sum)
    }

    /// Adds the lanes' offsets (the first document follows `previous`) and
    /// returns the last document, exact in 64 bits; the stores are its low 32 bits.
    @inline(__always)
    mutating func finish(after previous: Int64) -> Int64 {
        var offset = UInt32(truncatingIfNeeded: previous)
        let out = UnsafeMutableRawPointer(rows.out)
        for j in 0..<4 {
            let add = SIMD4<UInt32>(repeating: offset)
            for r in 0..<8 {
                let at = 128 * j + 16 * r
                out.storeBytes(of: out.loadUnaligned(fromByteOffset: at, as: SIMD4<UInt32>.self) &+ add,
                               toByteOffset: at, as: SIMD4<UInt32>.self)
            }
            offset &+= sum[j]
        }
        return previous &+ Int64(sum[0]) &+ Int64(sum[1]) &+ Int64(sum[2]) &+ Int64(sum[3])
    }
}

/// Term frequencies from their stored `tf − 1`, four lanes at a time, and
/// their sum (each lane's below 2³¹ up to ``BitPacking/laneMaxBits``: exact).
struct TFLanes: LaneSink {
    private var rows: LaneRows
    private var lanes = SIMD4<UInt32>()

    init(out: UnsafeMutablePointer<UInt32>) { rows = LaneRows(out: out) }

    @inline(__always)
    mutating func put(_ t: Int, _ v: SIMD4<UInt32>) {
        let tf = v &+ 1
        lanes &+= tf
        rows.put(t, tf)
    }

    /// Σ tf of the block.
    var sum: Int { Int(lanes[0]) + Int(lanes[1]) + Int(lanes[2]) + Int(lanes[3]) }
}
