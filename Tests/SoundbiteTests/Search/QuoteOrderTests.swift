import XCTest
@testable import Soundbite

/// The quote order (``Ranking/quote``) against a brute-force reference built
/// from the exported passages alone: tiers from each passage's words and
/// its neighbours', the one-cue test from each cue's own text, then BM25.
/// Pruned and exhaustive collection must both equal it, with filters and
/// with pages that cross tier boundaries.
final class QuoteOrderTests: XCTestCase {
    static let index = SearchIndex(building: [SyntheticCorpus.collection(interviews: 12, cuesEach: 80)])

    /// The order computed the slow way.
    struct Reference {
        let index: SearchIndex
        let bm25: BM25ReferenceTests.Reference
        /// Per document, per cue, per token: its terms (stem, and exact form).
        var cueTokens: [[[[String]]]] = []
        /// Per document: interview, speaker, role, chapter.
        var turn: [[String]] = []

        init(_ index: SearchIndex) {
            self.index = index
            bm25 = BM25ReferenceTests.Reference(index)
            let reader = index.reader
            for id in 0..<index.documentCount {
                let doc = index.document(id)!
                turn.append([doc.interview, doc.passage.speaker, doc.passage.role, doc.passage.chapter])
                let starts = reader.cues(of: reader.document(id)).map { Int($0.textStart) }
                var perCue = [[[String]]](repeating: [], count: max(1, starts.count))
                for t in index.analyzer.analyze(doc.passage.text) {
                    let cue = max(0, (starts.lastIndex { $0 <= t.start }) ?? 0)
                    perCue[cue].append([t.term] + (t.exact.map { [$0] } ?? []))
                }
                cueTokens.append(perCue)
            }
        }

        /// The expected (document, score, tier, one cue, cue score) list for optional `words`.
        func order(_ words: [String], allowed: Set<Int>) -> [(Int, Double, QuoteTier, Bool, Double)] {
            var stems: [String] = []
            var exact: [Set<String>] = []
            for w in words {
                guard let t = index.analyzer.analyze(w).first, bm25.df[t.term] != nil, !stems.contains(t.term) else { continue }
                stems.append(t.term)
                exact.append([t.term])
            }
            let any = stems.indices.map { exact[$0].union(bm25.derived(stems[$0])) }
            let scoring = BM25ReferenceTests.Reference.terms(words, index.analyzer)
            let scores = Dictionary(uniqueKeysWithValues: bm25.scores(scoring).map { ($0.0, $0.1) })
            func holds(_ d: Int, _ forms: [Set<String>]) -> [Bool] {
                forms.map { f in f.contains { bm25.docs[d][$0] != nil } }
            }
            let n = Double(index.documentCount)
            let idf = stems.map { s in log(1 + (n - Double(bm25.df[s]!) + 0.5) / (Double(bm25.df[s]!) + 0.5)) }
            let cueCount = cueTokens.reduce(0) { $0 + $1.count }
            let avgcl = Double(cueTokens.reduce(0) { $0 + $1.reduce(0) { $0 + $1.count } }) / Double(cueCount)
            var out: [(Int, Double, QuoteTier, Bool, Double)] = []
            for d in 0..<index.documentCount where allowed.contains(d) {
                let mine = holds(d, any)
                guard mine.contains(true) else { continue }
                var union = mine
                for e in [d - 1, d + 1] where e >= 0 && e < index.documentCount && turn[e] == turn[d] {
                    union = zip(union, holds(e, any)).map { $0 || $1 }
                }
                let tier: QuoteTier = !holds(d, exact).contains(false) ? .allWords
                    : !mine.contains(false) ? .derivedForms
                    : !union.contains(false) ? .withNeighbour : .someWords
                let present = Set(stems.indices.filter { mine[$0] })
                // tf of each word in each cue; the cues holding every word the passage holds.
                let tf = cueTokens[d].map { cue in any.map { forms in cue.filter { !forms.isDisjoint(with: $0) }.count } }
                let holding = tf.indices.filter { c in Set(stems.indices.filter { tf[c][$0] > 0 }) == present }
                let oneCue = cueTokens[d].count <= 1 || !holding.isEmpty
                var cueScore = 0.0
                for c in (oneCue ? holding : []) {
                    let dl = Double(max(1, cueTokens[d][c].count))
                    var sum = 0.0
                    for i in stems.indices where tf[c][i] > 0 {
                        let f = Double(tf[c][i])
                        sum += idf[i] * f * 2.2 / (f + 1.2 * (1 - 0.75 + 0.75 * dl / avgcl))
                    }
                    cueScore = max(cueScore, sum)
                }
                out.append((d, scores[d] ?? 0, tier, oneCue, cueScore))
            }
            // One word: by tier (as typed, then derived forms), then score.
            return out.sorted { a, b in
                if stems.count <= 1 { return a.2 != b.2 ? a.2 < b.2 : a.1 != b.1 ? a.1 > b.1 : a.0 < b.0 }
                if a.2 != b.2 { return a.2 < b.2 }
                if a.2 != .someWords && a.3 != b.3 { return a.3 }
                if a.2 != .someWords && a.3 && abs(a.4 - b.4) > 1e-9 { return a.4 > b.4 }
                if a.1 != b.1 { return a.1 > b.1 }
                return a.0 < b.0
            }
        }
    }

