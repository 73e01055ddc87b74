import XCTest
@testable import Soundbite
import SoundbiteTestSupport

// MARK: - Tree shorthands

private func t(_ s: String) -> QueryNode { .term(s) }
private func B(_ clauses: Clause...) -> QueryNode { .boolean(clauses) }
private func should(_ n: QueryNode) -> Clause { Clause(.should, n) }
private func must(_ n: QueryNode) -> Clause { Clause(.must, n) }
private func not(_ n: QueryNode) -> Clause { Clause(.mustNot, n) }
private func f(_ name: String, _ value: String) -> QueryNode { .field(name: name, value: value) }
private let all = Clause(.must, .matchAll)

final class QueryParserTests: XCTestCase {

    // MARK: Helpers

    private func assertParses(_ text: String, _ expected: QueryNode, limits: QueryLimits = .standard,
                              file: StaticString = #filePath, line: UInt = #line) {
        do {
            let node = try QueryParser(limits: limits).parse(text)
            XCTAssertEqual(node, expected, "parsing \(text.debugDescription)", file: file, line: line)
        } catch {
            XCTFail("parsing \(text.debugDescription) threw \(error)", file: file, line: line)
        }
    }

    private func assertError(_ text: String, column: Int, _ message: String, limits: QueryLimits = .standard,
                             file: StaticString = #filePath, line: UInt = #line) {
        do {
            let node = try QueryParser(limits: limits).parse(text)
            XCTFail("parsing \(text.debugDescription) gave \(node), expected an error", file: file, line: line)
        } catch {
            XCTAssertEqual(error, QuerySyntaxError(column: column, message: message),
                           "parsing \(text.debugDescription)", file: file, line: line)
        }
    }

    private let afterAND = "expected a word, phrase or '(' after 'AND'"

    // MARK: Words

    func testSingleWord() {
        assertParses("laptops", t("laptops"))
        assertParses("  laptops\t\n", t("laptops"))
    }

    func testJuxtapositionIsShould() {
        assertParses("laptops home", B(should(t("laptops")), should(t("home"))))
        assertParses("laptops and home", B(should(t("laptops")), should(t("and")), should(t("home"))))
        assertParses("a or not b", B(should(t("a")), should(t("or")), should(t("not")), should(t("b"))))
    }

    func testTermsWithPunctuationStayWhole() {
        for word in ["don't", "Zoë", "1:1", "10:30", "3.5", "dinner-time", "GCSEs", "wow!", "a&&b", "a||b",
                     "ANDROID", "NOTE", "ORacle", "e-mail-", "50%", "#tag", "@you", "a+b", "a!b"] {
            assertParses(word, t(word))
        }
        assertParses("dinner-time talk", B(should(t("dinner-time")), should(t("talk"))))
    }

    func testUnicodeWords() {
        assertParses("👩‍👩‍👧 café", B(should(t("👩‍👩‍👧")), should(t("café"))))
        assertParses("e\u{301}", t("e\u{301}"))                   // combining mark
        assertParses("\u{200F}שלום", t("\u{200F}שלום"))            // RTL mark
        assertParses("a\u{0}b", t("a\u{0}b"))                     // embedded NUL
        assertParses("a\u{00A0}b", B(should(t("a")), should(t("b")))) // NBSP is whitespace
        assertParses("a\u{3000}b", B(should(t("a")), should(t("b")))) // ideographic space
    }

    // MARK: Must / must not

    func testPlusMinus() {
        assertParses("+laptops -tablet", B(must(t("laptops")), not(t("tablet"))))
        assertParses("+laptops", t("laptops"))
        assertParses("a - b", B(should(t("a")), not(t("b"))))
        assertParses("-5", B(all, not(t("5"))))
        assertParses("\\-5", t("-5"))
    }

    func testNegativeOnlyMeansEverythingExcept() {
        assertParses("-tablet", B(all, not(t("tablet"))))
        assertParses("NOT tablet", B(all, not(t("tablet"))))
        assertParses("!tablet", B(all, not(t("tablet"))))
        assertParses("-tablet -phone", B(all, not(t("tablet")), not(t("phone"))))
        assertParses("NOT a AND NOT b", B(all, not(t("a")), not(t("b"))))
        assertParses("-\"one to one\"", B(all, not(.phrase(["one", "to", "one"], slop: 0))))
    }

