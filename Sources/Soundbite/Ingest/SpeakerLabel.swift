/// A speaker label at the start of a cue or line, and the rules that find one.
///
/// Recognised forms (at most ``maxWords`` words in the name, an optional
/// inline role in parentheses, then a colon followed by white space or the
/// end of the text):
/// - `[Amit Varma]: text` — bracketed: any words that start with a letter,
///   no sentence punctuation; WhisperX's diarized `[SPEAKER_00]: text` too
///   (ids with `_` are kept as written).
/// - `>> RUTH OKAFOR: text` — after `>>` (broadcast captions): the same
///   relaxed rule. A `>>` without a label is removed and the speaker kept.
/// - `Ruth Okafor: text`, `Ruth Okafor (Head Teacher): text` — bare: the first
///   word starts with an upper-case letter and every other word starts with an
///   upper-case letter, is a number (`Guest 2`) or a name particle (`de`,
///   `van`, `bin`, …); no sentence punctuation (`, ; ! ? "` and friends) and
///   the first word is not a common sentence opener (`Note`, `Yes`, `So`,
///   `And`, `This`, …).
///
/// So `1:1`, `10:30`, `https://x` and "The answer was simple: yes" are not
/// labels. A name written entirely in capitals is title-cased
/// (`RUTH O'NEILL` → "Ruth O'Neill"); roles are lower-cased.
struct SpeakerLabel: Sendable, Hashable {
    /// The speaker's name, white space collapsed, all-capitals names title-cased.
    var speaker: String
    /// The inline role, lower-cased, or `nil` when the label has none.
    var role: String?

    /// The most words a name (and, separately, an inline role) may have.
    static let maxWords = 6
    /// The most characters searched for the colon that ends a label.
    static let maxLabelCharacters = 160

    /// Words that start sentences far more often than they name speakers.
    static let sentenceOpeners: Set<String> = [
        "note", "notes", "yes", "no", "so", "and", "but", "or", "well", "okay", "ok",
        "also", "then", "now", "here", "there", "this", "that", "these", "those", "it",
        "we", "you", "they", "he", "she", "i", "because", "remember", "look", "listen",
        "example", "update", "edit", "warning", "important", "tip", "ps", "if", "when",
        "in", "on", "at", "for", "my", "our", "your", "his", "her", "their", "what",
        "why", "how", "where", "which", "who", "hint", "fact", "result", "reason",
    ]

    /// Lower-case words allowed inside a bare name (`Ludwig van Beethoven`).
    static let nameParticles: Set<String> = [
        "de", "da", "das", "do", "dos", "di", "du", "del", "della", "van", "von", "der",
        "den", "la", "le", "al", "el", "bin", "ibn", "bint", "y", "e", "ten", "ter", "zu",
    ]

    /// Splits a leading label off `text`.
    ///
    /// - Returns: the label (or `nil`) and the text after it; a `>>` marker is
    ///   removed from the text even when no label follows.
    static func split(_ text: String) -> (label: SpeakerLabel?, rest: String) {
        let fast = text.utf8.withContiguousStorageIfAvailable { bytes -> (label: SpeakerLabel?, rest: String)? in
            guard let split = split(bytes: bytes) else { return nil }
            if split.restStart == 0 { return (split.label, text) }
            return (split.label, String(decoding: UnsafeBufferPointer(rebasing: bytes[split.restStart...]), as: UTF8.self))
        }
        return (fast ?? nil) ?? splitCharacters(text)
    }

    /// ``split(_:)`` read `Character` by `Character`: the reference the
    /// byte-level reading (``split(bytes:)``) follows, and its fallback when
    /// non-ASCII text decides the answer.
    static func splitCharacters(_ text: String) -> (label: SpeakerLabel?, rest: String) {
        var t = Substring(text).drop(while: { $0 == " " || $0 == "\t" })
        var relaxed = false
        if t.hasPrefix(">>") {
            t = t.drop(while: { $0 == ">" }).drop(while: { $0 == " " || $0 == "\t" })
            relaxed = true
        }
        if t.hasPrefix("[") {
            var close: Substring.Index?
            var count = 0
            var k = t.index(after: t.startIndex)
            while k < t.endIndex, count < maxLabelCharacters {
                let c = t[k]
                if c == "]" { close = k; break }
                if c == "[" { break }
                count += 1
                k = t.index(after: k)
            }
            if let close {
                let inner = t[t.index(after: t.startIndex)..<close]
                let after = t[t.index(after: close)...].drop(while: { $0 == " " || $0 == "\t" })
                if after.hasPrefix(":"), let label = parse(inner, relaxed: true) {
                    return (label, trimmed(after.dropFirst()))
                }
            }
            return (nil, String(t))
        }
        var count = 0
        var k = t.startIndex
        while k < t.endIndex, count < maxLabelCharacters {
            let c = t[k]
            if c == ":" {
                let next = t.index(after: k)
                guard next == t.endIndex || t[next] == " " || t[next] == "\t" else { break }
                if let label = parse(t[t.startIndex..<k], relaxed: relaxed) {
                    return (label, trimmed(t[next...]))
                }
                break
            }
            count += 1
            k = t.index(after: k)
        }
        return (nil, String(t))
    }

