/// Builds an index in one pass over interviews: segments them into passages,
/// analyses the text, interns terms and accumulates postings in contiguous
/// per-term arrays. ``serialize()`` then lays everything out in the index file
/// format (see `IndexFormat`), which both the in-memory and the on-disk index read.
///
/// Memory is proportional to the corpus: about 12 bytes per token plus the text.
struct IndexBuilder {
    let analyzer: Analyzer
    let segmenter: PassageSegmenter

    var terms = TermInterner()
    var postings: [TermPostings] = []
    var strings = StringTable()
    var docs: [DocRecord] = []
    var cues: [CueRecord] = []
    /// The documents' text not yet handed to ``storedText``: logical text
    /// bytes ``textBase`` ..< ``textEnd`` (a document's `textOffset` is logical).
    var text: [UInt8] = []
    /// Text bytes already compressed into ``storedText`` (see ``spillText()``).
    var textBase: UInt64 = 0
    /// The stored-text section being encoded as the text arrives (nil until
    /// the first ``spillText()``).
    var storedText: StoredText.Encoder?
    var interviews: [InterviewRecord] = []
    var collections: [CollectionRecord] = []
    var totalTokens: UInt64 = 0
    /// True after ``mergePostings(from:docMap:)``: postings may be out of document order.
    var postingsMerged = false
    /// Estimated memory of the postings held (see ``spillIfOverBudget()``):
    /// when it passes this, they move to ``runs`` on disk.
    var memoryBudget = Int.max
    /// Bytes of document ids, tfs and positions held in ``postings``.
    var postingBytes = 0
    /// Postings moved to disk, merged back in term order when serialised.
    var runs: PostingRuns?
    /// Set for a segment (see ``append(_:)``): postings go to ``log`` instead
    /// of ``postings``, and ``groupPostingLog()`` sorts them by term once.
    var logsPostings = false
    /// A segment's postings in the order made (see ``logsPostings``).
    var log = PostingLog()
    /// ``log`` grouped by term, made by ``groupPostingLog()`` for ``append(_:)``.
    var groupedLog: PostingLog.Grouped?

    private var scratch: [UInt8] = []
    private var surface: [UInt8] = []
    /// The stems of the words met so far (a build repeats most words).
    var stems = StemCache()
    /// The term of each word form met so far.
    var forms = FormTermCache()
    /// Per cue of the passage being added: where its text starts in the passage's.
    private var cueTextStarts: [Int] = []
    private var occurrences: [UInt64] = []
    /// Per term, its first and last occurrence in the passage being grouped
    /// (-1: none yet); per occurrence, the next one of its term (see ``appendPostings``).
    private var termFirst: [Int32] = []
    private var termLast: [Int32] = []
    private var nextOccurrence: [Int32] = []
    /// The passage's distinct terms in the order first met.
    private var passageTerms: [Int32] = []
    /// The last document's speaker, role and chapter and their string ids (see ``appendDocument``).
    var lastDocumentStrings: (speaker: String, role: String, chapter: String, ids: (UInt32, UInt32, UInt32))?

    init(analyzer: Analyzer = .standard, segmenter: PassageSegmenter = PassageSegmenter()) {
        self.analyzer = analyzer
        self.segmenter = segmenter
    }

    /// Adds every interview of `collection`, in order.
    mutating func add(_ collection: InterviewCollection) {
        let index = UInt32(collections.count)
        collections.append(CollectionRecord(
            name: collection.name, root: collection.root,
            warnings: UInt32(clamping: collection.diagnostics.filter { $0.severity == .warning }.count),
            skipped: collection.skippedFiles))
        var warningsByFile: [String: Int] = [:]
        for d in collection.diagnostics where d.severity == .warning { warningsByFile[d.file, default: 0] += 1 }
        for interview in collection.interviews {
            let track = TranscriptFormat.chapterTrackPath(for: interview.path)
            let warnings = (warningsByFile[interview.path] ?? 0) + (track == interview.path ? 0 : warningsByFile[track] ?? 0)
            add(interview, collection: index, warnings: warnings)
        }
    }

