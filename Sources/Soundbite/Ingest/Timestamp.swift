/// Reads and writes the timestamps of WebVTT, SRT and plain-text transcripts.
///
/// Accepted: `mm:ss.ttt` and `hh:mm:ss.ttt` (hours may have any number of
/// digits up to 9), with `.` or `,` before the fraction, a fraction of 1 to 9
/// digits or none, and fields of 1 or more digits. Minutes and seconds must be
/// below 60 (minutes only when hours are present), unless the caller accepts
/// overflowing fields (`00:00:60.000` read as one minute, marked
/// ``Parsed/overflowed``). Every field is capped at 9 digits, so no input can
/// overflow the arithmetic.
enum Timestamp {
    /// A timestamp read from text.
    struct Parsed: Sendable, Hashable {
        /// The time in seconds.
        var seconds: Double
        /// `true` when the text is not in the strict form of its format
        /// (for example a comma before the milliseconds in WebVTT).
        var irregular: Bool
        /// `true` when a minutes or seconds field was 60 or more and was
        /// carried into the next unit (only with `allowOverflow`).
        var overflowed = false
    }

    /// The most digits one field may have.
    static let maxFieldDigits = 9

    /// Parses the whole of `text` as a timestamp; `nil` when it is not one.
    ///
    /// - Parameter strictSeparator: the fraction separator the format wants
    ///   (`.` for WebVTT, `,` for SRT); the other one is accepted but marks the
    ///   result ``Parsed/irregular``.
    ///   - allowOverflow: read a minutes or seconds field of 60 or more by
    ///     carrying it (`00:00:75.000` is 75 s) instead of refusing it.
    static func parse<S: StringProtocol>(_ text: S, strictSeparator: UInt8 = UInt8(ascii: "."),
                                         allowOverflow: Bool = false) -> Parsed? {
        parse(utf8: text.utf8, strictSeparator: strictSeparator, allowOverflow: allowOverflow)
    }

    /// ``parse(_:strictSeparator:allowOverflow:)`` on the UTF-8 bytes of the text.
    static func parse<C: Sequence<UInt8>>(utf8 text: C, strictSeparator: UInt8 = UInt8(ascii: "."),
                                          allowOverflow: Bool = false) -> Parsed? {
        if let fast = text.withContiguousStorageIfAvailable({ parseCommonForm($0, strictSeparator: strictSeparator) }),
           let parsed = fast {
            return parsed
        }
        // At most three fields (hours, minutes, seconds), kept in locals: no allocation per timestamp.
        var fields = (a: (value: 0, digits: 0), b: (value: 0, digits: 0), c: (value: 0, digits: 0))
        var count = 0
        func append(_ field: (value: Int, digits: Int)) {
            switch count {
            case 0: fields.a = field
            case 1: fields.b = field
            default: fields.c = field
            }
            count += 1
        }
        func field(_ k: Int) -> (value: Int, digits: Int) { k == 0 ? fields.a : k == 1 ? fields.b : fields.c }
        var value = 0, digits = 0
        var fraction = 0, fractionDigits = 0
        var inFraction = false
        var separator: UInt8 = 0
        var sawAny = false
        for b in text {
            sawAny = true
            if b >= 0x30 && b <= 0x39 {
                if inFraction {
                    fractionDigits += 1
                    if fractionDigits > maxFieldDigits { return nil }
                    fraction = fraction * 10 + Int(b - 0x30)
                } else {
                    digits += 1
                    if digits > maxFieldDigits { return nil }
                    value = value * 10 + Int(b - 0x30)
                }
            } else if b == UInt8(ascii: ":") && !inFraction {
                if digits == 0 || count >= 2 { return nil }
                append((value, digits)); value = 0; digits = 0
            } else if (b == UInt8(ascii: ".") || b == UInt8(ascii: ",")) && !inFraction {
                if digits == 0 { return nil }
                append((value, digits)); value = 0; digits = 0
                inFraction = true
                separator = b
            } else {
                return nil
            }
        }
        if !sawAny { return nil }
        if !inFraction {
            if digits == 0 { return nil }
            append((value, digits))
        } else if fractionDigits == 0 {
            return nil
        }
        guard count == 2 || count == 3 else { return nil }
        var irregular = !inFraction || fractionDigits != 3 || separator != strictSeparator
        let seconds = field(count - 1)
        let minutes = field(count - 2)
        var overflowed = false
        if seconds.value >= 60 { if allowOverflow { overflowed = true } else { return nil } }
        if seconds.digits != 2 { irregular = true }
        var total = Double(seconds.value) + Double(minutes.value) * 60
        if count == 3 {
            if minutes.value >= 60 { if allowOverflow { overflowed = true } else { return nil } }
            if minutes.digits != 2 { irregular = true }
            total += Double(fields.a.value) * 3600
        } else if minutes.digits < 2 {
            irregular = true
        }
        if fractionDigits > 0 {
            // One rounding, so `04.560` is the double nearest 4.56.
            var scale = 1.0
            for _ in 0..<fractionDigits { scale *= 10 }
            total = (total * scale + Double(fraction)) / scale
        }
        return Parsed(seconds: total, irregular: irregular || overflowed, overflowed: overflowed)
    }

