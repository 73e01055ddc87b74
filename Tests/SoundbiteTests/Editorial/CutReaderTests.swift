import Foundation
import XCTest
@testable import Soundbite

/// The EDL, FCPXML and OTIO readers against fixtures written from the format
/// specifications (Fixtures/Cuts/expected.tsv lists what each must give), and
/// the warnings bad files get.
final class CutReaderTests: XCTestCase {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/Cuts")

    func read(_ name: String, _ reader: CutReader = CutReader()) throws -> Cut {
        let bytes = try [UInt8](Data(contentsOf: Self.fixtures.appendingPathComponent(name)))
        return reader.read(bytes, file: name)
    }

    /// One clip as a line of expected.tsv.
    static func row(_ file: String, _ c: CutClip) -> String {
        func n(_ x: Double) -> String { let r = (x * 1_000_000).rounded() / 1_000_000; return r == r.rounded() ? String(Int(r)) : String(r) }
        return [file, String(c.line), c.name, c.reel, c.media, c.sourceName, c.interview, n(c.start), n(c.end),
                c.mediaStart.map(n) ?? "-"].joined(separator: "\t")
    }

    func testFixturesGiveTheExpectedClips() throws {
        let expected = try String(contentsOf: Self.fixtures.appendingPathComponent("expected.tsv"), encoding: .utf8)
            .split(separator: "\n").filter { !$0.hasPrefix("#") }.map(String.init)
        var got: [String] = []
        for (file, format) in [("final.edl", CutFormat.edl), ("final.fcpxml", .fcpxml), ("final.otio", .otio)] {
            let cut = try read(file)
            XCTAssertEqual(cut.format, format, file)
            XCTAssertEqual(CutFormat(detecting: try Data(contentsOf: Self.fixtures.appendingPathComponent(file))), format)
            got += cut.clips.map { Self.row(file, $0) }
        }
        XCTAssertEqual(got, expected)
    }

    func testEDLWarningsNameTheirLines() throws {
        let cut = try read("final.edl")
        let lines = cut.warnings.map(\.line)
        XCTAssertEqual(lines, [11, 14, 16, 18, 19, 20], cut.warnings.map(\.description).joined(separator: "\n"))
        XCTAssertTrue(cut.warnings[0].message.contains("transition D read as a cut"))
        XCTAssertTrue(cut.warnings[1].message.contains("M2"))
        XCTAssertTrue(cut.warnings[2].message.contains("overlapping"))
        XCTAssertTrue(cut.warnings[3].message.contains("10:00:30:27"))
        XCTAssertTrue(cut.warnings[3].message.contains("--fps"))
        XCTAssertTrue(cut.warnings[4].message.contains("before source in"))
        XCTAssertEqual(cut.warnings[0].file, "final.edl")
        // Read at 30 fps, the 27th frame is a frame.
        XCTAssertEqual(try read("final.edl", CutReader(edlRate: .fps30)).clips.count, 6)
    }

    func testFCPXMLWarnings() throws {
        let cut = try read("final.fcpxml")
        XCTAssertEqual(cut.warnings.map(\.line), [38])
        XCTAssertTrue(cut.warnings[0].message.contains("multicam"))
    }

    func testOTIOHasNoWarnings() throws {
        XCTAssertEqual(try read("final.otio").warnings, [])
    }