    // MARK: Boolean operators

    func testAndOrNot() {
        assertParses("a AND b", B(must(t("a")), must(t("b"))))
        assertParses("a && b", B(must(t("a")), must(t("b"))))
        assertParses("a &&b", B(must(t("a")), must(t("b"))))
        assertParses("a OR b", B(should(t("a")), should(t("b"))))
        assertParses("a || b", B(should(t("a")), should(t("b"))))
        assertParses("a NOT b", B(must(t("a")), not(t("b"))))
        assertParses("a !b", B(must(t("a")), not(t("b"))))
        assertParses("a AND NOT b", B(must(t("a")), not(t("b"))))
        assertParses("a AND -b", B(must(t("a")), not(t("b"))))
        assertParses("a AND +b", B(must(t("a")), must(t("b"))))
        assertParses("a AND b AND c", B(must(t("a")), must(t("b")), must(t("c"))))
        assertParses("a OR b OR c", B(should(t("a")), should(t("b")), should(t("c"))))
        assertParses("a OR b c", B(should(t("a")), should(t("b")), should(t("c"))))
    }

    func testKeywordsNeedDelimiters() {
        assertParses("a AND(b)", B(must(t("a")), must(t("b"))))
        assertParses("a OR\"b c\"", B(should(t("a")), should(.phrase(["b", "c"], slop: 0))))
        assertParses("NOT(a)", B(all, not(t("a"))))
        assertParses("\\AND", t("AND"))
        assertParses("\"AND\"", .phrase(["AND"], slop: 0))
    }

    func testPrecedence() {
        assertParses("a OR b AND c", B(should(t("a")), should(B(must(t("b")), must(t("c"))))))
        assertParses("a b AND c", B(should(t("a")), should(B(must(t("b")), must(t("c"))))))
        assertParses("a AND b OR c", B(should(B(must(t("a")), must(t("b")))), should(t("c"))))
        assertParses("NOT a AND b", B(not(t("a")), must(t("b"))))
        assertParses("a -b +c", B(should(t("a")), not(t("b")), must(t("c"))))
        assertParses("a b NOT c", B(should(t("a")), should(B(must(t("b")), not(t("c"))))))
        assertParses("a AND b NOT c OR d",
                     B(should(B(must(t("a")), must(t("b")), not(t("c")))), should(t("d"))))
        assertParses("+a AND b c", B(should(B(must(t("a")), must(t("b")))), should(t("c"))))
    }

    func testSpecExample() {
        assertParses("laptops AND (home OR parents) NOT tablet",
                     B(must(t("laptops")), must(B(should(t("home")), should(t("parents")))), not(t("tablet"))))
    }

    // MARK: Parentheses and flattening

    func testParentheses() {
        assertParses("(a)", t("a"))
        assertParses("((a))", t("a"))
        assertParses("((a b))", B(should(t("a")), should(t("b"))))
        assertParses("(a OR b) AND c", B(must(B(should(t("a")), should(t("b")))), must(t("c"))))
        assertParses("( a )", t("a"))
        assertParses("(+a)", t("a"))
        assertParses("x (+a)", B(should(t("x")), should(t("a"))))
    }

    func testFlattening() {
        // should-only groups splice into a sequence
        assertParses("a (b c)", B(should(t("a")), should(t("b")), should(t("c"))))
        assertParses("a OR (b OR (c OR d))", B(should(t("a")), should(t("b")), should(t("c")), should(t("d"))))
        // must groups without should clauses splice into an AND chain
        assertParses("a AND (b AND c)", B(must(t("a")), must(t("b")), must(t("c"))))
        assertParses("a AND (b NOT c)", B(must(t("a")), must(t("b")), not(t("c"))))
        assertParses("+(a AND b) c", B(must(t("a")), must(t("b")), should(t("c"))))
        // groups that would change meaning stay
        assertParses("+(a b) c", B(must(B(should(t("a")), should(t("b")))), should(t("c"))))
        assertParses("a (b AND c)", B(should(t("a")), should(B(must(t("b")), must(t("c"))))))
        assertParses("-(a b)", B(all, not(B(should(t("a")), should(t("b"))))))
        assertParses("x (-a)", B(should(t("x")), should(B(all, not(t("a"))))))
        assertParses("(a -b) c", B(should(B(should(t("a")), not(t("b")))), should(t("c"))))
        // match-all bookkeeping
        assertParses("(-a) AND (-b)", B(all, not(t("a")), not(t("b"))))
        assertParses("a AND *", t("a"))
        assertParses("x +*", B(should(t("x")), all))
        assertParses("* -tablet", B(should(.matchAll), not(t("tablet"))))
        assertParses("-*", B(all, not(.matchAll)))
    }

