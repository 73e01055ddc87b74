/// Reads the events of a CMX 3600 EDL as cut clips.
///
/// An event line is `NNN  REEL  TRACK  TRANSITION [DURATION]  SRC-IN SRC-OUT
/// REC-IN REC-OUT`; the `*` lines after it (`* FROM CLIP NAME:`, `* FROM
/// FILE:`, `* SOURCE FILE:`, `* COMMENT: INTERVIEW:`) name its source.
/// `FCM: DROP FRAME` / `FCM: NON-DROP FRAME` set how the following
/// timecodes count; a `;` in a timecode means drop frame too. Dissolves, wipes
/// and keys are read as cuts to their incoming clip (with a warning); the
/// zero-length outgoing half of a transition is dropped; `BL` (black) events
/// use no source. Speed changes (`M2`) are left as written, with a warning.
struct EDLReader {
    let rate: FrameRate?
    let maxClips: Int

    init(rate: FrameRate?, maxClips: Int) {
        self.rate = rate
        self.maxClips = maxClips
    }

    /// An event read so far, with the fields later comment lines add to.
    private struct Event {
        var number: String
        var transition: Bool
        var clip: CutClip
    }

    func read(_ bytes: [UInt8], log: inout CutLog) -> [CutClip] {
        var clips: [CutClip] = []
        var dropFrame = false
        var warnedRate = false
        var current: Event?
        /// The end of the record timeline so far, per track.
        var recordEnd: [String: (frame: Int64, event: String)] = [:]
        var full = false

        func finish(_ e: Event?) {
            guard let e else { return }
            clips.append(e.clip)
        }

        for (k, range) in SelectsReader.lineRanges(bytes).enumerated() {
            let lineNumber = k + 1
            var text = String(decoding: bytes[range], as: UTF8.self)
            if text.hasSuffix("\r") { text.removeLast() }
            let trimmed = text.drop { $0 == " " || $0 == "\t" }
            guard let first = trimmed.first else { continue }
            if first == "*" {
                guard current != nil else { continue }
                let body = trimmed.dropFirst().drop { $0 == " " }
                if let name = Self.value(body, after: "FROM CLIP NAME:") {
                    if !current!.transition || current!.clip.name.isEmpty { current!.clip.name = name }
                } else if let name = Self.value(body, after: "TO CLIP NAME:") {
                    current!.clip.name = name
                } else if let file = Self.value(body, after: "FROM FILE:") ?? Self.value(body, after: "SOURCE FILE:") {
                    current!.clip.media = file
                } else if let comment = Self.value(body, after: "COMMENT:"), let id = Self.value(Substring(comment), after: "INTERVIEW:") {
                    current!.clip.interview = id
                }
                continue
            }
            if let mode = Self.value(trimmed, after: "FCM:") {
                dropFrame = mode.uppercased().hasPrefix("DROP")
                continue
            }
            if Self.value(trimmed, after: "TITLE:") != nil { continue }
            let fields = trimmed.split(whereSeparator: { $0 == " " || $0 == "\t" })
            if fields[0] == "M2" {
                log.warn(lineNumber, "speed change (M2) ignored: the event's source range is read as written")
                continue
            }
            guard fields[0].count <= 6, fields[0].allSatisfy(\.isASCIIDigit) else {
                if fields[0] != "SPLIT:" && fields[0] != "AUD" && !fields[0].hasPrefix(">>>") {
                    log.warn(lineNumber, "not an EDL event or comment; ignored")
                }
                continue
            }
            guard fields.count >= 8 else {
                log.warn(lineNumber, "event \(fields[0]) has \(fields.count) fields, an event needs at least 8 (number, reel, track, transition, 4 timecodes); ignored")
                continue
            }
            if full { continue }
            let number = String(fields[0]), reel = String(fields[1]), track = String(fields[2]), kind = fields[3].uppercased()
            let isCut = kind == "C"
            if !isCut {
                guard kind == "D" || kind.hasPrefix("W") || kind.hasPrefix("K") else {
                    log.warn(lineNumber, "event \(number): transition \u{201C}\(kind)\u{201D} is not C, D, W or K; ignored")
                    continue
                }
                log.warn(lineNumber, "event \(number): transition \(kind) read as a cut to its incoming clip")
            }
            let timecodes = fields.suffix(4).map(String.init)
            // Under FCM: DROP FRAME, and for any timecode written with `;`, frames are counted in drop frame.
            let base = rate ?? (dropFrame ? .fps29_97DF : .fps25)
            let drop = base.dropFrame ? base : FrameRate(base.description + "df")
            if dropFrame, drop == nil, !warnedRate {
                warnedRate = true
                log.warn(lineNumber, "FCM: DROP FRAME, but \(base) fps has no drop-frame timecode; read as non-drop")
            }
            var eventRate = base
            var frames: [Int64] = []
            for t in timecodes {
                eventRate = (dropFrame || t.contains(";")) ? drop ?? base : base
                guard let tc = Timecode(t, rate: eventRate) else { break }
                frames.append(tc.frame)
            }
            guard frames.count == 4 else {
                let bad = timecodes[frames.count]
                log.warn(lineNumber, "event \(number): \u{201C}\(bad)\u{201D} is not a timecode at \(eventRate) fps (HH:MM:SS:FF, frames below \(eventRate.nominal)); give the EDL's frame rate (--fps); event ignored")
                continue
            }
            // The outgoing half of a transition has the same number and no length: it uses nothing.
            if !isCut, let c = current, c.number == number, c.clip.end <= c.clip.start { current = nil }
            finish(current)
            current = nil
            if reel.uppercased() == "BL" || reel.uppercased() == "BLACK" { continue }
            if isCut, frames[3] > frames[2] {
                if let previous = recordEnd[track], frames[2] < previous.frame {
                    log.warn(lineNumber, "event \(number) starts at \(timecodes[2]), before event \(previous.event) ends on track \(track) (overlapping events); both kept")
                }
            }
            if frames[3] > recordEnd[track]?.frame ?? Int64.min { recordEnd[track] = (frames[3], number) }
            if frames[1] < frames[0] {
                log.warn(lineNumber, "event \(number): source out \(timecodes[1]) is before source in \(timecodes[0]); ignored")
                continue
            }
            guard clips.count < maxClips else {
                log.warn(lineNumber, "more than \(maxClips) events; the rest are not read")
                full = true
                continue
            }
            var clip = CutClip(start: eventRate.seconds(atFrame: frames[0]), end: eventRate.seconds(atFrame: frames[1]), line: lineNumber)
            clip.reel = reel
            current = Event(number: number, transition: !isCut, clip: clip)
        }
        finish(current)
        return clips
    }

    /// The trimmed text after `key` when `line` starts with it (ignoring case), else nil.
    static func value(_ line: Substring, after key: String) -> String? {
        guard line.count >= key.count, line.prefix(key.count).uppercased() == key else { return nil }
        return String(line.dropFirst(key.count).drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
