/// The timing line of a WebVTT or SRT cue: `start --> end [settings]`.
///
/// White space around the times is what WebVTT calls white space (space,
/// tab, form feed). The end time is the longest run of digits, `:`, `.` and
/// `,` after the arrow; anything after it (WebVTT cue settings such as
/// `align:start position:10%`, SRT coordinates, stray bytes) is ignored.
struct CueTiming: Sendable, Hashable {
    /// Start time in seconds.
    var start: Double
    /// End time in seconds.
    var end: Double
    /// The start as written, when it is not in the format's strict form.
    var irregularStart: String?
    /// The end as written, when it is not in the format's strict form.
    var irregularEnd: String?

    /// Whether the line contains the `-->` arrow that marks a timing line.
    static func isTimingLine(_ line: String) -> Bool {
        var line = line
        return line.withUTF8 { arrowOffset($0) != nil }
    }

    /// Whether the UTF-8 of a line contains the `-->` arrow.
    @inline(__always)
    static func isTimingLine(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        arrowOffset(bytes) != nil
    }

    /// The byte offset of the first `-->` in the UTF-8 of a line.
    static func arrowOffset(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let n = bytes.count
        var i = 0
        while i + 2 < n {
            if bytes[i + 2] != UInt8(ascii: ">") { i += bytes[i + 2] == UInt8(ascii: "-") ? 1 : 3; continue }
            if bytes[i] == UInt8(ascii: "-"), bytes[i + 1] == UInt8(ascii: "-") { return i }
            i += 3
        }
        return nil
    }

