import Foundation
import XCTest
import SoundbiteCLI
import SoundbiteTestSupport

/// Every `$ soundbite …` session in README.md, run in-process in a scratch
/// copy of the bundled Corpus, prints exactly what the README shows.
///
/// Two documented allowances, both written in the README next to the output:
/// JSON shown wrapped (lines after the first start with one space) is joined
/// back into the one line the tool prints, and the byte count of a written
/// index (which holds the collection folder's absolute path) is not compared.
final class ReadmeTests: XCTestCase {
    /// Runs the sessions in README order in one scratch folder (later ones see
    /// the files earlier ones wrote, as a reader typing them would).
    func testEveryReadmeSessionPrintsWhatTheReadmeShows() throws {
        let readme = try ReadmeExamples()
        let sessions = readme.sessions
        XCTAssertGreaterThanOrEqual(sessions.count, 6, "the README shows fewer sessions than expected")
        let temp = try TemporaryFolder("readme")
        defer { temp.remove() }
        try temp.copy(ReadmeExamples.packageRoot + "/Corpus", to: "Corpus")
        try temp.withCurrentDirectory {
            for session in sessions {
                var printed = ""
                var json = false
                let commands = ReadmeExamples.commands(session.command)
                var piped: [String] = []
                for (k, line) in commands.enumerated() {
                    // `a | b`: b reads a's standard output, which is not shown.
                    let words = line.first == "|" ? Array(line.dropFirst()) : line
                    let stdin = line.first == "|" ? piped : []
                    let pipesOn = k + 1 < commands.count && commands[k + 1].first == "|"
                    switch words.first {
                    case "soundbite":
                        let args = Array(words.dropFirst())
                        json = json || zip(args, args.dropFirst()).contains { $0 == "--format" && $1 == "json" }
                        let r = SoundbiteCommand.capture(args, stdin: stdin)
                        printed += r.err
                        if pipesOn { piped = r.out.split(separator: "\n").map(String.init) } else { printed += r.out }
                    case "touch":
                        for path in words.dropFirst() {
                            try FileManager.default.setAttributes([.modificationDate: Date()], ofItemAtPath: path)
                        }
                    default:
                        XCTFail("README line \(session.line): no way to run '\(words.first ?? "")' here")
                    }
                }
                var expected = session.output.joined(separator: "\n")
                if json { expected = expected.replacingOccurrences(of: "\n ", with: "") }
                XCTAssertEqual(Self.normalised(printed), Self.normalised(expected),
                               "README line \(session.line): $ \(session.command)")
            }
        }
    }

    /// The first of the README's "two commands" is the session shown under it
    /// (run through `swift run`).
    func testTheFirstCommandIsTheSessionShown() throws {
        let readme = try ReadmeExamples()
        let block = try XCTUnwrap(readme.blocks.first { $0.language == "sh" }, "no sh block")
        let first = try XCTUnwrap(block.lines.first, "empty sh block")
        let command = first.components(separatedBy: "  #").first?.trimmingCharacters(in: .whitespaces) ?? ""
        XCTAssertTrue(command.hasPrefix("swift run soundbite "), command)
        XCTAssertEqual(String(command.dropFirst("swift run ".count)), readme.sessions.first?.command)
        XCTAssertEqual(block.lines.dropFirst().first?.components(separatedBy: "  #").first?
            .trimmingCharacters(in: .whitespaces), "swift test")
    }

    func testCommandLinesSplitLikeAShell() {
        XCTAssertEqual(ReadmeExamples.commands(#"soundbite search 'a b' "c \"d\"" e\ f -n 1"#),
                       [["soundbite", "search", "a b", #"c "d""#, "e f", "-n", "1"]])
        XCTAssertEqual(ReadmeExamples.commands("touch x; soundbite index x -o y.sbx"),
                       [["touch", "x"], ["soundbite", "index", "x", "-o", "y.sbx"]])
        XCTAssertEqual(ReadmeExamples.commands(#"soundbite analyze """#), [["soundbite", "analyze", ""]])
        XCTAssertEqual(ReadmeExamples.commands("soundbite search a | soundbite selects - 'x|y'"),
                       [["soundbite", "search", "a"], ["|", "soundbite", "selects", "-", "x|y"]])
    }

    /// Output with trailing newlines trimmed and index byte counts masked.
    static func normalised(_ text: String) -> String {
        var t = text
        while t.hasSuffix("\n") { t.removeLast() }
        return t.replacing(/\(\d+ bytes\)/, with: "(N bytes)")
    }
}
