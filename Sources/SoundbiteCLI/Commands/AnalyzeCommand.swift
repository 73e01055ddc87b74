import Soundbite

/// `soundbite analyze TEXT [--format text|json|jsonl] [--no-stem] [--no-fold]`
enum AnalyzeCommand {
    static let options: [OptionSpec] = [
        OptionSpec("--format", value: true, help: "text, json or jsonl (jsonl: one array per input line)"),
        OptionSpec("--no-stem", help: "show unstemmed terms"),
        OptionSpec("--no-fold", help: "keep diacritics (é stays é)"),
        OptionSpec("-h", "--help", help: "show this help"),
    ]

    static let help = helpText(
        usage: "soundbite analyze TEXT|- [--format text|json|jsonl] [--no-stem] [--no-fold]",
        summary: "Show the tokens the analyzer makes: position, byte offsets, surface text, indexed term (and, after '+',\nthe exact form also indexed at that position when it differs from the stem).\nWith TEXT '-', each line of standard input is analysed on its own.",
        options: options)

    static func run(_ args: [String], _ console: Console) throws -> Int32 {
        let a = try Arguments(args, specs: options, console: console)
        if a.flag("--help") { console.print(help); return 0 }
        guard a.positional.count == 1 else { throw UsageError("expected one TEXT argument (quote it, or '-' for stdin)") }
        let format = try a.choice("--format", ["text", "json", "jsonl"], default: "text")
        let analyzer = Analyzer(stemming: !a.flag("--no-stem"), folding: !a.flag("--no-fold"))
        let lines = a.positional[0] == "-" ? console.stdinLines() : [a.positional[0]]
        for line in lines {
            let tokens = analyzer.analyze(line)
            switch format {
            case "text":
                for t in tokens {
                    console.print("\(t.position)\t\(t.start)-\(t.end)\t\(t.text)\t\(t.term)" + (t.exact.map { "\t+\($0)" } ?? ""))
                }
            default:
                try console.printJSON(tokens)
            }
        }
        return 0
    }
}
