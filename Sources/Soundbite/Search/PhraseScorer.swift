/// Matches documents where the terms occur in order at the given offsets
/// (slop 0), or each within `slop` positions of where the exact phrase would
/// put it. Scored as one term with tf = number of matches and idf = the sum
/// of the terms' idf.
///
/// A phrase is found wherever the passage cuts fall: a match may begin in a
/// document and end at the start of the next one when both are passages of
/// one speaker turn (``IndexReader/continuesTurn(after:)``). Such a match
/// counts for the document it begins in, which holds its first words.
///
/// One leapfrog finds every way the phrase can lie: a candidate d holds the
/// first word, and every other word lies in d or d + 1 (rarest word first).
/// The phrase is matched wholly inside d when every word is there; it is
/// matched across the cut after its first `s` words (a *split*) only when
/// the first word's last position in d lies close enough to d's end for a
/// later word to reach d + 1 (read before the turn is looked up), the words
/// after the split lie in d + 1, and d + 1 continues d's turn.
final class PhraseScorer: Scorer {
    let idf: Double
    /// The phrase's terms, in order (``text`` is built from them only when an explanation asks).
    private let termIDs: [Int]
    /// The phrase as its terms joined by spaces.
    var text: String { termIDs.map { reader.termString($0) }.joined(separator: " ") }
    private let bm25: BM25
    /// Holds the reader (and the cursors) alive; the hot paths call them
    /// through the unretained references below, so no reference is counted
    /// per candidate.
    private let reader: IndexReader
    /// The reader's document table (lengths), held to warm them.
    private let docs: DocTable
    private let cursors: [PostingCursor]
    private let readerRef: Unmanaged<IndexReader>
    private let refs: UnsafeMutablePointer<Unmanaged<PostingCursor>>
    /// The words' offsets in the phrase.
    private let offsets: UnsafeMutablePointer<Int>
    /// Words.
    private let n: Int
    private let slop: Int
    /// How far past the first word (in positions) the phrase's farthest word lies.
    private let reach: Int
    /// Word indices by increasing document frequency: leapfrogging from the
    /// rarest word skips the most.
    private let leapfrogOrder: UnsafeMutablePointer<Int>
    private var current: UInt32 = 0
    private var frequency = 0
    private let bound: Double
    /// Positions, in the current document, of every matched word there.
    private var matched: [UInt32] = []
    /// Per word, its positions in the candidate d and in d + 1 (buffers of the
    /// scorer's own, freed in `deinit`), and which of them are read.
    private let inDocument: UnsafeMutablePointer<PositionBuffer>
    private let inNext: UnsafeMutablePointer<PositionBuffer>
    private let state: UnsafeMutablePointer<WordState>
    /// The rarest word's block whose lengths were warmed last (the warming
    /// call is out of line: one call a block, not one a candidate), and that
    /// block's shortest length (read by ``rareWordMayEnter(_:on:at:above:floor:)``).
    /// Warmed only in a pruning walk: without a threshold, lengths are read
    /// only for the candidates holding every word, mostly a few.
    private var warmedBlock = -1
    private var warmedMinLength: UInt32 = 0
    /// Consecutive windows whose bound did not pass them under the current
    /// threshold, and how many windows from here on are taken without a
    /// bound (the first word's block alone: its end and floor): a phrase
    /// whose windows never pass (most: few matches, a low k-th score) pays
    /// the words' block headers and two BM25 bounds for a logarithmic number
    /// of windows, not for each. Exact: a window not bounded is checked
    /// candidate by candidate, as one that did not pass.
    private var windowMisses = 0
    private var unboundedWindows = 0
    /// Per word, where the match being checked has it.
    private let hits: UnsafeMutablePointer<Int>
    /// The first word's positions that can still start a match.
    private var anchors = PositionBuffer()
    /// Per tf bound below ``tableTFs``, under the threshold of the current
    /// walk (``cachedThreshold``): the longest document length whose bound
    /// still beats it (−1: none does), so a candidate is decided by one
    /// integer comparison of its length (``longestLength(entering:)``).
    /// An entry is current where ``staleTFs`` has its bit clear; a stale one
    /// still bounds the current one from above while the threshold only
    /// rises (the k-th score of a walk never falls), so refreshing it
    /// searches below it.
    private let longestEntering: UnsafeMutablePointer<Int64>
    private var staleTFs: UInt64 = ~0
    /// The threshold they hold for.
    private var cachedThreshold = -Double.infinity
    /// Set by ``findExistenceOnly()``: a document's walk stops at its first
    /// match, so ``score()`` and ``matchPositions(into:)`` no longer tell.
    private var existenceOnly = false

