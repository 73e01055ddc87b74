/// How one search runs: paging, BM25 parameters, filters and extras.
public struct SearchOptions: Sendable, Hashable {
    /// Hits to return.
    public var limit: Int
    /// Hits to skip first (for paging).
    public var offset: Int
    /// BM25 term-frequency saturation (default 1.2).
    public var k1: Double
    /// BM25 length normalisation, 0…1 (default 0.75).
    public var b: Double
    /// Facet filters, AND'ed with the query.
    public var filters: SearchFilters
    /// Attach an ``Explanation`` to every hit.
    public var explain: Bool
    /// Utterances (passages) to attach before and after each hit.
    public var context: Int
    /// Count every matching document (``SearchResults/total``) and the
    /// matches per facet value (``SearchResults/facets``). Off by default:
    /// it needs every match, so the search cannot stop at the top k. When on,
    /// the one walk over the matches also collects the top k in score order,
    /// and each facet value is counted from its stored document set.
    /// `limit: 0` (counts alone, no hits) counts whatever this says.
    public var countFacets: Bool
    /// Count every matching document (``SearchResults/total``) without the
    /// facets: the same walk over the matches as ``countFacets``, but no
    /// document record is read for it (what `soundbite search`'s text
    /// output prints). Off by default; implied by ``countFacets``.
    public var countTotal: Bool = false
    /// Score every matching document instead of pruning with MaxScore
    /// (same results, slower; for tests and comparisons).
    public var exhaustive: Bool
    /// Bounds on query size and expansion.
    public var limits: QueryLimits
    /// The order of the hits: ``Ranking/quote`` (the default: tiers made for
    /// finding a quote, then BM25 score) or ``Ranking/bm25`` (score alone).
    ///
    /// Scores, totals and facets are the same under both. Whatever the
    /// order, a single optional query word also matches its derived forms in
    /// the index (another Porter2 stem of which one is a prefix of the other,
    /// both of at least 5 letters and at most 4 apart: `historical` finds
    /// `history`, `inspector` finds `inspection`); they add no score, so a
    /// score is the BM25 of the words as typed. Under ``Ranking/quote`` a
    /// passage that needs a derived form to hold every word ranks below those
    /// that hold them all as typed (``QuoteTier/derivedForms``). Measured in
    /// `docs/EVALUATION.md`.
    public var ranking: Ranking
    /// Keep every passage (``UsedFilter/any``), only those the recorded cut
    /// used, or only the cutting-room floor (see ``UsedFilter``). AND'ed with
    /// the query and the filters.
    public var used: UsedFilter = .any

    /// Creates options; the defaults are those of the CLI, except that the
    /// CLI counts totals and facets (it prints them).
    public init(limit: Int = 10, offset: Int = 0, k1: Double = 1.2, b: Double = 0.75,
                filters: SearchFilters = SearchFilters(), explain: Bool = false, context: Int = 0,
                countFacets: Bool = false, exhaustive: Bool = false, limits: QueryLimits = .standard,
                ranking: Ranking = .quote) {
        self.limit = limit
        self.offset = offset
        self.k1 = k1
        self.b = b
        self.filters = filters
        self.explain = explain
        self.context = context
        self.countFacets = countFacets
        self.exhaustive = exhaustive
        self.limits = limits
        self.ranking = ranking
    }
}

/// Facet filters: values of one filter are OR'ed, different filters AND'ed;
/// matching is case-insensitive and `*` anywhere in a value matches any run
/// of characters (`*licen*`, `p*experience`, `hill*`).
public struct SearchFilters: Sendable, Hashable {
    /// Speaker roles (`parent`, `head teacher`).
    public var roles: [String]
    /// Chapter titles.
    public var chapters: [String]
    /// Speaker names.
    public var speakers: [String]
    /// Interview ids.
    public var interviews: [String]
    /// Manifest fields: key → allowed values.
    public var fields: [String: [String]]

    /// Creates filters (all empty: no filtering).
    public init(roles: [String] = [], chapters: [String] = [], speakers: [String] = [],
                interviews: [String] = [], fields: [String: [String]] = [:]) {
        self.roles = roles
        self.chapters = chapters
        self.speakers = speakers
        self.interviews = interviews
        self.fields = fields
    }

    /// True when nothing is filtered.
    public var isEmpty: Bool {
        roles.isEmpty && chapters.isEmpty && speakers.isEmpty && interviews.isEmpty && fields.values.allSatisfy(\.isEmpty)
    }

    /// (field name, values) pairs, built-in fields first, then manifest fields by name.
    var pairs: [(String, [String])] {
        let builtIn = [("role", roles), ("chapter", chapters), ("speaker", speakers), ("interview", interviews)]
        return fields.isEmpty ? builtIn : builtIn + fields.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }
}
