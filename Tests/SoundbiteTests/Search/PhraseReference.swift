@testable import Soundbite

/// The phrase scorer as it was before one leapfrog found every way (two
/// matchers for a two-word phrase, each leapfrogging the postings): the
/// independent reference the new one must equal, document for document.
///
/// Matches documents where the terms occur in order at the given offsets
/// (slop 0), or each within `slop` positions of where the exact phrase would
/// put it. Scored as one term with tf = number of matches and idf = the sum
/// of the terms' idf.
///
/// A phrase is found wherever the passage cuts fall: a match may begin in a
/// document and end at the start of the next one when both are passages of
/// one speaker turn (``IndexReader/continuesTurn(after:)``). Such a match
/// counts for the document it begins in, which holds its first words.
final class ReferencePhraseScorer: Scorer {
    /// One matcher per way the phrase can lie: wholly inside (split = the
    /// phrase length), then split after its first word, its second, …
    private let matchers: [ReferencePhraseMatcher]
    let idf: Double
    let text: String
    private let bm25: BM25
    private let reader: IndexReader
    private var current: UInt32 = 0
    private var frequency = 0
    private let bound: Double

    init(reader: IndexReader, terms: [(term: Int, offset: Int)], slop: Int, bm25: BM25) {
        self.reader = reader
        self.bm25 = bm25
        var seen = Set<Int>()
        idf = terms.reduce(0) { sum, t in seen.insert(t.term).inserted ? sum + bm25.idf(df: Int(reader.info(t.term).df)) : sum }
        text = terms.map { reader.termString($0.term) }.joined(separator: " ")
        let splits = terms.count < 2 ? [terms.count] : [terms.count] + Array(1..<terms.count)
        matchers = splits.map { ReferencePhraseMatcher(reader: reader, terms: terms, slop: slop, split: $0) }
        // Every match, whichever way it lies, starts at an occurrence of the
        // first word in the document (one per way at most), so tf ≤ ways × tf
        // of the first word, in a document at least as long as its shortest.
        let frontier = terms.first.map { reader.bounds(reader.info($0.term)) } ?? []
        let firstTF = frontier.map(\.tf).max() ?? 0
        let shortest = frontier.map(\.dl).min() ?? 0
        bound = firstTF == UInt32.max || frontier.isEmpty ? idf * (bm25.k1 + 1)
            : min(idf * (bm25.k1 + 1), bm25.score(idf: idf, tf: Double(firstTF) * Double(matchers.count), dl: Double(shortest)))
        super.init()
        settle()
    }

    override var doc: UInt32 { current }
    override var maxScore: Double { bound }

    override func next() {
        guard current != PostingCursor.noMoreDocs else { return }
        for m in matchers where m.current == current { m.find(from: current + 1) }
        settle()
    }

    override func advance(to target: UInt32) {
        guard target > current else { return }
        for m in matchers where m.current < target { m.find(from: target) }
        settle()
    }

    override func score() -> Double {
        bm25.score(idf: idf, tf: Double(frequency), dl: Double(reader.length(current)))
    }

    override func explain(into entries: inout [ExplainedTerm]) {
        entries.append(ExplainedTerm(term: text, isPhrase: true, tf: frequency, df: nil, idf: idf, score: score()))
    }

    override func matchPositions(into positions: inout [UInt32]) {
        for m in matchers where m.current == current { positions.append(contentsOf: m.matched) }
    }

    /// The current document is the first any matcher is on; its tf sums theirs.
    private func settle() {
        current = PostingCursor.noMoreDocs
        for m in matchers { current = min(current, m.current) }
        frequency = 0
        for m in matchers where m.current == current { frequency += m.frequency }
    }
}

