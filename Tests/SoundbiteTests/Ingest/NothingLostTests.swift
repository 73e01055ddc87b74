import XCTest
@testable import Soundbite
import SoundbiteTestSupport

/// No spoken word is lost: damaged timings, W3C white space, NUL bytes,
/// character references and ruby text, in WebVTT and SRT.
final class NothingLostTests: XCTestCase {
    private func vtt(_ text: String) -> ParsedTranscript { WebVTTParser(file: "t.vtt").parse(text) }

    func testOverflowingNegativeAndBackwardsTimingsKeepTheirText() {
        let result = vtt("""
        WEBVTT

        00:00:60.000 --> 00:00:61.500
        sixty seconds

        -00:01:05.000 --> 00:01:07.000
        negative start

        00:01:09.000 --> 00:01:08.000
        ends before it starts

        00:01:10.000 --> -00:01:11.000
        negative end

        00:60:00.000 --> 01:00:01.000
        sixty minutes
        """)
        XCTAssertEqual(result.cues.map(cueLine), [
            "60.0-61.5 [-|-] sixty seconds @3",
            "61.5-67.0 [-|-] negative start @6",
            "69.0-69.0 [-|-] ends before it starts @9",
            "70.0-70.0 [-|-] negative end @12",
            "3600.0-3601.0 [-|-] sixty minutes @15",
        ])
        expectOne(result.diagnostics, containing: "\u{201C}00:00:60.000\u{201D} has a field of 60 or more; read it as 01:00.000", line: 3)
        expectOne(result.diagnostics, containing: "cannot read the start time \u{201C}-00:01:05.000\u{201D}; kept the cue, starting at 01:01.500", line: 6)
        expectOne(result.diagnostics, containing: "cue ends at 01:08.000, before it starts at 01:09.000; kept the cue, ending at its start", line: 9)
        expectOne(result.diagnostics, containing: "cannot read the end time \u{201C}\u{201D}; kept the cue, ending at its start", line: 12)
        expectOne(result.diagnostics, containing: "\u{201C}00:60:00.000\u{201D} has a field of 60 or more", line: 15)
    }

    func testUnreadableTimingKeepsTheTextAtThePreviousCuesEnd() {
        for (name, text) in [
            ("t.vtt", "WEBVTT\n\n00:05.000 --> 00:06.500\nfirst\n\nhello --> there\nsecond words\n\n00:07.000 --> 00:08.000\nthird\n"),
            ("t.srt", "1\n00:00:05,000 --> 00:00:06,500\nfirst\n\n2\nhello --> there\nsecond words\n\n3\n00:00:07,000 --> 00:00:08,000\nthird\n"),
        ] {
            let parsed: ParsedTranscript = name.hasSuffix("vtt") ? vtt(text) : SRTParser(file: name).parse(text)
            XCTAssertEqual(parsed.cues.map { "\($0.start)-\($0.end) \($0.text)" }, ["5.0-6.5 first", "6.5-6.5 second words", "7.0-8.0 third"], name)
            expectOne(parsed.diagnostics, containing: "cannot read the cue timing \u{201C}hello --> there\u{201D}; kept its text at", line: name.hasSuffix("vtt") ? 6 : 6)
        }
    }

    func testSRTTextBeforeTheFirstCueIsKept() {
        let parsed = SRTParser(file: "t.srt").parse("words with no timing\n\n1\n00:00:01,000 --> 00:00:02,000\nthen a cue\n")
        XCTAssertEqual(parsed.cues.map(\.text), ["words with no timing", "then a cue"])
        expectOne(parsed.diagnostics, containing: "text before the first cue; kept it at 00:00:00.000", line: 1)
    }

    func testWebVTTWhiteSpaceRules() {
        let ff = "\u{0C}", vt = "\u{0B}"
        let text = ["WEBVTT", "", "\(ff)\(ff)00:00:01.000\(ff)-->\(ff)00:00:02.000\(ff)", "form feeds",
                    "", "\t00:00:02.000\t-->\t00:00:03.000\talign:start", "tabs",
                    // A line of spaces is not an empty line: it belongs to the cue.
                    "", "00:00:03.000 --> 00:00:04.000", "   ", "after a line of spaces",
                    // A vertical tab is not white space: the timing is unreadable; the text stays.
                    "", "\(vt)00:00:05.000 --> 00:00:06.000", "vertical tab",
                    "", "00:00:06.000 --> 00:00:07.000\u{FFFD}align:end", "garbage after the end time"].joined(separator: "\n")
        let result = vtt(text)
        XCTAssertEqual(result.cues.map { "\($0.start)-\($0.end) \($0.text)" }, [
            "1.0-2.0 form feeds", "2.0-3.0 tabs", "3.0-4.0 after a line of spaces", "4.0-6.0 vertical tab",
            "6.0-7.0 garbage after the end time",
        ])
        expectOne(result.diagnostics, containing: "cannot read the start time", line: 13)
        XCTAssertEqual(result.diagnostics.count, 1, diagnosticsText(result.diagnostics))
    }