    // MARK: Phrases

    func testPhrases() {
        assertParses("\"one to one\"", .phrase(["one", "to", "one"], slop: 0))
        assertParses("\"laptops home\"~3", .phrase(["laptops", "home"], slop: 3))
        assertParses("\"laptops home\"~0", .phrase(["laptops", "home"], slop: 0))
        assertParses("\"to be or not to be\"", .phrase(["to", "be", "or", "not", "to", "be"], slop: 0))
        assertParses("\"  spaced \t out\n \"", .phrase(["spaced", "out"], slop: 0))
        assertParses("\"don't (stop) AND: * ~2 -x\"", .phrase(["don't", "(stop)", "AND:", "*", "~2", "-x"], slop: 0))
        assertParses("\"say \\\"hi\\\" \\\\o/\"", .phrase(["say", "\"hi\"", "\\o/"], slop: 0))
        assertParses("\"laptops\"", .phrase(["laptops"], slop: 0))
        assertParses("\"a\\ b\"", .phrase(["a", "b"], slop: 0))   // an escaped space still separates
        assertParses("\"a b\"~2 c", B(should(.phrase(["a", "b"], slop: 2)), should(t("c"))))
        assertParses("\"a b\"c", B(should(.phrase(["a", "b"], slop: 0)), should(t("c"))))
        assertParses("x\"a\"", B(should(t("x")), should(.phrase(["a"], slop: 0))))
        assertParses("\"a b\"~100", .phrase(["a", "b"], slop: 100))
        assertParses("(\"a b\"~1)", .phrase(["a", "b"], slop: 1))
    }

    func testPhraseErrors() {
        assertError("\"abc", column: 5, "unterminated phrase: expected '\"' to close the '\"' at column 1")
        assertError("a \"b c\\\"", column: 9, "unterminated phrase: expected '\"' to close the '\"' at column 3")
        assertError("\"\"", column: 1, "empty phrase: put words between the quotes")
        assertError("a \"  \"", column: 3, "empty phrase: put words between the quotes")
        assertError("\"a b\"~", column: 7, "'~' after a phrase needs a number from 0 to 100")
        assertError("\"a b\"~101", column: 7, "'~' after a phrase needs a number from 0 to 100")
        assertError("\"a b\"~2x", column: 8, "'~' after a phrase needs a number from 0 to 100")
        assertError("\"a b\"~99999999999999999999999", column: 7, "'~' after a phrase needs a number from 0 to 100")
    }

    // MARK: Prefix and match-all

    func testPrefix() {
        assertParses("lapt*", .prefix("lapt"))
        assertParses("*", .matchAll)
        assertParses("lapt* home", B(should(.prefix("lapt")), should(t("home"))))
        assertParses("lapt\\*", t("lapt*"))
        assertParses("la\\*ps", t("la*ps"))
        assertParses("\\**", .prefix("*"))
        assertParses("+lapt*", .prefix("lapt"))
    }

    func testWildcardErrors() {
        let msg = "wildcards only at the end of a word (write '\\*' for a literal '*')"
        assertError("la*ps", column: 3, msg)
        assertError("a**", column: 2, msg)
        assertError("home *ps", column: 6, msg)
        assertError("lapt*~", column: 6, "a word ending in '*' can't also have '~'")
        assertError("*~1", column: 2, "a word ending in '*' can't also have '~'")
    }

    // MARK: Fuzzy

