import XCTest
@testable import Soundbite

/// Queries of plain words skip the lexer (``QueryParser/plainWords(_:limits:)``):
/// on any text, the shortcut either declines or gives the tree the grammar
/// gives, and every error is still the grammar's.
final class PlainWordsParserTests: XCTestCase {
    /// Random texts over letters, digits, spaces, every operator character
    /// and the keywords: the parse is the grammar's parse (tree or error),
    /// and the shortcut takes a good share of them.
    func testShortcutGivesTheGrammarsTree() {
        let pieces = ["a", "Rwanda", "hole", "x9", "42", "AND", "OR", "NOT", "and", "ANDROID", "ORx", " ", " ", "  ", "\t",
                      "-", "+", "!", "*", "~", "~1", "\"", "(", ")", ":", "role:", "\\", "&&", "||", "é", "."]
        var rng = SyntheticCorpus.RNG(state: 1503)
        var shortcut = 0
        let parser = QueryParser(limits: QueryLimits(maxQueryBytes: 40, maxClauses: 5))
        for _ in 0..<20_000 {
            var text = ""
            for _ in 0..<(Int(rng.next() % 8)) { text += pieces[Int(rng.next() % UInt64(pieces.count))] + (rng.next() % 2 == 0 ? " " : "") }
            let full = Result { () throws(QuerySyntaxError) -> QueryNode in try parser.parseSyntax(text) }
            let parsed = Result { () throws(QuerySyntaxError) -> QueryNode in try parser.parse(text) }
            switch (full, parsed) {
            case (.success(let a), .success(let b)): XCTAssertEqual(a, b, text)
            case (.failure(let a), .failure(let b)): XCTAssertEqual("\(a)", "\(b)", text)
            default: XCTFail("\(text): \(full) vs \(parsed)")
            }
            if let fast = QueryParser.plainWords(text, limits: parser.limits) {
                shortcut += 1
                XCTAssertEqual(fast, try? parser.parseSyntax(text), text)
            }
        }
        XCTAssertGreaterThan(shortcut, 1_000)
    }

    /// The shapes the shortcut gives, and what it leaves to the grammar.
    func testShapes() throws {
        XCTAssertEqual(QueryParser.plainWords("rwanda", limits: .standard), .term("rwanda"))
        XCTAssertEqual(QueryParser.plainWords("  glass  Golwalkar ", limits: .standard),
                       .boolean([Clause(.should, .term("glass")), Clause(.should, .term("Golwalkar"))]))
        for declined in ["", "   ", "a AND b", "NOT a", "a OR", "a-b", "a:b", "café", "a\tb", "\"a\"", "a*", "a~"] {
            XCTAssertNil(QueryParser.plainWords(declined, limits: .standard), declined)
        }
        // At the clause and length limits the grammar answers (with its error past them).
        let three = QueryLimits(maxQueryBytes: 12, maxClauses: 3)
        XCTAssertNotNil(QueryParser.plainWords("a b c", limits: three))
        XCTAssertNil(QueryParser.plainWords("a b c d", limits: three))
        XCTAssertThrowsError(try QueryParser(limits: three).parse("a b c d"))
        XCTAssertNil(QueryParser.plainWords("abcdefghijklm", limits: three))
        XCTAssertThrowsError(try QueryParser(limits: three).parse("abcdefghijklm"))
    }
}
