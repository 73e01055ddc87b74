/// Writes the quotes of a ``Timeline`` as subtitles on the record timeline
/// (the first clip at 00:00:00.000): SubRip (`HH:MM:SS,mmm`, numbered cues,
/// `Speaker: quote`) or WebVTT (`HH:MM:SS.mmm`, `<v Speaker>` voice spans).
/// Cue times are the clips' record frames turned into milliseconds.
enum SubtitleWriter {
    static func srt(_ t: Timeline) -> String {
        var out = ""
        for (k, c) in t.clips.enumerated() {
            out += "\(k + 1)\n"
            out += time(t.recordSeconds(c.recordIn), ",") + " --> " + time(t.recordSeconds(c.recordOut), ",") + "\n"
            let who = c.select.speaker.isEmpty ? "" : MarkupText.oneLine(c.select.speaker) + ": "
            out += who + text(c) + "\n\n"
        }
        return out
    }

    static func webVTT(_ t: Timeline) -> String {
        var out = "WEBVTT\n"
        if !t.title.isEmpty { out += "\nNOTE " + MarkupText.oneLine(t.title).replacingArrows + "\n" }
        for (k, c) in t.clips.enumerated() {
            out += "\nselect-\(k + 1)\n"
            out += time(t.recordSeconds(c.recordIn), ".") + " --> " + time(t.recordSeconds(c.recordOut), ".") + "\n"
            let body = escapeVTT(text(c))
            if c.select.speaker.isEmpty { out += body + "\n" } else {
                out += "<v " + escapeVTT(MarkupText.oneLine(c.select.speaker)) + ">" + body + "\n"
            }
        }
        return out
    }

    /// The quote on one line, or the clip name when there is no quote.
    static func text(_ c: TimelineClip) -> String {
        let q = MarkupText.oneLine(c.select.quote)
        return q.isEmpty ? MarkupText.oneLine(c.name) : q
    }

    static func escapeVTT(_ s: String) -> String {
        var out = ""
        for ch in s.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out.replacingArrows
    }

    /// `HH:MM:SS<sep>mmm` of `seconds`, rounded to the millisecond.
    static func time(_ seconds: Double, _ separator: Character) -> String {
        let ms = Int64((max(0, seconds) * 1000).rounded())
        func two(_ v: Int64) -> String { v < 10 ? "0\(v)" : "\(v)" }
        let f = ms % 1000
        let frac = f < 10 ? "00\(f)" : f < 100 ? "0\(f)" : "\(f)"
        return two(ms / 3_600_000) + ":" + two(ms / 60_000 % 60) + ":" + two(ms / 1000 % 60) + String(separator) + frac
    }
}

private extension String {
    /// `-->` cannot appear in a WebVTT cue or note; it becomes `->`.
    var replacingArrows: String {
        var s = self
        while let r = s.range(of: "-->") { s.replaceSubrange(r, with: "->") }
        return s
    }
}