    /// Where a word stands for the candidate being checked.
    private struct WordState {
        /// Its positions in d are in ``inDocument``.
        var readInDocument = false
        /// It occurs in d (its cursor was on d).
        var inDocument = false
        /// It occurs in d + 1, its positions there in ``inNext``.
        var inNext = false
    }

    init(reader: IndexReader, terms: [(term: Int, offset: Int)], slop: Int, bm25: BM25) {
        self.reader = reader
        docs = reader.docs
        self.bm25 = bm25
        self.slop = slop
        var seen = Set<Int>()
        idf = terms.reduce(0) { sum, t in seen.insert(t.term).inserted ? sum + bm25.idf(df: Int(reader.info(t.term).df)) : sum }
        termIDs = terms.map(\.term)
        let cursors = terms.map { PostingCursor(reader: reader, info: reader.info($0.term)) }
        self.cursors = cursors
        readerRef = Unmanaged.passUnretained(reader)
        self.n = terms.count
        let n = max(1, terms.count)
        refs = .allocate(capacity: n)
        offsets = .allocate(capacity: n)
        leapfrogOrder = .allocate(capacity: n)
        offsets.initialize(repeating: 0, count: n)
        leapfrogOrder.initialize(repeating: 0, count: n)
        for (i, c) in cursors.enumerated() { (refs + i).initialize(to: Unmanaged.passUnretained(c)) }
        for (i, t) in terms.enumerated() { offsets[i] = t.offset }
        for (j, i) in terms.indices.sorted(by: { reader.info(terms[$0].term).df < reader.info(terms[$1].term).df }).enumerated() {
            leapfrogOrder[j] = i
        }
        reach = terms.dropFirst().map { $0.offset - terms[0].offset }.max() ?? 0
        inDocument = .allocate(capacity: n)
        inNext = .allocate(capacity: n)
        for i in 0..<n {
            (inDocument + i).initialize(to: PositionBuffer())
            (inNext + i).initialize(to: PositionBuffer())
        }
        state = .allocate(capacity: n)
        state.initialize(repeating: WordState(), count: n)
        hits = .allocate(capacity: n)
        longestEntering = .allocate(capacity: Self.tableTFs)
        longestEntering.initialize(repeating: Int64(UInt32.max), count: Self.tableTFs)
        // Every match, whichever way it lies, starts at an occurrence of the
        // first word in the document (one per way at most), so tf ≤ ways × tf
        // of the first word, in a document at least as long as its shortest.
        let ways = terms.count < 2 ? 1 : terms.count
        let frontier = terms.first.map { reader.bounds(reader.info($0.term)) } ?? []
        let firstTF = frontier.map(\.tf).max() ?? 0
        let shortest = frontier.map(\.dl).min() ?? 0
        bound = firstTF == UInt32.max || frontier.isEmpty ? idf * (bm25.k1 + 1)
            : min(idf * (bm25.k1 + 1), bm25.score(idf: idf, tf: Double(firstTF) * Double(ways), dl: Double(shortest)))
        super.init()
        find(from: 0, above: -.infinity)
    }

    deinit {
        for i in 0..<max(1, n) {
            inDocument[i].deallocate()
            inNext[i].deallocate()
        }
        refs.deallocate()
        offsets.deallocate()
        leapfrogOrder.deallocate()
        inDocument.deallocate()
        inNext.deallocate()
        state.deallocate()
        hits.deallocate()
        longestEntering.deallocate()
        anchors.deallocate()
    }

    override var doc: UInt32 { current }
    override var maxScore: Double { bound }

    override func next() {
        guard current != PostingCursor.noMoreDocs else { return }
        find(from: current + 1, above: -.infinity)
    }

    override func advance(to target: UInt32) {
        guard target > current else { return }
        find(from: target, above: -.infinity)
    }

