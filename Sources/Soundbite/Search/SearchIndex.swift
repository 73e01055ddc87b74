import Foundation

/// A searchable index of interviews: built in memory from collections, or
/// opened from an index file by memory mapping. Immutable once made, so one
/// instance serves searches from many threads at once.
///
/// ```swift
/// let collection = CollectionReader().read("Corpus/innovative-schools")
/// let index = SearchIndex(building: [collection])
/// let results = try index.search("laptops dinner", options: SearchOptions(limit: 5))
/// for hit in results.hits { print(hit.speaker, hit.timecode, hit.snippet.marked()) }
/// ```
public final class SearchIndex: Sendable {
    let reader: IndexReader

    /// The version of the index file format this library writes (and the
    /// only one it reads: `soundbite index` rebuilds older files).
    public static var formatVersion: Int { Int(IndexFormat.version) }

    /// The file the index was opened from ("" when built in memory).
    public var path: String { reader.path }

    /// The analyzer documents were indexed with (queries use it too).
    public var analyzer: Analyzer { reader.analyzer }

    init(reader: IndexReader) { self.reader = reader }

    /// Builds an index in memory from `collections`.
    /// - Complexity: one pass over the text; memory proportional to the corpus.
    public convenience init(building collections: [InterviewCollection], options: IndexOptions = IndexOptions()) {
        var builder = IndexBuilder(analyzer: options.analyzer,
                                   segmenter: PassageSegmenter(wordBudget: options.passageWords))
        for c in collections { builder.add(c) }
        self.init(image: IndexWriter.serialize(builder))
    }

    /// Wraps a serialized image (which was just built, so it is valid).
    convenience init(image: [UInt8]) {
        // An image this process built always opens; a failure here is a bug.
        do { try self.init(storage: ByteStorage(copying: image), path: "") } catch {
            fatalError("a freshly built index image does not open: \(error)")
        }
    }

    /// Opens an image already in memory; `path` names it in errors.
    package init(storage: ByteStorage, path: String, verifying: Bool = false) throws(StorageError) {
        do { reader = try IndexReader(storage: storage, path: path, verifying: verifying) } catch { throw error.at(path) }
    }

    /// Opens an index file by memory mapping it; nothing is rebuilt.
    ///
    /// Header, footer and section table are always checked. With `verify`
    /// (the default) every small section's CRC-32C is recomputed too, and
    /// the big ones (postings, positions, cues, text) are checked a 64 KiB
    /// page at a time when first read, so a damaged file never gives a wrong
    /// answer: a search that reads a damaged page throws
    /// ``SearchError/damagedIndex(_:)`` (see `Sources/Soundbite/Storage/FORMAT.md`).
    /// Pass `verify: false` to open in
    /// time independent of the index size: reads stay bounds-checked, so
    /// damage can give odd results but never a crash or a hang; call
    /// ``verify()`` to check later.
    /// - Throws: ``StorageError`` for a missing, truncated or corrupt file, or one of another format version.
    public convenience init(contentsOf path: String, verify: Bool = true) throws(StorageError) {
        try self.init(storage: ByteStorage(mapping: path), path: path, verifying: verify)
    }

    /// The index as file bytes.
    package var image: UnsafeRawBufferPointer { reader.storage.bytes }

    /// Recomputes every section checksum of the file.
    /// - Throws: ``StorageError/checksumMismatch(path:section:)`` naming the damaged section.
    public func verify() throws(StorageError) { try reader.verify() }

    /// Parses `query` and searches.
    /// - Throws: ``SearchError`` for a syntax error, an unknown field or a limit hit.
    public func search(_ query: String, options: SearchOptions = SearchOptions()) throws(SearchError) -> SearchResults {
        try undamaged(Searcher(reader: reader, options: options).run(try parse(query, limits: options.limits), text: query))
    }

    /// `result`, unless a read of this search (or an earlier one) met a
    /// damaged page: then ``SearchError/damagedIndex(_:)``.
    func undamaged<T>(_ result: T) throws(SearchError) -> T {
        if let check = reader.pageCheck, check.damagedKind != 0, let damage = reader.pages?.damage { throw .damagedIndex(damage) }
        return result
    }

    /// Parses query text; a syntax error becomes ``SearchError/syntax(_:)``.
    func parse(_ query: String, limits: QueryLimits) throws(SearchError) -> QueryNode {
        do { return try QueryParser(limits: limits).parse(query) } catch { throw .syntax(error) }
    }

    /// Searches with a query built in code.
    public func search(_ query: QueryNode, options: SearchOptions = SearchOptions()) throws(SearchError) -> SearchResults {
        try search(query, text: "\(query)", options: options)
    }

    /// Searches with a query already parsed from `text` (reported as the results' query).
    package func search(_ query: QueryNode, text: String, options: SearchOptions) throws(SearchError) -> SearchResults {
        try undamaged(Searcher(reader: reader, options: options).run(query, text: text))
    }
}

/// How an index is built.
public struct IndexOptions: Sendable, Hashable {
    /// The analysis chain (stored in the index and applied to queries).
    public var analyzer: Analyzer
    /// Word budget of a passage, the unit BM25 ranks (see `docs/EVALUATION.md`).
    public var passageWords: Int
    /// Threads that read and index transcripts during
    /// ``SearchIndex/update(_:paths:options:reader:)`` (at least 1; the
    /// default is one per active processor). The index is byte-identical
    /// whatever the count.
    public var threads: Int
    /// Bytes of postings ``SearchIndex/update(_:paths:options:reader:)``
    /// holds in memory before it moves them to a sorted run in a temporary
    /// file, merged back when the index is laid out (default 256 MiB). The
    /// index is byte-identical whatever the budget.
    public var memoryBudget: Int

    /// Creates options.
    public init(analyzer: Analyzer = .standard, passageWords: Int = 10, threads: Int = IndexOptions.defaultThreads,
                memoryBudget: Int = 256 << 20) {
        self.analyzer = analyzer
        self.passageWords = passageWords
        self.threads = max(1, threads)
        self.memoryBudget = max(0, memoryBudget)
    }

    /// One thread per active processor.
    public static var defaultThreads: Int { ProcessInfo.processInfo.activeProcessorCount }
}

extension SearchIndex {
    /// Writes the index to `path` atomically (temporary file, fsync, rename,
    /// fsync of the folder): a crash or full disk leaves any previous file intact.
    public func write(to path: String) throws(StorageError) {
        try write(to: path, layer: PosixFileLayer())
    }

    /// Writes through `layer` (tests inject failures here).
    func write(to path: String, layer: some FileLayer, chunkSize: Int = AtomicFile.chunkSize) throws(StorageError) {
        try AtomicFile.write(reader.storage.bytes, to: path, layer: layer, chunkSize: chunkSize)
    }
}
