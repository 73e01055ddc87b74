#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Lays out a built index in the file format (`Storage/FORMAT.md`): one
/// encoder per section, each owned by its type in `Index/Format/`, written
/// one after another through an ``IndexFileWriter``, so the same bytes go
/// to memory (``serialize(_:)``, an index built in memory) or stream to a
/// file (``write(_:into:extra:)``, `soundbite index`) without the whole
/// image ever being held.
///
/// Streaming keeps memory low: the postings and positions are encoded term
/// by term into a temporary file (they come after the term dictionary in the
/// file, which is known only when the last term is encoded) and copied
/// behind it; every part of the builder is released once its section is written.
enum IndexWriter {
    /// Serialises `builder` into one index file image.
    static func serialize(_ builder: IndexBuilder) -> [UInt8] {
        var builder = builder
        do {
            var w = try IndexFileWriter(MemorySink())
            try write(&builder, into: &w)
            try w.finish()
            return w.sink.bytes
        } catch {
            fatalError("writing an index image to memory failed: \(error)")
        }
    }

    /// Writes every section of `builder` to `w` in file order, then `extra`
    /// sections (the `used` ranges of an update); the caller finishes `w`.
    /// Empties `builder` as it goes (what it held is in the file).
    static func write<S: ByteSink>(_ builder: inout IndexBuilder, into w: inout IndexFileWriter<S>,
                                   extra: [(IndexFormat.Section, [UInt8])] = []) throws(StorageError) {
        var postings = Postings.Encoder()
        var docs = builder.docs
        builder.docs = []
        let lengths = docs.map(\.length)
        // Terms in byte order, each with all its postings (the builder merges
        // what it moved to disk, IndexBuilder+Spill); postings and positions
        // go to the spools as they pass a few MiB.
        let postingSpool = Spool(), positionSpool = Spool()
        var terms = TermInterner()
        var infos: [TermInfo] = []
        var spoolFailed = false
        var cueImpacts = CueImpacts.Encoder()
        let cueStarts = CueImpacts.CueStarts(builder.cues, docs)
        lengths.withUnsafeBufferPointer { lengths in
            builder.forEachTermInByteOrder { term, p in
                _ = terms.intern(term)
                cueImpacts.append(term: infos.count, docs: p.docs, tfs: p.tfs, positions: p.positions, cues: cueStarts)
                infos.append(postings.append(docs: p.docs, tfs: p.tfs, positions: p.positions) { lengths[Int($0)] })
                if postings.postings.count + postings.positions.count >= Spool.chunk {
                    postings.drain { if !postingSpool.append($0) || !positionSpool.append($1) { spoolFailed = true } }
                }
            }
        }
        postings.drain { if !postingSpool.append($0) || !positionSpool.append($1) { spoolFailed = true } }
        if spoolFailed { throw .io(path: Spool.folder, operation: "write a temporary file", errno: postingSpool.error) }
        builder.releasePostings()
        let meta = Meta(docs: docs.count, tokens: builder.totalTokens, cues: builder.cues.count,
                        interviews: builder.interviews.count, analyzer: builder.analyzer.signature,
                        passageWords: builder.segmenter.wordBudget)
        try w.section(.meta, meta.encoded)
        try w.section(.strings, builder.strings.encoded)
        builder.strings = StringTable()
        try w.section(.terms, TermDictionary.encodeTerms(terms, order: Array(0..<terms.count)))
        terms = TermInterner()
        try w.section(.termInfo, TermDictionary.encodeInfo(infos))
        infos = []
        try w.beginSection(IndexFormat.Section.postings.rawValue)
        try postingSpool.copy(into: &w)
        w.endSection()
        try w.beginSection(IndexFormat.Section.positions.rawValue)
        try positionSpool.copy(into: &w)
        w.endSection()
        try w.section(.bounds, postings.bounds.writer.bytes)
        postings = Postings.Encoder()
        do {
            let docTable = DocTable.encode(docs)
            try w.section(.docs, docTable.docs)
            try w.section(.docLengths, docTable.lengths)
        }
        try w.section(.cues, CueTable.encode(builder.cues))
        builder.cues = []
        try w.section(.interviews, InterviewTable.encode(builder.interviews))
        try w.section(.collections, CollectionTable.encode(builder.collections))
        try w.section(.facets, FacetDocSets.encode(docs: docs, interviews: builder.interviews))
        docs = []
        builder.interviews = []
        if builder.storedText == nil {
            try w.section(.storedText, StoredText.encode(builder.text))
        } else {
            builder.spillText()
            try w.beginSection(IndexFormat.Section.storedText.rawValue)
            try builder.storedText!.finish(into: &w)
            w.endSection()
        }
        builder.text = []
        builder.storedText = nil
        try w.section(.cueImpacts, cueImpacts.encoded(cueStarts))
        for (kind, bytes) in extra { try w.section(kind, bytes) }
    }

    /// Bytes of one section held in an anonymous temporary file (created in
    /// `$TMPDIR` or `/tmp` and unlinked at once), or in memory when no such
    /// file can be made. Used by one thread at a time (a builder moves
    /// between threads whole, hence `Sendable`).
    final class Spool: @unchecked Sendable {
        /// Bytes gathered before they are written out (and read back per copy).
        static let chunk = 4 << 20
        static var folder: String { getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp" }

        private let fd: Int32
        private var size = 0
        private var memory: [UInt8] = []
        /// The `errno` of the last failed write.
        private(set) var error: Int32 = 0

        init() {
            var template = Array((Self.folder + "/soundbite-section-XXXXXX").utf8CString)
            fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
            if fd >= 0 { template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) } }
        }

        deinit { if fd >= 0 { close(fd) } }

        /// Appends `bytes`; false when the file cannot be written.
        func append(_ bytes: [UInt8]) -> Bool {
            guard fd >= 0 else { memory.append(contentsOf: bytes); return true }
            return bytes.withUnsafeBytes { b -> Bool in
                var done = 0
                while done < b.count {
                    let n = pwrite(fd, b.baseAddress! + done, b.count - done, off_t(size + done))
                    if n < 0 && errno == EINTR { continue }
                    guard n > 0 else { error = n < 0 ? errno : ENOSPC; return false }
                    done += n
                }
                size += done
                return true
            }
        }

        /// Writes everything appended to the open section of `w`.
        func copy<S: ByteSink>(into w: inout IndexFileWriter<S>) throws(StorageError) {
            guard fd >= 0 else { try w.write(memory); return }
            var buffer = [UInt8](repeating: 0, count: min(Self.chunk, max(1, size)))
            var offset = 0
            while offset < size {
                let want = min(buffer.count, size - offset)
                let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress!, want, off_t(offset)) }
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { throw .io(path: Self.folder, operation: "read a temporary file", errno: n < 0 ? errno : EIO) }
                try buffer.withStorageBytes { (b) throws(StorageError) in try w.write(UnsafeRawBufferPointer(rebasing: b[0..<n])) }
                offset += n
            }
        }
    }
}
