/// One search result: a passage of one speaker in one chapter, with where
/// to find it in the recording.
///
/// ``rank``, ``score``, ``document`` and ``placement`` come with the search;
/// every other field is read from the index when a hit of the page is first
/// asked for one (the whole page at once, once, whichever thread asks), so
/// a search whose hits are only counted or ranked pays for the top k alone.
/// The values are the same, field for field, as if they had been built with
/// the search; the pages they are read from were checked by the search (a
/// damaged one made it throw). A hit keeps its index open until it is
/// released.
public struct Hit: Sendable, Hashable {
    /// 1-based rank in the whole result list (offset included).
    public var rank: Int
    /// BM25 score.
    public var score: Double
    /// The document (passage) id inside the index.
    public var document: Int
    /// The tier that placed the hit in the quote order (nil under ``Ranking/bm25``).
    public var placement: Placement?
    /// Every other field: entry `index` of `page` (built on first read, or given).
    private var page: HitPage
    private var index: Int

    /// Interview id.
    public var interview: String {
        get { details.pointee.interview }
        set { update { $0.interview = newValue } }
    }
    /// Interview title.
    public var title: String {
        get { details.pointee.title }
        set { update { $0.title = newValue } }
    }
    /// Who speaks.
    public var speaker: String {
        get { details.pointee.speaker }
        set { update { $0.speaker = newValue } }
    }
    /// The speaker's role ("" when unknown).
    public var role: String {
        get { details.pointee.role }
        set { update { $0.role = newValue } }
    }
    /// The chapter ("" when none).
    public var chapter: String {
        get { details.pointee.chapter }
        set { update { $0.chapter = newValue } }
    }
    /// Start, in seconds, of the first cue of the passage that matches the query.
    public var start: Double {
        get { details.pointee.start }
        set { update { $0.start = newValue } }
    }
    /// End, in seconds, of that cue.
    public var end: Double {
        get { details.pointee.end }
        set { update { $0.end = newValue } }
    }
    /// The whole passage text, markup removed.
    public var text: String {
        get { details.pointee.text }
        set { update { $0.text = newValue } }
    }
    /// UTF-8 byte ranges of the matched words in ``text`` (see ``highlightRanges``).
    public var highlights: [Range<Int>] {
        get { details.pointee.highlights }
        set { update { $0.highlights = newValue } }
    }
    /// An excerpt around the first match, with its own highlights.
    public var snippet: Snippet {
        get { details.pointee.snippet }
        set { update { $0.snippet = newValue } }
    }
    /// The interview's media link with a `#t=` fragment at ``start`` ("" without media).
    public var media: String {
        get { details.pointee.media }
        set { update { $0.media = newValue } }
    }
    /// The interview's manifest fields.
    public var fields: [String: String] {
        get { details.pointee.fields }
        set { update { $0.fields = newValue } }
    }
    /// Every factor of the score, when asked for.
    public var explanation: Explanation? {
        get { details.pointee.explanation }
        set { update { $0.explanation = newValue } }
    }
    /// Passages just before this one in the same interview (oldest first), when asked for.
    public var before: [Utterance] {
        get { details.pointee.before }
        set { update { $0.before = newValue } }
    }
    /// Passages just after this one in the same interview, when asked for.
    public var after: [Utterance] {
        get { details.pointee.after }
        set { update { $0.after = newValue } }
    }

    /// ``start`` as `HH:MM:SS.mmm`, the form players and editors show.
    public var timecode: String { RecordingTime(seconds: start).description }

    /// ``highlights`` as ranges of ``text``'s indices, for slicing and
    /// attributed strings: `hit.text[hit.highlightRanges[0]]` is the first
    /// matched word.
    public var highlightRanges: [Range<String.Index>] { Snippet.stringRanges(highlights, in: text) }

    /// A hit with every field given.
    init(rank: Int, score: Double, document: Int, interview: String, title: String, speaker: String, role: String,
         chapter: String, start: Double, end: Double, text: String, highlights: [Range<Int>], snippet: Snippet,
         media: String, fields: [String: String], explanation: Explanation?, placement: Placement?,
         before: [Utterance], after: [Utterance]) {
        self.rank = rank
        self.score = score
        self.document = document
        self.placement = placement
        page = HitPage(built: HitDetails(interview: interview, title: title, speaker: speaker, role: role,
                                         chapter: chapter, start: start, end: end, text: text, highlights: highlights,
                                         snippet: snippet, media: media, fields: fields, explanation: explanation,
                                         before: before, after: after))
        index = 0
    }

    /// Hit `index` of `page`, its other fields built with the page on first read.
    init(rank: Int, score: Double, document: Int, placement: Placement?, page: HitPage, index: Int) {
        self.rank = rank
        self.score = score
        self.document = document
        self.placement = placement
        self.page = page
        self.index = index
    }

    /// The fields other than rank, score, document and placement, in place
    /// (building the page first if needed); valid while this hit holds its page.
    @inline(__always)
    private var details: UnsafePointer<HitDetails> { page.details(index) }

    /// A copy of those fields.
    var resolvedDetails: HitDetails { details.pointee }

    /// Whether the fields read from the index are built yet (for tests).
    var isBuilt: Bool { page.isBuilt }

    /// Changes one field of this hit alone: its fields become a page of their own.
    private mutating func update(_ change: (inout HitDetails) -> Void) {
        var d = resolvedDetails
        page = HitPage.empty   // `d` the only copy while it changes
        change(&d)
        page = HitPage(built: d)
        index = 0
    }

    /// Compares every field (building the pages of both hits if needed).
    public static func == (a: Hit, b: Hit) -> Bool {
        a.rank == b.rank && a.score == b.score && a.document == b.document && a.placement == b.placement
            && a.resolvedDetails == b.resolvedDetails
    }

    /// Hashes every field (building the hit's page if needed).
    public func hash(into hasher: inout Hasher) {
        hasher.combine(rank)
        hasher.combine(score)
        hasher.combine(document)
        hasher.combine(placement)
        hasher.combine(resolvedDetails)
    }
}

/// A hit's fields read from the index (all but rank, score, document and placement).
struct HitDetails: Sendable, Hashable {
    var interview: String
    var title: String
    var speaker: String
    var role: String
    var chapter: String
    var start: Double
    var end: Double
    var text: String
    var highlights: [Range<Int>]
    var snippet: Snippet
    var media: String
    var fields: [String: String]
    var explanation: Explanation?
    var before: [Utterance]
    var after: [Utterance]
}

/// A stretch of speech: one passage or one cue.
public struct Utterance: Sendable, Hashable, Codable {
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
