import XCTest
@testable import Soundbite

/// Block-max MaxScore's windows on the shape behind the slowest keyword and
/// role queries: a rare word (a handful of passages, one block spanning the
/// index) beside a word in every passage ("the"), so the k-th score is a
/// common-word-only passage's and the common word never turns non-essential.
/// Its blocks are then passed by their headers; this checks that the pruned
/// walk still keeps exactly what the exhaustive one does (same documents,
/// scores bit for bit, same order), with and without filters and exclusions,
/// for several k and random k1, b.
final class RareBesideCommonTests: XCTestCase {
    static let rare = ["quicksand", "countless", "amorphous"]

    /// 36 interviews of 160 cues; every cue holds "the" (tf 1 to 4, lengths
    /// 3 to 30 words); "quicksand" in 4 cues, "countless" in 12, "amorphous"
    /// in 40, "guest" in about a fifth; speakers' roles alternate.
    static let index: SearchIndex = {
        var rng = SyntheticCorpus.RNG(state: 2026)
        let filler = ["people", "said", "village", "school", "really", "guest", "money", "time", "know", "think"]
        let roles = [("Ann Host", "host"), ("Bo Guest", "guest"), ("Cy Expert", "expert")]
        var interviews: [Interview] = []
        var cueNumber = 0
        for i in 0..<36 {
            var cues: [Cue] = []
            var t = 0.0
            var speaker = 0
            for c in 0..<160 {
                if rng.next() % 3 == 0 { speaker = Int(rng.next() % UInt64(roles.count)) }
                var words = Array(repeating: "the", count: 1 + Int(rng.next() % 4))
                for _ in 0..<(2 + Int(rng.next() % 27)) { words.append(filler[Int(rng.next() % UInt64(filler.count))]) }
                if cueNumber % 1_440 == 700 { words.append("quicksand") }
                if cueNumber % 480 == 123 { words.append("countless") }
                if cueNumber % 144 == 51 { words.append(rng.next() % 2 == 0 ? "amorphous amorphous" : "amorphous") }
                cueNumber += 1
                cues.append(shuffledCue(words, &rng, at: &t, speaker: roles[speaker], chapter: c < 80 ? "Start" : "End",
                                        line: c + 1))
            }
            interviews.append(Interview(id: "r-\(i)", path: "r-\(i).vtt", title: "Interview \(i)", media: "",
                                        fields: [:], cues: cues))
        }
        return SearchIndex(building: [InterviewCollection(name: "rare", interviews: interviews)])
    }()

    func testTheCommonWordSpansManyBlocksAndTheRareOneFew() throws {
        let reader = Self.index.reader
        let the = try XCTUnwrap((0..<reader.termCount).first { reader.termString($0) == "the" })
        XCTAssertEqual(Int(reader.info(the).df), reader.docCount)
        XCTAssertGreaterThan(Int(reader.info(the).blocks), 20)
        let quicksand = try XCTUnwrap((0..<reader.termCount).first { reader.termString($0) == "quicksand" })
        XCTAssertLessThan(Int(reader.info(quicksand).df), 10)
    }

    /// Through the public API: the word pairs and triples of the slow
    /// queries, filtered by role or chapter or not, in both orders.
    func testSearchPrunedEqualsExhaustive() {
        var rng = SyntheticCorpus.RNG(state: 15)
        let queries = ["the quicksand", "quicksand the", "the countless", "amorphous the", "quicksand the guest",
                       "the countless amorphous", "the people quicksand", "countless the -guest", "the \"the people\" quicksand",
                       "the quick* countless", "the amorphous know think"]
        let filters = [SearchFilters(), SearchFilters(roles: ["guest"]), SearchFilters(roles: ["expert", "host"]),
                       SearchFilters(chapters: ["End"]), SearchFilters(interviews: ["r-3", "r-30"])]
        var compared = 0
        for query in queries {
            for filter in filters {
                let k1 = Double(rng.next() % 300) / 100, b = Double(rng.next() % 101) / 100
                for ranking in Ranking.allCases {
                    for k in [1, 3, 10, 40] {
                        let options = SearchOptions(limit: k, k1: k1, b: b, filters: filter, countFacets: false, ranking: ranking)
                        let what = "\(query) \(filter) k=\(k) k1=\(k1) b=\(b) \(ranking)"
                        guard assertSearchPrunedIsExhaustive(Self.index, query, options, what) != nil else { return }
                        compared += 1
                    }
                }
            }
        }
        XCTAssertEqual(compared, queries.count * filters.count * Ranking.allCases.count * 4)
    }

    /// The collector itself, on weights of the rare words and "the" (each
    /// also as a derived form, weighted), with a role filter and exclusions.
    func testCollectorPrunedEqualsExhaustive() throws {
        let reader = Self.index.reader
        // The word itself, or its stem (the longest term it starts with).
        func term(_ s: String) throws -> Int {
            if let exact = (0..<reader.termCount).first(where: { reader.termString($0) == s }) { return exact }
            return try XCTUnwrap((0..<reader.termCount).filter { t in
                let stem = reader.termString(t)
                return stem.count >= 4 && s.hasPrefix(stem)
            }.max { reader.termString($0).count < reader.termString($1).count }, s)
        }
        let the = try term("the"), people = try term("people"), guest = try term("guest")
        let rare = try Self.rare.map(term)
        let roleEntries = reader.facets.entries(of: .role).filter { reader.string(reader.facets.entry($0).value) == "guest" }
        XCTAssertEqual(roleEntries.count, 1)
        var rng = SyntheticCorpus.RNG(state: 99)
        var compared = 0, full = 0
        for round in 0..<200 {
            var should: [Weight] = [.term(the), .term(rare[round % 3])]
            if round % 4 == 1 { should.append(.term(rare[(round / 4) % 3])) }
            if round % 5 == 2 { should.append(.derived(people)) }
            if round % 7 == 3 { should.insert(.term(guest), at: 0) }
            if round % 2 == 1 { should.reverse() }
            let mustNot: [Weight] = round % 6 == 5 ? [.term(guest)] : []
            let filter: FilterNode? = round % 3 == 0 && !roleEntries.isEmpty ? FilterNode(reader: reader, entries: roleEntries) : nil
            let k1 = Double(rng.next() % 400) / 100, b = Double(rng.next() % 101) / 100
            let bm25 = BM25(k1: k1, b: b, avgdl: reader.avgdl, documentCount: reader.docCount)
            let weight = Weight.boolean(must: [], should: should, mustNot: mustNot, filter: filter)
            for k in [1, 2, 5, 10, 30, 200] {
                compared += 1
                if assertPrunedTopKIsExhaustive(weight, reader: reader, bm25: bm25, k: k, "round \(round) k \(k)") { full += 1 }
            }
        }
        XCTAssertEqual(compared, 1_200)
        XCTAssertGreaterThan(full, 1_000)
    }
}
