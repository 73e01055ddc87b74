/// Where an ``IndexFileWriter`` puts its bytes: a growing array
/// (``MemorySink``, for an index built in memory) or a file being written
/// (``AtomicFile/Output``), so the whole image never has to sit in memory.
protocol ByteSink {
    /// Appends `bytes`.
    mutating func write(_ bytes: UnsafeRawBufferPointer) throws(StorageError)
}

/// A ``ByteSink`` collecting the bytes in memory.
struct MemorySink: ByteSink {
    /// Everything written so far.
    var bytes: [UInt8] = []

    mutating func write(_ bytes: UnsafeRawBufferPointer) throws(StorageError) {
        self.bytes.append(contentsOf: bytes)
    }
}

/// Writes the container of the index file (header, 8-byte aligned sections
/// with their CRC-32C, the ``PageChecksums`` section, section table, footer;
/// see `IndexFormat` and `Storage/FORMAT.md`) front to back as sections are
/// produced: a section may arrive in pieces (``beginSection(_:)``,
/// ``write(_:)``, ``endSection()``), and its checksums are computed as its
/// bytes pass, so nothing but the small table is kept. ``IndexFile/assemble(_:)``
/// is this writer over a ``MemorySink``: both give the same bytes.
struct IndexFileWriter<Sink: ByteSink> {
    /// The destination (``finish(pageChecksums:)`` leaves it complete).
    private(set) var sink: Sink
    /// Bytes written so far.
    private(set) var offset = 0

    private var table = ByteWriter()
    private var sectionCount = 0
    /// Page CRCs of the sections in ``PageChecksums/lazyKinds``, in file order.
    private var pages: [(kind: UInt32, crcs: [UInt32])] = []

    // The section being written.
    private var kind: UInt32?
    private var start = 0
    private var crc: UInt32 = 0
    private var paged = false
    private var pageCRC: UInt32 = 0
    private var pageFill = 0
    private var pageCRCs: [UInt32] = []

    /// Starts a file in `sink`: writes the header.
    init(_ sink: Sink) throws(StorageError) {
        self.sink = sink
        var header = ByteWriter()
        header.append(IndexFormat.magic)
        header.u32(IndexFormat.version)
        header.u32(CRC32C.checksum(header.bytes))
        try put(header.bytes)
    }

    /// Starts section `kind` (after zero padding to a multiple of 8).
    mutating func beginSection(_ kind: UInt32) throws(StorageError) {
        precondition(self.kind == nil, "a section is already open")
        try pad()
        self.kind = kind
        start = offset
        crc = 0
        paged = PageChecksums.lazyKinds.contains(kind)
        pageCRC = 0
        pageFill = 0
        pageCRCs = []
    }

    /// Appends bytes to the open section.
    mutating func write(_ bytes: UnsafeRawBufferPointer) throws(StorageError) {
        precondition(kind != nil, "no section is open")
        guard !bytes.isEmpty else { return }
        crc = CRC32C.checksum(bytes, continuing: crc)
        if paged {
            var lo = 0
            while lo < bytes.count {
                let n = min(PageChecksums.pageSize - pageFill, bytes.count - lo)
                pageCRC = CRC32C.checksum(UnsafeRawBufferPointer(rebasing: bytes[lo..<(lo + n)]), continuing: pageCRC)
                pageFill += n
                lo += n
                if pageFill == PageChecksums.pageSize { pageCRCs.append(pageCRC); pageCRC = 0; pageFill = 0 }
            }
        }
        try sink.write(bytes)
        offset += bytes.count
    }

    /// Appends bytes to the open section.
    mutating func write(_ bytes: [UInt8]) throws(StorageError) {
        try bytes.withStorageBytes { (b) throws(StorageError) in try write(b) }
    }

    /// Ends the open section: records it in the table.
    mutating func endSection() {
        guard let kind else { preconditionFailure("no section is open") }
        if paged {
            if pageFill > 0 { pageCRCs.append(pageCRC) }
            pages.append((kind, pageCRCs))
            pageCRCs = []
        }
        table.u32(kind)
        table.u32(crc)
        table.u64(UInt64(start))
        table.u64(UInt64(offset - start))
        sectionCount += 1
        self.kind = nil
    }

    /// Writes a whole section.
    mutating func section(_ kind: UInt32, _ bytes: [UInt8]) throws(StorageError) {
        try beginSection(kind)
        try write(bytes)
        endSection()
    }

    /// Writes a whole section.
    mutating func section(_ kind: IndexFormat.Section, _ bytes: [UInt8]) throws(StorageError) {
        try section(kind.rawValue, bytes)
    }

    /// Ends the file: the ``PageChecksums`` section (when `pageChecksums`
    /// and some section was checked per page), the section table and the
    /// footer. Returns the file's length.
    @discardableResult
    mutating func finish(pageChecksums: Bool = true) throws(StorageError) -> Int {
        precondition(kind == nil, "a section is still open")
        if pageChecksums, !pages.isEmpty {
            var w = ByteWriter()
            w.u32(UInt32(PageChecksums.pageSize))
            w.u32(UInt32(pages.count))
            for (kind, crcs) in pages {
                w.u32(kind)
                w.u32(UInt32(crcs.count))
                for c in crcs { w.u32(c) }
            }
            pages = []
            try section(IndexFormat.Section.pageChecksums.rawValue, w.bytes)
        }
        try pad()
        let tableOffset = offset
        try put(table.bytes)
        var footer = ByteWriter()
        footer.u64(UInt64(tableOffset))
        footer.u32(UInt32(sectionCount))
        footer.u32(CRC32C.checksum(table.bytes))
        footer.u64(UInt64(tableOffset + table.count + IndexFormat.footerSize))
        footer.u32(IndexFormat.version)
        footer.u32(CRC32C.checksum(footer.bytes))
        footer.append(IndexFormat.footerMagic)
        try put(footer.bytes)
        return offset
    }

    /// Zero bytes up to a multiple of 8 (outside any section).
    private mutating func pad() throws(StorageError) {
        let n = (8 - offset % 8) % 8
        if n > 0 { try put([UInt8](repeating: 0, count: n)) }
    }

    private mutating func put(_ bytes: [UInt8]) throws(StorageError) {
        try bytes.withStorageBytes { (b) throws(StorageError) in try sink.write(b) }
        offset += bytes.count
    }
}

extension Array where Element == UInt8 {
    /// `withUnsafeBytes` for a body that throws a ``StorageError`` (the
    /// standard one only rethrows untyped errors).
    func withStorageBytes(_ body: (UnsafeRawBufferPointer) throws(StorageError) -> Void) throws(StorageError) {
        let result: Result<Void, StorageError> = withUnsafeBytes { b in Result { () throws(StorageError) in try body(b) } }
        try result.get()
    }
}
