/// Read access to one index image (memory-mapped file or in-memory bytes),
/// in place: nothing is rebuilt at open. Opening checks header, footer,
/// section table and the sizes of the fixed-width sections, and decodes the
/// small tables (metadata, strings, interviews, collections); postings, text
/// and cues are read on demand. Every read is bounds-checked, so even an
/// image whose big sections were never verified cannot make a read crash or
/// loop: damage yields empty or zero values (and ``PostingCursor/isCorrupt``).
///
/// Immutable after init, so it is shared freely between threads.
final class IndexReader: @unchecked Sendable {
    let storage: ByteStorage
    let path: String
    let sections: SectionTable
    let docCount: Int
    let termCount: Int
    let cueCount: Int
    let totalTokens: UInt64
    let avgdl: Double
    let analyzer: Analyzer
    let passageWords: Int
    let strings: [String]
    /// The format version the image was written in (≤ ``IndexFormat/version``).
    let version: UInt32
    let interviews: [InterviewRecord]
    let collections: [CollectionRecord]
    /// Checks postings, positions, cues and text a page at a time on first
    /// use (nil when opened without verification, or verified whole at open).
    let pages: PageVerifier?
    /// Lower-cased strings → ids, built on the first filtered search.
    let stringLookup = StringLookup()

    private let bytes: UnsafeRawBufferPointer
    /// Every section's bytes, indexed by the section's raw kind, so the hot
    /// paths (scoring, filtering) read a column with one array load.
    private let slices: [UnsafeRawBufferPointer]
    private let termOffsets: UnsafeRawPointer
    private let termBytes: UnsafeRawBufferPointer

    /// Opens an image. With `verifying`, every section checksum is recomputed
    /// first (a few milliseconds for a 77-hour index, see FORMAT.md), so a
    /// damaged file is refused at open instead of answering wrongly later;
    /// without it only header, footer, section table and the small sections are.
    init(storage: ByteStorage, path: String, verifying: Bool = false) throws(StorageError) {
        self.storage = storage
        self.path = path
        let image = storage.bytes
        bytes = image
        let table = try SectionTable(of: image, path: path)   // the one decode of the table
        sections = table
        version = table.version
        pages = verifying ? try PageVerifier.open(image, table: table, path: path) : nil
        let all = table.slices(of: image)
        slices = all
        func slice(_ s: IndexFormat.Section) -> UnsafeRawBufferPointer { all[Int(s.rawValue)] }
        // Small sections are checked at open; big ones by `verify()`.
        for s in [IndexFormat.Section.meta, .strings, .interviews, .collections] {
            guard CRC32C.checksum(slice(s)) == table[s].crc else {
                throw .checksumMismatch(path: path, section: "\(s)")
            }
        }
        let meta = Self.parseMeta(slice(.meta))
        guard let docs = meta["docs"].flatMap(Int.init), let tokens = meta["tokens"].flatMap(UInt64.init),
              let cues = meta["cues"].flatMap(Int.init) else {
            throw .corrupt(path: path, detail: "the metadata section lacks document counts")
        }
        guard docs >= 0, cues >= 0, docs <= image.count, cues <= image.count else {
            throw .corrupt(path: path, detail: "the metadata section has impossible counts")
        }
        docCount = docs
        totalTokens = tokens
        cueCount = cues
        avgdl = docs == 0 ? 0 : Double(tokens) / Double(docs)
        passageWords = meta["passageWords"].flatMap(Int.init) ?? 10
        analyzer = Analyzer(signature: meta["analyzer"] ?? "")
        let termSection = slice(.terms)
        var r = ByteReader(termSection)
        let terms = Int(try r.u32())
        termCount = terms
        guard (terms + 2) * 4 <= termSection.count else { throw .corrupt(path: path, detail: "term table too short") }
        termOffsets = termSection.baseAddress! + 4
        termBytes = UnsafeRawBufferPointer(rebasing: termSection[((terms + 2) * 4)...])
        guard table[.termInfo].length == terms * IndexFormat.termInfoSize,
              table[.docs].length == docs * IndexFormat.docRecordSize,
              table[.docLengths].length == docs * 4,
              table[.cues].length == cues * IndexFormat.cueRecordSize else {
            throw .corrupt(path: path, detail: "section sizes do not match the document, term and cue counts")
        }
        strings = try Self.decodeStrings(slice(.strings), path: path)
        interviews = try Self.decodeInterviews(slice(.interviews), strings: strings.count, docs: docs,
                                               cues: cues, path: path)
        collections = try Self.decodeCollections(slice(.collections))
        // Interviews own consecutive runs of documents and of cues that cover
        // both tables; ``document(_:)`` relies on it to keep damaged records
        // pointing inside their own interview.
        var nextDoc: UInt64 = 0, nextCue: UInt64 = 0
        for i in interviews {
            guard UInt64(i.docStart) == nextDoc, UInt64(i.cueStart) == nextCue else {
                throw .corrupt(path: path, detail: "interview document ranges do not follow each other")
            }
            nextDoc += UInt64(i.docCount)
            nextCue += UInt64(i.cueCount)
        }
        guard nextDoc == UInt64(docs), nextCue == UInt64(cues) else {
            throw .corrupt(path: path, detail: "interviews do not cover every document")
        }
    }

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