    func testPrunedAndExhaustiveEqualTheBruteForceOrder() throws {
        let index = Self.index
        let reference = Reference(index)
        var rng = SyntheticCorpus.RNG(state: 23)
        let words = SyntheticCorpus.vocabulary + ["zzqxj", "children", "child"]
        var seenTiers = Set<QuoteTier>()
        var reorderedByCue = 0, byCueScore = 0
        for q in 0..<120 {
            let query = (0..<(2 + Int(rng.next() % 3))).map { _ in words[Int(rng.next() % UInt64(words.count))] }
            let filters = q % 3 == 0 ? SearchFilters(roles: ["parent", "student"]) : SearchFilters()
            let allowed = try index.search(.matchAll, options: SearchOptions(limit: index.documentCount, filters: filters,
                                                                              countFacets: false, ranking: .bm25))
            let expected = reference.order(query, allowed: Set(allowed.hits.map(\.document)))
            let node = QueryNode.boolean(query.map { Clause(.should, .term($0)) })
            let plain = try index.search(node, options: SearchOptions(limit: 10, filters: filters, countFacets: true, ranking: .bm25))
            seenTiers.formUnion(expected.prefix(20).map(\.2))
            if expected.prefix(10).contains(where: { !$0.3 && $0.2 != .someWords }) { reorderedByCue += 1 }
            let top = Array(expected.prefix(10))
            if zip(top, top.dropFirst()).contains(where: { $0.2 == $1.2 && $0.3 && $1.3 && $0.1 < $1.1 }) { byCueScore += 1 }
            for exhaustive in [false, true] {
                for (offset, limit) in [(0, 10), (0, 1), (3, 4), (7, 9), (12, 30)] {
                    let got = try index.search(node, options: SearchOptions(limit: limit, offset: offset, filters: filters,
                                                                           countFacets: true, exhaustive: exhaustive))
                    let want = Array(expected.dropFirst(offset).prefix(limit))
                    let label = "query \(q) \(query) offset \(offset) exhaustive \(exhaustive)"
                    XCTAssertEqual(got.hits.map(\.document), want.map(\.0), label)
                    XCTAssertEqual(got.hits.map { $0.placement?.tier }, want.map(\.2), label)
                    XCTAssertEqual(got.hits.map { $0.placement?.oneCue }, want.map(\.3), label)
                    for (h, e) in zip(got.hits, want) { XCTAssertEqual(h.score, e.1, accuracy: 1e-9 * max(1, e.1)) }
                    // Scores, totals and facets are those of score order.
                    XCTAssertEqual(got.total, plain.total, label)
                    XCTAssertEqual(got.facets, plain.facets, label)
                }
            }
        }
        XCTAssertEqual(seenTiers, Set(QuoteTier.allCases), "the queries must reach every tier")
        XCTAssertGreaterThan(reorderedByCue, 5, "the queries must exercise the one-cue tie-break")
        XCTAssertGreaterThan(byCueScore, 5, "the queries must exercise the cue score")
    }

    /// A cue of 4 seconds at `t`.
    static func cue(_ t: Double, _ who: String, _ text: String) -> Cue {
        Cue(start: t, end: t + 4, speaker: who, role: "guest", chapter: "", text: text)
    }

