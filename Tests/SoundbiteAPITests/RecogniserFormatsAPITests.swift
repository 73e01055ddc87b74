import XCTest
import Soundbite

/// Whisper, WhisperX, Amazon Transcribe and OHMS files read and searched
/// through the public API, on a held-out set of samples (written here, in
/// each tool's layout, apart from the fixtures the internal tests use).
final class RecogniserFormatsAPITests: XCTestCase {
    static let whisper = """
    {"text": " The mill closed in March. Everyone knew a week before.", "segments": [
      {"id": 0, "seek": 0, "start": 0.0, "end": 2.4, "text": " The mill closed in March.", "tokens": [50364, 440], "temperature": 0.0,
       "avg_logprob": -0.25, "compression_ratio": 1.2, "no_speech_prob": 0.02,
       "words": [{"word": " The", "start": 0.3, "end": 0.5, "probability": 0.9}, {"word": " mill", "start": 0.5, "end": 0.9, "probability": 0.8},
                 {"word": " closed", "start": 0.9, "end": 1.4, "probability": 0.9}, {"word": " in", "start": 1.4, "end": 1.5, "probability": 0.9},
                 {"word": " March.", "start": 1.5, "end": 2.1, "probability": 0.9}]},
      {"id": 1, "seek": 0, "start": 2.4, "end": 5.0, "text": " Everyone knew a week before.", "tokens": [50484, 5198], "temperature": 0.0,
       "avg_logprob": -0.25, "compression_ratio": 1.2, "no_speech_prob": 0.02,
       "words": [{"word": " Everyone", "start": 2.9, "end": 3.3, "probability": 0.9}, {"word": " knew", "start": 3.3, "end": 3.6, "probability": 0.9},
                 {"word": " a", "start": 3.6, "end": 3.7, "probability": 0.9}, {"word": " week", "start": 3.7, "end": 4.0, "probability": 0.9},
                 {"word": " before.", "start": 4.0, "end": 4.6, "probability": 0.9}]}], "language": "en"}
    """

    static let whisperX = """
    {"segments": [{"start": 1.0, "end": 6.0, "text": " Did the union vote? Twice, and both times it was 212 to 9.", "speaker": "SPEAKER_00",
      "words": [{"word": "Did", "start": 1.0, "end": 1.2, "score": 0.9, "speaker": "SPEAKER_00"},
                {"word": "the", "start": 1.2, "end": 1.3, "score": 0.9, "speaker": "SPEAKER_00"},
                {"word": "union", "start": 1.3, "end": 1.7, "score": 0.9, "speaker": "SPEAKER_00"},
                {"word": "vote?", "start": 1.7, "end": 2.0, "score": 0.9, "speaker": "SPEAKER_00"},
                {"word": "Twice,", "start": 2.6, "end": 3.0, "score": 0.9, "speaker": "SPEAKER_01"},
                {"word": "and", "start": 3.0, "end": 3.1, "score": 0.9, "speaker": "SPEAKER_01"},
                {"word": "both", "start": 3.1, "end": 3.3, "score": 0.9, "speaker": "SPEAKER_01"},
                {"word": "times", "start": 3.3, "end": 3.6, "score": 0.9, "speaker": "SPEAKER_01"},
                {"word": "it", "start": 3.6, "end": 3.7, "score": 0.9, "speaker": "SPEAKER_01"},
                {"word": "was", "start": 3.7, "end": 3.9, "score": 0.9, "speaker": "SPEAKER_01"},
                {"word": "212"}, {"word": "to"}, {"word": "9."}]}],
     "word_segments": [{"word": "Did", "start": 1.0, "end": 1.2, "score": 0.9, "speaker": "SPEAKER_00"}], "language": "en"}
    """

    static let amazon = """
    {"jobName": "mill-interview", "accountId": "000000000000", "status": "COMPLETED", "results": {
      "transcripts": [{"transcript": "Were you there? Yes, on the night shift."}],
      "speaker_labels": {"speakers": 2, "segments": [
        {"start_time": "0.2", "end_time": "0.9", "speaker_label": "spk_0", "items": [
          {"start_time": "0.2", "end_time": "0.4", "speaker_label": "spk_0"}, {"start_time": "0.4", "end_time": "0.6", "speaker_label": "spk_0"},
          {"start_time": "0.6", "end_time": "0.9", "speaker_label": "spk_0"}]},
        {"start_time": "1.5", "end_time": "3.0", "speaker_label": "spk_1", "items": [
          {"start_time": "1.5", "end_time": "1.8", "speaker_label": "spk_1"}, {"start_time": "1.9", "end_time": "2.0", "speaker_label": "spk_1"},
          {"start_time": "2.0", "end_time": "2.1", "speaker_label": "spk_1"}, {"start_time": "2.1", "end_time": "2.5", "speaker_label": "spk_1"},
          {"start_time": "2.5", "end_time": "3.0", "speaker_label": "spk_1"}]}]},
      "items": [
        {"id": 0, "type": "pronunciation", "start_time": "0.2", "end_time": "0.4", "alternatives": [{"confidence": "0.99", "content": "Were"}]},
        {"id": 1, "type": "pronunciation", "start_time": "0.4", "end_time": "0.6", "alternatives": [{"confidence": "0.99", "content": "you"}]},
        {"id": 2, "type": "pronunciation", "start_time": "0.6", "end_time": "0.9", "alternatives": [{"confidence": "0.99", "content": "there"}]},
        {"id": 3, "type": "punctuation", "alternatives": [{"confidence": "0.0", "content": "?"}]},
        {"id": 4, "type": "pronunciation", "start_time": "1.5", "end_time": "1.8", "alternatives": [{"confidence": "0.99", "content": "Yes"}]},
        {"id": 5, "type": "punctuation", "alternatives": [{"confidence": "0.0", "content": ","}]},
        {"id": 6, "type": "pronunciation", "start_time": "1.9", "end_time": "2.0", "alternatives": [{"confidence": "0.99", "content": "on"}]},
        {"id": 7, "type": "pronunciation", "start_time": "2.0", "end_time": "2.1", "alternatives": [{"confidence": "0.99", "content": "the"}]},
        {"id": 8, "type": "pronunciation", "start_time": "2.1", "end_time": "2.5", "alternatives": [{"confidence": "0.99", "content": "night"}]},
        {"id": 9, "type": "pronunciation", "start_time": "2.5", "end_time": "3.0", "alternatives": [{"confidence": "0.99", "content": "shift"}]},
        {"id": 10, "type": "punctuation", "alternatives": [{"confidence": "0.0", "content": "."}]}]}}
    """

