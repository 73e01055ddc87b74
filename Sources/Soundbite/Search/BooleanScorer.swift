/// Combines clauses: all `must` scorers match (conjunction), at least one
/// `should` matches when there is no `must` (disjunction; otherwise they only
/// add score), no `mustNot` matches, and the filter holds. The score is the
/// sum of the matching scoring clauses.
///
/// The filter is a document set walked alongside the clauses (leapfrog:
/// each side advances to the other's document until they agree), so a
/// selective filter skips the postings between its documents, and a filter
/// alone (`must` = every document) enumerates its set.
final class BooleanScorer: Scorer {
    let must: [Scorer]
    let should: [Scorer]
    let mustNot: [Scorer]
    /// Keeps the filter's documents alive for `allowed`.
    let filter: FilterNode?
    /// The index, held without reference counting, as ``TermScorer/reader`` is.
    unowned(unsafe) let reader: IndexReader
    private var current: UInt32 = 0
    private let bound: Double
    /// The filter's documents (unused without a filter).
    private var allowed: DocSet

    /// `reader` is borrowed (`__shared`), so making the scorer retains nothing shared.
    init(must: [Scorer], should: [Scorer], mustNot: [Scorer], filter: FilterNode?, reader: __shared IndexReader) {
        self.must = must
        mustRefs = must.map { Unmanaged.passUnretained($0) }
        self.should = should
        shouldRefs = should.map { Unmanaged.passUnretained($0) }
        self.mustNot = mustNot
        mustNotRefs = mustNot.map { Unmanaged.passUnretained($0) }
        self.filter = filter
        self.reader = reader
        allowed = filter?.cursor() ?? .empty
        var bound = 0.0
        for c in must { bound += c.maxScore }
        for c in should { bound += c.maxScore }
        self.bound = bound
        super.init()
        find(from: 0)
    }

    override var doc: UInt32 { current }
    override var maxScore: Double { bound }
    override func next() { if current != PostingCursor.noMoreDocs { find(from: current + 1) } }
    override func advance(to target: UInt32) { if target > current { find(from: target) } }

    override func score() -> Double {
        var s = 0.0
        let current = current
        for c in mustRefs { s += c._withUnsafeGuaranteedRef { $0.score() } }
        for c in shouldRefs { c._withUnsafeGuaranteedRef { if $0.doc == current { s += $0.score() } } }
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
            if filter != nil {
                allowed.advance(to: candidate)
                candidate = allowed.doc
                if candidate == PostingCursor.noMoreDocs { break }
            }
            let found = must.isEmpty ? nextShould(from: candidate) : nextConjunction(from: candidate)
            if found == PostingCursor.noMoreDocs { break }
            if found != candidate && filter != nil {
                candidate = found  // the filter has not seen it yet
                continue
            }
            if !excluded(found) {
                for c in shouldRefs { c._withUnsafeGuaranteedRef { $0.advance(to: found) } }
                current = found
                return
            }
            candidate = found + 1
        }
        current = PostingCursor.noMoreDocs
    }

    /// `doc` when filter and exclusions let it through; otherwise a later
    /// document before which nothing passes (the filter's next document, or
    /// `doc + 1` after an exclusion). For collectors that drive the clauses
    /// themselves; calls must come in increasing `doc` order.
    @inline(__always)
    func nextAccepted(from doc: UInt32) -> UInt32 {
        if filter != nil {
            allowed.advance(to: doc)
            if allowed.doc != doc { return allowed.doc }
        }
        return excluded(doc) ? doc + 1 : doc
    }

    /// The first document ≥ `doc` the filter lets through (`doc` itself
    /// without a filter; exclusions are not tested): where a collector that
    /// drives the clauses itself may start looking. Calls, and those to
    /// ``nextAccepted(from:)``, must come in increasing `doc` order.
    @inline(__always)
    func nextAllowed(from doc: UInt32) -> UInt32 {
        guard filter != nil else { return doc }
        allowed.advance(to: doc)
        return allowed.doc
    }

    /// Whether a `mustNot` clause matches `doc`.
    @inline(__always)
    private func excluded(_ doc: UInt32) -> Bool {
        for c in mustNotRefs {
            let d = c._withUnsafeGuaranteedRef { s in
                s.advance(to: doc)
                return s.doc
            }
            if d == doc { return true }
        }
        return false
    }

    private func nextShould(from target: UInt32) -> UInt32 {
        var best = PostingCursor.noMoreDocs
        for c in shouldRefs {
            let d = c._withUnsafeGuaranteedRef { s in
                s.advance(to: target)
                return s.doc
            }
            best = min(best, d)
        }
        return best
    }

    /// The clauses as unretained references (the arrays above keep them
    /// alive): the loops call them without a retain and release per call.
    private let mustRefs: [Unmanaged<Scorer>]
    private let shouldRefs: [Unmanaged<Scorer>]
    private let mustNotRefs: [Unmanaged<Scorer>]

    private func nextConjunction(from target: UInt32) -> UInt32 {
        var candidate = target
        return mustRefs.withUnsafeBufferPointer { clauses in
            outer: while true {
                for c in clauses {
                    let d = c._withUnsafeGuaranteedRef { s in
                        s.advance(to: candidate)
                        return s.doc
                    }
                    if d == PostingCursor.noMoreDocs { return d }
                    if d > candidate { candidate = d; continue outer }
                }
                return candidate
            }
        }
    }
}
