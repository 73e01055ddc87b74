import Soundbite

/// `soundbite search QUERY [-i INDEX] [filters] [-n N] [--format F] [--explain]`
enum SearchCommand {
    static let options: [OptionSpec] = [
        OptionSpec("-i", "--index", value: true, help: "index file, or a collection folder indexed in memory"),
        OptionSpec("-n", "--limit", value: true, help: "number of hits (default 10)"),
        OptionSpec("--offset", value: true, help: "hits to skip (paging)"),
        OptionSpec("--role", value: true, help: "only this speaker role (repeat to allow several)"),
        OptionSpec("--chapter", value: true, help: "only this chapter (repeatable)"),
        OptionSpec("--speaker", value: true, help: "only this speaker (repeatable)"),
        OptionSpec("--interview", value: true, help: "only this interview id (repeatable)"),
        OptionSpec("--where", value: true, help: "KEY=VALUE: only interviews whose manifest field matches (repeatable)"),
        OptionSpec("--unused", help: "only passages outside the cut `soundbite used` recorded (the cutting-room floor)"),
        OptionSpec("--used", help: "only passages the recorded cut used"),
        OptionSpec("--format", value: true, help: "text, json, jsonl or csv (default text)"),
        OptionSpec("--explain", help: "show every BM25 factor of every hit"),
        OptionSpec("--context", value: true, help: "N: add the N passages before and after each hit"),
        OptionSpec("--k1", value: true, help: "BM25 k1 (default 1.2)"),
        OptionSpec("--b", value: true, help: "BM25 b (default 0.75)"),
        OptionSpec("--rank", value: true, help: "quote (default: tiers for finding a quote, then score) or bm25 (score alone)"),
        OptionSpec("--all-first", help: "the default order (kept as an alias of --rank quote)"),
        OptionSpec("--queries", value: true, help: "FILE: run one query per line ('-' = stdin), one JSON object per line"),
        OptionSpec("--strict", help: "treat warnings while reading a folder as errors"),
        OptionSpec("-h", "--help", help: "show this help"),
    ]

    static let help = helpText(
        usage: "soundbite search QUERY [-i INDEX] [--role R] [--chapter C] [--speaker S] [--interview ID] [--where K=V] [-n N] [--format text|json|jsonl|csv] [--explain] [--context N] [--rank quote|bm25] [--unused|--used]",
        summary: "Find passages matching QUERY, ordered for finding a quote (scores are BM25).",
        options: options,
        notes: """
        query language:
          laptops home              any of the words
          +laptops -tablet          must / must not
          a AND (b OR c) NOT d      boolean operators, parentheses
          "one to one"  "a b"~3     phrase, phrase with slop
          lapt*   recieve~  word~1  prefix, fuzzy (edit distance 2 or 1)
          role:parent chapter:"use of ict" school:hillside   field filters

        filters (options and field:value alike) match case-insensitively; '*' anywhere in a value matches
        any run of characters: --chapter '*ict*', --speaker 'ruth*', chapter:*licen*.
        values of one filter are OR'ed, different filters AND'ed.

        order (--rank quote, the default; scores, totals and facets are BM25 either way):
          1 all-words       passages holding every query word
          2 derived-forms   every word, some in a derived form (historical for history)
          3 with-neighbour  every word, with the next or previous passage of the same turn
          4 some-words      the rest
          inside tiers 1-3, passages whose matched words sit in one cue first (by that cue's BM25); then score.
          --rank bm25 orders by score alone. --explain shows each hit's tier.
        """)

