/// Reads the query language into a ``QueryNode``.
///
/// ```
/// laptops home                 any of the words (should clauses)
/// +laptops -tablet             must / must not
/// laptops AND (home OR parents) NOT tablet
/// "one to one"  "laptops home"~3
/// lapt*   recieve~   recieve~1   *
/// role:parent  chapter:"use of ict"  role:(parent OR student)
/// ```
///
/// Grammar (EBNF; `ws` is Unicode whitespace, skipped between tokens):
///
/// ```
/// query       = sequence ;
/// sequence    = conjunction , { [ OR ] , conjunction } ;   (* juxtaposition is OR *)
/// conjunction = unary , { AND , unary | NOT , primary } ; (* a NOT b = a AND NOT b *)
/// unary       = [ "+" | "-" | NOT ] , primary ;            (* prefixes don't stack *)
/// primary     = word | phrase | field | group ;
/// group       = "(" , sequence , ")" ;
/// field       = name , ":" , ( value-word | phrase | group ) ;  (* no space after ':' *)
/// name        = letter , { letter | digit | "_" | "-" } ;
/// phrase      = '"' , { any character | "\" any } , '"' , [ "~" , digits ] ;
/// word        = wordchar , { wordchar } , [ "*" | "~" , [ digits ] ] ;
/// wordchar    = "\" any | any character except ws ( ) " and an unescaped * or ~ ;
/// AND = "AND" | "&&" ;   OR = "OR" | "||" ;   NOT = "NOT" | "!" ;
/// ```
///
/// Operators are recognised only where a token starts: `dinner-time`,
/// `wow!`, `a&&b` and `1:1` are words, and lower-case `and` is a word. The
/// upper-case keywords must stand alone (`ANDROID` is a word). Precedence
/// is NOT > AND > OR (juxtaposition); parentheses group.
///
/// How the tree is built:
/// - a sequence becomes ``QueryNode/boolean(_:)`` with each operand as a
///   `should` clause, or `must` / `mustNot` when it carries `+` / `-` / `NOT`;
/// - an AND chain becomes a boolean whose operands are `must`, or `mustNot`
///   for negated ones (`NOT b`, `-b`);
/// - a boolean with no `must` and no `should` clause ("everything except")
///   gets a leading `Clause(.must, .matchAll)`; a `must .matchAll` next to
///   another `must` clause is dropped as redundant;
/// - a group of one `should` or `must` clause is just that clause's node;
/// - a `should` boolean made only of `should` clauses is spliced into an
///   enclosing boolean as `should` clauses, and a `must` boolean with no
///   `should` clause is spliced in as its `must`/`mustNot` clauses — both
///   keep the matching documents and the scores unchanged.
///
/// Details the language leaves open:
/// - `a b NOT c` is `a OR (b AND NOT c)` (binary NOT binds like AND); write
///   `(a b) NOT c` or `a b -c` to exclude `c` from both.
/// - `+`, `-` and `NOT` don't stack (`NOT -a`, `--a` are errors); a space may
///   follow them (`a - b` is `a -b`). `-5` excludes 5: write `\-5` for the word.
/// - `"…"` always gives a phrase, even of one word; an empty phrase is an
///   error. Inside quotes `\"` and `\\` are escapes, whitespace (escaped
///   or not) separates words, everything else is literal.
/// - `*` inside a word (`la*ps`) is an error (not in a field value, below);
///   `\*` is a literal star.
///   `~` is a fuzzy suffix only: `a~b` or `~x` is an error, `\~` literal.
///   With `limits.maxEdits` < 2, a bare `~` asks for `maxEdits` edits.
/// - A field value is a word or a quoted phrase (whitespace collapsed to
///   single spaces) read literally — `role:AND`, `role:-x` and `a:b:c`
///   (field `a`, value `b:c`) — except that a `*` anywhere, escaped or not,
///   is a wildcard (`chapter:*licen*`; see ``SearchFilters``), and `~` is an
///   error. `name:( … )` applies the field to
///   every word and phrase inside; a field inside it (`role:(school:x)`)
///   wins. Unknown field names are left to the query compiler.
/// - A field name is a letter followed by letters, digits, `_` or `-`
///   (Unicode letters count), with no escapes; otherwise the `:` is part of
///   a word (`1:1`, `10:30`, `a.b:c`, `role\:x`).
/// - Clauses counted against `maxClauses` are leaves (words, phrases,
///   prefixes, fields) and parenthesised groups.
/// - The depth limit is `min(limits.maxDepth, QueryParser.hardMaxDepth)`.
public struct QueryParser: Sendable {
    /// The bounds the parser enforces.
    public var limits: QueryLimits

