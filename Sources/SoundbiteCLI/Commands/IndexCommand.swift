import Soundbite

/// `soundbite index PATH... [-o INDEX]`
enum IndexCommand {
    static let options: [OptionSpec] = [
        OptionSpec("-o", "--output", value: true, help: "index file to write or update (default \(IndexSource.defaultFileName))"),
        OptionSpec("--strict", help: "exit 1 (and write nothing) if any transcript gave a warning"),
        OptionSpec("--passage-words", value: true, help: "word budget of a passage, the unit BM25 ranks (default 60)"),
        OptionSpec("--no-stem", help: "index without the Porter2 stemmer"),
        OptionSpec("-h", "--help", help: "show this help"),
    ]

    static let help = helpText(
        usage: "soundbite index PATH... [-o INDEX] [--strict]",
        summary: "Read the collections at PATH (folders of .vtt/.srt/.txt, with an optional collection.json) and write\none index file, atomically. An existing index is updated: only new or changed transcripts are read.",
        options: options)

    static func run(_ args: [String], _ console: Console) throws -> Int32 {
        let a = try Arguments(args, specs: options)
        if a.flag("--help") { console.print(help); return 0 }
        guard !a.positional.isEmpty else { throw UsageError("missing PATH: give one or more collection folders") }
        let output = a.value("--output") ?? IndexSource.defaultFileName
        let words = try a.int("--passage-words", default: 60, in: 1...100_000)
        let options = IndexOptions(analyzer: Analyzer(stemming: !a.flag("--no-stem")), passageWords: words)
        let collections = IndexSource.readCollections(a.positional, console: console, strict: a.flag("--strict"))
        let warnings = collections.reduce(0) { $0 + $1.diagnostics.count }
        if a.flag("--strict") && warnings > 0 {
            console.error("error: \(warnings) warning\(warnings == 1 ? "" : "s") with --strict; nothing written")
            return 1
        }
        let index = SearchIndex(building: collections, options: options)
        do { try index.write(to: output) } catch { throw CommandError.runtime(error.description) }
        let s = index.statistics
        console.print("indexed \(s.interviews) interviews, \(s.cues) cues, \(s.words) words, \(s.documents) passages; "
                      + "\(warnings) warnings, \(collections.reduce(0) { $0 + $1.skippedFiles.count }) files skipped → \(output) (\(s.bytes) bytes)")
        return 0
    }
}
