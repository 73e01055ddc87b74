/// A cursor over the documents a query matches, in increasing id order,
/// that can score the document it is on. Scorers are built per search from
/// a ``Weight`` and are not shared between threads.
class Scorer {
    /// The current document, or `PostingCursor.noMoreDocs`.
    var doc: UInt32 { PostingCursor.noMoreDocs }
    /// An upper bound of ``score()`` over all documents (for pruning).
    var maxScore: Double { 0 }
    /// Where the scorer's current block of postings ends, and an upper bound
    /// of ``score()`` over the documents it matches from ``doc`` up to there
    /// (for block-max pruning). By default the whole rest and ``maxScore``.
    func blockBound() -> (end: UInt32, bound: Double) { (PostingCursor.noMoreDocs, maxScore) }
    /// Like ``blockBound()``, for the documents from `target` on (≥ ``doc``
    /// or not) up to `end`, without moving: a scorer behind `target` that
    /// can read its block bounds ahead (a term, from its block headers)
    /// answers for the block holding `target`; others for the whole rest.
    /// Targets must not decrease (for block-max MaxScore's windows).
    func windowBound(from target: UInt32) -> (end: UInt32, bound: Double) {
        doc >= target ? blockBound() : (PostingCursor.noMoreDocs, maxScore)
    }
    /// Moves to the next matching document.
    func next() {}
    /// Moves to the first matching document ≥ `target`.
    func advance(to target: UInt32) {}
    /// The score of the current document.
    func score() -> Double { 0 }
    /// Appends what contributed to the current document's score.
    func explain(into entries: inout [ExplainedTerm]) {}
    /// Appends the token positions that made the current document match.
    func matchPositions(into positions: inout [UInt32]) {}
}

/// Scores one term with BM25, times `weight` (1, or less for a derived form).
final class TermScorer: Scorer {
    let cursor: PostingCursor
    let idf: Double
    /// The share of the BM25 score that counts (``DerivedForms/weight`` for a derived form).
    let weight: Double
    /// `idf · weight`: BM25 is linear in idf, so scaling it scales the score.
    private let weightedIDF: Double
    let df: Int
    /// The term's id in the dictionary.
    let termID: Int
    /// The term as text (for explanations; read from the dictionary when asked).
    var term: String { reader.termString(termID) }
    let bm25: BM25
    /// The index, held without reference counting (see "Holding the reader"
    /// in ARCHITECTURE.md): a scorer lives only inside the search that made
    /// it, and that search holds the ``SearchIndex`` and so the reader.
    unowned(unsafe) let reader: IndexReader
    /// The documents' lengths, read in place (a view of ``reader``'s image).
    private let docs: DocTable
    private let bound: Double

    /// `reader` is borrowed (`__shared`): the caller's reference is used as
    /// it is, so making a scorer retains nothing shared between threads.
    init(reader: __shared IndexReader, term: Int, bm25: BM25, weight: Double = 1) {
        let info = reader.info(term)
        self.reader = reader
        self.docs = reader.docs
        self.cursor = PostingCursor(reader: reader, info: info)
        self.df = Int(info.df)
        self.idf = bm25.idf(df: Int(info.df))
        self.weight = weight
        self.weightedIDF = idf * weight
        self.termID = term
        self.bm25 = bm25
        let frontier = reader.scoreBounds.summary(info, bm25, idf: weightedIDF)
        self.bound = frontier.bound
        self.minLength = frontier.shortest.map { Double($0) } ?? 0
    }

    /// The shortest document holding the term (from the frontier): a floor
    /// under every block's own shortest length.
    let minLength: Double

    /// An upper bound of the score of any posting in a block with bound `b`:
    /// the best score over its (tf, dl) frontier (lengths no shorter than the
    /// term's shortest), never above the term's own bound.
    @inline(__always)
    func bound(block b: PostingCursor.BlockBound) -> Double {
        guard b.maxTF != UInt32.max else { return bound }
        return min(bound, b.score(bm25, idf: weightedIDF, lengthFloor: minLength))
    }

