/// The index file format, version 2 — described byte by byte in `FORMAT.md`
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
/// Sections (kind → content):
/// - `meta` (1): UTF-8 `key=value` lines: docs, tokens, cues, analyzer, passage words.
/// - `strings` (2): count u32 · offsets u32[count+1] · bytes — speakers, roles, chapters, metadata.
/// - `terms` (3): count u32 · offsets u32[count+1] · bytes — terms in byte order.
/// - `termInfo` (4): per term 32 bytes: df u32 · blocks u32 · postings offset u64 · positions
///   offset u64 · bounds offset u32 · bounds count u32.
/// - `postings` (5): per term, `blocks` headers of 16 bytes (last doc u32 · data offset u32 ·
///   positions offset u32 · count u16 · max tf u16; offsets relative to the term's start in
///   `postings` / `positions`) then the blocks: per posting varint(doc − previous doc) · varint(tf),
///   the first doc of a block relative to the previous block's last doc (+1 for the first block).
/// - `positions` (6): per posting, tf varints: first position, then deltas.
/// - `bounds` (7): per term its Pareto frontier of (tf u32, dl u32) pairs: every posting is
///   dominated by one (no more tf, no less dl), so the exact BM25 upper bound for any k1, b
///   is the best score over the frontier.
/// - `docs` (8): per document 40 bytes: length u32 · interview u32 · speaker u32 · role u32 ·
///   chapter u32 · first cue u32 · cue count u32 · text length u32 · text offset u64.
/// - `docLengths` (9): u32 per document (the BM25 dl, dense for the scoring loop).
/// - `cues` (10): per cue 24 bytes: start f64 · end f64 · text start u32 · first position u32.
/// - `text` (11): the stored passage texts, UTF-8, markup removed.
/// - `interviews` (12): count u32 · offsets u32[count+1] · records: id, path, title, media, date
///   (string ids) · collection u32 · fields · chapters · size u64 · stat stamp u64 · content hash u64 ·
///   manifest hash u64 · doc start/count, cue start/count u32 · words u64 · seconds f64 · warnings u32 ·
///   format (string id of the ``TranscriptFormat`` raw value; since version 2, absent from version 1 records).
/// - `collections` (13): count u32 · per collection: name, root (length-prefixed), warnings u32,
///   skipped count u32 · skipped paths.
/// - `pageChecksums` (17, optional): a CRC-32C per 64 KiB page of postings, positions, cues and
///   text (``PageChecksums``), so a verified open checks those pages on first use.
package enum IndexFormat {
    static let magic: [UInt8] = Array("SNDBITEX".utf8)
    static let footerMagic: [UInt8] = Array("SBXFOOT1".utf8)
    static let version: UInt32 = 2
    package static let headerSize = 16
    package static let footerSize = 40
    package static let tableEntrySize = 24
    static let blockSize = 128

    /// Section kinds.
    enum Section: UInt32, CaseIterable, Sendable {
        case meta = 1, strings, terms, termInfo, postings, positions, bounds, docs, docLengths,
             cues, text, interviews, collections
        /// CRC-32C per 64 KiB page of the big sections (``PageChecksums``); optional.
        case pageChecksums = 17

        /// Whether a file may lack the section (then nothing is checked per page).
        var isOptional: Bool { self == .pageChecksums }
    }
    static let termInfoSize = 32
    static let docRecordSize = 40
    static let cueRecordSize = 24
    static let blockHeaderSize = 16
}
