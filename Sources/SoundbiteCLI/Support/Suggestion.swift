/// "Did you mean": the known name closest to a mistyped one.
enum Suggestion {
    /// The candidate nearest to `typed` by edit distance, when it is near
    /// enough to be a typo (at most one edit per three characters, at most
    /// two; or `typed` begins a single candidate); ties go to the first.
    static func closest(to typed: String, among candidates: [String]) -> String? {
        let word = Array(typed.drop { $0 == "-" })
        guard !word.isEmpty else { return nil }
        let prefixed = candidates.filter { word.count >= 3 && $0.hasPrefix(typed) }
        if prefixed.count == 1 { return prefixed[0] }
        let allowed = max(1, min(2, word.count / 3))
        var best: (name: String, distance: Int)?
        for c in candidates {
            let d = distance(Array(typed), Array(c))
            if d <= allowed, d < (best?.distance ?? .max) { best = (c, d) }
        }
        return best?.name
    }

    /// `"; did you mean 'x'?"`, or "" when nothing is close.
    static func hint(for typed: String, among candidates: [String]) -> String {
        closest(to: typed, among: candidates).map { "; did you mean '\($0)'?" } ?? ""
    }

    /// Levenshtein distance (insert, delete, substitute), one row at a time.
    static func distance(_ a: [Character], _ b: [Character]) -> Int {
        var row = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var diagonal = row[0]
            row[0] = i + 1
            for (j, y) in b.enumerated() {
                let next = min(row[j + 1] + 1, row[j] + 1, diagonal + (x == y ? 0 : 1))
                diagonal = row[j + 1]
                row[j + 1] = next
            }
        }
        return row[b.count]
    }
}
