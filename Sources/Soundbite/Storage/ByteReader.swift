/// Reads what ``ByteWriter`` wrote, bounds-checked: reading past the end
/// throws ``StorageError/corrupt(path:detail:)`` instead of trapping, so a
/// damaged file is refused, never a crash.
struct ByteReader {
    private let bytes: UnsafeRawBufferPointer
    /// Offset of the next byte to read.
    private(set) var offset = 0

    init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    /// Bytes left to read.
    var remaining: Int { bytes.count - offset }

    @inline(__always)
    private mutating func take(_ n: Int) throws(StorageError) -> Int {
        guard n >= 0, n <= remaining else {
            throw .corrupt(path: "", detail: "a record runs past the end of its section")
        }
        let o = offset
        offset += n
        return o
    }

    /// Skips `n` bytes.
    mutating func skip(_ n: Int) throws(StorageError) { _ = try take(n) }

    /// Reads a little-endian UInt32.
    mutating func u32() throws(StorageError) -> UInt32 {
        UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: try take(4), as: UInt32.self))
    }

    /// Reads a little-endian UInt64.
    mutating func u64() throws(StorageError) -> UInt64 {
        UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: try take(8), as: UInt64.self))
    }

    /// Reads a little-endian double.
    mutating func f64() throws(StorageError) -> Double { Double(bitPattern: try u64()) }

    /// Reads a length-prefixed UTF-8 string (invalid bytes become U+FFFD).
    mutating func string() throws(StorageError) -> String {
        let n = Int(try u32())
        let o = try take(n)
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[o..<(o + n)]), as: UTF8.self)
    }
}
