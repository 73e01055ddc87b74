import Foundation
import Soundbite

/// `soundbite-bench topdocs --index FILE --queries FILE [--limit K]`: prints,
/// for each query of a mix written by `--dump-queries`, its top documents as
/// one line `class<TAB>query<TAB>ranking<TAB>mode<TAB>doc:score …` (scores
/// printed exactly, as their bit pattern's hex), in both rankings and both
/// with pruning and exhaustively. Run it before and after a change to the
/// scorers and `diff` the two outputs: any changed hit, score or order shows.
func runTopDocs(_ arguments: [String]) -> Int32 {
    var indexPath: String?, queriesPath: String?, limit = 10
    var i = 0
    while i < arguments.count {
        let a = arguments[i]
        guard i + 1 < arguments.count else { return topDocsUsage("\(a) needs a value") }
        switch a {
        case "--index": indexPath = arguments[i + 1]
        case "--queries": queriesPath = arguments[i + 1]
        case "--limit":
            guard let k = Int(arguments[i + 1]), k > 0 else { return topDocsUsage("--limit needs a number > 0") }
            limit = k
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
    var out = ""
    for (n, line) in lines.enumerated() {
        guard let q = try? decoder.decode(BenchQuery.self, from: Data(line.utf8)) else {
            FileHandle.standardError.write(Data("soundbite-bench topdocs: \(queriesPath):\(n + 1): not a query\n".utf8))
            return 1
        }
        for ranking in [Ranking.quote, .bm25] {
            for exhaustive in [false, true] {
                let o = SearchOptions(limit: limit, filters: q.filters, countFacets: false, exhaustive: exhaustive,
                                      ranking: ranking)
                let result: String
                do {
                    result = try index.topDocuments(q.query, options: o)
                        .map { "\($0.doc):\(String($0.score.bitPattern, radix: 16))" }.joined(separator: " ")
                } catch {
                    result = "error: \(error)"
                }
                out += "\(q.class)\t\(q.query) \(q.role ?? "") \(q.chapter ?? "")\t\(ranking)\t"
                out += "\(exhaustive ? "exhaustive" : "pruned")\t\(result)\n"
            }
        }
    }
    FileHandle.standardOutput.write(Data(out.utf8))
    return 0
}

private func topDocsUsage(_ problem: String) -> Int32 {
    FileHandle.standardError.write(Data(
        "soundbite-bench topdocs: \(problem)\nusage: soundbite-bench topdocs --index FILE --queries FILE [--limit K]\n".utf8))
    return 2
}
