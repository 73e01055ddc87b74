/// What a transcript parser returns: the cues it could read and what it had
/// to skip or repair on the way.
struct ParsedTranscript: Sendable {
    /// The cues in file order.
    var cues: [RawCue] = []
    /// Warnings about skipped or repaired parts, in line order.
    var diagnostics: [Diagnostic] = []
    /// Chapters the transcript itself gives (OHMS index segments), in time
    /// order; a sibling chapter track wins over them.
    var chapters: [Chapter] = []

    /// Sorts ``diagnostics`` by line, keeping the order of equal lines.
    mutating func sortDiagnostics() {
        diagnostics = diagnostics.enumerated()
            .sorted { ($0.element.line, $0.offset) < ($1.element.line, $1.offset) }
            .map(\.element)
    }
}
