import Foundation
import XCTest
@testable import Soundbite
import SoundbiteTestSupport
#if canImport(Glibc)
import Glibc
#endif

/// Bad input never stops a run: each case gives the right diagnostic with file
/// and line, and every good cue around it is kept.
final class BadInputTests: XCTestCase {
    private let good = "WEBVTT\n\n00:01.000 --> 00:02.000\n<v Ruth Okafor>Good one.\n\n00:02.000 --> 00:03.000\nGood two.\n"

    /// Writes `good.vtt` plus the bad files, reads the folder and checks that
    /// the good interview came through whole.
    private func readWithGood(_ bad: [(String, [UInt8])], limits: IngestLimits = .standard,
                              file: StaticString = #filePath, line: UInt = #line) throws -> Collection {
        let folder = try TemporaryFolder("ingest")
        try folder.write("good.vtt", good)
        for (name, bytes) in bad { try folder.write(name, bytes: bytes) }
        let collection = CollectionReader(limits: limits).read(folder.path)
        let goodInterview = collection.interviews.first { $0.path == "good.vtt" }
        XCTAssertEqual(goodInterview?.cues.map(cueLine), [
            "1.0-2.0 [Ruth Okafor||] Good one. @3",
            "2.0-3.0 [Ruth Okafor||] Good two. @6",
        ], file: file, line: line)
        return collection
    }

    private func interview(_ c: Collection, _ path: String) -> Interview? {
        c.interviews.first { $0.path == path }
    }

    func testEmptyFile() throws {
        let c = try readWithGood([("empty.vtt", []), ("blank.txt", Array("\n  \n\r\n".utf8))])
        expectOne(c.diagnostics.filter { $0.file == "empty.vtt" }, containing: "the file is empty", file: "empty.vtt", line: 0)
        expectOne(c.diagnostics.filter { $0.file == "blank.txt" }, containing: "the file is empty", file: "blank.txt", line: 0)
        XCTAssertEqual(interview(c, "empty.vtt")?.cues, [])
        XCTAssertEqual(c.diagnostics.count, 2, diagnosticsText(c.diagnostics))
    }

