/// A ZIP archive read from memory (PKWARE APPNOTE 6.3): the end of central
/// directory record (found behind an archive comment of up to 64 KiB), the
/// ZIP64 end record where the 32-bit fields overflow, the central directory,
/// and each entry's local header and data — stored or deflated, with or
/// without a data descriptor — checked against its CRC-32.
///
/// Bounded by ``ZipLimits``: the number of entries, each entry's size, all
/// entries' total size and the compression ratio are checked from the
/// central directory before anything is inflated, entries that share
/// compressed bytes (overlapping zip bombs) are refused, and inflating stops
/// at the declared size. Every problem is a ``ZipError``; no input traps.
package struct ZipArchive: Sendable {
    /// The archive's bytes.
    package let bytes: [UInt8]
    /// The entries, in central-directory order.
    package let entries: [ZipEntry]
    /// The limits applied.
    package let limits: ZipLimits

    // Record signatures and fixed sizes (APPNOTE 4.3).
    static let localHeaderSignature: UInt32 = 0x0403_4B50
    static let centralHeaderSignature: UInt32 = 0x0201_4B50
    static let endSignature: UInt32 = 0x0605_4B50
    static let zip64EndSignature: UInt32 = 0x0606_4B50
    static let zip64LocatorSignature: UInt32 = 0x0706_4B50
    static let dataDescriptorSignature: UInt32 = 0x0807_4B50
    static let localHeaderSize = 30
    static let centralHeaderSize = 46
    static let endSize = 22
    static let zip64LocatorSize = 20
    static let zip64EndSize = 56
    /// The ZIP64 extended-information extra field.
    static let zip64ExtraID = 0x0001

    /// Reads the central directory of `bytes`.
    package init(_ bytes: [UInt8], limits: ZipLimits = .standard) throws(ZipError) {
        self.bytes = bytes
        self.limits = limits
        let directory = try Self.findCentralDirectory(bytes)
        guard directory.count <= UInt64(limits.maxEntries) else {
            throw ZipError(.tooManyEntries(count: Int(clamping: directory.count), limit: limits.maxEntries))
        }
        var entries: [ZipEntry] = []
        entries.reserveCapacity(Int(directory.count))
        var p = directory.offset
        let end = directory.offset + directory.size
        for _ in 0..<directory.count {
            let (entry, next) = try Self.centralRecord(bytes, at: p, end: end)
            entries.append(entry)
            p = next
        }
        self.entries = entries
        try checkBounds(directoryOffset: directory.offset)
    }

    /// The entry named `name` (exact match), if any.
    package func entry(named name: String) -> ZipEntry? {
        entries.first { $0.name == name }
    }

    /// The inflated bytes of the entry named `name`.
    package func contents(of name: String) throws(ZipError) -> [UInt8] {
        guard let entry = entry(named: name) else { throw ZipError(.missingEntry(name)) }
        return try contents(of: entry)
    }

    /// The inflated bytes of `entry`, checked against its size and CRC-32.
    package func contents(of entry: ZipEntry) throws(ZipError) -> [UInt8] {
        let name = entry.name
        guard !entry.isEncrypted else { throw ZipError(.encrypted(name)) }
        guard entry.method == 0 || entry.method == 8 else {
            throw ZipError(.unsupportedMethod(entry: name, method: entry.method))
        }
        try checkSize(entry)
        let data = try dataRange(of: entry)
        let size = Int(entry.uncompressedSize)
        let output: [UInt8]
        if entry.method == 0 {
            guard entry.compressedSize == entry.uncompressedSize else {
                throw ZipError(.malformed("\(name) is stored but its two sizes differ"))
            }
            output = Array(bytes[data])
        } else {
            let result = bytes.withUnsafeBytes { all in
                Result { () throws(DeflateError) in
                    try Inflater.inflate(UnsafeRawBufferPointer(rebasing: all[data]), limit: size, sizeHint: size).bytes
                }
            }
            switch result {
            case .success(let bytes): output = bytes
            case .failure(let error):
                // Inflating past the declared size: the size field lies.
                if case .outputLimit = error.reason { throw ZipError(.checksumMismatch(name)) }
                throw ZipError(.deflate(entry: name, error))
            }
        }
        guard output.count == size, CRC32.zip.checksum(output) == entry.crc32 else {
            throw ZipError(.checksumMismatch(name))
        }
        if entry.hasDataDescriptor { try checkDataDescriptor(of: entry, after: data.upperBound) }
        return output
    }

    // MARK: - End of central directory

    /// Where the central directory is and how many records it holds.
    struct CentralDirectory {
        var offset: Int
        var size: Int
        var count: UInt64
    }

    static func findCentralDirectory(_ bytes: [UInt8]) throws(ZipError) -> CentralDirectory {
        guard bytes.count >= endSize else { throw ZipError(.notAnArchive) }
        // The record is 22 bytes plus a comment of at most 65 535: search that far back.
        let last = bytes.count - endSize
        let first = max(0, last - 0xFFFF)
        var at = -1
        var p = last
        while p >= first {
            if bytes[p] == 0x50, u32(bytes, p) == endSignature, p + endSize + u16(bytes, p + 20) <= bytes.count {
                at = p
                break
            }
            p -= 1
        }
        guard at >= 0 else { throw ZipError(.notAnArchive) }
        let disk = u16(bytes, at + 4), directoryDisk = u16(bytes, at + 6)
        var diskEntries = UInt64(u16(bytes, at + 8))
        var count = UInt64(u16(bytes, at + 10))
        var size = UInt64(u32(bytes, at + 12))
        var offset = UInt64(u32(bytes, at + 16))
        var directoryEnd = at
        if count == 0xFFFF || diskEntries == 0xFFFF || size == 0xFFFF_FFFF || offset == 0xFFFF_FFFF {
            // ZIP64: the locator sits just before the end record and points to the ZIP64 end record.
            let locator = at - zip64LocatorSize
            guard locator >= zip64EndSize, u32(bytes, locator) == zip64LocatorSignature else {
                throw ZipError(.malformed("the end record asks for ZIP64 sizes but there is no ZIP64 locator"))
            }
            let recordOffset = u64(bytes, locator + 8)
            guard recordOffset <= UInt64(locator - zip64EndSize), u32(bytes, Int(recordOffset)) == zip64EndSignature else {
                throw ZipError(.malformed("the ZIP64 locator points to no ZIP64 end record"))
            }
            let r = Int(recordOffset)
            guard u32(bytes, r + 16) == 0, u32(bytes, r + 20) == 0, u32(bytes, locator + 16) <= 1 else { throw ZipError(.multiDisk) }
            diskEntries = u64(bytes, r + 24)
            count = u64(bytes, r + 32)
            size = u64(bytes, r + 40)
            offset = u64(bytes, r + 48)
            directoryEnd = r
        } else if disk != 0 || directoryDisk != 0 {
            throw ZipError(.multiDisk)
        }
        guard diskEntries == count else { throw ZipError(.multiDisk) }
        guard offset <= UInt64(directoryEnd), size <= UInt64(directoryEnd) - offset else {
            throw ZipError(.truncated("the central directory"))
        }
        // Each record takes at least 46 bytes, so the count is bounded by the size.
        guard count <= size / UInt64(centralHeaderSize) else {
            throw ZipError(.malformed("the end record counts \(count) entries in a \(size)-byte central directory"))
        }
        return CentralDirectory(offset: Int(offset), size: Int(size), count: count)
    }

    // MARK: - Central directory records

    /// The central-directory record at `p` (which must end by `end`) and the offset after it.
    static func centralRecord(_ bytes: [UInt8], at p: Int, end: Int) throws(ZipError) -> (ZipEntry, Int) {
        guard end - p >= centralHeaderSize else { throw ZipError(.truncated("a central-directory record")) }
        guard u32(bytes, p) == centralHeaderSignature else {
            throw ZipError(.malformed("no central-directory record at byte \(p)"))
        }
        let nameLength = u16(bytes, p + 28), extraLength = u16(bytes, p + 30), commentLength = u16(bytes, p + 32)
        let nameStart = p + centralHeaderSize
        let next = nameStart + nameLength + extraLength + commentLength
        guard next <= end else { throw ZipError(.truncated("a central-directory record")) }
        let name = String(decoding: bytes[nameStart..<(nameStart + nameLength)], as: UTF8.self)
        var entry = ZipEntry(name: name, method: u16(bytes, p + 10), flags: u16(bytes, p + 8),
                             crc32: u32(bytes, p + 16), compressedSize: UInt64(u32(bytes, p + 20)),
                             uncompressedSize: UInt64(u32(bytes, p + 24)), localHeaderOffset: UInt64(u32(bytes, p + 42)))
        let needsUncompressed = entry.uncompressedSize == 0xFFFF_FFFF
        let needsCompressed = entry.compressedSize == 0xFFFF_FFFF
        let needsOffset = entry.localHeaderOffset == 0xFFFF_FFFF
        if needsUncompressed || needsCompressed || needsOffset {
            // The ZIP64 extra field holds, in this order, only the fields that overflowed.
            guard let extra = extraField(zip64ExtraID, in: bytes, from: nameStart + nameLength, count: extraLength) else {
                throw ZipError(.malformed("\(name) needs ZIP64 sizes but has no ZIP64 extra field"))
            }
            var q = extra.lowerBound
            func take() throws(ZipError) -> UInt64 {
                guard extra.upperBound - q >= 8 else { throw ZipError(.malformed("\(name)'s ZIP64 extra field is too short")) }
                defer { q += 8 }
                return u64(bytes, q)
            }
            if needsUncompressed { entry.uncompressedSize = try take() }
            if needsCompressed { entry.compressedSize = try take() }
            if needsOffset { entry.localHeaderOffset = try take() }
        }
        return (entry, next)
    }

    /// The data range of the extra field with `id` among the fields at `from..<from+count`.
    static func extraField(_ id: Int, in bytes: [UInt8], from: Int, count: Int) -> Range<Int>? {
        var p = from
        let end = from + count
        while end - p >= 4 {
            let fieldID = u16(bytes, p), length = u16(bytes, p + 2)
            guard end - p - 4 >= length else { return nil }
            if fieldID == id { return (p + 4)..<(p + 4 + length) }
            p += 4 + length
        }
        return nil
    }

    // MARK: - Checks

    /// Sizes against the limits, and no two entries sharing bytes.
    func checkBounds(directoryOffset: Int) throws(ZipError) {
        var total: UInt64 = 0
        for e in entries {
            let (sum, overflow) = total.addingReportingOverflow(e.uncompressedSize)
            total = overflow ? .max : sum
        }
        guard total <= limits.maxTotalBytes else { throw ZipError(.archiveTooLarge(bytes: total, limit: limits.maxTotalBytes)) }
        // Each entry spans at least its local header and its compressed data;
        // sorted by offset, each must end before the next starts.
        let order = entries.indices.sorted { entries[$0].localHeaderOffset < entries[$1].localHeaderOffset }
        for (k, i) in order.enumerated() {
            let e = entries[i]
            guard e.localHeaderOffset <= UInt64(directoryOffset),
                  e.compressedSize <= UInt64(directoryOffset) - e.localHeaderOffset else {
                throw ZipError(.truncated("the data of \(e.name)"))
            }
            let spanEnd = e.localHeaderOffset + UInt64(Self.localHeaderSize) + e.compressedSize
            if k + 1 < order.count, spanEnd > entries[order[k + 1]].localHeaderOffset {
                throw ZipError(.overlappingEntries(e.name, entries[order[k + 1]].name))
            }
        }
    }

    /// One entry's declared size against the size and ratio limits.
    func checkSize(_ entry: ZipEntry) throws(ZipError) {
        guard entry.uncompressedSize <= UInt64(limits.maxEntryBytes) else {
            throw ZipError(.entryTooLarge(entry: entry.name, bytes: entry.uncompressedSize, limit: limits.maxEntryBytes))
        }
        if entry.uncompressedSize > UInt64(limits.ratioFloorBytes) {
            let ratio = entry.uncompressedSize / max(1, entry.compressedSize)
            guard ratio <= UInt64(limits.maxCompressionRatio) else {
                throw ZipError(.compressionRatio(entry: entry.name, ratio: ratio, limit: limits.maxCompressionRatio))
            }
        }
    }

    /// The byte range of an entry's compressed data, after its local header.
    func dataRange(of entry: ZipEntry) throws(ZipError) -> Range<Int> {
        let name = entry.name
        let count = UInt64(bytes.count)
        guard entry.localHeaderOffset <= count, count - entry.localHeaderOffset >= UInt64(Self.localHeaderSize) else {
            throw ZipError(.truncated("the local header of \(name)"))
        }
        let p = Int(entry.localHeaderOffset)
        guard Self.u32(bytes, p) == Self.localHeaderSignature else {
            throw ZipError(.malformed("\(name)'s central record points to no local header"))
        }
        guard Self.u16(bytes, p + 8) == entry.method else {
            throw ZipError(.malformed("\(name)'s local header names another compression method"))
        }
        let start = UInt64(p + Self.localHeaderSize + Self.u16(bytes, p + 26) + Self.u16(bytes, p + 28))
        guard start <= count, entry.compressedSize <= count - start else {
            throw ZipError(.truncated("the data of \(name)"))
        }
        return Int(start)..<Int(start + entry.compressedSize)
    }

    /// The data descriptor after an entry's data (its signature optional)
    /// must repeat the central directory's CRC-32.
    func checkDataDescriptor(of entry: ZipEntry, after p: Int) throws(ZipError) {
        var q = p
        if bytes.count - q >= 4, Self.u32(bytes, q) == Self.dataDescriptorSignature { q += 4 }
        guard bytes.count - q >= 12 else { throw ZipError(.truncated("the data descriptor of \(entry.name)")) }
        guard Self.u32(bytes, q) == entry.crc32 else {
            throw ZipError(.malformed("\(entry.name)'s data descriptor disagrees with the central directory"))
        }
    }

    // MARK: - Little-endian fields (callers check the bounds)

    @inline(__always) static func u16(_ b: [UInt8], _ p: Int) -> Int { Int(b[p]) | Int(b[p + 1]) << 8 }

    @inline(__always) static func u32(_ b: [UInt8], _ p: Int) -> UInt32 {
        UInt32(b[p]) | UInt32(b[p + 1]) << 8 | UInt32(b[p + 2]) << 16 | UInt32(b[p + 3]) << 24
    }

    @inline(__always) static func u64(_ b: [UInt8], _ p: Int) -> UInt64 {
        UInt64(u32(b, p)) | UInt64(u32(b, p + 4)) << 32
    }
}
