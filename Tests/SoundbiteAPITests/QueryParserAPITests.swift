import XCTest
import Soundbite

/// What an embedding tool sees: parse the user's text, or build the same
/// tree in code, and get the same `QueryNode` either way.
final class QueryParserAPITests: XCTestCase {
    func testParsedQueryEqualsTreeBuiltInCode() throws {
        let parsed = try QueryParser().parse(#"laptops AND (home OR parents) NOT tablet role:parent "one to one"~2"#)

        let built = QueryNode.boolean([
            Clause(.should, .boolean([
                Clause(.must, .term("laptops")),
                Clause(.must, .boolean([Clause(.should, .term("home")), Clause(.should, .term("parents"))])),
                Clause(.mustNot, .term("tablet")),
            ])),
            Clause(.should, .field(name: "role", value: "parent")),
            Clause(.should, .phrase(["one", "to", "one"], slop: 2)),
        ])
        XCTAssertEqual(parsed, built)
    }

    func testPrefixFuzzyAndExclusions() throws {
        let parser = QueryParser(limits: .standard)
        XCTAssertEqual(try parser.parse("lapt* recieve~1"),
                       .boolean([Clause(.should, .prefix("lapt")), Clause(.should, .fuzzy("recieve", maxEdits: 1))]))
        XCTAssertEqual(try parser.parse("-tablet"),
                       .boolean([Clause(.must, .matchAll), Clause(.mustNot, .term("tablet"))]))
        XCTAssertEqual(try parser.parse("*"), .matchAll)
    }

    func testSyntaxErrorsCarryColumnAndMessage() {
        XCTAssertThrowsError(try QueryParser().parse("laptops AND (home")) { error in
            guard let error = error as? QuerySyntaxError else { return XCTFail("wrong error type \(error)") }
            XCTAssertEqual(error.column, 18)
            XCTAssertEqual(error.message, "expected ')' to close the '(' at column 13")
            XCTAssertEqual(error.description, "column 18: expected ')' to close the '(' at column 13")
        }
        // Typed throws: the error needs no cast.
        do {
            _ = try QueryParser().parse("   ")
            XCTFail("expected an error")
        } catch {
            XCTAssertEqual(error, QuerySyntaxError(column: 1, message: "empty query: type some words"))
        }
    }

    func testCustomLimits() {
        var limits = QueryLimits.standard
        limits.maxClauses = 2
        XCTAssertThrowsError(try QueryParser(limits: limits).parse("a b c")) { error in
            XCTAssertEqual(error as? QuerySyntaxError,
                           QuerySyntaxError(column: 5, message: "too many clauses: at most 2"))
        }
    }
}
