/// The file formats a ``Timeline`` is written in.
public enum TimelineFormat: String, Sendable, Hashable, CaseIterable {
    /// CMX 3600 edit decision list.
    case edl
    /// Final Cut Pro XML 1.10.
    case fcpxml
    /// OpenTimelineIO JSON (`.otio`).
    case otio
    /// SubRip subtitles of the quotes on the record timeline.
    case srt
    /// WebVTT captions of the quotes on the record timeline.
    case vtt
    /// A table for researchers (RFC 4180).
    case csv

    /// The usual file extension.
    public var fileExtension: String { rawValue }
}

extension Timeline {
    /// The timeline as the text of a file in `format`.
    public func render(_ format: TimelineFormat) -> String {
        switch format {
        case .edl: return EDLWriter.write(self)
        case .fcpxml: return FCPXMLWriter.write(self)
        case .otio: return OTIOWriter.write(self)
        case .srt: return SubtitleWriter.srt(self)
        case .vtt: return SubtitleWriter.webVTT(self)
        case .csv: return SelectsCSVWriter.write(self)
        }
    }

    /// Record time in seconds from the start of the timeline (0 at ``recordStart``).
    func recordSeconds(_ tc: Timecode) -> Double { rate.seconds(atFrame: tc.frame - recordStart.frame) }
}
