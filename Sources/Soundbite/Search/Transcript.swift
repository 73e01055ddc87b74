/// An interview's transcript as the index holds it: every cue in order,
/// with speaker, role and chapter resolved (see ``SearchIndex/transcript(of:)``).
public struct Transcript: Sendable, Hashable {
    /// The interview id.
    public var id: String
    /// The interview title.
    public var title: String
    /// The link to the recording, without a time fragment, or "".
    public var media: String
    /// The cues, in time order.
    public var cues: [Utterance]

    /// Creates a transcript.
    public init(id: String, title: String, media: String, cues: [Utterance]) {
        self.id = id
        self.title = title
        self.media = media
        self.cues = cues
    }
}
