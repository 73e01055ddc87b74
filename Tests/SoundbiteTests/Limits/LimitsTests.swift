import Foundation
import XCTest
@testable import Soundbite
import SoundbiteTestSupport

/// Every cap that keeps hostile input to bounded work, hit on purpose: the
/// input is refused, cut or skipped with a message that names the limit.
final class IngestLimitsTests: XCTestCase {
    private func read(_ path: String, _ text: String, limits: IngestLimits, manifest: String? = nil) -> InterviewCollection {
        CollectionReader(limits: limits).read(name: "limits", transcripts: [(path, text)], manifest: manifest)
    }

    private func messages(_ c: InterviewCollection) -> [String] { c.diagnostics.map(\.message) }

    func testLineLongerThanTheLimitIsSkippedWithAWarning() {
        let long = "Sam: " + String(repeating: "a", count: 100)
        let c = read("a.txt", "Ruth: short line\n\(long)\nRuth: another\n", limits: IngestLimits(maxLineBytes: 64))
        let d = c.diagnostics.first { $0.message.contains("longer than the limit of 64") }
        XCTAssertEqual(d?.message, "line is 105 bytes, longer than the limit of 64; skipped the line")
        XCTAssertEqual(d?.line, 2)
        XCTAssertEqual(c.interviews.first?.cues.map(\.text), ["short line", "another"])
    }

    func testTagsNestedDeeperThanTheLimitAreRemovedWithAWarning() {
        let deep = String(repeating: "<b>", count: 5) + "deep" + String(repeating: "</b>", count: 5)
        let vtt = "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n\(deep)\n"
        let c = read("a.vtt", vtt, limits: IngestLimits(maxTagDepth: 3))
        XCTAssertTrue(messages(c).contains("cue text tags are nested deeper than 3; removed them all"), "\(messages(c))")
        XCTAssertEqual(c.interviews.first?.cues.first?.text, "deep")

        let srt = "1\n00:00:01,000 --> 00:00:02,000\n\(deep)\n"
        let s = read("a.srt", srt, limits: IngestLimits(maxTagDepth: 3))
        XCTAssertTrue(messages(s).contains("cue text tags are nested deeper than 3; removed them all"), "\(messages(s))")
    }

    func testDeepTagNestingUnderTheDefaultLimitIsFastAndClean() {
        let deep = String(repeating: "<i>", count: 50_000) + "x" + String(repeating: "</i>", count: 50_000)
        let start = Date()
        let c = read("a.vtt", "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n\(deep)\n", limits: .standard)
        XCTAssertLessThan(Date().timeIntervalSince(start), 10)
        XCTAssertEqual(c.interviews.first?.cues.first?.text, "x")
    }

    func testFileLargerThanTheLimitIsSkippedWithAnError() {
        let text = String(repeating: "Sam: words words words\n", count: 100)
        let c = read("big.txt", text, limits: IngestLimits(maxFileBytes: 1000))
        XCTAssertEqual(c.interviews.count, 0)
        XCTAssertEqual(c.skippedFiles, ["big.txt"])
        XCTAssertEqual(c.diagnostics.first?.severity, .error)
        XCTAssertEqual(messages(c), ["file is 2300 bytes, larger than the limit of 1000; skipped the file"])
    }

    func testFileOnDiskLargerThanTheLimitIsSkippedWithAnError() throws {
        let temp = try TemporaryFolder("limits")
        defer { temp.remove() }
        let folder = temp.url
        try Data(String(repeating: "Sam: words\n", count: 200).utf8).write(to: folder.appendingPathComponent("big.txt"))
        try Data("Sam: small\n".utf8).write(to: folder.appendingPathComponent("small.txt"))
        let c = CollectionReader(limits: IngestLimits(maxFileBytes: 1000)).read(folder.path)
        XCTAssertEqual(c.interviews.map(\.path), ["small.txt"])
        XCTAssertEqual(c.skippedFiles, ["big.txt"])
        XCTAssertEqual(messages(c), ["file is larger than the limit of 1000 bytes; skipped the file"])
    }

    func testCueLongerThanTheLimitIsCutWithAWarning() {
        let words = String(repeating: "word ", count: 40)
        let vtt = "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n\(words)\n\(words)\n"
        let c = read("a.vtt", vtt, limits: IngestLimits(maxCueBytes: 100))
        XCTAssertTrue(messages(c).contains("cue text is longer than 100 bytes; cut it there"), "\(messages(c))")
        XCTAssertLessThanOrEqual(c.interviews.first?.cues.first?.text.utf8.count ?? .max, 100)
    }

    func testManifestLargerThanTheLimitIsIgnoredWithAWarning() {
        let manifest = "{\"name\": \"\(String(repeating: "n", count: 200))\"}"
        let c = read("a.txt", "Sam: hi\n", limits: IngestLimits(maxManifestBytes: 100), manifest: manifest)
        XCTAssertTrue(messages(c).contains("manifest is 212 bytes, larger than the limit of 100; read the collection without it"),
                      "\(messages(c))")
        XCTAssertEqual(c.name, "limits")
        XCTAssertEqual(c.interviews.count, 1)
    }

