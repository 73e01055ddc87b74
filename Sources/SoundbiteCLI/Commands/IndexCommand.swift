import Foundation
import Soundbite

/// `soundbite index PATH... [-o INDEX]`
enum IndexCommand {
    static let options: [OptionSpec] = [
        OptionSpec("-o", "--output", value: true, help: "index file to write or update (default \(IndexSource.defaultFileName))"),
        OptionSpec("--strict", help: "exit 1 (and write nothing) if any transcript gave a warning"),
        OptionSpec("--passage-words", value: true, help: "word budget of a passage, the unit BM25 ranks (default 10)"),
        OptionSpec("--no-stem", help: "index without the Porter2 stemmer"),
        OptionSpec("--exact-forms", help: "also index each stemmed word's exact form (exact words rank first)"),
        OptionSpec("--threads", value: true, help: "threads that read and index transcripts (default: one per processor; the file is the same)"),
        OptionSpec("--memory", value: true, help: "MiB of postings held in memory before they move to a temporary file (default 256; the file is the same)"),
        OptionSpec("-h", "--help", help: "show this help"),
    ]

    static let help = helpText(
        usage: "soundbite index PATH... [-o INDEX] [--strict]",
        summary: "Read the collections at PATH (folders of .vtt/.srt/.txt, with an optional collection.json) and write\none index file, atomically. An existing index is updated: only new or changed transcripts are read.",
        options: options)

    static func run(_ args: [String], _ console: Console) throws -> Int32 {
        let a = try Arguments(args, specs: options, console: console)
        if a.flag("--help") { console.print(help); return 0 }
        guard !a.positional.isEmpty else { throw UsageError("missing PATH: give one or more collection folders") }
        let output = a.value("--output") ?? IndexSource.defaultFileName
        let words = try a.int("--passage-words", default: 10, in: 1...100_000)
        let threads = try a.int("--threads", default: IndexOptions.defaultThreads, in: 1...1024)
        let memory = try a.int("--memory", default: IndexOptions().memoryBudget >> 20, in: 0...(1 << 30))
        let options = IndexOptions(analyzer: Analyzer(stemming: !a.flag("--no-stem"), exactForms: a.flag("--exact-forms")),
                                   passageWords: words, threads: threads, memoryBudget: memory << 20)
        let strict = a.flag("--strict")
        // A PATH that is not there is a mistake, not an empty collection: nothing is written.
        for path in a.positional where !FileManager.default.fileExists(atPath: path) {
            throw CommandError.runtime("\(path) does not exist; nothing was indexed (check the PATH)")
        }
        // An existing index is updated; a damaged one is rebuilt; a file that
        // is not an index at all, or not a regular file, is never overwritten.
        var old: SearchIndex?
        if FileManager.default.fileExists(atPath: output) {
            do {
                old = try SearchIndex(contentsOf: output)
            } catch StorageError.badMagic {
                throw CommandError.runtime("\(output) exists and is not a Soundbite index; refusing to overwrite it (remove it or choose another -o)")
            } catch StorageError.notRegularFile(let path, let kind) {
                throw CommandError.runtime(StorageError.notRegularFile(path: path, kind: kind).description)
            } catch StorageError.unsupportedVersion(_, let found, let supported) where found < supported {
                console.error("note: \(output) was written by an older soundbite (format \(found)); rebuilding it from the transcripts")
            } catch {
                console.error("warning: \(error.description)")
                console.error("note: rebuilding \(output) from the transcripts")
            }
        }
        // The index streams to the file as it is laid out (never whole in
        // memory), once the report is out and `--strict` has had its say.
        var refusal: (any Error)?
        var warnings = 0
        let written: (index: SearchIndex?, report: IndexUpdateReport)
        do {
            written = try SearchIndex.update(old, paths: a.positional, writingTo: output, options: options) { report in
                IndexSource.report(report.diagnostics, console: console)
                if old != nil, let reason = report.rebuildReason {
                    console.error("note: not reusing \(output) (\(reason)); rebuilt it from the transcripts")
                }
                warnings = report.diagnostics.count + report.keptWarnings
                do {
                    try IndexSource.checkStrict(warnings, strict: strict, detail: report.keptWarnings > 0
                        ? " (\(report.keptWarnings) recorded in the index for unchanged transcripts)" : "")
                } catch {
                    refusal = error
                    return false
                }
                return true
            }
        } catch {
            throw CommandError.runtime(error.description)
        }
        if let refusal { throw refusal }
        guard let index = written.index else { return 1 }
        let report = written.report
        let s = index.writtenCounts
        console.print("indexed \(counted(s.interviews, "interview")), \(counted(s.cues, "cue")), \(counted(s.words, "word")), "
                      + "\(counted(s.documents, "passage")); \(counted(warnings, "warning")), "
                      + "\(counted(report.skipped.count, "file")) skipped → \(output) (\(counted(s.bytes, "byte")))")
        console.print("added \(report.added), updated \(report.updated), removed \(report.removed), unchanged \(report.unchanged)")
        return 0
    }
}
