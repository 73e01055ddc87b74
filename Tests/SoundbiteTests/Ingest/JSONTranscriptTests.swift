import Foundation
import XCTest
@testable import Soundbite

/// Whisper, WhisperX and Amazon Transcribe JSON, on samples written in each
/// tool's published layout (`Fixtures/Transcripts/`).
final class JSONTranscriptTests: XCTestCase {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/Transcripts")

    static func fixture(_ name: String) throws -> [UInt8] {
        try [UInt8](Data(contentsOf: fixtures.appendingPathComponent(name)))
    }

    /// `start-end [speaker] text @line`, times rounded to the millisecond.
    static func summary(_ cue: RawCue) -> String {
        func t(_ s: Double) -> String { String((s * 1000).rounded() / 1000) }
        return "\(t(cue.start))-\(t(cue.end)) [\(cue.label?.speaker ?? "-")] \(cue.text) @\(cue.line)"
    }

    private func parse(_ name: String) throws -> (layout: TranscriptFormat?, transcript: ParsedTranscript) {
        Self.read(try Self.fixture(name), path: name)
    }

    /// Detects the format of `bytes` and reads them as the collection reader does.
    static func read(_ bytes: [UInt8], path: String) -> (layout: TranscriptFormat?, transcript: ParsedTranscript) {
        guard case .transcript(let format) = FormatDetector.detect(bytes, path: path) else {
            return (nil, ParsedTranscript())
        }
        let reading = TranscriptReaders.read(format, bytes: bytes, file: path, limits: .standard)
        var transcript = reading.transcript ?? ParsedTranscript()
        transcript.diagnostics = reading.diagnostics
        return (format, transcript)
    }

    private func words(_ cues: [RawCue]) -> Int {
        cues.reduce(0) { $0 + $1.text.split(whereSeparator: \.isWhitespace).count }
    }

    func testWhisperCuesStartAtTheirFirstWord() throws {
        let (layout, result) = try parse("whisper-words.json")
        XCTAssertEqual(layout, .whisperJSON)
        XCTAssertEqual(result.diagnostics, [], diagnosticsText(result.diagnostics))
        XCTAssertEqual(result.cues.map(Self.summary), [
            "0.24-3.1 [-] The orchard flooded in the spring of that year. @1",
            "4.02-6.7 [-] We moved the hives uphill, all forty of them. @1",
        ])
        XCTAssertEqual(words(result.cues), 18)
    }

    func testWhisperWithoutWordsReadsSegments() throws {
        let (layout, result) = try parse("whisper-segments.json")
        XCTAssertEqual(layout, .whisperJSON)
        XCTAssertEqual(result.diagnostics, [])
        XCTAssertEqual(result.cues.map(Self.summary), [
            "0.0-2.8 [-] Grandmother kept the ledger in a biscuit tin. @1",
            "2.8-4.5 [-] Nobody was allowed to touch it. @1",
        ])
    }

    func testWhisperXSplitsAtSpeakerChangesAndInterpolatesUnalignedWords() throws {
        let (layout, result) = try parse("whisperx.json")
        XCTAssertEqual(layout, .whisperXJSON)
        XCTAssertEqual(result.cues.map(Self.summary), [
            "0.512-4.101 [SPEAKER_00] Tell me about the ferry in 1987. @1",
            "4.36-5.6 [SPEAKER_01] It ran twice a day. @1",
            "6.4-8.6 [SPEAKER_00] Then the bridge opened and it just stopped. @1",
        ])
        XCTAssertEqual(words(result.cues), 20, "word_segments must not be read again")
        let warning = expectOne(result.diagnostics, containing: "2 words (\u{201C}in\u{201D}, \u{201C}1987.\u{201D}) have no usable time")
        XCTAssertEqual(warning?.message.contains("between 00:01.660 and 00:04.101"), true, warning?.message ?? "")
    }

    func testAmazonSpeakerLabelsSentencesAndPunctuation() throws {
        let (layout, result) = try parse("amazon-speaker-labels.json")
        XCTAssertEqual(layout, .amazonTranscribe)
        XCTAssertEqual(result.diagnostics, [], diagnosticsText(result.diagnostics))
        XCTAssertEqual(result.cues.map(Self.summary), [
            "0.44-2.4 [spk_0] We kept bees, mostly for wax. @103",
            "3.05-3.71 [spk_1] Not honey? @195",
            "4.02-5.66 [spk_0] No, candles for the chapel. @229",
        ])
        XCTAssertEqual(words(result.cues), 13)
    }

