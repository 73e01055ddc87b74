import Soundbite

/// `soundbite export [-i INDEX] --format jsonl`
enum ExportCommand {
    static let options: [OptionSpec] = [
        OptionSpec("-i", "--index", value: true, help: "index file or collection folder"),
        OptionSpec("--format", value: true, help: "jsonl (the only format)"),
        OptionSpec("-h", "--help", help: "show this help"),
    ]

    static let help = helpText(
        usage: "soundbite export [-i INDEX] [--format jsonl]",
        summary: "Write every indexed document, one JSON object per line: id, interview, speaker, role, chapter, start, end, text.",
        options: options)

    static func run(_ args: [String], _ console: Console) throws -> Int32 {
        let a = try Arguments(args, specs: options, console: console)
        if a.flag("--help") { console.print(help); return 0 }
        _ = try a.choice("--format", ["jsonl"], default: "jsonl")
        guard a.positional.isEmpty else { throw UsageError("export takes no arguments; use -i INDEX") }
        let index = try IndexSource.open(a.value("--index"), console: console)
        for id in 0..<index.documentCount {
            guard let d = index.document(id) else { continue }
            try console.printJSON(d)
        }
        return 0
    }
}
