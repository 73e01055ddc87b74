import Dispatch
import Foundation
import XCTest
import Soundbite
import SoundbiteTestSupport

/// A hit's text, snippet and the rest are read from the index when first
/// asked for; to an embedder a hit behaves as a plain value all the same:
/// it outlives its index, reads the same on every thread, changes alone,
/// and encodes, decodes and compares as before.
final class LazyHitsAPITests: XCTestCase {
    static let collection = CollectionReader().read(ReadmeExamples.packageRoot + "/Corpus/innovative-schools")
    static let queries = ["laptops home", "\"the school\"", "teach*", "parnet~", "laptops role:parent", "homework dinner"]

    /// Every field of every hit, as the CLI's JSON writes them.
    static func json(_ results: SearchResults) throws -> String {
        try JSONTextEncoder().encode(results)
    }

    func testHitsReadTheirFieldsAfterTheIndexIsReleased() throws {
        let temp = try TemporaryFolder("lazy-hits")
        defer { temp.remove() }
        let path = temp.path("corpus.sbx")
        try SearchIndex(building: [Self.collection]).write(to: path)
        var found = 0
        for options in [SearchOptions(limit: 7), SearchOptions(limit: 5, offset: 2, explain: true, context: 1),
                        SearchOptions(limit: 5, ranking: .bm25)] {
            for query in Self.queries {
                let expected = try Self.json(try SearchIndex(contentsOf: path).search(query, options: options))
                // The index (and its mapping) is released before any field but rank and score is read.
                var results: SearchResults?
                do { results = try SearchIndex(contentsOf: path).search(query, options: options) }
                found += try XCTUnwrap(results).hits.count
                XCTAssertEqual(try Self.json(try XCTUnwrap(results)), expected, query)
            }
        }
        XCTAssertGreaterThan(found, 30, "the queries find hits")
    }

    func testOnePageReadOnManyThreadsAtOnceReadsTheSame() throws {
        let index = SearchIndex(building: [Self.collection])
        let options = SearchOptions(limit: 10, explain: true, context: 1)
        for query in Self.queries {
            let expected = try Self.json(try index.search(query, options: options))
            for _ in 0..<20 {
                let results = try index.search(query, options: options)
                let seen = Seen(count: 8)
                DispatchQueue.concurrentPerform(iterations: 8) { t in
                    // Each thread starts from a different hit and field, so the first reads race.
                    let hits = results.hits
                    var texts: [String] = []
                    for j in hits.indices {
                        let hit = hits[(j + t) % hits.count]
                        texts.append(t % 2 == 0 ? hit.snippet.text + hit.text : hit.text + hit.snippet.text)
                    }
                    seen.set(t, texts.sorted().joined(separator: "|"))
                }
                XCTAssertEqual(Set(seen.values).count, 1, query)
                XCTAssertEqual(try Self.json(results), expected, query)
            }
        }
    }

    func testChangingAFieldChangesThatCopyAlone() throws {
        let index = SearchIndex(building: [Self.collection])
        let results = try index.search("laptops home", options: SearchOptions(limit: 3))
        let original = try XCTUnwrap(results.hits.first)
        var copy = original
        XCTAssertEqual(copy, original)
        XCTAssertEqual(copy.hashValue, original.hashValue)
        copy.text = "changed"
        copy.highlights.append(0..<7)
        XCTAssertEqual(copy.text, "changed")
        XCTAssertEqual(copy.highlights.last, 0..<7)
        XCTAssertNotEqual(copy, original)
        XCTAssertNotEqual(results.hits[0].text, "changed")
        XCTAssertEqual(results.hits[0], original)
        copy.text = original.text
        copy.highlights.removeLast()
        XCTAssertEqual(copy, original)
        XCTAssertEqual(copy.hashValue, original.hashValue)
        // The other hits of the page are untouched.
        XCTAssertEqual(try Self.json(results), try Self.json(try index.search("laptops home", options: SearchOptions(limit: 3))))
    }

    func testHitsEncodeDecodeAndCompareAsValues() throws {
        let index = SearchIndex(building: [Self.collection])
        for query in Self.queries {
            let results = try index.search(query, options: SearchOptions(limit: 10, explain: true, context: 1))
            let data = Data(try Self.json(results).utf8)
            let decoded = try JSONDecoder().decode(SearchResults.self, from: data)
            XCTAssertEqual(try Self.json(decoded), try Self.json(results), query)
            for (a, b) in zip(decoded.hits, results.hits) {
                XCTAssertEqual(a.text, b.text)
                XCTAssertEqual(a.highlights, b.highlights)
                XCTAssertEqual(a.start, b.start)
                XCTAssertEqual(a.fields, b.fields)
                XCTAssertEqual(a.before, b.before)
            }
            XCTAssertEqual(Set(results.hits).count, results.hits.count, "hits of one page differ")
        }
    }
}

/// One value per thread, behind a lock.
private final class Seen: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [String]
    init(count: Int) { slots = Array(repeating: "", count: count) }
    func set(_ i: Int, _ value: String) { lock.withLock { slots[i] = value } }
    var values: [String] { lock.withLock { slots } }
}
