/// Turns one result page of collected documents into its ``Hit``s' fields
/// (``HitDetails``): text, highlights, snippet, best cue, media link,
/// fields, explanation and context; ``HitPage`` calls it on the first read.
///
/// Built for the page, not per hit: the stored texts of the page's hits and
/// of their context passages are read in one ``StoredText/texts(_:)`` call
/// (each block decoded once, by this search alone: no lock, no shared
/// cache); each text becomes a `String` once and is worked on as its UTF-8
/// bytes; the words are found by the tokenizer alone, and only the matched
/// words are stemmed (for the best cue's distinct terms), since a token's
/// term depends on its own bytes only. The result is the same, field for
/// field, as analysing every passage with ``Analyzer/analyze(_:)``.
struct HitBuilder {
    let reader: IndexReader
    let options: SearchOptions
    let bm25: BM25

    /// The fields of the hits of `page`, in page order (rank, score, document
    /// and placement are the page's own); `root` is a fresh scorer tree,
    /// moved to each document in id order to read its matches.
    func details(_ page: [Searcher.Collected], root: Scorer) -> [HitDetails] {
        guard !page.isEmpty else { return [] }
        return [HitDetails](unsafeUninitializedCapacity: page.count) { buffer, count in
            details(page, root: root, into: buffer.baseAddress!)
            count = page.count
        }
    }

    /// ``details(_:root:)`` written into `storage` (room for `page.count`
    /// hits, uninitialised), each hit moved there as it is made: a copy
    /// would retain (and the copied-from array release) every string a hit
    /// shares with the index's string table, atomic writes that every
    /// thread reading the index contends for.
    func details(_ page: [Searcher.Collected], root: Scorer, into storage: UnsafeMutablePointer<HitDetails>) {
        guard !page.isEmpty else { return }
        // Matched positions (and explanations) in document order, one forward walk.
        var positions = [[UInt32]](repeating: [], count: page.count)
        var explained = [[ExplainedTerm]?](repeating: nil, count: page.count)
        let byDoc = page.indices.sorted { page[$0].doc < page[$1].doc }
        for i in byDoc {
            let doc = page[i].doc
            if root.doc < doc { root.advance(to: doc) }
            guard root.doc == doc else { continue }
            root.matchPositions(into: &positions[i])
            if options.explain {
                var entries: [ExplainedTerm] = []
                root.explain(into: &entries)
                explained[i] = entries
            }
        }
        // Records of the hits, then of their context passages; their texts in one read.
        let records = page.map { reader.document(Int($0.doc)) }
        var contexts: [(before: Range<Int>, after: Range<Int>)] = []
        var contextDocs: [Int] = []
        if options.context > 0 {
            for (i, entry) in page.enumerated() {
                contexts.append(context(of: Int(entry.doc), record: records[i]))
                contextDocs.append(contentsOf: contexts[i].before)
                contextDocs.append(contentsOf: contexts[i].after)
            }
        }
        let contextRecords = contextDocs.map { reader.document($0) }
        let texts = reader.texts(of: records + contextRecords)
        var utterances: [Int: Utterance] = [:]
        for (j, d) in contextDocs.enumerated() where utterances[d] == nil {
            let r = contextRecords[j]
            let cues = reader.cues(of: r)
            utterances[d] = Utterance(speaker: reader.string(r.speaker), role: reader.string(r.role),
                                      chapter: reader.string(r.chapter), start: cues.first?.start ?? 0,
                                      end: cues.last?.end ?? 0, text: String(decoding: texts[records.count + j], as: UTF8.self))
        }
        var fieldsOf: [UInt32: [String: String]] = [:]
        var scratch = Scratch()
        for i in page.indices {
            let record = records[i]
            // The interview read in place (a copy of its record would retain its arrays, shared by every thread).
            let interview: Int? = Int(record.interview) < reader.interviews.count ? Int(record.interview) : nil
            var fields: [String: String] = [:]
            if let interview, !reader.interviews[interview].fields.isEmpty {
                if let known = fieldsOf[record.interview] {
                    fields = known
                } else {
                    for (k, v) in reader.interviews[interview].fields { fields[reader.string(k)] = reader.string(v) }
                    fieldsOf[record.interview] = fields
                }
            }
            let explanation = explained[i].map { entries in
                Explanation(N: reader.docCount, avgdl: reader.avgdl, dl: Int(record.length), k1: bm25.k1, b: bm25.b,
                            terms: entries, score: entries.reduce(0) { $0 + $1.score })
            }
            // Made in place and completed there: a local copy moved in would be copied.
            let hit = storage + i
            hit.initialize(to: makeHit(record: record, interview: interview, text: texts[i], positions: &positions[i],
                                       scratch: &scratch))
            hit.pointee.fields = fields
            hit.pointee.explanation = explanation
            if options.context > 0 {
                hit.pointee.before = contexts[i].before.map { utterances[$0]! }
                hit.pointee.after = contexts[i].after.map { utterances[$0]! }
            }
        }
    }