    /// The smallest tf a posting of block `b` (header bound) needs to score
    /// above `threshold`: each smaller tf, at the block's shortest document
    /// (BM25 falls as the length grows), scores no higher, so a posting with
    /// less can be passed without reading its length. 0 when the block's
    /// largest tf is unknown or nothing is kept yet; past the block's largest
    /// tf when no posting can. With `rest`, the bound of what other clauses
    /// may add: the smallest tf whose score plus `rest` may exceed `threshold`.
    @inline(__always)
    func minimumTF(above threshold: Double, plus rest: Double = 0, block b: PostingCursor.BlockBound) -> UInt32 {
        guard b.maxTF != UInt32.max, threshold > -Double.infinity else { return 0 }
        let dl = max(minLength, Double(b.minLength))
        var tf: UInt32 = 1
        while tf <= b.maxTF && bm25.score(idf: weightedIDF, tf: Double(tf), dl: dl) + rest <= threshold { tf += 1 }
        return tf
    }

    override var doc: UInt32 { cursor.doc }
    override var maxScore: Double { bound }
    /// The current block's last document and its header bound (``bound(block:)``).
    @inline(__always)
    override func blockBound() -> (end: UInt32, bound: Double) {
        let end = cursor.blockLastDoc
        return end == PostingCursor.noMoreDocs ? (end, 0) : (end, bound(block: cursor.bound(ofBlock: cursor.block)))
    }
    /// The block ``windowBound(from:)`` last found: later targets never lie in an earlier one.
    private var windowBlock = 0

    /// The bound of the block holding `target`, from the headers alone when
    /// the cursor is behind it (the cursor does not move).
    @inline(__always)
    override func windowBound(from target: UInt32) -> (end: UInt32, bound: Double) {
        if cursor.doc >= target { return blockBound() }
        let k = cursor.firstBlock(from: max(cursor.block, windowBlock), endingAtOrAfter: target)
        windowBlock = k
        guard k < cursor.blockCount else { return (PostingCursor.noMoreDocs, 0) }
        let b = cursor.bound(ofBlock: k)
        return (b.lastDoc, bound(block: b))
    }

    override func next() { cursor.next() }
    override func advance(to target: UInt32) { cursor.advance(to: target) }

    /// Loads the lengths of the current block's postings (tf ≥ `minTF`)
    /// before they are scored (``PostingCursor/warmLengths(_:minTF:allowed:)``).
    /// With `allowed` (the filter's cursor at or before the current
    /// document), only the lengths of the documents it holds.
    @inline(__always)
    func warmLengths(minTF: UInt32 = 0, allowed: DocSet? = nil) { cursor.warmLengths(docs, minTF: minTF, allowed: allowed) }

    @inline(__always)
    override func score() -> Double {
        bm25.score(idf: weightedIDF, tf: Double(cursor.tf), dl: Double(docs.length(cursor.doc)))
    }

    override func explain(into entries: inout [ExplainedTerm]) {
        entries.append(ExplainedTerm(term: term, isPhrase: false, tf: Int(cursor.tf), df: df, idf: idf, score: score(),
                                     weight: weight))
    }

    override func matchPositions(into positions: inout [UInt32]) {
        var p: [UInt32] = []
        cursor.positions(into: &p)
        positions.append(contentsOf: p)
    }
}

/// Every document (that the filters let through), score 0: `*`, or a query
/// of filters and exclusions only.
final class AllScorer: Scorer {
    private var current: UInt32
    private let count: UInt32
    init(documentCount: Int) {
        count = UInt32(clamping: documentCount)
        current = count == 0 ? PostingCursor.noMoreDocs : 0
    }
    override var doc: UInt32 { current }
    override func next() { current = current + 1 < count ? current + 1 : PostingCursor.noMoreDocs }
    override func advance(to target: UInt32) {
        if target > current { current = target < count ? target : PostingCursor.noMoreDocs }
    }
}

/// Matches nothing: a word the index does not have.
final class EmptyScorer: Scorer {}
