import XCTest
@testable import Soundbite

final class SRTParserTests: XCTestCase {
    private func parse(_ text: String) -> ParsedTranscript {
        SRTParser(file: "t.srt").parse(text)
    }

    func testNumberedCuesTagsAndLabels() {
        let srt = """
        1
        00:00:01,000 --> 00:00:04,250
        <i>Ruth Okafor:</i> Welcome to <font color="#ffff00">Hillside</font>.

        2
        00:00:04,250 --> 00:00:07,000 X1:40 X2:600 Y1:20 Y2:50
        {\\an8}We gave every child
        a <b>laptop</b>.

        3
        01:00:00.500 --> 01:00:02.000
        [Amit Varma]: A dot before the milliseconds is fine.
        """
        let result = parse(srt)
        XCTAssertEqual(result.diagnostics, [], diagnosticsText(result.diagnostics))
        XCTAssertEqual(result.cues.map(cueLine), [
            "1.0-4.25 [Ruth Okafor|-] Welcome to Hillside. @2",
            "4.25-7.0 [-|-] We gave every child a laptop. @6",
            "3600.5-3602.0 [Amit Varma|-] A dot before the milliseconds is fine. @11",
        ])
    }

    func testMissingNumbersAndExtraBlankLines() {
        let srt = "\r\n\r\n00:00:01,000 --> 00:00:02,000\r\nOne\r\n\r\n\r\n\r\n7\r\n00:00:02,000 --> 00:00:03,000\r\nTwo\r\n\r\n00:00:03,000 --> 00:00:04,000\r\nThree\r\n\r\n"
        let result = parse(srt)
        XCTAssertEqual(result.diagnostics, [], diagnosticsText(result.diagnostics))
        XCTAssertEqual(result.cues.map(cueLine), ["1.0-2.0 [-|-] One @3", "2.0-3.0 [-|-] Two @9", "3.0-4.0 [-|-] Three @12"])
    }

    func testBlankLineInsideCueTextJoinsPreviousCue() {
        let srt = "1\n00:00:01,000 --> 00:00:02,000\nFirst part\n\nsecond part\n\n2\n00:00:02,000 --> 00:00:03,000\nNext\n"
        let result = parse(srt)
        XCTAssertEqual(result.cues.map(cueLine), ["1.0-2.0 [-|-] First part second part @2", "2.0-3.0 [-|-] Next @8"])
        expectOne(result.diagnostics, containing: "added it to the previous cue", file: "t.srt", line: 5)
    }

    func testBadTimingsAndMissingBlankLine() {
        let srt = """
        1
        00:00:05,000 --> 00:00:06,000
        Five
        2
        00:00:09,000 --> 00:00:08,000
        Backwards

        3
        00:00:aa,000 --> 00:00:07,000
        Unreadable

        4
        00:00:02,000 --> 00:00:03,000
        Earlier
        """
        let result = parse(srt)
        // Nothing is lost: the backwards cue ends at its start, the one with
        // an unreadable start starts at its end (before the previous end).
        XCTAssertEqual(result.cues.map(cueLine), ["5.0-6.0 [-|-] Five @2", "9.0-9.0 [-|-] Backwards @5",
                                                   "7.0-7.0 [-|-] Unreadable @9", "2.0-3.0 [-|-] Earlier @13"])
        expectOne(result.diagnostics, containing: "no blank line before", line: 5)
        expectOne(result.diagnostics, containing: "cue ends at 00:00:08.000, before it starts at 00:00:09.000; kept the cue, ending at its start", line: 5)
        expectOne(result.diagnostics, containing: "cannot read the start time \u{201C}00:00:aa,000\u{201D}; kept the cue, starting at 00:00:07.000", line: 9)
        expectOne(result.diagnostics, containing: "before the previous cue (00:00:07.000); kept the cue", line: 13)
    }

    func testSpeakerCarriesOverInCollection() {
        let srt = "1\n00:00:01,000 --> 00:00:02,000\nSAM PATEL: Hello.\n\n2\n00:00:02,000 --> 00:00:03,000\nStill me.\n"
        let collection = CollectionReader().read(name: "x", transcripts: [("a.srt", srt)], manifest: #"{"roles":{"sam patel":"Student"}}"#)
        XCTAssertEqual(collection.interviews.first?.cues.map(cueLine), [
            "1.0-2.0 [Sam Patel|student|] Hello. @2",
            "2.0-3.0 [Sam Patel|student|] Still me. @6",
        ])
    }
}
