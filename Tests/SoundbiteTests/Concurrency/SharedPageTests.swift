import Foundation
import XCTest
import Synchronization
@testable import Soundbite
import SoundbiteTestSupport

/// A result page read by several threads at once: its hits are moved into
/// the page as they are made (``HitBuilder/details(_:root:into:)``), once,
/// by whichever thread reads a field first, and every thread then reads the
/// same fields as a page built on one thread. Interviews with long titles
/// and speaker names, so that the strings a hit shares with the string
/// table are heap strings (a copy too many or too few would show as a wrong
/// value, a crash or, under the sanitizers, a use after free).
final class SharedPageTests: XCTestCase {
    static let index: SearchIndex = {
        var collection = SyntheticCorpus.collection(interviews: 6, cuesEach: 50, seed: 77)
        for i in collection.interviews.indices {
            collection.interviews[i].title = "A rather long interview title, number \(i), for heap strings"
            collection.interviews[i].media = "https://media.example.org/a/long/path/to/interview-\(i).mp4"
        }
        return SearchIndex(building: [collection])
    }()

    /// Every field of a hit, as one string.
    static func fields(_ h: Hit) -> String {
        [h.interview, h.title, h.speaker, h.role, h.chapter, h.text, h.snippet.text, h.media, "\(h.start)", "\(h.end)",
         "\(h.highlights)", "\(h.fields.sorted { $0.key < $1.key })", "\(h.before.map(\.text))", "\(h.after.map(\.text))",
         "\(h.explanation?.terms.map(\.term) ?? [])"].joined(separator: "|")
    }

    /// Text, title, speaker and the context passages' texts of a hit, as read.
    static func read(_ h: Hit) -> String {
        [h.text, h.title, h.speaker, "\(h.before.map(\.text))", "\(h.after.map(\.text))"].joined(separator: "|")
    }

    /// The same, straight from the reader (one passage of context each side, within the interview).
    static func reference(_ h: Hit) -> String {
        let reader = index.reader
        let r = reader.document(h.document), v = Int(r.interview)
        let lo = Int(reader.interviews[v].docStart), hi = lo + Int(reader.interviews[v].docCount)
        let before = h.document - 1 >= lo ? [reader.text(of: reader.document(h.document - 1))] : []
        let after = h.document + 1 < hi ? [reader.text(of: reader.document(h.document + 1))] : []
        return [reader.text(of: r), reader.string(reader.interviews[v].title), reader.string(r.speaker), "\(before)",
                "\(after)"].joined(separator: "|")
    }

    func testTwoThreadsReadingOnePageFirstSeeWhatOneThreadSees() throws {
        let queries = ["laptops parents", "school", "the computer*", "\"use of\"", "homework teachers"]
        let options = SearchOptions(limit: 10, explain: true, context: 1)
        let expected = try queries.map { try Self.index.search($0, options: options).hits.map(Self.fields) }
        XCTAssertTrue(expected.contains { $0.count >= 5 })
        XCTAssertTrue(expected.joined().contains { $0.contains("A rather long interview title") })
        let failures = Mutex<[String]>([])
        for round in 0..<10 {
            for (q, query) in queries.enumerated() {
                let hits = try Self.index.search(query, options: options).hits
                XCTAssertTrue(hits.allSatisfy { !$0.isBuilt })
                // Both threads read the page's fields first, each from the other end.
                DispatchQueue.concurrentPerform(iterations: 2) { t in
                    let order = t == 0 ? Array(hits.indices) : hits.indices.reversed()
                    var read = [String](repeating: "", count: hits.count)
                    for i in order { read[i] = Self.fields(hits[i]) }
                    if read != expected[q] { failures.withLock { $0.append("round \(round) \(query) thread \(t)") } }
                    for h in hits where Self.read(h) != Self.reference(h) {
                        failures.withLock { $0.append("round \(round) \(query) thread \(t): hit \(h.rank) is not its passage") }
                    }
                }
            }
        }
        XCTAssertEqual(failures.withLock { $0 }, [])
    }
}