    func testDropFrameEDL() {
        let edl = "TITLE: df\nFCM: DROP FRAME\n001  TAPE1 V C 00:01:00;02 00:01:00;12 01:00:00;00 01:00:00;10\n"
            + "FCM: NON-DROP FRAME\n002  TAPE1 V C 00:01:00:00 00:01:00:10 01:00:00;10 01:00:00;20\n"
        let cut = CutReader().read(Array(edl.utf8), file: "df.edl")
        XCTAssertEqual(cut.clips.count, 2)
        XCTAssertEqual(cut.clips[0].start, Timecode("00:01:00;02", rate: .fps29_97DF)!.seconds)
        XCTAssertEqual(cut.clips[0].start, 1800 * 1001 / 30000)
        // Under NON-DROP FRAME the default rate is 25.
        XCTAssertEqual(cut.clips[1].start, 60)
        XCTAssertEqual(cut.clips[1].end, 60.4)
        // A drop-frame label that does not exist (;00 of minute 1) is a warning.
        let bad = CutReader().read(Array("FCM: DROP FRAME\n001  T V C 00:01:00;00 00:01:00;12 01:00:00;00 01:00:00;12\n".utf8), file: "x")
        XCTAssertEqual(bad.clips.count, 0)
        XCTAssertEqual(bad.warnings.first?.line, 2)
        // An explicit rate follows FCM: 29.97 becomes 29.97 DF under DROP FRAME.
        let explicit = CutReader(edlRate: .fps29_97).read(Array(edl.utf8), file: "df.edl")
        XCTAssertEqual(explicit.clips[0].start, cut.clips[0].start)
        XCTAssertEqual(explicit.clips[1].start, Timecode("00:01:00:00", rate: .fps29_97)!.seconds)
    }

    func testFCPXMLTimes() {
        var log = CutLog(file: "t", limit: 10)
        XCTAssertEqual(FCPXMLReader.time("1001/30000s", line: 1, log: &log), 1001.0 / 30000)
        XCTAssertEqual(FCPXMLReader.time("5s", line: 1, log: &log), 5)
        XCTAssertEqual(FCPXMLReader.time("0s", line: 1, log: &log), 0)
        XCTAssertEqual(FCPXMLReader.time("", line: 1, log: &log, default: 3), 3)
        XCTAssertEqual(log.warnings, [])
        for bad in ["", "5", "s", "1/0s", "1//2s", "99999999999999999999s", "1/99999999999999999999s", "5s5", "abc", "-/3s"] {
            XCTAssertNil(FCPXMLReader.time(bad, line: 7, log: &log), bad)
        }
        XCTAssertEqual(log.warnings.count, 10)
        XCTAssertTrue(log.warnings.allSatisfy { $0.line == 7 })
    }

