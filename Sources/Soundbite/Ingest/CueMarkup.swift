/// Removes markup from cue text: WebVTT tags (`<v Name>`, `<i>`, `<c.x>`,
/// `<lang en>`, `<ruby><rt>`, inner timestamps `<00:01.500>`, closing tags),
/// SRT tags (`<font …>`, `{\an8}`), and decodes character references
/// (`&amp; &lt; &gt; &quot; &apos; &nbsp;` and `&#233; &#xE9;`; `&nbsp;`
/// becomes a plain space, the invisible marks `&lrm; &rlm;` are dropped).
/// Runs of white space become one space and the ends are trimmed.
///
/// A `<` that starts a tag but has no `>` before the next `<` is dropped and
/// the text after it kept (reported as ``Result/unclosedTag``). Linear time.
enum CueMarkup {
    /// Clean text and what the markup said.
    struct Result: Sendable, Hashable {
        /// The text without markup.
        var text: String
        /// The annotation of the first voice span (`<v Ruth Okafor>` → "Ruth Okafor").
        var voice: String?
        /// A tag was opened with `<` but never closed with `>`.
        var unclosedTag: Bool
        /// Tags were nested deeper than the limit (the text is still clean).
        var tooDeep: Bool
    }

    /// Cleans `text`; `srtBraces` also strips SSA overrides like `{\an8}`.
    static func clean(_ text: String, maxTagDepth: Int = 32, srtBraces: Bool = false) -> Result {
        let bytes = Array(text.utf8)
        let n = bytes.count
        var out: [UInt8] = []
        out.reserveCapacity(n)
        var voice: String?
        var depth = 0
        var unclosed = false
        var tooDeep = false
        var i = 0
        while i < n {
            let b = bytes[i]
            if b == UInt8(ascii: "<"), i + 1 < n, isTagStart(bytes[i + 1]) {
                var j = i + 1
                while j < n, bytes[j] != UInt8(ascii: ">"), bytes[j] != UInt8(ascii: "<") { j += 1 }
                guard j < n, bytes[j] == UInt8(ascii: ">") else {
                    // `<3` and the like are text; `<i` without `>` is a broken tag.
                    if bytes[i + 1] >= 0x30 && bytes[i + 1] <= 0x39 {
                        out.append(b)
                    } else {
                        unclosed = true
                    }
                    i += 1
                    continue
                }
                let content = bytes[(i + 1)..<j]
                let first = bytes[i + 1]
                if first == UInt8(ascii: "/") {
                    depth = max(0, depth - 1)
                } else if first >= 0x30 && first <= 0x39 {
                    // An inner timestamp: nothing to keep.
                } else {
                    depth += 1
                    if depth > maxTagDepth { tooDeep = true; depth = maxTagDepth }
                    var k = content.startIndex
                    while k < content.endIndex, !isSpace(content[k]), content[k] != UInt8(ascii: ".") { k += 1 }
                    let name = content[content.startIndex..<k]
                    if voice == nil, name.count == 1, name.first == UInt8(ascii: "v") || name.first == UInt8(ascii: "V") {
                        while k < content.endIndex, !isSpace(content[k]) { k += 1 }
                        let annotation = String(decoding: content[k...], as: UTF8.self)
                        let decoded = clean(annotation, maxTagDepth: maxTagDepth).text
                        if !decoded.isEmpty { voice = decoded }
                    }
                }
                i = j + 1
            } else if b == UInt8(ascii: "&") {
                if let (scalarBytes, length) = entity(bytes, at: i) {
                    out.append(contentsOf: scalarBytes)
                    i += length
                } else {
                    out.append(b)
                    i += 1
                }
            } else if srtBraces, b == UInt8(ascii: "{"), i + 1 < n, bytes[i + 1] == UInt8(ascii: "\\") {
                var j = i + 2
                while j < n, bytes[j] != UInt8(ascii: "}"), bytes[j] != UInt8(ascii: "{") { j += 1 }
                if j < n, bytes[j] == UInt8(ascii: "}") { i = j + 1 } else { out.append(b); i += 1 }
            } else {
                out.append(b)
                i += 1
            }
        }
        return Result(text: collapseSpace(out), voice: voice, unclosedTag: unclosed, tooDeep: tooDeep)
    }

