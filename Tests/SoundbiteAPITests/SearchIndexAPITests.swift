import Foundation
import XCTest
import Soundbite
import SoundbiteTestSupport

/// The library as an embedding tool uses it: no @testable, public API only.
final class SearchIndexAPITests: XCTestCase {
    /// Three small interviews built in code.
    static func collection() -> InterviewCollection {
        func cue(_ t: Double, _ speaker: String, _ role: String, _ chapter: String, _ text: String) -> Cue {
            Cue(start: t, end: t + 4, speaker: speaker, role: role, chapter: chapter, text: text)
        }
        let a = Interview(id: "hillside-05", title: "Hillside: Parent Experience", media: "https://example.org/h5.mp4",
                          fields: ["school": "Hillside Primary", "phase": "primary"], cues: [
            cue(0, "Interviewer", "interviewer", "Parent Experience", "What changed at home when the laptops came?"),
            cue(5, "Priya Nair", "parent", "Parent Experience", "Honestly, the laptops changed what we talk about at dinner time."),
            cue(10, "Priya Nair", "parent", "Parent Experience", "He explains his projects to us over tea, and Zoë's mum says the same."),
        ])
        let b = Interview(id: "riverside-08", title: "Riverside: Use of ICT", fields: ["school": "Riverside Academy", "phase": "secondary"], cues: [
            cue(0, "Jamal Reid", "classroom teacher", "Use of ICT", "The laptops are about access, not gadgets."),
            cue(5, "Jamal Reid", "classroom teacher", "Use of ICT", "Homework online means nobody is left out after school."),
            cue(10, "Denise Walsh", "parent", "Use of ICT", "I worry about screen time at night, to be honest."),
        ])
        let c = Interview(id: "st-aidans-03", title: "St Aidan's: Student Experience", fields: ["school": "St Aidan's High School", "phase": "secondary"], cues: [
            cue(0, "Callum Reid", "student", "Student Experience", "To be or not to be, that was our drama exam."),
            cue(5, "Callum Reid", "student", "Student Experience", "The bus takes an hour, so I read on my naïve little netbook."),
        ])
        return InterviewCollection(name: "api", interviews: [a, b, c])
    }

    static let index = SearchIndex(building: [collection()])

    func testKeywordSearchFindsTheQuoteWithTimeAndMedia() throws {
        let r = try Self.index.search("laptops dinner", options: SearchOptions(limit: 3))
        let top = try XCTUnwrap(r.hits.first)
        XCTAssertEqual(top.speaker, "Priya Nair")
        XCTAssertEqual(top.role, "parent")
        XCTAssertEqual(top.interview, "hillside-05")
        XCTAssertEqual(top.start, 5)
        XCTAssertEqual(top.timecode, "00:00:05.000")
        XCTAssertEqual(top.media, "https://example.org/h5.mp4#t=5")
        XCTAssertTrue(top.snippet.marked().contains("[laptops]"), top.snippet.marked())
        XCTAssertTrue(top.snippet.marked().contains("[dinner]"))
        XCTAssertEqual(top.fields["school"], "Hillside Primary")
    }

    /// By default the passage holding every word comes first; `ranking: .bm25`
    /// gives score order. Scores and totals are the same BM25 figures.
    func testDefaultOrderRanksTheFullMatchFirst() throws {
        let lines = [
            "Voluntary actions, again.",
            "A problem caused by the voluntary actions of many people can only be solved, in the end, by more of them.",
            "We solved the timetable in a week.", "That solved the bus problem.", "Nobody solved the broadband.",
        ]
        let cues = lines.enumerated().map { i, text in
            Cue(start: Double(i * 10), end: Double(i * 10 + 5), speaker: "Speaker \(i)", role: "guest", chapter: "Talk", text: text)
        }
        let index = SearchIndex(building: [InterviewCollection(name: "tiers", interviews: [Interview(id: "one", title: "One", cues: cues)])])
        let plain = try index.search("solved voluntary actions", options: SearchOptions(ranking: .bm25))
        let tiered = try index.search("solved voluntary actions")
        XCTAssertEqual(plain.hits.first?.speaker, "Speaker 0")     // short, two of the three words
        XCTAssertEqual(tiered.hits.first?.speaker, "Speaker 1")    // all three words
        XCTAssertEqual(tiered.hits.first?.placement, Placement(tier: .allWords, oneCue: true))
        XCTAssertEqual(tiered.hits.dropFirst().map { $0.placement?.tier }, Array(repeating: .someWords, count: 4))
        XCTAssertTrue(plain.hits.allSatisfy { $0.placement == nil })
        XCTAssertEqual(tiered.total, plain.total)
        XCTAssertEqual(Set(tiered.hits.map(\.document)), Set(plain.hits.map(\.document)))
        for h in tiered.hits {
            XCTAssertEqual(h.score, plain.hits.first { $0.document == h.document }?.score)
        }
    }

    func testFiltersAndFacets() throws {
        // Facets are counted only when asked.
        let plain = try Self.index.search("laptops")
        XCTAssertEqual(plain.facets, [:])
        XCTAssertEqual(plain.total, plain.hits.count)
        let all = try Self.index.search("laptops", options: SearchOptions(countFacets: true))
        XCTAssertEqual(all.total, 3)
        XCTAssertEqual(all.facets["role"], ["interviewer": 1, "parent": 1, "classroom teacher": 1])
        XCTAssertEqual(all.facets["school"]?["Riverside Academy"], 1)
        let parents = try Self.index.search("laptops", options: SearchOptions(filters: SearchFilters(roles: ["Parent"])))
        XCTAssertEqual(parents.hits.map(\.speaker), ["Priya Nair"])
        let inQuery = try Self.index.search("laptops role:parent")
        XCTAssertEqual(inQuery.hits.map(\.speaker), ["Priya Nair"])
        let byField = try Self.index.search("laptops", options: SearchOptions(filters: SearchFilters(fields: ["phase": ["secondary"]])))
        XCTAssertEqual(byField.hits.map(\.interview), ["riverside-08"])
    }

