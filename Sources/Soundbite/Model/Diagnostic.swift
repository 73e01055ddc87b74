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

    /// `file:line: severity: message`, the form compilers use.
    public var description: String {
        line > 0 ? "\(file):\(line): \(severity.rawValue): \(message)"
                 : "\(file): \(severity.rawValue): \(message)"
    }
}
