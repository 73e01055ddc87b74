/// One recorded interview: its metadata and its timed cues.
public struct Interview: Sendable, Hashable {
    /// Stable identifier (manifest `id`, else the file path without extension).
    public var id: String
    /// The transcript's path relative to its collection folder ("" for in-memory transcripts).
    public var path: String
    /// A human title (manifest `title`, else the id).
    public var title: String
    /// A link to the recording, without a time fragment, or "".
    public var media: String
    /// The recording date as written in the manifest, or "".
    public var date: String
    /// Free facets from the manifest (`school`, `phase`, …), keys lower-cased.
    public var fields: [String: String]
    /// The chapter track, in time order (may be empty).
    public var chapters: [Chapter]
    /// The cues in file order, with speaker, role and chapter resolved.
    public var cues: [Cue]
    /// Identity of the source file, used to detect changes between index runs.
    public var source: SourceFingerprint
    /// The format the transcript was read in (`nil` when the interview was
    /// not read from a transcript).
    public var format: TranscriptFormat?

    /// Creates an interview.
    public init(id: String, path: String = "", title: String = "", media: String = "",
                date: String = "", fields: [String: String] = [:], chapters: [Chapter] = [],
                cues: [Cue] = [], source: SourceFingerprint = SourceFingerprint(),
                format: TranscriptFormat? = nil) {
        self.id = id
        self.path = path
        self.title = title.isEmpty ? id : title
        self.media = media
        self.date = date
        self.fields = fields
        self.chapters = chapters
        self.cues = cues
        self.source = source
        self.format = format
    }
}

/// What identifies the bytes an interview was read from: size and a stamp of
/// the files' status (cheap to compare) and a content hash (decisive).
public struct SourceFingerprint: Sendable, Hashable {
    /// Size in bytes of the transcript file (plus its chapter track, if any).
    public var size: UInt64
    /// A 64-bit hash of what `stat` says about the transcript and its chapter
    /// track: modification time, status-change time (ctime), device and inode.
    /// Any write to a file, a rename onto it or a `touch` sets its ctime to
    /// now, and nothing sets it back, so an update that finds the same size
    /// and stamp knows the bytes are unchanged without reading them; any
    /// other stamp only means "read the files and compare ``hash``".
    public var statStamp: UInt64
    /// A 64-bit content hash of the transcript, chapter track and manifest entry.
    public var hash: UInt64

    /// Creates a fingerprint (all zero for in-memory transcripts).
    public init(size: UInt64 = 0, statStamp: UInt64 = 0, hash: UInt64 = 0) {
        self.size = size
        self.statStamp = statStamp
        self.hash = hash
    }
}
