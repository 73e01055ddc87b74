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

    func testIndexRebuildsAFormat2IndexAndSearchRefusesIt() throws {
        let temp = try TemporaryFolder("older-index")
        defer { temp.remove() }
        let old = temp.path("old.sbx")
        try FileManager.default.copyItem(atPath: Self.fixtures + "/format2.sbx", toPath: old)
        let search = SoundbiteCommand.capture(["search", "beans", "-i", old])
        XCTAssertEqual(search.status, 1, search.out)
        XCTAssertTrue(search.err.contains("\(old): written by an older soundbite (format 2); run `soundbite index` to rebuild it"), search.err)
        let index = SoundbiteCommand.capture(["index", Self.fixtures + "/transcripts", "-o", old])
        XCTAssertEqual(index.status, 0, index.err)
        XCTAssertTrue(index.err.contains("was written by an older soundbite (format 2); rebuilding it"), index.err)
        XCTAssertTrue(index.out.contains("added 1, updated 0, removed 0, unchanged 0"), index.out)
        let rebuilt = try SearchIndex(contentsOf: old)
        XCTAssertEqual(try rebuilt.search("beans").total, 1)
        let again = SoundbiteCommand.capture(["search", "beans", "-i", old])
        XCTAssertEqual(again.status, 0, again.err)
    }

    func testIndexRebuildsAFormat3Or4IndexOfTheCorpusAndSearchRefusesIt() throws {
        for version in [3, 4] {
            let temp = try TemporaryFolder("older-index-\(version)")
            defer { temp.remove() }
            let old = temp.path("old.sbx")
            try FileManager.default.copyItem(atPath: Self.fixtures + "/format\(version).sbx", toPath: old)
            let search = SoundbiteCommand.capture(["search", "school", "-i", old])
            XCTAssertEqual(search.status, 1, search.out)
            XCTAssertTrue(search.err.contains("\(old): written by an older soundbite (format \(version)); run `soundbite index` to rebuild it"), search.err)
            let corpus = URL(fileURLWithPath: Self.fixtures).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("Corpus").path
            let index = SoundbiteCommand.capture(["index", corpus, "-o", old])
            XCTAssertEqual(index.status, 0, index.err)
            XCTAssertTrue(index.err.contains("was written by an older soundbite (format \(version)); rebuilding it"), index.err)
            XCTAssertTrue(index.out.contains("added 43, updated 0, removed 0, unchanged 0"), index.out)
            let rebuilt = try SearchIndex(contentsOf: old)
            XCTAssertGreaterThan(try rebuilt.search("school").total, 0)
            let again = SoundbiteCommand.capture(["search", "school", "-i", old])
            XCTAssertEqual(again.status, 0, again.err)
        }
    }
}
