/// Bounds that keep any query, however hostile, to bounded work. Hitting
/// one is a clear error, never a hang.
public struct QueryLimits: Sendable, Hashable {
    /// Longest query text accepted, in UTF-8 bytes.
    public var maxQueryBytes: Int
    /// Most clauses in the whole query (words, phrases, fields, groups).
    public var maxClauses: Int
    /// Deepest nesting of parentheses.
    public var maxDepth: Int
    /// Most words in one phrase.
    public var maxPhraseWords: Int
    /// Most index terms one prefix or fuzzy word may expand to.
    public var maxExpansions: Int
    /// Largest edit distance a fuzzy word may ask for.
    public var maxEdits: Int
    /// Largest phrase slop.
    public var maxSlop: Int

    /// Creates limits; the defaults suit interactive search.
    public init(maxQueryBytes: Int = 4096, maxClauses: Int = 256, maxDepth: Int = 32,
                maxPhraseWords: Int = 64, maxExpansions: Int = 512, maxEdits: Int = 2, maxSlop: Int = 100) {
        self.maxQueryBytes = maxQueryBytes
        self.maxClauses = maxClauses
        self.maxDepth = maxDepth
        self.maxPhraseWords = maxPhraseWords
        self.maxExpansions = maxExpansions
        self.maxEdits = maxEdits
        self.maxSlop = maxSlop
    }

    /// The default limits.
    public static let standard = QueryLimits()
}
