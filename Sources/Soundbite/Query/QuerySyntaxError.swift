/// A query the parser cannot read: where (1-based column, counted in
/// characters) and what it expected there.
public struct QuerySyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
    /// 1-based column of the problem, in Unicode scalars of the query text.
    public var column: Int
    /// What is wrong and what was expected, e.g. "expected a closing ')'".
    public var message: String

    /// Creates an error.
    public init(column: Int, message: String) {
        self.column = column
        self.message = message
    }

    /// `column N: message`.
    public var description: String { "column \(column): \(message)" }
}