    /// The two forms nearly every timing line uses, `hh:mm:ss.ttt` and
    /// `mm:ss.ttt` (two-digit fields, three fraction digits, `.` or `,`,
    /// minutes and seconds below 60), read straight from their bytes with
    /// the same arithmetic as the general reading; `nil` for anything else
    /// (the general reading then decides).
    @inline(__always)
    private static func parseCommonForm(_ t: UnsafeBufferPointer<UInt8>, strictSeparator: UInt8) -> Parsed? {
        @inline(__always) func digit(_ k: Int) -> Int? {
            let d = t[k] &- 0x30
            return d < 10 ? Int(d) : nil
        }
        let n = t.count
        guard n == 12 || n == 9 else { return nil }
        let h = n - 9
        if n == 12 { guard t[2] == UInt8(ascii: ":") else { return nil } }
        let separator = t[h + 5]
        guard t[h + 2] == UInt8(ascii: ":"), separator == UInt8(ascii: ".") || separator == UInt8(ascii: ","),
              let m1 = digit(h), let m2 = digit(h + 1), let s1 = digit(h + 3), let s2 = digit(h + 4),
              let f1 = digit(h + 6), let f2 = digit(h + 7), let f3 = digit(h + 8) else { return nil }
        let minutes = m1 * 10 + m2, seconds = s1 * 10 + s2
        guard minutes < 60, seconds < 60 else { return nil }
        var total = Double(seconds) + Double(minutes) * 60
        if n == 12 {
            guard let h1 = digit(0), let h2 = digit(1) else { return nil }
            total += Double(h1 * 10 + h2) * 3600
        }
        let scale = 1000.0
        total = (total * scale + Double(f1 * 100 + f2 * 10 + f3)) / scale
        return Parsed(seconds: total, irregular: separator != strictSeparator, overflowed: false)
    }

    /// Formats seconds as WebVTT does: `hh:mm:ss.mmm` (hours always shown
    /// when `alwaysHours`, else only when non-zero).
    /// A negative or non-finite time is shown as zero.
    static func format(_ seconds: Double, alwaysHours: Bool = false) -> String {
        let clamped = seconds.isFinite ? min(max(seconds, 0), 3.6e12) : 0
        let millis = Int64((clamped * 1000).rounded())
        let ms = millis % 1000
        let totalSeconds = millis / 1000
        let s = totalSeconds % 60
        let m = (totalSeconds / 60) % 60
        let h = totalSeconds / 3600
        func pad(_ v: Int64, _ width: Int) -> String {
            let text = String(v)
            return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
        }
        let tail = "\(pad(m, 2)):\(pad(s, 2)).\(pad(ms, 3))"
        return (alwaysHours || h > 0) ? "\(pad(h, 2)):\(tail)" : tail
    }
}

extension Timestamp {
    /// A SMPTE-style timecode `hh:mm:ss:ff` (or with `;` before the frames,
    /// as drop-frame timecode is written; `;` between every field is also
    /// accepted), as editing software writes it: the clock part in seconds
    /// and the frame number, which only the frame rate turns into time.
    /// `nil` when `text` is not one (at most 3 frame digits).
    static func parseTimecode<S: StringProtocol>(_ text: S) -> (seconds: Double, frames: Int)? {
        let utf8 = Array(text.utf8)
        guard let cut = utf8.lastIndex(where: { $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: ";") }),
              cut + 1 < utf8.count, utf8.count - cut - 1 <= 3 else { return nil }
        var frames = 0
        for b in utf8[(cut + 1)...] {
            guard ASCII.isDigit(b) else { return nil }
            frames = frames * 10 + Int(b - 0x30)
        }
        let clock = utf8[..<cut].map { $0 == UInt8(ascii: ";") ? UInt8(ascii: ":") : $0 }
        guard clock.allSatisfy({ ASCII.isDigit($0) || $0 == UInt8(ascii: ":") }),
              clock.filter({ $0 == UInt8(ascii: ":") }).count == 2,
              let parsed = parse(String(decoding: clock, as: UTF8.self)) else { return nil }
        return (parsed.seconds, frames)
    }
}