    func testBinaryFile() throws {
        // A PNG header and pseudo-random bytes: not text at all.
        var bytes: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D]
        var generator = SplitMix64(seed: 7)
        for _ in 0..<2000 { bytes.append(UInt8(truncatingIfNeeded: generator.next())) }
        let c = try readWithGood([("image.srt", bytes)])
        expectOne(c.diagnostics, containing: "an image", file: "image.srt", line: 0, severity: .error)
        XCTAssertEqual(c.skippedFiles, ["image.srt"])
        XCTAssertNil(interview(c, "image.srt"))
    }

    func testNULBytesInTextAreReadAsReplacementCharacters() throws {
        // As the W3C parser does: a NUL is U+FFFD, and the file is read.
        var bytes = Array("WEBVTT\n\n00:01.000 --> 00:02.000\nkept ".utf8) + [0x00] + Array(" words\n".utf8)
        bytes += Array("\n00:02.000 --> 00:03.000\nmore".utf8) + [0x00, 0x00] + Array("words\n".utf8)
        let c = try readWithGood([("nul.vtt", bytes)])
        XCTAssertEqual(interview(c, "nul.vtt")?.cues.map(\.text), ["kept \u{FFFD} words", "more\u{FFFD}\u{FFFD}words"])
        expectOne(c.diagnostics, containing: "NUL byte (first on this line); read it as U+FFFD", file: "nul.vtt", line: 4)
        XCTAssertEqual(c.skippedFiles, [])
    }

    func testUTF16FilesWithAByteOrderMarkAreRead() throws {
        let text = "WEBVTT\n\n00:01.000 --> 00:02.000\n<v Zoë>Grüße, 世界 \u{1F600}\n"
        let units = Array(text.utf16)
        let little: [UInt8] = [0xFF, 0xFE] + units.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let big: [UInt8] = [0xFE, 0xFF] + units.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        let c = try readWithGood([("le.vtt", little), ("be.vtt", big + [0x41])])
        for name in ["le.vtt", "be.vtt"] {
            XCTAssertEqual(interview(c, name)?.cues.map(cueLine), ["1.0-2.0 [Zoë||] Grüße, 世界 \u{1F600} @3"], name)
        }
        expectOne(c.diagnostics, containing: "odd number of bytes", file: "be.vtt", line: 0)
        XCTAssertEqual(c.diagnostics.count, 1, diagnosticsText(c.diagnostics))
    }

    func testInvalidUTF8OneWarningFirstLine() throws {
        var bytes = Array("WEBVTT\n\n00:01.000 --> 00:02.000\nCaf".utf8) + [0xE9] + Array(" au lait\n\n00:02.000 --> 00:03.000\nBad ".utf8)
        bytes += [0xC3, 0x28, 0xFF] + Array("\n\n00:03.000 --> 00:04.000\nFine.\n".utf8)
        let c = try readWithGood([("latin1.vtt", bytes)])
        expectOne(c.diagnostics, containing: "invalid UTF-8", file: "latin1.vtt", line: 4)
        XCTAssertEqual(c.diagnostics.count, 1, diagnosticsText(c.diagnostics))
        XCTAssertEqual(interview(c, "latin1.vtt")?.cues.map(\.text), ["Caf\u{FFFD} au lait", "Bad \u{FFFD}(\u{FFFD}", "Fine."])
    }

    func testBOMAndCRLF() throws {
        let srt = "\u{FEFF}1\r\n00:00:01,000 --> 00:00:02,000\r\nSam: Hi.\r\n\r\n2\r\n00:00:02,000 --> 00:00:03,500\r\nBye.\r\n"
        let vtt = "\u{FEFF}WEBVTT\r\n\r\n00:01.000 --> 00:02.000\r\nOne\r\n"
        let txt = "\u{FEFF}[00:00:01] Sam: Hi.\r[00:00:02] Bye.\r"
        let c = try readWithGood([("a.srt", Array(srt.utf8)), ("b.vtt", Array(vtt.utf8)), ("c.txt", Array(txt.utf8))])
        XCTAssertEqual(c.diagnostics, [], diagnosticsText(c.diagnostics))
        XCTAssertEqual(interview(c, "a.srt")?.cues.map(cueLine), ["1.0-2.0 [Sam||] Hi. @2", "2.0-3.5 [Sam||] Bye. @6"])
        XCTAssertEqual(interview(c, "b.vtt")?.cues.map(cueLine), ["1.0-2.0 [||] One @3"])
        XCTAssertEqual(interview(c, "c.txt")?.cues.map(cueLine), ["1.0-2.0 [Sam||] Hi. @1", "2.0-2.4 [Sam||] Bye. @2"])
    }

    func testFiftyMegabyteSingleLine() throws {
        let big = [UInt8](repeating: UInt8(ascii: "a"), count: 50 << 20)
        var vtt = Array("WEBVTT\n\n00:01.000 --> 00:02.000\nBefore.\n\n00:02.000 --> 00:03.000\n".utf8)
        vtt += big
        vtt += Array("\n\n00:03.000 --> 00:04.000\nAfter.\n".utf8)
        let c = try readWithGood([("oneline.txt", big), ("wrapped.vtt", vtt)])
        expectOne(c.diagnostics.filter { $0.file == "oneline.txt" }, containing: "longer than the limit of 1048576; skipped the line", line: 1)
        expectOne(c.diagnostics.filter { $0.file == "oneline.txt" }, containing: "no cues found in the file", line: 0)
        expectOne(c.diagnostics.filter { $0.file == "wrapped.vtt" }, containing: "skipped the line", line: 7)
        XCTAssertEqual(interview(c, "oneline.txt")?.cues, [])
        XCTAssertEqual(interview(c, "wrapped.vtt")?.cues.map(cueLine), [
            "1.0-2.0 [||] Before. @3", "3.0-4.0 [||] After. @9",
        ])
        XCTAssertEqual(interview(c, "wrapped.vtt")?.source.size, UInt64(vtt.count))
    }

    func testTimestampsOutOfOrderAndEndBeforeStart() throws {
        let vtt = """
        WEBVTT

        00:10.000 --> 00:11.000
        Ten.

        00:05.000 --> 00:06.000
        Five, out of order.

        00:20.000 --> 00:19.000
        Backwards.

        00:21.000 --> 00:22.000
        Twenty-one.
        """
        let c = try readWithGood([("order.vtt", Array(vtt.utf8))])
        expectOne(c.diagnostics, containing: "before the previous cue (00:10.000); kept the cue", file: "order.vtt", line: 6)
        expectOne(c.diagnostics, containing: "before it starts at 00:20.000; kept the cue, ending at its start", file: "order.vtt", line: 9)
        XCTAssertEqual(interview(c, "order.vtt")?.cues.map(\.text), ["Ten.", "Five, out of order.", "Backwards.", "Twenty-one."])
        XCTAssertEqual(interview(c, "order.vtt")?.cues[2].end, 20)
    }

    func testUnclosedAndDeepTags() throws {
        let deep = String(repeating: "<i>", count: 40) + "Deep." + String(repeating: "</i>", count: 40)
        let vtt = "WEBVTT\n\n00:01.000 --> 00:02.000\n<v Sam>Open <i>italic never closed\n\n00:02.000 --> 00:03.000\nBroken <b tag text\n\n00:03.000 --> 00:04.000\n\(deep)\n"
        let c = try readWithGood([("tags.vtt", Array(vtt.utf8))])
        expectOne(c.diagnostics, containing: "no closing", file: "tags.vtt", line: 6)
        expectOne(c.diagnostics, containing: "nested deeper than 32", file: "tags.vtt", line: 9)
        XCTAssertEqual(interview(c, "tags.vtt")?.cues.map(cueLine), [
            "1.0-2.0 [Sam||] Open italic never closed @3",
            "2.0-3.0 [Sam||] Broken b tag text @6",
            "3.0-4.0 [Sam||] Deep. @9",
        ])
    }

    func testTruncatedFile() throws {
        let full = "WEBVTT\n\n00:01.000 --> 00:02.000\nFirst.\n\n00:02.000 --> 00:03.000\nSecond cue is cut here\n\n00:03.000 --> 00:04.000\nThird.\n"
        let midText = String(full.prefix(full.count - 40))
        let midTiming = String(full.utf8.prefix(full.utf8.count - 14))!
        let c = try readWithGood([("cut-text.vtt", Array(midText.utf8)), ("cut-timing.vtt", Array(midTiming.utf8))])
        XCTAssertEqual(interview(c, "cut-text.vtt")?.cues.map(\.text), ["First.", "Second cue is c"])
        XCTAssertEqual(interview(c, "cut-timing.vtt")?.cues.map(\.text), ["First.", "Second cue is cut here"])
        expectOne(c.diagnostics, containing: "cannot read the cue timing \u{201C}00:03.000 --> 00:\u{201D}; the cue has no text", file: "cut-timing.vtt", line: 9)
        XCTAssertEqual(c.diagnostics.count, 1, diagnosticsText(c.diagnostics))
        // Every prefix of a file parses without trouble and keeps the cues it holds whole.
        let bytes = Array(full.utf8)
        for cut in 0...bytes.count {
            let parsed = WebVTTParser(file: "x.vtt").parse(String(decoding: bytes[0..<cut], as: UTF8.self))
            if cut >= 38 { XCTAssertEqual(parsed.cues.first?.text, "First.", "cut at \(cut)") }
            XCTAssertLessThanOrEqual(parsed.cues.count, 3)
        }
    }

    func testManifestNotJSON() throws {
        let folder = try TemporaryFolder("ingest")
        try folder.write("collection.json", "{\n  \"name\": \"Broken\",\n  \"roles\": { \"Ruth Okafor\": head teacher }\n}\n")
        try folder.write("good.vtt", good)
        let c = CollectionReader().read(folder.path)
        expectOne(c.diagnostics, containing: "not valid JSON", file: "collection.json", line: 3)
        XCTAssertTrue(c.diagnostics[0].message.contains("read the collection without the manifest"), c.diagnostics[0].message)
        XCTAssertEqual(c.name, CollectionReader.lastComponent(folder.path))
        XCTAssertEqual(c.interviews.first?.cues.map(cueLine), ["1.0-2.0 [Ruth Okafor||] Good one. @3", "2.0-3.0 [Ruth Okafor||] Good two. @6"])
        for (text, line) in [("", 1), ("[1, 2]", 1), ("{\"a\": 1}}", 1), ("\n\n{\"name\": \"x\"", 3)] {
            let result = Manifest.parse(text)
            XCTAssertNil(result.manifest, text)
            XCTAssertEqual(result.diagnostics.map(\.line), [line], "\(text.debugDescription): \(diagnosticsText(result.diagnostics))")
        }
    }

    func testManifestNamingMissingFiles() throws {
        let folder = try TemporaryFolder("ingest")
        try folder.write("collection.json", """
        {
          "interviews": {
            "good.vtt": {"title": "Good"},
            "missing.vtt": {"title": "Missing"},
            "sub/also-missing.srt": {}
          }
        }
        """)
        try folder.write("good.vtt", good)
        let c = CollectionReader().read(folder.path)
        XCTAssertEqual(c.diagnostics.map(\.line), [4, 5], diagnosticsText(c.diagnostics))
        expectOne(c.diagnostics, containing: "\u{201C}missing.vtt\u{201D}", file: "collection.json", line: 4)
        expectOne(c.diagnostics, containing: "\u{201C}sub/also-missing.srt\u{201D}", file: "collection.json", line: 5)
        XCTAssertEqual(c.interviews.map(\.title), ["Good"])
        XCTAssertEqual(c.interviews.first?.cues.count, 2)
    }

    func testUnreadableTooLargeAndSpecialFiles() throws {
        let folder = try TemporaryFolder("ingest")
        try folder.write("good.vtt", good)
        try folder.write("large.srt", String(repeating: "x", count: 5000))
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/broken.vtt", withDestinationPath: folder.path + "/nowhere.vtt")
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/loop", withDestinationPath: folder.path)
        #if canImport(Glibc)
        XCTAssertEqual(mkfifo(folder.path + "/pipe.txt", 0o600), 0)
        #endif
        let c = CollectionReader(limits: IngestLimits(maxFileBytes: 4096)).read(folder.path)
        expectOne(c.diagnostics, containing: "cannot read the file", file: "broken.vtt", line: 0, severity: .error)
        expectOne(c.diagnostics, containing: "larger than the limit of 4096", file: "large.srt", line: 0, severity: .error)
        #if canImport(Glibc)
        expectOne(c.diagnostics, containing: "not a regular file", file: "pipe.txt", line: 0, severity: .error)
        #endif
        XCTAssertTrue(Set(c.skippedFiles).isSuperset(of: ["broken.vtt", "large.srt"]), "\(c.skippedFiles)")
        XCTAssertEqual(c.interviews.map(\.path), ["good.vtt"])
        XCTAssertEqual(c.interviews.first?.cues.count, 2)
    }

    func testOverlongCueIsCut() {
        let limits = IngestLimits(maxCueBytes: 20)
        let parsed = WebVTTParser(file: "x.vtt", limits: limits).parse("WEBVTT\n\n00:01.000 --> 00:02.000\nabcdefghij\nklmnopqrstuvwxyz\nmore\n\n00:02.000 --> 00:03.000\nok\n")
        XCTAssertEqual(parsed.cues.map(\.text), ["abcdefghij klmnopqrs", "ok"])
        expectOne(parsed.diagnostics, containing: "longer than 20 bytes; cut it", line: 3)
    }
}

extension BadInputTests {
    func testGarbageFileDiagnosticsAreAllKeptUnlessCapped() {
        let garbage = String(repeating: "junk\n\n", count: 500) + "00:01.000 --> 00:02.000\nStill read.\n"
        let all = CollectionReader().read(name: "x", transcripts: [("g.vtt", "WEBVTT\n\n" + garbage)], manifest: nil)
        XCTAssertEqual(all.diagnostics.count, 500)
        XCTAssertEqual(Set(all.diagnostics.map(\.line)).count, 500)
        let c = CollectionReader(limits: IngestLimits(maxDiagnosticsPerFile: 10)).read(
            name: "x", transcripts: [("g.vtt", "WEBVTT\n\n" + garbage)], manifest: nil)
        XCTAssertEqual(c.diagnostics.count, 11, diagnosticsText(c.diagnostics))
        XCTAssertEqual(c.diagnostics.last?.message, "490 more problems in this file not listed")
        XCTAssertEqual(c.interviews.first?.cues.map(\.text), ["Still read."])
    }
}
