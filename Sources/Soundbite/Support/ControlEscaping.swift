/// One rule for text shown on one line of output (file names, diagnostics):
/// C0 controls and DEL become `\xHH`, as a byte that is not UTF-8 does; C1
/// controls, U+2028, U+2029 and the bidirectional overrides and isolates
/// become `\u{…}`. So no shown name or message can end, erase or reorder a
/// line. Backslashes are not escaped.
package enum ControlEscaping {
    /// Whether `scalar` is shown escaped.
    @inline(__always) static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return v < 0x20 || (v >= 0x7F && v <= 0x9F) || v == 0x2028 || v == 0x2029
            || (v >= 0x202A && v <= 0x202E) || (v >= 0x2066 && v <= 0x2069)
    }

    /// Appends `scalar` to `out`, escaped when it needs it.
    static func append(_ scalar: Unicode.Scalar, to out: inout String) {
        let v = scalar.value
        if v < 0x20 || v == 0x7F {
            appendHex(UInt8(v), to: &out)
        } else if needsEscape(scalar) {
            out += "\\u{" + String(v, radix: 16, uppercase: true) + "}"
        } else {
            out.unicodeScalars.append(scalar)
        }
    }

    /// Appends `\xHH` for one byte (upper-case hex).
    static func appendHex(_ byte: UInt8, to out: inout String) {
        let digits: [Character] = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "A", "B", "C", "D", "E", "F"]
        out += "\\x"
        out.append(digits[Int(byte >> 4)])
        out.append(digits[Int(byte & 0xF)])
    }

    /// `text` with every scalar that needs it escaped (`text` itself when none does).
    package static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars { append(scalar, to: &out) }
        return out
    }
}
