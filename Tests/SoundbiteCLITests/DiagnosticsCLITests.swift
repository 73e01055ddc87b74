import Foundation
import XCTest
import SoundbiteCLI

/// Every diagnostic is reachable from the CLI, and none can forge a line.
final class DiagnosticsCLITests: XCTestCase {
    func run(_ args: [String]) -> (status: Int32, out: String, err: String) {
        SoundbiteCommand.capture(args, stdin: [])
    }

    /// A folder with 80 stray blocks in one file and a file whose name holds
    /// a line end and an escape sequence.
    func makeFolder() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sb-diag-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let junk = "WEBVTT\n\n" + String(repeating: "stray words\n\n", count: 80) + "00:01.000 --> 00:02.000\nkept\n"
        try junk.write(to: dir.appendingPathComponent("junk.vtt"), atomically: true, encoding: .utf8)
        let evil = "evil\nfake.vtt:1: error: forged\u{1B}[2K.vtt"
        try "WEBVTT\n\n00:02.000 --> 00:01.000\nbackwards\n".write(to: dir.appendingPathComponent(evil), atomically: true, encoding: .utf8)
        return dir
    }

    func testStatsListsEveryDiagnosticInTextAndJSON() throws {
        let dir = try makeFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        // Reading prints the first 50 and says how to see the rest.
        let plain = run(["stats", dir.path])
        XCTAssertEqual(plain.status, 0, plain.err)
        let errLines = plain.err.split(separator: "\n")
        XCTAssertEqual(errLines.count, 51, plain.err)
        XCTAssertTrue(errLines.last?.contains("… and 31 more diagnostics; `soundbite stats PATH --diagnostics` lists them all") ?? false, plain.err)

        let listed = run(["stats", dir.path, "--diagnostics"])
        XCTAssertEqual(listed.status, 0, listed.err)
        XCTAssertEqual(listed.err, "")
        let lines = listed.out.split(separator: "\n", omittingEmptySubsequences: false)
        let start = try XCTUnwrap(lines.firstIndex { $0 == "diagnostics 81:" }, listed.out)
        let listedLines = lines[(start + 1)...].filter { !$0.isEmpty }
        XCTAssertEqual(listedLines.count, 81)
        XCTAssertEqual(listedLines.filter { $0.hasPrefix("junk.vtt:") }.count, 80)
        // The control characters of the file name are escaped: no forged line.
        XCTAssertTrue(listedLines.contains("evil\\x0Afake.vtt:1: error: forged\\x1B[2K.vtt:3: warning: cue ends at 00:01.000, before it starts at 00:02.000; kept the cue, ending at its start"), listed.out)
        XCTAssertFalse(listed.out.contains("\u{1B}"))
        XCTAssertFalse(lines.contains { $0.hasPrefix("fake.vtt") })

        let json = run(["stats", dir.path, "--diagnostics", "--format", "json"])
        XCTAssertEqual(json.status, 0, json.err)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [String: Any])
        let diagnostics = try XCTUnwrap(object["diagnostics"] as? [[String: Any]])
        XCTAssertEqual(diagnostics.count, 81)
        XCTAssertEqual(object["cues"] as? Int, 2)
        let evil = try XCTUnwrap(diagnostics.first { ($0["file"] as? String)?.hasPrefix("evil") ?? false })
        // The reader names a file by its path with control bytes escaped.
        XCTAssertEqual(evil["file"] as? String, "evil\\x0Afake.vtt:1: error: forged\\x1B[2K.vtt")
        XCTAssertEqual(evil["line"] as? Int, 3)
        XCTAssertEqual(evil["severity"] as? String, "warning")
    }

    func testDiagnosticsNeedTheCollectionNotAnIndex() throws {
        let r = run(["stats", "-i", "/nonexistent.sbx", "--diagnostics"])
        XCTAssertEqual(r.status, 2)
        XCTAssertTrue(r.err.contains("--diagnostics needs the collection PATHs"), r.err)
    }
}