    func testGarbageTruncationAndWrongFilesGiveWarnings() throws {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<20 {
            let bytes = (0..<Int.random(in: 0..<2000, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            for format in CutFormat.allCases {
                let cut = CutReader().read(bytes, file: "g", format: format)
                XCTAssertFalse(cut.warnings.isEmpty)
            }
        }
        // Cut short in the middle of the fourth clip, the first three are kept.
        let fcpxml = try [UInt8](Data(contentsOf: Self.fixtures.appendingPathComponent("final.fcpxml")))
        let cutAt = Array(fcpxml.prefix(upTo: try XCTUnwrap(firstRange(of: "Ruth again", in: fcpxml))))
        let short = CutReader().read(cutAt, file: "short.fcpxml")
        XCTAssertEqual(short.clips.map(\.name), ["Ruth", "cutaway", "Sam"])
        XCTAssertTrue(short.warnings.contains { $0.message.contains("not well-formed") })
        let otio = try [UInt8](Data(contentsOf: Self.fixtures.appendingPathComponent("final.otio")))
        let otioShort = CutReader().read(Array(otio.prefix(upTo: try XCTUnwrap(firstRange(of: "switched off", in: otio)))), file: "short.otio")
        XCTAssertEqual(otioShort.clips.map(\.name), ["Ruth", "Sam", "Sam on homework"])
        XCTAssertEqual(otioShort.warnings.count, 1)
        // The wrong kind of file says what it is not.
        XCTAssertTrue(CutReader().read(Array("<html><body/></html>".utf8), file: "p").warnings[0].message.contains("not FCPXML"))
        XCTAssertTrue(CutReader().read(Array(#"{"a": 1}"#.utf8), file: "p").warnings[0].message.contains("not OpenTimelineIO"))
        XCTAssertTrue(CutReader().read([], file: "empty").warnings[0].message.contains("no clips"))
        let events = CutReader().read(Array("<fcpxml version=\"1.10\"><library><event><asset-clip ref=\"r1\" duration=\"5s\"/></event></library></fcpxml>".utf8), file: "e")
        XCTAssertEqual(events.clips, [])
        XCTAssertTrue(events.warnings[0].message.contains("no project"))
        XCTAssertTrue(CutReader().read(Array("<fcpxml version=\"2.0\"/>".utf8), file: "v").warnings[0].message.contains("version 2.0"))
    }

    private func firstRange(of text: String, in bytes: [UInt8]) -> Int? {
        let needle = Array(text.utf8)
        return (0...(bytes.count - needle.count)).first { bytes[$0..<($0 + needle.count)].elementsEqual(needle) }
    }

    func testAHundredThousandEventsAndMore() {
        var edl = "TITLE: long\nFCM: NON-DROP FRAME\n"
        edl.reserveCapacity(100_002 * 80)
        let rate = FrameRate.fps25
        for k in 0..<100_002 {
            let src = Timecode(frame: Int64(k) * 25, rate: rate), out = Timecode(frame: Int64(k) * 25 + 20, rate: rate)
            let rec = Timecode(frame: 90_000 + Int64(k) * 20, rate: rate), recOut = Timecode(frame: 90_000 + Int64(k) * 20 + 20, rate: rate)
            edl += "\(k % 1000)  TAPE V C \(src) \(out) \(rec) \(recOut)\n"
        }
        let cut = CutReader().read(Array(edl.utf8), file: "long.edl")
        XCTAssertEqual(cut.clips.count, 100_000)
        XCTAssertEqual(cut.warnings.map(\.line), [100_003])
        XCTAssertTrue(cut.warnings[0].message.contains("more than 100000 events"))
    }

    func testWarningsAreCapped() {
        let lines = String(repeating: "not an edl\n", count: 1000)
        let cut = CutReader().read(Array(lines.utf8), file: "x.edl")
        XCTAssertEqual(cut.warnings.count, 201)
        XCTAssertEqual(cut.warnings.last?.message, "800 more warnings not shown")
    }
}

extension CutReaderTests {
    /// Compound clips that use each other ten times over, eight deep, would
    /// be 10^8 walks: the walk stops at its budget with a warning.
    func testNestedCompoundClipsCannotMultiplyTheWork() {
        var xml = "<fcpxml version=\"1.10\"><resources><format id=\"f\" frameDuration=\"1/25s\"/>"
            + "<asset id=\"a\" start=\"0s\" duration=\"100s\" format=\"f\" src=\"x.mov\"/>"
        for level in 0..<9 {
            xml += "<media id=\"m\(level)\"><sequence format=\"f\" duration=\"10s\"><spine>"
            for k in 0..<10 {
                xml += level == 0 ? "<asset-clip ref=\"a\" offset=\"\(k)s\" start=\"\(k)s\" duration=\"1s\"/>"
                    : "<ref-clip ref=\"m\(level - 1)\" offset=\"\(k)s\" start=\"0s\" duration=\"10s\"/>"
            }
            xml += "</spine></sequence></media>"
        }
        xml += "</resources><library><event><project><sequence format=\"f\"><spine>"
            + "<ref-clip ref=\"m8\" offset=\"0s\" duration=\"10s\"/></spine></sequence></project></event></library></fcpxml>"
        var reader = CutReader()
        reader.maxClips = 10_000_000
        let cut = reader.read(Array(xml.utf8), file: "nest.fcpxml")
        XCTAssertTrue(cut.warnings.contains { $0.message.contains("compound clips") }, "\(cut.warnings)")
        XCTAssertLessThanOrEqual(cut.clips.count, FCPXMLReader.maxVisits)
    }
}
