/// Why a hit scored what it did: every factor of the BM25 formula. Encodes
/// with the keys of the CLI's `explain` object: `N`, `avgdl`, `dl`, `k1`,
/// `b`, `terms`, `score`.
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

/// One term's (or phrase's) share of a score. Encodes as the CLI prints it:
/// `{"term", "tf", "df", "idf", "score"}` (with `weight` before `score` when
/// it is not 1), a phrase as `{"phrase", "tf", "idf", "score"}`.
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

extension ExplainedTerm {
    private enum CodingKeys: String, CodingKey {
        case term, phrase, tf, df, idf, weight, score
    }

    /// Encodes with the CLI's keys.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(term, forKey: isPhrase ? .phrase : .term)
        try c.encode(tf, forKey: .tf)
        if !isPhrase { try c.encode(df ?? 0, forKey: .df) }
        try c.encode(idf, forKey: .idf)
        if weight != 1 { try c.encode(weight, forKey: .weight) }
        try c.encode(score, forKey: .score)
    }

    /// Decodes what ``encode(to:)`` wrote.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let phrase = try c.decodeIfPresent(String.self, forKey: .phrase)
        self.init(term: try phrase ?? c.decode(String.self, forKey: .term), isPhrase: phrase != nil,
                  tf: try c.decode(Int.self, forKey: .tf), df: try c.decodeIfPresent(Int.self, forKey: .df),
                  idf: try c.decode(Double.self, forKey: .idf), score: try c.decode(Double.self, forKey: .score),
                  weight: try c.decodeIfPresent(Double.self, forKey: .weight) ?? 1)
    }
}