    func testFuzzy() {
        assertParses("recieve~", .fuzzy("recieve", maxEdits: 2))
        assertParses("recieve~1", .fuzzy("recieve", maxEdits: 1))
        assertParses("recieve~2", .fuzzy("recieve", maxEdits: 2))
        assertParses("recieve~0", t("recieve"))
        assertParses("a\\~", t("a~"))
        assertParses("a\\~1", t("a~1"))
        assertParses("recieve~ home", B(should(.fuzzy("recieve", maxEdits: 2)), should(t("home"))))
        var one = QueryLimits.standard
        one.maxEdits = 1
        assertParses("recieve~", .fuzzy("recieve", maxEdits: 1), limits: one)
        assertError("recieve~2", column: 9, "'~' needs a number from 0 to 1", limits: one)
    }

    func testFuzzyErrors() {
        let msg = "'~' needs a number from 0 to 2"
        assertError("recieve~3", column: 9, msg)
        assertError("recieve~12", column: 9, msg)
        assertError("recieve~99999999999999999999999", column: 9, msg)
        assertError("recieve~x", column: 9, msg)
        assertError("recieve~1x", column: 10, msg)
        assertError("a~~", column: 3, msg)
        assertError("a~\\1", column: 4, msg)
        assertError("~1", column: 1, "expected a word before '~'")
        assertError("~", column: 1, "expected a word before '~'")
    }

    // MARK: Fields

    func testFields() {
        assertParses("role:parent", f("role", "parent"))
        assertParses("chapter:\"use of ict\"", f("chapter", "use of ict"))
        assertParses("speaker:\"ruth okafor\"", f("speaker", "ruth okafor"))
        assertParses("speaker:\" ruth   okafor \"", f("speaker", "ruth okafor"))
        assertParses("school:hillside", f("school", "hillside"))
        assertParses("interview:hillside-03", f("interview", "hillside-03"))
        assertParses("role:pa*", f("role", "pa*"))
        assertParses("role:*", f("role", "*"))
        assertParses("Role:Parent", f("role", "Parent"))
        assertParses("a:b:c", f("a", "b:c"))
        assertParses("role:AND", f("role", "AND"))
        assertParses("role:-x", f("role", "-x"))
        assertParses("role:a\\ b", f("role", "a b"))
        assertParses("zoë_2-x:y", f("zoë_2-x", "y"))
        assertParses("http://x", f("http", "//x"))
    }

    func testFieldsInQueries() {
        assertParses("laptops role:parent", B(should(t("laptops")), should(f("role", "parent"))))
        assertParses("-role:parent", B(all, not(f("role", "parent"))))
        assertParses("+role:parent laptops", B(must(f("role", "parent")), should(t("laptops"))))
        assertParses("laptops AND school:hillside", B(must(t("laptops")), must(f("school", "hillside"))))
    }

    func testFieldGroups() {
        assertParses("role:(parent OR student)", B(should(f("role", "parent")), should(f("role", "student"))))
        assertParses("role:(parent student)", B(should(f("role", "parent")), should(f("role", "student"))))
        assertParses("role:(parent)", f("role", "parent"))
        assertParses("role:(parent AND NOT student)", B(must(f("role", "parent")), not(f("role", "student"))))
        assertParses("role:(-student)", B(all, not(f("role", "student"))))
        assertParses("role:(\"head teacher\" pa* *)",
                     B(should(f("role", "head teacher")), should(f("role", "pa*")), should(f("role", "*"))))
        assertParses("role:(school:x y)", B(should(f("school", "x")), should(f("role", "y"))))
        assertParses("x role:(a (b c))", B(should(t("x")), should(f("role", "a")), should(f("role", "b")),
                                           should(f("role", "c"))))
    }

    func testNotFields() {
        assertParses("1:1", t("1:1"))
        assertParses("10:30", t("10:30"))
        assertParses("_a:b", t("_a:b"))
        assertParses("a.b:c", t("a.b:c"))
        assertParses(":a", t(":a"))
        assertParses("role\\:parent", t("role:parent"))
        assertParses("ro\\le:x", t("role:x"))
        assertParses("1a:b", t("1a:b"))
    }

