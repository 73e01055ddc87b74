import Foundation
import XCTest
import SoundbiteCLI
import Soundbite
import SoundbiteTestSupport

/// An index written by an older soundbite: `soundbite index` rebuilds it,
/// every other command refuses it with the hint to do so.
final class OlderIndexCLITests: XCTestCase {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("SoundbiteTests/Fixtures/Index/old-format").path

    /// The fixture `format<version>.sbx` copied: `search word` refuses it
    /// with the rebuild hint; `index sources` rebuilds it (`added` files);
    /// then `word` matches `total` passages (nil: at least one) and searches.
    func assertRebuildsAndRefuses(version: Int, word: String, sources: String, added: Int, total: Int?,
                                  file: StaticString = #filePath, line: UInt = #line) throws {
        let temp = try TemporaryFolder("older-index-\(version)")
        defer { temp.remove() }
        let old = temp.path("old.sbx")
        try FileManager.default.copyItem(atPath: Self.fixtures + "/format\(version).sbx", toPath: old)
        let search = SoundbiteCommand.capture(["search", word, "-i", old])
        XCTAssertEqual(search.status, 1, search.out, file: file, line: line)
        XCTAssertTrue(search.err.contains("\(old): written by an older soundbite (format \(version)); run `soundbite index` to rebuild it"),
                      search.err, file: file, line: line)
        let index = SoundbiteCommand.capture(["index", sources, "-o", old])
        XCTAssertEqual(index.status, 0, index.err, file: file, line: line)
        XCTAssertTrue(index.err.contains("was written by an older soundbite (format \(version)); rebuilding it"), index.err,
                      file: file, line: line)
        XCTAssertTrue(index.out.contains("added \(added), updated 0, removed 0, unchanged 0"), index.out, file: file, line: line)
        let rebuilt = try SearchIndex(contentsOf: old).search(word).total
        if let total { XCTAssertEqual(rebuilt, total, file: file, line: line) } else { XCTAssertGreaterThan(rebuilt, 0, file: file, line: line) }
        let again = SoundbiteCommand.capture(["search", word, "-i", old])
        XCTAssertEqual(again.status, 0, again.err, file: file, line: line)
    }

    func testIndexRebuildsAFormat2IndexAndSearchRefusesIt() throws {
        try assertRebuildsAndRefuses(version: 2, word: "beans", sources: Self.fixtures + "/transcripts", added: 1, total: 1)
    }

    func testIndexRebuildsAFormat3To6IndexOfTheCorpusAndSearchRefusesIt() throws {
        let corpus = URL(fileURLWithPath: Self.fixtures).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Corpus").path
        for version in [3, 4, 5, 6] {
            try assertRebuildsAndRefuses(version: version, word: "school", sources: corpus, added: 43, total: nil)
        }
    }
}
