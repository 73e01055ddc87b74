/// Top-k retrieval in the quote order (``Ranking/quote``): by ``QuoteTier``,
/// then, inside tiers 1–3, passages whose matched words sit in one cue
/// first, then BM25 score, then document id. Scores are the query's BM25
/// scores; only the order differs from ``TopKCollector``.
///
/// It visits tiers best first and stops once k documents are placed:
/// 1. the conjunction of the words (each with its derived forms) gives
///    tiers 1 and 2; the one-cue test reads positions only for documents
///    that could still enter the top k;
/// 2. a document of tier 3 holds the rarest word or has a neighbour that
///    does, so the rarest word's documents and their neighbours are the
///    only candidates; every word is looked up there;
/// 3. the rest is the query's own MaxScore-pruned top k without the
///    documents of tiers 1–3 (it holds at most that many of them, so at
///    least as many others as are missing, and they are the best of the rest).
///
/// With `exhaustive`, every matching document is placed from per-document
/// word masks and the whole list sorted: the reference the pruned walk is
/// tested against.
struct QuoteCollector {
    let reader: IndexReader
    let bm25: BM25
    let query: CompiledQuery
    let k: Int
    let exhaustive: Bool
    /// The pruned walk places tiers 1–3 from the rarest word's documents
    /// (``placeAround(_:tiers:idfs:top:placed:count:)``) when at most this
    /// many hold it (``Weight/cost(_:)``), else walks the conjunctions first.
    var rarestLimit = QuoteCollector.defaultRarestLimit

    /// See ``rarestLimit``: below it, the conjunction walks cost more to set
    /// up than the one pass over the rarest word's documents.
    static let defaultRarestLimit = 1024

    /// One placed document.
    struct Entry {
        var score: Double
        var doc: UInt32
        var placement: Placement
        /// With `placement.oneCue`: BM25 of the query words over the best
        /// cue holding them all, as if that cue were the document (see ``CueMatch``).
        var cueScore: Double = 0
    }

    /// Most words the tiers track (one bit each); longer queries rank by score.
    static let maxWords = 64

    /// The best `k` documents, best first; nil when the query has too many
    /// words for tiers (the caller then ranks by score).
    func collect() -> [Entry]? {
        let words = query.words
        guard words.count <= Self.maxWords else { return nil }
        guard k > 0 else { return [] }
        if let placement = Self.scoreOrderPlacement(words) {
            let root = query.weight.scorer(reader: reader, bm25: bm25)
            return TopKCollector.collect(root, k: k, exhaustive: exhaustive).map {
                Entry(score: $0.score, doc: $0.doc, placement: placement, cueScore: $0.score)
            }
        }
        if exhaustive { return reference() }
        return words.count == 1 ? oneWord() : pruned()
    }

    /// One word with derived forms: tier 1 is the word as typed, by score
    /// (pruned, as ``TopKCollector`` does); tier 2, the documents holding
    /// only a derived form, all scoring 0, by id.
    private func oneWord() -> [Entry] {
        let exact = query.exactWeight ?? query.weight
        let first = TopKCollector.collect(exact.scorer(reader: reader, bm25: bm25), k: k, exhaustive: false)
        let entry = { (e: (score: Double, doc: UInt32), tier: QuoteTier) in
            Entry(score: e.score, doc: e.doc, placement: Placement(tier: tier, oneCue: true))
        }
        if first.count >= k { return first.map { entry($0, .allWords) } }
        let placed = Set(first.map(\.doc))
        let rest = TopKCollector.collect(query.weight.scorer(reader: reader, bm25: bm25), k: k, exhaustive: false)
            .filter { !placed.contains($0.doc) }.prefix(k - first.count)
        return first.map { entry($0, .allWords) } + rest.map { entry($0, .derivedForms) }
    }

    // MARK: - The pruned walk

