/// Writes a ``Timeline`` as a CSV table for researchers (RFC 4180: CRLF line
/// ends, fields quoted when needed): one row per clip with the quote, who
/// says it, where it is in the interview (seconds and source timecode), where
/// it is on the timeline, and a media link that opens at the quote.
enum SelectsCSVWriter {
    static let header = ["clip", "quote", "speaker", "role", "chapter", "interview", "title", "label", "note",
                         "start", "end", "source_in", "source_out", "record_in", "record_out", "media"]

    static func write(_ t: Timeline) -> String {
        var out = header.joined(separator: ",") + "\r\n"
        for (k, c) in t.clips.enumerated() {
            let s = c.select
            let start = t.rate.seconds(atFrame: c.sourceIn.frame - c.mediaStart.frame)
            let end = t.rate.seconds(atFrame: c.sourceOut.frame - c.mediaStart.frame)
            let link = s.media.isEmpty ? "" : s.media + "#t=" + seconds(start)
            let row = [String(k + 1), s.quote, s.speaker, s.role, s.chapter, s.interview, s.title, s.label, s.note,
                       seconds(start), seconds(end), c.sourceIn.description, c.sourceOut.description,
                       c.recordIn.description, c.recordOut.description, link]
            out += row.map(CSV.field).joined(separator: ",") + "\r\n"
        }
        return out
    }

    /// Seconds with up to 3 decimals, no trailing zeros (`12.5`, `3`).
    static func seconds(_ v: Double) -> String {
        let ms = Int64((v * 1000).rounded())
        let whole = String(ms / 1000)
        var frac = String(ms % 1000)
        if ms % 1000 == 0 { return whole }
        frac = String(repeating: "0", count: 3 - frac.count) + frac
        while frac.hasSuffix("0") { frac.removeLast() }
        return whole + "." + frac
    }
}
