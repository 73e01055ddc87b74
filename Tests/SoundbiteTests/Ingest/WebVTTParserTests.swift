import XCTest
@testable import Soundbite

final class WebVTTParserTests: XCTestCase {
    private func parse(_ text: String) -> ParsedTranscript {
        WebVTTParser(file: "t.vtt").parse(text)
    }

    func testBasicCuesWithVoiceSpansIdentifiersAndSettings() {
        let vtt = """
        WEBVTT - interview with the head

        intro
        00:01.000 --> 00:04.500 align:start position:10%
        <v Ruth Okafor>Welcome to <i>Hillside</i>.</v>

        2
        00:00:04.500 --> 00:00:09.000
        <v.loud Amit Varma>We <b>gave</b> every child
        a <u>laptop</u>.

        101:00:00.000 --> 101:00:01.250
        <c.yellow>Late</c> words
        """
        let result = parse(vtt)
        XCTAssertEqual(result.diagnostics, [], diagnosticsText(result.diagnostics))
        XCTAssertEqual(result.cues.map(cueLine), [
            "1.0-4.5 [Ruth Okafor|-] Welcome to Hillside. @4",
            "4.5-9.0 [Amit Varma|-] We gave every child a laptop. @8",
            "363600.0-363601.25 [-|-] Late words @12",
        ])
    }

    func testHeaderVariantsBOMAndLineEnds() {
        for header in ["WEBVTT", "WEBVTT\tKind: captions", "\u{FEFF}WEBVTT"] {
            for eol in ["\n", "\r\n", "\r"] {
                let text = [header, "Kind: captions", "", "00:01.000 --> 00:02.000", "<v Sam>Hi there", ""].joined(separator: eol)
                let result = parse(text)
                XCTAssertEqual(result.diagnostics, [], "\(header.debugDescription) \(eol.debugDescription): \(diagnosticsText(result.diagnostics))")
                XCTAssertEqual(result.cues.map(cueLine), ["1.0-2.0 [Sam|-] Hi there @4"])
            }
        }
    }

    func testNoteStyleRegionBlocksIgnored() {
        let vtt = """
        WEBVTT

        STYLE
        ::cue { color: red }

        REGION
        id:fred width:40%

        NOTE this is a comment
        that spans lines

        NOTE
        00:00:00.000 is not a timing line here

        00:01.000 --> 00:02.000
        Kept
        """
        let result = parse(vtt)
        XCTAssertEqual(result.diagnostics, [], diagnosticsText(result.diagnostics))
        XCTAssertEqual(result.cues.map(cueLine), ["1.0-2.0 [-|-] Kept @15"])
    }

    func testTagsAndEntities() {
        let vtt = """
        WEBVTT

        00:01.000 --> 00:02.000
        <lang en>Caf&#233; &amp; caf&#xE9;</lang> &lt;3 &gt; &nbsp;x&lrm;y&rlm; &quot;q&quot; &unknown; <ruby>漢<rt>kan</rt></ruby>字
        &eacute;t&eacute; &copy 2004 &notit; &CounterClockwiseContourIntegral; &#150; &#0; &#x110000; &#99999999999999; &ampx &

        00:02.000 --> 00:05.000
        <v Ruth>Never <00:02.500>drink <00:03.000>liquid nitrogen.
        """
        let result = parse(vtt)
        XCTAssertEqual(result.diagnostics, [], diagnosticsText(result.diagnostics))
        XCTAssertEqual(result.cues.map(\.text), [
            "Café & café <3 > xy \"q\" &unknown; 漢 kan 字 été © 2004 ¬it; \u{2233} \u{2013} \u{FFFD} \u{FFFD} \u{FFFD} &x &",
            // Inner timestamps cut the cue: each part starts where it is said.
            "Never", "drink", "liquid nitrogen.",
        ])
        XCTAssertEqual(result.cues.map(\.start), [1, 2, 2.5, 3])
        XCTAssertEqual(result.cues.map(\.end), [2, 2.5, 3, 5])
        XCTAssertEqual(result.cues.map { $0.label?.speaker }, [nil, "Ruth", nil, nil])
    }