    override func score() -> Double {
        bm25.score(idf: idf, tf: Double(frequency), dl: Double(length(current)))
    }

    override func explain(into entries: inout [ExplainedTerm]) {
        entries.append(ExplainedTerm(term: text, isPhrase: true, tf: frequency, df: nil, idf: idf, score: score()))
    }

    override func matchPositions(into positions: inout [UInt32]) {
        positions.append(contentsOf: matched)
    }

    /// From the next move on, finds the documents holding the phrase without
    /// counting its matches there (for a walk that only counts or lists the
    /// matching documents: ``Searcher``'s total): each document's check stops
    /// at its first match, and the current document's ``score()`` and
    /// ``matchPositions(into:)`` are no longer meaningful. The same documents
    /// as before, in the same order.
    func findExistenceOnly() { existenceOnly = true }

    /// Top-k of a lone phrase (filtered or not): the leapfrog bounds each
    /// window of the words' blocks from their headers (``windowBound(at:)``)
    /// before decoding any of them, then each candidate from the rarest
    /// word's tf alone (``rareWordMayEnter(_:on:at:above:)``) before moving
    /// the other words there, then from every word's tf, before reading any
    /// position; it passes what cannot beat the current k-th score. A later
    /// document that only ties the k-th score loses (lower ids win ties), so
    /// `<=` skips exactly.
    func collectTop(_ root: BooleanScorer, into top: inout TopK) {
        while current != PostingCursor.noMoreDocs {
            let doc = current
            let accepted = root.nextAccepted(from: doc)
            if accepted != doc {
                find(from: accepted, above: top.threshold)
                continue
            }
            let s = score()
            if s > top.threshold { top.insert(s, doc) }
            guard doc + 1 != PostingCursor.noMoreDocs else { current = PostingCursor.noMoreDocs; return }
            find(from: doc + 1, above: top.threshold)
        }
    }

    /// Word `i`'s cursor, called without counting a reference (the scorer holds it).
    @inline(__always)
    private func cursor<R>(_ i: Int, _ body: (PostingCursor) -> R) -> R { refs[i]._withUnsafeGuaranteedRef(body) }

    /// Makes word `i`'s tfs and positions readable in its cursor's block: the
    /// cursors move by ``PostingCursor/seekDocuments(to:)``, which decodes a
    /// block's documents alone, and most blocks of a common word are only
    /// looked into (the cursor knows whether it loaded them: ``PostingCursor/tfsLoaded``).
    @inline(__always)
    private func readyTFs(_ i: Int) {
        cursor(i) { c in
            if !c.tfsLoaded { c.loadTFs() }
        }
    }

    /// Word `i`'s tf in its cursor's document.
    @inline(__always)
    private func tf(_ i: Int) -> UInt32 {
        readyTFs(i)
        return cursor(i) { $0.tf }
    }

    /// Word `i`'s positions in its cursor's document, into `out`.
    @inline(__always)
    private func positions(_ i: Int, into out: inout PositionBuffer) {
        readyTFs(i)
        cursor(i) { $0.positions(into: &out) }
    }

    /// The BM25 length of `d`, read without counting a reference to the reader.
    @inline(__always)
    private func length(_ d: UInt32) -> UInt32 { readerRef._withUnsafeGuaranteedRef { $0.length(d) } }

