import Foundation
import XCTest
import SoundbiteCLI
import SoundbiteTestSupport

/// The conventions of the command-line ecosystem: colour, version, typo
/// suggestions, short options, plurals, and documented exit codes.
final class CLIConventionsTests: XCTestCase {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Corpus").path
    static let escape = "\u{1B}"
    /// Index files of the bundled collections, built once for the whole class
    /// (searching a folder would index it again for every run).
    nonisolated(unsafe) static let indexes: (folder: TemporaryFolder, schools: String, corpus: String) = {
        let folder = try! TemporaryFolder("conventions-indexes")
        let schools = folder.path("schools.sbx"), corpus = folder.path("corpus.sbx")
        _ = SoundbiteCommand.capture(["index", CLIConventionsTests.corpus + "/innovative-schools", "-o", schools])
        _ = SoundbiteCommand.capture(["index", CLIConventionsTests.corpus, "-o", corpus])
        return (folder, schools, corpus)
    }()
    static var schools: String { indexes.schools }
    static var corpusIndex: String { indexes.corpus }

    override class func tearDown() {
        indexes.folder.remove()
    }

    private var temp: TemporaryFolder!

    override func setUpWithError() throws {
        temp = try TemporaryFolder("conventions")
    }

    override func tearDownWithError() throws {
        temp.remove()
    }

    private func write(_ name: String, _ text: String) throws -> String {
        try temp.write(name, text)
        return temp.path(name)
    }

    private func run(_ args: [String], terminal: Bool = false, environment: [String: String] = [:]) -> (status: Int32, out: String, err: String) {
        SoundbiteCommand.capture(args, terminal: terminal, environment: environment)
    }

    // MARK: colour

    func testColourOnATerminalUnlessNoColourOrDumb() {
        let query = ["search", "laptops", "-i", Self.schools, "-n", "1"]
        XCTAssertTrue(run(query, terminal: true, environment: ["TERM": "xterm-256color"]).out.contains(Self.escape))
        for env in [["NO_COLOR": "1"], ["TERM": "dumb"], ["NO_COLOR": "yes", "TERM": "xterm"]] {
            let r = run(query, terminal: true, environment: env)
            XCTAssertEqual(r.status, 0, r.err)
            XCTAssertFalse(r.out.contains(Self.escape), "\(env): \(r.out)")
            XCTAssertTrue(r.out.contains("[laptops]") || r.out.contains("[laptop"), r.out)
        }
        // An empty NO_COLOR does not count (no-color.org).
        XCTAssertTrue(run(query, terminal: true, environment: ["NO_COLOR": ""]).out.contains(Self.escape))
        // Not a terminal: no colour by default.
        XCTAssertFalse(run(query).out.contains(Self.escape))
    }

    func testColourOption() {
        let query = ["search", "laptops", "-i", Self.schools, "-n", "1"]
        XCTAssertTrue(run(query + ["--color=always"]).out.contains(Self.escape))
        XCTAssertTrue(run(query + ["--color", "always"], environment: ["NO_COLOR": "1"]).out.contains(Self.escape))
        XCTAssertTrue(run(["--color=always"] + query).out.contains(Self.escape))
        XCTAssertFalse(run(query + ["--color=never"], terminal: true).out.contains(Self.escape))
        XCTAssertFalse(run(query + ["--color", "auto"], terminal: true, environment: ["TERM": "dumb"]).out.contains(Self.escape))
        XCTAssertTrue(run(query + ["--color", "auto"], terminal: true).out.contains(Self.escape))
        let bad = run(query + ["--color=sometimes"])
        XCTAssertEqual(bad.status, 2)
        XCTAssertTrue(bad.err.contains("auto, always, never"), bad.err)
        XCTAssertTrue(run(["search", "--help"]).out.contains("--color"))
    }

    // MARK: version and suggestions

    func testVersion() {
        for args in [["--version"], ["version"], ["-V"]] {
            let r = run(args)
            XCTAssertEqual(r.status, 0, "\(args)")
            XCTAssertTrue(r.out.hasPrefix("soundbite \(SoundbiteCommand.version)"), r.out)
            XCTAssertTrue(r.out.contains("index format"), r.out)
        }
        XCTAssertTrue(run(["--help"]).out.contains("--version"))
    }

    func testTyposGetDidYouMean() {
        let command = run(["serch", "laptops"])
        XCTAssertEqual(command.status, 2)
        XCTAssertTrue(command.err.contains("unknown command 'serch'"), command.err)
        XCTAssertTrue(command.err.contains("did you mean 'search'?"), command.err)
        XCTAssertTrue(run(["stat"]).err.contains("did you mean 'stats'?"))
        let far = run(["frobnicate"])
        XCTAssertEqual(far.status, 2)
        XCTAssertFalse(far.err.contains("did you mean"), far.err)
        let option = run(["search", "laptops", "--limt", "3"])
        XCTAssertEqual(option.status, 2)
        XCTAssertTrue(option.err.contains("unknown option '--limt'; did you mean '--limit'?"), option.err)
        XCTAssertTrue(run(["search", "laptops", "--explian"]).err.contains("did you mean '--explain'?"))
        XCTAssertTrue(run(["index", "x", "--ouput", "y"]).err.contains("did you mean '--output'?"))
        XCTAssertFalse(run(["search", "laptops", "--zzzzzz"]).err.contains("did you mean"))
    }

