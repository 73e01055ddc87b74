import XCTest
@testable import Soundbite
import SoundbiteTestSupport

/// Filters as document sets give exactly the documents a test of each
/// document's own fields gives (values case-insensitive, globs, AND / OR /
/// NOT, manifest fields), alone or next to words, pruned or exhaustive; and
/// facets counted from the sets equal counting the matches one by one.
final class FilterTests: XCTestCase {
    static let index = SearchIndex(building: [SyntheticCorpus.collection(interviews: 30, cuesEach: 120, seed: 7)])

    /// What one document holds, from its record.
    struct Doc {
        var id: Int, role: String, chapter: String, speaker: String, interview: String, fields: [String: String]
    }

    static let docs: [Doc] = {
        let r = index.reader
        return (0..<r.docCount).map { d in
            let rec = r.document(d)
            let i = r.interviews[Int(rec.interview)]
            var fields: [String: String] = [:]
            for (k, v) in i.fields { fields[r.string(k)] = r.string(v) }
            return Doc(id: d, role: r.string(rec.role), chapter: r.string(rec.chapter), speaker: r.string(rec.speaker),
                       interview: r.string(i.id), fields: fields)
        }
    }()

    /// A case-insensitive glob test, written plainly.
    static func like(_ value: String, _ pattern: String) -> Bool {
        let v = Array(value.lowercased()), p = Array(pattern.lowercased())
        func go(_ i: Int, _ j: Int) -> Bool {
            if j == p.count { return i == v.count }
            if p[j] == "*" { return (i...v.count).contains { go($0, j + 1) } }
            return i < v.count && v[i] == p[j] && go(i + 1, j + 1)
        }
        return go(0, 0)
    }

    func check(_ query: String, _ filters: SearchFilters = SearchFilters(), _ expected: (Doc) -> Bool,
               file: StaticString = #filePath, line: UInt = #line) throws {
        let want = Self.docs.filter(expected).map(\.id)
        for exhaustive in [false, true] {
            let got = try Self.index.search(query, options: SearchOptions(limit: Self.docs.count, filters: filters,
                                                                          exhaustive: exhaustive, ranking: .bm25))
            XCTAssertEqual(got.hits.map(\.document).sorted(), want, "\(query) \(filters)", file: file, line: line)
        }
    }

    func testFilterAloneEnumeratesItsDocuments() throws {
        try check("role:parent") { $0.role == "parent" }
        try check("role:PARENT OR chapter:\"use of ict\"") { $0.role == "parent" || $0.chapter == "Use of ICT" }
        try check("role:parent AND NOT chapter:*ict*") { $0.role == "parent" && !Self.like($0.chapter, "*ict*") }
        try check("*", SearchFilters(chapters: ["*ex*", "school*"])) { Self.like($0.chapter, "*ex*") || Self.like($0.chapter, "school*") }
        try check("*", SearchFilters(interviews: ["int-1*"], fields: ["phase": ["primary"]])) {
            Self.like($0.interview, "int-1*") && $0.fields["phase"] == "primary"
        }
        try check("school:riverside*") { $0.fields["school"] == "Riverside Academy" }
        try check("*", SearchFilters(speakers: ["zoë turner", "tom*"])) { $0.speaker == "Zoë Turner" || $0.speaker.hasPrefix("Tom") }
        try check("role:nobody") { _ in false }
        try check("*", SearchFilters(roles: ["parent"], chapters: ["Use of ICT"], interviews: ["int-4"])) {
            $0.role == "parent" && $0.chapter == "Use of ICT" && $0.interview == "int-4"
        }
    }

    func testFiltersNextToWordsKeepOnlyTheirDocuments() throws {
        let r = Self.index.reader
        let holds = { (word: String, d: Doc) -> Bool in
            guard let t = r.termID(Array(r.analyzer.terms(word).first!.utf8)) else { return false }
            let c = PostingCursor(reader: r, info: r.info(t))
            c.advance(to: UInt32(d.id))
            return c.doc == UInt32(d.id)
        }
        try check("laptops role:parent") { holds("laptops", $0) && $0.role == "parent" }
        try check("laptops homework -chapter:\"use of ict\"") { (holds("laptops", $0) || holds("homework", $0)) && $0.chapter != "Use of ICT" }
        try check("+school +home", SearchFilters(roles: ["student", "deputy*"])) {
            holds("school", $0) && holds("home", $0) && ($0.role == "student" || $0.role.hasPrefix("deputy"))
        }
        // Phrases and prefixes: the unfiltered matches, less those the filter rules out.
        let unfiltered = { (q: String) in
            Set(try Self.index.search(q, options: SearchOptions(limit: Self.docs.count, ranking: .bm25)).hits.map(\.document))
        }
        let phrase = try unfiltered("\"the school\"")
        try check("\"the school\"", SearchFilters(fields: ["school": ["hillside*"]])) {
            phrase.contains($0.id) && $0.fields["school"] == "Hillside Primary"
        }
        let prefix = try unfiltered("teach*")
        try check("teach*", SearchFilters(chapters: ["parent experience"])) { prefix.contains($0.id) && $0.chapter == "Parent Experience" }
    }

    func testFacetsCountedFromSetsEqualCountingEachMatch() throws {
        for query in ["laptops", "laptops home", "*", "role:parent", "school", "+school +home"] {
            for filters in [SearchFilters(), SearchFilters(chapters: ["Use of ICT"]), SearchFilters(fields: ["phase": ["secondary"]])] {
                let all = try Self.index.search(query, options: SearchOptions(limit: Self.docs.count, filters: filters, ranking: .bm25))
                let counted = try Self.index.search(query, options: SearchOptions(limit: 3, filters: filters, countFacets: true))
                var expected: [String: [String: Int]] = ["role": [:], "chapter": [:]]
                for h in all.hits {
                    let d = Self.docs[h.document]
                    expected["role", default: [:]][d.role, default: 0] += 1
                    expected["chapter", default: [:]][d.chapter, default: 0] += 1
                    for (k, v) in d.fields { expected[k, default: [:]][v, default: 0] += 1 }
                }
                XCTAssertEqual(counted.total, all.hits.count, "\(query) \(filters)")
                XCTAssertEqual(counted.facets, expected, "\(query) \(filters)")
                XCTAssertEqual(counted.hits.map(\.document), Array(try Self.index.search(query, options: SearchOptions(limit: 3, filters: filters)).hits.map(\.document)))
            }
        }
    }
}