    func testManifestNestedDeeperThanTheLimitIsIgnoredWithAWarning() {
        let manifest = "{\"x\":" + String(repeating: "[", count: 10) + String(repeating: "]", count: 10) + "}"
        let c = read("a.txt", "Sam: hi\n", limits: IngestLimits(maxJSONDepth: 5), manifest: manifest)
        let d = c.diagnostics.first { $0.file == "collection.json" }
        XCTAssertNotNil(d)
        XCTAssertTrue(d?.message.contains("nested deeper than 5") ?? false, d?.message ?? "")
        XCTAssertTrue(d?.message.hasSuffix("read the collection without the manifest") ?? false, d?.message ?? "")
        XCTAssertEqual(c.interviews.count, 1)
    }

    func testHugeJSONNestingDoesNotOverflowTheStack() {
        let manifest = String(repeating: "[", count: 1_000_000)
        let c = read("a.txt", "Sam: hi\n", limits: .standard, manifest: manifest)
        XCTAssertTrue(messages(c).contains { $0.contains("nested deeper than 64") }, "\(messages(c))")
    }
}

final class QueryLimitsTests: XCTestCase {
    private func syntaxError(_ query: String, _ limits: QueryLimits) -> QuerySyntaxError? {
        do { _ = try QueryParser(limits: limits).parse(query); return nil } catch { return error }
    }

    func testQueryLongerThanTheLimit() {
        let e = syntaxError(String(repeating: "a ", count: 60), QueryLimits(maxQueryBytes: 100))
        XCTAssertEqual(e?.message, "query too long: at most 100 bytes (UTF-8)")
        XCTAssertEqual(syntaxError(String(repeating: "a ", count: 40), QueryLimits(maxQueryBytes: 100)), nil)
    }

    func testDefaultQueryLengthLimit() {
        let e = syntaxError(String(repeating: "x", count: 5000), .standard)
        XCTAssertEqual(e?.message, "query too long: at most 4096 bytes (UTF-8)")
    }

    func testTooManyClauses() {
        let query = (1...11).map { "w\($0)" }.joined(separator: " ")
        let e = syntaxError(query, QueryLimits(maxClauses: 10))
        XCTAssertEqual(e?.message, "too many clauses: at most 10")
        XCTAssertNil(syntaxError((1...10).map { "w\($0)" }.joined(separator: " "), QueryLimits(maxClauses: 10)))
    }

    func testTooManyClausesInACodeBuiltQueryIsRefusedBySearch() {
        let index = FuzzEntryPoints.queryIndex
        let node = QueryNode.boolean((0..<20).map { Clause(.should, .term("w\($0)")) })
        XCTAssertThrowsError(try index.search(node, options: SearchOptions(limits: QueryLimits(maxClauses: 10)))) { error in
            XCTAssertEqual((error as? SearchError)?.description, "the query has 20 clauses, more than the limit of 10")
        }
    }

    func testNestingDeeperThanTheLimit() {
        let e = syntaxError(String(repeating: "(", count: 5) + "a" + String(repeating: ")", count: 5), QueryLimits(maxDepth: 4))
        XCTAssertEqual(e?.message, "too deeply nested: at most 4 levels of parentheses")
        let hard = syntaxError(String(repeating: "(", count: 2000) + "a" + String(repeating: ")", count: 2000),
                               QueryLimits(maxQueryBytes: 10_000, maxClauses: 10_000, maxDepth: 100_000))
        XCTAssertEqual(hard?.message, "too deeply nested: at most \(QueryParser.hardMaxDepth) levels of parentheses")
    }

    func testPhraseWithTooManyWords() {
        let e = syntaxError("\"a b c d e f\"", QueryLimits(maxPhraseWords: 5))
        XCTAssertEqual(e?.message, "too many words in the phrase: at most 5")
    }

    func testSlopAndEditsAboveTheLimit() {
        XCTAssertEqual(syntaxError("\"a b\"~6", QueryLimits(maxSlop: 5))?.message, "'~' after a phrase needs a number from 0 to 5")
        XCTAssertEqual(syntaxError("\"a b\"~99999999999999999999", .standard)?.message,
                       "'~' after a phrase needs a number from 0 to 100")
        XCTAssertEqual(syntaxError("word~3", .standard)?.message, "'~' needs a number from 0 to 2")
    }

    func testPrefixMatchingMoreTermsThanTheLimit() {
        let index = FuzzEntryPoints.queryIndex
        XCTAssertThrowsError(try index.search("t*", options: SearchOptions(limits: QueryLimits(maxExpansions: 2)))) { error in
            let message = (error as? SearchError)?.description ?? ""
            XCTAssertTrue(message.hasPrefix("'t*' matches "), message)
            XCTAssertTrue(message.hasSuffix("terms, more than the limit of 2; type more letters before the *"), message)
        }
        XCTAssertNoThrow(try index.search("lapt*", options: SearchOptions(limits: QueryLimits(maxExpansions: 2))))
    }

    func testFuzzyExpansionIsCappedAtTheLimit() {
        let reader = FuzzEntryPoints.queryIndex.reader
        // Every one- or two-letter term is within 2 edits of "zz".
        let all = FuzzyExpansion(reader: reader, limit: QueryLimits.standard.maxExpansions).terms("zz", maxEdits: 2)
        XCTAssertGreaterThan(all.count, 2)
        XCTAssertEqual(FuzzyExpansion(reader: reader, limit: 2).terms("zz", maxEdits: 2).count, 2)
    }
}
