/// One select placed on a ``Timeline``: its source range in the recording and
/// its record range on the timeline, both whole frames at the timeline's rate.
public struct TimelineClip: Sendable, Hashable {
    /// The select the clip was made from (times as given, before handles and frames).
    public var select: Select
    /// The tape name: at most 8 characters (A–Z, 0–9, `_`), unique per interview in the timeline.
    public var reel: String
    /// The timecode of the media's first frame.
    public var mediaStart: Timecode
    /// First frame used, in the media's timecode (``mediaStart`` plus the frames into the recording).
    public var sourceIn: Timecode
    /// The frame after the last one used (exclusive), in the media's timecode.
    public var sourceOut: Timecode
    /// Where the clip starts on the timeline.
    public var recordIn: Timecode
    /// Where the next clip starts (exclusive end).
    public var recordOut: Timecode
    /// The end of the media in its timecode, when the interview's end is known.
    public var mediaEnd: Timecode?

    /// Length in frames.
    public var frames: Int64 { sourceOut.frame - sourceIn.frame }

    /// The clip's name in an editor: the label when the select has one, else
    /// the speaker and the interview.
    public var name: String {
        if !select.label.isEmpty { return select.label }
        let who = select.speaker.isEmpty ? "" : select.speaker + " \u{2013} "
        return who + (select.title.isEmpty ? select.interview : select.title)
    }

    /// The media link, or the interview id when the manifest gives none.
    public var mediaURL: String { select.media.isEmpty ? select.interview : select.media }
}
