/// Appends little-endian integers, floats, varints and length-prefixed
/// strings to a growing byte array: the writing half of every section.
struct ByteWriter {
    /// The bytes written so far.
    private(set) var bytes: [UInt8] = []

    /// Number of bytes written.
    var count: Int { bytes.count }

    /// Forgets the content, keeping the capacity.
    mutating func clear() { bytes.removeAll(keepingCapacity: true) }

    /// Appends raw bytes.
    mutating func append(_ other: [UInt8]) { bytes.append(contentsOf: other) }

    /// Appends one byte.
    mutating func u8(_ v: UInt8) { bytes.append(v) }

    /// Appends a little-endian UInt16.
    mutating func u16(_ v: UInt16) {
        bytes.append(UInt8(truncatingIfNeeded: v))
        bytes.append(UInt8(truncatingIfNeeded: v >> 8))
    }

    /// Appends a little-endian UInt32.
    mutating func u32(_ v: UInt32) {
        for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: v >> UInt32(shift))) }
    }

    /// Appends a little-endian UInt64.
    mutating func u64(_ v: UInt64) {
        for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: v >> UInt64(shift))) }
    }

    /// Appends an IEEE-754 double, little-endian.
    mutating func f64(_ v: Double) { u64(v.bitPattern) }

    /// Appends an unsigned LEB128 varint (7 bits a byte, high bit = more).
    @inline(__always)
    mutating func varint(_ v: UInt64) {
        var v = v
        while v >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    /// Appends a UTF-8 string prefixed by its byte length (u32).
    mutating func string(_ s: String) {
        u32(UInt32(s.utf8.count))
        bytes.append(contentsOf: s.utf8)
    }

    /// Pads with zero bytes up to a multiple of `alignment`.
    mutating func align(to alignment: Int) {
        while bytes.count % alignment != 0 { bytes.append(0) }
    }
}