    func testInlineRoleInVoiceSpanAndTextLabels() {
        let vtt = """
        WEBVTT

        00:01.000 --> 00:02.000
        <v Ruth Okafor (Head Teacher)>We started in 2004.

        00:02.000 --> 00:03.000
        [Amit Varma]: Bracketed label.

        00:03.000 --> 00:04.000
        No label here.

        00:04.000 --> 00:05.000
        >> RUTH OKAFOR: Shouted label.

        00:05.000 --> 00:06.000
        The answer was simple: yes.
        """
        let result = parse(vtt)
        XCTAssertEqual(result.cues.map(cueLine), [
            "1.0-2.0 [Ruth Okafor|head teacher] We started in 2004. @3",
            "2.0-3.0 [Amit Varma|-] Bracketed label. @6",
            "3.0-4.0 [-|-] No label here. @9",
            "4.0-5.0 [Ruth Okafor|-] Shouted label. @12",
            "5.0-6.0 [-|-] The answer was simple: yes. @15",
        ])
    }

    func testCommaMillisecondsReadWithOneFoldedWarning() {
        let vtt = """
        WEBVTT

        00:01,500 --> 00:02,000
        One

        00:03,000 --> 00:04.000
        Two
        """
        let result = parse(vtt)
        XCTAssertEqual(result.cues.map(cueLine), ["1.5-2.0 [-|-] One @3", "3.0-4.0 [-|-] Two @6"])
        let d = expectOne(result.diagnostics, containing: "read as 00:01.500", file: "t.vtt", line: 3)
        XCTAssertTrue(d?.message.contains("3 times") ?? false, d?.message ?? "")
    }

    func testMissingBlankLineBeforeTiming() {
        let vtt = """
        WEBVTT
        00:01.000 --> 00:02.000
        First
        2
        00:02.000 --> 00:03.000
        Second
        00:03.000 --> 00:04.000
        Third
        """
        let result = parse(vtt)
        XCTAssertEqual(result.cues.map(cueLine), ["1.0-2.0 [-|-] First @2", "2.0-3.0 [-|-] Second @5", "3.0-4.0 [-|-] Third @7"])
        expectOne(result.diagnostics, containing: "between the header", line: 2)
        XCTAssertEqual(result.diagnostics.filter { $0.message.contains("no blank line before") }.map(\.line), [5, 7])
    }

    func testMissingHeaderWarnsAndReads() {
        let result = parse("00:01.000 --> 00:02.000\n<v Sam>Hello\n")
        expectOne(result.diagnostics, containing: "missing WEBVTT header", file: "t.vtt", line: 1)
        XCTAssertEqual(result.cues.map(cueLine), ["1.0-2.0 [Sam|-] Hello @1"])
    }