    private func pruned() -> [Entry] {
        let idfs = wordIDFs()
        var top = QuoteTopK(k: k)
        var placed = Set<UInt32>()
        var count = 0
        let costs = query.words.map { $0.any.cost(reader) }
        let rarest = costs.indices.min { costs[$0] < costs[$1] }!

        if costs[rarest] <= rarestLimit {
            // Few documents hold the rarest word: every document of tiers 1–3
            // is one of them or a neighbour, placed in one pass.
            placeAround(rarest, idfs: idfs, top: &top, placed: &placed, count: &count)
        } else {
            // 1. Tier 1: the conjunction of the words as typed. Tier 2 only when
            // it holds fewer than k documents (tier 1 ranks above tier 2 whatever
            // the cues and scores), so the derived forms' wider conjunction is
            // walked only then.
            walk(.allWords, idfs: idfs, top: &top, placed: &placed, count: &count)
            if count >= k { return top.sorted() }
            if query.words.contains(where: { $0.derived != nil }) {
                walk(.derivedForms, idfs: idfs, top: &top, placed: &placed, count: &count)
                if count >= k { return top.sorted() }
            }
            // 2. Tier 3: every word with a neighbour of the same turn.
            placeAround(rarest, tiers: .withNeighbour, idfs: idfs, top: &top, placed: &placed, count: &count)
        }
        if count >= k { return top.sorted() }

        // 3. The rest, by score.
        let rest = TopKCollector.collect(query.weight.scorer(reader: reader, bm25: bm25), k: k, exhaustive: false)
            .filter { !placed.contains($0.doc) }.prefix(k - count)
        let byDoc = rest.sorted { $0.doc < $1.doc }
        let any4 = query.words.map { $0.any.scorer(reader: reader, bm25: bm25) }
        var tester4 = CueTester(reader: reader, bm25: bm25, idfs: idfs, words: any4)
        defer { tester4.deallocate() }
        var placedRest: [UInt32: Entry] = [:]
        for e in byDoc {
            let match = tester4.match(e.doc)
            placedRest[e.doc] = Entry(score: e.score, doc: e.doc, placement: Placement(tier: .someWords, oneCue: match.oneCue),
                                      cueScore: match.score)
        }
        return withExtendedLifetime(any4) { top.sorted() + rest.map { placedRest[$0.doc]! } }
    }

