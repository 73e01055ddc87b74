/// One search result: a passage of one speaker in one chapter, with where
/// to find it in the recording.
public struct Hit: Sendable, Hashable {
    /// 1-based rank in the whole result list (offset included).
    public var rank: Int
    /// BM25 score.
    public var score: Double
    /// The document (passage) id inside the index.
    public var document: Int
    /// Interview id.
    public var interview: String
    /// Interview title.
    public var title: String
    /// Who speaks.
    public var speaker: String
    /// The speaker's role ("" when unknown).
    public var role: String
    /// The chapter ("" when none).
    public var chapter: String
    /// Start, in seconds, of the first cue of the passage that matches the query.
    public var start: Double
    /// End, in seconds, of that cue.
    public var end: Double
    /// ``start`` as `HH:MM:SS.mmm`.
    public var timecode: String
    /// The whole passage text, markup removed.
    public var text: String
    /// UTF-8 byte ranges of the matched words in ``text``.
    public var highlights: [Range<Int>]
    /// An excerpt around the first match, with its own highlights.
    public var snippet: Snippet
    /// The interview's media link with a `#t=` fragment at ``start`` ("" without media).
    public var media: String
    /// The interview's manifest fields.
    public var fields: [String: String]
    /// Every factor of the score, when asked for.
    public var explanation: Explanation?
    /// The tier that placed the hit in the quote order (nil under ``Ranking/bm25``).
    public var placement: Placement?
    /// Passages just before this one in the same interview (oldest first), when asked for.
    public var before: [Utterance]
    /// Passages just after this one in the same interview, when asked for.
    public var after: [Utterance]
}

/// A stretch of speech: one passage or one cue.
public struct Utterance: Sendable, Hashable {
    /// Who speaks.
    public var speaker: String
    /// The speaker's role.
    public var role: String
    /// The chapter.
    public var chapter: String
    /// Start in seconds.
    public var start: Double
    /// End in seconds.
    public var end: Double
    /// The words.
    public var text: String

    /// Creates an utterance.
    public init(speaker: String, role: String, chapter: String, start: Double, end: Double, text: String) {
        self.speaker = speaker
        self.role = role
        self.chapter = chapter
        self.start = start
        self.end = end
        self.text = text
    }
}

/// The results of one search.
public struct SearchResults: Sendable, Hashable {
    /// The query as given.
    public var query: String
    /// Documents matching the query and filters (all of them, not just the page),
    /// or the number of hits returned when facets were not counted.
    public var total: Int
    /// The requested page of hits, best first.
    public var hits: [Hit]
    /// Facet name (`role`, `chapter`, manifest fields) → value → matching documents.
    public var facets: [String: [String: Int]]
}

/// Formats seconds as `HH:MM:SS.mmm`.
public func formatTimecode(_ seconds: Double) -> String {
    let ms = seconds.isFinite ? Int((max(0, seconds) * 1000).rounded()) : 0
    let h = ms / 3_600_000, m = ms / 60_000 % 60, s = ms / 1000 % 60, f = ms % 1000
    func pad(_ v: Int, _ n: Int) -> String {
        let t = String(v)
        return String(repeating: "0", count: max(0, n - t.count)) + t
    }
    return "\(pad(h, 2)):\(pad(m, 2)):\(pad(s, 2)).\(pad(f, 3))"
}
