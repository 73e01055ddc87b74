#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Soundbite

/// Entry point of the `soundbite` tool: dispatches to subcommands, maps
/// failures to exit statuses (0 success, 1 runtime failure, 2 usage or
/// query-syntax error) and prints errors to stderr.
public enum SoundbiteCommand {
    /// Runs with the process arguments and exits.
    public static func main() {
        // Only the variables the console reads, with getenv: the whole
        // `ProcessInfo` environment costs a one-shot search about a millisecond.
        var environment: [String: String] = [:]
        for name in Console.environmentNames { environment[name] = Environment.value(name) }
        let console = Console(capturing: false, environment: environment)
        exit(run(Array(CommandLine.arguments.dropFirst()), console: console))
    }

    /// The tool's version.
    public static let version = "0.9.0"

    /// Runs one command line; returns the exit status and the captured
    /// standard output and error (for tests and embedding). `terminal` makes
    /// standard output count as a terminal; `environment` stands for the
    /// process environment (`NO_COLOR`, `TERM`).
    public static func capture(_ args: [String], stdin: [String] = [], terminal: Bool = false,
                               environment: [String: String] = [:]) -> (status: Int32, out: String, err: String) {
        let console = Console(capturing: true, isTerminal: terminal, stdin: { stdin }, environment: environment)
        let status = run(args, console: console)
        return (status, console.out, console.err)
    }

    /// Every command; `help` is made only when asked for (making all of them
    /// would cost every run, `--version` included).
    static var commands: [(name: String, summary: String, run: ([String], Console) throws -> Int32, help: () -> String)] {
        [
        ("index", "build or update an index file", IndexCommand.run, { IndexCommand.help }),
        ("search", "find passages matching a query", SearchCommand.run, { SearchCommand.help }),
        ("analyze", "show the tokens the analyzer makes", AnalyzeCommand.run, { AnalyzeCommand.help }),
        ("stats", "interviews, cues, words, hours, roles, sizes", StatsCommand.run, { StatsCommand.help }),
        ("show", "read a transcript around a moment", ShowCommand.run, { ShowCommand.help }),
        ("export", "write every indexed document as JSON lines", ExportCommand.run, { ExportCommand.help }),
        ("selects", "lay chosen hits out as a timeline for an editor", SelectsCommand.run, { SelectsCommand.help }),
        ("used", "mark what a finished edit (EDL, FCPXML, OTIO) used", UsedCommand.run, { UsedCommand.help }),
        ("serve", "a local web page and HTTP JSON API (loopback)", ServeCommand.run, { ServeCommand.help }),
        ]
    }

    static var usage: String {
        var s = "usage: soundbite COMMAND [options]   (soundbite COMMAND --help for details)\n\ncommands:\n"
        for c in commands { s += "  " + c.name + String(repeating: " ", count: 9 - c.name.count) + c.summary + "\n" }
        s += "  version  print the version (also --version, -V)\n"
        s += "\noptions of every command:\n  --color WHEN  auto (default), always or never; auto colours a terminal unless NO_COLOR is set or TERM=dumb\n"
        s += "\nexit status: 0 success (also zero hits), 1 runtime failure, 2 usage or query-syntax error\n"
        return s
    }

    /// `soundbite --version`: the tool's version and the index format it writes.
    static var versionLine: String {
        "soundbite \(version) (index format \(SearchIndex.formatVersion))"
    }

    static func run(_ args: [String], console: Console) -> Int32 {
        // Options before the command name: `soundbite --color=never search …`.
        var args = args
        while let first = args.first, first == "--color" || first.hasPrefix("--color=") {
            let count = first == "--color" ? min(2, args.count) : 1
            do {
                console.colorChoice = try Arguments(Array(args.prefix(count)), specs: []).colorChoice()
            } catch {
                console.error("error: \(error.message)")
                return 2
            }
            args.removeFirst(count)
        }
        guard let name = args.first else { console.error("error: missing COMMAND\n\n" + usage); return 2 }
        if name == "-h" || name == "--help" || name == "help" {
            if args.count > 1, let c = commands.first(where: { $0.name == args[1] }) { console.print(c.help()) } else { console.print(usage) }
            return 0
        }
        if name == "--version" || name == "-V" || name == "version" {
            console.print(versionLine)
            return 0
        }
        guard let command = commands.first(where: { $0.name == name }) else {
            let hint = Suggestion.hint(for: name, among: commands.map(\.name) + ["version", "help", "--version", "--help", "--color"])
            console.error("error: unknown command '\(name)'" + (hint.isEmpty ? "\n\n" + usage : hint + "\n(see: soundbite --help)"))
            return 2
        }
        do {
            return try command.run(Array(args.dropFirst()), console)
        } catch let e as UsageError {
            console.error("error: \(e.message)\n(see: soundbite \(name) --help)")
            return 2
        } catch CommandError.usage(let message) {
            console.error("error: \(message)")
            return 2
        } catch CommandError.runtime(let message) {
            console.error("error: \(message)")
            return 1
        } catch let e as StorageError {
            console.error("error: \(e.description)")
            return 1
        } catch {
            console.error("error: \(error)")
            return 1
        }
    }
}
