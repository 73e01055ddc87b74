/// Why a hit scored what it did: every factor of the BM25 formula.
public struct Explanation: Sendable, Hashable, Codable {
    /// Documents in the index.
    public var N: Int
    /// Mean document length in tokens.
    public var avgdl: Double
    /// This document's length in tokens.
    public var dl: Int
    /// Term-frequency saturation used.
    public var k1: Double
    /// Length normalisation used.
    public var b: Double
    /// One entry per matching query term or phrase.
    public var terms: [ExplainedTerm]
    /// The total score (the sum of the entries' scores).
    public var score: Double
}

/// One term's (or phrase's) share of a score.
public struct ExplainedTerm: Sendable, Hashable, Codable {
    /// The indexed term, or the phrase's terms joined by spaces.
    public var term: String
    /// True for a phrase (scored with tf = its match count and idf = the sum of its terms' idf).
    public var isPhrase: Bool
    /// Occurrences in the document (matches, for a phrase).
    public var tf: Int
    /// Documents containing the term (nil for a phrase).
    public var df: Int?
    /// Inverse document frequency: ln(1 + (N − df + 0.5) / (df + 0.5)).
    public var idf: Double
    /// weight · idf · tf·(k1 + 1) / (tf + k1·(1 − b + b·dl/avgdl)).
    public var score: Double
    /// The share of the BM25 score that counts: 1, or 0.5 for a derived form
    /// of a query word (`histori` for `historical`; see ``SearchOptions/ranking``).
    public var weight: Double

    /// Creates an entry.
    public init(term: String, isPhrase: Bool, tf: Int, df: Int?, idf: Double, score: Double, weight: Double = 1) {
        self.weight = weight
        self.term = term
        self.isPhrase = isPhrase
        self.tf = tf
        self.df = df
        self.idf = idf
        self.score = score
    }
}
