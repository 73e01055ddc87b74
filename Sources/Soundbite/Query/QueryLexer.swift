/// One token of the query language, with the 1-based column (in Unicode
/// scalars of the query text) where it starts.
struct QueryToken: Sendable, Hashable {
    enum Kind: Sendable, Hashable {
        /// A plain word (escapes already removed).
        case term(String)
        /// A word ending in an unescaped `*`; the text is without the `*`.
        case prefix(String)
        /// A lone `*`.
        case matchAll
        /// A word ending in `~` or `~N`. `edits` may be 0 (the parser turns
        /// that into a term); `tildeColumn` is where the `~` is.
        case fuzzy(String, edits: Int, tildeColumn: Int)
        /// A quoted phrase, split on whitespace, with its `~N` slop if any.
        case phrase([String], slop: Int?, tildeColumn: Int)
        /// `name:` — the value follows as the next token. `name` is
        /// lower-cased, `written` is as typed.
        case field(name: String, written: String)
        /// Right after `name:`, when no value follows (space, `)` or the end).
        case missingValue
        case openParen
        case closeParen
        /// `AND` or `&&`, as written.
        case and(String)
        /// `OR` or `||`, as written.
        case or(String)
        /// `NOT` or `!`, as written.
        case not(String)
        /// `+` at the start of a clause.
        case plus
        /// `-` at the start of a clause.
        case minus
        /// The end of the query.
        case end
    }

    var kind: Kind
    var column: Int
}

/// Splits query text into ``QueryToken``s, one at a time, in a single
/// left-to-right pass over the Unicode scalars (O(n) overall).
///
/// Operators (`(` `)` `"` `+` `-` `!` `&&` `||` and the upper-case words
/// `AND` `OR` `NOT`) are only recognised where a token starts; inside a word
/// they are ordinary characters, so `dinner-time`, `wow!` and `a&&b` are
/// words. A word ends at whitespace or at an unescaped `(`, `)` or `"`.
struct QueryLexer {
    private let scalars: [Unicode.Scalar]
    private let limits: QueryLimits
    private var index = 0
    /// Set after a `name:` token: the next token is the field's value, read
    /// literally (no operators, no nested field).
    private var expectingValue = false
    /// Reused storage for the characters of the current word.
    private var buffer: [WordChar] = []

    private struct WordChar {
        var scalar: Unicode.Scalar
        var escaped: Bool
        /// Index of the scalar in the query (column - 1).
        var index: Int
    }

    init(_ scalars: [Unicode.Scalar], limits: QueryLimits) {
        self.scalars = scalars
        self.limits = limits
        // No word is longer than the query: one allocation, never grown.
        buffer.reserveCapacity(scalars.count)
    }

    /// Unicode whitespace. ASCII is decided by value (tab to carriage return,
    /// and space: the ASCII scalars whose `isWhitespace` property is set), the
    /// rest by the property, which is a table lookup in the runtime.
    @inline(__always)
    static func isWhitespace(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if v < 0x80 { return v == 0x20 || (v >= 0x09 && v <= 0x0D) }
        return s.properties.isWhitespace
    }

    /// Characters that end a word when unescaped.
    private static func isDelimiter(_ s: Unicode.Scalar) -> Bool {
        s == "(" || s == ")" || s == "\"" || isWhitespace(s)
    }

    private func error(_ index: Int, _ message: String) -> QuerySyntaxError {
        QuerySyntaxError(column: index + 1, message: message)
    }

    private func token(_ kind: QueryToken.Kind, at start: Int) -> QueryToken {
        QueryToken(kind: kind, column: start + 1)
    }