    /// Leapfrogs the cursors to the first document d ≥ `target` where the
    /// phrase lies some way, passing documents whose bound is at most
    /// `threshold` unchecked: a window whose blocks' headers bound it there,
    /// before any of those blocks is decoded; a candidate whose rarest word's
    /// tf bounds it there, before the other words' cursors move to it; then
    /// one whose words' tfs do, before any position is read. A candidate
    /// whose rarest word lies only in d + 1 is first tested by that word's
    /// first position there (its positions chunk serves many candidates).
    /// The cursors move by ``PostingCursor/seekDocuments(to:)``: a block's
    /// tfs are unpacked only when one of them is read (``readyTFs(_:)``).
    private func find(from target: UInt32, above threshold: Double) {
        let end = PostingCursor.noMoreDocs
        let n = self.n
        current = end
        frequency = 0
        guard target != end, n > 0 else { return }
        let pruning = threshold > -.infinity
        var checkedUntil: UInt32 = 0, hasChecked = false
        // Up to `checkedUntil`, no document holding the first word is shorter.
        var lengthFloor: UInt32 = 0
        if pruning && threshold != cachedThreshold {
            // A lower threshold (not in a walk, whose k-th score only rises)
            // lets longer documents through: the old lengths bound nothing.
            if threshold < cachedThreshold { longestEntering.update(repeating: Int64(UInt32.max), count: Self.tableTFs) }
            staleTFs = ~0
            cachedThreshold = threshold
            // A higher k-th score may pass windows that did not pass before.
            windowMisses = 0
            unboundedWindows = 0
        }
        let order = leapfrogOrder
        let rare = order[0]
        // The first word lies in d; any other may lie in d + 1.
        let rareSlack: UInt32 = rare == 0 ? 0 : 1
        var candidate = target
        outer: while true {
            if pruning && !(hasChecked && candidate <= checkedUntil) {
                if unboundedWindows > 0 {
                    // Backing off (see ``windowMisses``): the first word lies in d,
                    // so its block holding d gives the window's end and floor.
                    unboundedWindows -= 1
                    guard let first = cursor(0, { $0.block(containing: candidate) })?.bound else { return }
                    checkedUntil = first.lastDoc
                    lengthFloor = first.minLength
                    hasChecked = true
                } else {
                    // A window found worth checking stays so up to its end (the threshold is fixed here).
                    guard let window = windowBound(at: candidate) else { return }
                    if BoundMargin.padded(window.bound) <= threshold {
                        windowMisses = 0
                        guard window.end < end - 1 else { return }
                        candidate = window.end + 1
                        continue outer
                    }
                    windowMisses += 1
                    if windowMisses >= 2 { unboundedWindows = (1 << min(windowMisses - 1, 10)) - 1 }
                    checkedUntil = window.end
                    lengthFloor = window.floor
                    hasChecked = true
                }
            }
            // The rarest word steps through its postings here, without
            // restarting the leapfrog, until one may hold the phrase at the
            // candidate (or the candidate leaves the window checked): the
            // same candidates and tests as a restart at each, one seek a posting.
            rareWord: while true {
                let d = cursor(rare) { c in
                    c.seekDocuments(to: candidate)
                    return c.doc
                }
                if d == end { return }
                if d > candidate &+ rareSlack {
                    candidate = d - rareSlack
                    if pruning && candidate > checkedUntil { continue outer }
                }
                // Pruning, its candidates' lengths (read by the bounds, the
                // cut test and the score) are loaded together, once a block.
                if pruning && cursor(rare, { $0.block }) != warmedBlock {
                    cursor(rare) { $0.warmLengths(docs) }
                    warmedBlock = cursor(rare) { $0.block }
                    warmedMinLength = cursor(rare) { $0.blockMinLength }
                }
                // Missing from d, it is tested at once (see
                // ``mayLeadNextPassage(_:)``: one chunk of its positions serves
                // many of its documents); failing, the candidate becomes d + 1, where it lies.
                if d != candidate && !mayLeadNextPassage(rare) {
                    candidate = d
                    if pruning && candidate > checkedUntil { continue outer }
                }
                if pruning && !rareWordMayEnter(rare, on: d, at: candidate, above: threshold, floor: lengthFloor) {
                    candidate += 1
                    if candidate == end { return }
                    if candidate > checkedUntil { continue outer }
                    continue rareWord
                }
                break
            }
            for j in 1..<n {
                let i = order[j]
                // The others' targets lie far apart in their blocks.
                let d = cursor(i) { c in
                    c.seekDocuments(to: candidate)
                    return c.doc
                }
                if d == end { return }
                let slack: UInt32 = i == 0 ? 0 : 1
                if d > candidate &+ slack { candidate = d - slack; continue outer }
                // A word missing from d is tested at once when not pruning;
                // pruning, its cheaper tf bound (``documentMayEnter(at:above:)``) comes first.
                if !pruning && d != candidate && !mayLeadNextPassage(i) {
                    candidate += 1
                    if candidate == end { return }
                    continue outer
                }
            }
            if pruning && !documentMayEnter(at: candidate, above: threshold) {
                candidate += 1
                if candidate == end { return }
                continue
            }
            let f = countMatches(in: candidate)
            if f > 0 {
                current = candidate
                frequency = f
                return
            }
            candidate += 1
            if candidate == end { return }
        }
    }

