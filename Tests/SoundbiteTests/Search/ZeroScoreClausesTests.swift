import XCTest
@testable import Soundbite

/// A word with derived forms (`inspector` beside `inspection`) compiles to a
/// disjunction whose derived clauses score 0 (``DerivedForms/weight``). The
/// BM25 top k drops them (the word then runs alone, ``TopKCollector``) when no
/// filter or exclusion applies and a word holds at least k documents; with
/// fewer, the zero-score documents fill the places left and must be kept.
/// Pruned == exhaustive here, bit for bit, for k on both sides of the word's
/// document count, random k1 and b, filters and exclusions; and the posting
/// cursor's `advance` and `block(containing:)` (which pass runs of blocks by
/// the coarse level) land where a plain walk does on terms of many blocks.
final class ZeroScoreClausesTests: XCTestCase {
    /// 40 interviews of 150 cues; "the" in every cue (tf 1 to 4, so its
    /// blocks store impacts and a coarse level), "inspection" in about one
    /// cue of 12 and "inspect" in one of 40 (one stem, `inspect`), "inspector" in 7 cues.
    static let index: SearchIndex = {
        var rng = SyntheticCorpus.RNG(state: 1202)
        let filler = ["people", "said", "village", "school", "really", "guest", "money", "time", "know", "think"]
        let roles = [("Ann Host", "host"), ("Bo Guest", "guest")]
        var interviews: [Interview] = []
        var cueNumber = 0
        for i in 0..<40 {
            var cues: [Cue] = []
            var t = 0.0
            for c in 0..<150 {
                let speaker = (c / 3) % roles.count
                var words = Array(repeating: "the", count: 1 + Int(rng.next() % 4))
                for _ in 0..<(2 + Int(rng.next() % 25)) { words.append(filler[Int(rng.next() % UInt64(filler.count))]) }
                if rng.next() % 12 == 0 { words.append(rng.next() % 3 == 0 ? "inspection inspection" : "inspection") }
                if cueNumber % 857 == 400 { words.append("inspector") }
                if rng.next() % 40 == 0 { words.append("inspect") }
                cueNumber += 1
                cues.append(shuffledCue(words, &rng, at: &t, speaker: roles[speaker], chapter: c < 75 ? "Start" : "End",
                                        line: c + 1))
            }
            interviews.append(Interview(id: "z-\(i)", path: "z-\(i).vtt", title: "Interview \(i)", media: "",
                                        fields: [:], cues: cues))
        }
        return SearchIndex(building: [InterviewCollection(name: "zero", interviews: interviews)])
    }()

    private func term(_ s: String) throws -> Int {
        let reader = Self.index.reader
        return try XCTUnwrap((0..<reader.termCount).first { reader.termString($0) == s }, s)
    }

    func testTheShapeHasManyBlocksAndAFewDocumentWord() throws {
        let reader = Self.index.reader
        let the = reader.info(try term("the"))
        XCTAssertGreaterThan(Int(the.blocks), 3 * Postings.coarseBlocks)
        let cursor = PostingCursor(reader: reader, info: the)
        XCTAssertTrue(cursor.hasCoarseLevel)
        XCTAssertLessThan(Int(reader.info(try term("inspector")).df), 10)
        XCTAssertGreaterThan(Int(reader.info(try term("inspect")).df), 100)
    }

    /// Through the public API: words whose derived forms hold more, or fewer,
    /// documents than k, filtered, excluded or not, in the BM25 order.
    func testSearchPrunedEqualsExhaustive() {
        var rng = SyntheticCorpus.RNG(state: 7)
        let queries = ["inspector", "inspection", "inspect", "inspector the", "the inspection people", "inspector -guest"]
        let filters = [SearchFilters(), SearchFilters(roles: ["guest"]), SearchFilters(chapters: ["End"])]
        var compared = 0, zeroFilled = 0
        for query in queries {
            for filter in filters {
                for k in [1, 3, 6, 7, 8, 10, 40, 400] {
                    let k1 = Double(rng.next() % 300) / 100, b = Double(rng.next() % 101) / 100
                    let options = SearchOptions(limit: k, k1: k1, b: b, filters: filter, countFacets: false, ranking: .bm25)
                    let what = "\(query) \(filter) k=\(k) k1=\(k1) b=\(b)"
                    guard let reference = assertSearchPrunedIsExhaustive(Self.index, query, options, what) else { return }
                    if reference.contains(where: { $0.score == 0 }) { zeroFilled += 1 }
                    compared += 1
                }
            }
        }
        XCTAssertEqual(compared, queries.count * filters.count * 8)
        // Zero-score documents do fill top k lists here: the word's count matters.
        XCTAssertGreaterThan(zeroFilled, 10)
    }

