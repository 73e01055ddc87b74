import Foundation
import Soundbite

/// `soundbite-bench topdocs --index FILE --queries FILE [--limit K]
/// [--ranking quote|bm25] [--pruned-only] [--repeat N]`: prints,
/// for each query of a mix written by `--dump-queries`, its top documents as
/// one line `class<TAB>query<TAB>ranking<TAB>mode<TAB>doc:score …` (scores
/// printed exactly, as their bit pattern's hex), in both rankings and both
/// with pruning and exhaustively. Run it before and after a change to the
/// scorers and `diff` the two outputs: any changed hit, score or order shows.
///
/// With `--times`, it prints instead each query's pruned top-k time, the
/// least thread CPU µs over `--repeat` runs (after one warm-up), one line
/// `µs<TAB>class<TAB>query<TAB>ranking`, slowest first: the queries behind
/// a class's p99, for profiling (`--class C` keeps one class).
func runTopDocs(_ arguments: [String]) -> Int32 {
    var indexPath: String?, queriesPath: String?, limit = 10, repeats = 1
    var rankings = [Ranking.quote, .bm25], modes = [false, true]
    var times = false, onlyClass: String?
    var i = 0
    while i < arguments.count {
        let a = arguments[i]
        if a == "--pruned-only" { modes = [false]; i += 1; continue }
        if a == "--times" { times = true; i += 1; continue }
        guard i + 1 < arguments.count else { return topDocsUsage("\(a) needs a value") }
        switch a {
        case "--index": indexPath = arguments[i + 1]
        case "--queries": queriesPath = arguments[i + 1]
        case "--class": onlyClass = arguments[i + 1]
        case "--limit":
            guard let k = Int(arguments[i + 1]), k > 0 else { return topDocsUsage("--limit needs a number > 0") }
            limit = k
        case "--ranking":
            guard let r = Ranking(rawValue: arguments[i + 1]) else { return topDocsUsage("--ranking is quote or bm25") }
            rankings = [r]
        case "--repeat":
            guard let n = Int(arguments[i + 1]), n > 0 else { return topDocsUsage("--repeat needs a number > 0") }
            repeats = n
        default: return topDocsUsage("unknown option '\(a)'")
        }
        i += 2
    }
    guard let indexPath, let queriesPath else { return topDocsUsage("--index and --queries are required") }
    let index: SearchIndex
    let lines: [Substring]
    do {
        index = try SearchIndex(contentsOf: indexPath)
        lines = try String(contentsOfFile: queriesPath, encoding: .utf8).split(separator: "\n")
    } catch {
        FileHandle.standardError.write(Data("soundbite-bench topdocs: \(error)\n".utf8))
        return 1
    }
    let decoder = JSONDecoder()
    var queries: [BenchQuery] = []
    for (n, line) in lines.enumerated() {
        guard let q = try? decoder.decode(BenchQuery.self, from: Data(line.utf8)) else {
            FileHandle.standardError.write(Data("soundbite-bench topdocs: \(queriesPath):\(n + 1): not a query\n".utf8))
            return 1
        }
        if onlyClass.map({ $0 == q.class }) ?? true { queries.append(q) }
    }
    if times {
        FileHandle.standardOutput.write(Data(queryTimes(queries, index, limit: limit, rankings: rankings, repeats: repeats).utf8))
        return 0
    }
    var out = ""
    for _ in 0..<repeats {
        out = ""
        for q in queries {
            for ranking in rankings {
                for exhaustive in modes { out += topDocumentsLine(q, index, limit: limit, ranking: ranking, exhaustive: exhaustive) }
            }
        }
    }
    FileHandle.standardOutput.write(Data(out.utf8))
    return 0
}

/// One output line: the query, how it ran, and its top documents (or its error).
private func topDocumentsLine(_ q: BenchQuery, _ index: SearchIndex, limit: Int, ranking: Ranking, exhaustive: Bool) -> String {
    let o = SearchOptions(limit: limit, filters: q.filters, countFacets: false, exhaustive: exhaustive, ranking: ranking)
    let result: String
    do {
        result = try index.topDocuments(q.query, options: o)
            .map { "\($0.doc):\(String($0.score.bitPattern, radix: 16))" }.joined(separator: " ")
    } catch {
        result = "error: \(error)"
    }
    return "\(q.class)\t\(q.query) \(q.role ?? "") \(q.chapter ?? "")\t\(ranking)\t\(exhaustive ? "exhaustive" : "pruned")\t\(result)\n"
}

/// `--times`: each query's least pruned top-k thread CPU µs over `repeats`, slowest first.
private func queryTimes(_ queries: [BenchQuery], _ index: SearchIndex, limit: Int, rankings: [Ranking], repeats: Int) -> String {
    var rows: [(us: Double, line: String)] = []
    var sink = 0
    for q in queries {
        for ranking in rankings {
            let o = SearchOptions(limit: limit, filters: q.filters, countFacets: false, ranking: ranking)
            var best = Double.infinity
            for r in 0...repeats {
                let cpu = Measure.cpuSeconds { sink &+= (try? index.topDocuments(q.query, options: o))?.count ?? 0 }
                if r > 0 { best = min(best, cpu) }
            }
            rows.append((best * 1e6, "\(q.class)\t\(q.query) \(q.role ?? "") \(q.chapter ?? "")\t\(ranking)"))
        }
    }
    benchSink &+= sink
    return rows.sorted { $0.us > $1.us }.map { String(format: "%.1f", $0.us) + "\t" + $0.line + "\n" }.joined()
}

private func topDocsUsage(_ problem: String) -> Int32 {
    FileHandle.standardError.write(Data(
        "soundbite-bench topdocs: \(problem)\nusage: soundbite-bench topdocs --index FILE --queries FILE [--limit K] [--ranking quote|bm25] [--pruned-only] [--repeat N] [--times] [--class C]\n".utf8))
    return 2
}
