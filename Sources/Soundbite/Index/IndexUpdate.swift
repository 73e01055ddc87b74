/// What an incremental index update did.
public struct IndexUpdateReport: Sendable, Hashable {
    /// Interviews read now that the old index did not have.
    public var added = 0
    /// Interviews of the old index whose transcript, chapter track or
    /// manifest entry changed, read again.
    public var updated = 0
    /// Interviews of the old index no longer found (deleted, or now unreadable).
    public var removed = 0
    /// Interviews copied from the old index without reading or analysing them.
    public var unchanged = 0
    /// Diagnostics of this run: listing the collections and reading the new
    /// and changed transcripts (unchanged ones are not read, so their old
    /// warnings are not repeated; see ``keptWarnings``).
    public var diagnostics: [Diagnostic] = []
    /// Files that could not be read at all, as `collection root/relative path`.
    public var skipped: [String] = []
    /// Warnings recorded in the old index for the interviews kept unchanged.
    public var keptWarnings = 0
    /// Why the old index was not reused (nil when it was, or when there was none).
    public var rebuildReason: String?

    /// Creates an empty report.
    public init() {}

    /// Warning diagnostics of this run plus those kept from the old index.
    public var warnings: Int { diagnostics.filter { $0.severity == .warning }.count + keptWarnings }
}

extension SearchIndex {
    /// Builds the index of the collections at `paths`, reusing `old` where
    /// the sources did not change: the incremental update behind
    /// `soundbite index PATH... -o INDEX` on an existing index.
    ///
    /// Each path is one collection, or a folder of collections (as
    /// ``CollectionReader/readCollections(_:)`` reads it).
    /// The collections are listed without being read; a transcript of `old`
    /// (matched by collection folder and relative path) is unchanged when its
    /// size, ``SourceFingerprint/statStamp`` (modification and status-change
    /// times, device, inode) and manifest entry are equal, or else when the
    /// hash of its bytes (with chapter track and manifest entry) is: an edit
    /// that keeps size and mtime (`sed -i` then `touch -r`) still changes the
    /// ctime, so it is read again. Unchanged
    /// interviews are copied from `old` — documents, cues, text and postings —
    /// without being analysed again; new and changed ones are read and
    /// analysed; interviews no longer present are dropped.
    ///
    /// Interviews come in the order a fresh build gives them (collections in
    /// the order of `paths`, then path order), so document ids, scores and
    /// tie-breaks equal those of a fresh build: `update(old, …)` and
    /// `update(nil, …)` of the same files produce byte-identical images.
    ///
    /// `old` is ignored (a full build, with ``IndexUpdateReport/rebuildReason``
    /// set) when it was built with another analyzer or passage size, or when
    /// a checksum of it does not match.
    ///
    /// ```swift
    /// let old = try? SearchIndex(contentsOf: "corpus.sbx")
    /// let (index, report) = SearchIndex.update(old, paths: ["Corpus"])
    /// for d in report.diagnostics { print(d) }
    /// print("added \(report.added), updated \(report.updated), unchanged \(report.unchanged)")
    /// try index.write(to: "corpus.sbx")
    /// ```
    ///
    /// - Parameters:
    ///   - old: the index to reuse, or nil for a full build.
    ///   - paths: collection folders, folders of collections, or transcripts.
    ///   - options: analyzer and passage size; an `old` built otherwise is rebuilt.
    ///   - reader: reads the new and changed transcripts (its limits apply).
    /// - Returns: the new index (in memory; ``write(to:)`` stores it) and what was done.
    /// - Complexity: listing every file, reading new and changed ones, one
    ///   pass over the old postings, and serialising the result.
    public static func update(_ old: SearchIndex?, paths: [String], options: IndexOptions = IndexOptions(),
                              reader: CollectionReader = CollectionReader()) -> (SearchIndex, IndexUpdateReport) {
        update(old, paths: paths, options: options, reader: reader, filesPerSegment: IndexBuilder.filesPerSegment)
    }

    /// ``update(_:paths:options:reader:)`` with `filesPerSegment` files read
    /// into each segment (the unit of parallel work; tests vary it).
    static func update(_ old: SearchIndex?, paths: [String], options: IndexOptions, reader: CollectionReader,
                       filesPerSegment: Int) -> (SearchIndex, IndexUpdateReport) {
        let (builder, report) = built(old, paths: paths, options: options, reader: reader, filesPerSegment: filesPerSegment)
        return (SearchIndex(image: IndexWriter.serialize(builder)).keepingUsedRanges(of: old), report)
    }

