import XCTest
@testable import Soundbite
import SoundbiteTestSupport

/// The cue-score bounds the quote order prunes with (``CueTester/tfBound(_:)``,
/// ``CueTester/cueLengthBound(length:)``): never below a document's cue
/// score, bit for bit, and equal to it where the cue is as short as its
/// words (the ties the walk then decides by BM25 score); and the pruned
/// walk equal to its reference on an index full of such ties.
final class QuoteBoundTests: XCTestCase {
    func testBoundsAreNeverBelowTheCueScore() throws {
        var rng = SyntheticCorpus.RNG(state: 11)
        var checked = 0, tight = 0
        for seed in 0..<3 as Range<UInt64> {
            let collection = SyntheticCorpus.collection(interviews: 3 + Int(seed), cuesEach: 60, seed: 300 + seed)
            let index = SearchIndex(building: [collection])
            let reader = index.reader
            let bm25 = BM25(k1: 1.2, b: 0.75, avgdl: reader.avgdl, documentCount: reader.docCount)
            let compiler = QueryCompiler(reader: reader, bm25: bm25, limits: QueryLimits())
            let vocabulary = Array(SyntheticCorpus.vocabulary.prefix(40)) + ["laptops", "children", "child"]
            for _ in 0..<40 {
                let n = 2 + Int(rng.next() % 3)
                let words = (0..<n).map { _ in vocabulary[Int(rng.next() % UInt64(vocabulary.count))] }
                let query = try compiler.root(.boolean(words.map { Clause(.should, .term($0)) }), filter: nil)
                guard query.words.count >= 2 else { continue }
                let counts = checkBounds(reader, bm25, query, "\(words)")
                checked += counts.checked
                tight += counts.tight
            }
        }
        XCTAssertGreaterThan(checked, 500)
        XCTAssertGreaterThan(tight, 10, "some cues hold just the words, so the bound meets the score")
    }

    /// Many passages hold the two words alone in one cue (the same best cue
    /// score, ties broken by BM25 score then id), others hold them apart or
    /// with more words: pruned == reference for several k, with derived forms.
    func testPrunedEqualsTheReferenceWithTiedCues() throws {
        var rng = SyntheticCorpus.RNG(state: 5)
        let fillers = ["really", "actually", "the school", "and then we", "obviously the parents said", "yes"]
        let index = Self.index("ties", interviews: 6, cues: 120, turn: 7) { _ in
            switch rng.next() % 10 {
            case 0, 1: return "laptop home"
            case 2: return "home laptop laptop"
            case 3: return "the laptop went home with the children"
            case 4: return "laptops at home"
            case 5: return "laptop"
            default: return fillers[Int(rng.next() % UInt64(fillers.count))]
            }
        }
        let reader = index.reader
        let bm25 = BM25(k1: 1.2, b: 0.75, avgdl: reader.avgdl, documentCount: reader.docCount)
        let compiler = QueryCompiler(reader: reader, bm25: bm25, limits: QueryLimits())
        for words in [["laptop", "home"], ["home", "laptop"], ["laptops", "home"], ["laptop", "home", "children"]] {
            let query = try compiler.root(.boolean(words.map { Clause(.should, .term($0)) }), filter: nil)
            for k in [1, 2, 5, 10, 30] {
                assertPrunedIsTheReference(reader, bm25, query, k: k, rarestLimit: 0, "\(words) k \(k)")
            }
        }
    }

    /// Two words repeated in cues of every length ("laptop laptop home",
    /// "home laptop home home …"): the bounds that share a cue's tokens
    /// between the two words (c₀ + c₁ ≤ L) stay at or above every cue score,
    /// bit for bit, and meet it on some documents; the pruned walk equals its
    /// reference.
    func testSplitBoundsOnRepeatedWords() throws {
        var rng = SyntheticCorpus.RNG(state: 23)
        let forms = ["laptop", "home", "really", "the"]
        let index = Self.index("repeats", interviews: 5, cues: 150, turn: 5) { _ in
            // Mostly the two words, some fillers: dense cues of many lengths.
            let n = 1 + Int(rng.next() % 7)
            return (0..<n).map { _ in forms[Int(rng.next() % UInt64(rng.next() % 3 == 0 ? 4 : 2))] }.joined(separator: " ")
        }
        let reader = index.reader
        let bm25 = BM25(k1: 1.2, b: 0.75, avgdl: reader.avgdl, documentCount: reader.docCount)
        let compiler = QueryCompiler(reader: reader, bm25: bm25, limits: QueryLimits())
        var checked = 0, tight = 0
        for words in [["laptop", "home"], ["home", "laptop"], ["laptop", "really"]] {
            let query = try compiler.root(.boolean(words.map { Clause(.should, .term($0)) }), filter: nil)
            let counts = checkBounds(reader, bm25, query, "\(words)")
            checked += counts.checked
            tight += counts.tight
            for k in [1, 3, 10, 40] {
                for limit in [0, Int.max] {
                    assertPrunedIsTheReference(reader, bm25, query, k: k, rarestLimit: limit, "\(words) k \(k) limit \(limit)")
                }
            }
        }
        XCTAssertGreaterThan(checked, 200)
        XCTAssertGreaterThan(tight, 5, "a cue holding a passage's every occurrence of the words meets the bound")
    }

