/// A table-driven decoder for one canonical Huffman code of DEFLATE
/// (RFC 1951 §3.2.2): codes are read least-significant bit first, so the
/// table is indexed by the next `primaryBits` bits of the stream; a code
/// longer than that points to a second-level table indexed by the bits
/// after them.
///
/// Each entry is one `UInt32`:
///
///     bits 0–3    code length in bits (second-level pointer: its index width)
///     bits 4–7    extra bits that follow the code (lengths and distances)
///     bits 8–10   kind: literal, base (+ extra), end of block, pointer, invalid
///     bits 16–31  value: literal byte or symbol, base, or second-level offset
///
/// Building is O(2^primaryBits + symbols); decoding one symbol is one or two
/// table loads.
struct HuffmanTable: Sendable {
    /// What an entry decodes to.
    enum Kind {
        static let literal: UInt32 = 0
        static let base: UInt32 = 1 << 8
        static let endOfBlock: UInt32 = 2 << 8
        static let pointer: UInt32 = 3 << 8
        static let invalid: UInt32 = 4 << 8
        static let mask: UInt32 = 7 << 8
    }

    /// The longest code DEFLATE allows.
    static let maxCodeLength = 15

    /// The entries: `1 << primaryBits` first-level ones, then the second-level tables.
    private(set) var entries: [UInt32]
    /// Bits the first level is indexed by.
    let primaryBits: Int

    /// An entry's payload before the code length is added: kind, extra bits, value.
    static func info(kind: UInt32, extraBits: Int = 0, value: Int) -> UInt32 {
        UInt32(value) << 16 | kind | UInt32(extraBits) << 4
    }

    /// Builds the decoder of a code from its code lengths (`lengths[s]` for
    /// symbol `s`, 0 = unused), with `symbolInfo[s]` the entry payload of each
    /// symbol.
    ///
    /// An over-subscribed set of lengths is refused. An incomplete set is
    /// refused unless `allowsSparse` and it has at most one code, of length 1
    /// (RFC 1951 §3.2.7: one distance code is sent with one bit; no distance
    /// codes at all is a block of literals); the unused codes decode as invalid.
    init(lengths: UnsafeBufferPointer<UInt8>, symbolInfo: UnsafeBufferPointer<UInt32>, primaryBits: Int,
         allowsSparse: Bool) throws(HuffmanTableError) {
        self.primaryBits = primaryBits
        var count = [Int](repeating: 0, count: Self.maxCodeLength + 1)
        for length in lengths { count[Int(length)] += 1 }
        count[0] = 0
        var left = 1
        for length in 1...Self.maxCodeLength {
            left = left << 1 - count[length]
            if left < 0 { throw .overSubscribed }
        }
        let used = lengths.count - lengths.reduce(0) { $0 + ($1 == 0 ? 1 : 0) }
        if left > 0, !(allowsSparse && used <= 1 && count[1] == used) { throw .incomplete }

        // First canonical code of each length (RFC 1951 §3.2.2, step 2).
        var next = [Int](repeating: 0, count: Self.maxCodeLength + 2)
        var code = 0
        for length in 1...Self.maxCodeLength {
            code = (code + count[length - 1]) << 1
            next[length] = code
        }
        // Each symbol's code, bit-reversed (the stream sends it first bit first).
        let primarySize = 1 << primaryBits
        let primaryMask = primarySize - 1
        var reversed = [Int](repeating: 0, count: lengths.count)
        var longest = [Int](repeating: 0, count: primarySize)
        for s in 0..<lengths.count where lengths[s] != 0 {
            let length = Int(lengths[s])
            var c = next[length]
            next[length] += 1
            var r = 0
            for _ in 0..<length { r = r << 1 | c & 1; c >>= 1 }
            reversed[s] = r
            if length > primaryBits { longest[r & primaryMask] = max(longest[r & primaryMask], length) }
        }
        // Lay out the second-level tables after the first level.
        var offsets = [Int](repeating: 0, count: primarySize)
        var size = primarySize
        var table = [UInt32](repeating: Kind.invalid, count: primarySize)
        for prefix in 0..<primarySize where longest[prefix] > 0 {
            let bits = longest[prefix] - primaryBits
            offsets[prefix] = size
            table[prefix] = Self.info(kind: Kind.pointer, value: size) | UInt32(bits)
            size += 1 << bits
        }
        table += [UInt32](repeating: Kind.invalid, count: size - primarySize)
        for s in 0..<lengths.count where lengths[s] != 0 {
            let length = Int(lengths[s])
            let entry = symbolInfo[s] | UInt32(length)
            let r = reversed[s]
            if length <= primaryBits {
                var i = r
                while i < primarySize { table[i] = entry; i += 1 << length }
            } else {
                let prefix = r & primaryMask
                let width = 1 << (longest[prefix] - primaryBits)
                var i = r >> primaryBits
                while i < width { table[offsets[prefix] + i] = entry; i += 1 << (length - primaryBits) }
            }
        }
        entries = table
    }
}

/// Why a set of code lengths is no prefix code.
enum HuffmanTableError: Error, Sendable {
    /// More codes than the lengths can hold.
    case overSubscribed
    /// Codes left unused where the format requires a complete code.
    case incomplete
}