    static let ohms = """
    <?xml version="1.0" encoding="UTF-8"?>
    <ROOT xmlns="https://www.weareavp.com/nunncenter/ohms">
      <record id="0000789" dt="2024-09-09">
        <version>5.4</version>
        <title>Interview with Greta Solberg</title>
        <interviewee>Solberg, Greta</interviewee>
        <interviewer>Mwangi, Peter</interviewer>
        <sync>1:|2(5)</sync>
        <transcript>MWANGI: Tell me about the strike.
    SOLBERG: We stood at the gate in the rain for eleven days, and nobody crossed.</transcript>
        <index>
          <point><time>0</time><title>The strike of 1979</title><synopsis>Solberg remembers the picket line.</synopsis>
            <keywords>picket lines;solidarity</keywords><subjects>Strikes and lockouts</subjects></point>
        </index>
      </record>
    </ROOT>
    """

    static let collection = CollectionReader().read(name: "mill", transcripts: [
        ("a/whisper.json", whisper), ("b/whisperx.json", whisperX), ("c/amazon.json", amazon), ("d/solberg.xml", ohms),
    ], manifest: nil)

    private func interview(_ path: String) throws -> Interview {
        try XCTUnwrap(Self.collection.interviews.first { $0.path == path }, path)
    }

    private func spokenWords(_ interview: Interview) -> Int {
        interview.cues.filter { $0.role != "index" }.reduce(0) { $0 + $1.text.split(separator: " ").count }
    }

    func testEveryFileIsReadInItsFormatWithNothingSkipped() {
        XCTAssertEqual(Self.collection.skippedFiles, [])
        XCTAssertEqual(Self.collection.interviews.map(\.format), [.whisperJSON, .whisperXJSON, .amazonTranscribe, .ohms])
    }

    func testWhisperCuesAtTheirFirstWord() throws {
        let i = try interview("a/whisper.json")
        XCTAssertEqual(i.cues.map(\.text), ["The mill closed in March.", "Everyone knew a week before."])
        XCTAssertEqual(i.cues.map(\.start), [0.3, 2.9])
        XCTAssertEqual(spokenWords(i), 10)
    }

    func testWhisperXSpeakersAndUnalignedNumbers() throws {
        let i = try interview("b/whisperx.json")
        XCTAssertEqual(i.cues.map(\.speaker), ["SPEAKER_00", "SPEAKER_01"])
        XCTAssertEqual(i.cues.map(\.text), ["Did the union vote?", "Twice, and both times it was 212 to 9."])
        XCTAssertEqual(i.cues.map(\.start), [1.0, 2.6])
        XCTAssertEqual(i.cues.last?.end, 6.0)
        XCTAssertEqual(spokenWords(i), 13)
        XCTAssertTrue(Self.collection.diagnostics.contains { $0.file == "b/whisperx.json" && $0.message.contains("3 words") })
    }

    func testAmazonSpeakersFromSpeakerLabelsAndPunctuationAttached() throws {
        let i = try interview("c/amazon.json")
        XCTAssertEqual(i.cues.map { "\($0.speaker): \($0.text) @\($0.start)" },
                       ["spk_0: Were you there? @0.2", "spk_1: Yes, on the night shift. @1.5"])
        XCTAssertEqual(spokenWords(i), 8)
    }

    func testOHMSChaptersAndSearchableIndex() throws {
        let i = try interview("d/solberg.xml")
        XCTAssertEqual(i.chapters, [Chapter(title: "The strike of 1979", start: 0, end: .infinity)])
        XCTAssertEqual(i.cues.map { "\($0.speaker)|\($0.role)|\($0.chapter)|\($0.start)" }, [
            "Mwangi||The strike of 1979|0.0", "Solberg||The strike of 1979|0.0",
            "Solberg||The strike of 1979|60.0", "OHMS index|index|The strike of 1979|0.0",
        ])
        XCTAssertEqual(spokenWords(i), 5 + 14)
        let index = SearchIndex(building: [Self.collection])
        let hit = try XCTUnwrap(index.search("solidarity", options: SearchOptions(limit: 1)).hits.first)
        XCTAssertEqual(hit.role, "index")
        XCTAssertEqual(hit.chapter, "The strike of 1979")
        let speech = try index.search("gate -role:index", options: SearchOptions(limit: 3))
        XCTAssertEqual(speech.hits.map(\.speaker), ["Solberg"])
        let twice = try XCTUnwrap(index.search("twice", options: SearchOptions(limit: 1)).hits.first)
        XCTAssertEqual(twice.speaker, "SPEAKER_01")
        XCTAssertEqual(twice.start, 2.6)
    }
}
