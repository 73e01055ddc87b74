/// The document table: the `docs` section (kind 8, one ``DocRecord`` per
/// document, i.e. passage, as ``PackedColumns``) and the `docLengths`
/// section (kind 9, the BM25 length of each document as a dense `u32`
/// column for the scoring loop; the record's `length` is read from it). Read
/// in place; every accessor is bounds-checked and answers `UInt32.max` (or 0
/// for a length) for a document out of range, which no caller takes for a
/// valid id.
///
///     docs       := PackedColumns of (interview · speaker · role · chapter · firstCue
///                   · cueCount · textLength · textOffset)[count]
///     docLengths := length u32[count]
struct DocTable {
    /// A column of the record.
    enum Field: Int, Sendable {
        case interview = 0, speaker, role, chapter, cueStart, cueCount, textLength, textOffset
    }

    /// Columns of the packed `docs` table.
    static let columns = 8

    /// Number of documents.
    let count: Int
    private let records: PackedColumns
    private let lengths: UnsafeRawBufferPointer

    /// A view of the two sections, which must hold `count` documents each.
    init(docs: UnsafeRawBufferPointer, lengths: UnsafeRawBufferPointer, count: Int) throws(StorageError) {
        guard count >= 0, lengths.count == count * 4 else {
            throw .corrupt(path: "", detail: "the docs and docLengths sections do not hold \(count) documents")
        }
        records = try PackedColumns(docs, rows: count, columns: Self.columns, name: "docs")
        self.count = count
        self.lengths = lengths
    }

    /// The BM25 length of `doc` (0 out of range).
    @inline(__always)
    func length(_ doc: UInt32) -> UInt32 {
        guard Int(doc) < count else { return 0 }
        return UInt32(littleEndian: lengths.loadUnaligned(fromByteOffset: Int(doc) * 4, as: UInt32.self))
    }

    /// One `u32` column of `doc`'s record (`UInt32.max` out of range).
    @inline(__always)
    func value(_ field: Field, of doc: UInt32) -> UInt32 {
        guard Int(doc) < count else { return .max }
        return UInt32(truncatingIfNeeded: records.value(field.rawValue, row: Int(doc)))
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
    /// (``PageVerifier``): their blocks' headers and their blocks' bits.
    @inline(__always)
    func byteRanges(of range: Range<Int>) -> (headers: Range<Int>, data: Range<Int>) {
        let lo = min(max(range.lowerBound, 0), count), hi = min(max(range.upperBound, lo), count)
        return records.byteRanges(rows: lo..<hi)
    }

    /// The record of `doc` as stored (nil out of range); ``IndexReader/document(_:)``
    /// repairs a damaged one against its interview.
    func record(_ doc: Int) -> DocRecord? {
        guard doc >= 0, doc < count else { return nil }
        let d = UInt32(doc)
        return DocRecord(length: length(d), interview: value(.interview, of: d),
                         speaker: value(.speaker, of: d), role: value(.role, of: d), chapter: value(.chapter, of: d),
                         cueStart: value(.cueStart, of: d), cueCount: value(.cueCount, of: d),
                         textOffset: records.value(Field.textOffset.rawValue, row: doc),
                         textLength: value(.textLength, of: d))
    }

    /// The two sections for `docs`, in document order.
    static func encode(_ docs: [DocRecord]) -> (docs: [UInt8], lengths: [UInt8]) {
        var encoder = Encoder()
        for d in docs { encoder.append(d) }
        return encoder.finish()
    }

    /// Encodes the two sections one document at a time.
    struct Encoder {
        private var table = PackedColumns.Encoder(columns: DocTable.columns)
        private var lengths = ByteWriter()
        private var row = [UInt64](repeating: 0, count: DocTable.columns)

        /// Empty sections.
        init() {}

        /// Appends the next document.
        mutating func append(_ d: DocRecord) {
            row[0] = UInt64(d.interview); row[1] = UInt64(d.speaker); row[2] = UInt64(d.role)
            row[3] = UInt64(d.chapter); row[4] = UInt64(d.cueStart); row[5] = UInt64(d.cueCount)
            row[6] = UInt64(d.textLength); row[7] = d.textOffset
            table.append(row)
            lengths.u32(d.length)
        }

        /// The `docs` and `docLengths` sections.
        mutating func finish() -> (docs: [UInt8], lengths: [UInt8]) { (table.finish(), lengths.bytes) }
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
