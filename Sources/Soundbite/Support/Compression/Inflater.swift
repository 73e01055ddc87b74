/// A DEFLATE decoder (RFC 1951): stored, fixed-Huffman and dynamic-Huffman
/// blocks, on bytes, table-driven (``HuffmanTable``), bounded.
///
/// - The output never grows past the caller's `limit`: a stream that would
///   (a zip bomb, or an archive that lies about its sizes) is refused with
///   ``DeflateError/Reason/outputLimit(_:)`` before the excess is written.
/// - Every malformed stream is a ``DeflateError`` naming the byte where it
///   went wrong; no input traps or loops: each step consumes input bits or
///   writes output, and reading past the end is an error.
///
/// - Complexity: O(compressed + decompressed bytes), plus O(1) per block to
///   build its tables.
package enum Inflater {
    /// Decodes the raw DEFLATE stream at the start of `input` (bytes after
    /// its final block are ignored; `consumed` says where it ended).
    ///
    /// `sizeHint`, when the caller knows the decompressed size, sizes the
    /// output once.
    package static func inflate(_ input: UnsafeRawBufferPointer, limit: Int, sizeHint: Int = 0)
        throws(DeflateError) -> (bytes: [UInt8], consumed: Int) {
        var state = InflateState(input: input, limit: max(0, limit), sizeHint: sizeHint)
        defer { state.output.deallocate() }
        do {
            try state.run()
        } catch {
            // Whatever a read past the end ran into, the cause is the cut.
            try state.bits.checkNotOverrun()
            throw error
        }
        let consumed = state.bits.consumedBytes
        return (state.output.array(), consumed)
    }

    /// Decodes the raw DEFLATE stream at the start of `input`.
    package static func inflate(_ input: [UInt8], limit: Int, sizeHint: Int = 0)
        throws(DeflateError) -> (bytes: [UInt8], consumed: Int) {
        let result = input.withUnsafeBytes { buffer in
            Result { () throws(DeflateError) in try inflate(buffer, limit: limit, sizeHint: sizeHint) }
        }
        return try result.get()
    }

    // MARK: - Code tables (RFC 1951 §3.2.5)

    /// Entry payloads of the literal/length symbols 0…287: literals, end of
    /// block, the 29 length codes with their bases and extra bits, and the
    /// two symbols that must not occur.
    static let literalLengthInfo: [UInt32] = {
        let bases = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31,
                     35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258]
        let extra = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2,
                     3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
        var info = (0..<256).map { HuffmanTable.info(kind: HuffmanTable.Kind.literal, value: $0) }
        info.append(HuffmanTable.info(kind: HuffmanTable.Kind.endOfBlock, value: 0))
        for i in 0..<29 { info.append(HuffmanTable.info(kind: HuffmanTable.Kind.base, extraBits: extra[i], value: bases[i])) }
        info += [HuffmanTable.Kind.invalid, HuffmanTable.Kind.invalid]
        return info
    }()

    /// Entry payloads of the distance symbols 0…31 (30 and 31 must not occur).
    static let distanceInfo: [UInt32] = {
        var info: [UInt32] = []
        var base = 1
        for i in 0..<30 {
            let extra = i < 4 ? 0 : i / 2 - 1
            info.append(HuffmanTable.info(kind: HuffmanTable.Kind.base, extraBits: extra, value: base))
            base += 1 << extra
        }
        return info + [HuffmanTable.Kind.invalid, HuffmanTable.Kind.invalid]
    }()

    /// Entry payloads of the code-length alphabet 0…18 (the symbol itself).
    static let codeLengthInfo: [UInt32] = (0..<19).map { HuffmanTable.info(kind: HuffmanTable.Kind.literal, value: $0) }

    /// The order code-length code lengths are sent in.
    static let codeLengthOrder: [Int] = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]

    /// First-level index widths.
    static let literalLengthBits = 10
    static let distanceBits = 8
    static let codeLengthBits = 7

    /// The fixed literal/length and distance codes (RFC 1951 §3.2.6).
    static let fixedTables: (literalLength: HuffmanTable, distance: HuffmanTable) = {
        var lengths = [UInt8](repeating: 8, count: 288)
        for s in 144..<256 { lengths[s] = 9 }
        for s in 256..<280 { lengths[s] = 7 }
        let distances = [UInt8](repeating: 5, count: 32)
        // Complete codes of valid lengths: building cannot fail.
        let literalLength = try! lengths.withUnsafeBufferPointer { l in
            try literalLengthInfo.withUnsafeBufferPointer { i in
                try HuffmanTable(lengths: l, symbolInfo: i, primaryBits: literalLengthBits, allowsSparse: false)
            }
        }
        let distance = try! distances.withUnsafeBufferPointer { l in
            try distanceInfo.withUnsafeBufferPointer { i in
                try HuffmanTable(lengths: l, symbolInfo: i, primaryBits: distanceBits, allowsSparse: false)
            }
        }
        return (literalLength, distance)
    }()
}

