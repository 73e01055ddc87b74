import XCTest
@testable import Soundbite

/// The index's answers against BM25 computed by brute force from the
/// exported documents: same scores (to 1e-9 relative), same top k, with
/// and without MaxScore pruning.
final class BM25ReferenceTests: XCTestCase {
    static let index = SearchIndex(building: [SyntheticCorpus.collection(interviews: 12, cuesEach: 80)])
    /// The same corpus indexed with exact forms beside the stems.
    static let exactIndex = SearchIndex(building: [SyntheticCorpus.collection(interviews: 12, cuesEach: 80)],
                                        options: IndexOptions(analyzer: Analyzer(exactForms: true)))

    /// Straightforward BM25 over every document, from the stored text.
    struct Reference {
        var docs: [[String: Int]] = []
        var lengths: [Int] = []
        var df: [String: Int] = [:]
        init(_ index: SearchIndex) {
            for id in 0..<index.documentCount {
                // Every token gives its stem, and its exact form when that differs;
                // the document length counts tokens.
                let tokens = index.analyzer.analyze(index.document(id)!.passage.text)
                var tf: [String: Int] = [:]
                for t in tokens {
                    tf[t.term, default: 0] += 1
                    if let exact = t.exact { tf[exact, default: 0] += 1 }
                }
                docs.append(tf)
                lengths.append(tokens.count)
                for t in tf.keys { df[t, default: 0] += 1 }
            }
        }
        /// The terms a query word stands for: its stem and its exact form.
        static func terms(_ words: [String], _ analyzer: Analyzer) -> [String] {
            words.flatMap { w in analyzer.analyze(w).flatMap { [$0.term] + ($0.exact.map { [$0] } ?? []) } }
        }

        /// Dictionary terms related to `stem` by the derived-form rule: one a
        /// prefix of the other, both ≥ 5 bytes, 1 to 4 apart.
        func derived(_ stem: String) -> Set<String> {
            let s = Array(stem.utf8)
            guard s.count >= 5 else { return [] }
            return Set(df.keys.filter { t in
                let u = Array(t.utf8)
                guard u.count >= 5, u != s, abs(u.count - s.count) <= 4 else { return false }
                return u.count < s.count ? s.starts(with: u) : u.starts(with: s)
            })
        }

        /// Documents an OR of single `words` matches: a word matches its
        /// terms and its stem's derived forms (which add no score).
        func matchCount(_ words: [String], _ analyzer: Analyzer) -> Int {
            var forms = Set(Self.terms(words, analyzer))
            for w in words { if let t = analyzer.analyze(w).first, df[t.term] != nil { forms.formUnion(derived(t.term)) } }
            return docs.filter { tf in forms.contains { tf[$0] != nil } }.count
        }

        func scores(_ terms: [String], k1: Double = 1.2, b: Double = 0.75) -> [(Int, Double)] {
            let n = Double(docs.count)
            let avgdl = Double(lengths.reduce(0, +)) / n
            var out: [(Int, Double)] = []
            for (d, tf) in docs.enumerated() {
                var s = 0.0, matched = false
                for t in Set(terms) {
                    guard let f = tf[t] else { continue }
                    matched = true
                    let dfT = Double(df[t]!)
                    let idf = log(1 + (n - dfT + 0.5) / (dfT + 0.5))
                    s += idf * Double(f) * (k1 + 1) / (Double(f) + k1 * (1 - b + b * Double(lengths[d]) / avgdl))
                }
                if matched { out.append((d, s)) }
            }
            return out.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
        }
    }

    func testScoresEqualBruteForceForRandomQueries() throws {
        try checkRandomQueries(Self.index)
    }

    func testScoresEqualBruteForceWithExactForms() throws {
        XCTAssertTrue(Self.exactIndex.analyzer.exactForms)
        try checkRandomQueries(Self.exactIndex)
    }

    func checkRandomQueries(_ index: SearchIndex) throws {
        let reference = Reference(index)
        var rng = SyntheticCorpus.RNG(state: 7)
        let words = SyntheticCorpus.vocabulary
        for q in 0..<150 {
            let n = 1 + Int(rng.next() % 4)
            let query = (0..<n).map { _ in words[Int(rng.next() % UInt64(words.count))] }
            let expected = reference.scores(Reference.terms(query, index.analyzer)).prefix(10)
            for exhaustive in [false, true] {
                let got = try index.search(.boolean(query.map { Clause(.should, .term($0)) }),
                                           options: SearchOptions(limit: 10, countFacets: true, exhaustive: exhaustive,
                                                                  ranking: .bm25))
                XCTAssertEqual(got.hits.count, expected.count, "query \(q): \(query)")
                for (h, e) in zip(got.hits, expected) {
                    XCTAssertEqual(h.document, e.0, "query \(q) \(query) exhaustive=\(exhaustive)")
                    XCTAssertEqual(h.score, e.1, accuracy: 1e-9 * max(1, e.1))
                }
                XCTAssertEqual(got.total, reference.matchCount(query, index.analyzer))
            }
        }
    }

