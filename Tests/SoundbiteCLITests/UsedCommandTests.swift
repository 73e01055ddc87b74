import Foundation
import XCTest
import SoundbiteCLI
import SoundbiteTestSupport

/// `soundbite used` run in-process: a finished cut marked in an index file,
/// `search --unused` / `--used`, `stats`, `--clear`, and the exit codes.
final class UsedCommandTests: XCTestCase {
    static let schools = CLITests.schools

    func run(_ args: [String], stdin: [String] = []) -> (status: Int32, out: String, err: String) {
        SoundbiteCommand.capture(args, stdin: stdin)
    }

    /// An index of the sample collection and an EDL of three hits.
    func setUpCut(_ folder: TemporaryFolder) throws -> (index: String, edl: String, hits: [String]) {
        let index = folder.path("s.sbx"), edl = folder.path("final.edl")
        XCTAssertEqual(run(["index", Self.schools, "-o", index]).status, 0)
        let search = run(["search", "laptops", "-i", index, "--format", "jsonl", "-n", "3"])
        let hits = search.out.split(separator: "\n").map(String.init)
        XCTAssertEqual(run(["selects", "-", "--format", "edl", "-i", index, "-o", edl], stdin: hits).status, 0)
        return (index, edl, hits)
    }

    func testMarkSearchTheFloorAndClear() throws {
        let folder = try TemporaryFolder("used-cli")
        let (index, edl, hits) = try setUpCut(folder)
        let before = try Data(contentsOf: URL(fileURLWithPath: index))
        let marked = run(["used", edl, "-i", index])
        XCTAssertEqual(marked.status, 0, marked.err)
        XCTAssertEqual(marked.err, "")
        XCTAssertTrue(marked.out.hasPrefix("marked 3 clips of 3 clips\n"), marked.out)
        XCTAssertTrue(marked.out.contains(" used, in 3 interviews → \(index)"), marked.out)
        // The used passages are the hits that made the cut; the floor has the rest.
        let used = run(["search", "laptops", "-i", index, "--used", "--format", "json", "-n", "100"])
        XCTAssertEqual(used.status, 0, used.err)
        let usedJSON = try JSONSerialization.jsonObject(with: Data(used.out.utf8)) as! [String: Any]
        let usedDocs = Set((usedJSON["hits"] as! [[String: Any]]).map { $0["document"] as! Int })
        let picked = Set(hits.map { (try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any])["document"] as! Int })
        XCTAssertEqual(usedDocs, picked)
        XCTAssertEqual((usedJSON["facets"] as! [String: Any])["used"] as! [String: Int], ["used": 3, "unused": 0])
        let floor = run(["search", "laptops", "-i", index, "--unused", "--format", "json", "-n", "100"])
        let floorJSON = try JSONSerialization.jsonObject(with: Data(floor.out.utf8)) as! [String: Any]
        XCTAssertTrue(Set((floorJSON["hits"] as! [[String: Any]]).map { $0["document"] as! Int }).isDisjoint(with: picked))
        let all = run(["search", "laptops", "-i", index, "--format", "json", "-n", "0"])
        let allJSON = try JSONSerialization.jsonObject(with: Data(all.out.utf8)) as! [String: Any]
        XCTAssertEqual(allJSON["total"] as! Int, 3 + (floorJSON["total"] as! Int))
        let text = run(["stats", "-i", index])
        XCTAssertTrue(text.out.contains("\nused        "), text.out)
        XCTAssertTrue(text.out.contains("used per interview:\n  "), text.out)
        let json = run(["stats", "-i", index, "--format", "json"])
        let stats = try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as! [String: Any]
        let usage = stats["used"] as! [String: Any]
        XCTAssertGreaterThan(usage["seconds"] as! Double, 0)
        XCTAssertEqual((usage["interviews"] as! [[String: Any]]).filter { ($0["used"] as! Double) > 0 }.count, 3)
        // Marking the same cut again changes nothing; an update keeps the marks byte for byte.
        let once = try Data(contentsOf: URL(fileURLWithPath: index))
        XCTAssertEqual(run(["used", edl, "-i", index]).status, 0)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: index)), once)
        XCTAssertEqual(run(["index", Self.schools, "-o", index]).status, 0)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: index)), once)
        // --clear forgets them: the index is as it was.
        let cleared = run(["used", "--clear", "-i", index])
        XCTAssertEqual(cleared.status, 0, cleared.err)
        XCTAssertTrue(cleared.out.hasPrefix("0 s of "), cleared.out)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: index)), before)
        let note = run(["search", "laptops", "-i", index, "--unused"])
        XCTAssertTrue(note.err.contains("no used ranges"), note.err)
        XCTAssertFalse(run(["stats", "-i", index]).out.contains("used"))
    }

    func testWarningsStrictAndErrors() throws {
        let folder = try TemporaryFolder("used-cli-errors")
        let (index, _, _) = try setUpCut(folder)
        try folder.write("bad.edl", "TITLE: x\n001  NOBODY   V     C        00:00:01:00 00:00:02:00 01:00:00:00 01:00:01:00\n002  X V C 00:00:01:30 00:00:02:00 01:00:01:00 01:00:02:00\n")
        let warned = run(["used", folder.path("bad.edl"), "-i", index])
        XCTAssertEqual(warned.status, 0, warned.err)
        XCTAssertTrue(warned.err.contains("bad.edl:3: warning: event 002"), warned.err)
        XCTAssertTrue(warned.err.contains("bad.edl:2: warning: clip reel NOBODY matches no interview of the index; not marked"), warned.err)
        XCTAssertTrue(warned.out.hasPrefix("marked 0 clips of 1 clip (1 not matched)"), warned.out)
        let strict = run(["used", folder.path("bad.edl"), "-i", index, "--strict"])
        XCTAssertEqual(strict.status, 1)
        XCTAssertEqual(run(["used", "-i", index]).status, 2)                                      // no CUT
        XCTAssertEqual(run(["used", folder.path("bad.edl"), "-i", index, "--fps", "31"]).status, 2)
        XCTAssertEqual(run(["used", "/nonexistent.edl", "-i", index]).status, 1)
        let notFile = run(["used", folder.path("bad.edl"), "-i", Self.schools])
        XCTAssertEqual(notFile.status, 1)
        XCTAssertTrue(notFile.err.contains("not an index file"), notFile.err)
        XCTAssertEqual(run(["search", "laptops", "-i", index, "--used", "--unused"]).status, 2)
        let help = run(["used", "--help"])
        XCTAssertTrue(help.out.hasPrefix("usage: soundbite used CUT..."), help.out)
        XCTAssertTrue(run(["--help"]).out.contains("  used     mark what a finished edit"))
    }
}
