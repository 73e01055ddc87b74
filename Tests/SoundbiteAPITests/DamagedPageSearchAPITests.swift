import Foundation
import XCTest
import Soundbite
import SoundbiteTestSupport

/// A hit's fields are read after the search returns, from pages the search
/// checked: to an embedder, a damaged page of a hit's record, cues or text
/// makes `search()` throw ``SearchError/damagedIndex(_:)``, and a search that
/// returns gives hits whose every field reads as from the undamaged file.
final class DamagedPageSearchAPITests: XCTestCase {
    /// The bundled corpus, its interviews copied under new ids until the
    /// index's records, cues and text span several 64 KiB pages each.
    static let collection: InterviewCollection = {
        var c = CollectionReader().read(ReadmeExamples.packageRoot + "/Corpus/innovative-schools")
        let originals = c.interviews
        for copy in 1..<8 {
            for var interview in originals {
                interview.id += "-\(copy)"
                interview.path = "\(copy)/" + interview.path
                c.interviews.append(interview)
            }
        }
        return c
    }()

    /// Single words (the top 10 reads only postings: every record, cue and
    /// text page a hit needs is read first by the search's page check) and
    /// a few other shapes.
    static let queries = ["laptops", "parents", "school", "dinner", "homework", "broadband", "teachers", "money",
                          "computer", "really", "video", "children", "internet", "learning", "time",
                          "laptops home", "\"the school\"", "teach*"]

    /// Every field of every hit, as the CLI's JSON writes them.
    static func json(_ results: SearchResults) throws -> String { try JSONTextEncoder().encode(results) }

    /// The sections of an index file by raw kind: (offset, length), from its footer and section table.
    static func sections(_ bytes: [UInt8]) -> [UInt32: (offset: Int, length: Int)] {
        func u32(_ at: Int) -> UInt32 { bytes[at..<(at + 4)].reversed().reduce(0) { $0 << 8 | UInt32($1) } }
        func u64(_ at: Int) -> Int { Int(bytes[at..<(at + 8)].reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }) }
        let footer = bytes.count - 40
        let table = u64(footer), count = Int(u32(footer + 8))
        var out: [UInt32: (offset: Int, length: Int)] = [:]
        for i in 0..<count {
            let e = table + 24 * i
            out[u32(e)] = (u64(e + 8), u64(e + 16))
        }
        return out
    }

    func testADamagedPageOfAHitsRecordCuesOrTextFailsTheSearchAndNeverAField() throws {
        let temp = try TemporaryFolder("damaged-page-search")
        defer { temp.remove() }
        let clean = temp.path("clean.sbx")
        try SearchIndex(building: [Self.collection]).write(to: clean)
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: clean)))
        let optionSets = [SearchOptions(limit: 10), SearchOptions(limit: 5, offset: 3, explain: true, context: 2)]
        var expected: [String] = []
        for options in optionSets {
            for q in Self.queries { expected.append(try Self.json(try SearchIndex(contentsOf: clean).search(q, options: options))) }
        }
        let page = 64 * 1024
        // docs, cues, storedText: one byte flipped in the middle of each page in turn.
        for kind: UInt32 in [8, 10, 15] {
            let section = try XCTUnwrap(Self.sections(bytes)[kind], "section \(kind)")
            let pages = (section.length + page - 1) / page
            XCTAssertGreaterThan(pages, 1, "section \(kind) spans several pages")
            var failed = 0, answered = 0
            for p in 0..<pages {
                var damaged = bytes
                damaged[section.offset + min(section.length - 1, p * page + page / 2)] ^= 0x20
                let path = temp.path("damaged-\(kind)-\(p).sbx")
                try Data(damaged).write(to: URL(fileURLWithPath: path))
                var n = 0
                for options in optionSets {
                    for q in Self.queries {
                        // A fresh open each time: no page is checked yet.
                        let index = try SearchIndex(contentsOf: path)
                        do {
                            let results = try index.search(q, options: options)
                            answered += 1
                            XCTAssertEqual(try Self.json(results), expected[n], "section \(kind), page \(p): \(q)")
                        } catch SearchError.damagedIndex {
                            failed += 1
                        }
                        n += 1
                    }
                }
                // One open for every search, each query twice (the second meets
                // the documents and terms the first found sound): the same
                // answers until a search meets the damage, then none.
                let shared = try SearchIndex(contentsOf: path)
                var met = false
                n = 0
                for options in optionSets {
                    for q in Self.queries {
                        for _ in 0..<2 {
                            do {
                                let results = try shared.search(q, options: options)
                                XCTAssertFalse(met, "section \(kind), page \(p): \(q) answered after the damage was met")
                                XCTAssertEqual(try Self.json(results), expected[n], "section \(kind), page \(p): \(q), shared")
                            } catch SearchError.damagedIndex {
                                met = true
                            }
                        }
                        n += 1
                    }
                }
            }
            XCTAssertGreaterThan(failed, 0, "section \(kind): some search reads a damaged page")
            XCTAssertGreaterThan(answered, 0, "section \(kind): some search reads no damaged page")
        }
    }
}