    /// Adds one interview: cuts it into passages and indexes each.
    /// `warnings` counts the warning diagnostics met reading it; `manifestHash`
    /// is what ``CollectionScan`` says about its manifest entry (0 if unknown).
    mutating func add(_ interview: Interview, collection: UInt32, warnings: Int, manifestHash: UInt64 = 0) {
        let interviewIndex = UInt32(interviews.count)
        let docStart = UInt32(docs.count)
        let cueStart = UInt32(cues.count)
        var words: UInt64 = 0
        for range in segmenter.passages(of: interview.cues) {
            words += UInt64(addPassage(interview.cues[range], interview: interviewIndex))
        }
        // The earliest start and latest end, compared as `min()` and `max()` compare.
        var first = interview.cues.first?.start ?? 0, last = interview.cues.first?.end ?? 0
        for c in interview.cues.indices {
            if interview.cues[c].start < first { first = interview.cues[c].start }
            if last < interview.cues[c].end { last = interview.cues[c].end }
        }
        appendInterview(InterviewStrings(
                            id: interview.id, path: interview.path, title: interview.title, media: interview.media,
                            date: interview.date, fields: interview.fields.sorted { $0.key < $1.key }.map { ($0.key, $0.value) },
                            chapters: interview.chapters.map { ($0.title, $0.start, $0.end) },
                            format: interview.format?.rawValue ?? ""),
                        collection: collection, source: interview.source, manifestHash: manifestHash,
                        docStart: docStart, cueStart: cueStart, words: words, seconds: max(0, last - first),
                        warnings: UInt32(clamping: warnings))
    }

    /// Indexes one passage; returns its length in tokens.
    private mutating func addPassage(_ passage: ArraySlice<Cue>, interview: UInt32) -> Int {
        guard let head = passage.first else { return 0 }
        let doc = UInt32(docs.count)
        let localOffset = text.count
        let textOffset = textBase + UInt64(localOffset)
        let cueStart = UInt32(cues.count)
        cueTextStarts.removeAll(keepingCapacity: true)
        // The cues are read in place (a copy of a `Cue` retains its four strings).
        for c in passage.indices {
            if text.count > localOffset { text.append(0x20) }
            cueTextStarts.append(text.count - localOffset)
            // Native strings are contiguous UTF-8: one copy, not the generic append.
            if passage[c].text.utf8.withContiguousStorageIfAvailable({ text.append(contentsOf: $0) }) == nil {
                text.append(contentsOf: passage[c].text.utf8)
            }
            cues.append(CueRecord(start: passage[c].start, end: passage[c].end,
                                  textStart: UInt32(cueTextStarts.last!), firstPosition: 0))
        }
        // Analyse the passage text as one stream, so phrases run across cues.
        // A token takes a byte at least, and gives two terms at most: the
        // (term, position) pairs are written through a buffer that fits them.
        let textCount = text.count
        let bound = 2 * (textCount - localOffset) + 1
        if occurrences.count < bound { occurrences = [UInt64](repeating: 0, count: Swift.max(bound, 2 * occurrences.count)) }
        var occurrenceCount = 0
        var cueCursor = 0
        var length = 0
        var tokenCount = 0
        // A form's term from the cache when the analyzer gives one term per
        // token (any form: a non-ASCII one folds as its bytes say, too).
        let cached = !analyzer.keepsExactForms
        let stemmer = EnglishStemmer()
        occurrences.withUnsafeMutableBufferPointer { occurrences in text.withUnsafeBufferPointer { all in
            let bytes = UnsafeBufferPointer(rebasing: all[localOffset..<textCount])
            Tokenizer().tokenize(bytes) { token in
                var id: Int32 = -1
                if cached {
                    let form = UnsafeBufferPointer(rebasing: bytes[token.start..<token.end])
                    if let known = forms.term(of: form) {
                        id = known
                    } else {
                        analyzer.forEachTerm(of: token, in: bytes, scratch: &scratch, surface: &surface, surfaceForms: false,
                                             stems: &stems, stemmer: stemmer) { term, _ in id = Int32(terms.intern(term)) }
                        forms.insert(form, term: id)
                    }
                } else {
                    analyzer.forEachTerm(of: token, in: bytes, scratch: &scratch, surface: &surface, surfaceForms: true,
                                         stems: &stems, stemmer: stemmer) { term, isSurface in
                        let term = terms.intern(term)
                        // An exact form shares its token's position and is not a token of its own.
                        if isSurface {
                            occurrences[occurrenceCount] = UInt64(term) << 32 | UInt64(token.position)
                            occurrenceCount += 1
                        } else {
                            id = Int32(term)
                        }
                    }
                }
                guard id >= 0 else { return }
                occurrences[occurrenceCount] = UInt64(id) << 32 | UInt64(token.position)
                occurrenceCount += 1
                tokenCount += 1
                while cueCursor < cueTextStarts.count && cueTextStarts[cueCursor] <= token.start {
                    cues[Int(cueStart) + cueCursor].firstPosition = UInt32(token.position)
                    cueCursor += 1
                }
                length = token.position + 1
            }
        } }
        // Cues with no token start at the next token's position (or past the end).
        while cueCursor < cueTextStarts.count {
            cues[Int(cueStart) + cueCursor].firstPosition = UInt32(length)
            cueCursor += 1
        }
        if !logsPostings && postings.count < terms.count {
            postings.append(contentsOf: repeatElement(TermPostings(), count: terms.count - postings.count))
        }
        appendPostings(doc: doc, count: occurrenceCount)
        let dl = tokenCount
        appendDocument(length: UInt32(dl), interview: interview, speaker: head.speaker, role: head.role,
                       chapter: head.chapter, cueStart: cueStart, textOffset: textOffset)
        return dl
    }

