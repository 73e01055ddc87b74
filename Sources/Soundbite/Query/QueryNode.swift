/// A parsed query, before it meets an index: the syntax tree that
/// ``QueryParser`` makes and that embedders may also build in code.
///
/// Words are kept as the user wrote them; they are analysed (lower-cased,
/// folded, stemmed) only when the query is bound to an index, with the
/// index's own analyzer.
public enum QueryNode: Sendable, Hashable {
    /// Every document (`*` on its own).
    case matchAll
    /// One word, as written (`laptops`). A word the analyzer splits
    /// (`dinner-time`) is searched as a phrase.
    case term(String)
    /// Words that must occur in this order; with `slop` > 0 each word may be
    /// up to `slop` positions away from where the exact phrase puts it.
    case phrase([String], slop: Int)
    /// Any indexed term starting with the (lower-cased, folded) text: `lapt*`.
    case prefix(String)
    /// Any indexed term within `maxEdits` Levenshtein edits of the analysed word: `recieve~1`.
    case fuzzy(String, maxEdits: Int)
    /// A facet filter: `role:parent`, `chapter:"use of ict"`, `school:hillside`.
    /// `name` is lower-cased; `value` is matched case-insensitively, and a
    /// trailing `*` in it matches any value with that prefix.
    case field(name: String, value: String)
    /// Clauses combined Lucene-style: `must` clauses all match, `mustNot`
    /// clauses none, and with no `must` clause at least one `should` clause
    /// matches. The score is the sum of the matching scoring clauses.
    case boolean([Clause])
}

/// One operand of a ``QueryNode/boolean(_:)`` query.
public struct Clause: Sendable, Hashable {
    /// How the clause takes part.
    public var occur: Occur
    /// The clause's query.
    public var node: QueryNode

    /// Creates a clause.
    public init(_ occur: Occur, _ node: QueryNode) {
        self.occur = occur
        self.node = node
    }
}

/// How a clause takes part in a boolean query (Lucene's `Occur`).
public enum Occur: Sendable, Hashable {
    /// Must match (`+word`, `a AND b`).
    case must
    /// May match, adds to the score (`a b`, `a OR b`).
    case should
    /// Must not match (`-word`, `NOT word`).
    case mustNot
}
