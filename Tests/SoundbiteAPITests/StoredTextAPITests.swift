import Foundation
import XCTest
import Soundbite
import SoundbiteTestSupport

/// Stored text as an embedder sees it: an index whose text spans many
/// compressed blocks gives back every cue's words exactly — in transcripts,
/// hits (text, snippet, context) and exported documents — from memory and
/// after a write and reopen, also searched from several threads at once.
final class StoredTextAPITests: XCTestCase {
    /// Four interviews of invented talk, about 200 kB of text in all.
    static let collection: InterviewCollection = {
        let openings = ["Well,", "So", "Honestly,", "I think", "And then", "You know,", "Right, so"]
        let subjects = ["the ferry timetable", "my grandmother's bakery", "the harbour wall", "the winter of the storm",
                        "our first umbrella shop", "the night school", "Orla's ledger", "the brass band"]
        let endings = ["changed everything for us.", "was never the same again.", "kept the whole street going.",
                       "is what people still ask about.", "— we laughed about it for years.", "cost us a fortune, naïvely."]
        var g = SplitMix64(seed: 77)
        func pick(_ a: [String]) -> String { a[Int(g.next() % UInt64(a.count))] }
        let interviews = (0..<4).map { i in
            Interview(id: "harbour-\(i)", title: "Harbour \(i)", cues: (0..<700).map { k in
                let speaker = k % 3 == 0 ? "Interviewer" : "Benedikt Aalto \(i)"
                return Cue(start: Double(k * 4), end: Double(k * 4 + 3), speaker: speaker,
                           role: k % 3 == 0 ? "interviewer" : "narrator", chapter: "Part \(k / 200)",
                           text: "\(pick(openings)) \(pick(subjects)) \(pick(endings)) (\(i).\(k))")
            })
        }
        return InterviewCollection(name: "harbour", interviews: interviews)
    }()

    func check(_ index: SearchIndex, file: StaticString = #filePath, line: UInt = #line) throws {
        for interview in Self.collection.interviews {
            let transcript = try XCTUnwrap(index.transcript(of: interview.id), file: file, line: line)
            XCTAssertEqual(transcript.cues.map(\.text), interview.cues.map(\.text), file: file, line: line)
        }
        let all = Self.collection.interviews.flatMap(\.cues).map(\.text).joined(separator: " ")
        for (k, query) in ["bakery", "\"harbour wall\"", "umbrella shop", "(2.699)", "ledger fortune"].enumerated() {
            let result = try index.search(query, options: SearchOptions(limit: 10, context: 1))
            XCTAssertFalse(result.hits.isEmpty, query, file: file, line: line)
            for hit in result.hits {
                XCTAssertTrue(all.contains(hit.text), "hit \(k) text is a run of the cues", file: file, line: line)
                XCTAssertTrue(hit.text.contains(hit.snippet.text.trimmingCharacters(in: CharacterSet(charactersIn: "…"))),
                              file: file, line: line)
                for neighbour in hit.before + hit.after { XCTAssertTrue(all.contains(neighbour.text), file: file, line: line) }
            }
        }
        let exported = (0..<index.documentCount).compactMap { index.document($0)?.passage.text }
        XCTAssertEqual(exported.joined(separator: " "), all, file: file, line: line)
    }

    func testTextReadsBackFromMemoryAndFromAFile() throws {
        let index = SearchIndex(building: [Self.collection])
        try check(index)
        let temp = try TemporaryFolder("stored-text")
        defer { temp.remove() }
        try index.write(to: temp.path("index.sbx"))
        let reopened = try SearchIndex(contentsOf: temp.path("index.sbx"))
        try check(reopened)
        let text = Self.collection.interviews.flatMap(\.cues).reduce(0) { $0 + $1.text.utf8.count + 1 }
        XCTAssertGreaterThan(text, 150_000, "the text spans several blocks")
        XCTAssertNoThrow(try reopened.verify())
    }

    func testConcurrentSearchesReadTheSameText() throws {
        let index = SearchIndex(building: [Self.collection])
        let queries = ["bakery", "storm", "band", "ledger", "ferry", "school", "wall", "umbrella"]
        let expected = try queries.map { try index.search($0, options: SearchOptions(limit: 10)).hits.map(\.text) }
        let mismatches = Mutexed(0)
        DispatchQueue.concurrentPerform(iterations: 8) { worker in
            for round in 0..<20 {
                let q = (worker + round) % queries.count
                let texts = (try? index.search(queries[q], options: SearchOptions(limit: 10)).hits.map(\.text)) ?? []
                if texts != expected[q] { mismatches.add() }
            }
        }
        XCTAssertEqual(mismatches.value, 0)
    }
}

/// A counter behind a lock, for the concurrent test.
private final class Mutexed: @unchecked Sendable {
    private let lock = NSLock()
    private var count: Int
    init(_ count: Int) { self.count = count }
    func add() { lock.withLock { count += 1 } }
    var value: Int { lock.withLock { count } }
}
