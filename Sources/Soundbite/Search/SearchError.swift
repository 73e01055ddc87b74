/// Why a search could not run. All cases but ``damagedIndex(_:)`` are the
/// query's to fix (exit 2 in the CLI).
public enum SearchError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The query text does not parse.
    case syntax(QuerySyntaxError)
    /// A `field:` the index does not know; `known` lists the ones it does.
    case unknownField(String, known: [String])
    /// A prefix or fuzzy word matches more terms than the limit allows.
    case tooManyTerms(String)
    /// A search option is out of range (k1 < 0, b outside 0…1, …).
    case invalidOption(String)
    /// The search read a part of the index file whose checksum does not
    /// match (an index opened with verification checks its big sections a
    /// page at a time, when first read): no results rather than wrong ones;
    /// rebuild the index.
    case damagedIndex(StorageError)

    /// A message for users.
    public var description: String {
        switch self {
        case .syntax(let e): return "query syntax error at \(e)"
        case .unknownField(let name, let known):
            return "unknown field '\(name)'; known fields: \(known.joined(separator: ", "))"
        case .tooManyTerms(let message): return message
        case .invalidOption(let message): return message
        case .damagedIndex(let error): return error.description
        }
    }
}
