import XCTest
@testable import Soundbite

/// The union's non-essential terms bounded per window by the blocks the
/// window covers (``WindowBlockBound``), on terms whose postings are dense
/// and of high tf in one stretch of the index and sparse, tf 1, elsewhere
/// (a prefix's expansions: one word's interviews and the rest): the local
/// bound covers every posting of the window, stays at or below the global
/// bound and falls below it away from the dense stretch; the pruned union
/// walk keeps exactly what the exhaustive one does.
final class WindowBlockBoundTests: XCTestCase {
    /// Expansions of `har*`: each dense (every other cue, tf 1 to 4, short
    /// cues) in its own six interviews, sparse (one cue in 9, tf 1, long cues)
    /// elsewhere; "the" in every cue, "guest" in about a fifth.
    static let terms = ["harvard", "harvick", "harlan", "harmon"]

    /// 36 interviews of 160 cues; speakers' roles alternate.
    static let index: SearchIndex = {
        var rng = SyntheticCorpus.RNG(state: 4_404)
        let filler = ["people", "said", "village", "school", "really", "guest", "money", "time", "know", "think"]
        let roles = [("Ann Host", "host"), ("Bo Guest", "guest"), ("Cy Expert", "expert")]
        var interviews: [Interview] = []
        for i in 0..<36 {
            var cues: [Cue] = []
            var t = 0.0
            var speaker = 0
            for c in 0..<160 {
                if rng.next() % 3 == 0 { speaker = Int(rng.next() % UInt64(roles.count)) }
                var words = ["the"]
                let dense = (i / 6) % terms.count
                var long = false
                for (j, term) in terms.enumerated() {
                    if j == dense && i < 6 * terms.count && c % 2 == 0 {
                        words += Array(repeating: term, count: 1 + Int(rng.next() % 4))
                    } else if rng.next() % 9 == 0 {
                        words.append(term)
                        long = true
                    }
                }
                let fill = long ? 20 + Int(rng.next() % 20) : 2 + Int(rng.next() % 8)
                for _ in 0..<fill { words.append(filler[Int(rng.next() % UInt64(filler.count))]) }
                cues.append(shuffledCue(words, &rng, at: &t, speaker: roles[speaker], chapter: c < 80 ? "Start" : "End",
                                        line: c + 1))
            }
            interviews.append(Interview(id: "h-\(i)", path: "h-\(i).vtt", title: "Interview \(i)", media: "",
                                        fields: [:], cues: cues))
        }
        return SearchIndex(building: [InterviewCollection(name: "har", interviews: interviews)])
    }()

    private func ids() throws -> [Int] {
        let reader = Self.index.reader
        let ids = try Self.terms.map { word in
            try XCTUnwrap(reader.analyzer.terms(word).first.flatMap { reader.termID(Array($0.utf8)) }, word)
        }
        XCTAssertEqual(Set(ids).count, ids.count, "four terms")
        return ids
    }

    /// Windows of 64 to 4,096 documents moving forward, the cursor moved by
    /// probes as the collector moves it: the bound is at least every posting's
    /// score the term has in the window, at most its global bound, and below
    /// it in a quarter of the windows at least.
    func testTheBoundCoversTheWindowsPostingsAndFallsAwayFromTheDenseStretch() throws {
        let reader = Self.index.reader
        let bm25 = BM25(k1: 1.2, b: 0.75, avgdl: reader.avgdl, documentCount: reader.docCount)
        var rng = SyntheticCorpus.RNG(state: 5)
        var below = 0, windows = 0
        for id in try ids() {
            let info = reader.info(id)
            XCTAssertGreaterThan(Int(info.df), 4 * Postings.blockSize, "the term spans several blocks")
            let idf = bm25.idf(df: Int(info.df))
            let global = bm25.upperBound(idf: idf, frontier: reader.bounds(info))
            // Every posting's document and score, from a cursor of its own.
            var all: [(doc: UInt32, score: Double)] = []
            let scan = PostingCursor(reader: reader, info: info)
            while scan.doc != PostingCursor.noMoreDocs {
                all.append((scan.doc, bm25.score(idf: idf, tf: Double(scan.tf), dl: Double(reader.length(scan.doc)))))
                scan.next()
            }
            for size in [64, 512, 4_096] {
                let c = PostingCursor(reader: reader, info: info)
                var bound = WindowBlockBound()
                var start: UInt32 = 0
                while Int(start) < reader.docCount {
                    let stop = start + UInt32(size)
                    let b = bound.bound(c, start: start, stop: stop, bm25, idf: idf, global: global)
                    let best = all.filter { $0.doc >= start && $0.doc < stop }.map(\.score).max() ?? 0
                    XCTAssertGreaterThanOrEqual(b, best, "window \(start) size \(size)")
                    XCTAssertLessThanOrEqual(b, global)
                    if b < global { below += 1 }
                    windows += 1
                    // Probes into the window, as the collector's candidates look the term up.
                    var probe = start + UInt32(rng.next() % UInt64(size))
                    while probe < stop {
                        c.advance(to: probe)
                        probe += 1 + UInt32(rng.next() % UInt64(size / 2))
                    }
                    start = stop + UInt32(rng.next() % 3 == 0 ? rng.next() % UInt64(size) : 0)
                }
            }
        }
        XCTAssertGreaterThan(below, windows / 4, "away from its dense stretch a term's windows bound it lower")
    }

    /// Unions of the expansions (and "the"), windows of 64 / 512 / 4,096
    /// documents, random k1 and b, k 1–50, with and without an exclusion and a
    /// role filter: pruned equals exhaustive, documents and score bits.
    func testUnionsPrunedEqualsExhaustive() throws {
        let reader = Self.index.reader
        let harv = try ids()
        func id(_ word: String) throws -> Int {
            try XCTUnwrap(reader.analyzer.terms(word).first.flatMap { reader.termID(Array($0.utf8)) }, word)
        }
        let the = try id("the"), guest = try id("guest")
        let roleEntries = reader.facets.entries(of: .role).filter { reader.string(reader.facets.entry($0).value) == "guest" }
        XCTAssertEqual(roleEntries.count, 1)
        var rng = SyntheticCorpus.RNG(state: 31)
        var compared = 0, full = 0
        for round in 0..<48 {
            var terms = Set(harv.filter { _ in rng.next() % 4 != 0 })
            if round % 3 == 0 { terms.insert(the) }
            if terms.count < 2 { terms.formUnion(harv.prefix(2)) }
            let ids = terms.sorted()
            let k1 = Double(rng.next() % 300) / 100, b = Double(rng.next() % 101) / 100
            let bm25 = BM25(k1: k1, b: b, avgdl: reader.avgdl, documentCount: reader.docCount)
            let mustNot: [Weight] = round % 4 == 1 ? [.term(guest)] : []
            let filter: FilterNode? = round % 4 == 2 ? FilterNode(reader: reader, entries: roleEntries) : nil
            for k in [1, 3, 10, 50] {
                for window in [64, 512, 4_096] {
                    if assertUnionWindowIsExhaustive(ids, mustNot: mustNot, filter: filter, reader: reader, bm25: bm25, k: k,
                                                     window: window,
                                                     "\(ids.count) terms k \(k) window \(window) k1 \(k1) b \(b)") { full += 1 }
                    compared += 1
                }
            }
        }
        XCTAssertEqual(compared, 576)
        XCTAssertGreaterThan(full, 500, "most searches fill their k")
    }
}
