import Foundation
import XCTest
import SoundbiteCLI

/// `stats` and `index` on a folder of tool exports: formats are reported,
/// and every file that is not read is listed and counted.
final class FormatsCLITests: XCTestCase {
    func testStatsReportsFormatsAndSkippedFiles() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sb-cli-formats-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        func write(_ name: String, _ text: String) throws {
            try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        try write("a.txt", "Ada Quince  0:00\nThe kiln was cold that morning.\n\nBo Yarrow  0:05\nWe lit it anyway.\n")
        try write("b.txt", "Ada Quince (00:00):\nThe kiln was cold. [inaudible 00:00:02]\n\nBo Yarrow (00:05):\nWe lit it.\n")
        try write("c.vtt", "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Ada Quince>Cold kiln.\n")
        try write("slides.pdf", "%PDF-1.4\n")

        let text = SoundbiteCommand.capture(["stats", dir.path])
        XCTAssertEqual(text.status, 0, text.err)
        XCTAssertTrue(text.out.contains("formats     Otter.ai text 1, Rev text 1, WebVTT 1"), text.out)
        XCTAssertTrue(text.out.contains("skipped     1"), text.out)
        XCTAssertTrue(text.err.contains("slides.pdf: error: a PDF document"), text.err)

        let json = SoundbiteCommand.capture(["stats", dir.path, "--format", "json"])
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [String: Any])
        XCTAssertEqual(object["formats"] as? [String: Int], ["otter-txt": 1, "rev-txt": 1, "vtt": 1])
        XCTAssertEqual(object["skipped"] as? Int, 1)

        let output = dir.appendingPathComponent("i.sbx").path
        let index = SoundbiteCommand.capture(["index", dir.path, "-o", output])
        XCTAssertEqual(index.status, 0, index.err)
        XCTAssertTrue(index.out.contains("indexed 3 interviews") && index.out.contains("1 files skipped"), index.out)
        // The index file now in the folder is passed over, not listed as skipped.
        let again = SoundbiteCommand.capture(["stats", "-i", output, "--format", "json"])
        let reopened = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(again.out.utf8)) as? [String: Any])
        XCTAssertEqual(reopened["formats"] as? [String: Int], ["otter-txt": 1, "rev-txt": 1, "vtt": 1])
        let update = SoundbiteCommand.capture(["index", dir.path, "-o", output])
        XCTAssertTrue(update.out.contains("1 files skipped") && update.out.contains("unchanged 3"), update.out)
    }
}