    static func run(_ args: [String], _ console: Console) throws -> Int32 {
        let a = try Arguments(args, specs: options, console: console)
        if a.flag("--help") { console.print(help); return 0 }
        let format = try a.choice("--format", ["text", "json", "jsonl", "csv"], default: "text")
        var search = SearchOptions()
        search.limit = try a.int("--limit", default: 10, in: 0...100_000)
        search.offset = try a.int("--offset", default: 0, in: 0...1_000_000)
        search.k1 = try a.double("--k1", default: 1.2)
        search.b = try a.double("--b", default: 0.75)
        search.explain = a.flag("--explain")
        search.ranking = try a.choice("--rank", Ranking.allCases.map(\.rawValue), default: "quote") == "bm25" ? .bm25 : .quote
        if a.flag("--all-first") && search.ranking == .bm25 { throw UsageError("--all-first is the quote order; it cannot go with --rank bm25") }
        search.context = try a.int("--context", default: 0, in: 0...100)
        search.filters = try filters(a)
        // JSON prints the total and the facets, text the total alone; JSON lines and CSV print hits only.
        search.countFacets = a.value("--queries") != nil || format == "json"
        search.countTotal = format == "text"
        if a.flag("--used") && a.flag("--unused") { throw UsageError("--used and --unused exclude each other; give one") }
        search.used = a.flag("--used") ? .used : a.flag("--unused") ? .unused : .any
        let queries: [String]
        if let file = a.value("--queries") {
            guard a.positional.isEmpty else { throw UsageError("give either QUERY or --queries, not both") }
            queries = try QueryFile.lines(file, console: console)
        } else {
            guard a.positional.count == 1 else {
                throw UsageError(a.positional.isEmpty ? "missing QUERY" : "expected one QUERY (quote it), got \(a.positional.count) arguments")
            }
            queries = a.positional
        }
        if a.value("--queries") != nil {
            let index = try IndexSource.open(a.value("--index"), console: console, strict: a.flag("--strict"))
            return console.exit(try runBatch(queries, index: index, options: search, console: console), keeping: index)
        }
        // Parse first: a typo fails before any index is read or built.
        let node: QueryNode
        do { node = try QueryParser(limits: search.limits).parse(queries[0]) } catch {
            throw CommandError.usage(SearchError.syntax(error).description)
        }
        let index = try IndexSource.open(a.value("--index"), console: console, strict: a.flag("--strict"))
        if search.used != .any && index.usedRanges.isEmpty {
            console.error("note: the index has no used ranges (mark a finished edit with `soundbite used CUT -i INDEX`), so every passage is unused")
        }
        let results: SearchResults
        do { results = try index.search(node, text: queries[0], options: search) } catch {
            if case .damagedIndex = error { throw CommandError.runtime(error.description) }
            throw CommandError.usage(error.description)
        }
        let printer = HitPrinter(console: console, explain: search.explain)
        switch format {
        case "json": try console.printJSON(results)
        case "jsonl": for h in results.hits { try console.printJSON(h) }
        case "csv": printer.csv(results)
        default: printer.text(results)
        }
        return console.exit(0, keeping: index, results)
    }

    /// `--queries`: one JSON object per query; a bad query gets an `error` entry and exit 2 at the end.
    static func runBatch(_ queries: [String], index: SearchIndex, options: SearchOptions, console: Console) throws -> Int32 {
        var status: Int32 = 0
        for q in queries where !q.allSatisfy(\.isWhitespace) {
            do {
                try console.printJSON(try index.search(q, options: options))
            } catch let error as SearchError {
                try console.printJSON(FailedQuery(query: q, error: error.description))
                console.error("error: \(q): \(error.description)")
                status = 2
            }
        }
        return status
    }

    /// The `--queries` line of a query that failed.
    struct FailedQuery: Encodable {
        let query: String
        let error: String
    }

    static func filters(_ a: Arguments) throws(UsageError) -> SearchFilters {
        var f = SearchFilters(roles: a.all("--role"), chapters: a.all("--chapter"),
                              speakers: a.all("--speaker"), interviews: a.all("--interview"))
        for w in a.all("--where") {
            guard let eq = w.firstIndex(of: "="), eq != w.startIndex else {
                throw UsageError("--where needs KEY=VALUE, got '\(w)'")
            }
            f.fields[String(w[..<eq]).lowercased(), default: []].append(String(w[w.index(after: eq)...]))
        }
        return f
    }
}

/// Reads a file of queries, one per line (`-` = stdin).
enum QueryFile {
    static func lines(_ path: String, console: Console) throws -> [String] {
        if path == "-" { return console.stdinLines() }
        let data: [UInt8]
        switch FileBytes.read(path) {
        case .success(let bytes): data = bytes
        case .failure(.unreadable(let reason)): throw CommandError.runtime("\(path): cannot read the queries file (\(reason))")
        case .failure(.tooLarge): throw CommandError.runtime("\(path): the queries file is larger than \(FileBytes.limit >> 20) MiB; split it")
        }
        return String(decoding: data, as: UTF8.self).split(omittingEmptySubsequences: true) { $0 == "\n" || $0 == "\r\n" }.map(String.init)
    }
}
