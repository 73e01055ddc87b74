/// Finds the interview of each clip of a cut, and turns its source range
/// (in the media's timecode) into seconds of the recording.
///
/// A clip is matched by the first of these that names exactly one interview:
/// the interview id the file records (Soundbite's own EDL comments and OTIO
/// metadata); its media link or path, whole or by file name (with or without
/// extension), against the interviews' media links, transcript paths and ids;
/// the asset's or reference's name; the EDL reel, against ids and the
/// 8-character reels ``Timeline`` makes (when only one interview makes that
/// reel); the clip name, against ids, titles and `Speaker – Title` names. A
/// clip that names no interview, or only several, is reported and not marked:
/// nothing is guessed.
///
/// The media's first frame comes from the interview's manifest `timecode` at
/// its `fps`; without `timecode`, from the file itself (an FCPXML asset's
/// `start`, an OTIO `available_range`); else 00:00:00:00.
struct CutMatcher {
    struct Target {
        let id: String
        let mediaStart: Double?
        let end: Double
    }

    private var targets: [Target] = []
    /// Lower-cased key → interview indices.
    private var byID: [String: [Int]] = [:]
    private var byMedia: [String: [Int]] = [:]
    private var byReel: [String: [Int]] = [:]
    private var byName: [String: [Int]] = [:]

    init(_ reader: IndexReader) {
        for (k, r) in reader.interviews.enumerated() {
            let id = reader.string(r.id), media = reader.string(r.media), path = reader.string(r.path), title = reader.string(r.title)
            let (timecode, fps) = reader.mediaTiming(of: r)
            targets.append(Target(id: id, mediaStart: Self.mediaStart(timecode: timecode, fps: fps), end: Self.end(reader, r)))
            func add(_ table: inout [String: [Int]], _ key: String) {
                let key = key.lowercased()
                guard !key.isEmpty else { return }
                if table[key]?.last != k { table[key, default: []].append(k) }
            }
            add(&byID, id)
            for m in [SelectsReader.withoutFragment(media), path] where !m.isEmpty {
                add(&byMedia, m)
                add(&byMedia, Self.fileName(m))
                add(&byMedia, Self.stem(Self.fileName(m)))
            }
            add(&byMedia, id)
            add(&byReel, id)
            add(&byReel, ReelNames.base(for: id))
            add(&byName, id)
            add(&byName, title)
        }
    }

    /// The interview of `clip` and the clip's range in seconds of its
    /// recording; otherwise why not, as a warning.
    func match(_ clip: CutClip) -> Result<(interview: String, range: Range<Double>), Unmatched> {
        guard clip.start.isFinite, clip.end.isFinite, clip.start < clip.end else { return .failure(Unmatched(ambiguous: [], empty: true)) }
        var candidates: [[Int]] = []
        func lookUp(_ table: [String: [Int]], _ key: String) -> Int? {
            let key = key.lowercased()
            guard !key.isEmpty, let found = table[key] else { return nil }
            if found.count == 1 { return found[0] }
            candidates.append(found)
            return nil
        }
        let media = SelectsReader.withoutFragment(clip.media)
        let name = clip.name
        let dash = name.range(of: " \u{2013} ").map { String(name[$0.upperBound...]) } ?? ""
        let found = lookUp(byID, clip.interview)
            ?? lookUp(byMedia, media) ?? lookUp(byMedia, Self.fileName(media)) ?? lookUp(byMedia, Self.stem(Self.fileName(media)))
            ?? lookUp(byMedia, clip.sourceName) ?? lookUp(byName, clip.sourceName)
            ?? lookUp(byReel, clip.reel)
            ?? lookUp(byName, name) ?? lookUp(byName, dash)
        guard let k = found else {
            let ambiguous = Array(Set(candidates.flatMap { $0 })).sorted().map { targets[$0].id }
            return .failure(Unmatched(ambiguous: ambiguous, empty: false))
        }
        let t = targets[k]
        var origin = t.mediaStart ?? clip.mediaStart ?? 0
        if !origin.isFinite || abs(origin) > FrameRate.maxSeconds { origin = 0 }
        let lo = clip.start - origin, hi = clip.end - origin
        return .success((t.id, lo..<max(lo, hi)))
    }

    /// Why a clip was not matched: the interviews it could be (empty when none).
    struct Unmatched: Error {
        var ambiguous: [String]
        /// The clip has no source range to mark.
        var empty: Bool
    }

    /// The end of the interview's last cue (0 without cues).
    func end(of interview: String) -> Double { targets.first { $0.id == interview }?.end ?? 0 }

    /// The media's first frame in seconds from the manifest's `timecode` and
    /// `fps` (nil without a timecode; a timecode without a usable `fps` is
    /// read at 25, 30 or 60 fps, the first its frames fit).
    static func mediaStart(timecode: String, fps: String) -> Double? {
        guard !timecode.isEmpty else { return nil }
        if let rate = FrameRate(fps), let tc = Timecode(timecode, rate: rate) { return tc.seconds }
        for rate in [FrameRate.fps25, .fps30, .fps59_94] {
            if let tc = Timecode(timecode, rate: timecode.contains(";") ? (rate.nominal == 25 ? .fps29_97DF : .fps59_94DF) : rate) { return tc.seconds }
        }
        return nil
    }

    private static func end(_ reader: IndexReader, _ r: InterviewRecord) -> Double {
        guard r.cueCount > 0 else { return 0 }
        var end = 0.0
        for c in Int(r.cueStart)..<(Int(r.cueStart) + Int(r.cueCount)) { end = max(end, reader.cue(c).end) }
        return end
    }

    /// The last path component of a path or URL (`file:///m/a%20b.mov` → `a b.mov`).
    static func fileName(_ s: String) -> String {
        let last = s.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? s
        return percentDecoded(last)
    }

    /// `%XX` escapes decoded (as UTF-8); text with a broken escape is kept as written.
    static func percentDecoded(_ s: String) -> String {
        guard s.contains("%") else { return s }
        var out: [UInt8] = []
        let bytes = Array(s.utf8)
        var i = 0
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "%"), i + 2 < bytes.count, let h = ASCII.hexValue(bytes[i + 1]), let l = ASCII.hexValue(bytes[i + 2]) {
                out.append(h << 4 | l)
                i += 3
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// A file name without its extension.
    static func stem(_ name: String) -> String {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
        return String(name[..<dot])
    }
}
