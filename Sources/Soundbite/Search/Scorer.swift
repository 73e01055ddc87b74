/// A cursor over the documents a query matches, in increasing id order,
/// that can score the document it is on. Scorers are built per search from
/// a ``Weight`` and are not shared between threads.
class Scorer {
    /// The current document, or `PostingCursor.noMoreDocs`.
    var doc: UInt32 { PostingCursor.noMoreDocs }
    /// An upper bound of ``score()`` over all documents (for pruning).
    var maxScore: Double { 0 }
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

/// Scores one term with BM25.
final class TermScorer: Scorer {
    let cursor: PostingCursor
    let idf: Double
    let df: Int
    let term: String
    let bm25: BM25
    let reader: IndexReader
    private let bound: Double

    init(reader: IndexReader, term: Int, bm25: BM25) {
        let info = reader.info(term)
        self.reader = reader
        self.cursor = PostingCursor(reader: reader, info: info)
        self.df = Int(info.df)
        self.idf = bm25.idf(df: Int(info.df))
        self.term = reader.termString(term)
        self.bm25 = bm25
        let frontier = reader.bounds(info)
        self.bound = bm25.upperBound(idf: idf, frontier: frontier)
        self.minLength = Double(frontier.map(\.dl).min() ?? 0)
    }

    /// The shortest document holding the term (from the frontier): with a
    /// block's largest tf it bounds every score in that block.
    let minLength: Double

    /// An upper bound of the score of any document whose tf is at most `tf`.
    @inline(__always)
    func bound(tf: UInt32) -> Double {
        tf == UInt32.max ? bound : bm25.score(idf: idf, tf: Double(tf), dl: minLength)
    }

    override var doc: UInt32 { cursor.doc }
    override var maxScore: Double { bound }
    override func next() { cursor.next() }
    override func advance(to target: UInt32) { cursor.advance(to: target) }

    @inline(__always)
    override func score() -> Double {
        bm25.score(idf: idf, tf: Double(cursor.tf), dl: Double(reader.length(cursor.doc)))
    }

    override func explain(into entries: inout [ExplainedTerm]) {
        entries.append(ExplainedTerm(term: term, isPhrase: false, tf: Int(cursor.tf), df: df, idf: idf, score: score()))
    }

    override func matchPositions(into positions: inout [UInt32]) {
        var p: [UInt32] = []
        cursor.positions(into: &p)
        positions.append(contentsOf: p)
    }
}

/// Matches documents where the terms occur in order at the given offsets
/// (slop 0), or each within `slop` positions of where the exact phrase would
/// put it. Scored as one term with tf = number of matches and idf = the sum
/// of the terms' idf.
final class PhraseScorer: Scorer {
    private let cursors: [PostingCursor]
    private let offsets: [Int]
    private let slop: Int
    let idf: Double
    let text: String
    private let bm25: BM25
    private let reader: IndexReader
    private var current: UInt32 = 0
    private var frequency = 0
    private var matched: [UInt32] = []
    private var scratch: [[UInt32]]
    /// Cursor indices by increasing document frequency: leapfrogging from the
    /// rarest term skips the most.
    private let leapfrogOrder: [Int]
    private var anchorHits: [UInt32] = []

    init(reader: IndexReader, terms: [(term: Int, offset: Int)], slop: Int, bm25: BM25) {
        self.reader = reader
        self.bm25 = bm25
        self.slop = slop
        cursors = terms.map { PostingCursor(reader: reader, info: reader.info($0.term)) }
        offsets = terms.map(\.offset)
        var seen = Set<Int>()
        idf = terms.reduce(0) { sum, t in seen.insert(t.term).inserted ? sum + bm25.idf(df: Int(reader.info(t.term).df)) : sum }
        text = terms.map { reader.termString($0.term) }.joined(separator: " ")
        scratch = Array(repeating: [], count: terms.count)
        leapfrogOrder = terms.indices.sorted { reader.info(terms[$0].term).df < reader.info(terms[$1].term).df }
        super.init()
        findMatch(from: 0)
    }

    override var doc: UInt32 { current }
    override var maxScore: Double { idf * (bm25.k1 + 1) }
    override func next() { findMatch(from: current &+ 1) }
    override func advance(to target: UInt32) { if target > current { findMatch(from: target) } }

    override func score() -> Double {
        bm25.score(idf: idf, tf: Double(frequency), dl: Double(reader.length(current)))
    }

    override func explain(into entries: inout [ExplainedTerm]) {
        entries.append(ExplainedTerm(term: text, isPhrase: true, tf: frequency, df: nil, idf: idf, score: score()))
    }

    override func matchPositions(into positions: inout [UInt32]) { positions.append(contentsOf: matched) }

    /// Leapfrogs the cursors to a common document ≥ `target` and keeps the
    /// first one where the phrase occurs.
    private func findMatch(from target: UInt32) {
        guard target != PostingCursor.noMoreDocs, !cursors.isEmpty else { current = PostingCursor.noMoreDocs; return }
        var candidate = target
        while true {
            var aligned = true
            for i in leapfrogOrder {
                let c = cursors[i]
                c.advance(to: candidate)
                if c.doc == PostingCursor.noMoreDocs { current = PostingCursor.noMoreDocs; return }
                if c.doc > candidate { candidate = c.doc; aligned = false; break }
            }
            if !aligned { continue }
            frequency = countMatches()
            if frequency > 0 { current = candidate; return }
            candidate += 1
            if candidate == PostingCursor.noMoreDocs { current = candidate; return }
        }
    }

    /// Counts phrase occurrences in the document all cursors are on, and
    /// records the positions of every matched word.
    private func countMatches() -> Int {
        for i in cursors.indices { cursors[i].positions(into: &scratch[i]) }
        matched.removeAll(keepingCapacity: true)
        var count = 0
        for anchor in scratch[0] {
            let base = Int(anchor) - offsets[0]
            anchorHits.removeAll(keepingCapacity: true)
            anchorHits.append(anchor)
            var ok = true
            for i in cursors.indices.dropFirst() {
                let want = base + offsets[i]
                guard let found = Self.nearest(scratch[i], to: want, within: slop) else { ok = false; break }
                anchorHits.append(found)
            }
            if ok {
                count += 1
                matched.append(contentsOf: anchorHits)
            }
        }
        return count
    }

    /// The element of sorted `list` closest to `want`, if within `slop`.
    private static func nearest(_ list: [UInt32], to want: Int, within slop: Int) -> UInt32? {
        var lo = 0, hi = list.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if Int(list[mid]) < want - slop { lo = mid + 1 } else { hi = mid }
        }
        guard lo < list.count, Int(list[lo]) <= want + slop else { return nil }
        return list[lo]
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
