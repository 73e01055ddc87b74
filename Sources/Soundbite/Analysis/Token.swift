/// A word found by the ``Tokenizer``: where it is in the source bytes and its
/// place in the token stream.
package struct Token: Sendable, Hashable {
    /// Byte offset of the first byte of the word in the UTF-8 source.
    package var start: Int
    /// Byte offset just past the word.
    package var end: Int
    /// Ordinal of the word in its text (0, 1, 2, …), used by phrase queries.
    package var position: Int
    /// True when every byte of the word is ASCII (the fast normalisation path applies).
    package var isASCII: Bool

    /// Creates a token.
    package init(start: Int, end: Int, position: Int, isASCII: Bool) {
        self.start = start
        self.end = end
        self.position = position
        self.isASCII = isASCII
    }
}

/// A token as the public API shows it (see ``Analyzer/analyze(_:)``).
public struct AnalyzedToken: Sendable, Hashable, Codable {
    /// The word as written in the source text.
    public var text: String
    /// The term the index stores for it (lower-cased, folded, stemmed).
    public var term: String
    /// The word's position in the token stream (stop words keep their slot).
    public var position: Int
    /// Byte offset of the word in the UTF-8 text.
    public var start: Int
    /// Byte offset just past the word.
    public var end: Int
    /// The unstemmed form, indexed as a second term at the same position,
    /// when the analyzer keeps exact forms and it differs from ``term``.
    public var exact: String?

    /// Creates a token.
    public init(text: String, term: String, position: Int, start: Int, end: Int, exact: String? = nil) {
        self.text = text
        self.term = term
        self.position = position
        self.start = start
        self.end = end
        self.exact = exact
    }
}