    /// A quote cut in two by the passage segmenter: the cue holding every
    /// word beats a shorter passage elsewhere holding the common words, the
    /// cut passage ranks in tier 3, and a phrase across the cut is found.
    func testAQuoteCutByThePassageBoundary() throws {
        let cues = [
            Self.cue(0, "Ada", "We drove out past the old salt works every single morning that year."),
            Self.cue(4, "Ada", "The ferry had stopped running."),
            Self.cue(8, "Ben", "Ferry stopped?"),
            Self.cue(12, "Ada", "The harbour master kept a record of every crossing, every fare and every name, and he wrote it all down in"),
            Self.cue(16, "Ada", "the ledger that burned in the winter fire."),
        ]
        let index = SearchIndex(building: [InterviewCollection(name: "c", interviews: [Interview(id: "i", title: "I", cues: cues)])],
                                options: IndexOptions(passageWords: 8))
        XCTAssertGreaterThanOrEqual(index.documentCount, 4)
        let quote = try index.search("salt works ferry stopped")
        XCTAssertEqual(quote.hits.count, 3)
        XCTAssertEqual(quote.hits.prefix(2).map { $0.placement?.tier }, [.withNeighbour, .withNeighbour])
        XCTAssertEqual(Set(quote.hits.prefix(2).map(\.start)), [0, 4], "the two halves of Ada's sentence pair first")
        let plain = try index.search("salt works ferry stopped", options: SearchOptions(ranking: .bm25))
        XCTAssertEqual(plain.hits.first?.speaker, "Ben", "score order prefers the short question")
        XCTAssertEqual(plain.total, quote.total)
        // The phrase runs across the cut between the two passages of Ada's turn…
        let phrase = try index.search("\"all down in the ledger\"")
        XCTAssertEqual(phrase.total, 1)
        XCTAssertEqual(phrase.hits.first?.start, 12)
        // …but not across a change of speaker.
        XCTAssertEqual(try index.search("\"running ferry\"").total, 0)
    }

    /// The jump cue is the one holding the most distinct matched words, not
    /// the one repeating one word most.
    func testJumpCueHoldsTheMostDistinctWords() throws {
        let cues = [
            Cue(start: 0, end: 3, speaker: "Ada", role: "", chapter: "", text: "Boats, boats, boats, all day boats,"),
            Cue(start: 3, end: 6, speaker: "Ada", role: "", chapter: "", text: "and the boats left the quay at dawn."),
        ]
        let index = SearchIndex(building: [InterviewCollection(name: "c", interviews: [Interview(id: "i", title: "I", cues: cues)])],
                                options: IndexOptions(passageWords: 30))
        XCTAssertEqual(index.documentCount, 1)
        let hit = try XCTUnwrap(try index.search("boats quay").hits.first)
        XCTAssertEqual(hit.start, 3)
        XCTAssertEqual(hit.placement, Placement(tier: .allWords, oneCue: true))
    }

    /// A word in another derivational form finds the passage (tier 2), below
    /// the passage holding the words as typed, and adds no score.
    func testDerivedFormsFindTheQuoteBelowExactWords() throws {
        let cues = [
            Self.cue(0, "Ada", "The inspector read the history of the mill aloud."),
            Self.cue(5, "Ben", "A historical inspection of mills, then."),
            Self.cue(10, "Cy", "Nothing of the sort happened here at all today."),
        ]
        let index = SearchIndex(building: [InterviewCollection(name: "c", interviews: [Interview(id: "i", title: "I", cues: cues)])])
        let got = try index.search("historical inspection mill", options: SearchOptions(explain: true))
        XCTAssertEqual(got.hits.map(\.speaker), ["Ben", "Ada"])
        XCTAssertEqual(got.hits.map { $0.placement?.tier }, [.allWords, .derivedForms])
        let ada = try XCTUnwrap(got.hits.last)
        let derived = try XCTUnwrap(ada.explanation).terms.filter { $0.weight != 1 }
        XCTAssertEqual(Set(derived.map(\.term)), ["histori", "inspector"])
        XCTAssertTrue(derived.allSatisfy { $0.score == 0 })
        XCTAssertEqual(ada.score, try XCTUnwrap(ada.explanation).terms.filter { $0.weight == 1 }.map(\.score).reduce(0, +),
                       accuracy: 1e-12)
        // The same in score order, and nothing derived for a short stem.
        XCTAssertEqual(try index.search("historical inspection mill", options: SearchOptions(ranking: .bm25)).total, 2)
        XCTAssertEqual(DerivedForms(reader: index.reader, limit: 10).relatives(of: Array("mill".utf8)), [])
    }
}
