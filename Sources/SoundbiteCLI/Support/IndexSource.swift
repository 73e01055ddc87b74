import Foundation
import Soundbite

/// Finds the index a command works on: `-i PATH` (an index file, or a
/// collection folder or transcript indexed in memory), else
/// `$SOUNDBITE_INDEX`, else `soundbite.sbx` in the current folder, else the
/// bundled `Corpus/` indexed in memory (saying so on stderr).
struct IndexSource {
    /// The default index file name in the current folder.
    static let defaultFileName = "soundbite.sbx"

    /// Opens or builds the index. Diagnostics of folders read are printed to
    /// stderr; with `strict`, any warning is an error.
    static func open(_ explicit: String?, console: Console, strict: Bool = false) throws -> SearchIndex {
        if let path = explicit ?? Environment.value("SOUNDBITE_INDEX") {
            return try load(path, console: console, strict: strict)
        }
        if FileManager.default.fileExists(atPath: defaultFileName) {
            return try load(defaultFileName, console: console, strict: strict)
        }
        guard let corpus = bundledCorpus() else {
            throw CommandError.runtime("no index given (-i), no \(defaultFileName) here and the bundled Corpus/ was not found; run `soundbite index PATH` first")
        }
        console.error("note: no index given; searching the bundled Corpus (\(corpus)) indexed in memory")
        return try load(corpus, console: console, strict: strict)
    }

    /// An index file is opened; a folder or transcript is read and indexed in
    /// memory. Anything else (a FIFO, a device) goes to the index reader,
    /// which refuses it without opening it.
    static func load(_ path: String, console: Console, strict: Bool) throws -> SearchIndex {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw CommandError.runtime("\(path): no such file or folder")
        }
        if isDirectory.boolValue || (isRegularFile(path) && TranscriptFormat.hint(forPath: path) != nil) {
            let collections = try readCollections([path], console: console, strict: strict)
            return SearchIndex(building: collections)
        }
        return try SearchIndex(contentsOf: path)
    }

    /// Whether `path` (after links) is a regular file.
    static func isRegularFile(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && st.st_mode & S_IFMT == S_IFREG
    }

    /// Reads collections, printing their diagnostics to stderr (unless
    /// `quiet`: the caller lists them). With `strict`, any diagnostic makes
    /// it a runtime failure (exit 1).
    static func readCollections(_ paths: [String], console: Console, strict: Bool, quiet: Bool = false) throws -> [InterviewCollection] {
        let reader = CollectionReader()
        let collections = paths.flatMap(reader.readCollections)
        if !quiet { for c in collections { report(c.diagnostics, console: console) } }
        try checkStrict(collections.reduce(0) { $0 + $1.diagnostics.count }, strict: strict)
        return collections
    }

    /// With `strict`, fails when there were warnings (the SPEC's `--strict`).
    static func checkStrict(_ warnings: Int, strict: Bool, detail: String = "") throws {
        guard strict && warnings > 0 else { return }
        throw CommandError.runtime("\(counted(warnings, "warning"))\(detail) with --strict; nothing done")
    }

    /// The most diagnostics printed to stderr while reading; `stats PATH
    /// --diagnostics` lists every one.
    static let reportedDiagnostics = 50

    /// Prints diagnostics (at most ``reportedDiagnostics``, then a count and
    /// how to list them all). Each is one line: ``Diagnostic/description``
    /// escapes control characters.
    static func report(_ diagnostics: [Diagnostic], console: Console) {
        for d in diagnostics.prefix(reportedDiagnostics) { console.error(d.description) }
        if diagnostics.count > reportedDiagnostics {
            console.error("… and \(counted(diagnostics.count - reportedDiagnostics, "more diagnostic")); `soundbite stats PATH --diagnostics` lists them all")
        }
    }

    /// The bundled Corpus: `$SOUNDBITE_CORPUS`, `./Corpus`, or the package's
    /// `Corpus/` next to these sources or above the executable.
    static func bundledCorpus() -> String? {
        let fm = FileManager.default
        var candidates: [String] = []
        if let env = Environment.value("SOUNDBITE_CORPUS") { candidates.append(env) }
        candidates.append("Corpus")
        let source = URL(fileURLWithPath: #filePath)
        candidates.append(source.deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Corpus").path)
        var exe = URL(fileURLWithPath: CommandLine.arguments.first ?? ".").deletingLastPathComponent()
        for _ in 0..<5 {
            candidates.append(exe.appendingPathComponent("Corpus").path)
            exe = exe.deletingLastPathComponent()
        }
        var isDirectory: ObjCBool = false
        return candidates.first { fm.fileExists(atPath: $0, isDirectory: &isDirectory) && isDirectory.boolValue }
    }
}

/// A failure a command reports: runtime (exit 1) or usage (exit 2).
enum CommandError: Error {
    case runtime(String)
    case usage(String)
}