    /// The collector on weights: a word and zero-score derived forms (also
    /// beside another word), for k below and above the word's count.
    func testCollectorPrunedEqualsExhaustive() throws {
        let reader = Self.index.reader
        // "inspection" and "inspect" share the stem "inspect".
        let the = try term("the"), inspector = try term("inspector")
        let inspect = try term("inspect"), time = try term("time")
        let guestEntries = reader.facets.entries(of: .role).filter { reader.string(reader.facets.entry($0).value) == "guest" }
        XCTAssertEqual(guestEntries.count, 1)
        let inspectorDF = Int(reader.info(inspector).df)
        var rng = SyntheticCorpus.RNG(state: 31)
        var compared = 0, full = 0
        for round in 0..<120 {
            var should: [Weight]
            switch round % 4 {
            case 0: should = [.term(inspector), .derived(inspect), .derived(time)]
            case 1: should = [.derived(inspector), .term(inspect)]
            case 2: should = [.term(inspector), .derived(the)]
            default: should = [.term(inspector), .derived(inspect), .term(time)]
            }
            if round % 3 == 1 { should.reverse() }
            let mustNot: [Weight] = round % 10 == 9 ? [.term(time)] : []
            let filter: FilterNode? = round % 7 == 3 ? FilterNode(reader: reader, entries: guestEntries) : nil
            let k1 = Double(rng.next() % 400) / 100, b = Double(rng.next() % 101) / 100
            let bm25 = BM25(k1: k1, b: b, avgdl: reader.avgdl, documentCount: reader.docCount)
            let weight = Weight.boolean(must: [], should: should, mustNot: mustNot, filter: filter)
            for k in [1, inspectorDF - 1, inspectorDF, inspectorDF + 1, 10, 50, 300] {
                compared += 1
                if assertPrunedTopKIsExhaustive(weight, reader: reader, bm25: bm25, k: k, "round \(round) k \(k)") { full += 1 }
            }
        }
        XCTAssertEqual(compared, 840)
        XCTAssertGreaterThan(full, 600)
    }

    /// `advance(to:)` from any place lands on the first document ≥ the
    /// target that a walk by `next()` meets, and `block(containing:)` names
    /// the first block ending at or after it, for jumps within a block and
    /// across runs of blocks.
    func testAdvanceAndBlockContainingMatchAWalk() throws {
        let reader = Self.index.reader
        for word in ["the", "inspector", "inspect", "time"] {
            let info = reader.info(try term(word))
            var docs: [UInt32] = []
            let walk = PostingCursor(reader: reader, info: info)
            var blockOf: [Int] = []
            while walk.doc != PostingCursor.noMoreDocs {
                docs.append(walk.doc)
                blockOf.append(walk.block)
                walk.next()
            }
            XCTAssertEqual(docs.count, Int(info.df), word)
            var rng = SyntheticCorpus.RNG(state: UInt64(docs.count))
            for round in 0..<40 {
                let cursor = PostingCursor(reader: reader, info: info)
                var target: UInt32 = 0
                let limit = UInt32(reader.docCount) + 2
                while true {
                    // Short steps (within a block), and long ones (across runs).
                    let step = round % 2 == 0 ? UInt32(1 + rng.next() % 5) : UInt32(1 + rng.next() % UInt64(limit / 8))
                    target += step
                    if target >= limit { break }
                    let shallow = cursor.block(containing: target)
                    var lo = 0, hi = docs.count
                    while lo < hi { let mid = (lo + hi) / 2; if docs[mid] < target { lo = mid + 1 } else { hi = mid } }
                    let first: Int? = lo < docs.count ? lo : nil
                    XCTAssertEqual(shallow?.index, first.map { blockOf[$0] }, "\(word) block containing \(target)")
                    cursor.advance(to: target)
                    XCTAssertEqual(cursor.doc, first.map { docs[$0] } ?? PostingCursor.noMoreDocs, "\(word) advance \(target)")
                    if cursor.doc == PostingCursor.noMoreDocs { break }
                    if rng.next() % 3 == 0 {
                        cursor.next()
                        let after = first! + 1
                        XCTAssertEqual(cursor.doc, after < docs.count ? docs[after] : PostingCursor.noMoreDocs, "\(word) next")
                        if cursor.doc == PostingCursor.noMoreDocs { break }
                        target = cursor.doc
                    }
                }
            }
        }
    }
}