    /// The context passages of document `d` (record `record`): up to
    /// `options.context` documents of its interview before and after it; none
    /// for a damaged record (`d` outside its interview's range).
    private func context(of d: Int, record: DocRecord) -> (before: Range<Int>, after: Range<Int>) {
        let v = Int(record.interview)
        let known = v < reader.interviews.count
        let lo = known ? Int(reader.interviews[v].docStart) : 0
        let hi = lo + (known ? Int(reader.interviews[v].docCount) : 0)
        let n = options.context
        return lo <= d && d < hi ? (max(lo, d - n)..<d, (d + 1)..<min(hi, d + 1 + n)) : (d..<d, d..<d)
    }

    /// Checks, on a verified open, every page ``details(_:root:)`` will read for
    /// `page` under `weight`: the records, text and cues of each hit and of
    /// its context passages, and every term's postings and positions (its
    /// `info`), as those reads would. A damaged page is remembered by the
    /// page verifier, so the search that calls this fails
    /// (``SearchIndex/undamaged(_:)``) and a later build of the page (see
    /// ``HitPage``) meets no page not checked already.
    /// Sections whose every page has matched already are not looked at again,
    /// nor are documents and terms whose every page matched in an earlier
    /// check (``PageVerifier/Checker/isDocumentSound(_:)``, ``PageVerifier/Checker/isTermSound(_:)``).
    func checkPages(_ page: [Searcher.Collected], weight: Weight) {
        guard let pages = reader.pageCheck, !page.isEmpty else { return }
        if !(pages.isWhole(.postings) && pages.isWhole(.positions)) {
            // The reader captured unretained (this call holds it): capturing
            // `self` copied the builder per term, a retain and a release of
            // the reader, whose header every searching thread writes.
            weight.forEachTerm { [unowned(unsafe) reader] term in if !pages.isTermSound(term) { _ = reader.info(term) } }
        }
        guard !(pages.isWhole(.docs) && pages.isWhole(.storedText) && pages.isWhole(.cues)) else { return }
        for entry in page {
            let d = Int(entry.doc)
            let record = check(d, pages: pages, reading: options.context > 0)
            if options.context > 0, let record {
                let around = context(of: d, record: record)
                for c in around.before { _ = check(c, pages: pages, reading: false) }
                for c in around.after { _ = check(c, pages: pages, reading: false) }
            }
        }
    }

    /// Checks the pages of document `d`'s record, text and cues (unless all
    /// matched before) and remembers when they all match; its record when
    /// `reading` (or when it was read for the check), else nil.
    private func check(_ d: Int, pages: PageVerifier.Checker, reading: Bool) -> DocRecord? {
        if pages.isDocumentSound(d) { return reading ? reader.document(d) : nil }
        let sound = reader.checkDocuments(d..<(d + 1))
        let record = reader.document(d)
        let text = reader.textPagesAreIntact(record)
        let cues = reader.checkCues(Int(record.cueStart)..<(Int(record.cueStart) + Int(record.cueCount)))
        if sound && text && cues { pages.markDocumentSound(d) }
        return record
    }

    /// Buffers reused from hit to hit.
    struct Scratch {
        var tokens: [Token] = []
        var matched: [Int] = []
        var analysis: [UInt8] = []
    }

