/// The bracketed annotations transcription services put into the text —
/// Rev's `[inaudible 00:02:03]`, `[crosstalk]`, `[laughter]`,
/// `[foreign language 00:10:11]` — which describe the audio and are not
/// words anyone said.
///
/// A tag is `[` … `]` on one line, at most ``maxTagCharacters`` long, with no
/// bracket inside; a `[` without its `]` nearby is kept as written.
enum NonSpeechTag {
    /// The longest tag removed, in characters between the brackets.
    static let maxTagCharacters = 80

    /// `text` without its tags, white space collapsed, and how many were removed.
    static func strip(_ text: String) -> (text: String, removed: Int) {
        guard text.utf8.contains(UInt8(ascii: "[")) else { return (text, 0) }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var removed = 0
        var k = text.startIndex
        while k < text.endIndex {
            let c = text[k]
            if c == "[", let close = tagEnd(text, from: k) {
                removed += 1
                out.append(" ")
                k = text.index(after: close)
                continue
            }
            out.append(c)
            k = text.index(after: k)
        }
        return (CueMarkup.collapseSpace(out), removed)
    }

    /// The `]` that closes a tag opened at `open`, if the tag is one.
    private static func tagEnd(_ text: String, from open: String.Index) -> String.Index? {
        var k = text.index(after: open)
        var count = 0
        while k < text.endIndex, count <= maxTagCharacters {
            let c = text[k]
            if c == "]" { return count > 0 ? k : nil }
            if c == "[" { return nil }
            count += 1
            k = text.index(after: k)
        }
        return nil
    }
}