    /// The bytes of one section.
    @inline(__always)
    func section(_ s: IndexFormat.Section) -> UnsafeRawBufferPointer {
        slices[Int(s.rawValue)]
    }

    /// Recomputes every section checksum (after which no page needs checking again).
    func verify() throws(StorageError) {
        try IndexFile.verify(bytes, table: sections, path: path)
        pages?.markAllChecked()
    }

    // MARK: Terms

    /// The bytes of term `id` (empty when the table is damaged or `id` is out of range).
    func term(_ id: Int) -> UnsafeRawBufferPointer {
        guard id >= 0, id < termCount else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        let lo = Int(termOffsets.loadUnaligned(fromByteOffset: id * 4, as: UInt32.self))
        let hi = Int(termOffsets.loadUnaligned(fromByteOffset: id * 4 + 4, as: UInt32.self))
        guard lo <= hi, hi <= termBytes.count else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        return UnsafeRawBufferPointer(rebasing: termBytes[lo..<hi])
    }

    /// The term as a String.
    func termString(_ id: Int) -> String { String(decoding: term(id), as: UTF8.self) }

    /// The id of the first term ≥ `key` in byte order. On a damaged (unsorted)
    /// table the answer may be wrong but the search still ends (binary search).
    func lowerBound(_ key: UnsafeRawBufferPointer) -> Int {
        var lo = 0, hi = termCount
        while lo < hi {
            let mid = (lo + hi) / 2
            if term(mid).lexicographicallyPrecedes(key) { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// The id of `key`, if the index has it.
    func termID(_ key: [UInt8]) -> Int? {
        key.withUnsafeBytes { k in
            let i = lowerBound(k)
            return i < termCount && term(i).elementsEqual(k) ? i : nil
        }
    }

    /// The ids of all terms that start with `prefix`.
    func terms(withPrefix prefix: [UInt8]) -> Range<Int> {
        prefix.withUnsafeBytes { k in
            let lo = lowerBound(k)
            var hi = lo
            while hi < termCount && term(hi).starts(with: k) { hi += 1 }
            return lo..<hi
        }
    }

    /// Statistics and offsets of term `id`; on a verified open, its postings
    /// and positions are checked first (a damaged page gives an empty term,
    /// and ``PageVerifier/damage`` fails the search).
    func info(_ id: Int) -> TermInfo {
        let empty = TermInfo(df: 0, blocks: 0, postingsOffset: 0, positionsOffset: 0, boundsOffset: 0, boundsCount: 0)
        guard id >= 0, id < termCount else { return empty }
        let info = storedInfo(id)
        if let pages {
            // A term's postings and positions run up to the next term's (terms are laid out in id order).
            let next = id + 1 < termCount ? storedInfo(id + 1) : nil
            // To the section's end when there is no next term or it starts before (check more, never less).
            func extent(_ lo: UInt64, _ next: UInt64?, in s: IndexFormat.Section) -> Range<Int> {
                let end = UInt64(section(s).count), l = min(lo, end)
                return Int(l)..<Int(next.map { $0 >= l ? min($0, end) : end } ?? end)
            }
            guard pages.check(.postings, extent(info.postingsOffset, next?.postingsOffset, in: .postings)),
                  pages.check(.positions, extent(info.positionsOffset, next?.positionsOffset, in: .positions)) else {
                return empty
            }
        }
        return info
    }

    /// The `termInfo` record of term `id` (in range), unchecked.
    private func storedInfo(_ id: Int) -> TermInfo {
        let p = section(.termInfo).baseAddress! + id * IndexFormat.termInfoSize
        return TermInfo(df: p.loadUnaligned(as: UInt32.self),
                        blocks: p.loadUnaligned(fromByteOffset: 4, as: UInt32.self),
                        postingsOffset: p.loadUnaligned(fromByteOffset: 8, as: UInt64.self),
                        positionsOffset: p.loadUnaligned(fromByteOffset: 16, as: UInt64.self),
                        boundsOffset: p.loadUnaligned(fromByteOffset: 24, as: UInt32.self),
                        boundsCount: p.loadUnaligned(fromByteOffset: 28, as: UInt32.self))
    }

    /// The (tf, dl) Pareto frontier of term `id` (empty when damaged).
    func bounds(_ info: TermInfo) -> [(tf: UInt32, dl: UInt32)] {
        let b = section(.bounds)
        let lo = Int(info.boundsOffset) * 8, n = Int(info.boundsCount)
        guard lo <= b.count, n <= (b.count - lo) / 8 else { return [] }
        return (0..<n).map { i in
            (b.loadUnaligned(fromByteOffset: lo + i * 8, as: UInt32.self),
             b.loadUnaligned(fromByteOffset: lo + i * 8 + 4, as: UInt32.self))
        }
    }

    // MARK: Documents

    /// BM25 length of document `doc`.
    @inline(__always)
    func length(_ doc: UInt32) -> UInt32 {
        guard Int(doc) < docCount else { return 0 }
        return section(.docLengths).loadUnaligned(fromByteOffset: Int(doc) * 4, as: UInt32.self)
    }

    /// True when documents `a` and `a + 1` are consecutive passages of one
    /// speaker turn: same interview, speaker, role and chapter (the
    /// ``PassageSegmenter`` cut them only for length).
    func continuesTurn(after a: UInt32) -> Bool {
        guard Int(a) + 1 < docCount else { return false }
        let p = section(.docs).baseAddress! + Int(a) * IndexFormat.docRecordSize
        let q = p + IndexFormat.docRecordSize
        for field in 1...4 where p.loadUnaligned(fromByteOffset: field * 4, as: UInt32.self)
            != q.loadUnaligned(fromByteOffset: field * 4, as: UInt32.self) {
            return false
        }
        return true
    }

    /// The stored record of document `doc`.
    func document(_ doc: Int) -> DocRecord {
        guard doc >= 0, doc < docCount else {
            return DocRecord(length: 0, interview: .max, speaker: 0, role: 0, chapter: 0, cueStart: 0, cueCount: 0,
                             textOffset: 0, textLength: 0)
        }
        let p = section(.docs).baseAddress! + doc * IndexFormat.docRecordSize
        func u(_ k: Int) -> UInt32 { p.loadUnaligned(fromByteOffset: k * 4, as: UInt32.self) }
        var r = DocRecord(length: u(0), interview: u(1), speaker: u(2), role: u(3), chapter: u(4),
                          cueStart: u(5), cueCount: u(6),
                          textOffset: p.loadUnaligned(fromByteOffset: 32, as: UInt64.self), textLength: u(7))
        // A damaged record must still point inside its own interview (callers
        // build ranges from the interview's documents around `doc`).
        let owner: InterviewRecord
        if Int(r.interview) < interviews.count, interviews[Int(r.interview)].docStart <= doc,
           doc - Int(interviews[Int(r.interview)].docStart) < Int(interviews[Int(r.interview)].docCount) {
            owner = interviews[Int(r.interview)]
        } else {
            let i = interviewIndex(ofDocument: doc)
            r.interview = UInt32(i)
            owner = interviews[i]
        }
        if r.cueStart < owner.cueStart || UInt64(r.cueStart) + UInt64(r.cueCount) > UInt64(owner.cueStart) + UInt64(owner.cueCount) {
            r.cueStart = owner.cueStart
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

    /// The stored UTF-8 bytes of a document (empty when its range is damaged).
    func textBytes(of d: DocRecord) -> UnsafeRawBufferPointer {
        let t = section(.text)
        guard d.textOffset <= UInt64(t.count), UInt64(d.textLength) <= UInt64(t.count) - d.textOffset else {
            return UnsafeRawBufferPointer(start: nil, count: 0)
        }
        let lo = Int(d.textOffset)
        guard pages?.check(.text, lo..<(lo + Int(d.textLength))) ?? true else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        return UnsafeRawBufferPointer(rebasing: t[lo..<(lo + Int(d.textLength))])
    }

    /// The cues of a document (empty when its range is damaged).
    func cues(of d: DocRecord) -> [CueRecord] {
        guard UInt64(d.cueStart) + UInt64(d.cueCount) <= UInt64(cueCount) else { return [] }
        return (Int(d.cueStart)..<Int(d.cueStart + d.cueCount)).map(cue)
    }

    /// Cue `i` of the cue table.
    func cue(_ i: Int) -> CueRecord {
        guard i >= 0, i < cueCount,
              pages?.check(.cues, (i * IndexFormat.cueRecordSize)..<((i + 1) * IndexFormat.cueRecordSize)) ?? true else {
            return CueRecord(start: 0, end: 0, textStart: 0, firstPosition: 0)
        }
        let p = section(.cues).baseAddress! + i * IndexFormat.cueRecordSize
        // Times out of any sane range (NaN, infinite, beyond ~31 years) can only come
        // from damage; they become 0 so that formatting them never traps.
        func time(_ t: Double) -> Double { t.isFinite && abs(t) < 1e9 ? t : 0 }
        return CueRecord(start: time(p.loadUnaligned(as: Double.self)),
                         end: time(p.loadUnaligned(fromByteOffset: 8, as: Double.self)),
                         textStart: p.loadUnaligned(fromByteOffset: 16, as: UInt32.self),
                         firstPosition: p.loadUnaligned(fromByteOffset: 20, as: UInt32.self))
    }
}

/// One term's entry in the `termInfo` section.
struct TermInfo: Sendable, Hashable {
    var df: UInt32
    var blocks: UInt32
    var postingsOffset: UInt64
    var positionsOffset: UInt64
    var boundsOffset: UInt32
    var boundsCount: UInt32
}
