/// Removes markup from cue text: WebVTT tags (`<v Name>`, `<i>`, `<c.x>`,
/// `<lang en>`, `<ruby><rt>`, closing tags), SRT tags (`<font …>`, `{\an8}`),
/// and decodes character references with ``HTMLCharacterReference`` (the
/// whole HTML table, numeric ones too). Ruby base text and its `<rt>`
/// annotation become separate words. Inner timestamps (`<00:01.500>`, the
/// word timings of karaoke and YouTube captions) are removed from the text
/// and kept as ``Result/parts``. Runs of white space become one space and the
/// ends are trimmed.
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
        /// The text cut at its inner timestamps: empty when it has none, else
        /// the part before the first timestamp (start `nil`, the cue's own)
        /// and one part per timestamp, each cleaned like ``text`` (parts may be
        /// empty).
        var parts: [TimedText] = []
    }

    /// A piece of cue text and the inner timestamp it starts at.
    struct TimedText: Sendable, Hashable {
        /// Seconds of the inner timestamp; `nil` for the text before the first one.
        var start: Double?
        /// The text, cleaned.
        var text: String
    }

    /// Cleans `text`; `srtBraces` also strips SSA overrides like `{\an8}`.
    static func clean(_ text: String, maxTagDepth: Int = 32, srtBraces: Bool = false) -> Result {
        clean(bytes: Array(text.utf8), maxTagDepth: maxTagDepth, srtBraces: srtBraces)
    }

    /// Cleans the UTF-8 `bytes` of a text (see ``clean(_:maxTagDepth:srtBraces:)``).
    static func clean(bytes: [UInt8], maxTagDepth: Int = 32, srtBraces: Bool = false) -> Result {
        var out: [UInt8] = []
        let markup = bytes.withUnsafeBufferPointer { strip($0, maxTagDepth: maxTagDepth, srtBraces: srtBraces, into: &out) }
        return Result(text: collapseSpace(out), voice: markup.voice, unclosedTag: markup.unclosedTag,
                      tooDeep: markup.tooDeep, parts: markup.parts)
    }

    /// What the markup of a text said, besides the text itself.
    struct Markup {
        /// See ``Result/voice``.
        var voice: String?
        /// See ``Result/unclosedTag``.
        var unclosedTag = false
        /// See ``Result/tooDeep``.
        var tooDeep = false
        /// See ``Result/parts``.
        var parts: [TimedText] = []
    }

    /// Removes the markup of the UTF-8 `bytes` into `out` (emptied first,
    /// its capacity kept; white space not yet collapsed): the work of
    /// ``clean(bytes:maxTagDepth:srtBraces:)`` before the text becomes a string.
    static func strip(_ bytes: UnsafeBufferPointer<UInt8>, maxTagDepth: Int, srtBraces: Bool, into out: inout [UInt8]) -> Markup {
        let n = bytes.count
        out.removeAll(keepingCapacity: true)
        out.reserveCapacity(n)
        var markup = Markup()
        var depth = 0
        var marks: [(offset: Int, seconds: Double)] = []
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
                        markup.unclosedTag = true
                    }
                    i += 1
                    continue
                }
                let content = bytes[(i + 1)..<j]
                let first = bytes[i + 1]
                if first == UInt8(ascii: "/") {
                    depth = max(0, depth - 1)
                    if isRubyText(content.dropFirst()) { out.append(0x20) }
                } else if first >= 0x30 && first <= 0x39 {
                    // An inner timestamp: a word timing, kept apart from the text.
                    if let stamp = Timestamp.parse(utf8: content) {
                        marks.append((out.count, stamp.seconds))
                    }
                } else {
                    depth += 1
                    if depth > maxTagDepth { markup.tooDeep = true; depth = maxTagDepth }
                    var k = content.startIndex
                    while k < content.endIndex, !isSpace(content[k]), content[k] != UInt8(ascii: ".") { k += 1 }
                    let name = content[content.startIndex..<k]
                    if isRubyText(name) { out.append(0x20) }
                    if markup.voice == nil, name.count == 1, name.first == UInt8(ascii: "v") || name.first == UInt8(ascii: "V") {
                        while k < content.endIndex, !isSpace(content[k]) { k += 1 }
                        let annotation = String(decoding: content[k...], as: UTF8.self)
                        let decoded = clean(annotation, maxTagDepth: maxTagDepth).text
                        if !decoded.isEmpty { markup.voice = decoded }
                    }
                }
                i = j + 1
            } else if b == UInt8(ascii: "&") {
                if let (scalarBytes, length) = HTMLCharacterReference.decode(bytes, at: i) {
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
                // This byte and the run of plain ones after it (none of `<`,
                // `&`, `{`: each would come here) in one append.
                var j = plainRunEnd(bytes, from: i + 1)
                while j < n, bytes[j] != UInt8(ascii: "<"), bytes[j] != UInt8(ascii: "&"), bytes[j] != UInt8(ascii: "{") { j += 1 }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[i..<j]))
                i = j
            }
        }
        if !marks.isEmpty {
            out.withUnsafeBufferPointer { out in
                var parts = [TimedText(start: nil, text: collapseSpace(UnsafeBufferPointer(rebasing: out[0..<marks[0].offset])))]
                for (k, mark) in marks.enumerated() {
                    let end = k + 1 < marks.count ? marks[k + 1].offset : out.count
                    parts.append(TimedText(start: mark.seconds, text: collapseSpace(UnsafeBufferPointer(rebasing: out[mark.offset..<end]))))
                }
                markup.parts = parts
            }
        }
        return markup
    }

    /// Whether a tag name (after `<` or `</`) is `rt`, a ruby annotation.
    private static func isRubyText(_ name: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        var k = name.startIndex
        while k < name.endIndex, !isSpace(name[k]), name[k] != UInt8(ascii: "."), name[k] != UInt8(ascii: ">") { k += 1 }
        return k - name.startIndex == 2 && name[name.startIndex] | 0x20 == UInt8(ascii: "r")
            && name[name.startIndex + 1] | 0x20 == UInt8(ascii: "t")
    }

    /// The first offset from `start` whose 8-byte word holds a `<`, `&` or
    /// `{` (or where fewer than 8 bytes are left): every byte before it is
    /// plain. Each word is tested at once (a byte equal to one of the three
    /// is a zero byte of the word XOR that byte, found without false hits).
    @inline(__always)
    static func plainRunEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        guard let p = bytes.baseAddress else { return start }
        let n = bytes.count
        var j = start
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        @inline(__always) func hasZero(_ x: UInt64) -> Bool { (x &- ones) & ~x & highs != 0 }
        while j + 8 <= n {
            let w = UnsafeRawPointer(p + j).loadUnaligned(as: UInt64.self)
            if hasZero(w ^ (ones &* 0x3C)) || hasZero(w ^ (ones &* 0x26)) || hasZero(w ^ (ones &* 0x7B)) { break }
            j += 8
        }
        return j
    }

    /// Collapses runs of ASCII white space to one space and trims the ends.
    static func collapseSpace(_ bytes: [UInt8]) -> String {
        bytes.withUnsafeBufferPointer { collapseSpace($0) }
    }

    /// Collapses white space in a buffer of UTF-8, written straight into the string's storage.
    static func collapseSpace(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        String(unsafeUninitializedCapacity: bytes.count) { out in
            guard let from = bytes.baseAddress, let to = out.baseAddress else { return 0 }
            return collapseSpace(from, count: bytes.count, into: to)
        }
    }

    /// Collapses runs of ASCII white space of the `count` bytes at `from` to one
    /// space, trimming the ends, into `to` (which may be `from`: a byte is
    /// never written ahead of the byte being read); returns the bytes written.
    @inline(__always)
    static func collapseSpace(_ from: UnsafePointer<UInt8>, count: Int, into to: UnsafeMutablePointer<UInt8>) -> Int {
        var written = 0
        var pendingSpace = false
        var k = 0
        while k < count {
            // 8 bytes with none at or below 0x20 (every white space byte is)
            // are copied as one word; the write never passes the read.
            if k + 8 <= count {
                let w = UnsafeRawPointer(from + k).loadUnaligned(as: UInt64.self)
                if (w &- 0x2121_2121_2121_2121) & ~w & 0x8080_8080_8080_8080 == 0 {
                    if pendingSpace { to[written] = 0x20; written += 1; pendingSpace = false }
                    UnsafeMutableRawPointer(to + written).storeBytes(of: w, toByteOffset: 0, as: UInt64.self)
                    written += 8
                    k += 8
                    continue
                }
            }
            let b = from[k]
            k += 1
            if isSpace(b) {
                pendingSpace = written > 0
            } else {
                if pendingSpace { to[written] = 0x20; written += 1; pendingSpace = false }
                to[written] = b
                written += 1
            }
        }
        return written
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
}