    /// Places in `top` the documents of tiers 1–3 (or of tier 3 alone, with
    /// `tiers` `.withNeighbour`) from the documents holding word `rarest`
    /// (the filter applied) and their neighbours: a document holding every
    /// word holds `rarest`, and one of tier 3 holds it or has a neighbour of
    /// its turn that does. Each such document is counted (the first k kept
    /// in `placed`); its tier comes from the words' masks (as in ``reference()``). Once k are
    /// counted, a document that cannot be kept is not looked at further, and
    /// one holding every word is bounded on its cues as the walk does
    /// (``mayBeat(_:_:worst:reader:score:_:)``) before its positions are read.
    private func placeAround(_ rarest: Int, tiers: QuoteTier = .allWords, idfs: [Double], top: inout QuoteTopK,
                             placed: inout Set<UInt32>, count: inout Int) {
        let full = Self.fullMask(query.words.count)
        var candidates: [UInt32] = []
        // Filtered: a candidate's neighbours share its turn, so the filter
        // passes a candidate exactly when it passes the driving word's document.
        let driver = Weight.boolean(must: [query.words[rarest].any], should: [], mustNot: [], filter: query.filter)
            .scorer(reader: reader, bm25: bm25)
        while driver.doc != PostingCursor.noMoreDocs {
            Self.appendWithNeighbours(driver.doc, to: &candidates, docCount: reader.docCount)
            driver.next()
        }
        guard !candidates.isEmpty else { return }
        let masks = masks(of: candidates)
        let root = query.weight.scorer(reader: reader, bm25: bm25)
        let any = query.words.map { $0.any.scorer(reader: reader, bm25: bm25) }
        // Words with derived forms: whether the document holds them as typed (tier 1 or 2).
        let exact = tiers == .allWords ? query.words.compactMap { $0.derived == nil ? nil : $0.exact.scorer(reader: reader, bm25: bm25) } : []
        var tester = CueTester(reader: reader, bm25: bm25, idfs: idfs, words: any)
        defer { tester.deallocate() }
        withExtendedLifetime((root, any, exact)) {
            var j = 0  // `c`'s index in `masks`: it holds every candidate, in the same order
            for c in candidates {
                j = masks.index(of: c, from: j)
                let mine = masks.bits[j]
                guard mine != 0 else { continue }
                // Once k are counted, only a document that could be kept matters.
                let counted = count >= k
                let tier: QuoteTier
                if mine == full {
                    guard tiers == .allWords else { continue }
                    var typed = true
                    for s in exact {
                        s.advance(to: c)
                        if s.doc != c { typed = false; break }
                    }
                    tier = typed ? .allWords : .derivedForms
                } else {
                    guard !counted || top.admits(.withNeighbour) else { continue }
                    let before = masks.before(j), after = masks.after(j)
                    // The turn is read only when the neighbours could complete the words.
                    guard mine | before | after == full else { continue }
                    var union = mine
                    if before != 0 && reader.continuesTurn(after: c - 1) { union |= before }
                    if after != 0 && reader.continuesTurn(after: c) { union |= after }
                    guard union == full else { continue }
                    tier = .withNeighbour
                }
                guard !counted || top.admits(tier) else { continue }
                root.advance(to: c)
                guard root.doc == c else { continue }
                count += 1
                if count <= k { placed.insert(c) }
                guard top.admits(tier) else { continue }
                var score: Double? = nil
                let match: CueMatch
                if mine == full, let worst = top.worst, worst.placement.tier == tier, worst.placement.oneCue {
                    // As in the walk (candidates come in increasing order too).
                    guard Self.mayBeat(c, &tester, worst: worst, reader: reader, score: &score, { root.score() }) else { continue }
                    match = tester.placeWords(c)
                    guard match.oneCue, match.score >= worst.cueScore else { continue }
                } else {
                    match = tester.match(c)
                }
                top.insert(Entry(score: score ?? root.score(), doc: c, placement: Placement(tier: tier, oneCue: match.oneCue),
                                 cueScore: match.score))
            }
        }
    }

