/// The index file format, version 7 — described byte by byte in `FORMAT.md`
/// next to this file (keep both in sync). All integers little-endian;
/// sections start at 8-byte aligned offsets, the padding is zero bytes;
/// checksums are CRC-32C.
///
/// ```
/// file    := header section* table footer
/// header  := magic "SNDBITEX" (8) · version u32 · crc32c(magic+version) u32          16 bytes
/// table   := entry*            entry := kind u32 · crc32c u32 · offset u64 · length u64   24 bytes
/// footer  := tableOffset u64 · sectionCount u32 · crc32c(table) u32 · fileLength u64
///            · version u32 · crc32c(footer[0..<28]) u32 · magic "SBXFOOT1" (8)              40 bytes
/// ```
/// Each section's layout is owned by one type in `Sources/Soundbite/Index/Format/`
/// (listed in FORMAT.md's "Sections" table), which encodes it, reads it and tests both.
package enum IndexFormat {
    static let magic: [UInt8] = Array("SNDBITEX".utf8)
    static let footerMagic: [UInt8] = Array("SBXFOOT1".utf8)
    static let version: UInt32 = 7
    package static let headerSize = 16
    package static let footerSize = 40
    package static let tableEntrySize = 24

    /// Section kinds.
    enum Section: UInt32, CaseIterable, Sendable {
        case meta = 1, strings, terms, termInfo, postings, positions, bounds, docs, docLengths,
             cues, interviews = 12, collections
        /// Facet document sets (``FacetDocSets``); derived from `docs` and
        /// `interviews` when a file written before them lacks it.
        case facets = 14
        /// The documents' texts in compressed blocks (``StoredText``); replaces kind 11 `text`.
        case storedText = 15
        /// Present only when `soundbite used` recorded ranges (``UsedRangesSection``).
        case used = 16
        /// CRC-32C per 64 KiB page of the big sections (``PageChecksums``);
        /// without it the whole file is verified at open.
        case pageChecksums = 17
        /// Per block of a common term, the (cue tf, cue length) frontier of
        /// its cues (``CueImpacts``, since format 6): the quote order's block bound.
        case cueImpacts = 18

        /// Whether a file may lack the section (facets are then derived; no
        /// used ranges means nothing is marked; no page checksums, the whole
        /// file is verified at open).
        var isOptional: Bool { self == .facets || self == .used || self == .pageChecksums }
    }
}
