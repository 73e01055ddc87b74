import Foundation
import XCTest
import Soundbite

/// Transcripts in the layouts of transcription tools, read through the public
/// API as an embedder does: each `.txt` is told apart by its content, its
/// speakers and times are right, and only spoken words are indexed.
final class TranscriptFormatAPITests: XCTestCase {
    static let otter = """
    Lena Brandt  0:00
    When did the ferry stop running?

    Oskar Lind  0:04
    In the winter of the big storm. We rowed across after that.

    Transcribed by https://otter.ai
    """
    static let rev = """
    Lena Brandt (00:00):
    When did the ferry stop running? [crosstalk]

    Oskar Lind (00:04): In the winter of the big storm. [laughter] We rowed across after that.
    """
    static let descript = """
    [00:00:00] Lena Brandt: When did the ferry stop running?
    [00:00:04] Oskar Lind: In the winter of the big storm. We rowed across after that.
    """
    static let premiere = """
    00:00:00:00 - 00:00:03:15
    Lena Brandt
    When did the ferry stop running?

    00:00:04:00 - 00:00:09:00
    Oskar Lind
    In the winter of the big storm. We rowed across after that.
    """

    static func read(_ transcripts: [(path: String, text: String)]) -> InterviewCollection {
        CollectionReader().read(name: "ferry", transcripts: transcripts, manifest: nil)
    }

    func testEachToolLayoutReadsTheSameSpeakersTimesAndWords() throws {
        let collection = Self.read([("otter.txt", Self.otter), ("rev.txt", Self.rev),
                                    ("descript.txt", Self.descript), ("premiere.txt", Self.premiere)])
        XCTAssertEqual(collection.diagnostics, [])
        XCTAssertEqual(collection.interviews.map(\.format), [.descript, .otter, .premiere, .rev])
        for interview in collection.interviews {
            XCTAssertEqual(interview.cues.map(\.speaker), ["Lena Brandt", "Oskar Lind"], interview.path)
            XCTAssertEqual(interview.cues.map(\.start), [0, 4], interview.path)
            XCTAssertEqual(interview.cues.map(\.text), ["When did the ferry stop running?",
                                                        "In the winter of the big storm. We rowed across after that."], interview.path)
        }
        let stats = SearchIndex(building: [collection]).statistics
        XCTAssertEqual(stats.formats, ["otter-txt": 1, "rev-txt": 1, "descript-txt": 1, "premiere-txt": 1])
        // 6 + 12 spoken words per interview; no labels, tags or credit line.
        XCTAssertEqual(stats.words, 4 * 18)
    }

    func testLabelsTagsAndCreditsAreNotSearchable() throws {
        let index = SearchIndex(building: [Self.read([("otter.txt", Self.otter), ("rev.txt", Self.rev)])])
        for word in ["crosstalk", "laughter", "transcribed", "otter"] {
            XCTAssertEqual(try index.search(word).total, 0, word)
        }
        let hit = try XCTUnwrap(index.search("rowed").hits.first)
        XCTAssertEqual(hit.speaker, "Oskar Lind")
        XCTAssertEqual(hit.start, 4)
        XCTAssertEqual(try index.search("speaker:\"lena brandt\" ferry").total, 2)
    }

    func testAFolderAccountsForEveryFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sb-formats-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        func write(_ name: String, _ bytes: [UInt8]) throws { try Data(bytes).write(to: folder.appendingPathComponent(name)) }
        try write("interview.txt", Array(Self.rev.utf8))
        try write("interview.mp4", [0, 0, 0, 0x18] + Array("ftypmp42".utf8) + Array(repeating: 7, count: 100))
        try write("notes.pdf", Array("%PDF-1.5\n".utf8))
        try write("README.md", Array("About these recordings.\n".utf8))
        try write("whisper.json", Array("{\"text\": \" Hi\", \"segments\": [{\"start\": 0, \"end\": 1, \"text\": \" Hi\"}]}".utf8))

        let collection = CollectionReader().read(folder.path)
        XCTAssertEqual(collection.interviews.map(\.path), ["interview.txt", "whisper.json"])
        XCTAssertEqual(collection.interviews.map(\.format), [.rev, .whisperJSON])
        XCTAssertEqual(Set(collection.skippedFiles), ["interview.mp4", "notes.pdf", "README.md"])
        for skipped in collection.skippedFiles {
            let d = try XCTUnwrap(collection.diagnostics.first { $0.file == skipped }, skipped)
            XCTAssertEqual(d.severity, .error)
            XCTAssertTrue(d.message.hasSuffix("skipped the file"), d.description)
        }
        XCTAssertTrue(collection.diagnostics.contains { $0.file == "interview.mp4" && $0.message.contains("MP4") })
        XCTAssertEqual(SearchIndex(building: [collection]).statistics.skipped, collection.skippedFiles.count)
    }

    func testFormatsHaveStableNames() {
        XCTAssertEqual(TranscriptFormat(rawValue: "otter-txt"), .otter)
        XCTAssertEqual(TranscriptFormat.premiere.displayName, "Premiere Pro text")
        XCTAssertTrue(TranscriptFormat.allCases.contains(.docx))
    }
}