    /// Places the documents of one tier of the conjunction walk in `top`:
    /// `.allWords` walks the conjunction of the words as typed, `.derivedForms`
    /// that of the words with their derived forms, leaving out the documents
    /// of tier 1. Every document of the tier is counted (`count`; the first k
    /// kept in `placed`). Once k entries are kept and the worst is of this
    /// tier and one-cue, a document is placed only if its cue score can reach
    /// the worst's: first by a bound from the words' term frequencies alone
    /// (``CueTester/tfBound(_:)``), then from its shortest cue
    /// (``CueTester/shortestCueBound(_:orElse:)``, one byte per document),
    /// then from its cue lengths
    /// (``CueTester/cueLengthBound(length:)``), before its positions are read;
    /// a bound equal to the worst's cue score lets it through only if its
    /// BM25 score beats the worst's (it loses ties on id: documents come in
    /// increasing order). When every word is one term, whole runs of blocks
    /// are passed before that, from their cue impacts (``passBlocks``).
    private func walk(_ tier: QuoteTier, idfs: [Double], top: inout QuoteTopK, placed: inout Set<UInt32>,
                      count: inout Int) {
        let any = query.words.map { $0.any.scorer(reader: reader, bm25: bm25) }
        // A word without derived forms is its own exact form: one scorer serves both.
        let exactScorers = query.words.enumerated().map { i, w in
            w.derived == nil ? any[i] : w.exact.scorer(reader: reader, bm25: bm25)
        }
        let exact = zip(query.words, exactScorers).compactMap { w, s in w.derived == nil ? nil : Unmanaged.passUnretained(s) }
        let root = query.weight.scorer(reader: reader, bm25: bm25)
        let conjunction = BooleanScorer(must: tier == .allWords ? exactScorers : any, should: [], mustNot: [],
                                        filter: query.filter, reader: reader)
        var tester = CueTester(reader: reader, bm25: bm25, idfs: idfs, words: any)
        defer { tester.deallocate() }
        let byWords = rootSumsTheWords
        let anyRefs = any.map { Unmanaged.passUnretained($0) }
        // Words that are one term each: their cursors' blocks bound whole runs of documents.
        let blockTerms = tier == .allWords ? any.compactMap { $0 as? TermScorer }.map { Unmanaged.passUnretained($0) } : []
        let byBlocks = blockTerms.count == any.count
        // Their cue impacts (nil: a word's cues are bounded by its block's largest tf).
        let cueImpacts = byBlocks ? blockTerms.map { t in
            t._withUnsafeGuaranteedRef { reader.cueImpacts(term: $0.termID, blocks: $0.cursor.blockCount) }
        } : []
        var blockOf = [Int](repeating: 0, count: blockTerms.count)  // each term's block at the last check
        var checkedUpTo: UInt32 = 0  // documents below it passed the last block check
        // Checks in a row that passed nothing, and checks to leave out: where
        // the runs cannot be passed, the check costs without paying.
        var misses = 0, leaveOut = 0
        withExtendedLifetime((exactScorers, any, root)) {
            while conjunction.doc != PostingCursor.noMoreDocs {
                let d = conjunction.doc
                var skipTo: UInt32 = 0
                defer { if skipTo > d { conjunction.advance(to: skipTo) } else { conjunction.next() } }
                if byBlocks, d >= checkedUpTo, let worst = top.worst, worst.placement.tier == tier, worst.placement.oneCue {
                    if leaveOut > 0 {
                        // The run up to the first end of the terms' current blocks is walked unchecked.
                        leaveOut -= 1
                        var end = PostingCursor.noMoreDocs
                        for t in blockTerms { end = min(end, t._withUnsafeGuaranteedRef { $0.cursor.blockLastDoc }) }
                        checkedUpTo = end == PostingCursor.noMoreDocs ? end : end + 1
                    } else {
                        let run = Self.passBlocks(from: d, blockTerms, cueImpacts, &blockOf, &tester, worst: worst, byWords: byWords)
                        checkedUpTo = run.checkedUpTo
                        if run.start > d {
                            misses = 0
                            skipTo = run.start
                            continue
                        }
                        misses += 1
                        // After 4 misses in a row, leave out 1, then 2, … up to 32 runs between checks.
                        if misses >= 4 { leaveOut = min(misses - 3, 32) }
                    }
                }
                if !byWords {
                    root.advance(to: d)
                    guard root.doc == d else { continue }
                }
                if tier == .derivedForms {
                    var typed = true
                    for s in exact {
                        let on = s._withUnsafeGuaranteedRef { s -> Bool in
                            s.advance(to: d)
                            return s.doc == d
                        }
                        if !on { typed = false; break }
                    }
                    if typed { continue }  // tier 1, placed by the first walk
                }
                count += 1
                if count <= k { placed.insert(d) }
                guard top.admits(tier) else { continue }
                var score: Double? = nil
                let match: CueMatch
                if let worst = top.worst, worst.placement.tier == tier, worst.placement.oneCue {
                    guard Self.mayBeat(d, &tester, worst: worst, reader: reader, score: &score,
                                       { Self.score(byWords, anyRefs, root) }) else { continue }
                    match = tester.placeWords(d)
                } else {
                    match = tester.match(d)
                }
                // Of the worst kept entry's tier, a later document that loses to it
                // on the cues alone is not scored (it loses ties on id as well).
                if let worst = top.worst, worst.placement.tier == tier, worst.placement.oneCue,
                   !match.oneCue || match.score < worst.cueScore { continue }
                top.insert(Entry(score: score ?? Self.score(byWords, anyRefs, root), doc: d, placement: Placement(tier: tier, oneCue: match.oneCue),
                                 cueScore: match.score))
            }
        }
    }

