import XCTest
import Soundbite

/// What an embedder does with a hit: its timecode, its highlights as
/// `String` ranges, and the transcript around it.
final class HitAPITests: XCTestCase {
    static let text = "Siobhán said Zoë's café felt naïve — 日本 ICT, über-cool."
    static let index = SearchIndex(building: [InterviewCollection(name: "hits", interviews: [
        Interview(id: "kelly-01", title: "Kelly: First Term", media: "https://example.org/k1.mp4", cues: [
            Cue(start: 3_723.25, end: 3_725, speaker: "Siobhán Kelly", role: "teacher", text: text),
            Cue(start: 3_726, end: 3_730, speaker: "Ravi Old", role: "parent", text: "The bus was late again, so the café opened early."),
        ]),
    ])])

    func testRecordingTimeFormatsAndParses() {
        XCTAssertEqual(RecordingTime(seconds: 3_723.25).description, "01:02:03.250")
        XCTAssertEqual(RecordingTime(seconds: 0.0004).description, "00:00:00.000")
        XCTAssertEqual(RecordingTime(seconds: -5).description, "00:00:00.000")
        XCTAssertEqual(RecordingTime(seconds: .nan).description, "00:00:00.000")
        XCTAssertEqual(RecordingTime(seconds: 360_000).description, "100:00:00.000")
        XCTAssertEqual(RecordingTime("00:02:03.450")?.seconds ?? 0, 123.45, accuracy: 1e-9)
        XCTAssertEqual(RecordingTime("02:03")?.seconds, 123)
        XCTAssertEqual(RecordingTime("12.5")?.seconds, 12.5)
        XCTAssertEqual(RecordingTime("1:02:03")?.seconds, 3_723)
        for bad in ["99:99:99", "00:60", "1:60:00", "", "abc", "-1", "1::2", "1:2:3:4", "inf", "nan", "1e400", "12:"] {
            XCTAssertNil(RecordingTime(bad), bad)
        }
        let hit = try! XCTUnwrap(try! Self.index.search("naive").hits.first)
        XCTAssertEqual(hit.timecode, RecordingTime(seconds: hit.start).description)
        XCTAssertEqual(hit.timecode, "01:02:03.250")
    }

    /// Highlights come as UTF-8 byte ranges; the String-index helpers slice
    /// the same words out of `text` and `snippet.text`.
    func testHighlightsAsStringRanges() throws {
        let hit = try XCTUnwrap(try Self.index.search("cafe naive uber").hits.first)
        XCTAssertEqual(hit.text, Self.text)
        XCTAssertEqual(hit.highlightRanges.map { String(hit.text[$0]) }, ["café", "naïve", "über"])
        XCTAssertEqual(hit.highlightRanges.count, hit.highlights.count)
        XCTAssertEqual(hit.snippet.highlightRanges.map { String(hit.snippet.text[$0]) }, ["café", "naïve", "über"])
        // A range outside the text, or not on a scalar boundary, is left out rather than trapping.
        let odd = Snippet(text: "é a", highlights: [0..<2, 1..<2, 3..<4, 4..<9])
        XCTAssertEqual(odd.highlightRanges.map { String(odd.text[$0]) }, ["é", "a"])
    }

    func testTranscriptIsANamedValue() throws {
        let t = try XCTUnwrap(Self.index.transcript(of: "KELLY-01"))
        XCTAssertEqual(t.id, "kelly-01")
        XCTAssertEqual(t.title, "Kelly: First Term")
        XCTAssertEqual(t.media, "https://example.org/k1.mp4")
        XCTAssertEqual(t.cues.map(\.speaker), ["Siobhán Kelly", "Ravi Old"])
        XCTAssertEqual(t.cues.last?.text, "The bus was late again, so the café opened early.")
        XCTAssertNil(Self.index.transcript(of: "nobody"))
    }
}
