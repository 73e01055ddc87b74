import XCTest
@testable import Soundbite
import SoundbiteTestSupport

/// The builder's form cache (``FormTermCache``) changes nothing it builds:
/// every passage's terms and positions are the analyzer's, and the file is
/// the same with the cache, with a tiny one and with none, for the default
/// analyzer and for analyzers with stop words, exact forms, no stemming and
/// no folding.
final class FormTermCacheTests: XCTestCase {
    private var corpus: String { ReadmeExamples.packageRoot + "/Corpus" }

    /// The sample corpus and one interview of words the analysis chain treats
    /// each its own way: case, possessives, acronym plurals, contractions,
    /// numbers, non-ASCII letters, ideographs, stop words.
    private func collections() -> [InterviewCollection] {
        var all = CollectionReader().readCollections(corpus)
        let lines = [
            "The MPs' NBFCs and the PCs: GPS, Mrs Okafor's NGOs, CEOs and the CEO's MPs.",
            "Don't we're o'clock 1990's 10:30 3.5 1,000 THE The the tHe school's schools' SCHOOL'S",
            "Zoë's café, naïve İstanbul ÉCOLE Straße ø 日本語のテキスト and Zoë again, ZOË'S",
            "running runs ran Running RUNNING runner's the and of a an the",
        ]
        var cues: [Cue] = []
        for (k, line) in lines.enumerated() {
            cues.append(Cue(start: Double(k), end: Double(k) + 1, speaker: k % 2 == 0 ? "Ruth" : "Amit", text: line))
        }
        all.append(InterviewCollection(name: "tricky", interviews: [Interview(id: "tricky", cues: cues)]))
        return all
    }

    private let analyzers: [Analyzer] = [
        .standard,
        Analyzer(stopWords: ["the", "and", "a"]),
        Analyzer(exactForms: true),
        Analyzer(stemming: false),
        Analyzer(folding: false, acronymPlurals: false),
    ]

    func testEveryPassageHoldsTheAnalyzersTerms() {
        let collections = collections()
        for analyzer in analyzers {
            var builder = IndexBuilder(analyzer: analyzer)
            for c in collections { builder.add(c) }
            XCTAssertGreaterThan(builder.docs.count, 100)
            // Per document, term → positions, from the postings.
            var indexed = [[String: [UInt32]]](repeating: [:], count: builder.docs.count)
            for t in 0..<builder.terms.count {
                let term = builder.terms.string(of: t)
                let p = builder.postings[t]
                var k = 0
                for (i, d) in p.docs.enumerated() {
                    let tf = Int(p.tfs[i])
                    indexed[Int(d)][term] = Array(p.positions[k..<(k + tf)])
                    k += tf
                }
            }
            for (d, doc) in builder.docs.enumerated() {
                let start = Int(doc.textOffset)
                let text = String(decoding: builder.text[start..<(start + Int(doc.textLength))], as: UTF8.self)
                var expected: [String: [UInt32]] = [:]
                var length = 0
                for token in analyzer.analyze(text) {
                    expected[token.term, default: []].append(UInt32(token.position))
                    if let exact = token.exact { expected[exact, default: []].append(UInt32(token.position)) }
                    length += 1
                }
                XCTAssertEqual(indexed[d], expected, "document \(d): \(text)")
                XCTAssertEqual(Int(doc.length), length, "document \(d): \(text)")
            }
        }
    }

    func testTheIndexIsTheSameWithAndWithoutTheFormCache() {
        let collections = collections()
        for analyzer in analyzers {
            // With the cache, with none, with a tiny one, and with neither it nor the stem cache.
            var builders = [IndexBuilder](repeating: IndexBuilder(analyzer: analyzer), count: 4)
            builders[1].forms = FormTermCache(capacity: 0)
            builders[2].forms = FormTermCache(capacity: 20)
            builders[3].forms = FormTermCache(capacity: 0)
            builders[3].stems = StemCache(capacity: 0)
            for c in collections {
                for k in builders.indices { builders[k].add(c) }
            }
            XCTAssertGreaterThan(builders[0].terms.count, 1_000)
            // Postings spilled after every interview: the terms are interned
            // afresh after each run, and the cache starts afresh with them.
            var spilled = IndexBuilder(analyzer: analyzer)
            spilled.memoryBudget = 0
            for (c, collection) in collections.enumerated() {
                for interview in collection.interviews {
                    spilled.add(interview, collection: UInt32(c), warnings: 0)
                    spilled.spillIfOverBudget()
                }
            }
            XCTAssertGreaterThan(spilled.runs?.runs.count ?? 0, 10)
            var unspilled = IndexBuilder(analyzer: analyzer)
            for (c, collection) in collections.enumerated() {
                for interview in collection.interviews { unspilled.add(interview, collection: UInt32(c), warnings: 0) }
            }
            XCTAssertTrue(IndexWriter.serialize(spilled) == IndexWriter.serialize(unspilled), analyzer.signature)
            let reference = IndexWriter.serialize(builders[3])
            for k in 0..<3 {
                XCTAssertTrue(IndexWriter.serialize(builders[k]) == reference, "builder \(k), \(analyzer.signature)")
            }
        }
    }

