/// A titled time range of an interview, from a WebVTT chapters track
/// (`NAME.chapters.vtt`) or from the manifest.
public struct Chapter: Sendable, Hashable {
    /// The chapter title, e.g. "Use of ICT".
    public var title: String
    /// Start time in seconds.
    public var start: Double
    /// End time in seconds (`.infinity` for a chapter that covers the whole interview).
    public var end: Double

    /// Creates a chapter.
    public init(title: String, start: Double, end: Double) {
        self.title = title
        self.start = start
        self.end = end
    }
}
