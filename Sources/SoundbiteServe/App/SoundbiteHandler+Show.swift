import Soundbite

extension SoundbiteHandler {
    /// `GET /api/show?interview=ID&at=TIME&n=N`: the cues of one interview,
    /// all of them or the `n` (default 5) either side of the one playing at
    /// `at` (seconds, MM:SS or HH:MM:SS.mmm), as ``TranscriptWindow``.
    func show(_ p: QueryParameters) -> HTTPResponse {
        if let bad = p.check(known: ["interview", "at", "n"]) { return bad }
        let radius: Int
        do { radius = try p.int("n", default: 5, in: 0...10_000) } catch { return error.response }
        let index = indexes.current()
        let ids = index.interviewIDs
        guard let id = p["interview"] ?? (ids.count == 1 ? ids[0] : nil) else {
            return .error(400, "missing interview: the index has \(ids.count) interviews, e.g. \(ids.prefix(5).joined(separator: ", "))")
        }
        guard let t = index.transcript(of: id) else {
            return .error(404, "no interview '\(id)' in the index; ids look like: \(ids.prefix(10).joined(separator: ", "))")
        }
        var shown = t.cues.indices
        var current: Int?
        var at: Double?
        if let text = p["at"] {
            guard let time = RecordingTime(text) else {
                return .error(400, "at needs seconds (65.5), MM:SS or HH:MM:SS(.mmm), got '\(text)'")
            }
            if let end = t.cues.last?.end, time.seconds > end {
                return .error(400, "at \(text) is after the end of \(t.id) (\(RecordingTime(seconds: end)))")
            }
            let window = t.window(at: time.seconds, radius: radius)
            (current, shown, at) = (window.current, window.cues, time.seconds)
        }
        return json(TranscriptWindow(interview: t.id, title: t.title, media: t.media, at: at, current: current,
                                     first: shown.lowerBound, total: t.cues.count, cues: Array(t.cues[shown])))
    }
}

/// The answer of `GET /api/show`: `{"interview", "title", "media", "at",
/// "current", "first", "total", "cues"}`. `current` is the position (in the
/// whole transcript) of the cue playing at `at`, `first` that of the first
/// cue given; each cue is `{"speaker", "role", "chapter", "start", "end", "text"}`.
struct TranscriptWindow: Encodable {
    let interview: String
    let title: String
    let media: String
    let at: Double?
    let current: Int?
    let first: Int
    let total: Int
    let cues: [Utterance]
}