    /// The cue-score bounds before positions, for document `d` holding every
    /// word once k entries are kept and the worst is of `d`'s tier and
    /// one-cue: false when `d` cannot beat `worst` — a bound below its cue
    /// score, or equal to it with a BM25 score (`scoreOf`, kept in `score`)
    /// at most its score (`d` comes after it, so it loses the tie on id).
    /// The bounds go from cheap to dear: the words' tfs
    /// (``CueTester/tfBound(_:)``), the shortest cue's byte
    /// (``CueTester/shortestCueBound(_:orElse:)``), the cue lengths
    /// (``CueTester/cueLengthBound(length:)``, after the cues are read; true
    /// leaves them loaded for ``CueTester/placeWords(_:)``).
    @inline(__always)
    private static func mayBeat(_ d: UInt32, _ tester: inout CueTester, worst: Entry, reader: __shared IndexReader,
                                score: inout Double?, _ scoreOf: () -> Double) -> Bool {
        let least = worst.cueScore
        // A bound tied with the worst's cue score: the BM25 score decides.
        func tieBeats() -> Bool {
            if score == nil { score = scoreOf() }
            return score! > worst.score
        }
        let byTF = tester.tfBound(d)
        if byTF < least || (byTF <= least && !tieBeats()) { return false }
        let byShortest = tester.shortestCueBound(d, orElse: byTF)
        if byShortest < least || (byShortest <= least && !tieBeats()) { return false }
        tester.loadCues(d)
        let byCues = tester.cueLengthBound(length: Int(reader.length(d)))
        return !(byCues < least || (byCues <= least && !tieBeats()))
    }

    /// From document `d` on, passes each run of documents — from a start to
    /// the first end of the terms' blocks holding it — whose cue bound
    /// (``CueTester/frontierBound()`` over the blocks' ``CueImpacts``, or
    /// their largest tf) is below `worst`'s cue score, or equal to it with the
    /// terms' BM25 block bounds at most its score (a later document loses the
    /// tie on id): every document of the run holding all the words lies in
    /// those blocks. Reads block headers and cue impacts only; `blockOf`
    /// keeps each term's block from call to call (starts only rise). Returns
    /// the first run's start not passed (``PostingCursor/noMoreDocs`` past the
    /// last) and the document after that run (where the next check is due).
    private static func passBlocks(from d: UInt32, _ terms: [Unmanaged<TermScorer>],
                                   _ cues: [(pairs: UnsafeRawPointer, stride: Int)?], _ blockOf: inout [Int],
                                   _ tester: inout CueTester, worst: Entry,
                                   byWords: Bool) -> (start: UInt32, checkedUpTo: UInt32) {
        let none = PostingCursor.noMoreDocs
        var start = d
        while true {
            var end = none
            for i in terms.indices {
                let k = terms[i]._withUnsafeGuaranteedRef { t -> Int in
                    t.cursor.firstBlock(from: max(t.cursor.block, blockOf[i]), endingAtOrAfter: start)
                }
                blockOf[i] = k
                let cursor = terms[i]._withUnsafeGuaranteedRef { $0.cursor }
                guard k < cursor.blockCount else { return (none, none) }
                end = min(end, cursor.bound(ofBlock: k).lastDoc)
                if let c = cues[i] {
                    tester.setFrontier(word: i, pairs: c.pairs + k * c.stride * CueImpacts.pairSize, stride: c.stride)
                } else {
                    tester.setFrontier(word: i, largestTF: cursor.maxTF(ofBlock: k))
                }
            }
            let bound = tester.frontierBound()
            var passes = bound < worst.cueScore
            if !passes && bound <= worst.cueScore && byWords {
                // The terms' BM25 bounds over the run, padded against rounding.
                var sum = 0.0
                for t in terms { sum += t._withUnsafeGuaranteedRef { $0.windowBound(from: start).bound } }
                passes = BoundMargin.padded(sum) <= worst.score
            }
            guard passes else { return (start, end == none ? none : end + 1) }
            guard end < none - 1 else { return (none, none) }
            start = end + 1
        }
    }

