import Foundation
import XCTest
import Soundbite

/// Reading transcripts as an embedding tool does: nothing spoken is lost,
/// word timings place hits, every diagnostic is kept.
final class TranscriptReadingAPITests: XCTestCase {
    /// Two lines of YouTube automatic captions in YouTube's layout.
    static let youTube = [
        "WEBVTT", "Kind: captions", "Language: en", "",
        "00:00:00.500 --> 00:00:03.000 align:start position:0%", " ",
        "we<00:00:00.900><c> kept</c><00:00:01.300><c> bees</c><00:00:01.800><c> on</c><00:00:02.100><c> the</c><00:00:02.300><c> roof</c>", "",
        "00:00:03.000 --> 00:00:03.010 align:start position:0%", "we kept bees on the roof", " ", "",
        "00:00:03.010 --> 00:00:06.000 align:start position:0%", "we kept bees on the roof",
        "and<00:00:03.400><c> sold</c><00:00:03.900><c> honey</c><00:00:04.400><c> at</c><00:00:04.600><c> the</c><00:00:04.800><c> gate</c>", "",
    ].joined(separator: "\n")

    func testYouTubeCaptionsAreReadOnceAndHitsStartAtTheirWords() throws {
        let collection = CollectionReader().read(name: "yt", transcripts: [("bees.en.vtt", Self.youTube)], manifest: nil)
        XCTAssertEqual(collection.diagnostics, [])
        let words = collection.interviews.flatMap(\.cues).map(\.text)
        XCTAssertEqual(words, ["we", "kept", "bees", "on", "the", "roof", "and", "sold", "honey", "at", "the", "gate"])
        let index = SearchIndex(building: [collection])
        let hit = try XCTUnwrap(index.search("honey").hits.first)
        XCTAssertEqual(hit.start, 3.9)
        XCTAssertEqual(hit.timecode, "00:00:03.900")
        XCTAssertEqual(try index.search("bees").hits.first?.start, 1.3)
    }

    func testDamagedTimingsKeepEveryCueWithAWarning() {
        let srt = "1\n00:00:01,000 --> 00:00:02,000\nthey and\n\n2\n00:00:04,000 --> 00:00:03,500\nthey said\n\n3\n00:00:60,000 --> 00:01:01,000\nsixty\n\n4\n0x:00:05 --> zz\nunreadable\n"
        let collection = CollectionReader().read(name: "d", transcripts: [("d.srt", srt)], manifest: nil)
        XCTAssertEqual(collection.interviews.first?.cues.map(\.text), ["they and", "they said", "sixty", "unreadable"])
        XCTAssertEqual(collection.interviews.first?.cues.map(\.start), [1, 4, 60, 61])
        XCTAssertEqual(collection.diagnostics.map(\.line), [6, 10, 14])
        XCTAssertTrue(collection.diagnostics.allSatisfy { $0.severity == .warning && $0.file == "d.srt" })
    }

    func testEveryDiagnosticIsKeptByDefault() {
        let junk = "WEBVTT\n\n" + String(repeating: "no timing here\n\n", count: 250)
        let collection = CollectionReader().read(name: "j", transcripts: [("j.vtt", junk)], manifest: nil)
        XCTAssertEqual(collection.diagnostics.filter { $0.message.contains("no cue timing line") }.count, 250)
        XCTAssertEqual(IngestLimits.standard.maxDiagnosticsPerFile, .max)
    }

    func testDiagnosticDescriptionEscapesControlCharacters() {
        let d = Diagnostic(.warning, file: "a\rb.vtt", line: 2, "x\u{1B}y\u{2028}")
        XCTAssertEqual(d.description, "a\\x0Db.vtt:2: warning: x\\x1By\\u{2028}")
        XCTAssertEqual(d.file, "a\rb.vtt")
    }
}