    func testAmazonAudioSegmentsAndItemSpeakers() throws {
        let (layout, result) = try parse("amazon-audio-segments.json")
        XCTAssertEqual(layout, .amazonTranscribe)
        XCTAssertEqual(result.diagnostics, [], diagnosticsText(result.diagnostics))
        XCTAssertEqual(result.cues.map { Self.summary($0).replacingOccurrences(of: #" @\d+"#, with: "", options: .regularExpression) }, [
            "0.44-2.4 [spk_0] We kept bees, mostly for wax.",
            "3.05-3.71 [spk_1] Not honey?",
            "4.02-5.66 [spk_0] No, candles for the chapel.",
        ])
    }

    func testAmazonAudioSegmentsBreakCuesEvenMidSentence() throws {
        let json = """
        {"results": {"transcripts": [{"transcript": "one two three"}],
          "items": [
            {"id": 0, "type": "pronunciation", "start_time": "1.0", "end_time": "1.2", "alternatives": [{"content": "one"}]},
            {"id": 1, "type": "pronunciation", "start_time": "1.3", "end_time": "1.5", "alternatives": [{"content": "two"}]},
            {"id": 2, "type": "pronunciation", "start_time": "2.0", "end_time": "2.4", "alternatives": [{"content": "three"}]}],
          "audio_segments": [{"id": 0, "items": [0, 1]}, {"id": 1, "items": [2]}]}}
        """
        let result = AmazonTranscribeParser(file: "a.json").parse(Array(json.utf8))
        XCTAssertEqual(result.cues.map(Self.summary), ["1.0-1.5 [-] one two @3", "2.0-2.4 [-] three @5"])
    }

    func testBadTimesAreRepairedNotDropped() throws {
        let json = """
        {"segments": [
          {"start": 5.0, "end": 2.0, "text": " ends before it starts"},
          {"start": -1, "end": 7.0, "text": " negative start"},
          {"start": "soon", "end": 9.0, "text": " a string time"},
          {"start": 9.5, "end": 12.0, "text": " words", "words": [
            {"word": " one", "start": 9.5, "end": 9.7}, {"word": " two", "start": 1e999}, {"word": " three", "start": 11.0, "end": 10.0}]},
          "not a segment",
          {"start": 13.0, "end": 14.0}
        ]}
        """
        let result = WhisperJSONParser(file: "w.json").parse(Array(json.utf8))
        XCTAssertEqual(result.cues.map(Self.summary), [
            "5.0-5.0 [-] ends before it starts @2",
            "5.0-7.0 [-] negative start @3",
            "7.0-9.0 [-] a string time @4",
            "9.5-11.0 [-] one two three @6",
        ])
        expectOne(result.diagnostics, containing: "segment ends at 00:02.000, before it starts at 00:05.000", line: 2)
        expectOne(result.diagnostics, containing: "start -1 is negative", line: 3)
        expectOne(result.diagnostics, containing: "placed it at 00:05.000", line: 3)
        expectOne(result.diagnostics, containing: "start \u{201C}soon\u{201D} is not a number", line: 4)
        expectOne(result.diagnostics, containing: "word \u{201C}two\u{201D} has no usable time", line: 6)
        expectOne(result.diagnostics, containing: "segment 5 is a string", line: 5)  // the line of the segment before it
    }

    func testNotATranscriptAndNotJSONAreErrors() {
        XCTAssertEqual(FormatDetector.detect(Array(#"{"name": "x"}"#.utf8), path: "c.json"),
                       .notTranscript("JSON, but not a Whisper, WhisperX or Amazon Transcribe transcript (no \u{201C}segments\u{201D} or \u{201C}results\u{201D})"))
        let broken = Self.read(Array("{\"segments\": [\n{\"start\": 1,".utf8), path: "b.json")
        XCTAssertEqual(broken.layout, .whisperJSON)
        XCTAssertEqual(broken.transcript.diagnostics.first?.severity, .error)
        XCTAssertEqual(broken.transcript.diagnostics.first?.line, 2)
        XCTAssertTrue(broken.transcript.diagnostics.first?.message.contains("not valid JSON") ?? false)
    }

    func testInvalidUTF8IsReplacedWithOneWarning() {
        var bytes = Array("{\"segments\": [\n{\"start\": 1, \"end\": 2, \"text\": \" caf".utf8)
        bytes += [0xE9, 0xFF]
        bytes += Array(" au lait\"}]}".utf8)
        let result = Self.read(bytes, path: "u.json")
        XCTAssertEqual(result.transcript.cues.map(\.text), ["caf\u{FFFD}\u{FFFD} au lait"])
        expectOne(result.transcript.diagnostics, containing: "invalid UTF-8", line: 2)
        let xml = Self.read(Array("<ROOT xmlns=\"https://www.weareavp.com/nunncenter/ohms\"><record><transcript>A: ok \u{FFFD} fine</transcript></record></ROOT>".utf8), path: "x.xml")
        XCTAssertEqual(xml.layout, .ohms)
        XCTAssertFalse(xml.transcript.diagnostics.contains { $0.message.contains("UTF-8") }, "a real U+FFFD is valid UTF-8")
    }

    func testMissingSegmentsOrItemsKeepTheText() {
        let whisper = WhisperJSONParser(file: "w.json").parse(Array(#"{"text": " Only the whole text."}"#.utf8))
        XCTAssertEqual(whisper.cues.map(Self.summary), ["0.0-0.0 [-] Only the whole text. @1"])
        expectOne(whisper.diagnostics, containing: "no \u{201C}segments\u{201D} array")
        let amazon = AmazonTranscribeParser(file: "a.json").parse(Array(#"{"results": {"transcripts": [{"transcript": "Just this."}]}}"#.utf8))
        XCTAssertEqual(amazon.cues.map(Self.summary), ["0.0-0.0 [-] Just this. @1"])
        expectOne(amazon.diagnostics, containing: "no \u{201C}items\u{201D}")
    }

    func testLongSentencesWithoutPunctuationBreakAtTheWordLimit() {
        let count = AmazonTranscribeParser.maxWordsPerCue * 2 + 5
        var items = (0..<count).map { k in
            #"{"id": \#(k), "type": "pronunciation", "start_time": "\#(k).0", "end_time": "\#(k).5", "alternatives": [{"content": "w\#(k)"}]}"#
        }
        // A comma right after the limit's last word stays with that word.
        items.insert(#"{"type": "punctuation", "alternatives": [{"content": ","}]}"#, at: AmazonTranscribeParser.maxWordsPerCue)
        let result = AmazonTranscribeParser(file: "a.json").parse(Array(#"{"results": {"items": [\#(items.joined(separator: ",\n"))]}}"#.utf8))
        XCTAssertEqual(result.cues.count, 3)
        XCTAssertEqual(words(result.cues), count)
        XCTAssertEqual(result.cues.map(\.start), [0, 60, 120])
        XCTAssertTrue(result.cues[0].text.hasSuffix(" w59,"), result.cues[0].text)
        XCTAssertTrue(result.cues[1].text.hasPrefix("w60 "), result.cues[1].text)
    }

    func testJSONBrokenPartWayKeepsWhatCameBefore() throws {
        let bytes = try Self.fixture("whisper-words.json")
        // Cut inside the word "hives" of the second segment (the first "hives" is in the top-level text).
        let text = String(decoding: bytes, as: UTF8.self)
        let second = try XCTUnwrap(text.range(of: "\" hives", options: .backwards)).lowerBound.utf16Offset(in: text)
        let cut = Self.read(Array(bytes[..<(second + 3)]), path: "cut.json")
        XCTAssertEqual(cut.transcript.cues.map(\.text), ["The orchard flooded in the spring of that year.", "We moved the"])
        expectOne(cut.transcript.diagnostics, containing: "the JSON breaks here", line: 1)
        let amazon = try Self.fixture("amazon-speaker-labels.json")
        let halfway = Self.read(Array(amazon[..<(amazon.count * 4 / 5)]) + Array("#garbage".utf8), path: "a.json")
        XCTAssertEqual(halfway.transcript.cues.map(\.text), ["We kept bees, mostly for wax.", "Not honey?", "No"])
        let trailing = Self.read(Array(#"{"segments": [{"start": 1, "end": 2, "text": " kept"}]} and more"#.utf8), path: "t.json")
        XCTAssertEqual(trailing.transcript.cues.map(\.text), ["kept"])
        expectOne(trailing.transcript.diagnostics, containing: "unexpected text after the JSON value")
    }

    func testDeepAndTruncatedInputsEndWithADiagnostic() throws {
        let deep = String(repeating: #"{"segments": ["#, count: 200) + String(repeating: "]}", count: 200)
        let result = Self.read(Array(deep.utf8), path: "d.json")
        XCTAssertTrue(result.transcript.diagnostics.first?.message.contains("nested deeper") ?? false)
        for name in ["whisperx.json", "amazon-speaker-labels.json"] {
            let bytes = try Self.fixture(name)
            for cut in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 97)) {
                let r = Self.read(Array(bytes[..<cut]), path: name)
                XCTAssertTrue(r.layout == nil || !r.transcript.diagnostics.isEmpty, "\(name) cut at \(cut)")
            }
        }
    }
}
