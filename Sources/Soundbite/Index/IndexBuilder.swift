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

    private var scratch: [UInt8] = []
    private var surface: [UInt8] = []
    /// The stems of the words met so far (a build repeats most words).
    var stems = StemCache()
    /// The term of each word form met so far.
    var forms = FormTermCache()
    /// Per cue of the passage being added: where its text starts in the passage's.
    private var cueTextStarts: [Int] = []
    private var occurrences: [UInt64] = []
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
            text.append(contentsOf: passage[c].text.utf8)
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
        if postings.count < terms.count {
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
    private mutating func appendPostings(doc: UInt32, count: Int) {
        var distinct = 0
        // Through buffer pointers: the table of lists is checked for
        // uniqueness once per passage, not once per posting.
        occurrences.withUnsafeMutableBufferPointer { all in
            var passage = UnsafeMutableBufferPointer<UInt64>(rebasing: all[0..<count])
            // Whole values are sorted, so any sort gives the same order. A
            // passage is ~20 tokens: in place by insertion (the standard sort
            // allocates a merge buffer past 20 elements).
            if count <= 64 {
                for k in 1..<Swift.max(1, count) {
                    let v = passage[k]
                    var j = k
                    while j > 0 && passage[j - 1] > v { passage[j] = passage[j - 1]; j -= 1 }
                    passage[j] = v
                }
            } else {
                passage.sort()
            }
            let occurrences = UnsafeBufferPointer(passage)
            postings.withUnsafeMutableBufferPointer { postings in
                var i = 0
                while i < count {
                    let term = Int(occurrences[i] >> 32)
                    var j = i + 1
                    while j < count && Int(occurrences[j] >> 32) == term { j += 1 }
                    if j == i + 1 {
                        postings[term].positions.append(UInt32(truncatingIfNeeded: occurrences[i]))
                    } else {
                        postings[term].positions.append(contentsOf: occurrences[i..<j].lazy.map { UInt32(truncatingIfNeeded: $0) })
                    }
                    postings[term].docs.append(doc)
                    postings[term].tfs.append(UInt32(j - i))
                    distinct += 1
                    i = j
                }
            }
        }
        postingBytes += 8 * distinct + 4 * count
    }
}

/// One term's postings while building: parallel arrays of document ids,
/// term frequencies, and all positions back to back.
struct TermPostings {
    var docs: [UInt32] = []
    var tfs: [UInt32] = []
    var positions: [UInt32] = []
}