    /// Collapses runs of ASCII white space to one space and trims the ends.
    static func collapseSpace(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var pendingSpace = false
        for b in bytes {
            if isSpace(b) {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.append(0x20); pendingSpace = false }
                out.append(b)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Collapses white space in a string (see ``collapseSpace(_:)-([UInt8])``).
    static func collapseSpace(_ text: String) -> String {
        collapseSpace(Array(text.utf8))
    }

    /// Whether `b` is ASCII white space (space, tab, LF, CR, FF).
    @inline(__always) static func isSpace(_ b: UInt8) -> Bool {
        b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0C
    }

    @inline(__always) private static func isTagStart(_ b: UInt8) -> Bool {
        (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A || b == UInt8(ascii: "/") || (b >= 0x30 && b <= 0x39)
    }

    /// Decodes the character reference at `i` (which holds `&`): the UTF-8 of
    /// its replacement and the bytes it spans, or `nil` if it is not one.
    private static func entity(_ bytes: [UInt8], at i: Int) -> ([UInt8], Int)? {
        let n = bytes.count
        var j = i + 1
        while j < n, j - i <= 12, bytes[j] != UInt8(ascii: ";") {
            let c = bytes[j]
            let ok = (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A || (c >= 0x30 && c <= 0x39) || c == UInt8(ascii: "#")
            if !ok { return nil }
            j += 1
        }
        guard j < n, bytes[j] == UInt8(ascii: ";"), j > i + 1 else { return nil }
        let body = bytes[(i + 1)..<j]
        let length = j - i + 1
        if body.first == UInt8(ascii: "#") {
            var k = body.startIndex + 1
            var hex = false
            if k < body.endIndex, body[k] | 0x20 == UInt8(ascii: "x") { hex = true; k += 1 }
            guard k < body.endIndex else { return nil }
            var value: UInt32 = 0
            var digits = 0
            while k < body.endIndex {
                let c = body[k]
                let d: UInt32
                if c >= 0x30 && c <= 0x39 { d = UInt32(c - 0x30) }
                else if hex, (c | 0x20) >= 0x61, (c | 0x20) <= 0x66 { d = UInt32((c | 0x20) - 0x61 + 10) }
                else { return nil }
                digits += 1
                if digits > 8 { return nil }
                value = value * (hex ? 16 : 10) + d
                k += 1
            }
            let scalar = value == 0 ? nil : Unicode.Scalar(value)
            return (Array(String(Character(scalar ?? "\u{FFFD}")).utf8), length)
        }
        switch String(decoding: body, as: UTF8.self) {
        case "amp": return ([UInt8(ascii: "&")], length)
        case "lt": return ([UInt8(ascii: "<")], length)
        case "gt": return ([UInt8(ascii: ">")], length)
        case "quot": return ([UInt8(ascii: "\"")], length)
        case "apos": return ([UInt8(ascii: "'")], length)
        case "nbsp": return ([0x20], length)
        case "lrm", "rlm": return ([], length)
        default: return nil
        }
    }
}

extension CueMarkup {
    /// A timed cue's text and speaker, the same way in WebVTT and SRT: the
    /// lines joined and cleaned (warnings for an unclosed or too deeply nested
    /// tag), the speaker from the first voice span, else (with `labels`) from
    /// a ``SpeakerLabel`` at the start of the text, which is then removed.
    static func cueText(_ lines: [String], srtBraces: Bool, labels: Bool, maxTagDepth: Int, file: String, line: Int,
                        diagnostics: inout [Diagnostic]) -> (label: SpeakerLabel?, text: String) {
        let markup = clean(lines.joined(separator: "\n"), maxTagDepth: maxTagDepth, srtBraces: srtBraces)
        if markup.unclosedTag {
            diagnostics.append(Diagnostic(.warning, file: file, line: line,
                "a tag in the cue text has no closing \u{201C}>\u{201D}; removed the \u{201C}<\u{201D} and kept the text"))
        }
        if markup.tooDeep {
            diagnostics.append(Diagnostic(.warning, file: file, line: line,
                "cue text tags are nested deeper than \(maxTagDepth); removed them all"))
        }
        guard labels else { return (nil, markup.text) }
        if let voice = markup.voice { return (SpeakerLabel.voice(voice), markup.text) }
        let split = SpeakerLabel.split(markup.text)
        return (split.label, split.rest)
    }
}