    /// The BM25 score of the document the conjunction walk is on: summed from
    /// the words' own scorers (see ``rootSumsTheWords``) or the root's.
    @inline(__always)
    private static func score(_ byWords: Bool, _ words: [Unmanaged<Scorer>], _ root: Scorer) -> Double {
        guard byWords else { return root.score() }
        var score = 0.0
        for w in words { score += w._withUnsafeGuaranteedRef { $0.score() } }
        return score
    }

    /// True when the query is a disjunction of its words' terms alone, in
    /// order (no derived forms, phrases, exclusions): on a document holding
    /// every word, its score is then the sum of the words' own term scores in
    /// that order, bit for bit what ``BooleanScorer/score()`` adds up, and
    /// the conjunction's cursors give it without a second walk of the postings.
    private var rootSumsTheWords: Bool {
        guard case .boolean(let must, let should, let mustNot, _) = query.weight, must.isEmpty, mustNot.isEmpty,
              should.count == query.words.count else { return false }
        for (w, s) in zip(query.words, should) {
            guard w.derived == nil, case .term(let a) = w.exact, case .term(let b) = s, a == b else { return false }
        }
        return true
    }

    /// Appends `p - 1`, `p` and `p + 1` (those inside the index) to the
    /// ascending `list`, leaving out those already at its end.
    @inline(__always)
    private static func appendWithNeighbours(_ p: UInt32, to list: inout [UInt32], docCount: Int) {
        let lo = p == 0 ? p : p - 1, hi = Int(p) + 1 < docCount ? p + 1 : p
        for x in lo...hi where list.last.map({ $0 < x }) ?? true { list.append(x) }
    }

    /// The words each document holds, one bit per word, for the documents
    /// asked about and their neighbours (ascending; 0 for any other). Read
    /// in increasing order: a cursor moves forward through `docs`, no search.
    private struct Masks {
        var docs: [UInt32] = []
        var bits: [UInt64] = []

        /// The index of `d` in `docs`, which holds it at or after `start`.
        @inline(__always)
        func index(of d: UInt32, from start: Int) -> Int {
            var j = start
            while docs[j] < d { j += 1 }
            return j
        }

        /// The mask of the document just before `docs[j]` (0 when it is not listed).
        @inline(__always)
        func before(_ j: Int) -> UInt64 {
            j > 0 && docs[j - 1] == docs[j] - 1 ? bits[j - 1] : 0
        }

        /// The mask of the document just after `docs[j]` (0 when it is not listed).
        @inline(__always)
        func after(_ j: Int) -> UInt64 {
            j + 1 < docs.count && docs[j + 1] == docs[j] + 1 ? bits[j + 1] : 0
        }
    }

    /// The words each of `docs` (ascending) and their neighbours hold.
    private func masks(of docs: [UInt32]) -> Masks {
        var result = Masks()
        for c in docs { Self.appendWithNeighbours(c, to: &result.docs, docCount: reader.docCount) }
        result.bits = [UInt64](repeating: 0, count: result.docs.count)
        for (i, word) in query.words.enumerated() {
            let s = word.any.scorer(reader: reader, bm25: bm25)
            for (j, x) in result.docs.enumerated() {
                s.advance(to: x)
                if s.doc == PostingCursor.noMoreDocs { break }
                if s.doc == x { result.bits[j] |= 1 << UInt64(i) }
            }
        }
        return result
    }

    // MARK: - The reference