    /// For the documents from d on: the last document up to which the words'
    /// blocks holding d (from their headers alone, nothing decoded) bound the
    /// phrase, and that bound, for every document from d to there; nil when
    /// some word has no posting left at or after d (then no document from d
    /// on holds the phrase: every word lies in d or d + 1).
    ///
    /// A match starts at an occurrence of the first word, and one occurrence
    /// starts at most one match inside d and one per split across the cut
    /// (without slop, one in all: the words' places fix the way). Across the
    /// cut, a later word reaches d + 1, so the first word lies within
    /// `reach + slop` of d's end: at most that many matches per split. Inside
    /// d, without slop, each match takes its own occurrence of every word.
    /// So tf ≤ T + C, where C bounds the matches across the cut and T those
    /// inside (the first word's largest tf in its block; without slop also
    /// every word's), at a length no shorter than every word's block's
    /// shortest; a document lacking a word has only C, at the first word's
    /// block's shortest length. A document up to the window's end holds each
    /// word inside it in that word's block (its last document is at or past
    /// the end); the matches across the cut need only the first word's.
    /// `floor`: the first word's block's shortest length, which no document
    /// of the window holding the first word is shorter than.
    private func windowBound(at d: UInt32) -> (end: UInt32, bound: Double, floor: UInt32)? {
        let n = self.n
        guard let first = cursor(0, { $0.block(containing: d) })?.bound else { return nil }
        var end = first.lastDoc
        var insideTF = first.maxTF
        var longest = first.minLength
        for i in 1..<max(1, n) {
            guard let b = cursor(i, { $0.block(containing: d) })?.bound else { return nil }
            end = min(end, b.lastDoc)
            if slop == 0 { insideTF = min(insideTF, b.maxTF) }
            longest = max(longest, b.minLength)
        }
        guard first.maxTF != UInt32.max, insideTF != UInt32.max else { return (end, bound, first.minLength) }
        let perSplit = n < 2 ? 0 : min(Double(first.maxTF), Double(reach + slop))
        let across = slop == 0 ? perSplit : perSplit * Double(n - 1)
        var tf = Double(insideTF) + across
        if slop == 0 { tf = min(tf, Double(first.maxTF)) }
        var b = bm25.score(idf: idf, tf: tf, dl: Double(longest))
        if across > 0 { b = max(b, bm25.score(idf: idf, tf: across, dl: Double(first.minLength))) }
        return (end, min(bound, b), first.minLength)
    }

    /// With word `i` (after the first) missing from the candidate d and its
    /// cursor on d + 1: whether it lies there early enough for a match
    /// across the cut (its first position below `reach + slop`, see
    /// ``countMatches(in:)``). Reads that one position and nothing else: the
    /// other words' cursors stay where they are.
    @inline(__always)
    private func mayLeadNextPassage(_ i: Int) -> Bool {
        readyTFs(i)
        return cursor(i) { $0.firstPosition() }.map { Int($0) < reach + slop } ?? false
    }

