/// Read access to one index image (memory-mapped file or in-memory bytes),
/// in place: nothing is rebuilt at open. Opening checks header, footer and
/// section table (``IndexFile``), hands each section to the type that owns
/// its layout (`Index/Format/`), which checks its size, and decodes the
/// small tables (metadata, strings, interviews, collections); postings,
/// text and cues are read on demand through those types' accessors
/// (``terms``, ``docs``, ``cueTable``, ``scoreBounds``, ``storedText``, ``PostingCursor``).
/// Every read is bounds-checked, so even an image whose big sections were
/// never verified cannot make a read crash or loop: damage yields empty or
/// zero values (and ``PostingCursor/isCorrupt``).
///
/// Immutable after init, so it is shared freely between threads.
final class IndexReader: @unchecked Sendable {
    /// Keeps every field off the cache line of the object's header: searches
    /// on all threads retain and release the reader (scorers and collectors
    /// hold it), each an atomic write to the reference count at offset 8,
    /// and a field on that line would miss in every other thread's cache
    /// after each. The header's line ends before offset 72 wherever the
    /// (16-byte aligned) object starts; stored properties are laid out in
    /// declaration order, so the first field after these 56 bytes starts there.
    private let headerLine: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0)
    let storage: ByteStorage
    let path: String
    let sections: SectionTable
    /// The term dictionary (`terms` and `termInfo`).
    let terms: TermDictionary
    /// The document table (`docs` and `docLengths`).
    let docs: DocTable
    /// The cue table.
    let cueTable: CueTable
    /// Every term's (tf, dl) frontier.
    let scoreBounds: ScoreBounds
    /// The common terms' per-block (cue tf, cue length) frontiers.
    let cueImpacts: CueImpacts
    let totalTokens: UInt64
    let avgdl: Double
    let analyzer: Analyzer
    let passageWords: Int
    let strings: [String]
    /// The format version the image was written in (always ``IndexFormat/version``: others are refused).
    let version: UInt32
    let interviews: [InterviewRecord]
    let collections: [CollectionRecord]
    /// Checks postings, positions, cues and text a page at a time on first
    /// use (nil when opened without verification, or verified whole at open).
    let pages: PageVerifier?
    /// ``pages``'s checking state as plain pointers (nil when ``pages`` is):
    /// every read checks through it, so reads on many threads share no
    /// reference count (the verifier itself is retained by none of them).
    let pageCheck: PageVerifier.Checker?
    /// The ranges `soundbite used` recorded (empty without a `used` section).
    let used: UsedRanges
    /// Which documents overlap ``used``, worked out on first use.
    let usedDocuments = UsedDocuments()
    /// Filter values → the ids of the strings equal to them ignoring case, each
    /// found on its first use.
    let stringLookup = StringLookup()
    /// The documents' texts, in compressed blocks with a cache.
    let storedText: StoredText
    /// Every facet value's documents, read in place (derived at open for a
    /// file written before the section existed).
    private(set) var facets = FacetDocSets(UnsafeRawBufferPointer(start: nil, count: 0), documentCount: 0)
    /// The derived facet section of such a file.
    private var derivedFacets: ByteStorage?

    private let bytes: UnsafeRawBufferPointer
    /// Every section's bytes, indexed by the section's raw kind.
    private let slices: [UnsafeRawBufferPointer]

    /// Opens an image. With `verifying`, every section checksum is recomputed
    /// first, except those of the big sections, which ``pages`` checks a page
    /// at a time on first read (see FORMAT.md), so a damaged file never
    /// answers wrongly; without it only header, footer, section table and the
    /// small sections are.
    init(storage: ByteStorage, path: String, verifying: Bool = false) throws(StorageError) {
        self.storage = storage
        self.path = path
        let image = storage.bytes
        bytes = image
        let table = try SectionTable(of: image, path: path)   // the one decode of the table
        sections = table
        version = table.version
        // Older layouts are not read at all (``SectionTable`` has refused newer
        // ones and, for older ones, skipped the check of required sections).
        guard version == IndexFormat.version else {
            throw .unsupportedVersion(path: path, found: version, supported: IndexFormat.version)
        }
        pages = verifying ? try PageVerifier.open(image, table: table, path: path) : nil
        pageCheck = pages?.checker
        let all = table.slices(of: image)
        slices = all
        func slice(_ s: IndexFormat.Section) -> UnsafeRawBufferPointer { all[Int(s.rawValue)] }
        // Small sections are checked at open; big ones by `verify()`.
        for s in [IndexFormat.Section.meta, .strings, .interviews, .collections, .used] {
            guard let entry = table.entry(s) else { continue }
            guard CRC32C.checksum(slice(s)) == entry.crc else {
                throw .checksumMismatch(path: path, section: "\(s)")
            }
        }
        do {
            let meta = try Meta(slice(.meta), limit: image.count)
            totalTokens = meta.tokens
            avgdl = meta.docs == 0 ? 0 : Double(meta.tokens) / Double(meta.docs)
            passageWords = meta.passageWords
            analyzer = Analyzer(signature: meta.analyzer)
            terms = try TermDictionary(terms: slice(.terms), info: slice(.termInfo))
            docs = try DocTable(docs: slice(.docs), lengths: slice(.docLengths), count: meta.docs)
            cueTable = try CueTable(slice(.cues), count: meta.cues)
            scoreBounds = ScoreBounds(slice(.bounds))
            cueImpacts = try CueImpacts(slice(.cueImpacts))
            storedText = try StoredText(slice(.storedText))
            strings = try StringTable.decode(slice(.strings))
            interviews = try InterviewTable.decode(slice(.interviews), strings: strings.count, docs: meta.docs,
                                                   cues: meta.cues)
            collections = try CollectionTable.decode(slice(.collections))
            let names = strings
            used = table.entry(.used) == nil ? UsedRanges()
                : try UsedRangesSection.decode(slice(.used), ids: interviews.map { Int($0.id) < names.count ? names[Int($0.id)] : "" })
        } catch {
            throw error.at(path)
        }
        pages?.remember(documents: docs.count, terms: terms.count)
        if table.entry(.facets) == nil {
            let derived = ByteStorage(copying: FacetDocSets.encode(docs: (0..<docs.count).map(document), interviews: interviews))
            derivedFacets = derived
            facets = FacetDocSets(derived.bytes, documentCount: docs.count)
        } else {
            facets = FacetDocSets(slice(.facets), documentCount: docs.count)
        }
    }

    /// Documents (passages) in the index.
    var docCount: Int { docs.count }
    /// Terms in the dictionary.
    var termCount: Int { terms.count }
    /// Cues in the index.
    var cueCount: Int { cueTable.count }

    /// The interview that owns document `doc` (binary search over the runs).
    func interviewIndex(ofDocument doc: Int) -> Int {
        var lo = 0, hi = interviews.count
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if Int(interviews[mid].docStart) <= doc { lo = mid } else { hi = mid }
        }
        // Skip interviews without documents that start at the same place.
        while lo + 1 < interviews.count && Int(interviews[lo + 1].docStart) <= doc { lo += 1 }
        return lo
    }

    /// The bytes of one section (for the sections whose type reads them in place).
    @inline(__always)
    func section(_ s: IndexFormat.Section) -> UnsafeRawBufferPointer {
        slices[Int(s.rawValue)]
    }

    /// Recomputes every section checksum (after which no page needs checking again).
    func verify() throws(StorageError) {
        try IndexFile.verify(bytes, table: sections, path: path)
        try verifyCueImpacts()
        pages?.markAllChecked()
    }

    // MARK: Terms (shorthands for ``terms``)

    /// The bytes of term `id` (empty when the table is damaged or `id` is out of range).
    func term(_ id: Int) -> UnsafeRawBufferPointer { terms.term(id) }

    /// The term as a String.
    func termString(_ id: Int) -> String { String(decoding: terms.term(id), as: UTF8.self) }

    /// The id of the first term ≥ `key` in byte order.
    func lowerBound(_ key: UnsafeRawBufferPointer) -> Int { terms.lowerBound(key) }

    /// The id of `key`, if the index has it.
    func termID(_ key: [UInt8]) -> Int? { terms.id(of: key) }

    /// The id of the term whose bytes are `key`'s UTF-8, read in place (an
    /// analysed query word: no byte array made), if the index has it.
    func termID(_ key: String) -> Int? {
        var key = key
        return key.withUTF8 { k in
            let bytes = UnsafeRawBufferPointer(k)
            let i = terms.lowerBound(bytes)
            return i < terms.count && terms.term(i).elementsEqual(bytes) ? i : nil
        }
    }

    /// The ids of all terms that start with `prefix`.
    func terms(withPrefix prefix: [UInt8]) -> Range<Int> { terms.ids(withPrefix: prefix) }

    /// Statistics and offsets of term `id`; on a verified open, its postings
    /// and positions are checked first (a damaged page gives an empty term,
    /// and ``PageVerifier/damage`` fails the search).
    func info(_ id: Int) -> TermInfo {
        let info = terms.info(id)
        // A term found sound before (every page below matched) is not looked at again.
        guard let pages = pageCheck, id >= 0, id < termCount, !pages.isTermSound(id) else { return info }
        // A term's postings and positions run up to the next term's (terms are
        // laid out in id order); to the section's end when there is no next
        // term or it starts before (check more, never less).
        let next = id + 1 < termCount ? terms.info(id + 1) : nil
        func extent(_ lo: UInt64, _ next: UInt64?, in s: IndexFormat.Section) -> Range<Int> {
            let end = UInt64(section(s).count), l = min(lo, end)
            return Int(l)..<Int(next.map { $0 >= l ? min($0, end) : end } ?? end)
        }
        guard pages.check(.postings, extent(info.postingsOffset, next?.postingsOffset, in: .postings)),
              pages.check(.positions, extent(info.positionsOffset, next?.positionsOffset, in: .positions)) else {
            return TermInfo()
        }
        pages.markTermSound(id)
        return info
    }

    /// The (tf, dl) Pareto frontier of a term (empty when damaged).
    func bounds(_ info: TermInfo) -> [(tf: UInt32, dl: UInt32)] { scoreBounds.frontier(info) }

    // MARK: Documents

    /// BM25 length of document `doc`.
    @inline(__always)
    func length(_ doc: UInt32) -> UInt32 { docs.length(doc) }

    /// True when documents `a` and `a + 1` are consecutive passages of one
    /// speaker turn (false when a page of their records is damaged).
    func continuesTurn(after a: UInt32) -> Bool {
        checkDocuments(Int(a)..<(Int(a) + 2)) && docs.continuesTurn(after: a)
    }

    /// Whether the pages of the records of documents `range` are undamaged
    /// (always, unless opened verifying). Every read of ``docs`` goes
    /// through this first: ``document(_:)``, ``continuesTurn(after:)``, and
    /// the facet count of each match (`MatchSet`).
    @inline(__always)
    func checkDocuments(_ range: Range<Int>) -> Bool {
        guard let pages = pageCheck else { return true }
        let r = docs.byteRanges(of: range)
        return pages.check(.docs, r.headers) && pages.check(.docs, r.data)
    }

    /// The stored record of document `doc`, repaired against its interview
    /// (an empty record of that interview when a page of it is damaged):
    /// a damaged record still points inside its own interview and cue run
    /// (callers build ranges from the interview's documents around `doc`).
    func document(_ doc: Int) -> DocRecord {
        guard var r = docs.record(doc) else {
            return DocRecord(length: 0, interview: .max, speaker: 0, role: 0, chapter: 0, cueStart: 0, cueCount: 0,
                             textOffset: 0, textLength: 0)
        }
        if !checkDocuments(doc..<(doc + 1)) {
            // A damaged page: an empty record of the interview that owns `doc`.
            let i = interviewIndex(ofDocument: doc)
            return DocRecord(length: 0, interview: UInt32(i), speaker: 0, role: 0, chapter: 0,
                             cueStart: interviews[i].cueStart, cueCount: 0, textOffset: 0, textLength: 0)
        }
        // The owner read in place, by index: a copy of its record would retain
        // its arrays, shared by every thread reading the index.
        var owner = Int(r.interview)
        if !(owner < interviews.count && interviews[owner].docStart <= doc
             && doc - Int(interviews[owner].docStart) < Int(interviews[owner].docCount)) {
            owner = interviewIndex(ofDocument: doc)
            r.interview = UInt32(owner)
        }
        let cueStart = interviews[owner].cueStart, cueCount = interviews[owner].cueCount
        if r.cueStart < cueStart || UInt64(r.cueStart) + UInt64(r.cueCount) > UInt64(cueStart) + UInt64(cueCount) {
            r.cueStart = cueStart
            r.cueCount = 0
        }
        return r
    }

    /// A string-table entry ("" for an out-of-range id).
    func string(_ id: UInt32) -> String { Int(id) < strings.count ? strings[Int(id)] : "" }

    /// The interview of a document record (nil when damaged).
    func interview(of d: DocRecord) -> InterviewRecord? {
        Int(d.interview) < interviews.count ? interviews[Int(d.interview)] : nil
    }

    /// The stored text of a document ("" when its range is damaged).
    func text(of d: DocRecord) -> String {
        String(decoding: textBytes(of: d), as: UTF8.self)
    }

    /// The stored UTF-8 bytes of a document (empty when its range or its
    /// block is damaged, or, on a verified open, a page of its compressed
    /// blocks does not match its checksum).
    func textBytes(of d: DocRecord) -> [UInt8] {
        guard textPagesAreIntact(d) else { return [] }
        return storedText.bytes(at: d.textOffset, count: Int(d.textLength))
    }

    /// On a verified open, whether the pages a document's text is read from
    /// match their checksums: those of the block index (which says where the
    /// blocks lie; the open only checked that it adds up), then those of the
    /// blocks this text needs. Always true on an unverified open.
    func textPagesAreIntact(_ d: DocRecord) -> Bool {
        guard let pages = pageCheck else { return true }
        return pages.check(.storedText, 0..<storedText.indexEnd)
            && pages.check(.storedText, storedText.compressedRange(at: d.textOffset, count: Int(d.textLength)))
    }

    /// The stored UTF-8 bytes of several documents, each block decoded once
    /// (``StoredText/texts(_:)``); on a verified open each text's pages are
    /// checked first, as ``textBytes(of:)`` does, and a damaged one is empty.
    func texts(of records: [DocRecord]) -> [[UInt8]] {
        guard pages != nil else { return storedText.texts(records.map { ($0.textOffset, Int($0.textLength)) }) }
        let wanted = records.indices.filter { textPagesAreIntact(records[$0]) }
        let read = storedText.texts(wanted.map { (records[$0].textOffset, Int(records[$0].textLength)) })
        var out = [[UInt8]](repeating: [], count: records.count)
        for (j, i) in wanted.enumerated() { out[i] = read[j] }
        return out
    }

    /// The cues of a document (empty when its range or a page of it is damaged).
    func cues(of d: DocRecord) -> [CueRecord] {
        guard checkCues(Int(d.cueStart)..<(Int(d.cueStart) + Int(d.cueCount))) else { return [] }
        return cueTable.cues(from: d.cueStart, count: d.cueCount)
    }

    /// The first token positions of document `doc`'s cues, replacing the
    /// contents of `out`: `cues(of: document(doc)).map(\.firstPosition)`,
    /// reading only that column of a sound record (the quote order's one-cue
    /// test runs it per candidate).
    func cueFirstPositions(of doc: UInt32, into out: inout [UInt32]) {
        out.removeAll(keepingCapacity: true)
        let i = Int(doc), interview = Int(docs.value(.interview, of: doc))
        if i < docs.count, interview < interviews.count, checkDocuments(i..<(i + 1)) {
            let docStart = Int(interviews[interview].docStart), docCount = Int(interviews[interview].docCount)
            let cueStart = interviews[interview].cueStart, cueCount = interviews[interview].cueCount
            let start = docs.value(.cueStart, of: doc), n = docs.value(.cueCount, of: doc)
            let end = UInt64(start) + UInt64(n)
            if docStart <= i, i - docStart < docCount, start >= cueStart,
               end <= UInt64(cueStart) + UInt64(cueCount), end <= UInt64(cueTable.count),
               checkCues(Int(start)..<Int(end)) {
                cueTable.appendFirstPositions(Int(start)..<Int(end), to: &out)
                return
            }
        }
        for c in cues(of: document(i)) { out.append(c.firstPosition) }
    }

    /// Cue `i` of the cue table (all zero when its page is damaged).
    func cue(_ i: Int) -> CueRecord {
        checkCues(i..<(i + 1)) ? cueTable.cue(i) : CueRecord(start: 0, end: 0, textStart: 0, firstPosition: 0)
    }

    /// Whether the pages of cues `range` are undamaged (always, unless opened verifying).
    func checkCues(_ range: Range<Int>) -> Bool {
        guard let pages = pageCheck else { return true }
        return cueTable.byteRanges(of: range).allSatisfy { pages.check(.cues, $0) }
    }
}
