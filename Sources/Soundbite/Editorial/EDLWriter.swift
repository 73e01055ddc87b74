/// Writes a ``Timeline`` as a CMX 3600 EDL: a title, the frame-count mode
/// (`FCM: DROP FRAME` at 29.97 / 59.94 drop frame, with `;` timecodes), and
/// one cut event per clip on `AA/V`, followed by `* FROM CLIP NAME:`,
/// `* FROM FILE:` and `* COMMENT:` lines (interview, speaker and role, chapter, quote, note;
/// long ones wrapped at 72 characters).
enum EDLWriter {
    /// The widest comment text on one line.
    static let commentWidth = 72

    static func write(_ t: Timeline) -> String {
        var out = "TITLE: " + String(MarkupText.oneLine(t.title).prefix(70)) + "\n"
        out += t.rate.dropFrame ? "FCM: DROP FRAME\n" : "FCM: NON-DROP FRAME\n"
        for (k, c) in t.clips.enumerated() {
            let number = String(k + 1)
            out += "\n" + String(repeating: "0", count: max(0, 3 - number.count)) + number + "  "
            out += pad(c.reel, 8) + " " + pad("AA/V", 5) + " C        "
            out += "\(c.sourceIn) \(c.sourceOut) \(c.recordIn) \(c.recordOut)\n"
            out += "* FROM CLIP NAME: " + MarkupText.oneLine(c.name) + "\n"
            out += "* FROM FILE: " + MarkupText.oneLine(c.mediaURL) + "\n"
            let s = c.select
            let who = s.speaker.isEmpty ? (s.role.isEmpty ? "" : "ROLE: " + s.role)
                : "SPEAKER: " + s.speaker + (s.role.isEmpty ? "" : " (" + s.role + ")")
            let about = ["INTERVIEW: " + s.interview, who, s.chapter.isEmpty ? "" : "CHAPTER: " + s.chapter,
                         s.quote.isEmpty ? "" : "QUOTE: " + s.quote, s.note.isEmpty ? "" : "NOTE: " + s.note]
            for text in about where !text.isEmpty {
                for line in wrap(MarkupText.oneLine(text), width: commentWidth) { out += "* COMMENT: " + line + "\n" }
            }
        }
        return out
    }

    static func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s : s + String(repeating: " ", count: n - s.count) }

    /// Words of `text` in lines of at most `width` characters (a longer word is cut).
    static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            var w = Substring(word)
            while w.count > width {
                if !line.isEmpty { lines.append(line); line = "" }
                lines.append(String(w.prefix(width)))
                w = w.dropFirst(width)
            }
            if w.isEmpty { continue }
            if line.isEmpty { line = String(w) } else if line.count + 1 + w.count <= width { line += " " + w } else {
                lines.append(line); line = String(w)
            }
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }
}
