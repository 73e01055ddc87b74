import XCTest
@testable import Soundbite

/// The WebVTT and SRT that transcription tools export, in the layouts they
/// publish (samples written here, with invented speech).
final class CaptionExportTests: XCTestCase {
    private func read(_ path: String, _ text: String) -> (interview: Interview?, diagnostics: [Diagnostic]) {
        let c = CollectionReader().read(name: "x", transcripts: [(path, text)], manifest: nil)
        return (c.interviews.first, c.diagnostics)
    }

    /// The four spoken lines of the YouTube sample.
    static let youTubeSpeech = [
        "so the first thing we built was a tiny greenhouse",
        "out of old window frames and a lot of tape",
        "and honestly it kept the tomatoes alive all winter",
        "which nobody in the village believed at first",
    ]

    /// A YouTube automatic-caption track as YouTube serves it (and yt-dlp
    /// saves it): `Kind`/`Language` header lines; each cue holds the previous
    /// line again and the new one with `<time><c> word</c>` word timings; a
    /// line holding one space; 10 ms cues that repeat the finished line.
    static func youTubeCaptions() -> String {
        var lines = ["WEBVTT", "Kind: captions", "Language: en", ""]
        let starts = [0.32, 3.12, 6.0, 9.28], ends = [3.11, 5.99, 9.27, 12.0]
        var previous = " "
        for (k, spoken) in youTubeSpeech.enumerated() {
            let words = spoken.split(separator: " ")
            let step = (ends[k] - starts[k] - 0.4) / Double(words.count)
            var timed = String(words[0])
            for (w, word) in words.enumerated().dropFirst() {
                timed += "<\(Timestamp.format(starts[k] + step * Double(w), alwaysHours: true))><c> \(word)</c>"
            }
            lines += ["\(Timestamp.format(starts[k], alwaysHours: true)) --> \(Timestamp.format(ends[k], alwaysHours: true)) align:start position:0%",
                      previous, timed, ""]
            if k + 1 < youTubeSpeech.count {
                lines += ["\(Timestamp.format(ends[k], alwaysHours: true)) --> \(Timestamp.format(ends[k] + 0.01, alwaysHours: true)) align:start position:0%",
                          spoken, " ", ""]
            }
            previous = spoken
        }
        return lines.joined(separator: "\n")
    }

    func testYouTubeAutoCaptionsReadEachSpokenLineOnceWithWordTimings() throws {
        let text = Self.youTubeCaptions()
        XCTAssertTrue(text.contains("\n \n"), "the sample has YouTube's one-space lines")
        let (interview, diagnostics) = read("talk.en.vtt", text)
        XCTAssertEqual(diagnostics, [], diagnosticsText(diagnostics))
        let cues = try XCTUnwrap(interview?.cues)
        let spokenWords = Self.youTubeSpeech.joined(separator: " ").split(separator: " ").map(String.init)
        XCTAssertEqual(spokenWords.count, 37)
        // Every spoken word once, in order, the first cue included: one cue per word.
        XCTAssertEqual(cues.map(\.text), spokenWords)
        // Each word starts at its own timestamp; the cues of a line tile its time.
        XCTAssertEqual(cues.first?.start, 0.32)
        XCTAssertEqual(cues.first { $0.text == "out" }?.start, 3.12)
        let window = try XCTUnwrap(cues.first { $0.text == "window" })
        XCTAssertEqual(window.start, 3.12 + (5.99 - 3.12 - 0.4) / 10 * 3, accuracy: 0.0005)
        XCTAssertEqual(cues.last?.end, 12.0)
        for (a, b) in zip(cues, cues.dropFirst()) { XCTAssertLessThanOrEqual(a.start, b.start) }
    }

    func testRollUpWithoutWordTimingsIsReadOnce() {
        // Broadcast roll-up: each cue shows the previous line above the new one.
        let vtt = """
        WEBVTT

        00:01.000 --> 00:03.000
        we planted the beans

        00:03.000 --> 00:05.000
        we planted the beans
        in the old tyres

        00:05.000 --> 00:07.000
        in the old tyres
        behind the hall

        00:07.000 --> 00:09.000
        behind the hall
        and they came up

        00:09.000 --> 00:11.000
        and they came up
        in a week
        """
        let (interview, _) = read("rollup.vtt", vtt)
        XCTAssertEqual(interview?.cues.map(\.text), ["we planted the beans", "in the old tyres", "behind the hall",
                                                      "and they came up", "in a week"])
    }