    /// The next token; ``QueryToken/Kind/end`` forever once the text is used up.
    mutating func next() throws(QuerySyntaxError) -> QueryToken {
        if expectingValue {
            expectingValue = false
            return try value()
        }
        while index < scalars.count, Self.isWhitespace(scalars[index]) { index += 1 }
        let start = index
        guard index < scalars.count else { return token(.end, at: start) }
        let c = scalars[index]
        let following: Unicode.Scalar? = index + 1 < scalars.count ? scalars[index + 1] : nil
        switch c {
        case "(": index += 1; return token(.openParen, at: start)
        case ")": index += 1; return token(.closeParen, at: start)
        case "\"": return try phrase()
        case "+": index += 1; return token(.plus, at: start)
        case "-": index += 1; return token(.minus, at: start)
        case "!": index += 1; return token(.not("!"), at: start)
        case "&" where following == "&": index += 2; return token(.and("&&"), at: start)
        case "|" where following == "|": index += 2; return token(.or("||"), at: start)
        default: break
        }
        if let keyword = keyword() {
            index += keyword.unicodeScalars.count
            switch keyword {
            case "AND": return token(.and(keyword), at: start)
            case "OR": return token(.or(keyword), at: start)
            default: return token(.not(keyword), at: start)
            }
        }
        return try word(allowField: true)
    }

    /// `AND`, `OR` or `NOT` if one starts here as a whole word.
    private static let keywords: [(String, [Unicode.Scalar])] =
        ["AND", "OR", "NOT"].map { ($0, Array($0.unicodeScalars)) }

    private func keyword() -> String? {
        for (keyword, k) in Self.keywords {
            guard index + k.count <= scalars.count else { continue }
            guard scalars[index..<index + k.count].elementsEqual(k) else { continue }
            let after = index + k.count
            if after == scalars.count || Self.isDelimiter(scalars[after]) { return keyword }
        }
        return nil
    }

    /// The token right after `name:`: a word, a phrase, `(`, or
    /// ``QueryToken/Kind/missingValue``.
    private mutating func value() throws(QuerySyntaxError) -> QueryToken {
        let start = index
        guard index < scalars.count else { return token(.missingValue, at: start) }
        let c = scalars[index]
        if c == ")" || Self.isWhitespace(c) { return token(.missingValue, at: start) }
        if c == "(" { index += 1; return token(.openParen, at: start) }
        if c == "\"" { return try phrase() }
        return try word(allowField: false, fieldValue: true)
    }

    /// A quoted phrase starting at the current `"`, with an optional `~N`.
    private mutating func phrase() throws(QuerySyntaxError) -> QueryToken {
        let open = index
        index += 1
        var words: [String] = []
        var current = String.UnicodeScalarView()
        func unterminated() -> QuerySyntaxError {
            error(scalars.count, "unterminated phrase: expected '\"' to close the '\"' at column \(open + 1)")
        }
        while true {
            guard index < scalars.count else { throw unterminated() }
            var c = scalars[index]
            if c == "\"" { index += 1; break }
            let wordStart = index
            if c == "\\" {
                guard index + 1 < scalars.count else { throw unterminated() }
                index += 1
                c = scalars[index]
            }
            if Self.isWhitespace(c) {  // escaped or not, whitespace separates words
                if !current.isEmpty { words.append(String(current)); current = String.UnicodeScalarView() }
                index += 1
                continue
            }
            if current.isEmpty && words.count >= limits.maxPhraseWords {
                throw error(wordStart, "too many words in the phrase: at most \(limits.maxPhraseWords)")
            }
            current.append(c)
            index += 1
        }
        if !current.isEmpty { words.append(String(current)) }
        guard !words.isEmpty else { throw error(open, "empty phrase: put words between the quotes") }

        guard index < scalars.count, scalars[index] == "~" else {
            return token(.phrase(words, slop: nil, tildeColumn: 0), at: open)
        }
        let tilde = index
        index += 1
        let message = "'~' after a phrase needs a number from 0 to \(limits.maxSlop)"
        var slop = 0
        var digits = 0
        let firstDigit = index
        while index < scalars.count, !Self.isDelimiter(scalars[index]) {
            guard let d = Self.digit(scalars[index]) else { throw error(index, message) }
            slop = Self.accumulate(slop, d)
            digits += 1
            index += 1
        }
        guard digits > 0 else { throw error(index, message) }
        guard slop <= limits.maxSlop else { throw error(firstDigit, message) }
        return token(.phrase(words, slop: slop, tildeColumn: tilde + 1), at: open)
    }

    private static func digit(_ s: Unicode.Scalar) -> Int? {
        s.value >= 0x30 && s.value <= 0x39 ? Int(s.value - 0x30) : nil
    }

    /// `value * 10 + digit`, saturating at `Int.max`.
    private static func accumulate(_ value: Int, _ digit: Int) -> Int {
        let (times10, o1) = value.multipliedReportingOverflow(by: 10)
        let (sum, o2) = times10.addingReportingOverflow(digit)
        return o1 || o2 ? Int.max : sum
    }

