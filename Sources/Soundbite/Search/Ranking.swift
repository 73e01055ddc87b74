/// How hits are ordered. Either way every score, total and facet count is
/// the same BM25 figure; only the order differs.
public enum Ranking: String, Sendable, Hashable, CaseIterable, Codable {
    /// The default, made for finding a half-remembered quote: tiers first
    /// (see ``QuoteTier``), inside the first three tiers passages whose
    /// matched words all sit in one cue first, then BM25 score.
    case quote
    /// Plain BM25 score order, as Lucene, tantivy and FTS5 rank.
    case bm25
}

/// The tier that placed a hit under ``Ranking/quote``, best first.
///
/// A query "word" here is each optional clause of the query (a word, a
/// phrase, a prefix or fuzzy word) and each required clause; a word missing
/// from the index is left out.
public enum QuoteTier: Int, Sendable, Hashable, Comparable, CaseIterable, Codable {
    /// The passage holds every query word (by its stem or exact form).
    case allWords = 1
    /// It holds every query word, some only in a derived form
    /// (`historical` for `history`; see ``SearchOptions/ranking``).
    case derivedForms = 2
    /// With the neighbouring passage of the same speaker turn (just before
    /// or just after), it holds every query word: a quote cut in two.
    case withNeighbour = 3
    /// The rest: some of the words. Ordered by score alone.
    case someWords = 4

    /// Lower tiers rank first.
    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }

    /// A short name for output (`all-words`, `derived-forms`, `with-neighbour`, `some-words`).
    public var name: String {
        switch self {
        case .allWords: return "all-words"
        case .derivedForms: return "derived-forms"
        case .withNeighbour: return "with-neighbour"
        case .someWords: return "some-words"
        }
    }
}

/// Why a hit stands where it does under ``Ranking/quote``.
public struct Placement: Sendable, Hashable, Codable {
    /// The hit's tier.
    public var tier: QuoteTier
    /// True when one cue of the passage holds every query word the passage
    /// holds; inside tiers 1–3 such passages come first.
    public var oneCue: Bool

    /// Creates a placement.
    public init(tier: QuoteTier, oneCue: Bool) {
        self.tier = tier
        self.oneCue = oneCue
    }
}
