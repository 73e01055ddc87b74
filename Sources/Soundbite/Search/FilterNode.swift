/// The documents a filter lets through (facet values of role, chapter,
/// speaker, interview, manifest fields, and AND / OR / NOT of them), resolved
/// once per search into one document set the scorers intersect with by
/// ``DocSet/advance(to:)``, so a selective filter costs by its own size.
///
/// One facet value is its stored set, read in place; anything combined is
/// computed once, as runs, when the node is made (linear in the runs of its
/// parts). Immutable; the stored sets live as long as the reader it keeps.
final class FilterNode: @unchecked Sendable {
    /// Document ids are below this.
    let limit: UInt32
    /// Keeps the index image of `stored` alive.
    private let reader: IndexReader?
    /// One stored facet set (positioned on its first document).
    private let stored: DocSet?
    /// Otherwise the documents as runs.
    private let runs: DocRuns
    /// `runs.bounds`, in memory that does not move for the cursors.
    private let buffer: UnsafeMutableBufferPointer<UInt32>
    /// How many documents the filter lets through.
    let cardinality: Int

    /// Whether the filter lets through under an eighth of the documents (a
    /// chapter, an interview): then a walk tests each posting against it
    /// before loading the posting's length; a denser one (a role) costs more
    /// to test than the loads it saves (measured 1.25 × slower at 1,000 h).
    var isSelective: Bool { cardinality * 8 < Int(limit) }

    private init(limit: UInt32, reader: IndexReader?, stored: DocSet?, runs: DocRuns, cardinality: Int) {
        self.limit = limit
        self.reader = reader
        self.stored = stored
        self.runs = runs
        self.cardinality = cardinality
        // A stored set is read in place: nothing to copy (the usual one-value filter).
        if stored != nil {
            buffer = UnsafeMutableBufferPointer(start: nil, count: 0)
        } else {
            buffer = .allocate(capacity: max(1, runs.bounds.count))
            _ = buffer.initialize(from: runs.bounds)
        }
    }

    deinit { buffer.deallocate() }

    /// Documents having any of the facet entries `entries` of `reader`.
    convenience init(reader: IndexReader, entries: [Int]) {
        let limit = UInt32(clamping: reader.docCount)
        if entries.count == 1 {
            self.init(limit: limit, reader: reader, stored: reader.facets.docs(entries[0]), runs: DocRuns(),
                      cardinality: Int(reader.facets.entry(entries[0]).cardinality))
        } else {
            self.init(limit: limit, runs: DocRuns.union(entries.map { DocRuns(reader.facets.docs($0)) }))
        }
    }

    /// Documents below `limit` in `runs`.
    convenience init(limit: UInt32, runs: DocRuns) {
        self.init(limit: limit, reader: nil, stored: nil, runs: runs, cardinality: runs.count)
    }

    /// A fresh cursor on the first document.
    @inline(__always)
    func cursor() -> DocSet {
        stored ?? DocSet(.runs, data: UnsafeRawPointer(buffer.baseAddress), items: runs.runCount, limit: limit)
    }

    /// The documents as runs.
    var documents: DocRuns { stored.map(DocRuns.init) ?? runs }

    /// Every condition holds.
    static func all(_ nodes: [FilterNode]) -> FilterNode {
        guard nodes.count != 1 else { return nodes[0] }
        let limit = nodes.map(\.limit).min() ?? 0
        var result = nodes.first?.documents ?? DocRuns()
        for n in nodes.dropFirst() { result = result.intersection(n.documents) }
        return FilterNode(limit: limit, runs: result)
    }

    /// At least one condition holds.
    static func any(_ nodes: [FilterNode]) -> FilterNode {
        guard nodes.count != 1 else { return nodes[0] }
        return FilterNode(limit: nodes.map(\.limit).max() ?? 0, runs: DocRuns.union(nodes.map(\.documents)))
    }

    /// The condition does not hold.
    static func not(_ node: FilterNode) -> FilterNode {
        FilterNode(limit: node.limit, runs: node.documents.complement(limit: node.limit))
    }
}