    /// ``update(_:paths:options:reader:)`` writing the new index straight to
    /// `path`, atomically, as its sections are encoded: the whole image is
    /// never held in memory (`soundbite index` writes this way). The file is
    /// byte-identical to ``write(to:)`` of what ``update(_:paths:options:reader:)`` returns.
    ///
    /// `old` may be the index at `path` itself (it stays readable until the
    /// new file replaces it).
    ///
    /// - Parameters:
    ///   - shouldWrite: called once the collections are read, before
    ///     anything is written; return false to write nothing (for example
    ///     when the report has warnings and warnings are not allowed).
    /// - Returns: the new index, opened from `path` (nil when `shouldWrite`
    ///   declined), and what was done.
    /// - Throws: ``StorageError`` when the file cannot be written (any
    ///   previous file at `path` is then left as it was).
    public static func update(_ old: SearchIndex?, paths: [String], writingTo path: String,
                              options: IndexOptions = IndexOptions(), reader: CollectionReader = CollectionReader(),
                              shouldWrite: (IndexUpdateReport) -> Bool = { _ in true })
        throws(StorageError) -> (index: SearchIndex?, report: IndexUpdateReport) {
        try update(old, paths: paths, writingTo: path, options: options, reader: reader, filesPerSegment: IndexBuilder.filesPerSegment,
                   layer: PosixFileLayer(), shouldWrite: shouldWrite)
    }

    /// The streaming update through `layer` (tests inject failures) with
    /// `filesPerSegment` files per segment.
    static func update(_ old: SearchIndex?, paths: [String], writingTo path: String, options: IndexOptions,
                       reader: CollectionReader, filesPerSegment: Int, layer: some FileLayer,
                       chunkSize: Int = AtomicFile.chunkSize, shouldWrite: (IndexUpdateReport) -> Bool)
        throws(StorageError) -> (index: SearchIndex?, report: IndexUpdateReport) {
        var (builder, report) = built(old, paths: paths, options: options, reader: reader, filesPerSegment: filesPerSegment)
        guard shouldWrite(report) else { return (nil, report) }
        var extra: [(IndexFormat.Section, [UInt8])] = []
        if let old, !old.usedRanges.isEmpty {
            // What ``keepingUsedRanges(of:)`` adds to an image in memory.
            let ids = builder.interviewIDs
            let known = Set(ids)
            if let section = UsedRangesSection.encode(old.usedRanges.filter { known.contains($0) }, ids: ids) {
                extra.append((.used, section))
            }
        }
        try AtomicFile.write(to: path, layer: layer, chunkSize: chunkSize) { (out) throws(StorageError) in
            var w = try IndexFileWriter(out)
            try IndexWriter.write(&builder, into: &w, extra: extra)
            try w.finish()
            out = w.sink
        }
        return (try SearchIndex(contentsOf: path, verify: false), report)
    }

    /// What `soundbite index` reports of the index it wrote, read from the
    /// tables opened with it (``statistics`` also walks every document's
    /// record for roles, speakers and chapters, ~1.5 % of a 77 h build).
    package var writtenCounts: (interviews: Int, cues: Int, words: Int, documents: Int, bytes: Int) {
        (reader.interviews.count, reader.cueCount, Int(reader.totalTokens), reader.docCount, reader.storage.bytes.count)
    }

