import XCTest
@testable import Soundbite

/// The text-layout readers on samples of each tool's layout: speakers, times,
/// and the spoken words exactly (no labels, tags or credit lines; nothing lost).
final class TextLayoutReaderTests: XCTestCase {
    private func read(_ text: String, _ layout: TranscriptFormat, limits: IngestLimits = .standard) -> ParsedTranscript {
        TextLayoutReader(file: "t.txt", limits: limits, layout: layout).parse(text)
    }

    /// The interview a sample becomes (speakers carried over, roles, chapters).
    private func interview(_ text: String, path: String = "t.txt") throws -> Interview {
        let collection = CollectionReader().read(name: "t", transcripts: [(path, text)], manifest: nil)
        XCTAssertEqual(collection.diagnostics, [], diagnosticsText(collection.diagnostics))
        return try XCTUnwrap(collection.interviews.first)
    }

    private func words(_ cues: [RawCue]) -> Int {
        cues.reduce(0) { $0 + $1.text.split(separator: " ").count }
    }

    func testOtter() {
        let result = read(TextLayoutSamples.otter, .otter)
        XCTAssertEqual(result.diagnostics, [], diagnosticsText(result.diagnostics))
        XCTAssertEqual(result.cues.map(cueLine), [
            "0.0-6.0 [Ines Marlow|-] Thanks for coming in. Could you tell me how the orchard started? @1",
            "6.0-3598.0 [Pavel Okonjo|-] It started with my grandmother. She planted twelve pear trees, and we still pick from four of them. @4",
            "3598.0-3603.0 [Ines Marlow|-] Four of the twelve, after seventy years? @8",
            "3603.0-3603.4 [Pavel Okonjo|-] Yes. @11",
        ])
        XCTAssertEqual(words(result.cues), 12 + 18 + 7 + 1)
    }

    func testOtterCreditIsDroppedOnlyAsTheLastLine() {
        let text = "Ann Lee  0:00\nTranscribed by https://otter.ai\n\nBo Chan  0:03\nSo it says.\n\nTranscribed by https://otter.ai\n\n"
        XCTAssertEqual(read(text, .otter).cues.map(\.text), ["Transcribed by https://otter.ai", "So it says."])
        XCTAssertEqual(read("Ann Lee  0:00\nTranscribed by https://otter.ai\n", .otter).cues.map(\.text), ["Transcribed by https://otter.ai"])
    }

    func testOtterWithoutSpeakerNamesAndWithRoles() {
        let text = "0:00\nWelcome back.\n\nDr Ama Osei (Curator)  0:04\nThank you.\n\n0:09\nWe begin.\n"
        let result = read(text, .otter)
        XCTAssertEqual(result.cues.map(cueLine), [
            "0.0-4.0 [-|-] Welcome back. @1",
            "4.0-9.0 [Dr Ama Osei|curator] Thank you. @4",
            "9.0-9.8 [-|-] We begin. @7",
        ])
    }

    func testRevTagsAreNotWords() {
        let result = read(TextLayoutSamples.rev, .rev)
        XCTAssertEqual(result.diagnostics, [], diagnosticsText(result.diagnostics))
        XCTAssertEqual(result.cues.map(cueLine), [
            "0.0-6.0 [Ines Marlow|-] Thanks for coming in. how the orchard started? @1",
            "6.0-3727.0 [Pavel Okonjo|-] It started with my grandmother. She planted twelve pear trees. @4",
            "3727.0-3731.0 [Ines Marlow|-] Four of the twelve? @7",
            "3731.0-3731.4 [Pavel Okonjo|-] Yes. @9",
        ])
        XCTAssertEqual(words(result.cues), 8 + 10 + 4 + 1)
        for cue in result.cues {
            XCTAssertFalse(cue.text.contains("[") || cue.text.contains("inaudible") || cue.text.contains("crosstalk"), cue.text)
        }
    }

