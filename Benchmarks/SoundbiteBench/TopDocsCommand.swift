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
/// a class's p99, for profiling (`--class C` keeps one class). With
/// `--interleave` the repeats go round the whole list instead (each pass runs
/// every query once, in the mix's order, after one warm-up pass), so a query
/// finds in the caches what the queries before it left there, as in the
/// suite and the peers' runs, not what its own previous run did.
func runTopDocs(_ arguments: [String]) -> Int32 {
    var indexPath: String?, queriesPath: String?, limit = 10, repeats = 1
    var rankings = [Ranking.quote, .bm25], modes = [false, true]
    var times = false, interleave = false, onlyClass: String?
    var i = 0
    while i < arguments.count {
        let a = arguments[i]
        if a == "--pruned-only" { modes = [false]; i += 1; continue }
        if a == "--times" { times = true; i += 1; continue }
        if a == "--interleave" { interleave = true; i += 1; continue }
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
        FileHandle.standardOutput.write(Data(queryTimes(queries, index, limit: limit, rankings: rankings, repeats: repeats,
                                                                       interleave: interleave).utf8))
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

/// `--times`: each query's least pruned top-k thread CPU µs over `repeats`,
/// slowest first; `interleave`: the repeats are passes over the whole list.
private func queryTimes(_ queries: [BenchQuery], _ index: SearchIndex, limit: Int, rankings: [Ranking], repeats: Int,
                        interleave: Bool) -> String {
    var runs: [(q: BenchQuery, ranking: Ranking)] = []
    for q in queries { for ranking in rankings { runs.append((q, ranking)) } }
    var best = [Double](repeating: .infinity, count: runs.count)
    var sink = 0
    func time(_ k: Int) -> Double {
        let o = SearchOptions(limit: limit, filters: runs[k].q.filters, countFacets: false, ranking: runs[k].ranking)
        return Measure.cpuSeconds { sink &+= (try? index.topDocuments(runs[k].q.query, options: o))?.count ?? 0 }
    }
    if interleave {
        for r in 0...repeats {
            for k in runs.indices {
                let cpu = time(k)
                if r > 0 { best[k] = min(best[k], cpu) }
            }
        }
    } else {
        for k in runs.indices {
            for r in 0...repeats {
                let cpu = time(k)
                if r > 0 { best[k] = min(best[k], cpu) }
            }
        }
    }
    benchSink &+= sink
    let rows = runs.indices.map { k in
        (us: best[k] * 1e6, line: "\(runs[k].q.class)\t\(runs[k].q.query) \(runs[k].q.role ?? "") \(runs[k].q.chapter ?? "")\t\(runs[k].ranking)")
    }
    return rows.sorted { $0.us > $1.us }.map { String(format: "%.1f", $0.us) + "\t" + $0.line + "\n" }.joined()
}

private func topDocsUsage(_ problem: String) -> Int32 {
    FileHandle.standardError.write(Data(
        "soundbite-bench topdocs: \(problem)\nusage: soundbite-bench topdocs --index FILE --queries FILE [--limit K] [--ranking quote|bm25] [--pruned-only] [--repeat N] [--times] [--interleave] [--class C]\n".utf8))
    return 2
}
