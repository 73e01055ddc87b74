import Soundbite

/// `soundbite stats [PATH...] [-i INDEX] [--format text|json] [--verify] [--diagnostics]`
enum StatsCommand {
    static let options: [OptionSpec] = [
        OptionSpec("-i", "--index", value: true, help: "index file to report on (default: see `search`)"),
        OptionSpec("--format", value: true, help: "text or json"),
        OptionSpec("--verify", help: "recompute every checksum of the index file"),
        OptionSpec("--strict", help: "exit 1 if reading the collections gave warnings"),
        OptionSpec("--diagnostics", help: "list every warning and error met reading the collections at PATH"),
        OptionSpec("-h", "--help", help: "show this help"),
    ]

    static let help = helpText(
        usage: "soundbite stats [PATH...] [-i INDEX] [--format text|json] [--verify] [--diagnostics]",
        summary: "Report interviews, cues, words, seconds, cues per role, speakers, chapters, warnings, skipped files and formats,\nof the collections at PATH (read now) or of an index.",
        options: options)

    static func run(_ args: [String], _ console: Console) throws -> Int32 {
        let a = try Arguments(args, specs: options, console: console)
        if a.flag("--help") { console.print(help); return 0 }
        let format = try a.choice("--format", ["text", "json"], default: "text")
        let listDiagnostics = a.flag("--diagnostics")
        let index: SearchIndex
        var diagnostics: [Diagnostic] = []
        if !a.positional.isEmpty {
            guard a.value("--index") == nil else { throw UsageError("give PATHs or -i INDEX, not both") }
            let collections = try IndexSource.readCollections(a.positional, console: console, strict: a.flag("--strict"),
                                                               quiet: listDiagnostics)
            diagnostics = collections.flatMap(\.diagnostics)
            index = SearchIndex(building: collections)
        } else {
            if listDiagnostics {
                throw UsageError("--diagnostics needs the collection PATHs (an index keeps only the counts): soundbite stats PATH --diagnostics")
            }
            index = try IndexSource.open(a.value("--index"), console: console)
            if a.flag("--verify") {
                do { try index.verify() } catch { throw CommandError.runtime(error.description) }
                console.error("verified: every checksum of \(index.path.isEmpty ? "the in-memory index" : index.path) matches")
            }
        }
        let s = index.statistics
        if format == "json" {
            try console.printJSON(StatisticsJSON(s, diagnostics: listDiagnostics ? diagnostics : nil))
        } else {
            console.print("interviews  \(s.interviews)")
            console.print("cues        \(s.cues)")
            console.print("words       \(s.words)")
            console.print("hours       \(round3(s.seconds / 3600))")
            console.print("speakers    \(s.speakers)")
            console.print("chapters    \(s.chapters)")
            console.print("documents   \(s.documents)")
            console.print("terms       \(s.terms)")
            console.print("index bytes \(s.bytes)")
            console.print("warnings    \(s.warnings)")
            console.print("skipped     \(s.skipped)")
            console.print("formats     " + s.formats.sorted { ($1.value, $0.key) < ($0.value, $1.key) }
                .map { "\(TranscriptFormat(rawValue: $0.key)?.displayName ?? ($0.key.isEmpty ? "(unknown)" : $0.key)) \($0.value)" }
                .joined(separator: ", "))
            console.print("cues per role:")
            for (role, n) in s.roles.sorted(by: { $0.value > $1.value }) {
                console.print("  \(role.isEmpty ? "(none)" : role)  \(n)")
            }
            if !s.usedByInterview.isEmpty {
                let used = s.usedByInterview.reduce(0) { $0 + $1.used }
                console.print("used        \(DurationText.of(used)) of \(DurationText.of(s.seconds)) (\(counted(s.usedByInterview.filter { $0.used > 0 }.count, "interview")))")
                console.print("used per collection:")
                for c in s.usedByCollection { console.print("  \(c.name)  \(DurationText.of(c.used)) of \(DurationText.of(c.recorded))") }
                console.print("used per interview:")
                for i in s.usedByInterview where i.used > 0 { console.print("  \(i.name)  \(DurationText.of(i.used)) of \(DurationText.of(i.recorded))") }
            }
            if listDiagnostics {
                console.print("diagnostics \(diagnostics.count):")
                for d in diagnostics { console.print(d.description) }
            }
        }
        return 0
    }
}

/// `soundbite stats --format json`: the statistics, seconds to the
/// millisecond, cues without a role counted under "(none)", files of no known
/// format under "(unknown)", and with `--diagnostics` every diagnostic.
struct StatisticsJSON: Encodable {
    let interviews: Int, cues: Int, words: Int
    let seconds: Double
    let roles: SortedKeys<Int>
    let speakers: Int, chapters: Int, warnings: Int, skipped: Int
    let formats: SortedKeys<Int>
    let documents: Int, terms: Int, bytes: Int
    /// Present when `soundbite used` recorded ranges.
    let used: UsedJSON?
    let diagnostics: [Diagnostic]?

    /// `{"seconds", "collections": [{"name", "used", "recorded"}], "interviews": [{"interview", "used", "recorded"}]}`, seconds to the millisecond.
    struct UsedJSON: Encodable {
        struct Part: Encodable { let name: String?, interview: String?, used: Double, recorded: Double }
        let seconds: Double
        let collections: [Part]
        let interviews: [Part]
    }

    init(_ s: IndexStatistics, diagnostics: [Diagnostic]?) {
        interviews = s.interviews; cues = s.cues; words = s.words
        seconds = (s.seconds * 1000).rounded() / 1000
        roles = SortedKeys(Dictionary(uniqueKeysWithValues: s.roles.map { ($0.key.isEmpty ? "(none)" : $0.key, $0.value) }))
        speakers = s.speakers; chapters = s.chapters; warnings = s.warnings; skipped = s.skipped
        formats = SortedKeys(Dictionary(uniqueKeysWithValues: s.formats.map { ($0.key.isEmpty ? "(unknown)" : $0.key, $0.value) }))
        documents = s.documents; terms = s.terms; bytes = s.bytes
        func ms(_ t: Double) -> Double { (t * 1000).rounded() / 1000 }
        used = s.usedByInterview.isEmpty ? nil : UsedJSON(
            seconds: ms(s.usedByInterview.reduce(0) { $0 + $1.used }),
            collections: s.usedByCollection.map { .init(name: $0.name, interview: nil, used: ms($0.used), recorded: ms($0.recorded)) },
            interviews: s.usedByInterview.map { .init(name: nil, interview: $0.name, used: ms($0.used), recorded: ms($0.recorded)) })
        self.diagnostics = diagnostics
    }
}
