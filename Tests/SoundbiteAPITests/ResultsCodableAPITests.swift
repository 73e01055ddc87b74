import Foundation
import XCTest
import Soundbite

/// Results are `Codable` with the keys the CLI prints, and `JSONTextEncoder`
/// writes them as the CLI does: compact, keys in a fixed order.
final class ResultsCodableAPITests: XCTestCase {
    static let index = SearchIndex(building: [InterviewCollection(name: "codable", interviews: [
        Interview(id: "ash-02", title: "Ash Lane: Evenings", media: "https://example.org/a2.mp4",
                  fields: ["site": "Ash Lane", "phase": "primary"], cues: [
            Cue(start: 0, end: 4, speaker: "Interviewer", role: "interviewer", chapter: "Home", text: "What happened at home in the evenings?"),
            Cue(start: 4.5, end: 9.25, speaker: "Noor Beck", role: "parent", chapter: "Home", text: "The tablets came home and we read \"Zoë\" stories together."),
            Cue(start: 10, end: 14, speaker: "Noor Beck", role: "parent", chapter: "Home", text: "Evenings were quieter after that, honestly."),
        ]),
    ])])

    func testResultsRoundTripThroughTheEncoderAndJSONDecoder() throws {
        let results = try Self.index.search("tablets evenings", options: SearchOptions(explain: true, context: 1))
        XCTAssertFalse(results.hits.isEmpty)
        XCTAssertNotNil(results.hits[0].explanation)
        XCTAssertNotNil(results.hits[0].placement)
        let text = try JSONTextEncoder().encode(results)
        let decoded = try JSONDecoder().decode(SearchResults.self, from: Data(text.utf8))
        XCTAssertEqual(decoded, results)
        // Foundation's encoder gives the same values (in its own key order).
        let viaFoundation = try JSONDecoder().decode(SearchResults.self, from: JSONEncoder().encode(results))
        XCTAssertEqual(viaFoundation, results)
    }