    /// The parser never nests deeper than this many parentheses, whatever
    /// ``QueryLimits/maxDepth`` says. Parsing itself does not recurse, but
    /// the tree it returns is walked (and freed) recursively.
    public static let hardMaxDepth = 256

    /// Creates a parser with the given limits.
    public init(limits: QueryLimits = .standard) {
        self.limits = limits
    }

    /// Parses `text`, or throws a ``QuerySyntaxError`` naming the column
    /// (1-based, in Unicode scalars) and what was expected there.
    public func parse(_ text: String) throws(QuerySyntaxError) -> QueryNode {
        // Plain words (most typed queries) need no lexer: the same tree, read from the bytes.
        if let words = Self.plainWords(text, limits: limits) { return words }
        return try parseSyntax(text)
    }

    /// ``parse(_:)`` by the lexer and the grammar, whatever the text.
    func parseSyntax(_ text: String) throws(QuerySyntaxError) -> QueryNode {
        if text.utf8.count > limits.maxQueryBytes {
            var bytes = 0
            var column = 1
            for scalar in text.unicodeScalars {
                bytes += UTF8.width(scalar)
                if bytes > limits.maxQueryBytes { break }
                column += 1
            }
            throw QuerySyntaxError(column: column,
                                   message: "query too long: at most \(limits.maxQueryBytes) bytes (UTF-8)")
        }
        let scalars = Array(text.unicodeScalars)
        guard scalars.contains(where: { !QueryLexer.isWhitespace($0) }) else {
            throw QuerySyntaxError(column: 1, message: "empty query: type some words")
        }
        var state = ParseState(lexer: QueryLexer(scalars, limits: limits), limits: limits,
                               maxDepth: min(limits.maxDepth, Self.hardMaxDepth))
        return try state.query()
    }
}

/// The parser proper, with one token of lookahead.
///
/// It is recursive descent with the recursion unrolled: each open
/// parenthesis pushes a ``Frame`` holding the enclosing sequence's state,
/// and the matching `)` pops it and hands the group's node to the
/// enclosing frame. So no input, however deeply nested, can grow the call
/// stack; `maxDepth` only bounds the frames (and the depth of the tree).
private struct ParseState {
    var lexer: QueryLexer
    let limits: QueryLimits
    let maxDepth: Int
    var lookahead: QueryToken?
    var clauseCount = 0

    /// One level of parentheses (the query itself is the bottom frame).
    struct Frame {
        /// Inside `name:( … )`, the field every leaf belongs to.
        var field: String?
        /// The `(` that opened the group; nil for the whole query.
        var open: QueryToken?
        /// How the group's node joins the enclosing frame.
        var occur: Occur
        /// The finished conjunctions of this sequence.
        var clauses: [Clause] = []
        /// The conjunction being read: empty between conjunctions.
        var items: [Clause] = []
        /// An `OR` just read, still waiting for its right operand.
        var pendingOr: String?
    }

    init(lexer: QueryLexer, limits: QueryLimits, maxDepth: Int) {
        self.lexer = lexer
        self.limits = limits
        self.maxDepth = maxDepth
    }

    mutating func peek() throws(QuerySyntaxError) -> QueryToken {
        if let lookahead { return lookahead }
        let t = try lexer.next()
        lookahead = t
        return t
    }

    @discardableResult
    mutating func advance() throws(QuerySyntaxError) -> QueryToken {
        let t = try peek()
        lookahead = nil
        return t
    }

    // MARK: Grammar