/// The bit reader of ``Inflater``: a 64-bit buffer filled eight bytes at a
/// time, least-significant bit first. Past the end of the input it reads
/// zero bytes and counts them, so a lookahead near the end is safe and
/// consuming any of them is reported as truncation.
struct InflateBits {
    /// The input.
    let start: UnsafePointer<UInt8>
    /// One past the last input byte.
    let end: UnsafePointer<UInt8>
    /// The next byte to load.
    var next: UnsafePointer<UInt8>
    /// Buffered bits, the next one in bit 0. Bits at and above `count` may
    /// hold a copy of the next byte's low bits (which the next load ORs in again).
    var buffer: UInt64 = 0
    /// Valid bits in `buffer`.
    var count = 0
    /// Zero bytes loaded past the end of the input.
    var overrun = 0

    init(_ input: UnsafeRawBufferPointer) {
        // An empty buffer may have no base address: point at a static byte.
        let base = input.baseAddress.map { $0.assumingMemoryBound(to: UInt8.self) } ?? UnsafePointer(InflateBits.emptyInput)
        start = base
        end = base + input.count
        next = base
    }

    /// A valid address for an empty input.
    nonisolated(unsafe) private static let emptyInput = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)

    /// Bytes of input consumed so far (a partly read byte counts).
    var consumedBytes: Int {
        let bitsRead = (next - start + overrun) * 8 - count
        return min(end - start, (bitsRead + 7) / 8)
    }

    /// Byte offset for error messages.
    var offset: Int { max(0, min(end - start, ((next - start + overrun) * 8 - count) / 8)) }

    /// Fills the buffer to at least 56 valid bits.
    @inline(__always)
    mutating func refill() throws(DeflateError) {
        if end - next >= 8 {
            buffer |= UInt64(littleEndian: UnsafeRawPointer(next).loadUnaligned(as: UInt64.self)) << UInt64(count)
            next += (63 - count) >> 3
            count |= 56
        } else {
            try refillNearEnd()
        }
    }

    /// The byte-at-a-time refill for the last bytes of the input.
    mutating func refillNearEnd() throws(DeflateError) {
        if overrun * 8 > count { throw DeflateError(.truncated, offset: end - start) }
        while count <= 56 {
            if next < end {
                buffer |= UInt64(next.pointee) << UInt64(count)
                next += 1
            } else {
                overrun += 1
            }
            count += 8
        }
    }

    /// Takes `n` (≤ 32) bits from a buffer that holds them.
    @inline(__always)
    mutating func take(_ n: Int) -> UInt32 {
        let value = UInt32(truncatingIfNeeded: buffer & ((1 << UInt64(n)) - 1))
        buffer >>= UInt64(n)
        count -= n
        return value
    }

    /// Reads `n` (≤ 32) bits, refilling first.
    mutating func read(_ n: Int) throws(DeflateError) -> UInt32 {
        if count < n { try refill() }
        return take(n)
    }

    /// Throws when a bit past the end of the input has been consumed.
    func checkNotOverrun() throws(DeflateError) {
        if overrun * 8 > count { throw DeflateError(.truncated, offset: end - start) }
    }

    /// Drops the bits up to the next byte boundary and returns the byte
    /// position reached, forgetting the buffer (for stored blocks).
    mutating func alignToByte() throws(DeflateError) -> Int {
        _ = take(count & 7)
        try checkNotOverrun()
        let position = next - start + overrun - count / 8
        buffer = 0
        count = 0
        overrun = 0
        next = start + position
        return position
    }
}

/// The decompressed bytes of ``Inflater``: one allocation, grown by
/// doubling up to the limit, with 16 bytes of slack so a match may be
/// copied eight bytes at a time.
struct InflateOutput {
    /// The bytes.
    private(set) var base: UnsafeMutablePointer<UInt8>
    /// Bytes written.
    var count = 0
    /// Usable capacity (the allocation is 16 bytes larger).
    private(set) var capacity: Int
    /// Most bytes the output may hold.
    let limit: Int

    static let slack = 16

    init(limit: Int, sizeHint: Int) {
        self.limit = limit
        capacity = min(limit, max(sizeHint, 4096))
        base = .allocate(capacity: capacity + Self.slack)
    }

    func deallocate() { base.deallocate() }

    /// Makes room for `n` more bytes; throws when that passes the limit.
    @inline(__always)
    mutating func reserve(_ n: Int, offset: @autoclosure () -> Int) throws(DeflateError) {
        if count + n > capacity { try grow(count + n, offset: offset()) }
    }

