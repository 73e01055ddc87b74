/// Combines clauses: all `must` scorers match (conjunction), at least one
/// `should` matches when there is no `must` (disjunction; otherwise they only
/// add score), no `mustNot` matches, and the filter holds. The score is the
/// sum of the matching scoring clauses.
final class BooleanScorer: Scorer {
    let must: [Scorer]
    let should: [Scorer]
    let mustNot: [Scorer]
    let filter: FilterNode?
    let reader: IndexReader
    private var current: UInt32 = 0
    private let bound: Double

    init(must: [Scorer], should: [Scorer], mustNot: [Scorer], filter: FilterNode?, reader: IndexReader) {
        self.must = must
        self.should = should
        self.mustNot = mustNot
        self.filter = filter
        self.reader = reader
        bound = (must + should).reduce(0) { $0 + $1.maxScore }
        super.init()
        find(from: 0)
    }

    override var doc: UInt32 { current }
    override var maxScore: Double { bound }
    override func next() { if current != PostingCursor.noMoreDocs { find(from: current + 1) } }
    override func advance(to target: UInt32) { if target > current { find(from: target) } }

    override func score() -> Double {
        var s = 0.0
        for c in must { s += c.score() }
        for c in should where c.doc == current { s += c.score() }
        return s
    }

    override func explain(into entries: inout [ExplainedTerm]) {
        for c in must { c.explain(into: &entries) }
        for c in should where c.doc == current { c.explain(into: &entries) }
    }

    override func matchPositions(into positions: inout [UInt32]) {
        for c in must { c.matchPositions(into: &positions) }
        for c in should where c.doc == current { c.matchPositions(into: &positions) }
    }

    /// Finds the first document ≥ `target` that satisfies every condition and
    /// leaves the `should` scorers that match it positioned on it.
    private func find(from target: UInt32) {
        var candidate = target
        while candidate != PostingCursor.noMoreDocs {
            candidate = must.isEmpty ? nextShould(from: candidate) : nextConjunction(from: candidate)
            if candidate == PostingCursor.noMoreDocs { break }
            if accepts(candidate) {
                for c in should { c.advance(to: candidate) }
                current = candidate
                return
            }
            candidate += 1
        }
        current = PostingCursor.noMoreDocs
    }

    /// Whether filter and exclusions let `doc` through.
    @inline(__always)
    func accepts(_ doc: UInt32) -> Bool {
        if let filter, !filter.matches(doc, reader) { return false }
        for c in mustNot {
            c.advance(to: doc)
            if c.doc == doc { return false }
        }
        return true
    }

    private func nextShould(from target: UInt32) -> UInt32 {
        var best = PostingCursor.noMoreDocs
        for c in should {
            c.advance(to: target)
            best = min(best, c.doc)
        }
        return best
    }

    private func nextConjunction(from target: UInt32) -> UInt32 {
        var candidate = target
        outer: while true {
            for c in must {
                c.advance(to: candidate)
                if c.doc == PostingCursor.noMoreDocs { return c.doc }
                if c.doc > candidate { candidate = c.doc; continue outer }
            }
            return candidate
        }
    }
}