    /// The builder holding everything the update reads or keeps, and its report.
    private static func built(_ old: SearchIndex?, paths: [String], options: IndexOptions, reader: CollectionReader,
                              filesPerSegment: Int) -> (IndexBuilder, IndexUpdateReport) {
        var report = IndexUpdateReport()
        var base: IndexReader?
        if let old {
            let r = old.reader
            if r.version < IndexFormat.version {
                report.rebuildReason = "the index was written in format version \(r.version), older than \(IndexFormat.version)"
            } else if r.analyzer.signature != options.analyzer.signature {
                report.rebuildReason = "the index was built with another analyzer"
            } else if r.passageWords != options.passageWords {
                report.rebuildReason = "the index was built with \(r.passageWords) passage words, not \(options.passageWords)"
            } else {
                do { try r.verify(); base = r } catch { report.rebuildReason = error.description }
            }
        }
        if let builder = build(base: base, paths: paths, options: options, reader: reader, filesPerSegment: filesPerSegment,
                               report: &report) {
            return (builder, report)
        }
        // The old postings could not be decoded although every checksum matched: rebuild.
        var fresh = IndexUpdateReport()
        fresh.rebuildReason = "the old index's postings could not be decoded"
        let builder = build(base: nil, paths: paths, options: options, reader: reader, filesPerSegment: filesPerSegment,
                            report: &fresh)!
        return (builder, fresh)
    }

    /// This index with the used ranges of `old`'s interviews that it still
    /// has (by id): an interview read again keeps its ranges, one removed drops them.
    private func keepingUsedRanges(of old: SearchIndex?) -> SearchIndex {
        guard let old, !old.usedRanges.isEmpty else { return self }
        return withUsedRanges(old.usedRanges)
    }

    private static func build(base: IndexReader?, paths: [String], options: IndexOptions, reader: CollectionReader,
                              filesPerSegment: Int, report: inout IndexUpdateReport) -> IndexBuilder? {
        var builder = IndexBuilder(analyzer: options.analyzer,
                                   segmenter: PassageSegmenter(wordBudget: options.passageWords))
        builder.memoryBudget = options.memoryBudget
        // (collection root, relative path) → old interview index.
        var oldByPath: [String: [String: Int]] = [:]
        var docMap: [Int32] = []
        if let base {
            docMap = Array(repeating: -1, count: base.docCount)
            for (i, r) in base.interviews.enumerated() {
                let root = Int(r.collection) < base.collections.count ? base.collections[Int(r.collection)].root : ""
                oldByPath[root, default: [:]][base.string(r.path)] = i
            }
        }
        // The plan, in the order a fresh build meets things: per collection,
        // interviews kept from `base` and runs of files to read (read and
        // indexed on `options.threads` threads, each run into a segment of
        // its own, appended here in order), then the collection's record.
        var claimed = Set<Int>()
        var steps: [BuildStep] = []
        for (c, path) in paths.flatMap(CollectionReader.collectionFolders).enumerated() {
            let scan = reader.scan(path)
            let collection = UInt32(c)
            steps.append(.beginCollection(scan))
            var run: [(file: ScannedFile, wasIndexed: Bool)] = []
            func endRun() {
                if !run.isEmpty { steps.append(.read(run, scan: scan, collection: collection)) }
                run = []
            }
            for file in scan.files {
                var wasIndexed = false
                if let base, let i = oldByPath[scan.root]?[file.relativePath], !claimed.contains(i) {
                    let old = base.interviews[i]
                    wasIndexed = true
                    claimed.insert(i)
                    if isUnchanged(old, file, reader: reader) {
                        endRun()
                        steps.append(.kept(i, file: file, collection: collection))
                        continue
                    }
                }
                run.append((file, wasIndexed))
                if run.count >= filesPerSegment { endRun() }
            }
            endRun()
            steps.append(.endCollection(scan))
        }
        let analyzer = options.analyzer, passageWords = options.passageWords, plan = steps
        var counts = (added: 0, updated: 0, unchanged: 0)
        var warnings = 0
        var skipped: [String] = []
        OrderedParallelMap.run(count: steps.count, threads: options.threads, window: 4 * options.threads, work: { k -> Segment? in
            guard case .read(let run, let scan, let collection) = plan[k] else { return nil }
            return Segment.read(run, scan: scan, collection: collection, reader: reader, analyzer: analyzer, passageWords: passageWords)
        }, consume: { k, segment -> Void in
            switch steps[k] {
            case .kept(let i, let file, let collection):
                let old = base!.interviews[i]
                builder.addKept(old, from: base!, collection: collection,
                                source: SourceFingerprint(size: file.size, statStamp: file.statStamp, hash: old.source.hash),
                                manifestHash: file.manifestHash, docMap: &docMap)
                builder.spillTextIfLarge()
                warnings += Int(old.warnings)
                report.keptWarnings += Int(old.warnings)
                counts.unchanged += 1
            case .read(let run, _, _):
                let segment = segment!
                builder.append(segment.builder)
                builder.spillIfOverBudget()
                report.diagnostics += segment.diagnostics
                warnings += segment.warnings
                for (file, read) in zip(run, segment.read) {
                    if !read { skipped.append(file.file.relativePath) } else if file.wasIndexed { counts.updated += 1 } else { counts.added += 1 }
                }
            case .beginCollection(let scan):
                report.diagnostics += scan.diagnostics
                warnings = scan.diagnostics.filter { $0.severity == .warning }.count
                skipped = []
            case .endCollection(let scan):
                builder.collections.append(CollectionRecord(name: scan.name, root: scan.root,
                                                            warnings: UInt32(clamping: warnings), skipped: scan.skippedFiles + skipped))
                report.skipped += (scan.skippedFiles + skipped).map { scan.root + "/" + $0 }
            }
        })
        if let base {
            guard builder.mergePostings(from: base, docMap: docMap) else { return nil }
            report.removed = base.interviews.count - counts.unchanged - counts.updated
        }
        report.added = counts.added
        report.updated = counts.updated
        report.unchanged = counts.unchanged
        return builder
    }

