/// Escaping for the text formats the timeline writers produce.
package enum MarkupText {
    /// `text` as a JSON string literal, quotes included.
    package static func json(_ text: String) -> String {
        var s = "\""
        for u in text.unicodeScalars {
            switch u {
            case "\"": s += "\\\""
            case "\\": s += "\\\\"
            case "\n": s += "\\n"
            case "\r": s += "\\r"
            case "\t": s += "\\t"
            default:
                if u.value < 0x20 {
                    let h = String(u.value, radix: 16)
                    s += "\\u" + String(repeating: "0", count: 4 - h.count) + h
                } else {
                    s.unicodeScalars.append(u)
                }
            }
        }
        return s + "\""
    }

    /// `text` for an XML attribute value or element content (`&`, `<`, `>`, `"`, `'` escaped;
    /// control characters other than tab and line ends dropped, as XML 1.0 forbids them).
    package static func xml(_ text: String) -> String {
        var s = ""
        for u in text.unicodeScalars {
            switch u {
            case "&": s += "&amp;"
            case "<": s += "&lt;"
            case ">": s += "&gt;"
            case "\"": s += "&quot;"
            case "'": s += "&apos;"
            case "\t", "\n": s.unicodeScalars.append(u)
            case "\r": s += "&#13;"
            default:
                if u.value >= 0x20 && u.value != 0xFFFE && u.value != 0xFFFF { s.unicodeScalars.append(u) }
            }
        }
        return s
    }

    /// `text` on one line: line ends and tabs become spaces, runs of spaces one space, ends trimmed.
    package static func oneLine(_ text: String) -> String {
        var s = ""
        var space = false
        for u in text.unicodeScalars {
            if u == " " || u == "\n" || u == "\r" || u == "\t" || u.value < 0x20 {
                space = !s.isEmpty
            } else {
                if space { s += " "; space = false }
                s.unicodeScalars.append(u)
            }
        }
        return s
    }
}