    /// Reads the annotation of a WebVTT voice span (`Ruth Okafor (Head Teacher)`):
    /// any non-empty name, with an optional role in parentheses at the end.
    static func voice(_ annotation: String) -> SpeakerLabel? {
        let (name, role) = splitRole(Substring(annotation))
        let speaker = normalizeName(name)
        if speaker.isEmpty { return nil }
        return SpeakerLabel(speaker: speaker, role: role)
    }

    /// Parses a label candidate (the text before the colon).
    static func parse(_ candidate: Substring, relaxed: Bool) -> SpeakerLabel? {
        let (name, role) = splitRole(candidate)
        let words = name.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard (1...maxWords).contains(words.count) else { return nil }
        if let role, role.split(separator: " ").count > maxWords { return nil }
        for (index, word) in words.enumerated() {
            guard let first = word.first else { return nil }
            for c in word {
                if c.isLetter || c.isNumber || c == "'" || c == "\u{2019}" || c == "-" || c == "." || c == "_" { continue }
                return nil
            }
            if index == 0 {
                guard first.isLetter else { return nil }
                if !relaxed {
                    guard first.isUppercase else { return nil }
                    if sentenceOpeners.contains(word.lowercased()) { return nil }
                }
            } else if !relaxed {
                let isNumber = word.allSatisfy { $0.isNumber }
                guard first.isUppercase || isNumber || nameParticles.contains(String(word)) else { return nil }
            }
        }
        let speaker = normalizeName(name)
        return speaker.isEmpty ? nil : SpeakerLabel(speaker: speaker, role: role)
    }

    /// Splits `Name (Role)` into the name and the lower-cased role.
    static func splitRole(_ text: Substring) -> (name: Substring, role: String?) {
        let t = text.trimmingSuffix(while: { $0 == " " || $0 == "\t" })
        guard t.hasSuffix(")"), let open = t.lastIndex(of: "(") else { return (t, nil) }
        let inner = t[t.index(after: open)..<t.index(before: t.endIndex)]
        if inner.contains("(") || inner.contains(")") { return (t, nil) }
        let role = inner.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ").lowercased()
        let name = t[t.startIndex..<open]
        if role.isEmpty { return (name, nil) }
        return (name, role)
    }

    /// Collapses white space; title-cases a name written entirely in capitals,
    /// except a diarization id such as WhisperX's `SPEAKER_00` (a name with
    /// `_`), which is kept as written.
    static func normalizeName(_ name: Substring) -> String {
        let words = name.split(whereSeparator: { $0 == " " || $0 == "\t" })
        let joined = words.joined(separator: " ")
        if joined.contains("_") { return joined }
        let hasLower = joined.contains { $0.isLowercase }
        var letterRun = 0, longestRun = 0
        for c in joined {
            if c.isLetter { letterRun += 1; longestRun = max(longestRun, letterRun) } else { letterRun = 0 }
        }
        guard !hasLower, longestRun >= 2 else { return joined }
        var out = ""
        var previousWasLetter = false
        for c in joined {
            if c.isLetter {
                out += previousWasLetter ? c.lowercased() : c.uppercased()
                previousWasLetter = true
            } else {
                out.append(c)
                previousWasLetter = false
            }
        }
        return out
    }

    private static func trimmed(_ s: Substring) -> String {
        String(s.drop(while: { $0 == " " || $0 == "\t" }))
    }
}

extension Substring {
    /// The substring without trailing characters that satisfy `predicate`.
    fileprivate func trimmingSuffix(while predicate: (Character) -> Bool) -> Substring {
        var end = endIndex
        while end > startIndex {
            let previous = index(before: end)
            if !predicate(self[previous]) { break }
            end = previous
        }
        return self[startIndex..<end]
    }
}