    private func reference() -> [Entry] {
        let idfs = wordIDFs()
        let n = reader.docCount
        var anyMask = [UInt64](repeating: 0, count: n)
        var exactMask = anyMask
        for (i, word) in query.words.enumerated() {
            for (weight, into) in [(word.any, 0), (word.exact, 1)] {
                let s = weight.scorer(reader: reader, bm25: bm25)
                while s.doc != PostingCursor.noMoreDocs {
                    if into == 0 { anyMask[Int(s.doc)] |= 1 << UInt64(i) } else { exactMask[Int(s.doc)] |= 1 << UInt64(i) }
                    s.next()
                }
            }
        }
        let full = Self.fullMask(query.words.count)
        let root = query.weight.scorer(reader: reader, bm25: bm25)
        let any = query.words.map { $0.any.scorer(reader: reader, bm25: bm25) }
        var tester = CueTester(reader: reader, bm25: bm25, idfs: idfs, words: any)
        defer { tester.deallocate() }
        var all: [Entry] = []
        while root.doc != PostingCursor.noMoreDocs {
            let d = root.doc, i = Int(d)
            var union = anyMask[i]
            if i > 0 && reader.continuesTurn(after: d - 1) { union |= anyMask[i - 1] }
            if i + 1 < n && reader.continuesTurn(after: d) { union |= anyMask[i + 1] }
            let tier: QuoteTier = exactMask[i] == full ? .allWords
                : anyMask[i] == full ? .derivedForms
                : union == full ? .withNeighbour : .someWords
            let match = tester.match(d)
            all.append(Entry(score: root.score(), doc: d, placement: Placement(tier: tier, oneCue: match.oneCue),
                             cueScore: match.score))
            root.next()
        }
        all.sort(by: QuoteTopK.better)
        return withExtendedLifetime(any) { Array(all.prefix(k)) }
    }

    // MARK: - One cue

    /// Each word's idf for cue scores (see ``Weight/wordIDF(_:_:)``).
    private func wordIDFs() -> [Double] { query.words.map { $0.exact.wordIDF(reader, bm25) } }

    /// The cue holding token position `p`: the last whose first token is at or before it.
    static func cueIndex(of p: UInt32, in cues: [CueRecord]) -> Int {
        cueIndex(of: p, count: cues.count) { cues[$0].firstPosition }
    }

    /// The cue holding token position `p`, from the cues' first positions.
    static func cueIndex(of p: UInt32, in firsts: [UInt32]) -> Int {
        cueIndex(of: p, count: firsts.count) { firsts[$0] }
    }

    @inline(__always)
    private static func cueIndex(of p: UInt32, count: Int, first: (Int) -> UInt32) -> Int {
        var lo = 0, hi = count
        while lo < hi {
            let mid = (lo + hi) / 2
            if first(mid) <= p { lo = mid + 1 } else { hi = mid }
        }
        return max(0, lo - 1)
    }

    private static func fullMask(_ words: Int) -> UInt64 {
        words >= 64 ? .max : (1 << UInt64(words)) - 1
    }
}

/// The k best entries in the quote order.
struct QuoteTopK {
    private var heap: BoundedHeap<QuoteCollector.Entry>

    init(k: Int) { heap = BoundedHeap(k: k) }

    /// True when `a` ranks above `b`: lower tier; inside tiers 1–3, one cue
    /// first, and among one-cue passages the higher cue score; then the
    /// higher score; then the lower document id.
    static func better(_ a: QuoteCollector.Entry, _ b: QuoteCollector.Entry) -> Bool {
        let tier = a.placement.tier
        if tier != b.placement.tier { return tier < b.placement.tier }
        if tier != .someWords {
            if a.placement.oneCue != b.placement.oneCue { return a.placement.oneCue }
            if a.placement.oneCue && a.cueScore != b.cueScore { return a.cueScore > b.cueScore }
        }
        if a.score != b.score { return a.score > b.score }
        return a.doc < b.doc
    }

    /// Whether an entry of `tier` could be kept (before its cues are read).
    func admits(_ tier: QuoteTier) -> Bool {
        heap.k > 0 && (heap.worst.map { tier <= $0.placement.tier } ?? true)
    }

    /// The worst kept entry (the one a newcomer must beat), once k are kept.
    var worst: QuoteCollector.Entry? { heap.worst }

    /// Keeps `e` if it is among the best k.
    mutating func insert(_ e: QuoteCollector.Entry) { heap.insert(e) }

    /// The kept entries, best first.
    func sorted() -> [QuoteCollector.Entry] { heap.sorted() }
}

extension QuoteCollector.Entry: HeapRanked {
    static func worse(_ a: Self, _ b: Self) -> Bool { QuoteTopK.better(b, a) }
}
