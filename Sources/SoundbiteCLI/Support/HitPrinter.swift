import Foundation
import Soundbite

/// Writes search results as text, JSON or CSV.
struct HitPrinter {
    let console: Console
    let explain: Bool

    /// `{"query", "total", "hits", "facets"}`.
    func resultsJSON(_ r: SearchResults) -> JSON {
        .object([
            ("query", .string(r.query)),
            ("total", .int(r.total)),
            ("hits", .array(r.hits.map(hitJSON))),
            ("facets", .object(r.facets.sorted { $0.key < $1.key }.map { ($0.key, JSON.counts($0.value)) })),
        ])
    }

    /// One hit, with the SPEC's keys (plus `explain` and `context` when asked for).
    func hitJSON(_ h: Hit) -> JSON {
        var pairs: [(String, JSON)] = [
            ("rank", .int(h.rank)), ("score", .number(h.score)), ("document", .int(h.document)),
            ("interview", .string(h.interview)), ("title", .string(h.title)),
            ("speaker", .string(h.speaker)), ("role", .string(h.role)), ("chapter", .string(h.chapter)),
            ("start", .number(h.start)), ("end", .number(h.end)), ("timecode", .string(h.timecode)),
            ("text", .string(h.text)), ("snippet", .string(h.snippet.marked())),
            ("media", .string(h.media)), ("fields", JSON.strings(h.fields)),
        ]
        if let e = h.explanation { pairs.append(("explain", explanationJSON(e, h.placement))) }
        if !h.before.isEmpty || !h.after.isEmpty {
            pairs.append(("context", .object([("before", .array(h.before.map(utteranceJSON))),
                                              ("after", .array(h.after.map(utteranceJSON)))])))
        }
        return .object(pairs)
    }

    func explanationJSON(_ e: Explanation, _ placement: Placement?) -> JSON {
        var tier: [(String, JSON)] = []
        if let placement {
            tier = [("tier", .int(placement.tier.rawValue)), ("tierName", .string(placement.tier.name)),
                    ("oneCue", .bool(placement.oneCue))]
        }
        return .object(tier + [
            ("N", .int(e.N)), ("avgdl", .number(e.avgdl)), ("dl", .int(e.dl)), ("k1", .number(e.k1)), ("b", .number(e.b)),
            ("terms", .array(e.terms.map { t in
                t.isPhrase
                    ? .object([("phrase", .string(t.term)), ("tf", .int(t.tf)), ("idf", .number(t.idf)), ("score", .number(t.score))])
                    : .object([("term", .string(t.term)), ("tf", .int(t.tf)), ("df", .int(t.df ?? 0)),
                               ("idf", .number(t.idf))] + (t.weight == 1 ? [] : [("weight", .number(t.weight))])
                              + [("score", .number(t.score))])
            })),
            ("score", .number(e.score)),
        ])
    }

    func utteranceJSON(_ u: Utterance) -> JSON {
        .object([("speaker", .string(u.speaker)), ("role", .string(u.role)), ("chapter", .string(u.chapter)),
                 ("start", .number(u.start)), ("end", .number(u.end)), ("text", .string(u.text))])
    }

    /// Readable blocks, highlighted with ANSI bold on a terminal.
    func text(_ r: SearchResults) {
        let (open, close) = console.isTerminal ? ("\u{1B}[1m", "\u{1B}[0m") : ("[", "]")
        console.print("\(r.total) match\(r.total == 1 ? "" : "es") for \(r.query)")
        for h in r.hits {
            let who = h.role.isEmpty ? h.speaker : "\(h.speaker) (\(h.role))"
            let chapter = h.chapter.isEmpty ? "" : " · \(h.chapter)"
            console.print("")
            console.print("\(h.rank). \(h.title) · \(who)\(chapter) · \(h.timecode)   score \(round3(h.score))")
            for u in h.before { console.print("     \(u.speaker): \(u.text)") }
            console.print("   " + h.snippet.marked(open: open, close: close))
            for u in h.after { console.print("     \(u.speaker): \(u.text)") }
            if !h.media.isEmpty { console.print("   " + h.media) }
            if let e = h.explanation {
                if let p = h.placement {
                    console.print("   tier \(p.tier.rawValue) (\(p.tier.name))\(p.oneCue ? ", one cue" : "")")
                }
                console.print("   explain: N=\(e.N) avgdl=\(round3(e.avgdl)) dl=\(e.dl) k1=\(e.k1) b=\(e.b)")
                for t in e.terms {
                    let df = t.df.map { " df=\($0)" } ?? ""
                    let weight = t.weight == 1 ? "" : " × \(t.weight) (derived form)"
                    console.print("     \(t.isPhrase ? "phrase" : "term") \"\(t.term)\" tf=\(t.tf)\(df) idf=\(round3(t.idf))\(weight) → \(round3(t.score))")
                }
            }
        }
    }

    /// RFC 4180 CSV with a header row.
    func csv(_ r: SearchResults) {
        console.print("rank,score,interview,title,speaker,role,chapter,start,end,timecode,media,snippet,text")
        for h in r.hits {
            let cells = [String(h.rank), "\(h.score)", h.interview, h.title, h.speaker, h.role, h.chapter,
                         "\(h.start)", "\(h.end)", h.timecode, h.media, h.snippet.marked(), h.text]
            console.print(cells.map(Self.csvCell).joined(separator: ","))
        }
    }

    static func csvCell(_ s: String) -> String { CSV.field(s) }
}

/// A number rounded to 3 decimals for display.
func round3(_ d: Double) -> String {
    let r = (d * 1000).rounded() / 1000
    return "\(r)"
}