    func testFieldErrors() {
        assertError("role:", column: 6, "expected a value after 'role:'")
        assertError("role: parent", column: 6, "expected a value after 'role:'")
        assertError("Role:", column: 6, "expected a value after 'Role:'")
        assertError("(role:)", column: 7, "expected a value after 'role:'")
        assertError("role:()", column: 7, "expected a word, phrase or '(' after '('")
        assertError("role:(a", column: 8, "expected ')' to close the '(' at column 6")
        assertError("role:\"", column: 7, "unterminated phrase: expected '\"' to close the '\"' at column 6")
        assertError("role:\"\"", column: 6, "empty phrase: put words between the quotes")
        assertError("role:parent~", column: 12, "'~' can't be used in a field value")
        assertError("role:parent~0", column: 12, "'~' can't be used in a field value")
        assertError("chapter:\"a b\"~2", column: 14, "'~' can't be used in a field value")
        assertError("role:(a b~1)", column: 10, "'~' can't be used in a field value")
        assertError("role:p*t", column: 7, "wildcards only at the end of a word (write '\\*' for a literal '*')")
    }

    // MARK: Escapes

    func testEscapes() {
        assertParses("\\(a\\)", t("(a)"))
        assertParses("\\+a", t("+a"))
        assertParses("\\!a", t("!a"))
        assertParses("a\\ b", t("a b"))
        assertParses("\\\"x", t("\"x"))
        assertParses("a\\\\b", t("a\\b"))
        assertParses("\\*", t("*"))
        assertParses("\\&&", t("&&"))
        assertError("a\\", column: 3, "expected a character after '\\' (write '\\\\' for a backslash)")
    }

    // MARK: Errors

    func testEmptyQuery() {
        assertError("", column: 1, "empty query: type some words")
        assertError("   \t\n ", column: 1, "empty query: type some words")
        assertError("\u{00A0}\u{3000}", column: 1, "empty query: type some words")
    }

    func testDanglingOperators() {
        assertError("laptops AND", column: 12, afterAND)
        assertError("laptops AND ", column: 13, afterAND)
        assertError("laptops &&", column: 11, "expected a word, phrase or '(' after '&&'")
        assertError("laptops OR", column: 11, "expected a word, phrase or '(' after 'OR'")
        assertError("laptops ||", column: 11, "expected a word, phrase or '(' after '||'")
        assertError("laptops NOT", column: 12, "expected a word, phrase or '(' after 'NOT'")
        assertError("laptops !", column: 10, "expected a word, phrase or '(' after '!'")
        assertError("-", column: 2, "expected a word, phrase or '(' after '-'")
        assertError("+", column: 2, "expected a word, phrase or '(' after '+'")
        assertError("NOT", column: 4, "expected a word, phrase or '(' after 'NOT'")
        assertError("AND laptops", column: 1, "expected a word, phrase or '(' before 'AND'")
        assertError("OR laptops", column: 1, "expected a word, phrase or '(' before 'OR'")
        assertError("|| laptops", column: 1, "expected a word, phrase or '(' before '||'")
        assertError("(AND a)", column: 2, "expected a word, phrase or '(' before 'AND'")
        assertError("a OR OR b", column: 6, "expected a word, phrase or '(' after 'OR'")
        assertError("a OR AND b", column: 6, "expected a word, phrase or '(' after 'OR'")
        assertError("a AND OR b", column: 7, afterAND)
        assertError("a AND AND b", column: 7, afterAND)
        assertError("a AND )", column: 7, afterAND)
        assertError("a OR )", column: 6, "expected a word, phrase or '(' after 'OR'")
        assertError("NOT -a", column: 5, "expected a word, phrase or '(' after 'NOT'")
        assertError("--a", column: 2, "expected a word, phrase or '(' after '-'")
        assertError("+-a", column: 2, "expected a word, phrase or '(' after '+'")
        assertError("a NOT NOT b", column: 7, "expected a word, phrase or '(' after 'NOT'")
        assertError("a AND NOT", column: 10, "expected a word, phrase or '(' after 'NOT'")
    }

