import Foundation
import XCTest
@testable import Soundbite

/// OHMS XML on samples written in its published layout (`Fixtures/Transcripts/ohms-*.xml`).
final class OHMSParserTests: XCTestCase {
    private func parse(_ name: String) throws -> ParsedTranscript {
        OHMSParser(file: name).parse(try JSONTranscriptTests.fixture(name))
    }

    private func summary(_ cue: RawCue) -> String {
        let s = JSONTranscriptTests.summary(cue)
        guard let role = cue.label?.role else { return s }
        return s.replacingOccurrences(of: "[\(cue.label!.speaker)]", with: "[\(cue.label!.speaker)|\(role)]")
    }

    func testLegacyTranscriptTimedBySyncPointsWithIndexChapters() throws {
        let result = try parse("ohms-legacy.xml")
        XCTAssertEqual(result.diagnostics, [], diagnosticsText(result.diagnostics))
        XCTAssertEqual(result.cues.map(summary), [
            "0.0-0.0 [Okonkwo] Where did your family fish when you were a boy? @27",
            "0.0-60.0 [Brandvold] Out past the breakwater, @29",
            "60.0-120.0 [-] mostly. My father had a gill-net tug called the Marit, and we would leave before the sun & come back after it. He knew every reef on that side of the lake. @29",
            "120.0-120.0 [Okonkwo] What happened to the tug? @31",
            "0.0-0.0 [OHMS index|index] Childhood on the water. Brandvold describes fishing with his father beyond the breakwater. gill nets, tugboats, Marit (boat). Commercial fishing, Families @36",
            "120.0-120.0 [OHMS index|index] The end of the tug. The family sells the boat. sales @46",
        ])
        XCTAssertEqual(result.chapters, [
            Chapter(title: "Childhood on the water", start: 0, end: 120),
            Chapter(title: "The end of the tug", start: 120, end: .infinity),
        ])
        let spoken = result.cues.filter { $0.label?.role != OHMSParser.indexRole }
        XCTAssertEqual(spoken.reduce(0) { $0 + $1.text.split(separator: " ").count }, 10 + 36 + 5)  // every word of the three turns, once
    }

    func testVTTTranscriptIsReadAsWebVTTWithFileLines() throws {
        let result = try parse("ohms-vtt.xml")
        XCTAssertEqual(result.diagnostics, [], diagnosticsText(result.diagnostics))
        XCTAssertEqual(result.cues.map(summary), [
            "0.5-3.0 [Simon Hale] When did you come to the valley? @19",
            "3.2-8.75 [Lucia Ferrante] In the winter of 1961. The snow was up to the windows. @22",
            "3.0-3.0 [OHMS index|index] Arriving in the valley. Ferrante recalls the first winter. snow, orchards @10",
        ])
        XCTAssertEqual(result.chapters, [Chapter(title: "Arriving in the valley", start: 3, end: .infinity)])
    }

    func testSyncEntriesSplitALineAtTheirWord() {
        var diagnostics: [Diagnostic] = []
        let points = OHMSParser(file: "s.xml").syncPoints(" 2:|1(3)|x|4(1) ", line: 9, diagnostics: &diagnostics)
        XCTAssertEqual(points, [OHMSParser.SyncPoint(line: 1, word: 3, seconds: 120), OHMSParser.SyncPoint(line: 4, word: 1, seconds: 360)])
        expectOne(diagnostics, containing: "1 sync entry is not", line: 9)
        let xml = "<ROOT><record><sync>1:|1(3)</sync><transcript>one two three four</transcript></record></ROOT>"
        let result = OHMSParser(file: "s.xml").parse(Array(xml.utf8))
        XCTAssertEqual(result.cues.map(summary), ["0.0-60.0 [-] one two @1", "60.0-60.0 [-] three four @1"])
    }

    func testBrokenXMLKeepsWhatCameBeforeTheBreak() {
        let xml = "<ROOT><record><transcript>SMITH: the first line\nJONES: the second</transcript>\n<index><point><time>5</time><title>Start"
        let result = OHMSParser(file: "b.xml").parse(Array(xml.utf8))
        XCTAssertEqual(result.cues.map(summary), [
            "0.0-0.0 [Smith] the first line @1", "0.0-0.0 [Jones] the second @2", "5.0-5.0 [OHMS index|index] Start @3",
        ])
        expectOne(result.diagnostics, containing: "the XML breaks here", line: 3)
    }

    func testNotOHMSAndNotXMLAreErrors() {
        let other = OHMSParser(file: "o.xml").parse(Array("<html><body>hello</body></html>".utf8))
        expectOne(other.diagnostics, containing: "not an OHMS file", severity: .error)
        let garbage = OHMSParser(file: "g.xml").parse(Array("<<<>>>".utf8))
        expectOne(garbage.diagnostics, containing: "not well-formed XML", severity: .error)
    }

    func testBadPointTimesAndMissingTitlesAreKept() {
        let xml = """
        <ROOT><record><transcript>A: words</transcript><index>
        <point><time>30</time><title>First</title></point>
        <point><time>soon</time><synopsis>No time here</synopsis></point>
        </index></record></ROOT>
        """
        let result = OHMSParser(file: "p.xml").parse(Array(xml.utf8))
        XCTAssertEqual(result.chapters.map(\.title), ["First", "Index point at 00:30.000"])
        expectOne(result.diagnostics, containing: "index point time \u{201C}soon\u{201D}", line: 3)
        XCTAssertEqual(result.cues.last.map(summary), "30.0-30.0 [OHMS index|index] Index point at 00:30.000. No time here @3")
    }

    func testTruncationsAndDeepNestingNeverCrash() throws {
        let bytes = try JSONTranscriptTests.fixture("ohms-legacy.xml")
        for cut in stride(from: 0, to: bytes.count, by: 37) {
            let result = OHMSParser(file: "t.xml").parse(Array(bytes[..<cut]))
            XCTAssertFalse(result.diagnostics.isEmpty, "cut at \(cut)")
        }
        let deep = "<ROOT><record>" + String(repeating: "<x>", count: 5000)
        expectOne(OHMSParser(file: "d.xml").parse(Array(deep.utf8)).diagnostics, containing: "nested deeper")
    }
}
