/// Soundbite's own block compression: LZ77 with a byte-oriented sequence
/// format in the spirit of LZ4, for the stored text of an index (see
/// `Storage/FORMAT.md`, "Compressed text blocks"). Each block stands alone;
/// its decompressed size is stored beside it, so the decoder knows exactly
/// how much to write.
///
/// ```
/// block    := sequence*
/// sequence := token u8 · literalExtension? · literal bytes · (offset u16 · matchExtension?)?
/// token    := literals (high 4 bits) · match (low 4 bits)
/// ```
/// - Literal count = the high nibble; 15 means 15 + a varint that follows.
/// - When the literals complete the block's output, the block ends there
///   (the low nibble must then be 0, and no byte may follow).
/// - Otherwise a match follows: `offset` (1…65535, little-endian) bytes back
///   from the current output end, length = low nibble + 4 (15 → + varint).
///   Matches may overlap their own output (offset < length repeats bytes).
/// - Varints are LEB128, at most 5 bytes.
///
/// Encoding: ``LZBlockEncoder``. Decoding: ``decompress(_:into:)`` checks
/// every length and offset against the input and the output, so a damaged
/// block is an ``LZBlockError``, never an out-of-bounds read or write.
package enum LZBlock {
    /// The shortest match the format can express.
    static let minMatch = 4
    /// The farthest a match may reach back.
    static let maxOffset = 65_535
    /// Length extensions are at most this many varint bytes.
    static let maxExtensionBytes = 5

    /// Where a partial decode stopped: between two sequences, so decoding
    /// can go on from here (``decompress(_:into:resuming:until:)``).
    package struct Cursor: Sendable, Hashable {
        /// Bytes of the block consumed.
        package var input = 0
        /// Bytes of output written (all final).
        package var output = 0
        /// A cursor at the start of a block.
        package init() {}
    }

    /// Decodes `input` into `output`, which must be exactly the block's
    /// decompressed size. Throws when the block is malformed or its sequences
    /// do not produce exactly `output.count` bytes.
    ///
    /// - Complexity: O(input + output).
    package static func decompress(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer)
        throws(LZBlockError) {
        var cursor = Cursor()
        try decompress(input, into: output, resuming: &cursor, until: output.count)
    }

    /// Goes on decoding from `cursor` until at least `target` bytes of
    /// `output` (the block's exact size) are final, or the block is complete,
    /// and moves the cursor there. Bytes at and after `cursor.output` may be
    /// overwritten; those before it are final. The checks are those of a
    /// whole decode, except that bytes after the last sequence read are
    /// found only once the block is complete.
    package static func decompress(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer,
                                   resuming cursor: inout Cursor, until target: Int) throws(LZBlockError) {
        let n = output.count
        let inCount = input.count
        var s = cursor.input, o = cursor.output
        guard s >= 0, s <= inCount, o >= 0, o <= n else { throw LZBlockError(reason: .truncated, offset: s) }
        guard n > 0 else {
            guard inCount == 0 else { throw LZBlockError(reason: .trailingBytes, offset: 0) }
            return
        }
        guard let src = input.baseAddress, let dst = output.baseAddress else {
            throw LZBlockError(reason: .truncated, offset: 0)
        }
        let stop = min(n, max(0, target))
        while o < stop {
            guard s < inCount else { throw LZBlockError(reason: .truncated, offset: s) }
            let token = Int(src.load(fromByteOffset: s, as: UInt8.self))
            s += 1
            var literals = token >> 4
            if literals == 15 { literals += try extension_(src, inCount, &s) }
            guard literals <= inCount - s else { throw LZBlockError(reason: .truncated, offset: s) }
            guard literals <= n - o else { throw LZBlockError(reason: .outputOverrun, offset: s) }
            copyLiterals(from: src + s, to: dst + o, count: literals, sourceSlack: inCount - s, outputSlack: n - o)
            s += literals
            o += literals
            if o == n {
                guard token & 15 == 0 else { throw LZBlockError(reason: .trailingBytes, offset: s) }
                break
            }
            guard inCount - s >= 2 else { throw LZBlockError(reason: .truncated, offset: s) }
            let offset = Int(src.load(fromByteOffset: s, as: UInt8.self))
                | Int(src.load(fromByteOffset: s + 1, as: UInt8.self)) << 8
            guard offset != 0, offset <= o else { throw LZBlockError(reason: .badOffset, offset: s) }
            s += 2
            var length = (token & 15) + minMatch
            if token & 15 == 15 { length += try extension_(src, inCount, &s) }
            guard length <= n - o else { throw LZBlockError(reason: .outputOverrun, offset: s) }
            copyMatch(in: dst, at: o, offset: offset, count: length, outputSlack: n - o)
            o += length
        }
        if o == n { guard s == inCount else { throw LZBlockError(reason: .trailingBytes, offset: s) } }
        cursor.input = s
        cursor.output = o
    }

    /// Decodes a block of `count` decompressed bytes into a new array.
    package static func decompress(_ input: UnsafeRawBufferPointer, count: Int) throws(LZBlockError) -> [UInt8] {
        var failure: LZBlockError?
        let bytes = [UInt8](unsafeUninitializedCapacity: max(0, count)) { buffer, initialized in
            do throws(LZBlockError) {
                try decompress(input, into: UnsafeMutableRawBufferPointer(buffer))
                initialized = buffer.count
            } catch {
                failure = error
                initialized = 0
            }
        }
        if let failure { throw failure }
        return bytes
    }

    /// A length extension: LEB128, at most ``maxExtensionBytes`` bytes.
    @inline(__always)
    private static func extension_(_ src: UnsafeRawPointer, _ count: Int, _ s: inout Int) throws(LZBlockError) -> Int {
        var value = 0, shift = 0
        for _ in 0..<maxExtensionBytes {
            guard s < count else { throw LZBlockError(reason: .truncated, offset: s) }
            let byte = Int(src.load(fromByteOffset: s, as: UInt8.self))
            s += 1
            value |= (byte & 0x7F) << shift
            if byte & 0x80 == 0 { return value }
            shift += 7
        }
        throw LZBlockError(reason: .badLength, offset: s)
    }

    /// Copies literals; with 8 bytes to spare on both sides it copies whole
    /// words (the bytes written past `count` are overwritten by what follows).
    @inline(__always)
    private static func copyLiterals(from src: UnsafeRawPointer, to dst: UnsafeMutableRawPointer, count: Int,
                                     sourceSlack: Int, outputSlack: Int) {
        if count <= 16 && sourceSlack >= 16 && outputSlack >= 16 {
            dst.storeBytes(of: src.loadUnaligned(as: UInt64.self), as: UInt64.self)
            (dst + 8).storeBytes(of: src.loadUnaligned(fromByteOffset: 8, as: UInt64.self), as: UInt64.self)
        } else if count > 0 {
            dst.copyMemory(from: src, byteCount: count)
        }
    }

    /// Copies a match of `count` bytes from `offset` back (it may overlap).
    @inline(__always)
    private static func copyMatch(in dst: UnsafeMutableRawPointer, at o: Int, offset: Int, count: Int,
                                  outputSlack: Int) {
        let from = dst + (o - offset), to = dst + o
        if offset >= 8 && count <= 16 && outputSlack >= 16 {
            // Two words: the second may read bytes the first just wrote,
            // which is the overlap semantics when offset < 16.
            to.storeBytes(of: from.loadUnaligned(as: UInt64.self), as: UInt64.self)
            (to + 8).storeBytes(of: from.loadUnaligned(fromByteOffset: 8, as: UInt64.self), as: UInt64.self)
        } else if offset >= count {
            to.copyMemory(from: from, byteCount: count)
        } else {
            for i in 0..<count {
                (to + i).storeBytes(of: from.load(fromByteOffset: i, as: UInt8.self), as: UInt8.self)
            }
        }
    }
}