    /// The whole query: `sequence` up to the end.
    mutating func query() throws(QuerySyntaxError) -> QueryNode {
        var frames = [Frame(field: nil, open: nil, occur: .should)]
        while true {
            let t = try peek()
            let top = frames.count - 1

            // Inside a conjunction: `AND unary` or `NOT primary` continue it,
            // anything else ends it.
            if !frames[top].items.isEmpty {
                switch t.kind {
                case .and(let text):
                    try advance()
                    try operand(&frames, occur: .should, prefixes: true, after: text)
                    continue
                case .not(let text):
                    try advance()
                    try operand(&frames, occur: .mustNot, prefixes: false, after: text)
                    continue
                default:
                    let items = frames[top].items
                    frames[top].items = []
                    frames[top].clauses.append(Self.conjunction(items))
                }
            }

            // Between conjunctions.
            switch t.kind {
            case .end, .closeParen:
                let frame = frames[top]
                if let pendingOr = frame.pendingOr { throw expectedOperand(after: pendingOr, at: t) }
                if frame.clauses.isEmpty {
                    if frame.open != nil { throw expectedOperand(after: "(", at: t) }
                    throw unexpected(t)
                }
                let node = Self.combine(frame.clauses)
                guard let open = frame.open else {
                    if case .end = t.kind { return node }
                    throw unexpected(t)
                }
                guard case .closeParen = t.kind else {
                    throw QuerySyntaxError(column: t.column,
                                           message: "expected ')' to close the '(' at column \(open.column)")
                }
                try advance()
                frames.removeLast()
                frames[top - 1].items.append(Clause(frame.occur, node))
            case .or(let text):
                if let pendingOr = frames[top].pendingOr { throw expectedOperand(after: pendingOr, at: t) }
                if frames[top].clauses.isEmpty { throw expectedOperand(before: text, at: t) }
                try advance()
                frames[top].pendingOr = text
            case .and(let text):
                if let pendingOr = frames[top].pendingOr { throw expectedOperand(after: pendingOr, at: t) }
                throw expectedOperand(before: text, at: t)
            default:
                let after = frames[top].pendingOr
                frames[top].pendingOr = nil
                try operand(&frames, occur: .should, prefixes: true, after: after)
            }
        }
    }

    /// Reads `[+ | - | NOT] primary` (or just `primary` without `prefixes`)
    /// and appends it to the top frame's conjunction, or, at a `(`, pushes
    /// a frame that will append the group when it closes. `after` names
    /// the operator before it, for messages.
    mutating func operand(_ frames: inout [Frame], occur: Occur, prefixes: Bool,
                          after: String?) throws(QuerySyntaxError) {
        var occur = occur
        var after = after
        if prefixes {
            let t = try peek()
            switch t.kind {
            case .plus: try advance(); occur = .must; after = "+"
            case .minus: try advance(); occur = .mustNot; after = "-"
            case .not(let text): try advance(); occur = .mustNot; after = text
            default: break
            }
        }
        var field = frames[frames.count - 1].field
        var t = try peek()
        if case .field(let name, let written) = t.kind {
            try advance()
            t = try peek()
            switch t.kind {
            case .openParen, .term, .prefix, .matchAll, .fuzzy, .phrase:
                field = name
                after = nil
            default:
                throw QuerySyntaxError(column: t.column, message: "expected a value after '\(written):'")
            }
        }
        if case .openParen = t.kind {
            try advance()
            try count(t)
            guard frames.count - 1 < maxDepth else {
                throw QuerySyntaxError(column: t.column,
                                       message: "too deeply nested: at most \(maxDepth) levels of parentheses")
            }
            frames.append(Frame(field: field, open: t, occur: occur))
            return
        }
        let node = try leaf(t, field: field, after: after)
        frames[frames.count - 1].items.append(Clause(occur, node))
    }

