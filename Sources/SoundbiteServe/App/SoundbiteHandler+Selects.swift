import Soundbite

extension SoundbiteHandler {
    /// `POST /api/selects?format=edl|fcpxml|otio|srt|vtt|csv&fps=&handles=&snap=&title=`
    /// with the body `soundbite selects` reads (search JSON, JSON lines of
    /// hits, or CSV rows): the timeline in that format, as a download.
    func selects(_ p: QueryParameters, body: [UInt8]) -> HTTPResponse {
        if let bad = p.check(known: ["format", "fps", "handles", "snap", "title"]) { return bad }
        let formats = TimelineFormat.allCases.map(\.rawValue)
        guard let name = p["format"] else { return .error(400, "missing format: one of \(formats.joined(separator: ", "))") }
        guard let format = TimelineFormat(rawValue: name) else {
            return .error(400, "format must be one of \(formats.joined(separator: ", ")), got '\(name)'")
        }
        let snap: SnapMode
        do {
            snap = SnapMode(rawValue: try p.choice("snap", ["cue", "passage", "none"], default: SnapMode.automatic.rawValue)!)!
        } catch { return error.response }
        var handles = 0.0
        if let text = p["handles"] {
            guard let h = Double(text), (0...3600).contains(h) else {
                return .error(400, "handles needs seconds from 0 to 3600, got '\(text)'")
            }
            handles = h
        }
        var rate: FrameRate?
        if let text = p["fps"] {
            guard let r = FrameRate(text) else { return .error(400, "fps is not a frame rate this tool knows: '\(text)'") }
            rate = r
        }
        guard !body.isEmpty else {
            return .error(400, "the body is empty: POST the hits (search JSON or JSON lines) or CSV rows interview,start,end")
        }
        let index = indexes.current()
        let timeline: Timeline
        do {
            let selects = try index.resolve(try SelectsReader().read(body, file: "body"), snap: snap, file: "body")
            timeline = try Timeline(selects: selects, options: TimelineOptions(
                rate: rate ?? FrameRate.common(of: selects) ?? .fps25, handles: handles,
                title: p["title"] ?? "Soundbite selects"))
        } catch {
            return .error(400, error.description)
        }
        return HTTPResponse(contentType: Self.contentType(format), body: Array(timeline.render(format).utf8),
                            headers: [("Content-Disposition", "attachment; filename=\"selects.\(format.rawValue)\"")])
    }

    /// The media type of each timeline format.
    static func contentType(_ format: TimelineFormat) -> String {
        switch format {
        case .edl: return "text/plain; charset=utf-8"
        case .fcpxml: return "application/xml; charset=utf-8"
        case .otio: return "application/json; charset=utf-8"
        case .srt: return "application/x-subrip; charset=utf-8"
        case .vtt: return "text/vtt; charset=utf-8"
        case .csv: return "text/csv; charset=utf-8"
        }
    }
}
