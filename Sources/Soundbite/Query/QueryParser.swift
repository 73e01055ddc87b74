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
public struct QueryParser: Sendable {
    /// The bounds the parser enforces.
    public var limits: QueryLimits

    /// The parser never nests deeper than this many parentheses, whatever
    /// ``QueryLimits/maxDepth`` says, so that parsing cannot exhaust a
    /// thread's stack.
    public static let hardMaxDepth = 128

    /// Creates a parser with the given limits.
    public init(limits: QueryLimits = .standard) {
        self.limits = limits
    }

    /// Parses `text`, or throws a ``QuerySyntaxError`` naming the column
    /// (1-based, in Unicode scalars) and what was expected there.
    public func parse(_ text: String) throws(QuerySyntaxError) -> QueryNode {
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

/// The recursive-descent parser proper, with one token of lookahead.
private struct ParseState {
    var lexer: QueryLexer
    let limits: QueryLimits
    let maxDepth: Int
    var lookahead: QueryToken?
    var clauseCount = 0

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

    mutating func query() throws(QuerySyntaxError) -> QueryNode {
        let node = try sequence(depth: 0, field: nil, inGroup: false)
        let t = try peek()
        if case .end = t.kind { return node }
        throw unexpected(t)
    }

    /// `conjunction { [OR] conjunction }`, up to `)` or the end.
    mutating func sequence(depth: Int, field: String?, inGroup: Bool) throws(QuerySyntaxError) -> QueryNode {
        var clauses: [Clause] = []
        var pendingOr: String?
        while true {
            let t = try peek()
            switch t.kind {
            case .end, .closeParen:
                if let pendingOr { throw expectedOperand(after: pendingOr, at: t) }
                if clauses.isEmpty {
                    if inGroup { throw expectedOperand(after: "(", at: t) }
                    throw unexpected(t)
                }
                return Self.combine(clauses)
            case .or(let text):
                if let pendingOr { throw expectedOperand(after: pendingOr, at: t) }
                if clauses.isEmpty { throw expectedOperand(before: text, at: t) }
                try advance()
                pendingOr = text
            case .and(let text):
                if let pendingOr { throw expectedOperand(after: pendingOr, at: t) }
                throw expectedOperand(before: text, at: t)
            default:
                clauses.append(try conjunction(depth: depth, field: field, after: pendingOr))
                pendingOr = nil
            }
        }
    }

    /// `unary { AND unary | NOT primary }`, as one clause of a sequence.
    mutating func conjunction(depth: Int, field: String?, after: String?) throws(QuerySyntaxError) -> Clause {
        var items = [try unary(depth: depth, field: field, after: after)]
        loop: while true {
            let t = try peek()
            switch t.kind {
            case .and(let text):
                try advance()
                items.append(try unary(depth: depth, field: field, after: text))
            case .not(let text):
                try advance()
                items.append(Clause(.mustNot, try primary(depth: depth, field: field, after: text)))
            default:
                break loop
            }
        }
        if items.count == 1 { return items[0] }
        let chain = items.map { Clause($0.occur == .mustNot ? .mustNot : .must, $0.node) }
        return Clause(.should, Self.combine(chain))
    }

    /// `[+ | - | NOT] primary`; `after` names the operator before it, for messages.
    mutating func unary(depth: Int, field: String?, after: String?) throws(QuerySyntaxError) -> Clause {
        let t = try peek()
        switch t.kind {
        case .plus:
            try advance()
            return Clause(.must, try primary(depth: depth, field: field, after: "+"))
        case .minus:
            try advance()
            return Clause(.mustNot, try primary(depth: depth, field: field, after: "-"))
        case .not(let text):
            try advance()
            return Clause(.mustNot, try primary(depth: depth, field: field, after: text))
        default:
            return Clause(.should, try primary(depth: depth, field: field, after: after))
        }
    }

    /// A word, phrase, field or parenthesised group. Inside `name:( … )`,
    /// `field` is the name and every leaf becomes a ``QueryNode/field(name:value:)``.
    mutating func primary(depth: Int, field: String?, after: String?) throws(QuerySyntaxError) -> QueryNode {
        let t = try peek()
        switch t.kind {
        case .term(let text):
            try leaf(t)
            if let field { return .field(name: field, value: text) }
            return .term(text)
        case .prefix(let text):
            try leaf(t)
            if let field { return .field(name: field, value: text + "*") }
            return .prefix(text)
        case .matchAll:
            try leaf(t)
            if let field { return .field(name: field, value: "*") }
            return .matchAll
        case .fuzzy(let text, let edits, let tildeColumn):
            if field != nil {
                throw QuerySyntaxError(column: tildeColumn, message: "'~' can't be used in a field value")
            }
            try leaf(t)
            return edits == 0 ? .term(text) : .fuzzy(text, maxEdits: edits)
        case .phrase(let words, let slop, let tildeColumn):
            if field != nil, slop != nil {
                throw QuerySyntaxError(column: tildeColumn, message: "'~' can't be used in a field value")
            }
            try leaf(t)
            if let field { return .field(name: field, value: words.joined(separator: " ")) }
            return .phrase(words, slop: slop ?? 0)
        case .field(let name, let written):
            try advance()
            let value = try peek()
            switch value.kind {
            case .openParen:
                return try group(depth: depth, field: name)
            case .term, .prefix, .matchAll, .fuzzy, .phrase:
                return try primary(depth: depth, field: name, after: nil)
            default:
                throw QuerySyntaxError(column: value.column, message: "expected a value after '\(written):'")
            }
        case .openParen:
            return try group(depth: depth, field: field)
        default:
            if let after { throw expectedOperand(after: after, at: t) }
            throw unexpected(t)
        }
    }

    /// `( sequence )` at the current `(`.
    mutating func group(depth: Int, field: String?) throws(QuerySyntaxError) -> QueryNode {
        let open = try advance()
        try count(open)
        guard depth < maxDepth else {
            throw QuerySyntaxError(column: open.column,
                                   message: "too deeply nested: at most \(maxDepth) levels of parentheses")
        }
        let node = try sequence(depth: depth + 1, field: field, inGroup: true)
        let close = try peek()
        guard case .closeParen = close.kind else {
            throw QuerySyntaxError(column: close.column, message: "expected ')' to close the '(' at column \(open.column)")
        }
        try advance()
        return node
    }

    // MARK: Helpers

    /// Consumes a leaf token, counting it as a clause.
    mutating func leaf(_ t: QueryToken) throws(QuerySyntaxError) {
        try count(t)
        try advance()
    }

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