extension CueMarkup {
    /// A timed cue's text as the WebVTT and SRT parsers keep it.
    struct CueText: Sendable, Hashable {
        /// The speaker label (voice span or text label), if any.
        var label: SpeakerLabel?
        /// The clean text without the label.
        var text: String
        /// The text cut at its inner timestamps (see ``Result/parts``), the
        /// label removed from the first part; empty without inner timestamps.
        var parts: [TimedText]
    }

    /// A timed cue's text and speaker, the same way in WebVTT and SRT: the
    /// lines joined and cleaned (warnings for an unclosed or too deeply nested
    /// tag), the speaker from the first voice span, else (with `labels`) from
    /// a ``SpeakerLabel`` at the start of the text, which is then removed.
    static func cueText(_ lines: [String], srtBraces: Bool, labels: Bool, maxTagDepth: Int, file: String, line: Int,
                        diagnostics: inout [Diagnostic]) -> CueText {
        // The lines joined with LF, as bytes (no joined String in between).
        var joined: [UInt8] = []
        joined.reserveCapacity(lines.reduce(lines.count) { $0 + $1.utf8.count })
        for (k, line) in lines.enumerated() {
            if k > 0 { joined.append(0x0A) }
            joined.append(contentsOf: line.utf8)
        }
        var scratch: [UInt8] = []
        var memo = SpeakerLabel.LabelMemo()
        return joined.withUnsafeBufferPointer {
            cueText(joined: $0, srtBraces: srtBraces, labels: labels, maxTagDepth: maxTagDepth, file: file, line: line,
                    diagnostics: &diagnostics, scratch: &scratch, labelMemo: &memo)
        }
    }

