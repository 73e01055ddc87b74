/// Reads an OpenTimelineIO JSON file as cut clips.
///
/// A `Timeline` (or a `SerializableCollection` of them) is walked through its
/// `tracks` `Stack`, every `Track` (video and audio) and nested `Stack`s down
/// to the `Clip`s. A clip's source range is its `source_range`, else its
/// media reference's `available_range`; times are `RationalTime`s (`value`
/// frames at `rate`). The media is the active reference of a `Clip.2`
/// (`media_references[active_media_reference_key]`) or the `media_reference`
/// of a `Clip.1`: an `ExternalReference`'s `target_url`, an
/// `ImageSequenceReference`'s `target_url_base`. The reel the CMX 3600
/// adapter keeps (`metadata.cmx_3600.reel`) and the interview Soundbite's
/// writer keeps (`metadata.soundbite.interview`) are read too. Gaps,
/// transitions, generators and disabled items use no media. A file cut
/// short keeps the clips before the cut.
struct OTIOReader {
    let maxClips: Int
    /// The deepest JSON nesting read (a timeline of nested stacks 30 deep fits).
    static let maxDepth = 128

    init(maxClips: Int) { self.maxClips = maxClips }

    private struct Walk {
        var clips: [CutClip] = []
        var full = false
        var warnedRate = false
        var warnedTrim = false
    }

    func read(_ bytes: [UInt8], log: inout CutLog) -> [CutClip] {
        let root: JSONValue
        do { root = try JSONReader.parse(bytes, maxDepth: Self.maxDepth) } catch {
            guard let salvaged = JSONSalvage.prefix(bytes, before: error.offset, maxDepth: Self.maxDepth) else {
                log.warn(error.line, "not valid JSON (column \(error.column): \(error.message)); nothing read")
                return []
            }
            log.warn(error.line, "not valid JSON (column \(error.column): \(error.message)); the clips before it are read")
            root = salvaged
        }
        guard Self.schema(root) != nil else {
            log.warn(1, "not OpenTimelineIO: the top object has no OTIO_SCHEMA")
            return []
        }
        var walk = Walk()
        visit(root, line: 1, walk: &walk, log: &log)
        return walk.clips
    }

    /// The schema name without its version (`Clip` for `Clip.2`).
    static func schema(_ v: JSONValue) -> Substring? {
        guard case .string(let s)? = v.member("OTIO_SCHEMA")?.value else { return nil }
        return s.split(separator: ".", maxSplits: 1).first
    }

    private func visit(_ value: JSONValue, line: Int, walk: inout Walk, log: inout CutLog) {
        guard !walk.full, case .object(let members) = value, let schema = Self.schema(value) else { return }
        let line = members.first?.line ?? line
        if case .bool(false)? = value.member("enabled")?.value { return }
        switch schema {
        case "Timeline":
            if let tracks = value.member("tracks") { visit(tracks.value, line: tracks.line, walk: &walk, log: &log) }
        case "SerializableCollection", "Stack", "Track":
            if schema != "SerializableCollection", !walk.warnedTrim, let r = value.member("source_range"), r.value != .null {
                walk.warnedTrim = true
                log.warn(r.line, "\(schema) \u{201C}\(value.member("name")?.value.scalarText ?? "")\u{201D} is trimmed (source_range); its clips are read whole")
            }
            guard case .array(let children)? = value.member("children")?.value else { return }
            for c in children { visit(c, line: line, walk: &walk, log: &log) }
        case "Clip":
            clip(value, line: line, walk: &walk, log: &log)
        default:
            return  // Gap, Transition, markers, effects
        }
    }

    private func clip(_ value: JSONValue, line: Int, walk: inout Walk, log: inout CutLog) {
        var reference = value.member("media_reference")?.value
        if let refs = value.member("media_references")?.value {
            let key = value.member("active_media_reference_key")?.value.scalarText ?? "DEFAULT_MEDIA"
            reference = refs.member(key)?.value ?? reference
        }
        let kind = reference.flatMap(Self.schema) ?? "MissingReference"
        if kind == "GeneratorReference" { return }
        let name = value.member("name")?.value.scalarText ?? ""
        let available = reference?.member("available_range").flatMap { range($0.value, line: $0.line, walk: &walk, log: &log) }
        let source = value.member("source_range").flatMap { range($0.value, line: $0.line, walk: &walk, log: &log) }
        guard let used = source ?? available else {
            log.warn(line, "clip \u{201C}\(name)\u{201D} has neither a source_range nor an available_range; ignored")
            return
        }
        guard walk.clips.count < maxClips else {
            log.warn(line, "more than \(maxClips) clips; the rest are not read")
            walk.full = true
            return
        }
        var clip = CutClip(start: used.lowerBound, end: used.upperBound, line: line)
        clip.name = name
        clip.mediaStart = available?.lowerBound
        clip.sourceName = reference?.member("name")?.value.scalarText ?? ""
        clip.media = reference?.member("target_url")?.value.scalarText ?? reference?.member("target_url_base")?.value.scalarText ?? ""
        let metadata = value.member("metadata")?.value
        clip.interview = metadata?.member("soundbite")?.value.member("interview")?.value.scalarText ?? ""
        clip.reel = metadata?.member("cmx_3600")?.value.member("reel")?.value.scalarText ?? ""
        walk.clips.append(clip)
    }

    /// A `TimeRange` as seconds (nil for `null`; nil with a warning when
    /// malformed). At a supported rate the ends are whole frames, computed as
    /// an EDL of the same timeline gives them.
    private func range(_ value: JSONValue, line: Int, walk: inout Walk, log: inout CutLog) -> Range<Double>? {
        if value == .null { return nil }
        guard let start = value.member("start_time"), let duration = value.member("duration"),
              let s = time(start.value, line: start.line, walk: &walk, log: &log),
              let d = time(duration.value, line: duration.line, walk: &walk, log: &log) else {
            log.warn(line, "not a TimeRange (start_time and duration, each a RationalTime); ignored")
            return nil
        }
        let endValue = s.value + d.value * (s.rate / d.rate)
        guard d.value >= 0, endValue.isFinite else { log.warn(line, "a TimeRange with a negative or endless duration; ignored"); return nil }
        func seconds(_ v: Double) -> Double {
            if let r = FrameRate.all.first(where: { abs($0.framesPerSecond - s.rate) < 1e-6 }), abs(v - v.rounded()) < 1e-6, abs(v) < 1e15 {
                return r.seconds(atFrame: Int64(v.rounded()))
            }
            return v / s.rate
        }
        return seconds(s.value)..<seconds(endValue)
    }

    /// A `RationalTime`: `value` at `rate` per second.
    private func time(_ value: JSONValue, line: Int, walk: inout Walk, log: inout CutLog) -> (value: Double, rate: Double)? {
        guard case .number(let v)? = value.member("value")?.value, case .number(let r)? = value.member("rate")?.value,
              let frames = Double(v), let rate = Double(r), frames.isFinite, rate.isFinite, rate > 0 else { return nil }
        if !walk.warnedRate, !FrameRate.all.contains(where: { abs($0.framesPerSecond - rate) < 0.001 }) {
            walk.warnedRate = true
            log.warn(line, "rate \(r) is not a supported frame rate (\(FrameRate.all.map(\.description).joined(separator: ", "))); times are read as written")
        }
        return (frames, rate)
    }
}
