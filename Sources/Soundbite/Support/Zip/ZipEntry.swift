/// One file of a ZIP archive, as its central-directory record describes it
/// (ZIP64 sizes and offsets already applied).
package struct ZipEntry: Sendable, Hashable {
    /// The path inside the archive (`word/document.xml`), decoded as UTF-8.
    package var name: String
    /// The compression method: 0 stored, 8 deflate.
    package var method: Int
    /// The general-purpose flags (bit 0 encrypted, bit 3 data descriptor).
    package var flags: Int
    /// The CRC-32 of the uncompressed data.
    package var crc32: UInt32
    /// Bytes of compressed data.
    package var compressedSize: UInt64
    /// Bytes once inflated.
    package var uncompressedSize: UInt64
    /// Offset of the entry's local header in the file.
    package var localHeaderOffset: UInt64

    /// Whether the entry is encrypted (flag bit 0).
    package var isEncrypted: Bool { flags & 1 != 0 }
    /// Whether a data descriptor follows the data (flag bit 3).
    package var hasDataDescriptor: Bool { flags & 8 != 0 }
    /// Whether the entry is a folder (its name ends with `/`).
    package var isDirectory: Bool { name.hasSuffix("/") }
}