    /// A word or phrase token (consumed), as a node; inside `name:`, as a
    /// ``QueryNode/field(name:value:)``.
    mutating func leaf(_ t: QueryToken, field: String?, after: String?) throws(QuerySyntaxError) -> QueryNode {
        let node: QueryNode
        switch t.kind {
        case .term(let text):
            node = field.map { .field(name: $0, value: text) } ?? .term(text)
        case .prefix(let text):
            node = field.map { .field(name: $0, value: text + "*") } ?? .prefix(text)
        case .matchAll:
            node = field.map { .field(name: $0, value: "*") } ?? .matchAll
        case .fuzzy(let text, let edits, let tildeColumn):
            if field != nil {
                throw QuerySyntaxError(column: tildeColumn, message: "'~' can't be used in a field value")
            }
            node = edits == 0 ? .term(text) : .fuzzy(text, maxEdits: edits)
        case .phrase(let words, let slop, let tildeColumn):
            if field != nil, slop != nil {
                throw QuerySyntaxError(column: tildeColumn, message: "'~' can't be used in a field value")
            }
            node = field.map { .field(name: $0, value: words.joined(separator: " ")) } ?? .phrase(words, slop: slop ?? 0)
        default:
            if let after { throw expectedOperand(after: after, at: t) }
            throw unexpected(t)
        }
        try count(t)
        try advance()
        return node
    }

    /// The clause a finished conjunction adds to its sequence: a lone
    /// operand keeps its own occur; a chain becomes a `should` boolean of
    /// `must` operands (`mustNot` for negated ones).
    static func conjunction(_ items: [Clause]) -> Clause {
        if items.count == 1 { return items[0] }
        let chain = items.map { Clause($0.occur == .mustNot ? .mustNot : .must, $0.node) }
        return Clause(.should, combine(chain))
    }

    // MARK: Helpers

    mutating func count(_ t: QueryToken) throws(QuerySyntaxError) {
        clauseCount += 1
        if clauseCount > limits.maxClauses {
            throw QuerySyntaxError(column: t.column, message: "too many clauses: at most \(limits.maxClauses)")
        }
    }

    func expectedOperand(after op: String, at t: QueryToken) -> QuerySyntaxError {
        QuerySyntaxError(column: t.column, message: "expected a word, phrase or '(' after '\(op)'")
    }

    func expectedOperand(before op: String, at t: QueryToken) -> QuerySyntaxError {
        QuerySyntaxError(column: t.column, message: "expected a word, phrase or '(' before '\(op)'")
    }

    /// A token that cannot start or continue a clause here.
    func unexpected(_ t: QueryToken) -> QuerySyntaxError {
        switch t.kind {
        case .closeParen:
            return QuerySyntaxError(column: t.column, message: "unexpected ')': there is no '(' to close")
        case .and(let text), .or(let text):
            return expectedOperand(before: text, at: t)
        default:
            return QuerySyntaxError(column: t.column, message: "expected a word, phrase or '('")
        }
    }

    // MARK: Tree building

    /// The node for a list of clauses, simplified as described on ``QueryParser``.
    static func combine(_ clauses: [Clause]) -> QueryNode {
        var out: [Clause] = []
        out.reserveCapacity(clauses.count)
        for clause in clauses {
            if case .boolean(let inner) = clause.node {
                if clause.occur == .should && inner.allSatisfy({ $0.occur == .should }) {
                    out.append(contentsOf: inner)
                    continue
                }
                if clause.occur == .must && !inner.contains(where: { $0.occur == .should }) {
                    out.append(contentsOf: inner)
                    continue
                }
            }
            out.append(clause)
        }
        let isMustAll: (Clause) -> Bool = { $0.occur == .must && $0.node == .matchAll }
        if out.contains(where: { $0.occur == .must && $0.node != .matchAll }) {
            out.removeAll(where: isMustAll)
        } else if out.contains(where: isMustAll) {
            var seen = false
            out.removeAll { c in
                guard isMustAll(c) else { return false }
                if seen { return true }
                seen = true
                return false
            }
        } else if !out.contains(where: { $0.occur == .should }) {
            out.insert(Clause(.must, .matchAll), at: 0)
        }
        if out.count == 1 && out[0].occur != .mustNot { return out[0].node }
        return .boolean(out)
    }
}