    func testFiltersDoNotChangeScores() throws {
        let all = try Self.index.search("laptops")
        let filtered = try Self.index.search("laptops", options: SearchOptions(filters: SearchFilters(roles: ["parent"])))
        let same = all.hits.first { $0.document == filtered.hits[0].document }
        XCTAssertEqual(same?.score, filtered.hits[0].score)
    }

    func testPhraseOfStopWordsAndQueryValues() throws {
        let r = try Self.index.search("\"to be or not to be\"")
        XCTAssertEqual(r.hits.map(\.speaker), ["Callum Reid"])
        let built = try Self.index.search(.phrase(["to", "be", "or", "not", "to", "be"], slop: 0))
        XCTAssertEqual(built.hits.map(\.document), r.hits.map(\.document))
        XCTAssertEqual(try Self.index.search("naive").hits.first?.speaker, "Callum Reid")
    }

    func testPagingAndErrors() throws {
        let page1 = try Self.index.search("laptops", options: SearchOptions(limit: 2))
        let page2 = try Self.index.search("laptops", options: SearchOptions(limit: 2, offset: 2))
        XCTAssertEqual(page1.hits.count, 2)
        XCTAssertEqual(page2.hits.map(\.rank), [3])
        XCTAssertThrowsError(try Self.index.search("laptops AND (home")) { error in
            guard case SearchError.syntax(let e) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(e.column, 18)  // where ')' was expected: the end of the query
            XCTAssertTrue(e.message.contains("column 13"), e.message)  // the '(' left open
        }
        XCTAssertThrowsError(try Self.index.search("colour:blue")) { error in
            guard case SearchError.unknownField(let name, let known) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(name, "colour")
            XCTAssertTrue(known.contains("school") && known.contains("role"))
        }
    }

    /// Highlights are UTF-8 byte ranges of the original text: they must land
    /// on whole accented words, for plain, prefix, fuzzy and phrase matches.
    func testHighlightOffsetsOnMultiByteText() throws {
        let text = "Siobhán said Zoë's café felt naïve — 日本 ICT, über-cool."
        let index = SearchIndex(building: [InterviewCollection(name: "utf8", interviews: [
            Interview(id: "u", cues: [Cue(start: 1, end: 3, speaker: "Siobhán Kelly", text: text)]),
        ])])
        let bytes = Array(text.utf8)
        func marked(_ query: String) throws -> [String] {
            let hit = try XCTUnwrap(try index.search(query).hits.first, query)
            XCTAssertEqual(hit.text, text)
            return hit.highlights.map { String(decoding: bytes[$0], as: UTF8.self) }
        }
        XCTAssertEqual(try marked("cafe naive"), ["café", "naïve"])
        XCTAssertEqual(try marked("zoe"), ["Zoë's"])
        XCTAssertEqual(try marked("siob*"), ["Siobhán"])
        XCTAssertEqual(try marked("naïce~1"), ["naïve"])
        XCTAssertEqual(try marked("\"cafe felt\""), ["café", "felt"])
        XCTAssertEqual(try marked("uber"), ["über"])
        XCTAssertEqual(try marked("日"), ["日"])
        let snippet = try XCTUnwrap(try index.search("naive").hits.first).snippet.marked()
        XCTAssertTrue(snippet.contains("[naïve]"), snippet)
    }

    func testContextBringsTheQuestion() throws {
        let r = try Self.index.search("\"dinner time\"", options: SearchOptions(limit: 1, context: 1))
        let hit = try XCTUnwrap(r.hits.first)
        XCTAssertEqual(hit.before.first?.speaker, "Interviewer")
        XCTAssertTrue(hit.before.first?.text.contains("What changed at home") ?? false)
    }

    func testWriteOpenRoundTripAndCorruptionIsRefused() throws {
        let temp = try TemporaryFolder("api")
        defer { temp.remove() }
        let dir = temp.url
        let path = dir.appendingPathComponent("test.sbx").path
        try Self.index.write(to: path)
        let opened = try SearchIndex(contentsOf: path)
        try opened.verify()
        for q in ["laptops", "\"to be or not to be\"", "screen time role:parent", "lapt*", "laptpos~1"] {
            XCTAssertEqual(try opened.search(q).hits.map(\.score), try Self.index.search(q).hits.map(\.score), q)
        }
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        bytes.removeLast(10)
        try bytes.write(to: URL(fileURLWithPath: path))
        XCTAssertThrowsError(try SearchIndex(contentsOf: path)) { error in
            XCTAssertTrue("\(error)".contains("truncated"), "\(error)")
        }
    }

    func testConcurrentSearchesAgree() throws {
        let index = Self.index
        let queries = ["laptops", "screen time", "\"to be\"", "lapt*", "homework OR bus", "naive~1"]
        let expected = try queries.map { try index.search($0).hits.map(\.document) }
        let failures = Mutex(0)
        DispatchQueue.concurrentPerform(iterations: 64) { i in
            let q = i % queries.count
            let got = try? index.search(queries[q]).hits.map(\.document)
            if got != expected[q] { failures.withLock { $0 += 1 } }
        }
        XCTAssertEqual(failures.withLock { $0 }, 0)
    }
}

import Synchronization