    /// Groups the passage's (term, position) pairs, the first `count` of
    /// ``occurrences``, by term and appends one posting per distinct term.
    ///
    /// The pairs come in token order, so each term's positions are already
    /// ascending: a term's pairs are chained in that order (first, last and
    /// next links) instead of sorting the passage. The terms' lists do not
    /// depend on each other, so the order the distinct terms are taken in
    /// changes nothing.
    private mutating func appendPostings(doc: UInt32, count: Int) {
        if termFirst.count < terms.count {
            let grown = Swift.max(terms.count, 2 * termFirst.count)
            termFirst.append(contentsOf: repeatElement(-1, count: grown - termFirst.count))
            termLast.append(contentsOf: repeatElement(-1, count: grown - termLast.count))
        }
        if nextOccurrence.count < count { nextOccurrence = [Int32](repeating: -1, count: Swift.max(count, 2 * nextOccurrence.count)) }
        if passageTerms.count < count { passageTerms = [Int32](repeating: 0, count: Swift.max(count, 2 * passageTerms.count)) }
        var distinct = 0
        if logsPostings { log.reserve(postings: count, positions: count) }
        // Through buffer pointers: the table of lists is checked for
        // uniqueness once per passage, not once per posting.
        occurrences.withUnsafeBufferPointer { occurrences in
        termFirst.withUnsafeMutableBufferPointer { first in
        termLast.withUnsafeMutableBufferPointer { last in
        nextOccurrence.withUnsafeMutableBufferPointer { next in
        passageTerms.withUnsafeMutableBufferPointer { terms in
            for k in 0..<count {
                let term = Int(occurrences[k] >> 32)
                if first[term] < 0 {
                    first[term] = Int32(k)
                    terms[distinct] = Int32(term)
                    distinct += 1
                } else {
                    next[Int(last[term])] = Int32(k)
                }
                last[term] = Int32(k)
                next[k] = -1
            }
            if logsPostings {
                log.write { log in
                    for d in 0..<distinct {
                        let term = Int(terms[d])
                        var k = Int(first[term])
                        first[term] = -1
                        var tf: UInt32 = 0
                        while k >= 0 {
                            log.position(UInt32(truncatingIfNeeded: occurrences[k]))
                            k = Int(next[k])
                            tf += 1
                        }
                        log.posting(term: term, doc: doc, tf: tf)
                    }
                }
                return
            }
            postings.withUnsafeMutableBufferPointer { postings in
                for d in 0..<distinct {
                    let term = Int(terms[d])
                    var k = Int(first[term])
                    first[term] = -1
                    var tf: UInt32 = 1
                    if next[k] < 0 {
                        postings[term].positions.append(UInt32(truncatingIfNeeded: occurrences[k]))
                    } else {
                        while k >= 0 {
                            postings[term].positions.append(UInt32(truncatingIfNeeded: occurrences[k]))
                            k = Int(next[k])
                            tf += k >= 0 ? 1 : 0
                        }
                    }
                    postings[term].docs.append(doc)
                    postings[term].tfs.append(tf)
                }
            }
        } } } } }
        postingBytes += 8 * distinct + 4 * count
    }

    /// Sorts a segment's ``log`` by term into ``groupedLog`` (on the thread
    /// that built the segment, before ``append(_:)`` takes it).
    mutating func groupPostingLog() {
        groupedLog = log.grouped(termCount: terms.count)
        log = PostingLog()
    }
}

/// One term's postings while building: parallel arrays of document ids,
/// term frequencies, and all positions back to back.
struct TermPostings {
    var docs: [UInt32] = []
    var tfs: [UInt32] = []
    var positions: [UInt32] = []
}
