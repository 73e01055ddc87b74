/// Writes a ``Timeline`` as OpenTimelineIO JSON: `Timeline.1` → `Stack.1` →
/// one video `Track.1` of `Clip.2`s, each with an `ExternalReference.1`
/// (`target_url`, `available_range` when the interview's end is known) and a
/// `source_range` in the media's timecode; `RationalTime.1` values are whole
/// frames at the timeline rate. Speaker, role, chapter, quote, label and note
/// are kept under each clip's `metadata.soundbite`.
enum OTIOWriter {
    /// A JSON value with ordered keys, written with indentation.
    private indirect enum Node {
        case raw(String)
        case object([(String, Node)])
        case array([Node])

        static func string(_ s: String) -> Node { .raw(MarkupText.json(s)) }

        func write(into out: inout String, indent: Int) {
            let pad = String(repeating: " ", count: indent + 4), close = String(repeating: " ", count: indent)
            switch self {
            case .raw(let s): out += s
            case .array(let items):
                if items.isEmpty { out += "[]"; return }
                out += "[\n"
                for (k, v) in items.enumerated() {
                    out += pad
                    v.write(into: &out, indent: indent + 4)
                    out += k + 1 < items.count ? ",\n" : "\n"
                }
                out += close + "]"
            case .object(let pairs):
                if pairs.isEmpty { out += "{}"; return }
                out += "{\n"
                for (k, (key, v)) in pairs.enumerated() {
                    out += pad + MarkupText.json(key) + ": "
                    v.write(into: &out, indent: indent + 4)
                    out += k + 1 < pairs.count ? ",\n" : "\n"
                }
                out += close + "}"
            }
        }
    }

    static func write(_ t: Timeline) -> String {
        let rateText = "\(t.rate.framesPerSecond)"
        func time(_ frames: Int64) -> Node {
            .object([("OTIO_SCHEMA", .string("RationalTime.1")), ("rate", .raw(rateText)), ("value", .raw("\(Double(frames))"))])
        }
        func range(_ start: Int64, _ duration: Int64) -> Node {
            .object([("OTIO_SCHEMA", .string("TimeRange.1")), ("duration", time(duration)), ("start_time", time(start))])
        }
        let common: [(String, Node)] = [("effects", .array([])), ("markers", .array([])), ("enabled", .raw("true"))]
        let clips: [Node] = t.clips.map { c in
            let s = c.select
            let available: Node = c.mediaEnd.map { range(c.mediaStart.frame, $0.frame - c.mediaStart.frame) } ?? .raw("null")
            let reference: Node = .object([
                ("OTIO_SCHEMA", .string("ExternalReference.1")), ("metadata", .object([])), ("name", .string(s.interview)),
                ("available_range", available), ("available_image_bounds", .raw("null")), ("target_url", .string(c.mediaURL)),
            ])
            let about: [(String, Node)] = [
                ("interview", .string(s.interview)), ("title", .string(s.title)), ("speaker", .string(s.speaker)),
                ("role", .string(s.role)), ("chapter", .string(s.chapter)), ("quote", .string(s.quote)),
                ("label", .string(s.label)), ("note", .string(s.note)), ("reel", .string(c.reel)),
                ("start", .raw("\(s.start)")), ("end", .raw("\(s.end)")),
            ]
            return .object([
                ("OTIO_SCHEMA", .string("Clip.2")), ("metadata", .object([("soundbite", .object(about))])),
                ("name", .string(MarkupText.oneLine(c.name))), ("source_range", range(c.sourceIn.frame, c.frames)),
            ] + common + [
                ("media_references", .object([("DEFAULT_MEDIA", reference)])),
                ("active_media_reference_key", .string("DEFAULT_MEDIA")),
            ])
        }
        let track: Node = .object([
            ("OTIO_SCHEMA", .string("Track.1")), ("metadata", .object([])), ("name", .string("V1")),
            ("source_range", .raw("null")),
        ] + common + [("children", .array(clips)), ("kind", .string("Video"))])
        let stack: Node = .object([
            ("OTIO_SCHEMA", .string("Stack.1")), ("metadata", .object([])), ("name", .string("tracks")),
            ("source_range", .raw("null")),
        ] + common + [("children", .array([track]))])
        let timeline: Node = .object([
            ("OTIO_SCHEMA", .string("Timeline.1")),
            ("metadata", .object([("soundbite", .object([("frame_rate", .string(t.rate.description))]))])),
            ("name", .string(t.title)), ("global_start_time", time(t.recordStart.frame)), ("tracks", stack),
        ])
        var out = ""
        timeline.write(into: &out, indent: 0)
        return out + "\n"
    }
}