    func testNonSpeechTagsKeepUnclosedBrackets() {
        XCTAssertEqual(NonSpeechTag.strip("a [laughs] b [music] c").text, "a b c")
        XCTAssertEqual(NonSpeechTag.strip("a [laughs] b [music] c").removed, 2)
        XCTAssertEqual(NonSpeechTag.strip("[crosstalk]").text, "")
        XCTAssertEqual(NonSpeechTag.strip("keep [this and [that] too").text, "keep [this and too")
        XCTAssertEqual(NonSpeechTag.strip("an open [bracket").text, "an open [bracket")
        XCTAssertEqual(NonSpeechTag.strip("empty [] stays").text, "empty [] stays")
    }

    func testDescriptCarriesTheSpeaker() throws {
        let cues = try interview(TextLayoutSamples.descript).cues
        XCTAssertEqual(cues.map(cueLine), [
            "0.0-6.0 [Ines Marlow||] Thanks for coming in. @1",
            "6.0-11.0 [Pavel Okonjo||] It started with my grandmother. @2",
            "11.0-62.0 [Pavel Okonjo||] She planted twelve pear trees. @3",
            "62.0-63.6 [Ines Marlow||] Four of the twelve? @4",
        ])
    }

    func testPremiereFramesAndSpeakerLines() {
        let result = read(TextLayoutSamples.premiere, .premiere)
        XCTAssertEqual(result.diagnostics, [], diagnosticsText(result.diagnostics))
        // Frame numbers up to 29: 30 frames per second.
        XCTAssertEqual(result.cues.map(\.label?.speaker), ["Ines Marlow", "Pavel Okonjo", "Ines Marlow"])
        XCTAssertEqual(result.cues.map(\.text), ["Thanks for coming in.",
                                                 "It started with my grandmother. She planted twelve pear trees.",
                                                 "Thank you."])
        let times = result.cues.map { [$0.start, $0.end] }
        let expected: [[Double]] = [[0, 5.5], [6.4, 14 + 2.0 / 30], [62, 64 + 29.0 / 30]]
        for (got, want) in zip(times, expected) {
            XCTAssertEqual(got[0], want[0], accuracy: 1e-9)
            XCTAssertEqual(got[1], want[1], accuracy: 1e-9)
        }
    }

    func testPremiereDropFrameHighFrameRateAndNoSpeakerLine() {
        // Frame 54 needs 60 fps; `;` marks drop-frame timecode; a block whose only
        // line is its words has no speaker line.
        let text = "00;00;01;30 - 00;00;02;54\nSpeaker 1\nHello there.\n\n00:00:03:00 - 00:00:02:00\nThanks.\n"
        let result = read(text, .premiere)
        XCTAssertEqual(result.cues.map(cueLine), [
            "1.5-2.9 [Speaker 1|-] Hello there. @1",
            "3.0-3.0 [-|-] Thanks. @5",
        ])
        expectOne(result.diagnostics, containing: "before it starts", line: 5)
    }

    func testWhisperTSV() {
        let result = WhisperTSVReader(file: "t.tsv").parse(TextLayoutSamples.whisperTSV)
        XCTAssertEqual(result.diagnostics, [])
        XCTAssertEqual(result.cues.map(cueLine), [
            "0.0-5.12 [-|-] Thanks for coming in. @2",
            "5.12-9.8 [-|-] It started with my grandmother. @3",
            "9.8-14.05 [-|-] She planted twelve pear trees. @4",
        ])
    }

    func testWhisperTSVBadTimesKeepTheText() {
        let text = "start\tend\ttext\n1000\t2000\tone two\nx\t3000\tthree\n99999999999999999\t1\tfour\njust words\n"
        let result = WhisperTSVReader(file: "t.tsv").parse(text)
        XCTAssertEqual(result.cues.map(cueLine), [
            "1.0-2.0 [-|-] one two @2",
            "1.0-1.0 [-|-] three @3",
            "1.0-1.0 [-|-] four @4",
            "1.0-1.8 [-|-] just words @5",
        ])
        XCTAssertEqual(result.diagnostics.filter { $0.message.contains("cannot read the start and end") }.map(\.line), [3, 4, 5])
    }

    func testLinesBeforeTheFirstTurnAreKeptAtZero() {
        let text = "Orchard interview, tape 2\n\nInes Marlow (00:05):\nShall we start?\n"
        let result = read(text, .rev)
        XCTAssertEqual(result.cues.map(cueLine), [
            "0.0-5.0 [-|-] Orchard interview, tape 2 @1",
            "5.0-6.2 [Ines Marlow|-] Shall we start? @3",
        ])
    }

