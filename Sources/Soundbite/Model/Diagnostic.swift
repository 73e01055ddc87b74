/// A problem found in the input, reported as a value: the library never prints.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    /// How bad the problem is.
    public enum Severity: String, Sendable, Hashable {
        /// Something was skipped or repaired; the rest of the file was read.
        case warning
        /// The whole file could not be used.
        case error
    }

    /// How bad the problem is.
    public var severity: Severity
    /// The file the problem is in (as given to the reader).
    public var file: String
    /// The 1-based line, or 0 when the problem concerns the whole file.
    public var line: Int
    /// What went wrong and, where it helps, what was done about it.
    public var message: String

    /// Creates a diagnostic.
    public init(_ severity: Severity, file: String, line: Int, _ message: String) {
        self.severity = severity
        self.file = file
        self.line = line
        self.message = message
    }

    /// `file:line: severity: message`, the form compilers use, on one line
    /// that the input cannot forge or erase: control characters in the file
    /// name or the message are escaped, a line end, an escape sequence or a
    /// backspace (C0, DEL) as `\x1B` (as file names are listed), a C1 control,
    /// a Unicode line separator or a direction override as `\u{202E}`.
    public var description: String {
        let name = Self.escaped(file), text = Self.escaped(message)
        return line > 0 ? "\(name):\(line): \(severity.rawValue): \(text)"
                        : "\(name): \(severity.rawValue): \(text)"
    }

    /// `text` with every control character escaped: C0 and DEL as `\xHH`;
    /// C1, U+2028, U+2029 and the bidirectional overrides and isolates as
    /// `\u{…}`.
    static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            if scalar.value < 0x20 || scalar.value == 0x7F {
                let hex = String(scalar.value, radix: 16, uppercase: true)
                out += "\\x" + (hex.count == 1 ? "0" : "") + hex
            } else if isControl(scalar) {
                out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    private static func isControl(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        return v < 0x20 || (v >= 0x7F && v <= 0x9F) || v == 0x2028 || v == 0x2029
            || (v >= 0x202A && v <= 0x202E) || (v >= 0x2066 && v <= 0x2069)
    }
}
