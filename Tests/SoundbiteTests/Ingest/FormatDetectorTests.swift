import XCTest
@testable import Soundbite

/// Format detection from content: each layout in a `.txt`, misleading
/// extensions, JSON flavours by their keys, and files that are not transcripts.
final class FormatDetectorTests: XCTestCase {
    private func detect(_ text: String, _ path: String) -> FormatDetection {
        FormatDetector.detect(Array(text.utf8), path: path)
    }

    private func reason(_ detection: FormatDetection) -> String? {
        if case .notTranscript(let reason) = detection { return reason }
        return nil
    }

    private let vtt = "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nHello.\n"
    private let srt = "1\n00:00:01,000 --> 00:00:02,000\nHello.\n"

    func testEveryTextLayoutInATxtFile() {
        XCTAssertEqual(detect(TextLayoutSamples.otter, "a.txt"), .transcript(.otter))
        XCTAssertEqual(detect(TextLayoutSamples.rev, "a.txt"), .transcript(.rev))
        XCTAssertEqual(detect(TextLayoutSamples.descript, "a.txt"), .transcript(.descript))
        XCTAssertEqual(detect(TextLayoutSamples.premiere, "a.txt"), .transcript(.premiere))
        XCTAssertEqual(detect(TextLayoutSamples.whisperTSV, "a.txt"), .transcript(.whisperTSV))
        XCTAssertEqual(detect(TextLayoutSamples.plain, "a.txt"), .transcript(.plainText))
        XCTAssertEqual(detect(vtt, "a.txt"), .transcript(.webVTT))
        XCTAssertEqual(detect(srt, "a.txt"), .transcript(.srt))
    }

    func testContentBeatsAMisleadingExtension() {
        XCTAssertEqual(detect(srt, "a.vtt"), .transcript(.srt))
        XCTAssertEqual(detect(vtt, "a.srt"), .transcript(.webVTT))
        XCTAssertEqual(detect(TextLayoutSamples.otter, "a.vtt"), .transcript(.otter))
        XCTAssertEqual(detect(TextLayoutSamples.rev, "a.json"), .transcript(.rev))
        XCTAssertEqual(detect(TextLayoutSamples.whisperTSV, "a.srt"), .transcript(.whisperTSV))
        XCTAssertEqual(detect("{\"segments\": [{\"start\": 0, \"end\": 1, \"text\": \"hi\"}]}", "a.txt"), .transcript(.whisperJSON))
        XCTAssertEqual(detect(vtt, "notes.md"), .transcript(.webVTT))
        XCTAssertEqual(detect(TextLayoutSamples.premiere, "transcript"), .transcript(.premiere))
        // A `.vtt` without its header but with cue timings is still WebVTT (its
        // reader warns); the same in a `.srt` is SRT.
        XCTAssertEqual(detect("00:01.000 --> 00:02.000\nHi\n", "a.vtt"), .transcript(.webVTT))
        XCTAssertEqual(detect("00:00:01,000 --> 00:00:02,000\nHi\n", "a.srt"), .transcript(.srt))
    }

    func testJSONFlavoursByTheirKeys() {
        // Whisper writes the whole text first; the keys that tell it come after.
        let longText = String(repeating: "word ", count: 30_000)
        let whisper = "{\"text\": \"\(longText)\", \"segments\": [{\"id\": 0, \"seek\": 0, \"start\": 0.0, \"end\": 2.0, \"text\": \" Hi\", \"tokens\": [1]}], \"language\": \"en\"}"
        XCTAssertEqual(detect(whisper, "a.json"), .transcript(.whisperJSON))
        let whisperX = "{\"segments\": [{\"start\": 0.1, \"end\": 1.0, \"text\": \"Hi\", \"speaker\": \"SPEAKER_00\", \"words\": []}]}"
        XCTAssertEqual(detect(whisperX, "a.json"), .transcript(.whisperXJSON))
        XCTAssertEqual(detect("{\"segments\": [], \"word_segments\": []}", "a.json"), .transcript(.whisperXJSON))
        let amazon = "{\"jobName\": \"j\", \"accountId\": \"1\", \"results\": {\"transcripts\": [{\"transcript\": \"Hi\"}], \"items\": []}, \"status\": \"COMPLETED\"}"
        XCTAssertEqual(detect(amazon, "a.json"), .transcript(.amazonTranscribe))
        // A key inside a string value is not a key.
        XCTAssertNotNil(reason(detect("{\"note\": \"\\\"segments\\\": []\"}", "a.json")))
        XCTAssertEqual(reason(detect("{\"name\": \"x\", \"interviews\": {}}", "sub/collection.json")),
                       "a collection manifest (only the collection folder's own collection.json is read)")
        XCTAssertNotNil(reason(detect("[1, 2, 3]", "a.json")))
        // Not JSON at all in a `.json`: the JSON reader says where it breaks.
        XCTAssertEqual(detect("just words", "a.json"), .transcript(.whisperJSON))
    }