    /// Whether `b` is WebVTT white space inside a line (space, tab, form feed).
    @inline(__always) static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0C }

    /// Where the two times are as written: the bytes before the arrow and the
    /// end time after it, both without white space; `nil` without an arrow.
    static func fields(_ bytes: UnsafeBufferPointer<UInt8>) -> (start: Range<Int>, end: Range<Int>)? {
        guard let arrow = arrowOffset(bytes) else { return nil }
        var a = 0, b = arrow
        while a < b, isSpace(bytes[a]) { a += 1 }
        while b > a, isSpace(bytes[b - 1]) { b -= 1 }
        var c = arrow + 3
        while c < bytes.count, isSpace(bytes[c]) { c += 1 }
        var d = c
        while d < bytes.count, ASCII.isDigit(bytes[d]) || bytes[d] == UInt8(ascii: ":") || bytes[d] == UInt8(ascii: ".")
                || bytes[d] == UInt8(ascii: ",") { d += 1 }
        return (a..<b, c..<d)
    }

    /// Where the previous cues of a file were, for repairs and order checks.
    struct Clock: Sendable {
        /// Start of the previous cue, `nil` before the first.
        var previousStart: Double?
        /// End of the previous cue (0 before the first).
        var previousEnd: Double = 0
    }

    /// Reads the timing line of a cue the same way in every timed format, so
    /// that no cue is lost for its timing; each repair gives a warning:
    /// - a time that cannot be read at all (`00:xx.000`, `-00:01.000`,
    ///   nothing): the start becomes the previous cue's end, the end the start;
    /// - a minutes or seconds field of 60 or more (`00:00:60.000`): carried
    ///   into the next unit (read as `00:01:00.000`);
    /// - an end before the start: the end becomes the start.
    /// A cue that starts before the previous one is kept as written, with a
    /// warning. `hasText` (whether the cue has text to keep) only words the
    /// warning of an unreadable timing.
    /// Updates `clock`.
    static func read(_ line: String, strictSeparator: UInt8, clock: inout Clock, alwaysHours: Bool, hasText: Bool = true,
                     file: String, line number: Int, diagnostics: inout [Diagnostic]) -> CueTiming {
        var line = line
        return line.withUTF8 {
            read(bytes: $0, strictSeparator: strictSeparator, clock: &clock, alwaysHours: alwaysHours, hasText: hasText,
                 file: file, line: number, diagnostics: &diagnostics)
        }
    }

    /// ``read(_:strictSeparator:clock:alwaysHours:hasText:file:line:diagnostics:)`` on the
    /// UTF-8 of the timing line (strings are made only for what a warning quotes).
    static func read(bytes: UnsafeBufferPointer<UInt8>, strictSeparator: UInt8, clock: inout Clock, alwaysHours: Bool,
                     hasText: Bool = true, file: String, line number: Int, diagnostics: inout [Diagnostic]) -> CueTiming {
        func time(_ t: Double) -> String { Timestamp.format(t, alwaysHours: alwaysHours) }
        func warn(_ message: String) { diagnostics.append(Diagnostic(.warning, file: file, line: number, message)) }
        func text(_ range: Range<Int>) -> String { String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self) }
        let (left, endText) = fields(bytes) ?? (0..<0, 0..<0)
        let start = Timestamp.parse(utf8: UnsafeBufferPointer(rebasing: bytes[left]), strictSeparator: strictSeparator,
                                    allowOverflow: true)
        let end = Timestamp.parse(utf8: UnsafeBufferPointer(rebasing: bytes[endText]), strictSeparator: strictSeparator,
                                  allowOverflow: true)
        var timing = CueTiming(start: start?.seconds ?? clock.previousEnd, end: end?.seconds ?? 0,
                               irregularStart: start.map { $0.irregular && !$0.overflowed ? text(left) : nil } ?? nil,
                               irregularEnd: end.map { $0.irregular && !$0.overflowed ? text(endText) : nil } ?? nil)
        switch (start, end) {
        case _ where (start == nil || end == nil) && !hasText:
            timing.end = max(timing.start, end?.seconds ?? timing.start)
            warn("cannot read the cue timing \u{201C}\(WebVTTParser.excerpt(text(0..<bytes.count)))\u{201D}; the cue has no text")
        case (nil, nil):
            timing.end = timing.start
            warn("cannot read the cue timing \u{201C}\(WebVTTParser.excerpt(text(0..<bytes.count)))\u{201D}; kept its text at \(time(timing.start)), where the previous cue ends")
        case (nil, let end?):
            timing.start = min(clock.previousEnd, end.seconds)
            warn("cannot read the start time \u{201C}\(WebVTTParser.excerpt(text(left)))\u{201D}; kept the cue, starting at \(time(timing.start))")
        case (_?, nil):
            timing.end = timing.start
            warn("cannot read the end time \u{201C}\(WebVTTParser.excerpt(text(endText)))\u{201D}; kept the cue, ending at its start")
        case (_?, _?):
            break
        }
        if let start, start.overflowed {
            warn("timestamp \u{201C}\(text(left))\u{201D} has a field of 60 or more; read it as \(time(start.seconds))")
        }
        if let end, end.overflowed {
            warn("timestamp \u{201C}\(text(endText))\u{201D} has a field of 60 or more; read it as \(time(end.seconds))")
        }
        if start != nil, end != nil, timing.end < timing.start {
            warn("cue ends at \(time(timing.end)), before it starts at \(time(timing.start)); kept the cue, ending at its start")
            timing.end = timing.start
        }
        if start != nil, let previous = clock.previousStart, timing.start < previous {
            warn("cue starts at \(time(timing.start)), before the previous cue (\(time(previous))); kept the cue")
        }
        clock.previousStart = timing.start
        clock.previousEnd = timing.end
        return timing
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs.
    func ingestTrimmed() -> SubSequence {
        var start = startIndex
        while start < endIndex, self[start] == " " || self[start] == "\t" { start = index(after: start) }
        var end = endIndex
        while end > start {
            let previous = index(before: end)
            if self[previous] != " " && self[previous] != "\t" { break }
            end = previous
        }
        return self[start..<end]
    }

    /// The text without leading and trailing WebVTT white space (space, tab, form feed).
    func trimmingWebVTTSpace() -> SubSequence {
        let bytes = utf8
        // The common case, a native string: bytes in place, the end found from
        // the back (a line seldom ends in spaces, so that stops at once).
        if let (lo, hi) = bytes.withContiguousStorageIfAvailable({ b -> (Int, Int) in
            var lo = 0, hi = b.count
            while lo < hi, CueTiming.isSpace(b[lo]) { lo += 1 }
            while hi > lo, CueTiming.isSpace(b[hi - 1]) { hi -= 1 }
            return (lo, hi)
        }) {
            let start = bytes.index(bytes.startIndex, offsetBy: lo)
            return self[start..<bytes.index(start, offsetBy: hi - lo)]
        }
        var start = bytes.startIndex
        while start < bytes.endIndex, CueTiming.isSpace(bytes[start]) { start = bytes.index(after: start) }
        var end = start
        var k = start
        while k < bytes.endIndex {
            let next = bytes.index(after: k)
            if !CueTiming.isSpace(bytes[k]) { end = next }
            k = next
        }
        return self[start..<end]
    }

    /// Whether the text is empty or only spaces and tabs.
    var isBlankLine: Bool { utf8.allSatisfy(WebVTTParser.isSpaceOrTab) }
}