/// Finds the documents where a phrase lies one given way. With `split` equal
/// to the phrase length it lies inside one document; otherwise its first
/// `split` words end document d and the rest begin d + 1, the next passage of
/// the same turn. Positions in d + 1 are read as following d's last one
/// (d's length), so slop works across the cut as within a document.
final class ReferencePhraseMatcher {
    private let cursors: [PostingCursor]
    private let offsets: [Int]
    /// 0 for the words in document d, 1 for those in d + 1.
    private let deltas: [UInt32]
    private let slop: Int
    private let split: Int
    private let reader: IndexReader
    private(set) var current: UInt32 = 0
    private(set) var frequency = 0
    /// Positions, in document d, of every matched word there.
    private(set) var matched: [UInt32] = []
    /// Per term, its positions in the candidate (buffers of the matcher's own, freed in `deinit`).
    private let lists: UnsafeMutablePointer<PositionBuffer>
    /// Cursor indices by increasing document frequency: leapfrogging from the
    /// rarest term skips the most.
    private let leapfrogOrder: [Int]
    /// Per term, where the match being checked has it.
    private let hits: UnsafeMutablePointer<Int>
    /// The first word's positions that can still start a match.
    private var anchors = PositionBuffer()

    init(reader: IndexReader, terms: [(term: Int, offset: Int)], slop: Int, split: Int) {
        self.reader = reader
        self.slop = slop
        self.split = split
        cursors = terms.map { PostingCursor(reader: reader, info: reader.info($0.term)) }
        offsets = terms.map(\.offset)
        deltas = terms.indices.map { $0 < split ? 0 : 1 }
        lists = .allocate(capacity: max(1, terms.count))
        for i in 0..<max(1, terms.count) { (lists + i).initialize(to: PositionBuffer()) }
        hits = .allocate(capacity: max(1, terms.count))
        leapfrogOrder = terms.indices.sorted { reader.info(terms[$0].term).df < reader.info(terms[$1].term).df }
        find(from: 0)
    }

    deinit {
        for i in 0..<max(1, cursors.count) { lists[i].deallocate() }
        lists.deallocate()
        hits.deallocate()
        anchors.deallocate()
    }

    /// Leapfrogs the cursors to the first document d ≥ `target` where the
    /// phrase lies this matcher's way.
    func find(from target: UInt32) {
        let end = PostingCursor.noMoreDocs
        guard target != end, !cursors.isEmpty else { current = end; return }
        var candidate = target
        while true {
            var aligned = true
            for i in leapfrogOrder {
                let c = cursors[i]
                let want = candidate &+ deltas[i]
                if want == end { current = end; return }
                c.advance(to: want)
                if c.doc == end { current = end; return }
                if c.doc > want { candidate = c.doc - deltas[i]; aligned = false; break }
            }
            if !aligned { continue }
            if split == cursors.count || reader.continuesTurn(after: candidate) {
                frequency = countMatches(in: candidate)
                if frequency > 0 { current = candidate; return }
            }
            candidate += 1
            if candidate == end { current = end; return }
        }
    }

    /// Counts phrase occurrences with the cursors on d (and d + 1), and
    /// records the positions in d of every matched word.
    ///
    /// The first word's positions are the anchors; the other words' are
    /// decoded rarest first, each dropping the anchors it cannot complete,
    /// and the document is rejected as soon as none is left (the rest stay
    /// undecoded). The buffers are the matcher's own, reused, and held as raw
    /// memory: nothing is allocated or reference-counted per candidate.
    private func countMatches(in d: UInt32) -> Int {
        let n = cursors.count
        let shift = split == n ? 0 : Int(reader.length(d))
        let offsets = self.offsets, deltas = self.deltas, lists = self.lists, hits = self.hits
        var anchors = self.anchors
        defer { self.anchors = anchors }
        matched.removeAll(keepingCapacity: true)
        cursors[0].positions(into: &lists[0])
        anchors.reserve(lists[0].count)
        anchors.base.update(from: lists[0].base, count: lists[0].count)
        anchors.count = lists[0].count
        for i in leapfrogOrder where i != 0 {
            cursors[i].positions(into: &lists[i])
            let list = lists[i].values
            let shifted = deltas[i] == 0 ? 0 : shift
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
                let shifted = deltas[i] == 0 ? 0 : shift
                // Present: every surviving anchor has a match of every word.
                let p = Self.nearest(lists[i].values, to: base + offsets[i] - shifted, within: slop)!
                hits[i] = Int(p) + shifted
            }
            // Across a cut, the words in d must come before those in d + 1.
            if shift > 0 {
                var crosses = false
                for i in 0..<split where hits[i] >= shift { crosses = true }
                if crosses { continue }
            }
            count += 1
            for i in 0..<n where deltas[i] == 0 { matched.append(UInt32(hits[i])) }
        }
        return count
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
