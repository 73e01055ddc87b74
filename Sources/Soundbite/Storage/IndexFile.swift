/// The container layer of the index file: header, aligned sections with
/// CRC-32C checksums, section table and footer (see `IndexFormat`).
/// Knows nothing about what the sections mean.
enum IndexFile {
    /// Where one section lies in the file, and its checksum.
    struct SectionEntry: Sendable, Hashable {
        var kind: UInt32
        var crc: UInt32
        var offset: Int
        var length: Int
    }

    /// Builds a file image from `sections`, in order.
    static func assemble(_ sections: [(IndexFormat.Section, [UInt8])]) -> [UInt8] {
        var w = ByteWriter()
        w.append(IndexFormat.magic)
        w.u32(IndexFormat.version)
        w.u32(CRC32C.checksum(w.bytes))
        var table = ByteWriter()
        for (kind, bytes) in sections {
            w.align(to: 8)
            table.u32(kind.rawValue)
            table.u32(CRC32C.checksum(bytes))
            table.u64(UInt64(w.count))
            table.u64(UInt64(bytes.count))
            w.append(bytes)
        }
        w.align(to: 8)
        let tableOffset = w.count
        w.append(table.bytes)
        var footer = ByteWriter()
        footer.u64(UInt64(tableOffset))
        footer.u32(UInt32(sections.count))
        footer.u32(CRC32C.checksum(table.bytes))
        footer.u64(UInt64(tableOffset + table.count + IndexFormat.footerSize))
        footer.u32(IndexFormat.version)
        footer.u32(CRC32C.checksum(footer.bytes))
        footer.append(IndexFormat.footerMagic)
        w.append(footer.bytes)
        return w.bytes
    }

    /// Checks header, footer and section table of `bytes` and returns the
    /// sections by kind. Does not read the sections themselves (see ``verify``).
    static func sections(of bytes: UnsafeRawBufferPointer, path: String)
        throws(StorageError) -> [IndexFormat.Section: SectionEntry] {
        let size = bytes.count
        // The magic first: a short file that is not an index is "not an index", not "truncated".
        guard bytes.prefix(8).elementsEqual(IndexFormat.magic.prefix(min(8, size))) else { throw .badMagic(path: path) }
        guard size >= IndexFormat.headerSize + IndexFormat.footerSize else {
            throw .truncated(path: path, detail: "\(counted(size, "byte")) is smaller than an empty index")
        }
        let version = bytes.loadUnaligned(fromByteOffset: 8, as: UInt32.self).littleEndian
        guard version <= IndexFormat.version else {
            throw .unsupportedVersion(path: path, found: version, supported: IndexFormat.version)
        }
        guard bytes.loadUnaligned(fromByteOffset: 12, as: UInt32.self).littleEndian
                == CRC32C.checksum(UnsafeRawBufferPointer(rebasing: bytes[0..<12])) else {
            throw .checksumMismatch(path: path, section: "header")
        }
        let f = size - IndexFormat.footerSize
        guard bytes[(size - 8)...].elementsEqual(IndexFormat.footerMagic) else {
            throw .truncated(path: path, detail: "the footer is missing (the file was cut short or is still being written)")
        }
        guard bytes.loadUnaligned(fromByteOffset: f + 28, as: UInt32.self).littleEndian
                == CRC32C.checksum(UnsafeRawBufferPointer(rebasing: bytes[f..<(f + 28)])) else {
            throw .checksumMismatch(path: path, section: "footer")
        }
        let tableOffset = bytes.loadUnaligned(fromByteOffset: f, as: UInt64.self).littleEndian
        let count = Int(bytes.loadUnaligned(fromByteOffset: f + 8, as: UInt32.self).littleEndian)
        let tableCRC = bytes.loadUnaligned(fromByteOffset: f + 12, as: UInt32.self).littleEndian
        let fileLength = bytes.loadUnaligned(fromByteOffset: f + 16, as: UInt64.self).littleEndian
        guard fileLength == UInt64(size) else {
            throw .truncated(path: path, detail: "the footer says \(fileLength) bytes, the file has \(size)")
        }
        let tableLength = count * IndexFormat.tableEntrySize
        guard tableOffset <= UInt64(f), UInt64(f) - tableOffset == UInt64(tableLength) else {
            throw .corrupt(path: path, detail: "the section table does not fit before the footer")
        }
        let t = Int(tableOffset)
        guard CRC32C.checksum(UnsafeRawBufferPointer(rebasing: bytes[t..<(t + tableLength)])) == tableCRC else {
            throw .checksumMismatch(path: path, section: "section table")
        }
        var result: [IndexFormat.Section: SectionEntry] = [:]
        var previousEnd = IndexFormat.headerSize
        for i in 0..<count {
            let e = t + i * IndexFormat.tableEntrySize
            let kind = bytes.loadUnaligned(fromByteOffset: e, as: UInt32.self).littleEndian
            let crc = bytes.loadUnaligned(fromByteOffset: e + 4, as: UInt32.self).littleEndian
            let offset = bytes.loadUnaligned(fromByteOffset: e + 8, as: UInt64.self).littleEndian
            let length = bytes.loadUnaligned(fromByteOffset: e + 16, as: UInt64.self).littleEndian
            // Sections lie in table order, after the header, before the table, never overlapping.
            guard offset >= UInt64(previousEnd), offset <= tableOffset, length <= tableOffset - offset else {
                throw .corrupt(path: path, detail: "section \(kind) lies outside the file or overlaps another")
            }
            previousEnd = Int(offset + length)
            guard let section = IndexFormat.Section(rawValue: kind) else { continue }
            guard result[section] == nil else { throw .corrupt(path: path, detail: "section \(section) appears twice") }
            result[section] = SectionEntry(kind: kind, crc: crc, offset: Int(offset), length: Int(length))
        }
        for section in IndexFormat.Section.allCases where result[section] == nil && !section.isOptional {
            throw .corrupt(path: path, detail: "section \(section) is missing")
        }
        return result
    }