    func testParenthesisErrors() {
        assertError("()", column: 2, "expected a word, phrase or '(' after '('")
        assertError("a ( )", column: 5, "expected a word, phrase or '(' after '('")
        assertError("(", column: 2, "expected a word, phrase or '(' after '('")
        assertError(")", column: 1, "unexpected ')': there is no '(' to close")
        assertError("a)", column: 2, "unexpected ')': there is no '(' to close")
        assertError("(a))", column: 4, "unexpected ')': there is no '(' to close")
        assertError("(a", column: 3, "expected ')' to close the '(' at column 1")
        assertError("a (b", column: 5, "expected ')' to close the '(' at column 3")
        assertError("laptops AND (home OR parents", column: 29, "expected ')' to close the '(' at column 13")
        assertError("((a)", column: 5, "expected ')' to close the '(' at column 1")
        assertError("role:parent)", column: 12, "unexpected ')': there is no '(' to close")
    }

    func testColumnsCountUnicodeScalars() {
        assertError("👩‍👩‍👧 AND", column: 10, afterAND)            // the family emoji is 5 scalars
        assertError("e\u{301} AND", column: 7, afterAND)
        assertError("Zo\u{EB} (", column: 6, "expected a word, phrase or '(' after '('")
        assertError("\u{200F}a \u{0}b )", column: 7, "unexpected ')': there is no '(' to close")
    }

    // MARK: Limits

    func testQueryLength() {
        let msg = "query too long: at most 4096 bytes (UTF-8)"
        assertParses(String(repeating: "a", count: 4096), t(String(repeating: "a", count: 4096)))
        assertError(String(repeating: "a", count: 4097), column: 4097, msg)
        // "é" is two bytes: 2048 fit exactly, the 2049th crosses the limit
        assertError(String(repeating: "é", count: 2049), column: 2049, msg)
        var small = QueryLimits.standard
        small.maxQueryBytes = 10
        assertError("hello world", column: 11, "query too long: at most 10 bytes (UTF-8)", limits: small)
        assertError("héllo wörld", column: 9, "query too long: at most 10 bytes (UTF-8)", limits: small)
    }

    func testClauseLimit() {
        var limits = QueryLimits.standard
        limits.maxClauses = 3
        assertParses("a b c", B(should(t("a")), should(t("b")), should(t("c"))), limits: limits)
        assertError("a b c d", column: 7, "too many clauses: at most 3", limits: limits)
        assertError("(a b) c", column: 7, "too many clauses: at most 3", limits: limits)
        assertError("role:(a b c)", column: 11, "too many clauses: at most 3", limits: limits)
        assertError(String(repeating: "x ", count: 257), column: 513, "too many clauses: at most 256")
    }

    func testDepthLimit() {
        var limits = QueryLimits.standard
        limits.maxDepth = 2
        assertParses("((a))", t("a"), limits: limits)
        assertError("(((a)))", column: 3, "too deeply nested: at most 2 levels of parentheses", limits: limits)
        assertError("x role:(((a)))", column: 10, "too deeply nested: at most 2 levels of parentheses", limits: limits)
        let deep = String(repeating: "(", count: 32) + "a" + String(repeating: ")", count: 32)
        assertParses(deep, t("a"))
        assertError("(" + deep + ")", column: 33, "too deeply nested: at most 32 levels of parentheses")
    }

    func testPhraseWordLimit() {
        var limits = QueryLimits.standard
        limits.maxPhraseWords = 2
        assertParses("\"a b\"", .phrase(["a", "b"], slop: 0), limits: limits)
        assertError("\"a b c\"", column: 6, "too many words in the phrase: at most 2", limits: limits)
        assertError("\"a  b   cde\"", column: 9, "too many words in the phrase: at most 2", limits: limits)
        let sixtyFive = "\"" + (1...65).map { "w\($0)" }.joined(separator: " ") + "\""
        assertError(sixtyFive, column: 1 + (1...64).map { "w\($0) ".count }.reduce(0, +) + 1,
                    "too many words in the phrase: at most 64")
    }

    func testSlopLimit() {
        var limits = QueryLimits.standard
        limits.maxSlop = 5
        assertParses("\"a b\"~5", .phrase(["a", "b"], slop: 5), limits: limits)
        assertError("\"a b\"~6", column: 7, "'~' after a phrase needs a number from 0 to 5", limits: limits)
    }

    // MARK: Robustness