    // MARK: arguments

    func testShortOptionsTakeAttachedValues() throws {
        let attached = run(["search", "laptops", "-i" + Self.schools, "-n1", "--format=jsonl"])
        XCTAssertEqual(attached.status, 0, attached.err)
        XCTAssertEqual(attached.out.split(separator: "\n").count, 1)
        let spaced = run(["search", "laptops", "-i", Self.schools, "-n", "1", "--format", "jsonl"])
        XCTAssertEqual(attached.out, spaced.out)
        let two = run(["search", "laptops", "-i", Self.schools, "-n2", "--format", "jsonl"])
        XCTAssertEqual(two.out.split(separator: "\n").count, 2)
        let bad = run(["search", "laptops", "-i", Self.schools, "-nx"])
        XCTAssertEqual(bad.status, 2)
        XCTAssertTrue(bad.err.contains("got 'x'"), bad.err)
        // A flag takes no attached value; a negative number is still a positional argument.
        XCTAssertEqual(run(["search", "laptops", "-hx"]).status, 2)
        XCTAssertEqual(run(["analyze", "-12"]).status, 0)
    }

    // MARK: plurals and empty fields

    func testPluralsAreRight() throws {
        try temp.write("one/a.vtt", "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Ann Orr>a single lonely kettle\n\n00:00:03.000 --> 00:00:04.000\n<v Ann Orr>sang\n")
        try temp.write("one/collection.json", #"{"interviews": {"gone.vtt": {"title": "Gone"}}}"#)
        let folder = temp.path("one"), out = temp.path("one.sbx")
        let r = run(["index", folder, "-o", out])
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertTrue(r.out.hasPrefix("indexed 1 interview, 2 cues, 5 words, 1 passage; 1 warning, 0 files skipped"), r.out)
        let one = run(["search", "kettle", "-i", out])
        XCTAssertTrue(one.out.hasPrefix("1 match for kettle"), one.out)
        let none = run(["search", "teapot", "-i", out])
        XCTAssertTrue(none.out.hasPrefix("0 matches for teapot"), none.out)
        XCTAssertEqual(none.status, 0)
        let tiny = try write("tiny.sbx", "S")
        let truncated = run(["search", "kettle", "-i", tiny])
        XCTAssertEqual(truncated.status, 1)
        XCTAssertTrue(truncated.err.contains("1 byte is smaller"), truncated.err)
    }

    func testAnEmptySpeakerLeavesNoEmptyField() throws {
        let file = try write("nobody.srt", "1\n00:00:16,020 --> 00:00:18,000\nthe kettle sang all afternoon\n")
        let r = run(["search", "kettle", "-i", file])
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertFalse(r.out.contains("·  ·"), r.out)
        XCTAssertTrue(r.out.contains("1. nobody · 00:00:16.020"), r.out)
        let show = run(["show", "-i", file])
        XCTAssertTrue(show.out.contains("[00:00:16.020] the kettle sang"), show.out)
        XCTAssertFalse(show.out.contains("] : "), show.out)
    }

    // MARK: show

    func testShowNeedsNoIdForOneInterview() throws {
        let file = try write("solo.txt", "[00:00:01] Ann Orr: first line\n[00:00:05] Ben Pike: second line\n[00:00:09] Ann Orr: third line\n")
        let r = run(["show", "-i", file, "--at", "00:00:05", "-n", "0"])
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertTrue(r.out.contains("> [00:00:05.000] Ben Pike: second line"), r.out)
        let index = temp.path("solo.sbx")
        XCTAssertEqual(run(["index", file, "-o", index]).status, 0)
        XCTAssertEqual(run(["show", "-i", index]).out.split(separator: "\n").count, 4)
        let many = run(["show", "-i", Self.corpus + "/innovative-schools"])
        XCTAssertEqual(many.status, 2)
        XCTAssertTrue(many.err.contains("INTERVIEW") && many.err.contains("hillside-01"), many.err)
    }

    func testShowRefusesAnImpossibleTime() throws {
        for bad in ["99:99:99", "00:60", "1:2:3:4", "-5", "soon"] {
            let r = run(["show", "hillside-05", "-i", Self.schools, "--at", bad])
            XCTAssertEqual(r.status, 2, bad)
            XCTAssertTrue(r.err.contains("--at") && r.err.contains(bad), r.err)
        }
        let late = run(["show", "hillside-05", "-i", Self.schools, "--at", "50:00:00"])
        XCTAssertEqual(late.status, 2)
        XCTAssertTrue(late.err.contains("after the end"), late.err)
        XCTAssertEqual(run(["show", "hillside-05", "-i", Self.schools, "--at", "1:05"]).status, 0)
        XCTAssertEqual(run(["show", "hillside-05", "-i", Self.schools, "--at", "65.5"]).status, 0)
    }

    // MARK: globs

    func testFilterGlobsMatchAnywhere() throws {
        func chapters(_ args: [String]) throws -> Set<String> {
            let r = run(["search", "*", "-i", Self.corpusIndex, "--format", "jsonl", "-n", "1000"] + args)
            XCTAssertEqual(r.status, 0, r.err)
            return Set(try r.out.split(separator: "\n").map { line in
                let o = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
                return try XCTUnwrap(o["chapter"] as? String)
            })
        }
        let ict = try chapters(["--chapter", "*ict*"])
        XCTAssertFalse(ict.isEmpty)
        XCTAssertTrue(ict.allSatisfy { $0.lowercased().contains("ict") }, "\(ict)")
        XCTAssertEqual(try chapters(["--chapter", "use of ict"]), ict.filter { $0.lowercased() == "use of ict" })
        let middle = try chapters(["--chapter", "p*experience"])
        XCTAssertTrue(middle.contains("Parent Experience"), "\(middle)")
        XCTAssertTrue(middle.allSatisfy { $0.lowercased().hasPrefix("p") && $0.lowercased().hasSuffix("experience") }, "\(middle)")
        // The same patterns inside the query, quoted, and for the other filters.
        XCTAssertEqual(try chapters(["--chapter", "*ict*"]), try chapters(["--where", "school=*", "--role", "*"]).filter { $0.lowercased().contains("ict") })
        let inQuery = run(["search", "chapter:\"*ict*\"", "-i", Self.corpusIndex, "--format", "json"])
        XCTAssertEqual(inQuery.status, 0, inQuery.err)
        let byOption = run(["search", "*", "-i", Self.corpusIndex, "--chapter", "*ICT*", "--format", "json"])
        func total(_ s: String) throws -> Int {
            try XCTUnwrap((JSONSerialization.jsonObject(with: Data(s.utf8)) as? [String: Any])?["total"] as? Int)
        }
        XCTAssertGreaterThan(try total(inQuery.out), 0)
        XCTAssertEqual(try total(inQuery.out), try total(byOption.out))
        let unquoted = run(["search", "chapter:*ict*", "-i", Self.corpusIndex, "--format", "json"])
        XCTAssertEqual(try total(unquoted.out), try total(byOption.out), unquoted.err)
        let speakers = run(["search", "*", "-i", Self.schools, "--speaker", "*nair", "--format", "jsonl", "-n", "1000"])
        XCTAssertTrue(speakers.out.contains("\"speaker\":\"Priya Nair\""), speakers.out)
        XCTAssertFalse(speakers.out.contains("\"speaker\":\"Interviewer\""), speakers.out)
        let schools = run(["search", "*", "-i", Self.schools, "--where", "school=*aidan*", "--format", "jsonl", "-n", "1000"])
        XCTAssertFalse(schools.out.isEmpty)
        XCTAssertTrue(schools.out.split(separator: "\n").allSatisfy { $0.contains("St Aidan") }, schools.out)
    }

    // MARK: exit codes

    func testExitCodesAsDocumented() throws {
        let missing = temp.path("missing.sbx")
        let notIndex = try write("notes.bin", "definitely not an index")
        let cases: [([String], Int32)] = [
            (["search", "laptops", "-i", Self.schools], 0),
            (["search", "zzzqqq", "-i", Self.schools], 0),          // zero hits is success
            (["--version"], 0), (["help", "search"], 0), (["search", "--help"], 0),
            ([], 2), (["serch"], 2), (["search"], 2), (["search", "a", "b", "-i", Self.schools], 2),
            (["search", "laptops", "--bogus"], 2), (["search", "laptops", "-n", "-3"], 2),
            (["search", "laptops AND (", "-i", Self.schools], 2), (["search", "colour:red", "-i", Self.schools], 2),
            (["search", "laptops", "-i", Self.schools, "--format", "xml"], 2),
            (["show", "hillside-05", "-i", Self.schools, "--at", "99:99:99"], 2),
            (["search", "laptops", "-i", missing], 1), (["search", "laptops", "-i", notIndex], 1),
            (["show", "nobody-here", "-i", Self.schools], 1),
            (["search", "--queries", missing, "-i", Self.schools], 1),
        ]
        for (args, status) in cases {
            let r = run(args)
            XCTAssertEqual(r.status, status, "\(args): \(r.err)")
            if status != 0 { XCTAssertTrue(r.err.contains("error:"), "\(args): \(r.err)") }
        }
    }
}
