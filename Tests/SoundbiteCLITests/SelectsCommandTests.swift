import Foundation
import XCTest
import SoundbiteCLI
import SoundbiteTestSupport

/// `soundbite selects` run in-process: piping search output into it, CSV
/// input, every format, and the exit codes of bad input.
final class SelectsCommandTests: XCTestCase {
    static let schools = CLITests.schools

    func run(_ args: [String], stdin: [String] = []) -> (status: Int32, out: String, err: String) {
        SoundbiteCommand.capture(args, stdin: stdin)
    }

    func testHelpAndUsageErrors() {
        let help = run(["selects", "--help"])
        XCTAssertEqual(help.status, 0)
        XCTAssertTrue(help.out.hasPrefix("usage: soundbite selects FILE..."), help.out)
        XCTAssertEqual(run(["selects", "-"]).status, 2)                                         // no --format
        let fps = run(["selects", "-", "--format", "edl", "--fps", "31"])
        XCTAssertEqual(fps.status, 2)
        XCTAssertTrue(fps.err.contains("--fps must be one of 23.976, 24, 25, 29.97, 29.97df"), fps.err)
        XCTAssertEqual(run(["selects", "-", "--format", "mov"]).status, 2)
        XCTAssertEqual(run(["selects", "-", "--format", "edl", "--snap", "word"]).status, 2)
        XCTAssertEqual(run(["selects", "-", "--format", "edl", "--handles", "-1"]).status, 2)
        XCTAssertEqual(run(["selects", "--format", "edl"]).status, 2)                           // no FILE
        XCTAssertEqual(run(["selects", "/nonexistent/hits.json", "--format", "edl", "-i", Self.schools]).status, 1)
    }

    /// `soundbite search … --format jsonl | soundbite selects - --format fcpxml`.
    func testSearchOutputPipesIntoSelects() throws {
        let search = run(["search", "laptops", "-i", Self.schools, "--format", "jsonl", "-n", "3"])
        XCTAssertEqual(search.status, 0, search.err)
        let lines = search.out.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 3)
        let r = run(["selects", "-", "--format", "fcpxml", "-i", Self.schools, "--fps", "29.97df", "--title", "Laptops"], stdin: lines)
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertEqual(r.out.components(separatedBy: "<asset-clip ").count - 1, 3, r.out)
        XCTAssertTrue(r.out.contains("frameDuration=\"1001/30000s\""), r.out)
        XCTAssertTrue(r.out.contains("tcFormat=\"DF\""))
        XCTAssertTrue(r.out.contains("<project name=\"Laptops\">"))
        for format in ["edl", "otio", "srt", "vtt", "csv"] {
            let out = run(["selects", "-", "--format", format, "-i", Self.schools, "--handles", "1.5"], stdin: lines)
            XCTAssertEqual(out.status, 0, format + out.err)
            XCTAssertFalse(out.out.isEmpty, format)
        }
    }

    func testCSVFileToEDLFile() throws {
        let folder = try TemporaryFolder()
        let csv = folder.url.appendingPathComponent("picks.csv").path
        let edl = folder.url.appendingPathComponent("picks.edl").path
        try "interview,start,end,label\nhillside-03,30,35,first pick\n".write(toFile: csv, atomically: true, encoding: .utf8)
        let r = run(["selects", csv, "--format", "edl", "-o", edl, "-i", Self.schools])
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertTrue(r.err.contains("wrote 1 clip"), r.err)
        let text = try String(contentsOfFile: edl, encoding: .utf8)
        XCTAssertTrue(text.contains("* FROM CLIP NAME: first pick"), text)
        XCTAssertTrue(text.hasPrefix("TITLE: Soundbite selects\nFCM: NON-DROP FRAME\n\n001  HILLSIDE AA/V  C "), text)
    }

    func testBadInputGetsTheLine() throws {
        let unknown = run(["selects", "-", "--format", "edl", "-i", Self.schools], stdin: ["hillside-03,1,2", "no-such-interview,1,2"])
        XCTAssertEqual(unknown.status, 1)
        XCTAssertTrue(unknown.err.contains("<stdin>:2: interview \u{201C}no-such-interview\u{201D} is not in the index"), unknown.err)
        let garbage = run(["selects", "-", "--format", "edl", "-i", Self.schools], stdin: ["hillside-03,1,2", "hillside-03,soon,2"])
        XCTAssertEqual(garbage.status, 2)
        XCTAssertTrue(garbage.err.contains("<stdin>:2: start \u{201C}soon\u{201D} is not a time"), garbage.err)
        let truncated = run(["selects", "-", "--format", "otio", "-i", Self.schools], stdin: ["{\"hits\": [{\"interview\": \"hillside-03\","])
        XCTAssertEqual(truncated.status, 2)
        XCTAssertTrue(truncated.err.contains("<stdin>:1: not valid JSON"), truncated.err)
    }
}

extension SelectsCommandTests {
    /// The README's selects example prints what the README shows (up to its `…`).
    func testReadmeExample() throws {
        let readme = try String(contentsOfFile: ReadmeExamples.packageRoot + "/README.md", encoding: .utf8)
        let marker = try XCTUnwrap(readme.range(of: "<!-- selects example"))
        let block = readme[marker.upperBound...].components(separatedBy: "```")[1]
        var lines = block.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).dropFirst()
        let command = try XCTUnwrap(lines.popFirst())
        let sides = command.components(separatedBy: " | ")
        XCTAssertEqual(sides.count, 2, command)
        let search = ReadmeExamples.commands(sides[0])[0], selects = ReadmeExamples.commands(sides[1])[0]
        let hits = run(Array(search.dropFirst()))
        XCTAssertEqual(hits.status, 0, hits.err)
        let r = run(Array(selects.dropFirst()), stdin: hits.out.split(separator: "\n").map(String.init))
        XCTAssertEqual(r.status, 0, r.err)
        let shown = lines.prefix { $0 != "…" }
        XCTAssertFalse(shown.isEmpty)
        XCTAssertEqual(Array(r.out.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).prefix(shown.count)),
                       Array(shown))
    }
}
