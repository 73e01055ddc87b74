/// A boolean condition on a document's facets (role, chapter, speaker,
/// interview, manifest fields): filters select documents without scoring them.
indirect enum FilterNode: Sendable {
    /// Allowed values of one per-document column, by string id or interview index.
    case column(FilterColumn, [Bool])
    /// Allowed documents, one flag per document id.
    case documents([Bool])
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
            let v = Int(reader.docColumn(doc, column.recordField))
            return v < allowed.count && allowed[v]
        case .documents(let allowed): return Int(doc) < allowed.count && allowed[Int(doc)]
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

    /// Word offset of the value in the 40-byte document record.
    var recordField: Int {
        switch self {
        case .interview: return 1
        case .speaker: return 2
        case .role: return 3
        case .chapter: return 4
        }
    }
}

extension IndexReader {
    /// One u32 field of a document record.
    @inline(__always)
    func docColumn(_ doc: UInt32, _ field: Int) -> UInt32 {
        section(.docs).loadUnaligned(fromByteOffset: Int(doc) * IndexFormat.docRecordSize + field * 4, as: UInt32.self)
    }
}
