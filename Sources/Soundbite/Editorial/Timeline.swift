/// Selects laid end to end on a record timeline, in order, at one frame
/// rate: the value every timeline writer (EDL, FCPXML, OTIO, SRT, WebVTT,
/// CSV) renders.
///
/// Every time becomes a frame by rounding the absolute time
/// (``FrameRate/frame(atSeconds:)``), and record positions are sums of whole
/// frames, so a 3-hour timeline ends on exactly the frame its clips add up to.
///
/// ```swift
/// let selects = try SelectsReader().read(searchJSON, file: "hits.json")
/// let timeline = try Timeline(selects: selects, options: TimelineOptions(rate: .fps25, handles: 1))
/// print(timeline.render(.edl))
/// ```
public struct Timeline: Sendable, Hashable {
    /// The timeline's name (EDL `TITLE:`, FCPXML project, OTIO timeline).
    public var title: String
    /// The frame rate of the timeline and of every timecode in it.
    public var rate: FrameRate
    /// The record timecode of the first frame.
    public var recordStart: Timecode
    /// The clips, in order.
    public var clips: [TimelineClip]

    /// The record timecode after the last clip.
    public var recordEnd: Timecode { clips.last?.recordOut ?? recordStart }

    /// Lays out `selects` in order.
    ///
    /// Each select is widened by ``TimelineOptions/handles`` seconds at both
    /// ends, clamped to 0 and to the interview's end when known; its ends are
    /// rounded to frames (at least one frame long). A select's media start
    /// timecode and frame rate come from its ``Select/mediaTimecode`` and
    /// ``Select/mediaFrameRate`` (manifest `timecode` and `fps`); a timecode at
    /// another rate is converted through its time.
    /// - Throws: ``SelectsError`` for a media timecode or frame rate that cannot be read.
    public init(selects: [Select], options: TimelineOptions = TimelineOptions(), file: String = "") throws(SelectsError) {
        title = options.title
        rate = options.rate
        recordStart = Timecode(frame: options.recordStart.frame, rate: options.rate)
        clips = []
        clips.reserveCapacity(selects.count)
        var reels = ReelNames()
        var record = recordStart.frame
        for s in selects {
            let mediaStart = try Self.mediaStart(of: s, rate: rate, file: file)
            let handles = options.handles.isFinite ? max(0, options.handles) : 0
            var lo = max(0, s.start - handles), hi = s.end + handles
            if let end = s.interviewEnd, end.isFinite, end > 0 { hi = min(hi, max(end, s.end)); lo = min(lo, s.start) }
            let first = rate.frame(atSeconds: lo)
            let last = max(first + 1, rate.frame(atSeconds: hi))
            let length = last - first
            let clip = TimelineClip(
                select: s, reel: reels.name(for: s.interview),
                mediaStart: mediaStart,
                sourceIn: Timecode(frame: mediaStart.frame + first, rate: rate),
                sourceOut: Timecode(frame: mediaStart.frame + last, rate: rate),
                recordIn: Timecode(frame: record, rate: rate),
                recordOut: Timecode(frame: record + length, rate: rate),
                mediaEnd: s.interviewEnd.map { Timecode(frame: mediaStart.frame + max(last, rate.frame(atSeconds: $0)), rate: rate) })
            record += length
            clips.append(clip)
        }
    }

    /// The media's first frame at `rate`, from the select's manifest timecode and frame rate.
    static func mediaStart(of s: Select, rate: FrameRate, file: String) throws(SelectsError) -> Timecode {
        var mediaRate = rate
        if !s.mediaFrameRate.isEmpty {
            guard let r = FrameRate(s.mediaFrameRate) else {
                throw SelectsError(file: file, line: s.line,
                    "interview \(s.interview): fps \u{201C}\(s.mediaFrameRate)\u{201D} is not a frame rate (use one of \(FrameRate.all.map(\.description).joined(separator: ", ")))")
            }
            mediaRate = r
        }
        guard !s.mediaTimecode.isEmpty else { return Timecode(frame: 0, rate: rate) }
        guard let tc = Timecode(s.mediaTimecode, rate: mediaRate) else {
            throw SelectsError(file: file, line: s.line,
                "interview \(s.interview): timecode \u{201C}\(s.mediaTimecode)\u{201D} is not HH:MM:SS:FF at \(mediaRate) fps")
        }
        if mediaRate.numerator == rate.numerator && mediaRate.denominator == rate.denominator {
            return Timecode(frame: tc.frame, rate: rate)
        }
        return Timecode(seconds: tc.seconds, rate: rate)
    }
}

/// How selects are laid out on a ``Timeline``.
public struct TimelineOptions: Sendable, Hashable {
    /// The timeline's frame rate.
    public var rate: FrameRate
    /// Seconds added before and after each select (clamped to the media).
    public var handles: Double
    /// The timeline's name.
    public var title: String
    /// The record timecode of the first frame (01:00:00:00 by default, as editors start sequences).
    public var recordStart: Timecode

    /// Creates options.
    public init(rate: FrameRate = .fps25, handles: Double = 0, title: String = "Soundbite selects",
                recordStart: Timecode? = nil) {
        self.rate = rate
        self.handles = handles
        self.title = title
        self.recordStart = recordStart ?? Timecode(frame: 3600 * rate.nominal - (rate.dropFrame ? rate.droppedPerMinute * 54 : 0), rate: rate)
    }
}

/// Gives each interview a reel name of at most 8 characters, unique in one timeline.
struct ReelNames {
    private var byInterview: [String: String] = [:]
    private var used: Set<String> = []

    /// The reel of `interview`: its id in capitals, letters and digits only,
    /// cut to 8 characters; a clash ends in a number instead.
    mutating func name(for interview: String) -> String {
        if let known = byInterview[interview] { return known }
        let base = Self.letters(of: interview)
        var name = String(base.prefix(8))
        var n = 1
        while used.contains(name) {
            n += 1
            let suffix = String(n)
            name = String(base.prefix(8 - suffix.count)) + suffix
        }
        used.insert(name)
        byInterview[interview] = name
        return name
    }

    /// The reel `interview` gets when nothing clashes: its letters, digits and `_`, in capitals, cut to 8.
    static func base(for interview: String) -> String { String(Self.letters(of: interview).prefix(8)) }

    /// The id in capitals, letters, digits and `_` only ("REEL" when none are left).
    private static func letters(of interview: String) -> String {
        var base = ""
        for u in interview.unicodeScalars {
            switch u {
            case "a"..."z": base.unicodeScalars.append(Unicode.Scalar(u.value - 32)!)
            case "A"..."Z", "0"..."9", "_": base.unicodeScalars.append(u)
            default: continue
            }
        }
        return base.isEmpty ? "REEL" : base
    }
}
