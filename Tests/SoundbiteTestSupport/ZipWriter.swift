import Soundbite

/// Writes ZIP archives for tests, honest or not: stored or deflated entries
/// (deflated as fixed-code literals by ``DeflateStreamWriter``, or with a
/// stream given), data descriptors, ZIP64 extra fields, an archive comment,
/// and fields overridden to lie (sizes, CRC, offsets).
package struct ZipWriter {
    /// One entry to write.
    package struct Entry {
        package var name: String
        package var data: [UInt8]
        /// 0 stored, 8 deflate (others written as given, data stored).
        package var method = 8
        /// The compressed bytes; `nil` = computed from `data` and `method`.
        package var compressed: [UInt8]? = nil
        package var flags = 0
        package var dataDescriptor = false
        /// Writes the sizes and offset as 0xFFFFFFFF with a ZIP64 extra field.
        package var zip64 = false
        /// Overrides of what the central directory says.
        package var crc: UInt32? = nil
        package var uncompressedSize: UInt64? = nil
        /// Points the central record at an earlier entry's local header (by index).
        package var sharesLocalHeaderOf: Int? = nil

        /// Creates an entry; only the name and the data are required.
        package init(name: String, data: [UInt8], method: Int = 8, compressed: [UInt8]? = nil, flags: Int = 0,
                     dataDescriptor: Bool = false, zip64: Bool = false, crc: UInt32? = nil,
                     uncompressedSize: UInt64? = nil, sharesLocalHeaderOf: Int? = nil) {
            self.name = name
            self.data = data
            self.method = method
            self.compressed = compressed
            self.flags = flags
            self.dataDescriptor = dataDescriptor
            self.zip64 = zip64
            self.crc = crc
            self.uncompressedSize = uncompressedSize
            self.sharesLocalHeaderOf = sharesLocalHeaderOf
        }
    }

    /// Creates an archive writer with no entries.
    package init() {}

    package var entries: [Entry] = []
    package var comment: [UInt8] = []
    /// Writes the end record's counts and offset as 0xFFFF… with a ZIP64 end record.
    package var zip64End = false

    package static func deflated(_ data: [UInt8]) -> [UInt8] {
        var w = DeflateStreamWriter()
        var rest = data[...]
        repeat {
            let piece = rest.prefix(60_000)
            rest = rest.dropFirst(piece.count)
            w.fixedBlock(Array(piece), final: rest.isEmpty)
        } while !rest.isEmpty
        return w.bytes
    }

    package var bytes: [UInt8] {
        var out: [UInt8] = []
        func u16(_ v: Int) { out += [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF)] }
        func u32(_ v: UInt32) { for k in 0..<4 { out.append(UInt8(truncatingIfNeeded: v >> (8 * UInt32(k)))) } }
        func u64(_ v: UInt64) { for k in 0..<8 { out.append(UInt8(truncatingIfNeeded: v >> (8 * UInt64(k)))) } }
        var offsets: [Int] = []
        var compressed: [[UInt8]] = []
        for e in entries {
            let data = e.compressed ?? (e.method == 8 ? Self.deflated(e.data) : e.data)
            compressed.append(data)
            offsets.append(out.count)
            let flags = e.flags | (e.dataDescriptor ? 8 : 0)
            let crc = CRC32.zip.checksum(e.data)
            u32(0x0403_4B50); u16(20); u16(flags); u16(e.method); u16(0); u16(0x21)
            u32(e.dataDescriptor ? 0 : crc)
            u32(e.dataDescriptor ? 0 : UInt32(truncatingIfNeeded: data.count))
            u32(e.dataDescriptor ? 0 : UInt32(truncatingIfNeeded: e.data.count))
            let name = Array(e.name.utf8)
            u16(name.count); u16(0)
            out += name
            out += data
            if e.dataDescriptor {
                u32(0x0807_4B50); u32(crc); u32(UInt32(data.count)); u32(UInt32(e.data.count))
            }
        }
        let directoryOffset = out.count
        for (i, e) in entries.enumerated() {
            let name = Array(e.name.utf8)
            let usize = e.uncompressedSize ?? UInt64(e.data.count)
            let csize = UInt64(compressed[i].count)
            let offset = UInt64(offsets[e.sharesLocalHeaderOf ?? i])
            let flags = e.flags | (e.dataDescriptor ? 8 : 0)
            u32(0x0201_4B50); u16(45); u16(20); u16(flags); u16(e.method); u16(0); u16(0x21)
            u32(e.crc ?? CRC32.zip.checksum(e.data))
            if e.zip64 {
                u32(0xFFFF_FFFF); u32(0xFFFF_FFFF)
            } else {
                u32(UInt32(truncatingIfNeeded: csize)); u32(UInt32(truncatingIfNeeded: usize))
            }
            u16(name.count); u16(e.zip64 ? 28 : 0); u16(0); u16(0); u16(0); u32(0)
            u32(e.zip64 ? 0xFFFF_FFFF : UInt32(truncatingIfNeeded: offset))
            out += name
            if e.zip64 { u16(1); u16(24); u64(usize); u64(csize); u64(offset) }
        }
        let directorySize = out.count - directoryOffset
        if zip64End {
            let record = out.count
            u32(0x0606_4B50); u64(44); u16(45); u16(45); u32(0); u32(0)
            u64(UInt64(entries.count)); u64(UInt64(entries.count)); u64(UInt64(directorySize)); u64(UInt64(directoryOffset))
            u32(0x0706_4B50); u32(0); u64(UInt64(record)); u32(1)
        }
        u32(0x0605_4B50); u16(0); u16(0)
        u16(zip64End ? 0xFFFF : entries.count); u16(zip64End ? 0xFFFF : entries.count)
        u32(UInt32(directorySize)); u32(zip64End ? 0xFFFF_FFFF : UInt32(directoryOffset))
        u16(comment.count)
        out += comment
        return out
    }
}
