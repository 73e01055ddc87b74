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

    /// Non-ASCII forms are cached as written too (what they fold and stem
    /// to depends on their bytes alone): a form met again gives the term its
    /// first meeting gave, and the cached passages hold the analyzer's terms
    /// (``testEveryPassageHoldsTheAnalyzersTerms`` over the tricky interview).
    func testNonASCIIFormsAreCachedAsWritten() {
        var builder = IndexBuilder()
        let cues = ["Zoë's café in İstanbul", "ZOË'S CAFÉ, zoë's Café", "日本語のテキスト 日本語のテキスト"].enumerated().map {
            Cue(start: Double($0.offset), end: Double($0.offset) + 1, speaker: "Ruth", text: $0.element)
        }
        builder.add(Interview(id: "n", cues: cues), collection: 0, warnings: 0)
        for form in ["Zoë's", "café", "İstanbul", "ZOË'S", "CAFÉ", "Café"] {
            var f = form
            f.withUTF8 { bytes in
                guard let id = builder.forms.term(of: bytes) else { return XCTFail("\(form) not cached") }
                XCTAssertEqual(builder.terms.string(of: Int(id)), Analyzer.standard.analyze(form).first?.term, form)
            }
        }
    }
}