    /// Checks the shape every parsed tree must have.
    private func checkInvariants(_ node: QueryNode, _ text: String, limits: QueryLimits, depth: Int = 0,
                                 leaves: inout Int, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertLessThanOrEqual(depth, 2 * limits.maxDepth + 4, text.debugDescription)
        switch node {
        case .matchAll:
            leaves += 1
        case .term(let s), .prefix(let s):
            leaves += 1
            XCTAssertFalse(s.isEmpty, text.debugDescription)
        case .fuzzy(let s, let edits):
            leaves += 1
            XCTAssertFalse(s.isEmpty, text.debugDescription)
            XCTAssertTrue((1...limits.maxEdits).contains(edits), text.debugDescription)
        case .phrase(let words, let slop):
            leaves += 1
            XCTAssertFalse(words.isEmpty, text.debugDescription)
            XCTAssertLessThanOrEqual(words.count, limits.maxPhraseWords)
            XCTAssertTrue(words.allSatisfy { !$0.isEmpty && !$0.unicodeScalars.contains(where: \.properties.isWhitespace) },
                          text.debugDescription)
            XCTAssertTrue((0...limits.maxSlop).contains(slop), text.debugDescription)
        case .field(let name, let value):
            leaves += 1
            XCTAssertFalse(name.isEmpty, text.debugDescription)
            XCTAssertEqual(name, name.lowercased())
            XCTAssertFalse(value.isEmpty, text.debugDescription)
        case .boolean(let clauses):
            XCTAssertGreaterThanOrEqual(clauses.count, 1, text.debugDescription)
            XCTAssertTrue(clauses.contains { $0.occur != .mustNot }, "negative-only boolean from \(text.debugDescription)")
            for c in clauses {
                checkInvariants(c.node, text, limits: limits, depth: depth + 1, leaves: &leaves)
            }
        }
    }

    private func checkRobust(_ text: String, limits: QueryLimits = .standard) {
        let parser = QueryParser(limits: limits)
        let count = text.unicodeScalars.count
        do {
            let node = try parser.parse(text)
            var leaves = 0
            checkInvariants(node, text, limits: limits, leaves: &leaves)
            XCTAssertLessThanOrEqual(leaves, limits.maxClauses, text.debugDescription)
            XCTAssertEqual(try? parser.parse(text), node, "not deterministic: \(text.debugDescription)")
        } catch {
            XCTAssertTrue((1...count + 1).contains(error.column),
                          "column \(error.column) outside 1...\(count + 1) for \(text.debugDescription)")
            XCTAssertFalse(error.message.isEmpty)
        }
    }

    func testFuzzRandomStrings() {
        let alphabet = ["(", ")", "\"", ":", "*", "~", "\\", "+", "-", "!", "&&", "||", "&", "|",
                        "AND", "OR", "NOT", "and", "or", " ", " ", "  ", "\t", "\n", "\u{00A0}",
                        "a", "laptops", "role", "Role", "x_1-", "1", "2", "3", "0", "10:30", "1:1",
                        "é", "Zoë", "👩‍👩‍👧", "🎉", "\u{200F}", "\u{200E}", "\u{0301}", "\u{0}", "\u{FEFF}", "ש",
                        "~2", "~9", "role:", "chapter:", "*~", "\\\"", "\\(", "\\:"]
        var rng = SplitMix64(state: 0x5EED_50B1_7E)
        var parsed = 0
        for _ in 0..<20_000 {
            let length = Int.random(in: 0...24, using: &rng)
            var text = ""
            for _ in 0..<length { text += alphabet.randomElement(using: &rng)! }
            checkRobust(text)
            if (try? QueryParser().parse(text)) != nil { parsed += 1 }
        }
        // the alphabet is rich enough that both outcomes are common
        XCTAssertGreaterThan(parsed, 1_000)
        XCTAssertLessThan(parsed, 19_000)
    }

    func testFuzzTruncationsOfValidQueries() {
        let valid = [
            "laptops AND (home OR parents) NOT tablet",
            "+laptops -tablet \"one to one\"~3 lapt* recieve~1",
            "role:(parent OR student) chapter:\"use of ict\" speaker:\"ruth okafor\"",
            "interview:hillside-03 AND NOT (a || b && !c)",
            "\\(esc\\) \"say \\\"hi\\\"\" don't Zoë 1:1 10:30 dinner-time",
            "((a b) (c (d e))) -\"x y\"~2 role:pa* *",
        ]
        for query in valid {
            XCTAssertNoThrow(try QueryParser().parse(query), query)
            let scalars = Array(query.unicodeScalars)
            for end in 0...scalars.count {
                var prefix = String.UnicodeScalarView()
                prefix.append(contentsOf: scalars[..<end])
                checkRobust(String(prefix))
                var suffix = String.UnicodeScalarView()
                suffix.append(contentsOf: scalars[end...])
                checkRobust(String(suffix))
            }
        }
    }

