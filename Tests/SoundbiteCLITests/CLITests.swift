import Foundation
import XCTest
import SoundbiteCLI
import Soundbite
import SoundbiteTestSupport

/// The CLI run in-process on the bundled Corpus: output, formats and exit codes.
final class CLITests: XCTestCase {
    /// The package's Corpus folder, found from this file's path.
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Corpus").path
    static let schools = corpus + "/innovative-schools"

    func run(_ args: [String], stdin: [String] = []) -> (status: Int32, out: String, err: String) {
        SoundbiteCommand.capture(args, stdin: stdin)
    }

    func json(_ s: String) throws -> [String: Any] {
        try XCTUnwrap(JSONSerialization.jsonObject(with: Data(s.utf8)) as? [String: Any])
    }

    func testEveryCommandHasHelpAndRejectsUnknownFlags() {
        for command in ["index", "search", "analyze", "stats", "show", "export"] {
            let help = run([command, "--help"])
            XCTAssertEqual(help.status, 0, command)
            XCTAssertTrue(help.out.hasPrefix("usage: soundbite \(command)"), help.out)
            let bad = run([command, "--bogus"])
            XCTAssertEqual(bad.status, 2, command)
            XCTAssertTrue(bad.err.contains("unknown option '--bogus'"), bad.err)
        }
        XCTAssertEqual(run(["frobnicate"]).status, 2)
    }

    func testSearchTheCorpusAsJSON() throws {
        let r = run(["search", "laptops dinner tea", "-i", Self.schools, "--format", "json", "-n", "3"])
        XCTAssertEqual(r.status, 0, r.err)
        let o = try json(r.out)
        let hits = try XCTUnwrap(o["hits"] as? [[String: Any]])
        XCTAssertEqual(hits.count, 3)
        XCTAssertEqual(hits[0]["speaker"] as? String, "Priya Nair")
        XCTAssertEqual(hits[0]["role"] as? String, "parent")
        XCTAssertEqual(hits[0]["chapter"] as? String, "Parent Experience")
        XCTAssertTrue((hits[0]["media"] as? String)?.contains("hillside-05.mp4#t=") ?? false)
        XCTAssertTrue((hits[0]["snippet"] as? String)?.contains("[") ?? false)
        let facets = try XCTUnwrap(o["facets"] as? [String: Any])
        XCTAssertNotNil(facets["role"])
        XCTAssertNotNil(facets["school"])
    }

    /// The default order: the governor's answer holding all three words
    /// outranks the interviewer's shorter question holding two, which
    /// `--rank bm25` puts first; scores unchanged; `--all-first` is the default.
    func testDefaultOrderPutsPassagesWithEveryWordFirst() throws {
        func hits(_ extra: [String]) throws -> [[String: Any]] {
            let r = run(["search", "governing body vote", "-i", Self.schools, "--format", "json", "-n", "2"] + extra)
            XCTAssertEqual(r.status, 0, r.err)
            return try XCTUnwrap(try json(r.out)["hits"] as? [[String: Any]])
        }
        let plain = try hits(["--rank", "bm25"]), tiered = try hits([])
        XCTAssertEqual(try hits(["--all-first"]).map { $0["document"] as? Int }, tiered.map { $0["document"] as? Int })
        XCTAssertEqual(try hits(["--rank", "quote"]).map { $0["document"] as? Int }, tiered.map { $0["document"] as? Int })
        XCTAssertEqual(run(["search", "vote", "-i", Self.schools, "--rank", "score"]).status, 2)
        XCTAssertEqual(plain.map { $0["speaker"] as? String }, ["Interviewer", "Bill Harker"])
        XCTAssertEqual(tiered[0]["speaker"] as? String, "Bill Harker")
        XCTAssertEqual(tiered[0]["document"] as? Int, plain[1]["document"] as? Int)
        XCTAssertGreaterThan(plain[0]["score"] as? Double ?? 0, plain[1]["score"] as? Double ?? 0)
        XCTAssertEqual(tiered[0]["score"] as? Double, plain[1]["score"] as? Double)
        XCTAssertEqual(tiered.map { $0["rank"] as? Int }, [1, 2])
    }