    func testRubyBaseAndAnnotationAreSeparateWords() {
        XCTAssertEqual(CueMarkup.clean("<ruby>kanji<rt>reading</rt></ruby>text").text, "kanji reading text")
        XCTAssertEqual(CueMarkup.clean("<ruby>漢<rt>kan</rt>字<rt>ji</rt></ruby>").text, "漢 kan 字 ji")
        XCTAssertEqual(CueMarkup.clean("<b>bold</b>ly <i>un</i>broken").text, "boldly unbroken")
    }

    func testEveryNamedCharacterReferenceOfTheHTMLTableIsDecoded() {
        XCTAssertEqual(HTMLCharacterReference.names.count, 2231)
        XCTAssertEqual(HTMLEntityTable.longestName, "CounterClockwiseContourIntegral;".count)
        for (name, expected) in [("eacute;", "é"), ("Eacute;", "É"), ("hearts;", "♥"), ("NotNestedGreaterGreater;", "\u{2AA2}\u{338}"),
                                 ("fjlig;", "fj"), ("amp;", "&"), ("AMP", "&"), ("nbsp;", " "), ("lrm;", "")] {
            XCTAssertEqual(HTMLCharacterReference.names[Array(name.utf8)].map { String(decoding: $0, as: UTF8.self) }, expected, name)
        }
        func decode(_ s: String) -> String { CueMarkup.clean(s).text }
        XCTAssertEqual(decode("caf&eacute; &copy 2004 &notin; &notit; &amp&lt;"), "café © 2004 ∉ ¬it; &<")
        XCTAssertEqual(decode("&#8364;&#x20AC;&#128;&#150 &#55296; &#x110000; &#0; &#1234567890123456789;"), "€€€– \u{FFFD} \u{FFFD} \u{FFFD} \u{FFFD}")
        XCTAssertEqual(decode("&unknown; &; &# &#x; a & b"), "&unknown; &; &# &#x; a & b")
    }

    /// A three-hour Whisper-style transcript with 3 % of its timings damaged
    /// in the ways real files are: every cue and every word is still read.
    func testDamagedThreeHourFileLosesNoCueAndNoWord() {
        var generator = SplitMix64(seed: 42)
        let vocabulary = ["they", "and", "we", "built", "the", "school", "laptops", "home", "parents", "said", "it", "worked"]
        var lines = ["WEBVTT", ""]
        var spokenWords = 0
        var damaged = 0
        var warnedLines: Set<Int> = []
        var t = 0.0
        let cueCount = 2200   // ~3 hours of 5-second cues
        for k in 0..<cueCount {
            let start = Timestamp.format(t, alwaysHours: true), end = Timestamp.format(t + 4.9, alwaysHours: true)
            var timing = "\(start) --> \(end)"
            if generator.next() % 100 < 3 {
                damaged += 1
                if k % 6 != 5 { warnedLines.insert(lines.count + 2) }   // the timing line, after the number
                switch k % 6 {
                case 0: timing = "\(end) --> \(start)"                                  // ends before it starts
                case 1: timing = "\(start) --> \(end.prefix(6))60\(end.dropFirst(8))"          // 60 seconds
                case 2: timing = "-\(start) --> \(end)"                                 // negative
                case 3: timing = "\(start) --> \(end.prefix(4))"                        // cut end
                case 4: timing = "\(start.replacingOccurrences(of: "0", with: "x")) --> \(end)"
                default: timing = "\(start)\u{0C}-->\u{0C}\(end)"
                }
            }
            let count = 3 + Int(generator.next() % 9)
            let words = (0..<count).map { _ in vocabulary[Int(generator.next() % UInt64(vocabulary.count))] }
            spokenWords += count
            lines += ["\(k + 1)", timing, words.joined(separator: " "), ""]
            t += 5
        }
        XCTAssertGreaterThan(damaged, 40)
        let c = CollectionReader().read(name: "x", transcripts: [("long.vtt", lines.joined(separator: "\n"))], manifest: nil)
        let cues = c.interviews.first?.cues ?? []
        XCTAssertEqual(cues.count, cueCount)
        XCTAssertEqual(cues.reduce(0) { $0 + $1.text.split(separator: " ").count }, spokenWords)
        XCTAssertTrue(cues.allSatisfy { $0.end >= $0.start })
        // A warning on every damaged timing line but the form feeds (white space), and nowhere else.
        XCTAssertEqual(Set(c.diagnostics.map(\.line)), warnedLines, diagnosticsText(c.diagnostics))
        XCTAssertTrue(c.diagnostics.allSatisfy { $0.severity == .warning && $0.line > 0 }, diagnosticsText(c.diagnostics))
    }

    func testDiagnosticLinesCannotBeForgedByControlCharacters() {
        let d = Diagnostic(.warning, file: "evil\n/etc/passwd:1: error: fake\u{1B}[2K\r.vtt", line: 3,
                           "cannot read \u{201C}\u{8}\u{7F}\u{85}\u{2028}\u{202E}x\u{201D}")
        XCTAssertEqual(d.description,
                       "evil\\x0A/etc/passwd:1: error: fake\\x1B[2K\\x0D.vtt:3: warning: cannot read \u{201C}\\x08\\x7F\\u{85}\\u{2028}\\u{202E}x\u{201D}")
        XCTAssertFalse(d.description.unicodeScalars.contains { $0.value < 0x20 })
        XCTAssertEqual(Diagnostic(.error, file: "plain é.vtt", line: 0, "fine").description, "plain é.vtt: error: fine")
    }
}
