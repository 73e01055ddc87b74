import XCTest
@testable import Soundbite

/// Asserts that the pruned top k of `weight` is the exhaustive walk's:
/// the same documents in the same order with bit-identical scores. Returns
/// whether the exhaustive walk filled all k places, i.e. whether pruning had
/// a k-th score to prune against (callers count those to show the test bites).
@discardableResult
func assertPrunedTopKIsExhaustive(_ weight: Weight, reader: IndexReader, bm25: BM25, k: Int,
                                  _ message: @autoclosure () -> String,
                                  file: StaticString = #filePath, line: UInt = #line) -> Bool {
    let fast = TopKCollector.collect(weight.scorer(reader: reader, bm25: bm25), k: k, exhaustive: false)
    let full = TopKCollector.collect(weight.scorer(reader: reader, bm25: bm25), k: k, exhaustive: true)
    XCTAssertEqual(fast.map(\.doc), full.map(\.doc), message(), file: file, line: line)
    XCTAssertEqual(fast.map(\.score.bitPattern), full.map(\.score.bitPattern), message(), file: file, line: line)
    return full.count == k
}

/// Asserts that `index.search(query)` with `options` gives what the same
/// search with `exhaustive` gives: the same documents, scores bit for bit.
/// Returns the exhaustive hits (nil, and a failure, when the search throws).
@discardableResult
func assertSearchPrunedIsExhaustive(_ index: SearchIndex, _ query: String, _ options: SearchOptions, _ what: String,
                                    file: StaticString = #filePath, line: UInt = #line) -> [Hit]? {
    var full = options
    full.exhaustive = true
    guard let pruned = try? index.search(query, options: options), let reference = try? index.search(query, options: full) else {
        XCTFail("\(query) failed", file: file, line: line)
        return nil
    }
    XCTAssertEqual(pruned.hits.map(\.document), reference.hits.map(\.document), what, file: file, line: line)
    XCTAssertEqual(pruned.hits.map(\.score.bitPattern), reference.hits.map(\.score.bitPattern), what, file: file, line: line)
    return reference.hits
}

/// Asserts that ``UnionWindowCollector`` in windows of `window` documents,
/// over the union of terms `ids` (and `mustNot`, and `filter`; with the floor of
/// ``UnionScoreFloor`` when neither is given), keeps the exhaustive walk's
/// top k: the same documents in the same order, scores bit for bit. Returns
/// whether the exhaustive walk filled all k places.
@discardableResult
func assertUnionWindowIsExhaustive(_ ids: [Int], mustNot: [Weight], filter: FilterNode? = nil, reader: IndexReader, bm25: BM25,
                                   k: Int, window: Int,
                                   _ message: @autoclosure () -> String,
                                   file: StaticString = #filePath, line: UInt = #line) -> Bool {
    let weight = Weight.boolean(must: [], should: [.union(ids)], mustNot: mustNot, filter: filter)
    let full = TopKCollector.collect(weight.scorer(reader: reader, bm25: bm25), k: k, exhaustive: true)
    guard let root = weight.scorer(reader: reader, bm25: bm25) as? BooleanScorer else {
        XCTFail("a boolean root", file: file, line: line)
        return false
    }
    let cursors = ids.map { PostingCursor(reader: reader, info: reader.info($0)) }
    let idfs = ids.map { bm25.idf(df: Int(reader.info($0).df)) }
    let bounds = zip(ids, idfs).map { bm25.upperBound(idf: $1, frontier: reader.bounds(reader.info($0))) }
    var top = TopK(k: k)
    // The floor as the union scorer takes it (any union size here: small test unions would get none).
    let floor = root.filter == nil && root.mustNot.isEmpty
        ? UnionScoreFloor.floor(reader: reader, terms: ids, idfs: idfs, bounds: bounds, bm25: bm25, k: k) : -Double.infinity
    UnionWindowCollector.collect(root, cursors: cursors, idfs: idfs, bounds: bounds,
                                 postings: ids.map { Int(reader.info($0).df) }, reader: reader, bm25: bm25,
                                 windowSize: window, floor: floor, into: &top)
    let fast = top.sorted()
    XCTAssertEqual(fast.map(\.doc), full.map(\.doc), message(), file: file, line: line)
    XCTAssertEqual(fast.map(\.score.bitPattern), full.map(\.score.bitPattern), message(), file: file, line: line)
    return full.count == k
}

/// The role facet's entries whose value is `value` (the synthetic corpora's
/// `guest` is one entry), for a test's role filter.
func roleEntries(_ reader: IndexReader, _ value: String) -> [Int] {
    reader.facets.entries(of: .role).filter { reader.string(reader.facets.entry($0).value) == value }
}

/// The BM25 of one round of a randomised pruning test: the defaults in round
/// 0, else k1 in 0.3–2.79 and b from `bLow` in `bSteps` steps of 0.01, both
/// drawn from `rng`.
func randomBM25(round: Int, _ rng: inout SyntheticCorpus.RNG, bLow: Double, bSteps: UInt64, reader: IndexReader) -> BM25 {
    let (k1, b) = round == 0 ? (1.2, 0.75) : (0.3 + Double(rng.next() % 250) / 100, bLow + Double(rng.next() % bSteps) / 100)
    return BM25(k1: k1, b: b, avgdl: reader.avgdl, documentCount: reader.docCount)
}
