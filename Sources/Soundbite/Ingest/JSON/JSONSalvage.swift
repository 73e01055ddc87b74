/// What can be read of a JSON text that breaks part-way (a recogniser killed
/// while writing, a damaged copy): the longest prefix that ends right after a
/// complete value inside an array or object, closed with the brackets still
/// open there. So a Whisper file cut in its 900th segment keeps 899.
///
/// - Complexity: one scan of the prefix, then at most ``maxAttempts``
///   parses, each linear: O(n) for a given limit.
enum JSONSalvage {
    /// How many cut points are tried, latest first.
    static let maxAttempts = 16

    /// The value of the longest repairable prefix of `bytes[..<end]`, or
    /// `nil` when none parses.
    static func prefix(_ bytes: [UInt8], before end: Int, maxDepth: Int) -> JSONValue? {
        let end = min(max(0, end), bytes.count)
        // Cut points: just after a `}` or `]` that closes a value nested in
        // another container, with the closers that container stack needs.
        var candidates: [(cut: Int, closers: [UInt8])] = []
        var stack: [UInt8] = []
        var inString = false
        var i = 0
        while i < end {
            let b = bytes[i]
            if inString {
                if b == UInt8(ascii: "\\") { i += 2; continue }
                if b == UInt8(ascii: "\"") { inString = false }
            } else {
                switch b {
                case UInt8(ascii: "\""): inString = true
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    if stack.count > maxDepth { return nil }
                    stack.append(b == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]"))
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    guard stack.popLast() == b else { return nil }
                    if !stack.isEmpty {
                        if candidates.count == maxAttempts { candidates.removeFirst() }
                        candidates.append((i + 1, stack.reversed()))
                    }
                default: break
                }
            }
            i += 1
        }
        for candidate in candidates.reversed() {
            if let value = try? JSONReader.parse(Array(bytes[..<candidate.cut]) + candidate.closers, maxDepth: maxDepth) {
                return value
            }
        }
        return nil
    }
}