    private func makeHit(record: DocRecord, interview: Int?, text bytes: [UInt8], positions: inout [UInt32],
                         scratch: inout Scratch) -> HitDetails {
        // The String first: offsets are those of its (valid) UTF-8, as `analyze(text)` gives them.
        var text = String(decoding: bytes, as: UTF8.self)
        positions.sort()
        let cues = reader.cues(of: record)
        var cue: CueRecord?
        var highlights: [Range<Int>] = []
        var snippet = Snippet(text: "", highlights: [])
        let analyzer = reader.analyzer
        let whole = text   // the same storage: `withUTF8` on a native string does not copy
        text.withUTF8 { utf8 in
            Self.layout(utf8, analyzer: analyzer, into: &scratch.tokens, scratch: &scratch.analysis)
            let tokens = scratch.tokens
            // Tokens whose position matched (positions and tokens both ascend).
            scratch.matched.removeAll(keepingCapacity: true)
            var p = 0
            for t in tokens.indices {
                let position = UInt32(truncatingIfNeeded: tokens[t].position)
                while p < positions.count && positions[p] < position { p += 1 }
                if p < positions.count && positions[p] == position { scratch.matched.append(t) }
            }
            let matched = scratch.matched
            highlights = matched.map { tokens[$0].start..<tokens[$0].end }
            cue = Self.bestCue(cues, matched: matched, tokens: tokens, utf8: utf8, analyzer: analyzer,
                               scratch: &scratch.analysis) ?? cues.first
            snippet = Snippet.make(utf8: utf8, text: whole, tokens: tokens, matched: matched)
        }
        let start = cue?.start ?? 0, end = cue?.end ?? 0
        var media = interview.map { reader.string(reader.interviews[$0].media) } ?? ""
        if !media.isEmpty { media += Searcher.timeFragment(start) }
        return HitDetails(interview: interview.map { reader.string(reader.interviews[$0].id) } ?? "",
                          title: interview.map { reader.string(reader.interviews[$0].title) } ?? "",
                          speaker: reader.string(record.speaker), role: reader.string(record.role),
                          chapter: reader.string(record.chapter), start: start, end: end,
                          text: text, highlights: highlights, snippet: snippet,
                          media: media, fields: [:], explanation: nil, before: [], after: [])
    }

    /// The tokens ``Analyzer/analyze(_:)`` keeps for `utf8` (every word but
    /// stop words and words that normalise to nothing), with their byte
    /// ranges and positions, without computing their terms: a plain ASCII
    /// word is always kept when there are no stop words; any other word is
    /// run through the analyzer on its own bytes to decide.
    static func layout(_ utf8: UnsafeBufferPointer<UInt8>, analyzer: Analyzer, into tokens: inout [Token],
                       scratch: inout [UInt8]) {
        tokens.removeAll(keepingCapacity: true)
        let plain = analyzer.stopWords.isEmpty
        Tokenizer().tokenize(utf8) { token in
            if token.isASCII && plain {
                tokens.append(token)
                return
            }
            var kept = false
            analyzer.forEachTerm(in: UnsafeBufferPointer(rebasing: utf8[token.start..<token.end]), scratch: &scratch) { _, _ in
                kept = true
            }
            if kept { tokens.append(token) }
        }
    }

    /// The cue a player should jump to: the first of the cues that hold the
    /// most distinct matched terms (a word said three times in one cue counts
    /// once there); nil without matches. `matched` are indexes into `tokens`.
    static func bestCue(_ cues: [CueRecord], matched: [Int], tokens: [Token], utf8: UnsafeBufferPointer<UInt8>,
                        analyzer: Analyzer, scratch: inout [UInt8]) -> CueRecord? {
        guard !cues.isEmpty, !matched.isEmpty else { return nil }
        // Each matched word's cue; when they all sit in one cue, it is the one.
        var cueOf: [Int] = []
        cueOf.reserveCapacity(matched.count)
        for t in matched { cueOf.append(QuoteCollector.cueIndex(of: UInt32(truncatingIfNeeded: tokens[t].position), in: cues)) }
        if cueOf.allSatisfy({ $0 == cueOf[0] }) { return cues[cueOf[0]] }
        // Each matched word's term (its stem), from its own bytes: term m is
        // `termBytes[termEnds[m - 1] ..< termEnds[m]]`.
        var termBytes: [UInt8] = []
        var termEnds: [Int] = []
        termEnds.reserveCapacity(matched.count)
        for t in matched {
            var first = true
            analyzer.forEachTerm(in: UnsafeBufferPointer(rebasing: utf8[tokens[t].start..<tokens[t].end]), scratch: &scratch) { _, bytes in
                if first { termBytes.append(contentsOf: bytes); first = false }
            }
            termEnds.append(termBytes.count)
        }
        func term(_ m: Int) -> ArraySlice<UInt8> { termBytes[(m == 0 ? 0 : termEnds[m - 1])..<termEnds[m]] }
        // Distinct terms per cue: a term counts where it is first seen in that cue.
        var counts = [Int](repeating: 0, count: cues.count)
        for m in matched.indices {
            var seen = false
            for e in 0..<m where cueOf[e] == cueOf[m] && term(e) == term(m) { seen = true; break }
            if !seen { counts[cueOf[m]] += 1 }
        }
        let best = counts.max()!
        return cues[counts.firstIndex(of: best)!]
    }
}
