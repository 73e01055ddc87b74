/// Reads a finished edit — a CMX 3600 EDL, an FCPXML (1.8–1.11) or an
/// OpenTimelineIO JSON file — into a ``Cut``: the source range of every
/// clip, in the source's timecode, with the names the file gives its media.
///
/// No input makes it fail, crash or hang: garbage, a truncated file,
/// timecodes that do not fit the frame rate, events out of order or
/// overlapping, transitions and effects it cannot follow each give a warning
/// with the line, and the clips that could be read are kept. At most
/// ``maxClips`` clips are read (a warning says when more were there).
///
/// ```swift
/// let cut = CutReader().read(Array(edlText.utf8), file: "final.edl")
/// for w in cut.warnings { print(w) }
/// let marked = try index.usedRanges(of: [cut])
/// ```
public struct CutReader: Sendable {
    /// The most bytes one file may have (a larger one gives a warning and no clips).
    public var maxBytes: Int = 256 << 20
    /// The most clips read from one file.
    public var maxClips: Int = 100_000
    /// The most warnings kept from one file (then one saying how many more).
    public var maxWarnings: Int = 200
    /// The frame rate of an EDL's timecodes (an EDL does not say): nil reads
    /// them at 29.97 drop frame under `FCM: DROP FRAME` and at 25 otherwise.
    /// FCPXML and OTIO state their rates and ignore this.
    public var edlRate: FrameRate?

    /// Creates a reader with the standard limits.
    public init(edlRate: FrameRate? = nil) { self.edlRate = edlRate }

    /// Reads `bytes` in `format` (detected from the content when nil); `file` names it in warnings.
    public func read(_ bytes: [UInt8], file: String, format: CutFormat? = nil) -> Cut {
        let format = format ?? CutFormat(detecting: bytes.prefix(1024))
        var log = CutLog(file: file, limit: maxWarnings)
        guard bytes.count <= maxBytes else {
            log.warn(0, "the file is \(bytes.count) bytes, more than the limit of \(maxBytes); nothing read")
            return Cut(file: file, format: format, warnings: log.warnings)
        }
        var clips: [CutClip]
        switch format {
        case .edl: clips = EDLReader(rate: edlRate, maxClips: maxClips).read(bytes, log: &log)
        case .fcpxml: clips = FCPXMLReader(maxClips: maxClips).read(bytes, log: &log)
        case .otio: clips = OTIOReader(maxClips: maxClips).read(bytes, log: &log)
        }
        clips.removeAll { c in
            guard c.start.isFinite, c.end.isFinite, c.start >= 0, c.end > c.start else {
                log.warn(c.line, "the clip has no source range (in \(c.start), out \(c.end)); ignored")
                return true
            }
            return false
        }
        if clips.isEmpty && log.warnings.isEmpty { log.warn(0, "no clips found: the file holds no \(format.rawValue) events") }
        return Cut(file: file, format: format, clips: clips, warnings: log.finished)
    }
}

/// The warnings of one file, capped.
struct CutLog {
    let file: String
    let limit: Int
    private(set) var warnings: [Diagnostic] = []
    private var dropped = 0

    init(file: String, limit: Int) {
        self.file = file
        self.limit = max(1, limit)
    }

    mutating func warn(_ line: Int, _ message: String) {
        if warnings.count < limit { warnings.append(Diagnostic(.warning, file: file, line: line, message)) } else { dropped += 1 }
    }

    /// The warnings, with one more saying how many were left out.
    var finished: [Diagnostic] {
        dropped == 0 ? warnings : warnings + [Diagnostic(.warning, file: file, line: 0, "\(dropped) more warnings not shown")]
    }
}
