/// Decodes HTML character references in cue text, the way an HTML parser does
/// in text content (which is what the WebVTT cue text parser defers to):
///
/// - named: every name of the HTML table (``HTMLEntityTable``), `&eacute;`,
///   `&CounterClockwiseContourIntegral;`; the legacy names also without the
///   `;` (`&copy 2004`, `&notit;` → "¬it;"), longest match first;
/// - numeric: `&#233;`, `&#xE9;` (the `;` optional); 0, surrogates and values
///   past U+10FFFF become U+FFFD, and 0x80–0x9F are read as Windows-1252 (as
///   HTML does: `&#150;` is "–");
/// - `&nbsp;` becomes a plain space and the invisible direction marks
///   `&lrm;` `&rlm;` are dropped, so they never glue or split words.
///
/// Anything else (`&unknown;`, a lone `&`) is left as written.
enum HTMLCharacterReference {
    /// The table as a dictionary from a name's bytes (with its `;`, if any) to
    /// the UTF-8 of its value, built on first use.
    static let names: [[UInt8]: [UInt8]] = {
        var table: [[UInt8]: [UInt8]] = [:]
        table.reserveCapacity(2300)
        for entry in HTMLEntityTable.packed.split(separator: "\u{1E}") {
            guard let cut = entry.firstIndex(of: "\u{1F}") else { continue }
            let name = Array(entry[..<cut].utf8)
            var value = Array(entry[entry.index(after: cut)...].utf8)
            if value == [0xC2, 0xA0] { value = [0x20] }                              // nbsp
            if value == [0xE2, 0x80, 0x8E] || value == [0xE2, 0x80, 0x8F] { value = [] } // lrm, rlm
            table[name] = value
        }
        return table
    }()

    /// What HTML reads the numeric references 0x80–0x9F as (Windows-1252);
    /// 0 where it keeps the code point.
    static let windows1252: [UInt32] = [
        0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
        0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
    ]

    /// Decodes the reference at `i` (which holds `&`): the UTF-8 of what it
    /// stands for and the number of bytes it spans, or `nil` when it is none.
    static func decode(_ bytes: [UInt8], at i: Int) -> (value: [UInt8], length: Int)? {
        bytes.withUnsafeBufferPointer { decode($0, at: i) }
    }

    /// ``decode(_:at:)-([UInt8],_)`` on a buffer of UTF-8.
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> (value: [UInt8], length: Int)? {
        let n = bytes.count
        guard i + 1 < n else { return nil }
        if bytes[i + 1] == UInt8(ascii: "#") { return numeric(bytes, at: i) }
        var j = i + 1
        while j < n, j - i - 1 < HTMLEntityTable.longestName, ASCII.isAlphanumeric(bytes[j]) { j += 1 }
        guard j > i + 1 else { return nil }
        if j < n, bytes[j] == UInt8(ascii: ";"), let value = names[Array(bytes[(i + 1)...j])] {
            return (value, j - i + 1)
        }
        // Legacy names without `;`: the longest that matches.
        var k = min(j, i + 1 + HTMLEntityTable.longestLegacyName)
        while k > i + 1 {
            if let value = names[Array(bytes[(i + 1)..<k])] { return (value, k - i) }
            k -= 1
        }
        return nil
    }

    private static func numeric(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> (value: [UInt8], length: Int)? {
        let n = bytes.count
        var k = i + 2
        var hex = false
        if k < n, bytes[k] | 0x20 == UInt8(ascii: "x") { hex = true; k += 1 }
        let digitsStart = k
        var value: UInt32 = 0
        while k < n {
            let c = bytes[k]
            let d: UInt32
            if c >= 0x30 && c <= 0x39 { d = UInt32(c - 0x30) }
            else if hex, (c | 0x20) >= 0x61, (c | 0x20) <= 0x66 { d = UInt32((c | 0x20) - 0x61 + 10) }
            else { break }
            // Capped: anything past U+10FFFF is U+FFFD however long.
            value = min(value * (hex ? 16 : 10) + d, 0x110000)
            k += 1
        }
        guard k > digitsStart else { return nil }
        if k < n, bytes[k] == UInt8(ascii: ";") { k += 1 }
        var scalarValue = value
        if value >= 0x80 && value <= 0x9F, windows1252[Int(value - 0x80)] != 0 { scalarValue = windows1252[Int(value - 0x80)] }
        let scalar = value == 0 ? nil : Unicode.Scalar(scalarValue)
        return (Array(String(Character(scalar ?? "\u{FFFD}")).utf8), k - i)
    }
}