    /// Whether the phrase can beat `threshold` in candidate d, knowing only
    /// that the rarest word `i` is on `doc` (d, or d + 1 for a word after the
    /// first): the bound of ``documentBound(at:)`` with the other words' tfs
    /// unknown. The first word bounds every way (tf ≤ its tf, plus with slop
    /// (n − 1) × min(its tf, reach + slop)); a later word missing from d
    /// leaves only the matches across the cut (≤ reach, with slop (n − 1) ×
    /// (reach + slop)); a later word in d bounds, without slop, the matches
    /// that put it in d by its tf there (each takes its own occurrence: a
    /// first word's occurrence starts one match at most, whichever way), and
    /// those that put it in d + 1 (≤ reach) only when its next posting is
    /// d + 1 (or unknown: past its block's end); with slop it bounds nothing.
    ///
    /// The bound is taken first at a length d cannot be shorter than if it
    /// holds the phrase: `floor` (the first word's, ``windowBound(at:)``) or,
    /// when the word is on d, its block's shortest (``warmedMinLength``: `i`
    /// is the rarest word, its block warmed). Only when that lets d through
    /// is d's own length read (a cache miss, most candidates).
    @inline(__always)
    private func rareWordMayEnter(_ i: Int, on doc: UInt32, at d: UInt32, above threshold: Double, floor: UInt32) -> Bool {
        // Every bound here is a whole number of matches.
        let tf: Int
        if i == 0 {
            let firstTF = Int(self.tf(0))
            let perSplit = n < 2 ? 0 : min(firstTF, reach + slop)
            tf = slop == 0 ? firstTF : firstTF + perSplit * (n - 1)
        } else if doc != d {
            tf = slop == 0 ? reach : (reach + slop) * (n - 1)
        } else if slop == 0 {
            // Each match with the word in d takes its own occurrence there;
            // one with the word in d + 1 needs it there (at most `reach` such).
            let across = cursor(i) { $0.nextPosting(is: d + 1) } == false ? 0 : reach
            tf = Int(self.tf(i)) + across
        } else {
            return true
        }
        let shortest = doc == d ? max(floor, warmedMinLength) : floor
        if tf < Self.tableTFs {
            let longest = longestLength(entering: tf)
            return Int64(shortest) <= longest && Int64(length(d)) <= longest
        }
        guard mayEnter(tf: tf, length: shortest, above: threshold) else { return false }
        return mayEnter(tf: tf, length: length(d), above: threshold)
    }

    /// Whether d's bound (``documentBound(at:)``) beats `threshold`.
    @inline(__always)
    private func documentMayEnter(at d: UInt32, above threshold: Double) -> Bool {
        let (tf, length) = documentBound(at: d)
        return mayEnter(tf: tf, length: length, above: threshold)
    }

    /// Whether `bm25.score(tf, length)` beats `threshold` (the threshold of
    /// the walk, ``cachedThreshold``): below ``tableTFs``, by the longest
    /// length that does (``longestLength(entering:)``), no score computed.
    @inline(__always)
    private func mayEnter(tf: Int, length: UInt32, above threshold: Double) -> Bool {
        if tf < Self.tableTFs { return Int64(length) <= longestLength(entering: tf) }
        return Self.enters(bm25, idf: idf, tf: tf, length: Int64(length), above: threshold)
    }

    /// Whether a bound of `tf` matches in a document of `length` tokens
    /// beats `threshold`, with the margin every bound of the walk keeps
    /// against rounding.
    @inline(__always)
    private static func enters(_ bm25: BM25, idf: Double, tf: Int, length: Int64, above threshold: Double) -> Bool {
        BoundMargin.padded(bm25.score(idf: idf, tf: Double(tf), dl: Double(length))) > threshold
    }

    /// The longest length at which a bound of `tf` (< ``tableTFs``) matches
    /// beats the walk's threshold, −1 when none does; looked up, or found
    /// once per threshold (``refreshLongest(_:)``).
    @inline(__always)
    private func longestLength(entering tf: Int) -> Int64 {
        if staleTFs & (1 << UInt64(tf)) == 0 { return longestEntering[tf] }
        return refreshLongest(tf)
    }

    /// Finds ``longestEntering``[`tf`] for the current threshold, below
    /// the stale entry (an upper bound, see ``longestEntering``).
    @inline(never)
    private func refreshLongest(_ tf: Int) -> Int64 {
        let longest = Self.longestLength(bm25, idf: idf, tf: tf, above: cachedThreshold, atMost: longestEntering[tf])
        longestEntering[tf] = longest
        staleTFs &= ~(1 << UInt64(tf))
        return longest
    }

    /// The longest length ≤ `bound` at which `tf` matches' bound beats
    /// `threshold` (``enters(_:idf:tf:length:above:)``), −1 when none does;
    /// `bound` must be at least the longest (or −1 when none enters). The
    /// score only falls as the length grows (k1, b ≥ 0, and rounding keeps
    /// that order), so the lengths that enter are `0 ... L`: one score when
    /// `bound` still enters (mostly, after a small rise of the threshold),
    /// else a binary search.
    static func longestLength(_ bm25: BM25, idf: Double, tf: Int, above threshold: Double, atMost bound: Int64) -> Int64 {
        if bound < 0 || enters(bm25, idf: idf, tf: tf, length: bound, above: threshold) { return bound }
        guard enters(bm25, idf: idf, tf: tf, length: 0, above: threshold) else { return -1 }
        // 0 enters, `bound` does not.
        var lo: Int64 = 0, hi = bound
        while hi - lo > 1 {
            let mid = lo + (hi - lo) / 2
            if enters(bm25, idf: idf, tf: tf, length: mid, above: threshold) { lo = mid } else { hi = mid }
        }
        return lo
    }