    mutating func grow(_ needed: Int, offset: Int) throws(DeflateError) {
        if needed > limit { throw DeflateError(.outputLimit(limit), offset: offset) }
        var newCapacity = capacity
        while newCapacity < needed { newCapacity = newCapacity > limit / 2 ? limit : newCapacity * 2 }
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity + Self.slack)
        newBase.update(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }

    /// The bytes as an array.
    func array() -> [UInt8] { Array(UnsafeBufferPointer(start: base, count: count)) }
}

/// One decoding run of ``Inflater``.
struct InflateState {
    var bits: InflateBits
    var output: InflateOutput

    init(input: UnsafeRawBufferPointer, limit: Int, sizeHint: Int) {
        bits = InflateBits(input)
        output = InflateOutput(limit: limit, sizeHint: sizeHint)
    }

    /// Decodes blocks up to and including the final one.
    mutating func run() throws(DeflateError) {
        var final = false
        while !final {
            try bits.refill()
            final = bits.take(1) == 1
            switch bits.take(2) {
            case 0: try storedBlock()
            case 1:
                let fixed = Inflater.fixedTables
                try huffmanBlock(fixed.literalLength, fixed.distance)
            case 2:
                let tables = try dynamicTables()
                try huffmanBlock(tables.literalLength, tables.distance)
            default: throw DeflateError(.reservedBlockType, offset: bits.offset)
            }
        }
        try bits.checkNotOverrun()
    }

    /// A stored block (RFC 1951 §3.2.4): LEN, NLEN, then LEN bytes as they are.
    mutating func storedBlock() throws(DeflateError) {
        let position = try bits.alignToByte()
        let available = bits.end - bits.start
        guard available - position >= 4 else { throw DeflateError(.truncated, offset: available) }
        let p = bits.start + position
        let length = Int(p[0]) | Int(p[1]) << 8
        let complement = Int(p[2]) | Int(p[3]) << 8
        guard length ^ 0xFFFF == complement else { throw DeflateError(.storedLengthMismatch, offset: position) }
        guard available - position - 4 >= length else { throw DeflateError(.truncated, offset: available) }
        try output.reserve(length, offset: position)
        (output.base + output.count).update(from: p + 4, count: length)
        output.count += length
        bits.next = p + 4 + length
    }

    /// Reads a dynamic block's code lengths (RFC 1951 §3.2.7) and builds its tables.
    mutating func dynamicTables() throws(DeflateError) -> (literalLength: HuffmanTable, distance: HuffmanTable) {
        try bits.refill()
        let literalCount = Int(bits.take(5)) + 257
        let distanceCount = Int(bits.take(5)) + 1
        let codeLengthCount = Int(bits.take(4)) + 4
        guard literalCount <= 286, distanceCount <= 30 else { throw DeflateError(.tooManyCodes, offset: bits.offset) }
        var codeLengths = [UInt8](repeating: 0, count: 19)
        for i in 0..<codeLengthCount {
            codeLengths[Inflater.codeLengthOrder[i]] = UInt8(try bits.read(3))
        }
        let codeLengthTable = try table(codeLengths, Inflater.codeLengthInfo, Inflater.codeLengthBits,
                                        sparse: false, name: "code length")
        let total = literalCount + distanceCount
        var lengths = [UInt8](repeating: 0, count: total)
        var i = 0
        try codeLengthTable.entries.withUnsafeBufferPointer { (table) throws(DeflateError) in
            let mask = UInt64(1 << Inflater.codeLengthBits - 1)
            while i < total {
                try bits.refill()
                let entry = table[Int(bits.buffer & mask)]
                if entry & HuffmanTable.Kind.mask == HuffmanTable.Kind.invalid {
                    throw DeflateError(.invalidCode, offset: bits.offset)
                }
                _ = bits.take(Int(entry & 0xF))
                let symbol = Int(entry >> 16)
                let value: UInt8
                let repeats: Int
                switch symbol {
                case 0...15:
                    lengths[i] = UInt8(symbol)
                    i += 1
                    continue
                case 16:
                    guard i > 0 else { throw DeflateError(.invalidLengthRepeat, offset: bits.offset) }
                    value = lengths[i - 1]
                    repeats = 3 + Int(bits.take(2))
                case 17:
                    value = 0
                    repeats = 3 + Int(bits.take(3))
                default:
                    value = 0
                    repeats = 11 + Int(bits.take(7))
                }
                guard total - i >= repeats else { throw DeflateError(.invalidLengthRepeat, offset: bits.offset) }
                for k in i..<(i + repeats) { lengths[k] = value }
                i += repeats
            }
        }
        try bits.checkNotOverrun()
        guard lengths[256] != 0 else { throw DeflateError(.missingEndOfBlock, offset: bits.offset) }
        let literalLength = try table(Array(lengths[0..<literalCount]), Inflater.literalLengthInfo,
                                      Inflater.literalLengthBits, sparse: true, name: "literal/length")
        let distance = try table(Array(lengths[literalCount...]), Inflater.distanceInfo,
                                 Inflater.distanceBits, sparse: true, name: "distance")
        return (literalLength, distance)
    }

