// soundbite-bench: release-built benchmarks and helpers.
//
//     swift run -c release soundbite-bench SUBCOMMAND [OPTIONS]
//
// To add a subcommand, write a `(_ arguments: [String]) -> Int32` function in
// its own file and add one line to `subcommands` below.

import Foundation

/// One entry of the dispatch table.
struct Subcommand {
    /// The word that selects it.
    let name: String
    /// One line of help: arguments and what it does.
    let help: String
    /// Runs it with the arguments after the name; returns the exit status.
    let run: ([String]) -> Int32
}

let subcommands: [Subcommand] = [
    Subcommand(name: "analysis",
               help: "analysis [--corpus DIR]... [--runs N]   analysis throughput (MB/s) vs a memchr scan",
               run: runAnalysisBenchmark),
    Subcommand(name: "suite",
               help: "[suite] [--corpus DIR] [--scale H] [--format text|json] [--curve H,...] …  the main suite (default); suite --help",
               run: runSuite),
    Subcommand(name: "docx",
               help: "docx --corpus DIR --docx DIR [--runs N]     reading speed of Word documents and DEFLATE beside WebVTT",
               run: runDocxBenchmark),
    Subcommand(name: "formats",
               help: "formats [--corpus DIR] [--runs N]        reading speed of every transcript format beside WebVTT's, same words",
               run: runFormatsBenchmark),
    Subcommand(name: "storage",
               help: "storage [--corpus DIR] [--runs N]        index size, open, first query, incremental update vs rebuild",
               run: runStorageBenchmark),
    Subcommand(name: "textblocks",
               help: "textblocks [--corpus DIR] [--runs N]     stored-text block codec: ratio, speed per block size and match depth",
               run: runTextBlockBenchmark),
    Subcommand(name: "read",
               help: "read [--corpus DIR]... [--runs N]       reading speed of the transcript readers (MB/s, cues/s) per format",
               run: runReadBenchmark),
    Subcommand(name: "cues",
               help: "cues FILE...                            print the cues read from each transcript, as JSON lines",
               run: runCues),
    Subcommand(name: "topdocs",
               help: "topdocs --index FILE --queries FILE      top documents of each query (pruned and exhaustive), for diffs",
               run: runTopDocs),
    Subcommand(name: "threads",
               help: "threads --index FILE --queries FILE [--threads 1,2]  queries/s of one shared index on N threads (search() and top 10)",
               run: runThreads),
    Subcommand(name: "unpack",
               help: "unpack [--blocks N] [--rounds R] [--trials T]  ns per 128-value postings block per bit width, base vs new",
               run: runUnpackBenchmark),
    Subcommand(name: "stem",
               help: "stem < words.txt                        print the Porter2 stem of each input line",
               run: runStem),
]

@MainActor func printUsage() {
    var text = "usage: soundbite-bench SUBCOMMAND [OPTIONS]\n\nsubcommands:\n"
    for command in subcommands { text += "  \(command.help)\n" }
    FileHandle.standardError.write(Data(text.utf8))
}

let arguments = Array(CommandLine.arguments.dropFirst())
// Every subcommand reads its corpora from `--corpus DIR`: a folder that is not
// there is a usage error here, not a trap deep inside a benchmark.
for (i, argument) in arguments.enumerated() where argument == "--corpus" && i + 1 < arguments.count {
    var isFolder: ObjCBool = false
    if !FileManager.default.fileExists(atPath: arguments[i + 1], isDirectory: &isFolder) || !isFolder.boolValue {
        FileHandle.standardError.write(Data("soundbite-bench: --corpus \(arguments[i + 1]): no such folder\n".utf8))
        exit(2)
    }
}
// No subcommand, or options first: the main suite (`soundbite-bench --scale 100`).
if arguments.first.map({ $0.hasPrefix("-") && $0 != "-h" && $0 != "--help" }) ?? true {
    exit(runSuite(arguments))
}
let name = arguments[0]
if name == "-h" || name == "--help" || name == "help" {
    printUsage()
    exit(0)
}
guard let command = subcommands.first(where: { $0.name == name }) else {
    FileHandle.standardError.write(Data("soundbite-bench: unknown subcommand '\(name)'\n".utf8))
    printUsage()
    exit(2)
}
exit(command.run(Array(arguments.dropFirst())))