    /// ``cueText(_:srtBraces:labels:maxTagDepth:file:line:diagnostics:)`` on the
    /// UTF-8 of the lines already joined with LF; `scratch` is working space and
    /// `labelMemo` the last label read, both kept by a parser from cue to cue.
    /// The clean text is collapsed in place and the label split off its
    /// bytes, so the cue's text is the one string made.
    static func cueText(joined: UnsafeBufferPointer<UInt8>, srtBraces: Bool, labels: Bool, maxTagDepth: Int, file: String,
                        line: Int, diagnostics: inout [Diagnostic], scratch: inout [UInt8],
                        labelMemo: inout SpeakerLabel.LabelMemo) -> CueText {
        let markup = strip(joined, maxTagDepth: maxTagDepth, srtBraces: srtBraces, into: &scratch)
        if markup.unclosedTag {
            diagnostics.append(Diagnostic(.warning, file: file, line: line,
                "a tag in the cue text has no closing \u{201C}>\u{201D}; removed the \u{201C}<\u{201D} and kept the text"))
        }
        if markup.tooDeep {
            diagnostics.append(Diagnostic(.warning, file: file, line: line,
                "cue text tags are nested deeper than \(maxTagDepth); removed them all"))
        }
        let count = scratch.withUnsafeMutableBufferPointer { buffer -> Int in
            guard let base = buffer.baseAddress else { return 0 }
            return collapseSpace(base, count: buffer.count, into: base)
        }
        return scratch.withUnsafeBufferPointer { all -> CueText in
            let text = UnsafeBufferPointer(rebasing: all[0..<count])
            func string(from start: Int) -> String { String(decoding: UnsafeBufferPointer(rebasing: text[start...]), as: UTF8.self) }
            guard labels else { return CueText(label: nil, text: string(from: 0), parts: markup.parts) }
            if let voice = markup.voice { return CueText(label: SpeakerLabel.voice(voice), text: string(from: 0), parts: markup.parts) }
            let split: (label: SpeakerLabel?, rest: String)
            if let fast = SpeakerLabel.split(bytes: text, memo: &labelMemo) {
                split = (fast.label, string(from: fast.restStart))
            } else {
                split = SpeakerLabel.splitCharacters(string(from: 0))
            }
            var parts = markup.parts
            if !parts.isEmpty {
                let first = SpeakerLabel.split(parts[0].text)
                if split.label != nil, first.label == split.label { parts[0].text = first.rest }
            }
            return CueText(label: split.label, text: split.rest, parts: parts)
        }
    }
}