    func testHugeQueries() {
        let megabyte = String(repeating: "laptops ", count: 131_072)   // 1 MiB
        assertError(megabyte, column: 4097, "query too long: at most 4096 bytes (UTF-8)")
        assertError(String(repeating: "(", count: 1 << 20), column: 4097, "query too long: at most 4096 bytes (UTF-8)")

        var roomy = QueryLimits.standard
        roomy.maxQueryBytes = 2 << 20
        assertError(megabyte, column: 2049, "too many clauses: at most 256", limits: roomy)
        roomy.maxClauses = .max
        let node = try? QueryParser(limits: roomy).parse(megabyte)
        guard case .boolean(let clauses)? = node else { return XCTFail("expected a boolean") }
        XCTAssertEqual(clauses.count, 131_072)
        XCTAssertEqual(clauses.first, should(t("laptops")))

        let bigPhrase = "\"" + String(repeating: "w ", count: 100_000) + "\""
        assertError(bigPhrase, column: 130, "too many words in the phrase: at most 64", limits: roomy)
        checkRobust(String(repeating: "a*b", count: 300_000), limits: roomy)
        checkRobust(String(repeating: "\\", count: 1 << 20), limits: roomy)
        checkRobust(String(repeating: "\"", count: 1 << 20), limits: roomy)
        checkRobust(String(repeating: "x~", count: 1 << 19), limits: roomy)
        checkRobust(String(repeating: "🎉", count: 1 << 18), limits: roomy)
    }

    func testDeepNesting() {
        var roomy = QueryLimits.standard
        roomy.maxQueryBytes = 1 << 20
        let open = String(repeating: "(", count: 10_000)
        let close = String(repeating: ")", count: 10_000)
        assertError(open + "a" + close, column: 33, "too deeply nested: at most 32 levels of parentheses", limits: roomy)
        assertError(open, column: 33, "too deeply nested: at most 32 levels of parentheses", limits: roomy)
        assertError(close, column: 1, "unexpected ')': there is no '(' to close", limits: roomy)
        assertError(String(repeating: "role:(", count: 10_000), column: 198,
                    "too deeply nested: at most 32 levels of parentheses", limits: roomy)
        // Even a limit far above the hard cap cannot overflow the stack.
        roomy.maxDepth = .max
        roomy.maxClauses = .max
        let cap = QueryParser.hardMaxDepth
        assertError(open + "a" + close, column: cap + 1,
                    "too deeply nested: at most \(cap) levels of parentheses", limits: roomy)
        let atCap = String(repeating: "(", count: cap) + "a b" + String(repeating: ")", count: cap)
        assertParses(atCap, B(should(t("a")), should(t("b"))), limits: roomy)
    }

    /// The deepest query the parser allows must parse (and its tree be
    /// compared, hashed and freed) on a thread with a small stack (512 KiB,
    /// as on Darwin's secondary threads).
    func testDeepNestingOnSmallStack() {
        var roomy = QueryLimits.standard
        roomy.maxDepth = .max
        roomy.maxClauses = .max
        roomy.maxQueryBytes = 1 << 20
        let cap = QueryParser.hardMaxDepth
        let text = String(repeating: "(a -", count: cap) + "b" + String(repeating: ")", count: cap)
        let done = expectation(description: "parsed")
        let box = ResultBox()
        let parser = QueryParser(limits: roomy)
        let thread = Thread {
            // parse, compare, hash and free the deepest tree allowed
            if let node = try? parser.parse(text) {
                box.ok = node == node && node.hashValue == node.hashValue
            }
            done.fulfill()
        }
        thread.stackSize = 512 * 1024
        thread.start()
        wait(for: [done], timeout: 60)
        XCTAssertTrue(box.ok)
    }

    private final class ResultBox: @unchecked Sendable { var ok = false }
}
