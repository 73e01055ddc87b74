/// A set of document ids as ascending, disjoint, non-adjacent runs
/// `[first, end)`: the in-memory form of a facet value's documents while the
/// index is built (``FacetDocSets``) and of a combined filter while a query is
/// compiled (``FilterNode``). Documents are in interview order and the
/// passages of one speaker turn or chapter are consecutive, so a facet value
/// is usually a few long runs.
struct DocRuns: Sendable, Equatable {
    /// `first0, end0, first1, end1, …`
    private(set) var bounds: [UInt32] = []

    init() {}

    /// Number of runs.
    var runCount: Int { bounds.count / 2 }

    /// Number of documents.
    var count: Int {
        var n = 0
        var i = 0
        while i < bounds.count { n += Int(bounds[i + 1] - bounds[i]); i += 2 }
        return n
    }

    /// The first and end of run `i`.
    func run(_ i: Int) -> (first: UInt32, end: UInt32) { (bounds[2 * i], bounds[2 * i + 1]) }

    /// The last document, if any.
    var last: UInt32? { bounds.last.map { $0 - 1 } }

    /// Adds `first..<end`, which must not start before the last run starts;
    /// it is merged with the last run when they touch or overlap.
    mutating func append(first: UInt32, end: UInt32) {
        guard first < end else { return }
        if let e = bounds.last, first <= e {
            if end > e { bounds[bounds.count - 1] = end }
            return
        }
        bounds.append(first)
        bounds.append(end)
    }

    /// Adds one document, after every document already held.
    @inline(__always)
    mutating func append(_ doc: UInt32) { append(first: doc, end: doc &+ 1 == 0 ? doc : doc + 1) }

    /// Every document of `cursor`, from its current position on.
    init(_ cursor: DocSet) {
        var c = cursor
        c.forEachRun { append(first: $0, end: $1) }
    }

    /// Documents in any of `sets`.
    static func union(_ sets: [DocRuns]) -> DocRuns {
        if sets.count == 1 { return sets[0] }
        var all: [(UInt32, UInt32)] = []
        for s in sets { for i in 0..<s.runCount { all.append(s.run(i)) } }
        all.sort { $0.0 < $1.0 }
        var result = DocRuns()
        for (first, end) in all { result.append(first: first, end: end) }
        return result
    }

    /// Documents in both.
    func intersection(_ other: DocRuns) -> DocRuns {
        var result = DocRuns()
        var i = 0, j = 0
        while i < runCount && j < other.runCount {
            let a = run(i), b = other.run(j)
            let first = max(a.first, b.first), end = min(a.end, b.end)
            if first < end { result.append(first: first, end: end) }
            if a.end < b.end { i += 1 } else { j += 1 }
        }
        return result
    }

    /// Documents below `limit` that are not in the set.
    func complement(limit: UInt32) -> DocRuns {
        var result = DocRuns()
        var next: UInt32 = 0
        for i in 0..<runCount {
            let r = run(i)
            guard r.first < limit else { break }
            result.append(first: next, end: r.first)
            next = max(next, r.end)
        }
        result.append(first: next, end: limit)
        return result
    }
}