    /// Builds one table, turning a bad set of lengths into a ``DeflateError``.
    func table(_ lengths: [UInt8], _ info: [UInt32], _ primaryBits: Int, sparse: Bool, name: String)
        throws(DeflateError) -> HuffmanTable {
        do {
            return try lengths.withUnsafeBufferPointer { (l) throws(HuffmanTableError) in
                try info.withUnsafeBufferPointer { (i) throws(HuffmanTableError) in
                    try HuffmanTable(lengths: l, symbolInfo: i, primaryBits: primaryBits, allowsSparse: sparse)
                }
            }
        } catch {
            throw DeflateError(.invalidCodeLengths(name), offset: bits.offset)
        }
    }

    /// Decodes the symbols of one Huffman block up to its end-of-block code.
    mutating func huffmanBlock(_ literalLength: HuffmanTable, _ distance: HuffmanTable) throws(DeflateError) {
        try literalLength.entries.withUnsafeBufferPointer { (lit) throws(DeflateError) in
            try distance.entries.withUnsafeBufferPointer { (dist) throws(DeflateError) in
                try decodeSymbols(lit, dist)
            }
        }
    }

    /// The hot loop: at most 48 bits per symbol (15 code + 5 extra + 15 + 13),
    /// so one refill per symbol suffices.
    @inline(__always)
    mutating func decodeSymbols(_ lit: UnsafeBufferPointer<UInt32>, _ dist: UnsafeBufferPointer<UInt32>)
        throws(DeflateError) {
        typealias Kind = HuffmanTable.Kind
        let litMask = UInt64(1 << Inflater.literalLengthBits - 1)
        let distMask = UInt64(1 << Inflater.distanceBits - 1)
        while true {
            if bits.count < 48 { try bits.refill() }
            var entry = lit[Int(bits.buffer & litMask)]
            if entry & Kind.mask == Kind.pointer {
                let width = UInt64(entry & 0xF)
                entry = lit[Int(entry >> 16) + Int((bits.buffer >> UInt64(Inflater.literalLengthBits)) & (1 << width - 1))]
            }
            let kind = entry & Kind.mask
            if kind == Kind.literal {
                _ = bits.take(Int(entry & 0xF))
                if output.count == output.capacity { try output.reserve(1, offset: bits.offset) }
                output.base[output.count] = UInt8(truncatingIfNeeded: entry >> 16)
                output.count += 1
                continue
            }
            if kind == Kind.endOfBlock {
                _ = bits.take(Int(entry & 0xF))
                try bits.checkNotOverrun()
                return
            }
            guard kind == Kind.base else { throw DeflateError(.invalidCode, offset: bits.offset) }
            _ = bits.take(Int(entry & 0xF))
            let length = Int(entry >> 16) + Int(bits.take(Int((entry >> 4) & 0xF)))
            var d = dist[Int(bits.buffer & distMask)]
            if d & Kind.mask == Kind.pointer {
                let width = UInt64(d & 0xF)
                d = dist[Int(d >> 16) + Int((bits.buffer >> UInt64(Inflater.distanceBits)) & (1 << width - 1))]
            }
            guard d & Kind.mask == Kind.base else { throw DeflateError(.invalidCode, offset: bits.offset) }
            _ = bits.take(Int(d & 0xF))
            let distanceBack = Int(d >> 16) + Int(bits.take(Int((d >> 4) & 0xF)))
            guard distanceBack <= output.count else {
                try bits.checkNotOverrun()
                throw DeflateError(.distanceTooFar, offset: bits.offset)
            }
            try output.reserve(length, offset: bits.offset)
            copyMatch(length: length, distance: distanceBack)
        }
    }

    /// Appends `length` bytes copied from `distance` back (they may overlap
    /// the bytes being written: a distance of 1 repeats one byte).
    @inline(__always)
    mutating func copyMatch(length: Int, distance: Int) {
        let dst = output.base + output.count
        let src = UnsafePointer(dst - distance)
        if distance >= 8 {
            // Each 8-byte load reads bytes already written; the last store may
            // spill up to 7 bytes into the slack, overwritten later.
            var k = 0
            while k < length {
                UnsafeMutableRawPointer(dst + k).storeBytes(
                    of: UnsafeRawPointer(src + k).loadUnaligned(as: UInt64.self), as: UInt64.self)
                k += 8
            }
        } else if distance == 1 {
            dst.update(repeating: src.pointee, count: length)
        } else {
            for k in 0..<length { dst[k] = src[k] }
        }
        output.count += length
    }
}