    func testTheCacheKeepsFormsAsWrittenAndStopsAtItsCapacity() {
        var cache = FormTermCache(capacity: 2)
        func bytes(_ s: String, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
            var s = s
            s.withUTF8(body)
        }
        bytes("The") { XCTAssertNil(cache.term(of: $0)); cache.insert($0, term: 7) }
        bytes("the") { XCTAssertNil(cache.term(of: $0)); cache.insert($0, term: 7) }
        bytes("of") { cache.insert($0, term: -1) }
        bytes("The") { XCTAssertEqual(cache.term(of: $0), 7) }
        bytes("the") { XCTAssertEqual(cache.term(of: $0), 7) }
        bytes("of") { XCTAssertNil(cache.term(of: $0)) }
        var stops = FormTermCache()
        bytes("and") { stops.insert($0, term: -1) }
        bytes("and") { XCTAssertEqual(stops.term(of: $0), -1) }
    }

    /// A builder whose thread met every form in an earlier segment
    /// (``AnalysedFormCache`` warmed by another builder over the same text)
    /// interns each term from the cached bytes: the passages hold the
    /// analyzer's terms and the file is the one built with no cache at all.
    /// A cache warmed under another analyzer gives another file (the check can fail).
    func testFormsCarriedFromAnEarlierSegmentChangeNothing() {
        let collections = collections()
        func built(_ analyzer: Analyzer, warmedBy warm: Analyzer?, caches: Bool = true) -> (IndexBuilder, Int) {
            var builder = IndexBuilder(analyzer: analyzer)
            if let warm {
                var earlier = IndexBuilder(analyzer: warm)
                earlier.analysedForms = AnalysedFormCache(capacity: 1 << 18)
                for c in collections { earlier.add(c) }
                builder.analysedForms = earlier.analysedForms
            }
            if !caches {
                builder.forms = FormTermCache(capacity: 0)
                builder.stems = StemCache(capacity: 0)
            }
            let kept = builder.analysedForms.count
            for c in collections { builder.add(c) }
            return (builder, kept)
        }
        for analyzer in analyzers where !analyzer.keepsExactForms {
            let reference = IndexWriter.serialize(built(analyzer, warmedBy: nil, caches: false).0)
            let (warmed, kept) = built(analyzer, warmedBy: analyzer)
            XCTAssertGreaterThan(kept, 1_000, analyzer.signature)
            XCTAssertTrue(IndexWriter.serialize(warmed) == reference, analyzer.signature)
        }
        // The non-ASCII forms are kept too (and the first segment's cache fills as it reads).
        let (one, _) = built(.standard, warmedBy: nil)
        XCTAssertEqual(one.analysedForms.count, 0, "a builder keeps nothing unless given a cache")
        var cache = AnalysedFormCache(capacity: 1 << 18)
        var builder = IndexBuilder()
        builder.analysedForms = cache
        for c in collections { builder.add(c) }
        cache = builder.analysedForms
        var terms = TermInterner()
        var zoe = "Zoë's"
        zoe.withUTF8 { form in
            guard let id = cache.termID(of: form, in: &terms) else { return XCTFail("Zoë's not kept") }
            XCTAssertEqual(terms.string(of: Int(id)), Analyzer.standard.analyze("Zoë's").first?.term)
        }
        // Under another analyzer the carried bytes are wrong: the file differs.
        let (wrong, _) = built(.standard, warmedBy: Analyzer(stemming: false))
        XCTAssertFalse(IndexWriter.serialize(wrong) == IndexWriter.serialize(built(.standard, warmedBy: nil).0))
    }

    func testTheAnalysedFormCacheKeepsTermBytesAndStopsAtItsCapacity() {
        var cache = AnalysedFormCache(capacity: 3)
        var terms = TermInterner()
        func bytes(_ s: String, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
            var s = s
            s.withUTF8(body)
        }
        bytes("Running") { form in
            XCTAssertNil(cache.termID(of: form, in: &terms))
            bytes("run") { cache.insert(form, term: $0) }
        }
        bytes("the") { cache.insert($0, term: nil) }
        bytes("RUNS") { form in bytes("run") { cache.insert(form, term: $0) } }
        bytes("walks") { form in bytes("walk") { cache.insert(form, term: $0) } }
        XCTAssertEqual(cache.count, 3)
        bytes("Running") { XCTAssertEqual(cache.termID(of: $0, in: &terms), 0) }
        bytes("RUNS") { XCTAssertEqual(cache.termID(of: $0, in: &terms), 0) }
        bytes("the") { XCTAssertEqual(cache.termID(of: $0, in: &terms), -1) }
        bytes("walks") { XCTAssertNil(cache.termID(of: $0, in: &terms)) }
        bytes("running") { XCTAssertNil(cache.termID(of: $0, in: &terms)) }
        XCTAssertEqual(terms.count, 1)
        XCTAssertEqual(terms.string(of: 0), "run")
        // Past two growths of the table.
        var big = AnalysedFormCache(capacity: 1 << 18)
        for k in 0..<20_000 { bytes("form\(k)") { form in bytes("t\(k % 977)") { big.insert(form, term: $0) } } }
        var fresh = TermInterner()
        for k in stride(from: 0, to: 20_000, by: 7) {
            bytes("form\(k)") { form in
                guard let id = big.termID(of: form, in: &fresh) else { return XCTFail("form\(k)") }
                XCTAssertEqual(fresh.string(of: Int(id)), "t\(k % 977)")
            }
        }
    }
}
