import XCTest
@testable import Soundbite

/// The fixed cost of a query was cut on the way in (branch `setup`): the
/// lexer decides ASCII whitespace by value and writes ASCII words as bytes,
/// the compiler keeps a query's terms in a short list (a set past
/// ``QueryCompiler``'s list limit), looks words up in place, and a query
/// that can match nothing (its words are not in the index) makes no scorer.
/// These check that the answers are the ones the long way gives.
final class QueryFixedCostTests: XCTestCase {
    /// 12 interviews of 60 cues over 30 words (`w0` … `w29`), two roles and two chapters.
    static let index: SearchIndex = {
        var rng = SyntheticCorpus.RNG(state: 1203)
        let roles = [("Ann Host", "host"), ("Bo Guest", "guest")]
        var interviews: [Interview] = []
        for i in 0..<12 {
            var cues: [Cue] = []
            var t = 0.0
            for c in 0..<60 {
                var words: [String] = []
                for _ in 0..<(3 + Int(rng.next() % 20)) { words.append("w\(Int(rng.next() % 30))") }
                if rng.next() % 9 == 0 { words.append("café") }
                cues.append(shuffledCue(words, &rng, at: &t, speaker: roles[(c / 4) % 2], chapter: c < 30 ? "Start" : "End",
                                        line: c + 1))
            }
            interviews.append(Interview(id: "f-\(i)", path: "f-\(i).vtt", title: "Interview \(i)", media: "",
                                        fields: [:], cues: cues))
        }
        return SearchIndex(building: [InterviewCollection(name: "fixed", interviews: interviews)])
    }()

    /// The lexer's ASCII shortcut agrees with the Unicode property on every
    /// ASCII scalar, and the property still decides the others.
    func testWhitespaceIsTheUnicodeProperty() {
        var checked = 0
        for v in UInt32(0)...0x3100 {
            guard let s = Unicode.Scalar(v) else { continue }
            XCTAssertEqual(QueryLexer.isWhitespace(s), s.properties.isWhitespace, "U+\(String(v, radix: 16))")
            checked += 1
        }
        XCTAssertGreaterThan(checked, 0x3000)
        XCTAssertTrue(QueryLexer.isWhitespace("\u{A0}"))
        XCTAssertTrue(QueryLexer.isWhitespace("\u{3000}"))
        XCTAssertFalse(QueryLexer.isWhitespace("\u{1F}"))
    }

    /// Words written as bytes (ASCII) and scalar by scalar (the rest) parse to the same trees as typed.
    func testASCIIAndOtherWordsParseAsTyped() throws {
        let parser = QueryParser()
        XCTAssertEqual(try parser.parse("evokes"), .term("evokes"))
        XCTAssertEqual(try parser.parse("\u{3000}café\u{A0}w1\t"), .boolean([Clause(.should, .term("café")), Clause(.should, .term("w1"))]))
        XCTAssertEqual(try parser.parse("naïve* Role:Guest"),
                       .boolean([Clause(.should, .prefix("naïve")), Clause(.should, .field(name: "role", value: "Guest"))]))
        XCTAssertEqual(try parser.parse("w\\(1 wörld~1"),
                       .boolean([Clause(.should, .term("w(1")), Clause(.should, .fuzzy("wörld", maxEdits: 1))]))
        XCTAssertThrowsError(try parser.parse(" \u{2003}\n"))
    }

    /// More distinct terms than the short list holds, each typed twice:
    /// every term counts once, so the scores are the ones of each word typed once,
    /// bit for bit, in both orders (pruned and exhaustive).
    func testRepeatedWordsPastTheListCountOnce() throws {
        let words = (0..<24).map { "w\($0)" }
        let once = words.joined(separator: " ")
        let twice = once + " " + words.reversed().joined(separator: " ") + " " + once
        for ranking in [Ranking.bm25, .quote] {
            for exhaustive in [false, true] {
                let options = SearchOptions(limit: 20, countFacets: false, exhaustive: exhaustive, ranking: ranking)
                let a = try Self.index.topDocuments(once, options: options)
                let b = try Self.index.topDocuments(twice, options: options)
                XCTAssertEqual(a.count, 20)
                XCTAssertEqual(a.map(\.doc), b.map(\.doc), "\(ranking) exhaustive \(exhaustive)")
                XCTAssertEqual(a.map(\.score.bitPattern), b.map(\.score.bitPattern), "\(ranking) exhaustive \(exhaustive)")
            }
        }
    }

    /// Words the index lacks: a query of only them finds nothing; beside a
    /// word it has, they change nothing (optional) or everything (required).
    func testMissingWordsFindNothingAndLeaveTheRest() throws {
        let filters = [SearchFilters(), SearchFilters(roles: ["guest"]), SearchFilters(chapters: ["End"])]
        for filter in filters {
            for ranking in [Ranking.bm25, .quote] {
                for exhaustive in [false, true] {
                    let options = SearchOptions(limit: 10, filters: filter, countFacets: false, exhaustive: exhaustive, ranking: ranking)
                    let what = "\(filter) \(ranking) exhaustive \(exhaustive)"
                    for nothing in ["zzqq", "zzqq qqzz", "+zzqq w3", "\"w3 zzqq\"", "zzq*", "w3 AND zzqq", "+zzqq +w3 w4"] {
                        XCTAssertEqual(try Self.index.topDocuments(nothing, options: options).count, 0, "\(nothing) \(what)")
                        let results = try Self.index.search(nothing, options: options)
                        XCTAssertEqual(results.total, 0, "\(nothing) \(what)")
                        XCTAssertTrue(results.hits.isEmpty, "\(nothing) \(what)")
                    }
                    for (padded, plain) in [("zzqq w3", "w3"), ("w3 zzqq w7", "w3 w7"), ("café -zzqq", "café")] {
                        let a = try Self.index.topDocuments(padded, options: options)
                        let b = try Self.index.topDocuments(plain, options: options)
                        XCTAssertFalse(b.isEmpty, "\(plain) \(what)")
                        XCTAssertEqual(a.map(\.doc), b.map(\.doc), "\(padded) \(what)")
                        XCTAssertEqual(a.map(\.score.bitPattern), b.map(\.score.bitPattern), "\(padded) \(what)")
                    }
                }
            }
        }
    }

    /// ``Weight/matchesNothing`` only where no document can match.
    func testMatchesNothingOnlyWhenEmpty() {
        XCTAssertTrue(Weight.none.matchesNothing)
        XCTAssertTrue(Weight.union([]).matchesNothing)
        XCTAssertFalse(Weight.union([0]).matchesNothing)
        XCTAssertFalse(Weight.all.matchesNothing)
        XCTAssertTrue(Weight.boolean(must: [], should: [.none, .none], mustNot: [.term(0)], filter: nil).matchesNothing)
        XCTAssertFalse(Weight.boolean(must: [], should: [.none, .term(0)], mustNot: [], filter: nil).matchesNothing)
        XCTAssertTrue(Weight.boolean(must: [.term(0), .none], should: [.term(1)], mustNot: [], filter: nil).matchesNothing)
        XCTAssertFalse(Weight.boolean(must: [.all], should: [.none], mustNot: [], filter: nil).matchesNothing)
        XCTAssertFalse(Weight.boolean(must: [], should: [.derived(2)], mustNot: [.none], filter: nil).matchesNothing)
    }
}