    /// Tf bounds below this are decided by ``longestEntering`` (one bit each in ``staleTFs``).
    private static let tableTFs = 64

    /// With the cursors aligned on d: a bound of the phrase's tf in d from
    /// the words' tf there, before any position is read (the tf bound of
    /// ``windowBound(at:)`` with d's own tfs: inside d only when every word
    /// is there), and d's length.
    @inline(__always)
    private func documentBound(at d: UInt32) -> (tf: Int, length: UInt32) {
        let n = self.n
        let firstTF = Int(self.tf(0))
        var insideTF = firstTF
        var everyWord = true
        for i in 1..<max(1, n) {
            if cursor(i, { $0.doc }) != d { everyWord = false } else if slop == 0 { insideTF = min(insideTF, Int(self.tf(i))) }
        }
        let perSplit = n < 2 ? 0 : min(firstTF, reach + slop)
        let across = slop == 0 ? perSplit : perSplit * (n - 1)
        var tf = everyWord ? insideTF + across : across
        if slop == 0 { tf = min(tf, firstTF) }
        return (tf, length(d))
    }

    /// Counts phrase occurrences in d, every way (inside d, then across the
    /// cut after one word, two, …), and records the positions in d of every
    /// matched word, in that order. The words' cursors may move to d + 1.
    ///
    /// A word missing from d lies in d + 1 (the cursors are aligned), so
    /// only matches across the cut remain, and in each such match that word
    /// lies within `reach + slop` of d + 1's start (the first word lies in d,
    /// at most `reach` before it, give or take `slop`): its first position in
    /// d + 1 is read first, its rare word's and not the first word's, and
    /// rejects most such candidates before anything else is read.
    private func countMatches(in d: UInt32) -> Int {
        let n = self.n
        matched.removeAll(keepingCapacity: true)
        var everyWord = true
        for i in 1..<max(1, n) {
            let here = cursor(i, { $0.doc }) == d
            state[i] = WordState(readInDocument: false, inDocument: here, inNext: false)
            if !here {
                everyWord = false
                positions(i, into: &inNext[i])
                state[i].inNext = true
                if inNext[i].count == 0 || Int(inNext[i].base[0]) >= reach + slop { return 0 }
            }
        }
        positions(0, into: &inDocument[0])
        state[0] = WordState(readInDocument: true, inDocument: true, inNext: false)
        var total = everyWord ? matches(in: d, split: n, shift: 0) : 0
        if existenceOnly && total > 0 { return total }
        guard n >= 2, inDocument[0].count > 0 else { return total }
        // Every way across the cut puts the last word in d + 1: when it is in
        // d and its next posting is not d + 1, none is left (d's length, a
        // cache miss, is not read).
        if cursor(n - 1, { $0.doc }) == d && cursor(n - 1, { $0.nextPosting(is: d + 1) }) == false { return total }
        // Across the cut, some later word lies in d + 1: at most `reach + slop`
        // past the first word's last position, which must then reach d's end.
        let length = Int(self.length(d))
        let last = Int(inDocument[0].base[inDocument[0].count - 1])
        guard last + reach + slop >= length else { return total }
        for i in 1..<n where !state[i].inNext {
            let readHere = state[i].inDocument && !state[i].readInDocument
            if cursor(i, { $0.doc }) == d {
                if readHere { positions(i, into: &inDocument[i]) }
                cursor(i) { $0.seekDocuments(to: d + 1) }
            }
            let next = cursor(i, { $0.doc }) == d + 1
            if next { positions(i, into: &inNext[i]) }
            if readHere { state[i].readInDocument = true }
            state[i].inNext = next
        }
        // The ways whose words lie where they must (a word in d + 1 there
        // before `reach + slop`); the turn is looked up (a page of the
        // document table, checked on first use) only when one is left.
        guard let firstWay = (1..<n).first(where: { mayLie(split: $0) }),
              readerRef._withUnsafeGuaranteedRef({ $0.continuesTurn(after: d) }) else { return total }
        for split in firstWay..<n where split == firstWay || mayLie(split: split) {
            total += matches(in: d, split: split, shift: length)
            if existenceOnly && total > 0 { return total }
        }
        return total
    }