    /// A field name: a letter, then letters, digits, `_` or `-`, none escaped.
    private static func isFieldName(_ chars: ArraySlice<WordChar>) -> Bool {
        guard let first = chars.first, !first.escaped, first.scalar.properties.isAlphabetic else { return false }
        return chars.allSatisfy { c in
            !c.escaped && (c.scalar.properties.isAlphabetic || c.scalar.properties.numericType == .decimal
                           || c.scalar == "_" || c.scalar == "-")
        }
    }

    /// The scalars of `chars` as a string: written as bytes when all are
    /// ASCII (the usual word), scalar by scalar otherwise.
    private static func string(_ chars: ArraySlice<WordChar>) -> String {
        if chars.allSatisfy({ $0.scalar.value < 0x80 }) {
            return String(unsafeUninitializedCapacity: chars.count) { out in
                var n = 0
                for c in chars { out[n] = UInt8(truncatingIfNeeded: c.scalar.value); n += 1 }
                return n
            }
        }
        var view = String.UnicodeScalarView()
        for c in chars { view.append(c.scalar) }
        return String(view)
    }

    /// A word (or, with `allowField`, a `name:` token) at the current position.
    /// A `fieldValue` (right after `name:`) is a filter pattern and may hold
    /// `*` anywhere (`chapter:*licen*`).
    private mutating func word(allowField: Bool, fieldValue: Bool = false) throws(QuerySyntaxError) -> QueryToken {
        let start = index
        buffer.removeAll(keepingCapacity: true)
        var checkedColon = !allowField
        while index < scalars.count {
            let c = scalars[index]
            if c == "\\" {
                guard index + 1 < scalars.count else {
                    throw error(scalars.count, "expected a character after '\\' (write '\\\\' for a backslash)")
                }
                buffer.append(WordChar(scalar: scalars[index + 1], escaped: true, index: index + 1))
                index += 2
                continue
            }
            if Self.isDelimiter(c) { break }
            if c == ":" && !checkedColon {
                checkedColon = true
                if Self.isFieldName(buffer[...]) {
                    index += 1
                    expectingValue = true
                    let written = Self.string(buffer[...])
                    return token(.field(name: written.lowercased(), written: written), at: start)
                }
            }
            buffer.append(WordChar(scalar: c, escaped: false, index: index))
            index += 1
        }
        return token(try classify(fieldValue: fieldValue), at: start)
    }

    /// Turns the buffered word into a term, prefix, `*` or fuzzy word (in a
    /// field value, a `*` before the end stays in the term: a glob).
    private func classify(fieldValue: Bool) throws(QuerySyntaxError) -> QueryToken.Kind {
        let chars = buffer[...]
        let tilde = chars.firstIndex { $0.scalar == "~" && !$0.escaped }
        let body = chars[..<(tilde ?? chars.endIndex)]
        for c in body.dropLast() where c.scalar == "*" && !c.escaped && !fieldValue {
            throw error(c.index, "wildcards only at the end of a word (write '\\*' for a literal '*')")
        }
        let isPrefix = body.last.map { $0.scalar == "*" && !$0.escaped } ?? false
        if let tilde {
            let at = chars[tilde].index
            guard !body.isEmpty else { throw error(at, "expected a word before '~'") }
            guard !isPrefix else { throw error(at, "a word ending in '*' can't also have '~'") }
            let message = "'~' needs a number from 0 to \(limits.maxEdits)"
            var edits = 0
            let digits = chars[(tilde + 1)...]
            for c in digits {
                guard !c.escaped, let d = Self.digit(c.scalar) else { throw error(c.index, message) }
                edits = Self.accumulate(edits, d)
            }
            if digits.isEmpty {
                edits = max(0, min(2, limits.maxEdits))
            } else if edits > limits.maxEdits {
                throw error(digits.first!.index, message)
            }
            return .fuzzy(Self.string(body), edits: edits, tildeColumn: at + 1)
        }
        if isPrefix {
            return body.count == 1 ? .matchAll : .prefix(Self.string(body.dropLast()))
        }
        return .term(Self.string(body))
    }
}
