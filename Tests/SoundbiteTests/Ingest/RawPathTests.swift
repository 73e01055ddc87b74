import Foundation
import XCTest
@testable import Soundbite
import SoundbiteTestSupport

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// File names are bytes: a transcript whose name is not UTF-8 (Latin-1
/// `caf\xE9.vtt`, as old archives have) is listed, opened and indexed like any
/// other, and shown with the odd bytes escaped as `\xHH`.
final class RawPathTests: XCTestCase {
    /// Creates `folder/name` (name given as bytes) holding `text`.
    private func create(_ folder: String, _ name: [UInt8], _ text: String) {
        let path = Array(folder.utf8) + [UInt8(ascii: "/")] + name + [0]
        let fd = path.withUnsafeBufferPointer { p in
            p.baseAddress!.withMemoryRebound(to: CChar.self, capacity: path.count) { open($0, O_WRONLY | O_CREAT | O_TRUNC, 0o644) }
        }
        XCTAssertGreaterThanOrEqual(fd, 0)
        let bytes = Array(text.utf8)
        XCTAssertEqual(bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }, bytes.count)
        close(fd)
    }

    private func vtt(_ speaker: String, _ text: String) -> String {
        "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n<v \(speaker)>\(text)\n"
    }

    private let latin1Name: [UInt8] = Array("caf".utf8) + [0xE9] + Array(".vtt".utf8)
    private let latin1Track: [UInt8] = Array("caf".utf8) + [0xE9] + Array(".chapters.vtt".utf8)

    func testDisplayEscapesOnlyWhatIsNotPrintableUTF8() {
        XCTAssertEqual(RawPath(bytes: Array("zoë/talk.vtt".utf8)).description, "zoë/talk.vtt")
        XCTAssertEqual(RawPath(bytes: latin1Name).description, "caf\\xE9.vtt")
        XCTAssertEqual(RawPath(bytes: [0x61, 0xC3]).description, "a\\xC3")                 // truncated sequence
        XCTAssertEqual(RawPath(bytes: [0xED, 0xA0, 0x80]).description, "\\xED\\xA0\\x80")   // a surrogate
        XCTAssertEqual(RawPath(bytes: Array("a\nb\u{7F}".utf8)).description, "a\\x0Ab\\x7F")
        XCTAssertEqual(RawPath("plain").bytes, Array("plain".utf8))
        XCTAssertEqual(RawPath("/a").appending(Array("b".utf8)).bytes, Array("/a/b".utf8))
    }

    func testATranscriptWhoseNameIsNotUTF8IsReadWithItsChapters() throws {
        let folder = try TemporaryFolder("raw-path")
        create(folder.path, latin1Name, vtt("Ines Pardo", "The espresso machine broke on day one."))
        create(folder.path, latin1Track, "WEBVTT\n\n00:00:00.000 --> 00:00:10.000\nOpening\n")
        try folder.write("plain.vtt", vtt("Tom Reyes", "We fixed it with tape."))
        let collection = CollectionReader().read(folder.path)
        XCTAssertEqual(collection.diagnostics, [], diagnosticsText(collection.diagnostics))
        XCTAssertEqual(collection.skippedFiles, [])
        XCTAssertEqual(collection.interviews.map(\.id), ["caf\\xE9", "plain"])
        XCTAssertEqual(collection.interviews[0].path, "caf\\xE9.vtt")
        XCTAssertEqual(collection.interviews[0].cues.map(\.chapter), ["Opening"])
        XCTAssertEqual(collection.interviews[0].cues.map(\.speaker), ["Ines Pardo"])
        let hits = try SearchIndex(building: [collection]).search("espresso").hits
        XCTAssertEqual(hits.map(\.interview), ["caf\\xE9"])
    }

    func testAnUpdateKeepsTheFileAndEqualsAFreshBuild() throws {
        let folder = try TemporaryFolder("raw-path")
        create(folder.path, latin1Name, vtt("Ines Pardo", "The espresso machine broke on day one."))
        create(folder.path, [0xFF, 0xFE] + Array(".srt".utf8), "1\n00:00:01,000 --> 00:00:02,000\nGrinder noises.\n")
        let (first, report) = SearchIndex.update(nil, paths: [folder.path])
        XCTAssertEqual(report.added, 2, diagnosticsText(report.diagnostics))
        let (second, again) = SearchIndex.update(first, paths: [folder.path])
        XCTAssertEqual(again.unchanged, 2)
        XCTAssertEqual(again.added, 0)
        XCTAssertTrue(Array(second.image) == Array(first.image))
        XCTAssertEqual(second.interviewIDs.sorted(), ["\\xFF\\xFE", "caf\\xE9"])
    }

    /// `X.SRT` sorts before `X.chapters.vtt` (upper case first): the track is
    /// still found, in a name that is not UTF-8 as well.
    func testAChapterTrackListedAfterItsTranscriptIsAttached() throws {
        let folder = try TemporaryFolder("raw-path")
        let stem: [UInt8] = Array("t".utf8) + [0xE9]
        create(folder.path, stem + Array(".SRT".utf8), "1\n00:00:01,000 --> 00:00:02,000\nFirst words.\n")
        create(folder.path, stem + Array(".chapters.vtt".utf8), "WEBVTT\n\n00:00:00.000 --> 00:00:10.000\nStart\n")
        let collection = CollectionReader().read(folder.path)
        XCTAssertEqual(collection.diagnostics, [], diagnosticsText(collection.diagnostics))
        XCTAssertEqual(collection.interviews.map(\.path), ["t\\xE9.SRT"])
        XCTAssertEqual(collection.interviews.first?.cues.map(\.chapter), ["Start"])
    }

    /// A name whose escaped form equals another file's real name is kept
    /// apart: the second one is skipped with a diagnostic, never merged.
    func testTwoNamesShownAlikeAreNotConfused() throws {
        let folder = try TemporaryFolder("raw-path")
        create(folder.path, latin1Name, vtt("Ines Pardo", "Latin one bytes."))
        try folder.write("caf\\xE9.vtt", vtt("Tom Reyes", "A backslash in the name."))
        let collection = CollectionReader().read(folder.path)
        XCTAssertEqual(collection.interviews.map(\.cues.first?.text), ["A backslash in the name."])
        XCTAssertEqual(collection.skippedFiles, ["caf\\xE9.vtt"])
        expectOne(collection.diagnostics, containing: "another file's name", severity: .error)
    }
}