    func testKeysAreTheCLIsInTheirOrder() throws {
        let results = try Self.index.search("tablets", options: SearchOptions(limit: 1, countFacets: true))
        let text = try JSONTextEncoder().encode(results)
        XCTAssertTrue(text.hasPrefix(#"{"query":"tablets","total":1,"hits":[{"rank":1,"score":"#), text)
        let hit = try XCTUnwrap(results.hits.first)
        let hitText = try JSONTextEncoder().encode(hit)
        let keys = ["rank", "score", "document", "interview", "title", "speaker", "role", "chapter", "start", "end",
                    "timecode", "text", "highlights", "snippet", "media", "fields"]
        var at = hitText.startIndex
        for key in keys {
            let found = try XCTUnwrap(hitText.range(of: "\"\(key)\":", range: at..<hitText.endIndex), "\(key) in \(hitText)")
            at = found.upperBound
        }
        XCTAssertTrue(hitText.contains(#""start":4.5,"end":9.25,"timecode":"00:00:04.500""#), hitText)
        XCTAssertTrue(hitText.contains(#""snippet":"The [tablets] came home and we read \"Zoë\" stories together.""#), hitText)
        XCTAssertTrue(hitText.contains(#""media":"https://example.org/a2.mp4#t=4.5""#), hitText)
        XCTAssertTrue(hitText.hasSuffix(#""fields":{"phase":"primary","site":"Ash Lane"}}"#), hitText)
        XCTAssertTrue(text.hasSuffix(#""facets":{"chapter":{"Home":1},"phase":{"primary":1},"role":{"parent":1},"site":{"Ash Lane":1}}}"#), text)
        let highlighted = hit.highlights.map { Array(hit.text.utf8)[$0] }.map { String(decoding: $0, as: UTF8.self) }
        XCTAssertEqual(highlighted, ["tablets"])
        XCTAssertTrue(hitText.contains(#""highlights":[[4,11]]"#), hitText)
    }

    func testExplanationKeys() throws {
        let hit = try XCTUnwrap(try Self.index.search("tablets \"came home\"", options: SearchOptions(explain: true)).hits.first)
        let text = try JSONTextEncoder().encode(try XCTUnwrap(hit.explanation))
        XCTAssertTrue(text.hasPrefix(#"{"N":3,"avgdl":"#), text)
        let tier = try XCTUnwrap(hit.placement?.tier)
        XCTAssertTrue(try JSONTextEncoder().encode(hit).contains(#""explain":{"tier":\#(tier.rawValue),"tierName":"\#(tier.name)","oneCue":"#))
        XCTAssertTrue(text.contains(#"{"term":"tablet","tf":1,"df":1,"idf":"#), text)
        XCTAssertTrue(text.contains(#"{"phrase":"came home","tf":1,"idf":"#), text)
        let derived = ExplainedTerm(term: "histori", isPhrase: false, tf: 2, df: 5, idf: 1.5, score: 0.75, weight: 0.5)
        let derivedText = try JSONTextEncoder().encode(derived)
        XCTAssertEqual(derivedText, #"{"term":"histori","tf":2,"df":5,"idf":1.5,"weight":0.5,"score":0.75}"#)
        XCTAssertEqual(try JSONDecoder().decode(ExplainedTerm.self, from: Data(derivedText.utf8)), derived)
    }

    /// The encoder on any `Encodable`: nesting, nil, escapes, numbers.
    func testEncoderWritesCompactDeterministicJSON() throws {
        struct Inner: Encodable { var flag = true; var none: Int? = nil; var list: [[Double]] = [[1, 0.5], []] }
        struct Outer: Encodable {
            var name = "tab\tquote\" back\\ nl\n \u{1} é 日 /"
            var count = -3
            var big = 1e20
            var tiny = 1e-7
            var notANumber = Double.nan
            var inner = Inner()
            var empty: [String] = []
            var optional: String? = "set"
        }
        XCTAssertEqual(try JSONTextEncoder().encode(Outer()),
                       #"{"name":"tab\tquote\" back\\ nl\n \u0001 é 日 /","count":-3,"big":1e+20,"tiny":1e-07,"notANumber":null,"#
                       + #""inner":{"flag":true,"list":[[1,0.5],[]]},"empty":[],"optional":"set"}"#)
        XCTAssertEqual(try JSONTextEncoder().encode([3, 1, 2]), "[3,1,2]")
        XCTAssertEqual(try JSONTextEncoder().encode("solo"), #""solo""#)
        XCTAssertEqual(try JSONTextEncoder().encode(Optional<Int>.none), "null")
    }

    /// Nested and super containers, as hand-written conformances use them;
    /// the text means what Foundation's encoder writes for the same value.
    func testEncoderContainersMatchFoundation() throws {
        class Base: Encodable {
            var id = 7
            private enum Keys: String, CodingKey { case id }
            func encode(to encoder: any Encoder) throws {
                var c = encoder.container(keyedBy: Keys.self)
                try c.encode(id, forKey: .id)
            }
        }
        final class Derived: Base {
            var tags = ["b", "a"]
            private enum Keys: String, CodingKey { case tags, grid, meta }
            private enum MetaKeys: String, CodingKey { case depth, ok }
            override func encode(to encoder: any Encoder) throws {
                var c = encoder.container(keyedBy: Keys.self)
                try c.encode(tags, forKey: .tags)
                var grid = c.nestedUnkeyedContainer(forKey: .grid)
                var row = grid.nestedUnkeyedContainer()
                try row.encode(1.5)
                try row.encodeNil()
                var cell = grid.nestedContainer(keyedBy: MetaKeys.self)
                try cell.encode(UInt8(255), forKey: .depth)
                var meta = c.nestedContainer(keyedBy: MetaKeys.self, forKey: .meta)
                try meta.encode(false, forKey: .ok)
                try meta.encode(Int64.min, forKey: .depth)
                try super.encode(to: c.superEncoder())
            }
        }
        let text = try JSONTextEncoder().encode(Derived())
        XCTAssertEqual(text, #"{"tags":["b","a"],"grid":[[1.5,null],{"depth":255}],"meta":{"ok":false,"depth":-9223372036854775808},"super":{"id":7}}"#)
        let ours = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? NSDictionary
        let theirs = try JSONSerialization.jsonObject(with: JSONEncoder().encode(Derived())) as? NSDictionary
        XCTAssertEqual(ours, theirs)
        // A super encoder may hold a single value, and may be filled after its siblings.
        struct Late: Encodable {
            private enum Keys: String, CodingKey { case first, last }
            func encode(to encoder: any Encoder) throws {
                var c = encoder.container(keyedBy: Keys.self)
                let sup = c.superEncoder()
                var list = c.nestedUnkeyedContainer(forKey: .first)
                let inner = list.superEncoder()
                try c.encode("end", forKey: .last)
                var one = sup.singleValueContainer()
                try one.encode(42)
                var two = inner.singleValueContainer()
                try two.encode("x")
            }
        }
        XCTAssertEqual(try JSONTextEncoder().encode(Late()), #"{"super":42,"first":["x"],"last":"end"}"#)
    }

    func testDecodingRefusesABadHighlight() throws {
        let hit = try XCTUnwrap(try Self.index.search("tablets").hits.first)
        let good = try JSONTextEncoder().encode(hit)
        for bad in ["[[4]]", "[[11,4]]", "[[-1,2]]"] {
            let text = good.replacingOccurrences(of: #""highlights":[[4,11]]"#, with: "\"highlights\":\(bad)")
            XCTAssertNotEqual(text, good)
            XCTAssertThrowsError(try JSONDecoder().decode(Hit.self, from: Data(text.utf8)), bad)
        }
    }

    func testDiagnosticsEncodeForScripts() throws {
        let d = Diagnostic(.warning, file: "hill/a.vtt", line: 12, "cue ends before it starts; repaired")
        let text = try JSONTextEncoder().encode([d])
        XCTAssertEqual(text, #"[{"file":"hill/a.vtt","line":12,"severity":"warning","message":"cue ends before it starts; repaired"}]"#)
        XCTAssertEqual(try JSONDecoder().decode([Diagnostic].self, from: Data(text.utf8)), [d])
    }
}
