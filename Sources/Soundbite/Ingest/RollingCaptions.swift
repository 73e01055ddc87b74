/// Roll-up captions, as YouTube writes its automatic captions: each cue shows
/// the line the previous cue added again, above the new one, and a short cue
/// between them repeats the finished line alone:
///
/// ```
/// 00:00:00.000 --> 00:00:02.990 align:start position:0%
///  (a line holding one space)
/// so<00:00:00.450><c> today</c><00:00:00.870><c> we</c>
///
/// 00:00:02.990 --> 00:00:03.000 align:start position:0%
/// so today we
///  (a line holding one space)
///
/// 00:00:03.000 --> 00:00:05.990 align:start position:0%
/// so today we
/// talk<00:00:03.600><c> about</c>
/// ```
///
/// Read naively, every spoken line is indexed two or three times. In a file
/// that rolls, a cue keeps only the lines the previous cue did not show
/// (compared without markup), so each line is read once, with its word
/// timings.
struct RollingCaptions: Sendable {
    /// The clean lines the previous cue showed.
    private var shown: [String] = []

    /// Creates the state for one file.
    init() {}

    /// Whether a file's cue texts roll: YouTube's word-timed lines (an inner
    /// timestamp followed by a `<c>` span), or at least 3 cues, and half of
    /// the cues with two or more lines, whose first line repeats the previous
    /// cue's last line.
    ///
    /// The cues are given by their text lines in a decoded file: each cue's
    /// are `lines[cue]`, their bytes in `bytes`.
    static func detect(_ cues: [Range<Int>], lines: [SourceText.Span], in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var repeats = 0, multiLine = 0
        var previousLast: UnsafeBufferPointer<UInt8>?
        for cue in cues {
            var first: UnsafeBufferPointer<UInt8>?, last: UnsafeBufferPointer<UInt8>?
            var count = 0
            for span in lines[cue] {
                let line = UnsafeBufferPointer(rebasing: bytes[span.start..<span.end])
                if hasWordTiming(line) { return true }
                let kept = trimmedWebVTTSpace(line)
                if kept.isEmpty { continue }
                if first == nil { first = kept }
                last = kept
                count += 1
            }
            if count >= 2 {
                multiLine += 1
                if let previousLast, let first, sameText(first, previousLast) { repeats += 1 }
            }
            if let last { previousLast = last }
        }
        return repeats >= 3 && repeats * 2 >= multiLine
    }

    /// The line without leading and trailing WebVTT white space (space, tab, form feed).
    static func trimmedWebVTTSpace(_ line: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var lo = 0, hi = line.count
        while lo < hi, CueTiming.isSpace(line[lo]) { lo += 1 }
        while hi > lo, CueTiming.isSpace(line[hi - 1]) { hi -= 1 }
        return UnsafeBufferPointer(rebasing: line[lo..<hi])
    }

    /// Whether two pieces of valid UTF-8 are equal as strings (canonical
    /// equivalence): the same bytes are; two different ASCII texts are not;
    /// otherwise the strings decide.
    static func sameText(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        if a.elementsEqual(b) { return true }
        if a.allSatisfy({ $0 < 0x80 }) && b.allSatisfy({ $0 < 0x80 }) { return false }
        return String(decoding: a, as: UTF8.self) == String(decoding: b, as: UTF8.self)
    }

    /// Whether the UTF-8 of a line holds YouTube's word timing: an inner
    /// timestamp directly followed by a `<c>` or `<c.class>` span
    /// (`<00:00:01.500><c>`).
    static func hasWordTiming(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = bytes.count
        var i = 0
        while i + 3 < n {
            if bytes[i] == UInt8(ascii: ">"), bytes[i + 1] == UInt8(ascii: "<"), bytes[i + 2] == UInt8(ascii: "c"),
               bytes[i + 3] == UInt8(ascii: ">") || bytes[i + 3] == UInt8(ascii: ".") {
                // The tag that ends at `i` must be a timestamp: `<` then a digit.
                var k = i
                while k > 0, bytes[k] != UInt8(ascii: "<") { k -= 1 }
                if k + 1 < i, ASCII.isDigit(bytes[k + 1]) { return true }
            }
            i += 1
        }
        return false
    }

    /// The lines of a cue that the previous cue did not show (lines with no
    /// text dropped too); remembers this cue's lines for the next one.
    mutating func unseenLines(_ lines: [String], maxTagDepth: Int) -> [String] {
        var unseen: [String] = []
        var now: [String] = []
        for line in lines {
            let clean = CueMarkup.clean(line, maxTagDepth: maxTagDepth).text
            if clean.isEmpty { continue }
            now.append(clean)
            if !shown.contains(clean) { unseen.append(line) }
        }
        shown = now
        return unseen
    }
}
