import Foundation
import Soundbite

/// Writes search results as text, JSON or CSV.
struct HitPrinter {
    let console: Console
    let explain: Bool

    /// Readable blocks, highlighted with ANSI bold on a terminal.
    func text(_ r: SearchResults) {
        let (open, close) = console.usesColor ? ("\u{1B}[1m", "\u{1B}[0m") : ("[", "]")
        console.print("\(counted(r.total, "match", "matches")) for \(r.query)")
        for h in r.hits {
            let who = h.role.isEmpty ? h.speaker : h.speaker.isEmpty ? "(\(h.role))" : "\(h.speaker) (\(h.role))"
            let fields = [h.title, who, h.chapter, h.timecode].filter { !$0.isEmpty }
            console.print("")
            console.print("\(h.rank). \(fields.joined(separator: " · "))   score \(round3(h.score))")
            for u in h.before { console.print("     " + Self.line(u)) }
            console.print("   " + h.snippet.marked(open: open, close: close))
            for u in h.after { console.print("     " + Self.line(u)) }
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

    /// `Speaker: text`, or just the text when nobody was named.
    static func line(_ u: Utterance) -> String {
        u.speaker.isEmpty ? u.text : "\(u.speaker): \(u.text)"
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
