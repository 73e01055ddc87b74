/// A finished edit as ``CutReader`` reads it: the source ranges its clips
/// use, with what names their media, and the problems met reading it.
///
/// A cut is what `soundbite used` marks in an index
/// (``SearchIndex/usedRanges(of:)`` maps its clips to interviews).
public struct Cut: Sendable, Hashable {
    /// The file the cut was read from (as given to the reader).
    public var file: String
    /// The format the cut was read as.
    public var format: CutFormat
    /// The clips, in file order.
    public var clips: [CutClip]
    /// Problems met reading the file: every one names its line (0 for the
    /// whole file). Nothing in a bad file is fatal: the clips that could be
    /// read are kept.
    public var warnings: [Diagnostic]

    /// Creates a cut.
    public init(file: String = "", format: CutFormat, clips: [CutClip] = [], warnings: [Diagnostic] = []) {
        self.file = file
        self.format = format
        self.clips = clips
        self.warnings = warnings
    }
}

/// One clip of a finished edit: a stretch of one source, in the source's
/// own timecode, and every name the file gives that source.
public struct CutClip: Sendable, Hashable {
    /// The clip's name (EDL `* FROM CLIP NAME:`, FCPXML `name`, OTIO `name`; "" when none).
    public var name: String = ""
    /// The EDL reel (tape name; "" in other formats).
    public var reel: String = ""
    /// The media link or path (EDL `* FROM FILE:` / `* SOURCE FILE:`, FCPXML
    /// `media-rep` or `src`, OTIO `target_url`; "" when none).
    public var media: String = ""
    /// The asset's or media reference's own name (FCPXML asset `name`, OTIO reference `name`; "" when none).
    public var sourceName: String = ""
    /// The interview id the file itself records, as Soundbite's writers do
    /// (EDL `* COMMENT: INTERVIEW:`, OTIO `metadata.soundbite.interview`; "" when none).
    public var interview: String = ""
    /// First frame used, in seconds of the source's timecode (10:00:00:00 is 36,000 s).
    public var start: Double
    /// End of the last frame used (exclusive), in seconds of the source's timecode.
    public var end: Double
    /// The source's first frame in seconds of its timecode, when the file
    /// says (FCPXML asset `start`, OTIO `available_range`); nil otherwise.
    public var mediaStart: Double?
    /// The 1-based line the clip is on.
    public var line: Int

    /// Creates a clip using `start..<end` seconds of source timecode.
    public init(start: Double, end: Double, line: Int = 0) {
        self.start = start
        self.end = end
        self.line = line
    }
}

/// The formats of a finished edit that ``CutReader`` reads.
public enum CutFormat: String, Sendable, Hashable, CaseIterable {
    /// CMX 3600 edit decision list.
    case edl
    /// Final Cut Pro XML, versions 1.8 to 1.11.
    case fcpxml
    /// OpenTimelineIO JSON.
    case otio

    /// The format a file's first bytes show: `<` (after space and a byte
    /// order mark) is FCPXML, `{` OpenTimelineIO, anything else an EDL.
    public init(detecting bytes: some Collection<UInt8>) {
        var it = bytes.drop { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D || $0 == 0xEF || $0 == 0xBB || $0 == 0xBF }
        switch it.popFirst() {
        case UInt8(ascii: "<"): self = .fcpxml
        case UInt8(ascii: "{"): self = .otio
        default: self = .edl
        }
    }
}