    func testXMLAndWordDocuments() {
        XCTAssertEqual(detect("<?xml version=\"1.0\"?>\n<ROOT xmlns=\"https://www.weareavp.com/nunncenter/ohms\"><record/></ROOT>", "a.xml"),
                       .transcript(.ohms))
        XCTAssertEqual(reason(detect("<?xml version=\"1.0\"?>\n<svg/>", "a.xml")), "XML, but not an OHMS export")
        var zip: [UInt8] = [0x50, 0x4B, 0x03, 0x04] + Array(repeating: 0, count: 26)
        XCTAssertEqual(FormatDetector.detect(zip, path: "a.docx"), .transcript(.docx))
        XCTAssertEqual(FormatDetector.detect(zip, path: "a.zip"), .notTranscript("a ZIP archive, not a Word document"))
        zip += Array("word/document.xml".utf8)
        XCTAssertEqual(FormatDetector.detect(zip, path: "export.txt"), .transcript(.docx))
    }

    func testFilesThatAreNotTranscriptsSayWhatTheyAre() {
        func bytes(_ head: [UInt8]) -> [UInt8] { head + Array(repeating: 0x41, count: 64) }
        XCTAssertEqual(reason(FormatDetector.detect(bytes(Array("%PDF-1.7".utf8)), path: "a.txt")),
                       "a PDF document; export the transcript as text, .docx, WebVTT or SRT")
        XCTAssertEqual(reason(FormatDetector.detect(bytes([0, 0, 0, 0x20] + Array("ftypisom".utf8)), path: "talk.mp4")),
                       "an MP4 or QuickTime media file")
        XCTAssertEqual(reason(FormatDetector.detect(bytes(Array("ID3".utf8)), path: "a.mp3")), "an MPEG audio file")
        XCTAssertEqual(reason(FormatDetector.detect(bytes([0x89, 0x50, 0x4E, 0x47]), path: "a.png")), "an image")
        XCTAssertEqual(reason(FormatDetector.detect(bytes([0xD0, 0xCF, 0x11, 0xE0]), path: "a.doc")),
                       "a Word 97\u{2013}2003 (.doc) or other OLE file; save it as .docx")
        // UTF-16 with a byte order mark is text: told apart by its content, read by SourceText.
        let vtt = Array("WEBVTT\n\n00:01.000 --> 00:02.000\nHi\n".utf16)
        XCTAssertEqual(FormatDetector.detect([0xFF, 0xFE] + vtt.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }, path: "a.txt"),
                       .transcript(.webVTT))
        XCTAssertEqual(FormatDetector.detect([0xFE, 0xFF] + vtt.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }, path: "a.txt"),
                       .transcript(.webVTT))
        XCTAssertEqual(reason(FormatDetector.detect([0x41, 0, 0x42], path: "blob")), "binary data (NUL bytes), not text")
        XCTAssertEqual(reason(FormatDetector.detect((0..<200).map { UInt8(0x80 + $0 % 64) }, path: "blob.bin")),
                       "binary data (not UTF-8 text)")
        XCTAssertEqual(reason(detect("# Notes\n\nNothing here.\n", "README.md")),
                       "not a transcript (no transcript layout found in this .md file)")
        XCTAssertEqual(reason(detect("MIT License\n", "LICENSE")), "not a transcript (no transcript layout found)")
        // With a transcript extension a NUL is left to the text decoder.
        XCTAssertEqual(FormatDetector.detect(Array("WEBVTT\n\n".utf8) + [0], path: "a.vtt"), .transcript(.webVTT))
    }

    func testEmptyAndBlankFilesFollowTheExtension() {
        XCTAssertEqual(detect("", "a.txt"), .transcript(.plainText))
        XCTAssertEqual(detect("\u{FEFF}\n\n", "a.vtt"), .transcript(.webVTT))
        XCTAssertNotNil(reason(detect("", "a.md")))
    }

    func testAFewPlainLinesDoNotLookLikeALayout() {
        // One Otter-like line among many sentences is not enough.
        let text = "We met at the hall.\nMaria Lopez  0:01\nThen we talked.\nAnd left early.\nThe end.\n"
        XCTAssertNil(TextLayoutDetector.detect(text.split(separator: "\n", omittingEmptySubsequences: false)))
        XCTAssertEqual(detect(text, "a.txt"), .transcript(.plainText))
        // Lines ending in a clock time after one space are sentences.
        XCTAssertNil(TextLayoutDetector.detect(["We start at 9:30", "Lunch is at 12:15", "Done by 17:00"]))
    }

    func testScreeningReadsJSONWhoseKeysComeLater() {
        let head = Array("{\"text\": \"".utf8) + Array(repeating: UInt8(ascii: "a"), count: 20_000)
        XCTAssertNil(FormatDetector.screen(head, path: "a.json", isWhole: false))
        XCTAssertNotNil(FormatDetector.screen(head + Array("\"}".utf8), path: "a.json", isWhole: true))
        XCTAssertEqual(FormatDetector.screen(Array("%PDF-1.4".utf8), path: "a.pdf", isWhole: false),
                       "a PDF document; export the transcript as text, .docx, WebVTT or SRT")
    }

    func testFormatNamesAndHints() {
        XCTAssertEqual(Set(TranscriptFormat.allCases.map(\.rawValue)).count, TranscriptFormat.allCases.count)
        XCTAssertEqual(TranscriptFormat.hint(forPath: "dir.v2/Talk.VTT"), .webVTT)
        XCTAssertNil(TranscriptFormat.hint(forPath: "a.chapters.vtt"))
        XCTAssertNil(TranscriptFormat.hint(forPath: "dir.txt/README"))
        XCTAssertNil(TranscriptFormat.hint(forPath: ".txt"))
        XCTAssertEqual(TranscriptFormat.otter.displayName, "Otter.ai text")
    }
}