    func testOrdinaryTwoLineCuesAreNotTakenForRollUp() {
        let vtt = "WEBVTT\n\n00:01.000 --> 00:02.000\nNo.\n\n00:02.000 --> 00:03.000\nNo.\nI said no.\n\n00:03.000 --> 00:04.000\nFine.\nFine.\n"
        let (interview, _) = read("plain.vtt", vtt)
        XCTAssertEqual(interview?.cues.map(\.text), ["No.", "No. I said no.", "Fine. Fine."])
    }

    func testZoomTranscriptSpeakersFromTextLabels() {
        // Zoom's cloud-recording transcript: numbered cues, "Name: text".
        let vtt = """
        WEBVTT

        1
        00:00:01.230 --> 00:00:04.560
        Jane Doe: Good morning, everyone.

        2
        00:00:05.010 --> 00:00:09.870
        Omar Haddad: Morning! Can you all hear me?

        3
        00:00:10.120 --> 00:00:12.400
        Yes, loud and clear.
        """
        let (interview, diagnostics) = read("zoom.vtt", vtt)
        XCTAssertEqual(diagnostics, [])
        XCTAssertEqual(interview?.cues.map(cueLine), [
            "1.23-4.56 [Jane Doe||] Good morning, everyone. @4",
            "5.01-9.87 [Omar Haddad||] Morning! Can you all hear me? @8",
            "10.12-12.4 [Omar Haddad||] Yes, loud and clear. @12",
        ])
    }

    func testTeamsTranscriptSpeakersFromVoiceSpans() {
        // Microsoft Teams: GUID/index cue identifiers, one voice span per cue.
        let vtt = """
        WEBVTT

        3b8a1d2e-6c5f-4e1a-9b7d-2f0c8e4a6d11/18-0
        00:00:03.512 --> 00:00:07.208
        <v Jane Doe>Thanks for joining, let's get started.</v>

        3b8a1d2e-6c5f-4e1a-9b7d-2f0c8e4a6d11/18-1
        00:00:07.208 --> 00:00:09.940
        <v Jane Doe>First item is the budget.</v>

        3b8a1d2e-6c5f-4e1a-9b7d-2f0c8e4a6d11/24-0
        00:00:10.002 --> 00:00:13.371
        <v Omar Haddad>I sent the numbers on Friday.</v>
        """
        let (interview, diagnostics) = read("teams.vtt", vtt)
        XCTAssertEqual(diagnostics, [])
        XCTAssertEqual(interview?.cues.map(cueLine), [
            "3.512-7.208 [Jane Doe||] Thanks for joining, let's get started. @4",
            "7.208-9.94 [Jane Doe||] First item is the budget. @8",
            "10.002-13.371 [Omar Haddad||] I sent the numbers on Friday. @12",
        ])
    }

    func testWhisperVTTAndSRT() {
        // openai-whisper's writers: VTT with mm:ss.mmm under an hour, SRT numbered.
        let vtt = "WEBVTT\n\n00:00.000 --> 00:04.320\nSo the first thing we built was a greenhouse.\n\n00:04.320 --> 00:07.800\nOut of old window frames.\n"
        let srt = "1\n00:00:00,000 --> 00:00:04,320\nSo the first thing we built was a greenhouse.\n\n2\n00:00:04,320 --> 00:00:07,800\nOut of old window frames.\n"
        for (path, text) in [("w.vtt", vtt), ("w.srt", srt)] {
            let (interview, diagnostics) = read(path, text)
            XCTAssertEqual(diagnostics, [], path)
            XCTAssertEqual(interview?.cues.map { "\($0.start)-\($0.end) \($0.text)" }, [
                "0.0-4.32 So the first thing we built was a greenhouse.", "4.32-7.8 Out of old window frames.",
            ], path)
        }
    }

    func testWhisperXSRTSpeakerIDs() {
        // WhisperX with diarization writes the speaker id in brackets.
        let srt = """
        1
        00:00:00,031 --> 00:00:04,320
        [SPEAKER_00]: So the first thing we built was a greenhouse.

        2
        00:00:04,320 --> 00:00:07,800
        [SPEAKER_01]: Out of window frames?

        3
        00:00:07,800 --> 00:00:09,100
        [SPEAKER_00]: Yes, and tape.
        """
        let c = CollectionReader().read(name: "x", transcripts: [("wx.srt", srt)], manifest: #"{"roles": {"SPEAKER_00": "guest"}}"#)
        XCTAssertEqual(c.diagnostics, [])
        XCTAssertEqual(c.interviews.first?.cues.map(cueLine), [
            "0.031-4.32 [SPEAKER_00|guest|] So the first thing we built was a greenhouse. @2",
            "4.32-7.8 [SPEAKER_01||] Out of window frames? @6",
            "7.8-9.1 [SPEAKER_00|guest|] Yes, and tape. @10",
        ])
    }
}
