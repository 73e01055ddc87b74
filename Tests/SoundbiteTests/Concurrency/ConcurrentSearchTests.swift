import Foundation
import Synchronization
import XCTest
@testable import Soundbite
import SoundbiteTestSupport

/// Many threads search one shared index while another thread builds a new
/// index, writes it atomically over the same file, opens it (memory-mapped)
/// and swaps it in. Every search must give exactly the answer the index it
/// used gives single-threaded. Run under ThreadSanitizer by `.ci/tsan`.
final class ConcurrentSearchTests: XCTestCase {
    static let queries = ["laptops home", "+parents -dinner", "\"the school\"", "teach*", "laptop~1",
                          "role:parent learning", "(money OR budget) AND governors", "children NOT family", "*"]

    /// What one search returned, compared exactly.
    struct Answer: Hashable {
        var total: Int
        var hits: [String]

        init(_ r: SearchResults) {
            total = r.total
            hits = r.hits.map { "\($0.document) \($0.interview) \($0.speaker) \($0.start) \($0.score) \($0.snippet.marked())" }
        }
    }

    static func answers(_ index: SearchIndex) throws -> [Answer] {
        try queries.map { Answer(try index.search($0, options: SearchOptions(limit: 5))) }
    }

    /// The state the threads share: the current index and its generation
    /// (even = collection A, odd = collection B), a stop flag and failures.
    final class Shared: Sendable {
        let current: Mutex<(index: SearchIndex, generation: Int)>
        let done = Atomic<Bool>(false)
        let searches = Atomic<Int>(0)
        let failures = Mutex<[String]>([])

        init(_ index: SearchIndex) { current = Mutex((index, 0)) }

        func fail(_ message: String) { failures.withLock { $0.append(message) } }
    }

    func testSearchesStayCorrectWhileANewIndexIsWrittenAndSwappedIn() throws {
        let a = SyntheticCorpus.collection(interviews: 6, cuesEach: 40, seed: 1)
        let b = SyntheticCorpus.collection(interviews: 7, cuesEach: 35, seed: 2)
        let temp = try TemporaryFolder("concurrent")
        defer { temp.remove() }
        let folder = temp.url
        let path = folder.appendingPathComponent("index.sbx").path

        // The expected answers, computed on one thread before anything runs.
        try SearchIndex(building: [a]).write(to: path)
        let first = try SearchIndex(contentsOf: path)
        let expected = [try Self.answers(first), try Self.answers(SearchIndex(building: [b]))]
        XCTAssertNotEqual(expected[0], expected[1])

        let shared = Shared(first)
        let generations = 6
        let searchers = 6
        let group = DispatchGroup()

        for s in 0..<searchers {
            group.enter()
            Thread {
                defer { group.leave() }
                var k = s
                // Even searchers keep using one index for a while, so an index
                // whose file was replaced keeps answering from its old mapping.
                var held: (index: SearchIndex, generation: Int)? = nil
                repeat {
                    let (index, generation) = (s % 2 == 0 && held != nil && k % 7 != 0)
                        ? held! : shared.current.withLock { $0 }
                    held = (index, generation)
                    let q = k % Self.queries.count
                    do {
                        let answer = Answer(try index.search(Self.queries[q], options: SearchOptions(limit: 5)))
                        if answer != expected[generation % 2][q] {
                            shared.fail("searcher \(s): generation \(generation), query \(Self.queries[q]): wrong answer")
                        }
                    } catch {
                        shared.fail("searcher \(s): \(Self.queries[q]) threw \(error)")
                    }
                    shared.searches.add(1, ordering: .relaxed)
                    k += 1
                } while !shared.done.load(ordering: .acquiring)
            }.start()
        }

        group.enter()
        Thread {
            defer { group.leave() }
            for generation in 1...generations {
                do {
                    let built = SearchIndex(building: [generation % 2 == 0 ? a : b])
                    try built.write(to: path)                       // temporary file + rename
                    let opened = try SearchIndex(contentsOf: path)  // memory-mapped
                    try opened.verify()
                    shared.current.withLock { $0 = (opened, generation) }
                } catch {
                    shared.fail("writer: generation \(generation): \(error)")
                }
            }
            // Let the searchers run on the last index a little.
            let target = shared.searches.load(ordering: .relaxed) + 50
            while shared.searches.load(ordering: .relaxed) < target { Thread.sleep(forTimeInterval: 0.001) }
            shared.done.store(true, ordering: .releasing)
        }.start()

        XCTAssertEqual(group.wait(timeout: .now() + 600), .success, "threads did not finish")
        XCTAssertEqual(shared.failures.withLock { $0 }, [])
        XCTAssertEqual(shared.current.withLock { $0.generation }, generations)
        XCTAssertGreaterThan(shared.searches.load(ordering: .relaxed), searchers * 2)
        // The file left behind is the last generation's index, whole.
        XCTAssertEqual(try Self.answers(SearchIndex(contentsOf: path)), expected[generations % 2])
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0 != "index.sbx" }
        XCTAssertEqual(leftovers, [], "temporary files left behind")
    }

    /// One index shared by many threads with no writer: the MaxScore and
    /// exhaustive paths, explanations and context all read it concurrently.
    func testManyThreadsSearchingOneIndexAgree() throws {
        let index = SearchIndex(building: [SyntheticCorpus.collection(interviews: 5, cuesEach: 40, seed: 3)])
        let options = SearchOptions(limit: 5, explain: true, context: 1)
        // MaxScore and exhaustive scoring may sum in different orders: each
        // mode is compared with itself, computed on one thread.
        var exhaustiveOptions = options
        exhaustiveOptions.exhaustive = true
        let expected = try [options, exhaustiveOptions].map { o in try Self.queries.map { Answer(try index.search($0, options: o)) } }
        let failures = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 8) { t in
            for round in 0..<3 {
                for (q, query) in Self.queries.enumerated() {
                    let exhaustive = (t + round) % 2 == 0
                    var o = options
                    o.exhaustive = exhaustive
                    guard let r = try? index.search(query, options: o) else {
                        failures.withLock { $0.append("\(query) threw") }
                        continue
                    }
                    if Answer(r) != expected[exhaustive ? 1 : 0][q] { failures.withLock { $0.append("\(query) exhaustive=\(exhaustive) differs") } }
                }
            }
        }
        XCTAssertEqual(failures.withLock { $0 }, [])
    }
}
