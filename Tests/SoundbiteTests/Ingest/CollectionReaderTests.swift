import Foundation
import XCTest
@testable import Soundbite
import SoundbiteTestSupport

final class CollectionReaderTests: XCTestCase {
    private let interviewVTT = """
    WEBVTT

    00:00.000 --> 00:05.000
    [Amit Varma]: Welcome.

    00:05.000 --> 00:12.000
    [Guest]: Thanks for having me.

    00:12.000 --> 00:20.000
    And I mean it.

    00:30.000 --> 00:40.000
    [Unknown]: Applause.
    """
    private let chaptersVTT = """
    WEBVTT

    1
    00:05.000 --> 00:12.000
    Introductions

    2
    00:12.000 --> 00:25.000
    Main topic
    """

    func testFolderWithManifestChaptersAndNesting() throws {
        let folder = try TemporaryFolder("ingest")
        try folder.write("collection.json", """
        {
          "name": "Test Pod",
          "roles": {"Amit Varma": "host", "Guest*": "guest", "Unknown": "unknown"},
          "interviews": {
            "E1.vtt": {"id": "E1", "title": "Episode one", "chapter": "Other", "fields": {"Published": "2017"}},
            "gone.vtt": {"id": "gone"}
          }
        }
        """)
        try folder.write("E1.vtt", interviewVTT)
        try folder.write("E1.chapters.vtt", chaptersVTT)
        try folder.write("sub/b.srt", "1\n00:00:01,000 --> 00:00:02,000\nGuest 2: Hi.\n")
        try folder.write("sub/a.txt", "[00:01] Sam: Hello there\n")
        try folder.write(".hidden/x.vtt", "WEBVTT\n")
        try folder.write(".secret.vtt", "WEBVTT\n")
        try folder.write("README.md", "not a transcript")
        try folder.write("orphan.chapters.vtt", chaptersVTT)

        let collection = CollectionReader().read(folder.path)
        XCTAssertEqual(collection.name, "Test Pod")
        XCTAssertEqual(collection.root, CollectionReader.absolutePath(folder.path))
        XCTAssertEqual(collection.interviews.map(\.path), ["E1.vtt", "sub/a.txt", "sub/b.srt"])
        XCTAssertEqual(collection.interviews.map(\.id), ["E1", "sub/a", "sub/b"])
        XCTAssertEqual(collection.interviews.map(\.title), ["Episode one", "sub/a", "sub/b"])
        XCTAssertEqual(collection.skippedFiles, ["README.md"])
        XCTAssertEqual(collection.diagnostics.count, 2, diagnosticsText(collection.diagnostics))
        expectOne(collection.diagnostics, containing: "manifest names \u{201C}gone.vtt\u{201D}", file: "collection.json", line: 6)
        expectOne(collection.diagnostics, containing: "not a transcript (no transcript layout found in this .md file); skipped the file",
                  file: "README.md", line: 0, severity: .error)

        let e1 = collection.interviews[0]
        XCTAssertEqual(e1.fields, ["published": "2017"])
        XCTAssertEqual(e1.chapters, [Chapter(title: "Introductions", start: 5, end: 12), Chapter(title: "Main topic", start: 12, end: 25)])
        XCTAssertEqual(e1.cues.map(cueLine), [
            "0.0-5.0 [Amit Varma|host|Other] Welcome. @3",
            "5.0-12.0 [Guest|guest|Introductions] Thanks for having me. @6",
            "12.0-20.0 [Guest|guest|Main topic] And I mean it. @9",
            "30.0-40.0 [Unknown|unknown|Other] Applause. @12",
        ])
        XCTAssertEqual(e1.source.size, UInt64(interviewVTT.utf8.count + chaptersVTT.utf8.count))
        XCTAssertNotEqual(e1.source.statStamp, 0)
        XCTAssertEqual(collection.interviews[1].cues.map(cueLine), ["1.0-1.8 [Sam||] Hello there @1"])
        XCTAssertEqual(collection.interviews[2].cues.map(cueLine), ["1.0-2.0 [Guest 2|guest|] Hi. @2"])
    }

    func testFolderNameWithoutManifestAndSingleFile() throws {
        let folder = try TemporaryFolder("ingest")
        try folder.write("talks/one.vtt", interviewVTT)
        try folder.write("talks/one.chapters.vtt", chaptersVTT)
        let collection = CollectionReader().read(folder.path + "/talks/")
        XCTAssertEqual(collection.name, "talks")
        XCTAssertEqual(collection.interviews.map(\.id), ["one"])
        XCTAssertEqual(collection.interviews[0].cues.map(\.role), ["", "", "", ""])

        let single = CollectionReader().read(folder.path + "/talks/one.vtt")
        XCTAssertEqual(single.name, "talks")
        XCTAssertEqual(single.interviews.map(\.id), ["one"])
        XCTAssertEqual(single.interviews[0].chapters.count, 2)
        XCTAssertEqual(single.interviews[0].cues.map(\.chapter), ["", "Introductions", "Main topic", ""])
        XCTAssertEqual(single.interviews[0].source, collection.interviews[0].source)
    }

