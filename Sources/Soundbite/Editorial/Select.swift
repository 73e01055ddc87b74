/// One chosen stretch of an interview, as an editor's select: where it is in
/// the recording and what is said there.
///
/// Read from search results or a CSV by ``SelectsReader``, completed from an
/// index by ``SearchIndex/resolve(_:snap:file:)``, laid out by ``Timeline``.
public struct Select: Sendable, Hashable {
    /// Interview id.
    public var interview: String
    /// Start in the recording, seconds.
    public var start: Double
    /// End in the recording, seconds.
    public var end: Double
    /// Interview title ("" when unknown).
    public var title: String = ""
    /// Who speaks ("" when unknown).
    public var speaker: String = ""
    /// The speaker's role.
    public var role: String = ""
    /// The chapter.
    public var chapter: String = ""
    /// The words said.
    public var quote: String = ""
    /// The recording's link, without a time fragment ("" when unknown).
    public var media: String = ""
    /// A short name the editor gave the select (CSV `label`).
    public var label: String = ""
    /// A note for the editor (CSV `note`).
    public var note: String = ""
    /// Timecode of the media's first frame as the manifest writes it (`10:00:00:00`), "" for 00:00:00:00.
    public var mediaTimecode: String = ""
    /// The media's frame rate as the manifest writes it (`25`, `29.97df`), "" when unknown.
    public var mediaFrameRate: String = ""
    /// End of the interview's last cue, seconds, when known: handles stop there.
    public var interviewEnd: Double?
    /// The passage (document) id in the index, when the select came from a search hit.
    public var document: Int?
    /// The 1-based line of the input the select was read from (0 when made in code).
    public var line: Int = 0

    /// Creates a select of `start`...`end` seconds of `interview`.
    public init(interview: String, start: Double, end: Double) {
        self.interview = interview
        self.start = start
        self.end = end
    }
}

/// How a select's ends are moved before they are turned into frames.
public enum SnapMode: String, Sendable, Hashable, CaseIterable {
    /// Widen to the start and end of the cues the select touches.
    case cue
    /// Widen to the start and end of the passages the select touches.
    case passage
    /// Keep the times as given.
    case none
    /// ``passage`` for a select from a search hit (one with a ``Select/document``), ``cue`` for any other.
    case automatic
}

/// Why selects could not be read or laid out, and where.
public struct SelectsError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The input file ("-" for standard input).
    public var file: String
    /// The 1-based line, or 0 when the problem concerns the whole input.
    public var line: Int
    /// What is wrong and what to do.
    public var message: String

    /// Creates an error.
    public init(file: String, line: Int, _ message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    /// `file:line: message`.
    public var description: String { line > 0 ? "\(file):\(line): \(message)" : "\(file): \(message)" }
}

extension Select {
    /// The select of a search hit: its interview, time range, speaker, role,
    /// chapter, passage text, media link (without its `#t=` fragment) and the
    /// manifest's media `timecode` and `fps` fields.
    public init(_ hit: Hit) {
        self.init(interview: hit.interview, start: hit.start, end: hit.end)
        title = hit.title
        speaker = hit.speaker
        role = hit.role
        chapter = hit.chapter
        quote = hit.text
        media = SelectsReader.withoutFragment(hit.media)
        mediaTimecode = hit.fields["timecode"] ?? ""
        mediaFrameRate = hit.fields["fps"] ?? ""
        document = hit.document
    }
}
