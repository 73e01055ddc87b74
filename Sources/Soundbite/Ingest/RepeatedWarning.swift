/// Folds a warning that may repeat on many lines of a file (for example a
/// comma in every WebVTT timestamp) into one diagnostic at its first line that
/// says how often it happened.
struct RepeatedWarning: Sendable {
    private var firstLine = 0
    private var firstMessage = ""
    private var count = 0

    /// Records one occurrence; only the first message is kept.
    mutating func note(line: Int, _ message: @autoclosure () -> String) {
        count += 1
        if count == 1 { firstLine = line; firstMessage = message() }
    }

    /// The folded diagnostic, or `nil` when nothing was noted.
    func diagnostic(file: String) -> Diagnostic? {
        guard count > 0 else { return nil }
        let more = count > 1 ? " (\(count) times in the file, first here)" : ""
        return Diagnostic(.warning, file: file, line: firstLine, firstMessage + more)
    }
}
