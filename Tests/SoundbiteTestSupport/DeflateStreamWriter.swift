/// Writes DEFLATE streams bit by bit for tests: exact streams that zlib
/// would never make (bad headers, codes for unused symbols, matches too far
/// back, huge repeats), in the fixed code or with hand-given code lengths.
package struct DeflateStreamWriter {
    /// The bytes written so far (the last one possibly partial).
    package private(set) var bytes: [UInt8] = []
    /// Bits used in the last byte (0 = the next bit starts a new byte).
    private var used = 0

    /// Creates an empty stream.
    package init() {}

    /// Appends the low `count` bits of `value`, least-significant first
    /// (header fields, extra bits).
    package mutating func bits(_ value: Int, _ count: Int) {
        for k in 0..<count {
            if used == 0 { bytes.append(0) }
            if value >> k & 1 != 0 { bytes[bytes.count - 1] |= 1 << UInt8(used) }
            used = (used + 1) & 7
        }
    }

    /// Appends a Huffman code of `length` bits, most-significant first.
    package mutating func code(_ value: Int, _ length: Int) {
        for k in stride(from: length - 1, through: 0, by: -1) { bits(value >> k & 1, 1) }
    }

    /// Pads to a byte boundary with zero bits.
    package mutating func align() { if used != 0 { bits(0, 8 - used) } }

    /// A block header: BFINAL and BTYPE (0 stored, 1 fixed, 2 dynamic, 3 reserved).
    package mutating func header(final: Bool, type: Int) {
        bits(final ? 1 : 0, 1)
        bits(type, 2)
    }

    /// A whole stored block holding `data` (at most 65535 bytes).
    package mutating func storedBlock(_ data: [UInt8], final: Bool) {
        header(final: final, type: 0)
        align()
        bits(data.count, 16)
        bits(data.count ^ 0xFFFF, 16)
        for b in data { bits(Int(b), 8) }
    }

    /// A literal/length symbol (0…287) in the fixed code.
    package mutating func fixedSymbol(_ s: Int) {
        switch s {
        case 0..<144: code(0x30 + s, 8)
        case 144..<256: code(0x190 + s - 144, 9)
        case 256..<280: code(s - 256, 7)
        default: code(0xC0 + s - 280, 8)
        }
    }

    /// Length bases of symbols 257…285 (RFC 1951 §3.2.5).
    package static let lengthBases = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31,
                              35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258]
    /// Distance bases of codes 0…29.
    package static let distanceBases = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193,
                                257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577]

    /// A match of `length` (3…258) bytes `distance` (1…32768) back, in the fixed code.
    package mutating func fixedMatch(length: Int, distance: Int) {
        let l = Self.lengthBases.lastIndex { $0 <= length }!
        fixedSymbol(257 + l)
        let lengthExtra = l == 28 ? 0 : max(0, l / 4 - 1)
        bits(length - Self.lengthBases[l], lengthExtra)
        let d = Self.distanceBases.lastIndex { $0 <= distance }!
        code(d, 5)
        bits(distance - Self.distanceBases[d], d < 4 ? 0 : d / 2 - 1)
    }

    /// A fixed-code block of literals.
    package mutating func fixedBlock(_ data: [UInt8], final: Bool) {
        header(final: final, type: 1)
        for b in data { fixedSymbol(Int(b)) }
        fixedSymbol(256)
    }
}
