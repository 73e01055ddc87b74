/// A boolean condition on a document's facets (role, chapter, speaker,
/// interview, manifest fields): filters select documents without scoring them.
indirect enum FilterNode: Sendable {
    /// Allowed values of one per-document column, by string id or interview index.
    case column(FilterColumn, [Bool])
    /// Every condition holds.
    case all([FilterNode])
    /// At least one condition holds.
    case any([FilterNode])
    /// The condition does not hold.
    case not(FilterNode)

    /// Whether document `doc` passes.
    func matches(_ doc: UInt32, _ reader: IndexReader) -> Bool {
        switch self {
        case .column(let column, let allowed):
            let v = Int(reader.docs.value(column.field, of: doc))
            return v < allowed.count && allowed[v]
        case .all(let nodes): return nodes.allSatisfy { $0.matches(doc, reader) }
        case .any(let nodes): return nodes.contains { $0.matches(doc, reader) }
        case .not(let node): return !node.matches(doc, reader)
        }
    }
}

/// Which per-document value a filter reads.
enum FilterColumn: Sendable, Hashable {
    /// The speaker's role (string id).
    case role
    /// The chapter (string id).
    case chapter
    /// The speaker (string id).
    case speaker
    /// The interview (index into the interview table); manifest fields and ids resolve to interviews.
    case interview

    /// The document-table column it reads.
    var field: DocTable.Field {
        switch self {
        case .interview: return .interview
        case .speaker: return .speaker
        case .role: return .role
        case .chapter: return .chapter
        }
    }
}