    func testTurnsAreCutAtTheCueLimit() {
        let limits = IngestLimits(maxCueBytes: 12)
        let result = read("Ann  0:01\nabcdef ghijkl mnopqr\n", .otter, limits: limits)
        XCTAssertEqual(result.cues.map(\.text), ["abcdef ghijk"])
        expectOne(result.diagnostics, containing: "longer than 12 bytes", line: 1)
    }

    func testParagraphsOfAWordDocumentGoThroughDetection() {
        let paragraphs = ["Ines Marlow (00:00):", "Thanks for coming in. [crosstalk]", "Pavel Okonjo (00:06):", "It started."]
        let (layout, transcript) = TextLayoutReader.read(paragraphs: paragraphs, file: "t.docx", limits: .standard)
        XCTAssertEqual(layout, .rev)
        XCTAssertEqual(transcript.cues.map(cueLine), [
            "0.0-6.0 [Ines Marlow|-] Thanks for coming in. @1",
            "6.0-6.8 [Pavel Okonjo|-] It started. @3",
        ])
        let plain = TextLayoutReader.read(paragraphs: ["Just a note.", "Another."], file: "t.docx", limits: .standard)
        XCTAssertEqual(plain.layout, .plainText)
        XCTAssertEqual(plain.transcript.cues.map(\.text), ["Just a note.", "Another."])
    }

    func testTimecodes() {
        XCTAssertEqual(Timestamp.parseTimecode("01:02:03:04")?.seconds, 3723)
        XCTAssertEqual(Timestamp.parseTimecode("01:02:03:04")?.frames, 4)
        XCTAssertEqual(Timestamp.parseTimecode("01;02;03;29")?.frames, 29)
        XCTAssertEqual(Timestamp.parseTimecode("00:00:01;12")?.seconds, 1)
        XCTAssertNil(Timestamp.parseTimecode("00:00:01"))
        XCTAssertNil(Timestamp.parseTimecode("00:00:01.5:12"))
        XCTAssertNil(Timestamp.parseTimecode("00:61:01:12"))
        XCTAssertNil(Timestamp.parseTimecode("00:00:01:1234"))
        XCTAssertNil(Timestamp.parseTimecode("9999999999:00:01:12"))
    }

    func testTurnLineRecognisers() {
        XCTAssertEqual(TextLayoutLine.otter("Jane Doe  0:01")?.start, 1)
        XCTAssertEqual(TextLayoutLine.otter("Jane Doe\t1:02:03")?.start, 3723)
        XCTAssertNil(TextLayoutLine.otter("We met at 10:30"), "one space: a sentence, not a turn line")
        XCTAssertEqual(TextLayoutLine.otter("Jane Doe 0:01")?.label?.speaker, "Jane Doe", "one space, a capitalised name")
        XCTAssertEqual(TextLayoutLine.otter("jane doe  0:01")?.label?.speaker, "jane doe", "two spaces, any name")
        XCTAssertNil(TextLayoutLine.otter("jane doe 0:01"))
        XCTAssertNil(TextLayoutLine.otter("Jane Doe  0:61"))
        XCTAssertNil(TextLayoutLine.otter("Hello, world  0:01"), "sentence punctuation is not a name")
        XCTAssertEqual(TextLayoutLine.rev("Jane Doe (00:19):")?.start, 19)
        XCTAssertEqual(TextLayoutLine.rev("Speaker 2 (01:00:19): And then")?.rest, "And then")
        XCTAssertNil(TextLayoutLine.rev("Jane Doe (Host): hello"))
        XCTAssertNil(TextLayoutLine.rev("It was (10:30) late"))
        XCTAssertEqual(TextLayoutLine.descript("[00:01:02] Jane: hi")?.label?.speaker, "Jane")
        XCTAssertNil(TextLayoutLine.descript("[laughter] hi"))
        XCTAssertNotNil(TextLayoutLine.premiere("00:00:01:00 - 00:00:02:00"))
        XCTAssertNil(TextLayoutLine.premiere("00:00:01 - 00:00:02"))
        XCTAssertNil(TextLayoutLine.premiere("00:00:01.000 --> 00:00:02.000"))
    }
}
