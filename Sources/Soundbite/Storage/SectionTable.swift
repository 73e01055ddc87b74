/// The section table of an index image, decoded and checked once at open
/// (``IndexFile`` describes the container) and then handed to whatever reads
/// the sections: where each one lies, how long it is, its CRC-32C.
///
/// Decoding checks header (magic, version, CRC), footer (magic, CRC, file
/// length), the table's place and CRC, and that the sections lie in table
/// order between header and table without overlapping, every known kind
/// exactly once (an optional one at most once). It does not read the sections (see ``IndexFile/verify(_:table:path:)``).
struct SectionTable: Sendable {
    /// Where one section lies in the file, and its checksum.
    struct Entry: Sendable, Hashable {
        var kind: UInt32
        var crc: UInt32
        var offset: Int
        var length: Int

        /// The section's name in messages: its ``IndexFormat/Section`` name, or its number.
        var name: String { IndexFormat.Section(rawValue: kind).map { "\($0)" } ?? "kind \(kind)" }
    }

    /// Every entry, known kinds or not, in table (and file) order.
    let entries: [Entry]
    /// Where the table starts; the sections lie before it.
    let tableOffset: Int
    /// The format version the image was written in (≤ ``IndexFormat/version``).
    let version: UInt32
    /// For each raw kind up to the largest known one, its position in
    /// ``entries`` (−1 for none; after a successful decode every known kind has one).
    private let positions: [Int]

    /// Decodes and checks the table of `bytes`; `path` names the file in errors.
    init(of bytes: UnsafeRawBufferPointer, path: String) throws(StorageError) {
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
        let known = IndexFormat.Section.allCases
        var positions = [Int](repeating: -1, count: Int(known.map(\.rawValue).max()!) + 1)
        var entries: [Entry] = []
        entries.reserveCapacity(count)
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
            let entry = Entry(kind: kind, crc: crc, offset: Int(offset), length: Int(length))
            if let section = IndexFormat.Section(rawValue: kind) {
                guard positions[Int(kind)] < 0 else { throw .corrupt(path: path, detail: "section \(section) appears twice") }
                positions[Int(kind)] = entries.count
            }
            entries.append(entry)
        }
        // An older layout lacks sections this one requires; the reader refuses
        // it by its version ("run `soundbite index`"), not as damaged.
        for section in known where version == IndexFormat.version && !section.isOptional && positions[Int(section.rawValue)] < 0 {
            throw .corrupt(path: path, detail: "section \(section) is missing")
        }
        self.entries = entries
        self.tableOffset = t
        self.version = version
        self.positions = positions
    }

    /// The entry of a known section that is not optional (in a table of the
    /// current version every one is present once decoding succeeded).
    subscript(_ section: IndexFormat.Section) -> Entry {
        entries[positions[Int(section.rawValue)]]
    }

    /// The entry of a known section, nil when the file has none (only an
    /// ``IndexFormat/Section/isOptional`` section may be missing).
    func entry(_ section: IndexFormat.Section) -> Entry? {
        let p = positions[Int(section.rawValue)]
        return p < 0 ? nil : entries[p]
    }

    /// The bytes of every known section of `image`, indexed by raw kind (so a
    /// hot path reads a column with one array load); empty for raw kinds no
    /// section has.
    func slices(of image: UnsafeRawBufferPointer) -> [UnsafeRawBufferPointer] {
        positions.map { p in
            guard p >= 0 else { return UnsafeRawBufferPointer(start: nil, count: 0) }
            let e = entries[p]
            return UnsafeRawBufferPointer(rebasing: image[e.offset..<(e.offset + e.length)])
        }
    }
}
