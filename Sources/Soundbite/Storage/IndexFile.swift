/// The container layer of the index file: header, aligned sections with
/// CRC-32C checksums, section table and footer (see `IndexFormat`); the
/// table is read by ``SectionTable``. Knows nothing about what the sections mean.
enum IndexFile {
    /// Builds a file image from `sections`, in order.
    static func assemble(_ sections: [(IndexFormat.Section, [UInt8])]) -> [UInt8] {
        assemble(kinds: sections.map { ($0.0.rawValue, $0.1) })
    }

    /// Builds a file image from sections given by raw kind (tests use kinds
    /// no reader knows), with a ``PageChecksums`` section after them when any
    /// of them is checked per page (unless `pageChecksums` is false, as in
    /// files written before that section): ``IndexFileWriter`` over memory.
    static func assemble(kinds given: [(UInt32, [UInt8])], pageChecksums: Bool = true) -> [UInt8] {
        // Writing to memory cannot fail.
        do {
            var w = try IndexFileWriter(MemorySink())
            for (kind, bytes) in given { try w.section(kind, bytes) }
            try w.finish(pageChecksums: pageChecksums)
            return w.sink.bytes
        } catch {
            fatalError("writing an index image to memory failed: \(error)")
        }
    }

    /// Recomputes every section's checksum (known kinds or not) and checks
    /// that the alignment padding between sections is zero, so that no byte
    /// of the file goes unchecked; throws on the first mismatch. Sections
    /// whose raw kind is in `skipping` are left out (``PageVerifier`` checks them).
    static func verify(_ bytes: UnsafeRawBufferPointer, table: SectionTable, path: String,
                       skipping: Set<UInt32> = []) throws(StorageError) {
        var previousEnd = IndexFormat.headerSize
        for e in table.entries {
            let slice = UnsafeRawBufferPointer(rebasing: bytes[e.offset..<(e.offset + e.length)])
            guard skipping.contains(e.kind) || CRC32C.checksum(slice) == e.crc else {
                throw .checksumMismatch(path: path, section: e.name)
            }
            guard isZero(bytes, previousEnd..<e.offset) else {
                throw .corrupt(path: path, detail: "non-zero padding before byte \(e.offset)")
            }
            previousEnd = e.offset + e.length
        }
        guard isZero(bytes, previousEnd..<table.tableOffset) else {
            throw .corrupt(path: path, detail: "non-zero padding before the section table")
        }
    }

    /// Whether `range` of `bytes` holds only zero bytes (padding: at most 7 bytes).
    private static func isZero(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) -> Bool {
        bytes[range].allSatisfy { $0 == 0 }
    }
}
