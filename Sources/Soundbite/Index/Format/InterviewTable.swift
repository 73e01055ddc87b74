/// The `interviews` section (kind 12): one variable-length record per
/// interview, found through an offset table; decoded once at open.
///
///     count u32 · offsets u32[count + 1] (relative to the first record) · record[count]
///     record := id, path, title, media, date (string ids) · collection u32
///               · fieldCount u32 · (key u32 · value u32)[fieldCount]      (string ids, sorted by key)
///               · chapterCount u32 · (title u32 · start f64 · end f64)[chapterCount]
///               · size u64 · statStamp u64 · contentHash u64 · manifestHash u64
///               · docStart u32 · docCount u32 · cueStart u32 · cueCount u32
///               · words u64 · seconds f64 · warnings u32 · format u32   (string id)
enum InterviewTable {
    /// The section for `interviews`, in order.
    static func encode(_ interviews: [InterviewRecord]) -> [UInt8] {
        var records = ByteWriter()
        var offsets: [UInt32] = [0]
        for r in interviews {
            for v in [r.id, r.path, r.title, r.media, r.date, r.collection] { records.u32(v) }
            records.u32(UInt32(r.fields.count))
            for (k, v) in r.fields { records.u32(k); records.u32(v) }
            records.u32(UInt32(r.chapters.count))
            for c in r.chapters { records.u32(c.title); records.f64(c.start); records.f64(c.end) }
            records.u64(r.source.size); records.u64(r.source.statStamp); records.u64(r.source.hash)
            records.u64(r.manifestHash)
            for v in [r.docStart, r.docCount, r.cueStart, r.cueCount] { records.u32(v) }
            records.u64(r.words); records.f64(r.seconds); records.u32(r.warnings); records.u32(r.format)
            offsets.append(UInt32(records.count))
        }
        var w = ByteWriter()
        w.u32(UInt32(interviews.count))
        for o in offsets { w.u32(o) }
        w.append(records.bytes)
        return w.bytes
    }

    /// Every record of the section. String ids must be below `strings`, the
    /// document and cue runs inside `docs` and `cues`, and the runs must follow
    /// each other and cover both tables (interview *i* starts where *i − 1*
    /// ends), which ``IndexReader/document(_:)`` relies on.
    static func decode(_ bytes: UnsafeRawBufferPointer, strings: Int, docs: Int,
                       cues: Int) throws(StorageError) -> [InterviewRecord] {
        func corrupt(_ detail: String) -> StorageError { .corrupt(path: "", detail: detail) }
        var r = ByteReader(bytes)
        let count = Int(try r.u32())
        guard count <= bytes.count / 4 else { throw corrupt("interview count") }
        _ = try r.u32()
        var ends: [Int] = []
        ends.reserveCapacity(count)
        let base = (count + 2) * 4
        for _ in 0..<count { ends.append(base + Int(try r.u32())) }
        var result: [InterviewRecord] = []
        result.reserveCapacity(count)
        func string() throws(StorageError) -> UInt32 {
            let v = try r.u32()
            guard Int(v) < strings else { throw corrupt("interview string id") }
            return v
        }
        var nextDoc: UInt64 = 0, nextCue: UInt64 = 0
        for k in 0..<count {
            let id = try string(), path = try string(), title = try string(), media = try string(), date = try string()
            let collection = try r.u32()
            let fieldCount = Int(try r.u32())
            guard fieldCount <= r.remaining / 8 else { throw corrupt("interview fields") }
            var fields: [(UInt32, UInt32)] = []
            fields.reserveCapacity(fieldCount)
            for _ in 0..<fieldCount { fields.append((try string(), try string())) }
            let chapterCount = Int(try r.u32())
            guard chapterCount <= r.remaining / 20 else { throw corrupt("interview chapters") }
            var chapters: [ChapterRecord] = []
            chapters.reserveCapacity(chapterCount)
            for _ in 0..<chapterCount { chapters.append(ChapterRecord(title: try string(), start: try r.f64(), end: try r.f64())) }
            let source = SourceFingerprint(size: try r.u64(), statStamp: try r.u64(), hash: try r.u64())
            let manifestHash = try r.u64()
            let docStart = try r.u32(), docCount = try r.u32(), cueStart = try r.u32(), cueCount = try r.u32()
            guard UInt64(docStart) + UInt64(docCount) <= UInt64(docs),
                  UInt64(cueStart) + UInt64(cueCount) <= UInt64(cues) else { throw corrupt("interview ranges") }
            guard UInt64(docStart) == nextDoc, UInt64(cueStart) == nextCue else {
                throw corrupt("interview document ranges do not follow each other")
            }
            nextDoc += UInt64(docCount)
            nextCue += UInt64(cueCount)
            let words = try r.u64(), seconds = try r.f64(), warnings = try r.u32()
            // Version 1 records end here; later ones add the format.
            let format = r.offset + 4 <= ends[k] ? try string() : 0
            result.append(InterviewRecord(
                id: id, path: path, title: title, media: media, date: date, collection: collection,
                fields: fields, chapters: chapters, source: source, manifestHash: manifestHash,
                docStart: docStart, docCount: docCount, cueStart: cueStart, cueCount: cueCount,
                words: words, seconds: seconds, warnings: warnings, format: format))
        }
        guard nextDoc == UInt64(docs), nextCue == UInt64(cues) else { throw corrupt("interviews do not cover every document") }
        return result
    }
}

/// A chapter of an interview, title as a string id.
struct ChapterRecord: Sendable, Hashable {
    var title: UInt32
    var start: Double
    var end: Double
}

/// One interview: metadata as string ids, its document and cue ranges, its
/// source fingerprint (for incremental updates) and its statistics.
struct InterviewRecord: Sendable, Hashable {
    var id: UInt32
    var path: UInt32
    var title: UInt32
    var media: UInt32
    var date: UInt32
    var collection: UInt32
    var fields: [(UInt32, UInt32)]
    var chapters: [ChapterRecord]
    var source: SourceFingerprint
    /// Hash of the manifest entry and collection roles the interview was read
    /// with (0 when unknown, e.g. built from an in-memory ``InterviewCollection``): with
    /// equal size and stat stamp, an equal value proves the interview unchanged
    /// without reading the file.
    var manifestHash: UInt64 = 0
    var docStart: UInt32
    var docCount: UInt32
    var cueStart: UInt32
    var cueCount: UInt32
    var words: UInt64
    var seconds: Double
    /// Warning diagnostics met reading the transcript and its chapter track.
    var warnings: UInt32
    /// The ``TranscriptFormat`` raw value it was read in, as a string id
    /// (0, the empty string, when unknown).
    var format: UInt32 = 0

    static func == (a: Self, b: Self) -> Bool {
        a.id == b.id && a.path == b.path && a.docStart == b.docStart && a.source == b.source
            && a.fields.elementsEqual(b.fields, by: { $0 == $1 })
    }
    func hash(into h: inout Hasher) { h.combine(id); h.combine(docStart) }
}
