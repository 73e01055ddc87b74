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

extension Transcript {
    /// The cue playing at `seconds` (the last that starts at or before it;
    /// the first cue when `seconds` is before every cue) and the cues from
    /// `radius` before it to `radius` after it, as `soundbite show --at` shows them.
    package func window(at seconds: Double, radius: Int) -> (current: Int, cues: Range<Int>) {
        let current = cues.lastIndex { $0.start <= seconds } ?? 0
        let radius = max(0, min(radius, cues.count))
        return (current, max(0, current - radius)..<min(cues.count, current + radius + 1))
    }
}