    /// Every entry of the section table, known kinds or not, in table order
    /// (call after ``sections(of:path:)`` accepted the file).
    static func entries(of bytes: UnsafeRawBufferPointer) -> (entries: [SectionEntry], tableOffset: Int) {
        let f = bytes.count - IndexFormat.footerSize
        let t = Int(bytes.loadUnaligned(fromByteOffset: f, as: UInt64.self).littleEndian)
        let count = Int(bytes.loadUnaligned(fromByteOffset: f + 8, as: UInt32.self).littleEndian)
        let entries = (0..<count).map { i in
            let e = t + i * IndexFormat.tableEntrySize
            return SectionEntry(kind: bytes.loadUnaligned(fromByteOffset: e, as: UInt32.self).littleEndian,
                                crc: bytes.loadUnaligned(fromByteOffset: e + 4, as: UInt32.self).littleEndian,
                                offset: Int(bytes.loadUnaligned(fromByteOffset: e + 8, as: UInt64.self).littleEndian),
                                length: Int(bytes.loadUnaligned(fromByteOffset: e + 16, as: UInt64.self).littleEndian))
        }
        return (entries, t)
    }

    /// Recomputes every section's checksum (known kinds or not) and checks
    /// that the alignment padding between sections is zero, so that no byte
    /// of the file goes unchecked; throws on the first mismatch. Call after
    /// ``sections(of:path:)`` accepted the file.
    static func verify(_ bytes: UnsafeRawBufferPointer, sections: [IndexFormat.Section: SectionEntry],
                       path: String) throws(StorageError) {
        let (entries, tableOffset) = entries(of: bytes)
        var previousEnd = IndexFormat.headerSize
        for e in entries {
            let slice = UnsafeRawBufferPointer(rebasing: bytes[e.offset..<(e.offset + e.length)])
            guard CRC32C.checksum(slice) == e.crc else {
                let name = IndexFormat.Section(rawValue: e.kind).map { "\($0)" } ?? "kind \(e.kind)"
                throw .checksumMismatch(path: path, section: name)
            }
            guard bytes[previousEnd..<e.offset].allSatisfy({ $0 == 0 }) else {
                throw .corrupt(path: path, detail: "non-zero padding before byte \(e.offset)")
            }
            previousEnd = e.offset + e.length
        }
        guard bytes[previousEnd..<tableOffset].allSatisfy({ $0 == 0 }) else {
            throw .corrupt(path: path, detail: "non-zero padding before the section table")
        }
    }
}
