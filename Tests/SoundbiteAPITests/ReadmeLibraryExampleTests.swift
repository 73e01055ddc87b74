import Foundation
import XCTest
import Soundbite
import SoundbiteTestSupport

/// The README's library example: this file holds it verbatim (checked line
/// by line against README.md) and runs it on the bundled Corpus.
final class ReadmeLibraryExampleTests: XCTestCase {
    func testTheReadmeLibraryExampleRunsAsWritten() throws {
        let temp = try TemporaryFolder("readme-library")
        defer { temp.remove() }
        try temp.copy(ReadmeExamples.packageRoot + "/Corpus", to: "Corpus")
        try temp.withCurrentDirectory {
            // README: begin
            let collection = CollectionReader().read("Corpus/innovative-schools")
            for problem in collection.diagnostics { print(problem) }        // file:line: warning: …

            let index = SearchIndex(building: [collection])                  // or SearchIndex(contentsOf: "corpus.sbx")
            try index.write(to: "corpus.sbx")                                // atomic

            var options = SearchOptions(limit: 5)
            options.filters = SearchFilters(roles: ["parent"], fields: ["phase": ["primary"]])
            options.ranking = .quote                                         // the default; .bm25 = score order (--rank bm25)
            let results = try index.search("laptops home", options: options)
            for hit in results.hits {
                print(hit.speaker, hit.role, hit.chapter, hit.timecode, hit.snippet.marked())
            }
            // A query built in code instead of parsed:
            let phrase = try index.search(.phrase(["to", "be", "or", "not", "to", "be"], slop: 0))
            // README: end

            XCTAssertTrue(collection.diagnostics.isEmpty, "\(collection.diagnostics)")
            XCTAssertEqual(results.hits.count, 5)
            for hit in results.hits {
                XCTAssertEqual(hit.role, "parent")
                XCTAssertEqual(hit.fields["phase"], "primary")
                XCTAssertTrue(hit.snippet.marked().contains("["), hit.snippet.marked())
            }
            XCTAssertEqual(phrase.hits.count, phrase.total)
            let reopened = try SearchIndex(contentsOf: temp.path("corpus.sbx"))
            XCTAssertEqual(try reopened.search("laptops home", options: options).hits.map(\.score),
                           results.hits.map(\.score))
        }
        XCTAssertEqual(Analyzer().analyze("Zoë's laptops").map(\.term), ["zoe", "laptop"])
    }

    /// The code between the markers above is the README's Swift block, after
    /// its `import Soundbite` line.
    func testThisFileHoldsTheReadmeExampleVerbatim() throws {
        let readme = try ReadmeExamples()
        let block = try XCTUnwrap(readme.blocks.first { $0.language == "swift" }, "no swift block in README.md")
        var expected = block.lines
        XCTAssertEqual(expected.first, "import Soundbite")
        expected.removeFirst()
        while expected.first == "" { expected.removeFirst() }

        let source = try String(contentsOfFile: #filePath, encoding: .utf8).components(separatedBy: "\n")
        let begin = try XCTUnwrap(source.firstIndex { $0.hasSuffix("// README: begin") })
        let end = try XCTUnwrap(source.firstIndex { $0.hasSuffix("// README: end") })
        let indent = source[begin].prefix { $0 == " " }.count
        let here = source[(begin + 1)..<end].map { String($0.dropFirst(min(indent, $0.prefix { $0 == " " }.count))) }
        XCTAssertEqual(here, expected)
    }
}