    /// The CLI prints results with the library's encoder: `--format json` is
    /// byte for byte what an embedder gets from `JSONTextEncoder`, and decodes
    /// back into the same `SearchResults`.
    func testJSONOutputIsTheLibrarysEncoding() throws {
        let r = run(["search", "laptops home", "-i", Self.schools, "--format", "json", "-n", "3", "--explain", "--context", "1"])
        XCTAssertEqual(r.status, 0, r.err)
        let index = SearchIndex(building: CollectionReader().readCollections(Self.schools))
        let results = try index.search("laptops home", options: SearchOptions(limit: 3, explain: true, context: 1, countFacets: true))
        XCTAssertEqual(r.out, try JSONTextEncoder().encode(results) + "\n")
        XCTAssertEqual(try JSONDecoder().decode(SearchResults.self, from: Data(r.out.utf8)), results)
        // Each hit's placement in the quote order travels inside `explain`.
        XCTAssertTrue(r.out.contains(#""explain":{"tier":"#), r.out)
        let lines = run(["search", "laptops home", "-i", Self.schools, "--format", "jsonl", "-n", "3", "--explain"])
        XCTAssertEqual(try lines.out.split(separator: "\n").map { try JSONDecoder().decode(Hit.self, from: Data($0.utf8)) },
                       try index.search("laptops home", options: SearchOptions(limit: 3, explain: true)).hits)
    }

    func testSyntaxErrorNamesTheColumnAndExitsTwo() {
        let r = run(["search", "laptops AND (home", "-i", Self.schools])
        XCTAssertEqual(r.status, 2)
        XCTAssertTrue(r.err.contains("column"), r.err)
        let field = run(["search", "colour:blue", "-i", Self.schools])
        XCTAssertEqual(field.status, 2)
        XCTAssertTrue(field.err.contains("known fields"), field.err)
    }

    func testFiltersExplainAndCSV() throws {
        let r = run(["search", "laptops", "-i", Self.schools, "--role", "parent", "--format", "json", "--explain", "-n", "5"])
        XCTAssertEqual(r.status, 0, r.err)
        let hits = try XCTUnwrap(try json(r.out)["hits"] as? [[String: Any]])
        XCTAssertFalse(hits.isEmpty)
        for h in hits {
            XCTAssertEqual(h["role"] as? String, "parent")
            let e = try XCTUnwrap(h["explain"] as? [String: Any])
            XCTAssertEqual(e["k1"] as? Double, 1.2)
            XCTAssertNotNil(e["avgdl"])
            XCTAssertEqual((e["score"] as? Double) ?? 0, (h["score"] as? Double) ?? -1, accuracy: 1e-9)
        }
        let csv = run(["search", "laptops", "-i", Self.schools, "--format", "csv", "-n", "2"])
        XCTAssertTrue(csv.out.hasPrefix("rank,score,interview"), csv.out)
        XCTAssertEqual(csv.out.split(separator: "\n").count, 3)
    }

    func testQueriesFileRunsOneJSONObjectPerLine() throws {
        let r = run(["search", "--queries", "-", "-i", Self.schools, "--format", "jsonl"], stdin: ["laptops", "broadband", "(bad"])
        XCTAssertEqual(r.status, 2)
        let lines = r.out.split(separator: "\n")
        XCTAssertEqual(lines.count, 3)
        XCTAssertEqual(try json(String(lines[1]))["query"] as? String, "broadband")
        XCTAssertNotNil(try json(String(lines[2]))["error"])
    }

    /// `--strict` turns reading warnings into exit 1, for every command that reads folders.
    func testStrictTurnsWarningsIntoFailure() throws {
        let temp = try TemporaryFolder("strict")
        defer { temp.remove() }
        let dir = temp.url
        try "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Ann>hello laptops\n".write(to: dir.appendingPathComponent("good.vtt"), atomically: true, encoding: .utf8)
        try "".write(to: dir.appendingPathComponent("empty.vtt"), atomically: true, encoding: .utf8)
        let file = dir.appendingPathComponent("x.sbx").path
        for args in [["stats", dir.path], ["search", "laptops", "-i", dir.path], ["index", dir.path, "-o", file]] {
            let lenient = run(args)
            XCTAssertEqual(lenient.status, 0, "\(args): \(lenient.err)")
            XCTAssertTrue(lenient.err.contains("empty.vtt"), lenient.err)
            let strict = run(args + ["--strict"])
            XCTAssertEqual(strict.status, 1, "\(args)")
            XCTAssertTrue(strict.err.contains("1 warning") && strict.err.contains("with --strict; nothing done"), strict.err)
        }
    }

    func testAnalyzeJSONAndStdin() throws {
        let r = run(["analyze", "Zoë's laptops, 1:1", "--format", "json"])
        XCTAssertEqual(r.status, 0)
        let tokens = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [[String: Any]])
        XCTAssertEqual(tokens.map { $0["term"] as? String }, ["zoe", "laptop", "1:1"])
        XCTAssertEqual(tokens[0]["text"] as? String, "Zoë's")
        XCTAssertEqual(tokens[1]["start"] as? Int, 7)  // "Zoë's " is 7 bytes: ë takes two
        let unstemmed = run(["analyze", "laptops", "--no-stem", "--format", "json"])
        XCTAssertTrue(unstemmed.out.contains("\"term\":\"laptops\""), unstemmed.out)
        let lines = run(["analyze", "-", "--format", "jsonl"], stdin: ["one two", "three"])
        XCTAssertEqual(lines.out.split(separator: "\n").count, 2)
    }

    func testIndexThenSearchStatsExportShowFromTheFile() throws {
        let temp = try TemporaryFolder("cli")
        defer { temp.remove() }
        let dir = temp.url
        let file = dir.appendingPathComponent("corpus.sbx").path
        let built = run(["index", Self.corpus, "-o", file])
        XCTAssertEqual(built.status, 0, built.err)
        let stats = run(["stats", "-i", file, "--format", "json", "--verify"])
        XCTAssertEqual(stats.status, 0, stats.err)
        let s = try json(stats.out)
        XCTAssertGreaterThanOrEqual(s["interviews"] as? Int ?? 0, 40)
        XCTAssertGreaterThanOrEqual(s["words"] as? Int ?? 0, 18_000)
        XCTAssertGreaterThanOrEqual(s["seconds"] as? Double ?? 0, 7_200)
        let roles = try XCTUnwrap(s["roles"] as? [String: Int])
        for role in ["head teacher", "deputy head", "classroom teacher", "student", "parent", "governor", "local authority officer"] {
            XCTAssertGreaterThan(roles[role] ?? 0, 0, role)
        }
        let search = run(["search", "broadband", "-i", file, "--format", "jsonl", "-n", "2"])
        XCTAssertEqual(search.status, 0)
        XCTAssertEqual(search.out.split(separator: "\n").count, 2)
        let export = run(["export", "-i", file])
        let first = try json(String(export.out.split(separator: "\n")[0]))
        XCTAssertEqual(Set(first.keys), ["id", "interview", "speaker", "role", "chapter", "start", "end", "text"])
        let show = run(["show", "hillside-05", "-i", file, "--at", "00:01:00", "-n", "2"])
        XCTAssertEqual(show.status, 0, show.err)
        XCTAssertEqual(show.out.split(separator: "\n").filter { $0.hasPrefix(">") }.count, 1)
        let missing = run(["search", "x", "-i", dir.appendingPathComponent("nope.sbx").path])
        XCTAssertEqual(missing.status, 1)
    }

    /// A damaged postings page is not read at open (checked on first use),
    /// but the search that reads it fails with the checksum message, exit 1;
    /// `stats --verify` finds it too.
    func testSearchOnADamagedPostingsPageFailsWithTheChecksumMessage() throws {
        let temp = try TemporaryFolder("damaged")
        defer { temp.remove() }
        let file = temp.url.appendingPathComponent("corpus.sbx").path
        XCTAssertEqual(run(["index", Self.schools, "-o", file]).status, 0)
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: file)))
        // Sections follow the 16-byte header at 8-byte aligned offsets, in the order listed.
        var offset = 16, postings: Range<Int>?
        for (name, length) in try SearchIndex(contentsOf: file).sectionSizes {
            offset = (offset + 7) / 8 * 8
            if name == "postings" { postings = offset..<(offset + length) }
            offset += length
        }
        let range = try XCTUnwrap(postings)
        for at in stride(from: range.lowerBound, to: range.upperBound, by: 65_536) { bytes[at] ^= 0x04 }
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        let search = run(["search", "broadband", "-i", file])
        XCTAssertEqual(search.status, 1, search.out)
        XCTAssertTrue(search.err.contains("checksum mismatch in the postings section"), search.err)
        XCTAssertTrue(search.out.isEmpty, search.out)
        let verify = run(["stats", "-i", file, "--verify"])
        XCTAssertEqual(verify.status, 1)
        XCTAssertTrue(verify.err.contains("checksum mismatch in the postings section"), verify.err)
    }
}