    func testBadTimingsSkippedOrKept() {
        let vtt = """
        WEBVTT

        00:05.000 --> 00:06.000
        Five

        00:xx.000 --> 00:07.000
        Unreadable

        00:09.000 --> 00:08.000
        Backwards

        00:02.000 --> 00:03.000
        Earlier

        888888888888005:00:01.500 --> 888888888888005:00:02.500
        Huge hours

        00:61.000 --> 00:62.000
        Bad seconds

        00:10.000 --> 00:11.000
        Last
        """
        let result = parse(vtt)
        // No cue is lost: each repair is named in a warning.
        XCTAssertEqual(result.cues.map(cueLine), [
            "5.0-6.0 [-|-] Five @3",
            "6.0-7.0 [-|-] Unreadable @6",          // start unreadable: the previous cue's end
            "9.0-9.0 [-|-] Backwards @9",           // ends before it starts: ends at its start
            "2.0-3.0 [-|-] Earlier @12",
            "3.0-3.0 [-|-] Huge hours @15",         // 15-digit hours: unreadable, at the previous end
            "61.0-62.0 [-|-] Bad seconds @18",      // 61 seconds carried into a minute
            "10.0-11.0 [-|-] Last @21",
        ])
        expectOne(result.diagnostics, containing: "cannot read the start time \u{201C}00:xx.000\u{201D}; kept the cue, starting at 00:06.000", line: 6)
        expectOne(result.diagnostics, containing: "cue ends at 00:08.000, before it starts at 00:09.000; kept the cue, ending at its start", line: 9)
        expectOne(result.diagnostics, containing: "starts at 00:02.000, before the previous cue (00:09.000); kept the cue", line: 12)
        expectOne(result.diagnostics, containing: "cannot read the cue timing \u{201C}888", line: 15)
        expectOne(result.diagnostics, containing: "timestamp \u{201C}00:61.000\u{201D} has a field of 60 or more; read it as 01:01.000", line: 18)
        expectOne(result.diagnostics, containing: "timestamp \u{201C}00:62.000\u{201D} has a field of 60 or more; read it as 01:02.000", line: 18)
        expectOne(result.diagnostics, containing: "starts at 00:10.000, before the previous cue (01:01.000); kept the cue", line: 21)
    }

    func testStrayBlockSkippedWithWarning() {
        let vtt = "WEBVTT\n\nsome stray words\nmore\n\n00:01.000 --> 00:02.000\nKept\n"
        let result = parse(vtt)
        expectOne(result.diagnostics, containing: "no cue timing line; skipped", line: 3)
        XCTAssertEqual(result.cues.map(cueLine), ["1.0-2.0 [-|-] Kept @6"])
    }

    func testChapterTrack() {
        let vtt = """
        WEBVTT

        2
        00:10.000 --> 00:20.000
        Use of ICT

        1
        00:00.000 --> 00:10.000
        <b>Intro:</b> Welcome
        """
        let result = WebVTTParser(file: "a.chapters.vtt").parseChapters(SourceText.decode(string: vtt, file: "a.chapters.vtt", limits: .standard).text!)
        XCTAssertEqual(result.chapters, [Chapter(title: "Intro: Welcome", start: 0, end: 10), Chapter(title: "Use of ICT", start: 10, end: 20)])
        XCTAssertEqual(result.diagnostics.map(\.message).filter { $0.contains("before the previous cue") }.count, 1)
    }

    func testTimestampParser() {
        XCTAssertEqual(Timestamp.parse("00:01.500"), .init(seconds: 1.5, irregular: false))
        XCTAssertEqual(Timestamp.parse("01:02:03.004"), .init(seconds: 3723.004, irregular: false))
        XCTAssertEqual(Timestamp.parse("123:00:00.000")?.seconds, 442_800)
        XCTAssertEqual(Timestamp.parse("00:01,500"), .init(seconds: 1.5, irregular: true))
        XCTAssertEqual(Timestamp.parse("00:01,500", strictSeparator: UInt8(ascii: ",")), .init(seconds: 1.5, irregular: false))
        XCTAssertEqual(Timestamp.parse("1:02"), .init(seconds: 62, irregular: true))
        XCTAssertNil(Timestamp.parse("1234567890:00:00.000"))
        XCTAssertNil(Timestamp.parse("00:60.000"))
        XCTAssertNil(Timestamp.parse("01:60:00.000"))
        XCTAssertNil(Timestamp.parse("00:01."))
        XCTAssertNil(Timestamp.parse(""))
        XCTAssertNil(Timestamp.parse("1:2:3:4.000"))
        XCTAssertEqual(Timestamp.format(3723.004), "01:02:03.004")
        XCTAssertEqual(Timestamp.format(1.5), "00:01.500")
        XCTAssertEqual(Timestamp.format(1.5, alwaysHours: true), "00:00:01.500")
    }
}
