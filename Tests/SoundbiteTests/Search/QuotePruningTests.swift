import XCTest
@testable import Soundbite
import SoundbiteTestSupport

/// The quote order's pruned walk (``QuoteCollector`` without `exhaustive`)
/// against its exhaustive reference on random indexes and random queries:
/// the same documents, scores, placements and cue scores, bit for bit, in
/// the same order, for several k, with and without filters, 2–5 words, words
/// drawn from one cue (so they share cues) or from anywhere, phrases,
/// prefixes, required words and words with derived forms; tiers 1–3 found
/// by the conjunction walks and by the pass over the rarest word's documents.
final class QuotePruningTests: XCTestCase {
    func testPrunedEqualsTheReference() throws {
        var rng = SyntheticCorpus.RNG(state: 7)
        var tiers = Set<QuoteTier>()
        var compared = 0
        for seed in 0..<4 as Range<UInt64> {
            let collection = SyntheticCorpus.collection(interviews: 3 + Int(seed) * 2, cuesEach: 40 + Int(seed) * 25,
                                                        seed: 100 + seed)
            let index = SearchIndex(building: [collection])
            let reader = index.reader
            let cueWords = collection.interviews.flatMap { $0.cues }.map {
                $0.text.split(separator: " ").map { String($0.filter { $0.isLetter }).lowercased() }.filter { !$0.isEmpty }
            }.filter { $0.count >= 2 }
            let vocabulary = SyntheticCorpus.vocabulary + ["children", "child", "zzqxj"]
            let bm25 = BM25(k1: 1.2, b: 0.75, avgdl: reader.avgdl, documentCount: reader.docCount)
            let compiler = QueryCompiler(reader: reader, bm25: bm25, limits: QueryLimits())
            let fields = FieldFilters(reader: reader)
            for q in 0..<60 {
                let n = 2 + Int(rng.next() % 4)
                let words: [String]
                if q % 2 == 0 {
                    let cue = cueWords[Int(rng.next() % UInt64(cueWords.count))]
                    words = (0..<n).map { _ in cue[Int(rng.next() % UInt64(cue.count))] }
                } else {
                    words = (0..<n).map { _ in vocabulary[Int(rng.next() % UInt64(vocabulary.count))] }
                }
                var clauses = words.map { Clause(.should, .term($0)) }
                switch q % 7 {
                case 1: clauses[0] = Clause(.should, .phrase([words[0], words[1]], slop: 0))
                case 3: clauses[0] = Clause(.should, .prefix(String(words[0].prefix(3))))
                case 5: clauses[0] = Clause(.must, .term(words[0]))
                default: break
                }
                let filter: FilterNode? = q % 3 == 0 ? try fields.filter(name: "role", values: ["parent", "student"])
                    : q % 3 == 1 ? try fields.filter(name: "chapter", values: ["Use of ICT"]) : nil
                let query = try compiler.root(.boolean(clauses), filter: filter)
                for k in [1, 3, 10, 40] {
                    // Tiers 1–3 by the conjunction walks (limit 0), by one pass
                    // over the rarest word's documents (no limit), and as chosen.
                    for limit in [0, QuoteCollector.defaultRarestLimit, Int.max] {
                        let reference = assertPrunedIsTheReference(reader, bm25, query, k: k, rarestLimit: limit,
                                                                   "seed \(seed) query \(q) \(words) k \(k) limit \(limit)")
                        tiers.formUnion(reference.map(\.placement.tier))
                    }
                    compared += 1
                }
            }
        }
        XCTAssertEqual(tiers, Set(QuoteTier.allCases), "the queries must reach every tier")
        XCTAssertEqual(compared, 4 * 60 * 4)
    }
}

/// Asserts that the quote order's pruned top `k` is its exhaustive reference:
/// the same documents, scores, placements and cue scores, bit for bit, in
/// the same order; returns the reference (empty when either is nil).
@discardableResult
func assertPrunedIsTheReference(_ reader: IndexReader, _ bm25: BM25, _ query: CompiledQuery, k: Int,
                                rarestLimit: Int = QuoteCollector.defaultRarestLimit, _ label: String,
                                file: StaticString = #filePath, line: UInt = #line) -> [QuoteCollector.Entry] {
    var collector = QuoteCollector(reader: reader, bm25: bm25, query: query, k: k, exhaustive: false)
    collector.rarestLimit = rarestLimit
    let pruned = collector.collect()
    let reference = QuoteCollector(reader: reader, bm25: bm25, query: query, k: k, exhaustive: true).collect()
    guard let pruned, let reference else { XCTFail(label, file: file, line: line); return [] }
    XCTAssertEqual(pruned.map(\.doc), reference.map(\.doc), label, file: file, line: line)
    XCTAssertEqual(pruned.map(\.score.bitPattern), reference.map(\.score.bitPattern), label, file: file, line: line)
    XCTAssertEqual(pruned.map(\.placement), reference.map(\.placement), label, file: file, line: line)
    XCTAssertEqual(pruned.map(\.cueScore.bitPattern), reference.map(\.cueScore.bitPattern), label, file: file, line: line)
    return reference
}
