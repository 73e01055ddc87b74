/// The `pageChecksums` section (kind 17): a CRC-32C per fixed-size page of
/// each big section, so that a verified open checks only the small sections
/// and the big ones are checked a page at a time when first read
/// (``PageVerifier``). The section-table CRCs still cover every byte, for
/// ``IndexFile/verify(_:table:path:)`` (`soundbite stats --verify`).
///
/// ```
/// pageChecksums := pageSize u32 · count u32 · entry[count]
/// entry         := kind u32 · pages u32 · crc32c u32[pages]
/// ```
/// Page `i` of a section is its bytes `i·pageSize ..< min((i+1)·pageSize, length)`;
/// `pages` is `⌈length / pageSize⌉`. Written by ``IndexFile/assemble(kinds:)``
/// for the kinds in ``lazyKinds`` (in file order), so it adds no step to the writers.
enum PageChecksums {
    /// Bytes per page: small enough that a search checks little it does not read,
    /// large enough that the table stays about 1/16,000 of the file.
    static let pageSize = 64 * 1024

    /// The sections checked per page on first use: those a search reads only
    /// in part, through ``IndexReader``'s accessors (term ranges, document
    /// records, cues, the compressed blocks of a passage's text with the
    /// text's block index).
    static let lazyKinds: Set<UInt32> = [IndexFormat.Section.postings.rawValue, IndexFormat.Section.positions.rawValue,
                                         IndexFormat.Section.docs.rawValue, IndexFormat.Section.cues.rawValue,
                                         IndexFormat.Section.storedText.rawValue, IndexFormat.Section.cueImpacts.rawValue]

    /// The pages of one section: where their CRCs are.
    struct Entry: Sendable, Hashable {
        var kind: UInt32
        var pages: Int
        /// Byte offset of the first CRC within the `pageChecksums` section.
        var crcOffset: Int
    }

    /// Decodes the section `bytes` against `table`: every entry names a
    /// section of the file once, with the page count its length calls for.
    static func decode(_ bytes: UnsafeRawBufferPointer, table: SectionTable, path: String)
        throws(StorageError) -> (pageSize: Int, entries: [Entry]) {
        func bad(_ detail: String) -> StorageError { .corrupt(path: path, detail: "page checksums: \(detail)") }
        var r = ByteReader(bytes)
        let size: UInt32, count: UInt32
        do { size = try r.u32(); count = try r.u32() } catch { throw bad("too short") }
        guard size >= 4096, size <= 1 << 24, count <= UInt32(table.entries.count) else { throw bad("impossible header") }
        let pageSize = Int(size)
        var entries: [Entry] = []
        var seen = Set<UInt32>()
        for _ in 0..<count {
            let kind: UInt32, pages: UInt32
            do { kind = try r.u32(); pages = try r.u32() } catch { throw bad("too short") }
            guard let section = table.entries.first(where: { $0.kind == kind }), seen.insert(kind).inserted else {
                throw bad("kind \(kind) is not one section of the file")
            }
            guard Int(pages) == (section.length + pageSize - 1) / pageSize else {
                throw bad("\(section.name) has \(pages) pages for \(section.length) bytes")
            }
            let crcOffset = r.offset
            do { try r.skip(Int(pages) * 4) } catch { throw bad("too short") }
            entries.append(Entry(kind: kind, pages: Int(pages), crcOffset: crcOffset))
        }
        guard r.remaining == 0 else { throw bad("trailing bytes") }
        return (pageSize, entries)
    }
}