    /// True when `file` still has the content `old` was indexed from: equal
    /// size, stat stamp (mtime, ctime, device, inode) and manifest entry; else
    /// an equal content hash.
    private static func isUnchanged(_ old: InterviewRecord, _ file: ScannedFile, reader: CollectionReader) -> Bool {
        if old.source.size == file.size && old.source.statStamp == file.statStamp
            && old.manifestHash != 0 && old.manifestHash == file.manifestHash {
            return true
        }
        guard old.source.size == file.size, let hash = contentHash(file, limit: reader.limits.maxFileBytes) else { return false }
        return hash == old.source.hash
    }

    /// The content hash of `file`'s inputs (see ``ContentHash/interview(transcript:chapterTrack:manifestHash:)``),
    /// computed without parsing; nil when a file cannot be read.
    package static func contentHash(_ file: ScannedFile, limit: Int) -> UInt64? {
        guard case .success(let bytes) = IngestFileSystem.read(file.absolutePath, limit: limit) else { return nil }
        var track: [UInt8]?
        if let path = file.chapterTrackPath {
            guard case .success(let t) = IngestFileSystem.read(path, limit: limit) else { return nil }
            track = t
        }
        return ContentHash.interview(transcript: bytes, chapterTrack: track, manifestHash: file.manifestHash)
    }
}

/// One step of a build, in the order a fresh build takes them.
private enum BuildStep: Sendable {
    /// Interview `i` of the old index, unchanged: copied, not read.
    case kept(Int, file: ScannedFile, collection: UInt32)
    /// The start of a collection: its listing's diagnostics are reported.
    case beginCollection(CollectionScan)
    /// Files to read and index into one segment.
    case read([(file: ScannedFile, wasIndexed: Bool)], scan: CollectionScan, collection: UInt32)
    /// The end of a collection: its record is written.
    case endCollection(CollectionScan)
}

/// A run of files read and indexed on its own (see ``IndexBuilder/append(_:)``).
private struct Segment: Sendable {
    var builder: IndexBuilder
    /// The diagnostics of reading the files, in file order.
    var diagnostics: [Diagnostic] = []
    /// How many of them are warnings.
    var warnings = 0
    /// Per file, whether it gave an interview.
    var read: [Bool] = []

    static func read(_ run: [(file: ScannedFile, wasIndexed: Bool)], scan: CollectionScan, collection: UInt32,
                     reader: CollectionReader, analyzer: Analyzer, passageWords: Int) -> Segment {
        var segment = Segment(builder: .segment(analyzer: analyzer, segmenter: PassageSegmenter(wordBudget: passageWords)))
        for (file, _) in run {
            let result = reader.readInterview(file, in: scan)
            segment.diagnostics += result.diagnostics
            let fileWarnings = result.diagnostics.filter { $0.severity == .warning }.count
            segment.warnings += fileWarnings
            if let interview = result.interview {
                segment.builder.add(interview, collection: collection, warnings: fileWarnings, manifestHash: file.manifestHash)
            }
            segment.read.append(result.interview != nil)
        }
        segment.builder.groupPostingLog()
        return segment
    }
}
