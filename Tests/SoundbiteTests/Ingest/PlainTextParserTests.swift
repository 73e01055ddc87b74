import XCTest
@testable import Soundbite

final class PlainTextParserTests: XCTestCase {
    private func parse(_ text: String) -> ParsedTranscript {
        PlainTextParser(file: "t.txt").parse(text)
    }

    func testTimedLines() {
        let text = """
        [00:00:05] Ruth Okafor: We started in 2004.
        [00:00:09.500] Sam: It was 10:30 when we met.

        [01:12] Ruth Okafor (Head Teacher): one two three four five
        """
        let result = parse(text)
        XCTAssertEqual(result.diagnostics, [], diagnosticsText(result.diagnostics))
        XCTAssertEqual(result.cues.map(cueLine), [
            "5.0-9.5 [Ruth Okafor|-] We started in 2004. @1",
            "9.5-72.0 [Sam|-] It was 10:30 when we met. @2",
            "72.0-74.0 [Ruth Okafor|head teacher] one two three four five @4",
        ])
    }

    func testUntimedLinesStartAtZero() {
        let result = parse("Ruth: Hello.\nStill Ruth here.\n>> SAM: Hi.\n")
        XCTAssertEqual(result.diagnostics, [])
        XCTAssertEqual(result.cues.map(cueLine), [
            "0.0-0.0 [Ruth|-] Hello. @1",
            "0.0-0.0 [-|-] Still Ruth here. @2",
            "0.0-0.0 [Sam|-] Hi. @3",
        ])
    }

    func testMixedTimedAndUntimedLinesAndOutOfOrder() {
        let text = "[00:10] A: one\nB: two\n[00:05] three four five\nno time\n"
        let result = parse(text)
        XCTAssertEqual(result.cues.map(cueLine), [
            "10.0-10.0 [A|-] one @1",
            "10.0-10.0 [B|-] two @2",
            "5.0-5.0 [-|-] three four five @3",
            "5.0-5.8 [-|-] no time @4",
        ])
        expectOne(result.diagnostics, containing: "before the previous line's (00:00:10.000); kept the line", line: 3)
        XCTAssertEqual(result.diagnostics.count, 1, diagnosticsText(result.diagnostics))
    }

    func testUnreadableTimeRemovedWithWarning() {
        let result = parse("[00:10] One\n[12:99:00] Two\n")
        XCTAssertEqual(result.cues.map(cueLine), ["10.0-10.0 [-|-] One @1", "10.0-10.4 [-|-] Two @2"])
        expectOne(result.diagnostics, containing: "cannot read the time \u{201C}[12:99:00]\u{201D}", line: 2)
    }

    func testInCollectionSpeakerCarryOverAndRoles() {
        let text = "[00:00:01] Ruth Okafor (Head Teacher): Hello.\n[00:00:03] And welcome.\n[00:00:04] Ruth Okafor: Again.\n"
        let collection = CollectionReader().read(name: "x", transcripts: [("a.txt", text)], manifest: nil)
        XCTAssertEqual(collection.interviews.first?.cues.map(cueLine), [
            "1.0-3.0 [Ruth Okafor|head teacher|] Hello. @1",
            "3.0-4.0 [Ruth Okafor|head teacher|] And welcome. @2",
            "4.0-4.4 [Ruth Okafor|head teacher|] Again. @3",
        ])
    }
}