    func testMissingPath() {
        let collection = CollectionReader().read("/nonexistent/soundbite/path")
        XCTAssertEqual(collection.interviews.count, 0)
        XCTAssertEqual(collection.skippedFiles, ["/nonexistent/soundbite/path"])
        expectOne(collection.diagnostics, containing: "cannot read", severity: .error)
    }

    func testScanAndFingerprintChanges() throws {
        let folder = try TemporaryFolder("ingest")
        try folder.write("a.vtt", interviewVTT)
        try folder.write("collection.json", #"{"interviews": {"a.vtt": {"title": "A"}}}"#)
        let reader = CollectionReader()
        let scan = reader.scan(folder.path)
        XCTAssertEqual(scan.files.map(\.relativePath), ["a.vtt"])
        XCTAssertEqual(scan.files[0].size, UInt64(interviewVTT.utf8.count))
        XCTAssertNil(scan.files[0].chapterTrackPath)
        let first = reader.readInterview(scan.files[0], in: scan)
        XCTAssertEqual(first.diagnostics, [])
        XCTAssertEqual(first.interview?.title, "A")
        XCTAssertEqual(first.interview?.source.size, scan.files[0].size)
        XCTAssertEqual(first.interview?.source.statStamp, scan.files[0].statStamp)
        let hash1 = first.interview!.source.hash

        // Same bytes, same manifest: same hash.
        XCTAssertEqual(reader.read(folder.path).interviews[0].source.hash, hash1)
        // A manifest change changes the hash (and the scan's manifest hash).
        try folder.write("collection.json", #"{"interviews": {"a.vtt": {"title": "B"}}}"#)
        let scan2 = reader.scan(folder.path)
        XCTAssertNotEqual(scan2.files[0].manifestHash, scan.files[0].manifestHash)
        XCTAssertNotEqual(reader.readInterview(scan2.files[0], in: scan2).interview?.source.hash, hash1)
        // A chapter track counts as part of the interview.
        try folder.write("collection.json", #"{"interviews": {"a.vtt": {"title": "A"}}}"#)
        try folder.write("a.chapters.vtt", chaptersVTT)
        let scan3 = reader.scan(folder.path)
        XCTAssertEqual(scan3.files[0].size, UInt64(interviewVTT.utf8.count + chaptersVTT.utf8.count))
        XCTAssertNotEqual(reader.readInterview(scan3.files[0], in: scan3).interview?.source.hash, hash1)
    }

    func testInMemoryChapterTracks() {
        let collection = CollectionReader().read(
            name: "mem", transcripts: [("./x.vtt", interviewVTT), ("x.chapters.vtt", chaptersVTT), ("y.doc", "no")], manifest: nil)
        XCTAssertEqual(collection.name, "mem")
        XCTAssertEqual(collection.root, "")
        XCTAssertEqual(collection.interviews.map(\.id), ["x"])
        XCTAssertEqual(collection.interviews[0].cues.map(\.chapter), ["", "Introductions", "Main topic", ""])
        XCTAssertEqual(collection.skippedFiles, ["y.doc"])
        expectOne(collection.diagnostics, containing: "not a transcript", file: "y.doc", severity: .error)
    }

    func testChapterLookup() {
        let chapters = [Chapter(title: "A", start: 0, end: 10), Chapter(title: "B", start: 10, end: 20),
                        Chapter(title: "C", start: 15, end: 16), Chapter(title: "D", start: 30, end: .infinity)]
        XCTAssertEqual(InterviewAssembler.chapter(at: 0, in: chapters), "A")
        XCTAssertEqual(InterviewAssembler.chapter(at: 9.999, in: chapters), "A")
        XCTAssertEqual(InterviewAssembler.chapter(at: 10, in: chapters), "B")
        XCTAssertEqual(InterviewAssembler.chapter(at: 15.5, in: chapters), "C")
        XCTAssertEqual(InterviewAssembler.chapter(at: 17, in: chapters), "B")
        XCTAssertNil(InterviewAssembler.chapter(at: 25, in: chapters))
        XCTAssertEqual(InterviewAssembler.chapter(at: 1e9, in: chapters), "D")
        XCTAssertNil(InterviewAssembler.chapter(at: -1, in: chapters))
    }
}