    /// Walks the conjunction of `query`'s words and checks, at each document,
    /// both bounds against its cue score (never below, bit for bit); returns
    /// how many documents were checked and on how many the cue-length bound
    /// met the score.
    private func checkBounds(_ reader: IndexReader, _ bm25: BM25, _ query: CompiledQuery, _ label: String,
                             file: StaticString = #filePath, line: UInt = #line) -> (checked: Int, tight: Int) {
        var checked = 0, tight = 0
        forEachConjunctionDocument(reader, bm25, query) { d, tester, _ in
            let byTF = tester.tfBound(d)
            tester.loadCues(d)
            let byCues = tester.cueLengthBound(length: Int(reader.length(d)))
            let match = tester.placeWords(d)
            XCTAssertEqual(match.oneCue, tester.match(d).oneCue, label, file: file, line: line)
            XCTAssertTrue(byTF.isFinite && byCues.isFinite, "\(label): plain words are bounded", file: file, line: line)
            XCTAssertLessThanOrEqual(byCues, byTF, "\(label) doc \(d)", file: file, line: line)
            if match.oneCue {
                XCTAssertLessThanOrEqual(match.score, byCues, "\(label) doc \(d)", file: file, line: line)
                XCTAssertLessThanOrEqual(match.score, byTF, "\(label) doc \(d)", file: file, line: line)
                if match.score == byCues { tight += 1 }
            }
            checked += 1
        }
        return (checked, tight)
    }

    /// An index of `interviews` interviews of `cues` cues each, two speakers
    /// taking turns of `turn` cues, cue `c`'s text `text(c)`.
    private static func index(_ name: String, interviews: Int, cues: Int, turn: Int,
                              text: (Int) -> String) -> SearchIndex {
        var all: [Interview] = []
        for i in 0..<interviews {
            var list: [Cue] = []
            var t = 0.0
            for c in 0..<cues {
                let speaker = c / turn % 2 == 0 ? ("Ruth Okafor", "head teacher") : ("Priya Nair", "parent")
                list.append(Cue(start: t, end: t + 2, speaker: speaker.0, role: speaker.1, chapter: "One",
                                text: text(c), line: c + 1))
                t += 2.5
            }
            all.append(Interview(id: "\(name)\(i)", path: "\(name)\(i).vtt", title: "\(name) \(i)", media: "",
                                 fields: [:], cues: list))
        }
        return SearchIndex(building: [InterviewCollection(name: name, interviews: all)])
    }
}

/// Calls `body` on each document holding every word of `query` (in
/// increasing order) with a ``CueTester`` over the words' own scorers (also
/// handed over, kept alive meanwhile), which have not moved to it yet.
func forEachConjunctionDocument(_ reader: IndexReader, _ bm25: BM25, _ query: CompiledQuery,
                                _ body: (UInt32, inout CueTester, [Scorer]) -> Void) {
    let idfs = query.words.map { $0.exact.wordIDF(reader, bm25) }
    let any = query.words.map { $0.any.scorer(reader: reader, bm25: bm25) }
    let conjunction = BooleanScorer(must: query.words.map { $0.any.scorer(reader: reader, bm25: bm25) },
                                    should: [], mustNot: [], filter: nil, reader: reader)
    var tester = CueTester(reader: reader, bm25: bm25, idfs: idfs, words: any)
    defer { tester.deallocate() }
    withExtendedLifetime(any) {
        while conjunction.doc != PostingCursor.noMoreDocs {
            body(conjunction.doc, &tester, any)
            conjunction.next()
        }
    }
}
