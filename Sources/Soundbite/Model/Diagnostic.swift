/// A problem found in the input, reported as a value: the library never prints.
/// Encodes as `{"file", "line", "severity", "message"}`.
public struct Diagnostic: Sendable, Hashable, Codable, CustomStringConvertible {
    /// How bad the problem is.
    public enum Severity: String, Sendable, Hashable, Codable {
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

    private enum CodingKeys: String, CodingKey {
        case file, line, severity, message
    }

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
        let name = ControlEscaping.escaped(file), text = ControlEscaping.escaped(message)
        return line > 0 ? "\(name):\(line): \(severity.rawValue): \(text)"
                        : "\(name): \(severity.rawValue): \(text)"
    }
}
