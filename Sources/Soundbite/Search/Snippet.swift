/// An excerpt of a hit's text around its first match.
public struct Snippet: Sendable, Hashable {
    /// The excerpt, with `…` where text was cut.
    public var text: String
    /// UTF-8 byte ranges of matched words inside ``text``.
    public var highlights: [Range<Int>]

    /// Creates a snippet.
    public init(text: String, highlights: [Range<Int>]) {
        self.text = text
        self.highlights = highlights
    }

    /// Reads an excerpt back from its ``marked(open:close:)`` form: each
    /// `[`…`]` pair is a highlight (an unclosed `[` stays text).
    init(marked: String) {
        let bytes = Array(marked.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var ranges: [Range<Int>] = []
        var i = 0
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "["), let close = bytes[(i + 1)...].firstIndex(of: UInt8(ascii: "]")) {
                let lo = out.count
                out.append(contentsOf: bytes[(i + 1)..<close])
                ranges.append(lo..<out.count)
                i = close + 1
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        self.init(text: String(decoding: out, as: UTF8.self), highlights: ranges)
    }

    /// ``highlights`` as ranges of ``text``'s indices (`snippet.text[range]`
    /// is a matched word).
    public var highlightRanges: [Range<String.Index>] { Self.stringRanges(highlights, in: text) }

    /// UTF-8 byte ranges of `text` as `String` index ranges; a range outside
    /// the text or not on Unicode scalar boundaries is left out.
    static func stringRanges(_ ranges: [Range<Int>], in text: String) -> [Range<String.Index>] {
        let utf8 = text.utf8
        let count = utf8.count
        func index(_ offset: Int) -> String.Index? {
            guard offset >= 0, offset <= count else { return nil }
            let i = utf8.index(utf8.startIndex, offsetBy: offset)
            return i.samePosition(in: text.unicodeScalars) == nil ? nil : i
        }
        return ranges.compactMap { r in
            guard let lo = index(r.lowerBound), let hi = index(r.upperBound) else { return nil }
            return lo..<hi
        }
    }

    /// The excerpt with every match wrapped in `open` … `close`
    /// (`[` `]` by default; ANSI bold on a terminal).
    public func marked(open: String = "[", close: String = "]") -> String {
        Self.mark(text, highlights, open: open, close: close)
    }

    /// Wraps the byte ranges of `text` in markers.
    static func mark(_ text: String, _ ranges: [Range<Int>], open: String, close: String) -> String {
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + ranges.count * (open.utf8.count + close.utf8.count))
        var at = 0
        for r in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) where r.lowerBound >= at && r.upperBound <= bytes.count {
            out.append(contentsOf: bytes[at..<r.lowerBound])
            out.append(contentsOf: open.utf8)
            out.append(contentsOf: bytes[r])
            out.append(contentsOf: close.utf8)
            at = r.upperBound
        }
        out.append(contentsOf: bytes[at...])
        return String(decoding: out, as: UTF8.self)
    }

    /// The tokens `lo ..< hi` an excerpt shows: up to `before` tokens before
    /// the first match and `width` in all, shifted left near the end.
    private static func window(count: Int, matched: [Int], before: Int, width: Int) -> (lo: Int, hi: Int) {
        var lo = max(0, (matched.min() ?? 0) - before)
        let hi = min(count, lo + width)
        lo = max(0, min(lo, hi - width))
        return (lo, hi)
    }

    /// The excerpt of `text` (whose analysed tokens are `tokens`) around the
    /// highlighted token indexes `matched`: up to `before` tokens before the
    /// first match and `width` tokens in all.
    static func make(text: String, tokens: [AnalyzedToken], matched: [Int],
                     before: Int = 8, width: Int = 32) -> Snippet {
        let bytes = Array(text.utf8)
        guard !tokens.isEmpty else { return Snippet(text: text, highlights: []) }
        let (lo, hi) = window(count: tokens.count, matched: matched, before: before, width: width)
        let startByte = lo == 0 ? 0 : tokens[lo].start
        let endByte = hi == tokens.count ? bytes.count : tokens[hi - 1].end
        let prefix = startByte > 0 ? "… " : "", suffix = endByte < bytes.count ? " …" : ""
        let shift = prefix.utf8.count - startByte
        let ranges = matched.filter { $0 >= lo && $0 < hi }.map { (tokens[$0].start + shift)..<(tokens[$0].end + shift) }
        let body = String(decoding: bytes[startByte..<endByte], as: UTF8.self)
        return Snippet(text: prefix + body + suffix, highlights: ranges)
    }

    /// ``make(text:tokens:matched:before:width:)`` on the text's UTF-8 bytes
    /// `utf8` and its word tokens (those the analyzer keeps), without the
    /// analysed terms: the same excerpt, built with one `String` (none when
    /// the excerpt is the whole text).
    static func make(utf8: UnsafeBufferPointer<UInt8>, text: String, tokens: [Token], matched: [Int],
                     before: Int = 8, width: Int = 32) -> Snippet {
        guard !tokens.isEmpty else { return Snippet(text: text, highlights: []) }
        let (lo, hi) = window(count: tokens.count, matched: matched, before: before, width: width)
        let startByte = lo == 0 ? 0 : tokens[lo].start
        let endByte = hi == tokens.count ? utf8.count : tokens[hi - 1].end
        let ellipsis: [UInt8] = [0xE2, 0x80, 0xA6]   // "…"
        let prefix = startByte > 0 ? 4 : 0, suffix = endByte < utf8.count
        let shift = prefix - startByte
        var ranges: [Range<Int>] = []
        for m in matched where m >= lo && m < hi { ranges.append((tokens[m].start + shift)..<(tokens[m].end + shift)) }
        if prefix == 0 && !suffix { return Snippet(text: text, highlights: ranges) }
        let count = prefix + (endByte - startByte) + (suffix ? 4 : 0)
        let excerpt = String(unsafeUninitializedCapacity: count) { out in
            var n = 0
            if prefix > 0 {
                for b in ellipsis { out[n] = b; n += 1 }
                out[n] = UInt8(ascii: " "); n += 1
            }
            for k in startByte..<endByte { out[n] = utf8[k]; n += 1 }
            if suffix {
                out[n] = UInt8(ascii: " "); n += 1
                for b in ellipsis { out[n] = b; n += 1 }
            }
            return n
        }
        return Snippet(text: excerpt, highlights: ranges)
    }
}
