extension QueryParser {
    /// The tree of a query made only of plain words, read straight from its
    /// bytes; nil for anything else (the lexer and the grammar read it).
    ///
    /// A plain word is a run of ASCII letters and digits other than the
    /// keywords `AND`, `OR`, `NOT`; the words are separated by spaces. No
    /// such character starts an operator, a phrase, a group, a field, an
    /// escape, a prefix or a fuzzy suffix, so the grammar reads each word as
    /// a `should` clause: one word is its ``QueryNode/term(_:)``, several a
    /// ``QueryNode/boolean(_:)`` of them in order (``QueryParser``, "How the
    /// tree is built"). Queries past a limit, or holding no word, are left
    /// to the grammar, which names the error.
    static func plainWords(_ text: String, limits: QueryLimits) -> QueryNode? {
        var text = text
        return text.withUTF8 { bytes -> QueryNode? in
            guard bytes.count <= limits.maxQueryBytes else { return nil }
            var clauses: [Clause] = []
            var i = 0
            while i < bytes.count {
                if bytes[i] == UInt8(ascii: " ") {
                    i += 1
                    continue
                }
                let start = i
                while i < bytes.count && isPlainWordByte(bytes[i]) { i += 1 }
                guard i == bytes.count || bytes[i] == UInt8(ascii: " ") else { return nil }
                let word = UnsafeBufferPointer(rebasing: bytes[start..<i])
                guard !isKeyword(word), clauses.count < limits.maxClauses else { return nil }
                if clauses.isEmpty { clauses.reserveCapacity(4) }
                clauses.append(Clause(.should, .term(String(decoding: word, as: UTF8.self))))
            }
            switch clauses.count {
            case 0: return nil
            case 1: return clauses[0].node
            default: return .boolean(clauses)
            }
        }
    }

    /// ASCII letters and digits.
    @inline(__always)
    private static func isPlainWordByte(_ b: UInt8) -> Bool {
        (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39)
    }

    /// `AND`, `OR` or `NOT`.
    private static func isKeyword(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
        switch word.count {
        case 2: return word[0] == 0x4F && word[1] == 0x52
        case 3: return (word[0] == 0x41 && word[1] == 0x4E && word[2] == 0x44) || (word[0] == 0x4E && word[1] == 0x4F && word[2] == 0x54)
        default: return false
        }
    }
}