    func testK1AndBChangeScoresExactly() throws {
        let index = Self.index
        let reference = Reference(index)
        for (k1, b) in [(0.5, 0.0), (2.0, 1.0), (1.2, 0.3)] {
            let got = try index.search("laptops dinner parents", options: SearchOptions(limit: 5, k1: k1, b: b, ranking: .bm25))
            let expected = reference.scores(Reference.terms(["laptops", "dinner", "parents"], index.analyzer), k1: k1, b: b).prefix(5)
            XCTAssertEqual(got.hits.map(\.document), expected.map(\.0))
            for (h, e) in zip(got.hits, expected) { XCTAssertEqual(h.score, e.1, accuracy: 1e-9) }
        }
    }

    func testPrunedTopKEqualsExhaustiveForManyK() throws {
        let index = Self.index
        for k in [1, 3, 10, 50] {
            for q in ["the laptops", "a school the parents teacher", "learning home time talk", "naïve café zoë"] {
              for ranking in Ranking.allCases {
                let pruned = try index.search(q, options: SearchOptions(limit: k, ranking: ranking))
                let full = try index.search(q, options: SearchOptions(limit: k, exhaustive: true, ranking: ranking))
                XCTAssertEqual(pruned.hits.map(\.document), full.hits.map(\.document), "\(q) k=\(k)")
                XCTAssertEqual(pruned.hits.map(\.score), full.hits.map(\.score))
              }
            }
        }
    }

    /// One-word queries skip whole posting blocks by their max-tf headers;
    /// on a corpus where common terms span dozens of blocks the top k must
    /// still equal exhaustive scoring, with and without a filter.
    func testBlockSkippingEqualsExhaustiveForEveryWord() throws {
        let index = SearchIndex(building: [SyntheticCorpus.collection(interviews: 40, cuesEach: 200, seed: 99)])
        var skippedSomewhere = false
        for word in SyntheticCorpus.vocabulary {
            for filters in [SearchFilters(), SearchFilters(roles: ["parent"]), SearchFilters(interviews: ["int-3", "int-17"]),
                            SearchFilters(chapters: ["Use of ICT"], fields: ["phase": ["secondary"]])] {
                for k in [1, 10] {
                    let pruned = try index.search(.term(word), options: SearchOptions(limit: k, filters: filters, countFacets: false, ranking: .bm25))
                    let full = try index.search(.term(word), options: SearchOptions(limit: k, filters: filters, countFacets: false, exhaustive: true, ranking: .bm25))
                    XCTAssertEqual(pruned.hits.map(\.document), full.hits.map(\.document), "\(word) k=\(k)")
                    XCTAssertEqual(pruned.hits.map(\.score), full.hits.map(\.score), "\(word) k=\(k)")
                }
            }
            let blocks = index.reader.termID(Array(index.analyzer.terms(word).first!.utf8)).map { index.reader.info($0).blocks } ?? 0
            skippedSomewhere = skippedSomewhere || blocks > 20
        }
        XCTAssertTrue(skippedSomewhere, "the corpus must give some term many blocks")
        // Several words: MaxScore skips windows of blocks by their block bounds.
        var rng = SyntheticCorpus.RNG(state: 5)
        let words = SyntheticCorpus.vocabulary
        for _ in 0..<300 {
            let query = (0..<(2 + Int(rng.next() % 3))).map { _ in words[Int(rng.next() % UInt64(words.count))] }
            let node = QueryNode.boolean(query.map { Clause(.should, .term($0)) })
            let filters = [SearchFilters(), SearchFilters(interviews: ["int-\(rng.next() % 40)"]),
                           SearchFilters(roles: ["student"], fields: ["school": ["Riverside*"]])][Int(rng.next() % 3)]
            for k in [1, 10] {
                let pruned = try index.search(node, options: SearchOptions(limit: k, filters: filters, countFacets: false, ranking: .bm25))
                let full = try index.search(node, options: SearchOptions(limit: k, filters: filters, countFacets: false, exhaustive: true, ranking: .bm25))
                XCTAssertEqual(pruned.hits.map(\.document), full.hits.map(\.document), "\(query) k=\(k)")
                XCTAssertEqual(pruned.hits.map(\.score), full.hits.map(\.score), "\(query) k=\(k)")
            }
        }
    }

    func testExplanationAddsUpToTheScore() throws {
        let got = try Self.index.search("laptops \"dinner time\"", options: SearchOptions(limit: 5, explain: true))
        XCTAssertFalse(got.hits.isEmpty)
        for h in got.hits {
            let e = try XCTUnwrap(h.explanation)
            XCTAssertEqual(e.score, h.score, accuracy: 1e-9)
            XCTAssertEqual(e.N, Self.index.documentCount)
            XCTAssertTrue(e.terms.allSatisfy { $0.tf > 0 && $0.idf > 0 })
        }
    }
}
