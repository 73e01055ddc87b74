import XCTest
@testable import Soundbite
import SoundbiteTestSupport

/// The BM25 top k leaves the derived forms of a query's words out until
/// they can change it (``DeferredDerivedForms``), and finds them by
/// galloping from the word's own place in the dictionary
/// (``DerivedForms/relatives(ofTerm:)``). Both must give what the whole
/// query gives: the exhaustive walk (which never defers) is the reference.
final class DeferredDerivedFormsTests: XCTestCase {
    /// The bundled Corpus: real interviews, with real derivational relatives.
    static let corpus: SearchIndex = {
        let collections = CollectionReader().readCollections(ReadmeExamples.packageRoot + "/Corpus")
        return SearchIndex(building: collections)
    }()

    /// Every term's relatives, and those of strings that are not terms, are
    /// what a scan of the whole dictionary finds.
    func testRelativesEqualAWholeDictionaryScan() {
        for index in [Self.corpus, ZeroScoreClausesTests.index] {
            let reader = index.reader
            let terms = (0..<reader.termCount).map { Array(reader.term($0)) }
            var withRelatives = 0
            for limit in [3, 50] {
                let derived = DerivedForms(reader: reader, limit: limit)
                for id in terms.indices {
                    let expected = Self.scannedRelatives(of: terms[id], in: terms, limit: limit)
                    XCTAssertEqual(derived.relatives(ofTerm: id), expected, String(decoding: terms[id], as: UTF8.self))
                    XCTAssertEqual(derived.relatives(of: terms[id]), expected)
                    if !expected.isEmpty { withRelatives += 1 }
                    // Not terms: one byte more, or one fewer, than a term.
                    if id % 7 == 0 {
                        for other in [terms[id] + [UInt8(ascii: "q")], Array(terms[id].dropLast())] {
                            XCTAssertEqual(derived.relatives(of: other), Self.scannedRelatives(of: other, in: terms, limit: limit),
                                           String(decoding: other, as: UTF8.self))
                        }
                    }
                }
            }
            XCTAssertGreaterThan(withRelatives, index === Self.corpus ? 20 : 2)
        }
    }

    /// The relatives by definition: every other term of which one is a
    /// prefix of the other, both at least `minimumLength` bytes, at most
    /// `maximumGap` apart, closest in length first, then by id.
    private static func scannedRelatives(of stem: [UInt8], in terms: [[UInt8]], limit: Int) -> [Int] {
        guard stem.count >= DerivedForms.minimumLength else { return [] }
        var found: [(id: Int, gap: Int)] = []
        for (id, t) in terms.enumerated() where t.count >= DerivedForms.minimumLength && t != stem {
            let (short, long) = t.count < stem.count ? (t, stem) : (stem, t)
            let gap = long.count - short.count
            if gap > 0, gap <= DerivedForms.maximumGap, Array(long.prefix(short.count)) == short { found.append((id, gap)) }
        }
        found.sort { ($0.gap, $0.id) < ($1.gap, $1.id) }
        return found.prefix(limit).map(\.id)
    }

    /// Words with derived forms, alone, beside others, required, excluded,
    /// filtered by role and chapter, for k on both sides of how many
    /// documents hold the words as typed: the pruned BM25 top k (forms
    /// deferred) is the exhaustive one, bit for bit. Some lists are filled
    /// with documents that only a derived form matched (score 0), and some
    /// are full without the forms.
    func testDeferredTopKEqualsExhaustive() throws {
        var compared = 0, zeroFilled = 0, fullWithoutForms = 0
        let cases: [(SearchIndex, [String], [SearchFilters])] = [
            (ZeroScoreClausesTests.index,
             ["inspector", "inspection", "inspect", "inspector the", "the inspection people", "inspector -guest",
              "inspector -time", "+time inspector", "inspector (inspection OR money)", "inspector role:guest",
              "inspector chapter:end"],
             [SearchFilters(), SearchFilters(roles: ["guest"]), SearchFilters(chapters: ["End"]),
              SearchFilters(roles: ["guest"], chapters: ["Start"])]),
            (Self.corpus, try Self.queriesWithRelatives(Self.corpus), [SearchFilters(), SearchFilters(roles: ["parent"]),
                                                                      SearchFilters(roles: ["student", "teacher"]),
                                                                      SearchFilters(chapters: ["Parent Experience"])]),
        ]
        var rng = SyntheticCorpus.RNG(state: 1203)
        for (index, queries, filters) in cases {
            for query in queries {
                for filter in filters {
                    for k in [1, 2, 5, 7, 10, 40, 400] {
                        let k1 = Double(rng.next() % 300) / 100, b = Double(rng.next() % 101) / 100
                        var options = SearchOptions(limit: k, k1: k1, b: b, filters: filter, countFacets: false, ranking: .bm25)
                        let pruned = try index.topDocuments(query, options: options)
                        options.exhaustive = true
                        let reference = try index.topDocuments(query, options: options)
                        let what = "\(query) \(filter) k=\(k) k1=\(k1) b=\(b)"
                        XCTAssertEqual(pruned.map(\.doc), reference.map(\.doc), what)
                        XCTAssertEqual(pruned.map(\.score.bitPattern), reference.map(\.score.bitPattern), what)
                        // search() without totals takes the same path.
                        options.exhaustive = false
                        let hits = try index.search(query, options: options).hits
                        XCTAssertEqual(hits.map(\.document), reference.map { Int($0.doc) }, what)
                        compared += 1
                        if reference.contains(where: { $0.score == 0 }) { zeroFilled += 1 }
                        if reference.count == k && reference.last!.score > 0 { fullWithoutForms += 1 }
                    }
                }
            }
        }
        XCTAssertGreaterThan(compared, 400)
        XCTAssertGreaterThan(zeroFilled, 40, "lists filled by derived forms alone")
        XCTAssertGreaterThan(fullWithoutForms, 100, "lists the forms could not change")
    }

    /// Two-word and one-word queries of the Corpus whose first word has
    /// derived forms in the index.
    private static func queriesWithRelatives(_ index: SearchIndex) throws -> [String] {
        let reader = index.reader
        let derived = DerivedForms(reader: reader, limit: 50)
        var words: [String] = []
        for id in 0..<reader.termCount where words.count < 12 {
            let term = reader.termString(id)
            guard term.allSatisfy({ $0.isLetter }), !derived.relatives(ofTerm: id).isEmpty else { continue }
            // The stem itself as the query word analyses back to it only if it is a word; keep those that do.
            let tokens = reader.analyzer.analyze(term)
            if tokens.count == 1 && tokens[0].term == term { words.append(term) }
        }
        XCTAssertGreaterThanOrEqual(words.count, 6)
        var queries: [String] = []
        for (i, w) in words.enumerated() {
            queries.append(w)
            queries.append("\(w) \(words[(i + 1) % words.count])")
            if i % 3 == 0 { queries.append("\(w) -\(words[(i + 2) % words.count])") }
        }
        return queries
    }
}
