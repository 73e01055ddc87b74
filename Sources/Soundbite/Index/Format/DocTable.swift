/// The document table: the `docs` section (kind 8, one ``DocRecord`` of
/// ``recordSize`` bytes per document, i.e. passage) and the `docLengths`
/// section (kind 9, the BM25 length of each document as a dense `u32`
/// column for the scoring loop). Read in place; every accessor is
/// bounds-checked and answers `UInt32.max` (or 0 for a length) for a
/// document out of range, which no caller takes for a valid id.
///
///     docs    := (length u32 · interview u32 · speaker u32 · role u32 · chapter u32
///                 · firstCue u32 · cueCount u32 · textLength u32 · textOffset u64)[count]
///     docLengths := length u32[count]
struct DocTable {
    /// Bytes per document record.
    static let recordSize = 40

    /// A `u32` column of the record, by its word offset.
    enum Field: Int, Sendable {
        case length = 0, interview, speaker, role, chapter, cueStart, cueCount, textLength
    }

    /// Number of documents.
    let count: Int
    private let records: UnsafeRawBufferPointer
    private let lengths: UnsafeRawBufferPointer

    /// A view of the two sections, which must hold exactly `count` documents each.
    init(docs: UnsafeRawBufferPointer, lengths: UnsafeRawBufferPointer, count: Int) throws(StorageError) {
        guard count >= 0, docs.count / Self.recordSize == count, docs.count % Self.recordSize == 0,
              lengths.count == count * 4 else {
            throw .corrupt(path: "", detail: "the docs and docLengths sections do not hold \(count) documents")
        }
        self.count = count
        records = docs
        self.lengths = lengths
    }

    /// The BM25 length of `doc` (0 out of range).
    @inline(__always)
    func length(_ doc: UInt32) -> UInt32 {
        guard Int(doc) < count else { return 0 }
        return UInt32(littleEndian: lengths.loadUnaligned(fromByteOffset: Int(doc) * 4, as: UInt32.self))
    }

    /// One column of `doc`'s record (`UInt32.max` out of range).
    @inline(__always)
    func value(_ field: Field, of doc: UInt32) -> UInt32 {
        guard Int(doc) < count else { return .max }
        return UInt32(littleEndian: records.loadUnaligned(
            fromByteOffset: Int(doc) * Self.recordSize + field.rawValue * 4, as: UInt32.self))
    }

    /// The interview index of `doc`.
    @inline(__always) func interview(of doc: UInt32) -> UInt32 { value(.interview, of: doc) }
    /// The speaker of `doc` (string id).
    @inline(__always) func speaker(of doc: UInt32) -> UInt32 { value(.speaker, of: doc) }
    /// The role of `doc` (string id).
    @inline(__always) func role(of doc: UInt32) -> UInt32 { value(.role, of: doc) }
    /// The chapter of `doc` (string id).
    @inline(__always) func chapter(of doc: UInt32) -> UInt32 { value(.chapter, of: doc) }

    /// True when documents `a` and `a + 1` are consecutive passages of one
    /// speaker turn: same interview, speaker, role and chapter (the
    /// ``PassageSegmenter`` cut them only for length).
    func continuesTurn(after a: UInt32) -> Bool {
        guard Int(a) + 1 < count else { return false }
        for field in [Field.interview, .speaker, .role, .chapter] where value(field, of: a) != value(field, of: a + 1) {
            return false
        }
        return true
    }

    /// The bytes of the `docs` section that reading the records of documents
    /// `range` touches (clamped to the table), for the page check
    /// (``PageVerifier``): a range of headers and one of data, as for
    /// packed tables; here the records alone.
    @inline(__always)
    func byteRanges(of range: Range<Int>) -> (headers: Range<Int>, data: Range<Int>) {
        let lo = min(max(range.lowerBound, 0), count), hi = min(max(range.upperBound, lo), count)
        return (0..<0, (lo * Self.recordSize)..<(hi * Self.recordSize))
    }

    /// The record of `doc` as stored (nil out of range); ``IndexReader/document(_:)``
    /// repairs a damaged one against its interview.
    func record(_ doc: Int) -> DocRecord? {
        guard doc >= 0, doc < count else { return nil }
        let d = UInt32(doc)
        return DocRecord(length: value(.length, of: d), interview: value(.interview, of: d),
                         speaker: value(.speaker, of: d), role: value(.role, of: d), chapter: value(.chapter, of: d),
                         cueStart: value(.cueStart, of: d), cueCount: value(.cueCount, of: d),
                         textOffset: UInt64(littleEndian: records.loadUnaligned(
                            fromByteOffset: doc * Self.recordSize + 32, as: UInt64.self)),
                         textLength: value(.textLength, of: d))
    }

    /// The two sections for `docs`, in document order.
    static func encode(_ docs: [DocRecord]) -> (docs: [UInt8], lengths: [UInt8]) {
        var w = ByteWriter(), l = ByteWriter()
        for d in docs {
            w.u32(d.length); w.u32(d.interview); w.u32(d.speaker); w.u32(d.role); w.u32(d.chapter)
            w.u32(d.cueStart); w.u32(d.cueCount); w.u32(d.textLength); w.u64(d.textOffset)
            l.u32(d.length)
        }
        return (w.bytes, l.bytes)
    }
}

/// Fixed-size record of one document (passage), as stored in the `docs` section.
struct DocRecord: Sendable, Hashable {
    var length: UInt32
    var interview: UInt32
    var speaker: UInt32
    var role: UInt32
    var chapter: UInt32
    var cueStart: UInt32
    var cueCount: UInt32
    var textOffset: UInt64
    var textLength: UInt32
}