    /// Whether the way split after `split` words can hold a match, from where
    /// the words lie (``countMatches(in:)``, after the later words' cursors
    /// moved to d + 1): the words before the split in d, those after it in
    /// d + 1 with a position there below `reach + slop` (a match puts them
    /// before that, the first word lying in d).
    @inline(__always)
    private func mayLie(split: Int) -> Bool {
        for i in 1..<split where !state[i].inDocument { return false }
        for i in split..<n where !state[i].inNext || inNext[i].count == 0 || Int(inNext[i].base[0]) >= reach + slop {
            return false
        }
        return true
    }

    /// Counts the matches with the first `split` words in d and the rest in
    /// d + 1 (read as following d's `shift` positions; `split` = the word
    /// count and `shift` 0 for inside d), and records their positions in d.
    ///
    /// The first word's positions are the anchors; the other words' are read
    /// rarest first, each dropping the anchors it cannot complete, and the way
    /// is rejected as soon as none is left (the rest stay unread). The buffers
    /// are the scorer's own, reused, and held as raw memory: nothing is
    /// allocated or reference-counted per candidate.
    private func matches(in d: UInt32, split: Int, shift: Int) -> Int {
        let n = self.n
        let offsets = self.offsets, hits = self.hits, order = leapfrogOrder
        var anchors = self.anchors
        defer { self.anchors = anchors }
        let firstList = inDocument[0]
        anchors.reserve(firstList.count)
        anchors.base.update(from: firstList.base, count: firstList.count)
        anchors.count = firstList.count
        for j in 0..<n {
            let i = order[j]
            if i == 0 { continue }
            let list = self.list(i, split: split)
            let shifted = i < split ? 0 : shift
            let delta = offsets[i] - offsets[0] - shifted
            var kept = 0
            for k in 0..<anchors.count {
                let a = anchors.base[k]
                if Self.nearest(list, to: Int(a) + delta, within: slop) != nil {
                    anchors.base[kept] = a
                    kept += 1
                }
            }
            anchors.count = kept
            if kept == 0 { return 0 }
        }
        var count = 0
        for k in 0..<anchors.count {
            let anchor = anchors.base[k]
            let base = Int(anchor) - offsets[0]
            hits[0] = Int(anchor)
            for i in 1..<max(1, n) {
                let shifted = i < split ? 0 : shift
                // Present: every surviving anchor has a match of every word.
                let p = Self.nearest(list(i, split: split), to: base + offsets[i] - shifted, within: slop)!
                hits[i] = Int(p) + shifted
            }
            // Across a cut, the words in d must come before those in d + 1.
            if shift > 0 {
                var crosses = false
                for i in 0..<split where hits[i] >= shift { crosses = true }
                if crosses { continue }
            }
            count += 1
            if existenceOnly { return count }
            for i in 0..<split { matched.append(UInt32(hits[i])) }
        }
        return count
    }

    /// Word `i`'s positions for the way split after `split` words: in d
    /// (read now if not yet) before the split, in d + 1 after it.
    @inline(__always)
    private func list(_ i: Int, split: Int) -> UnsafeBufferPointer<UInt32> {
        if i >= split { return inNext[i].values }
        if !state[i].readInDocument {
            positions(i, into: &inDocument[i])
            state[i].readInDocument = true
        }
        return inDocument[i].values
    }

    /// The element of sorted `list` closest to `want`, if within `slop`.
    @inline(__always)
    private static func nearest(_ list: UnsafeBufferPointer<UInt32>, to want: Int, within slop: Int) -> UInt32? {
        var lo = 0, hi = list.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if Int(list[mid]) < want - slop { lo = mid + 1 } else { hi = mid }
        }
        guard lo < list.count, Int(list[lo]) <= want + slop else { return nil }
        return list[lo]
    }
}
