import XCTest
@testable import Soundbite

/// The dictionary walk that finds fuzzy terms, against the plain definition:
/// the edit distance to every term of the dictionary, one by one.
final class FuzzyTermsTests: XCTestCase {
    /// Levenshtein distance to `target` by the textbook dynamic programme, or nil above `max`.
    static func distance(_ target: [UInt8], _ candidate: UnsafeRawBufferPointer, max k: Int) -> Int? {
        var previous = Array(0...target.count)
        for (i, c) in candidate.enumerated() {
            var current = [i + 1]
            for j in 1...Swift.max(1, target.count) where j <= target.count {
                current.append(Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (target[j - 1] == c ? 0 : 1)))
            }
            previous = current
        }
        return previous[target.count] <= k ? previous[target.count] : nil
    }

    func testDictionaryWalkFindsExactlyTheTermsWithinReach() {
        let index = SearchIndex(building: [SyntheticCorpus.collection(interviews: 6, cuesEach: 60)])
        let reader = index.reader
        var rng = SyntheticCorpus.RNG(state: 17)
        var targets = ["", "a", "laptop", "laptpo", "schol", "xyz", "zoe", "naive", "1:1", "ofsted", "parnets"]
        for _ in 0..<60 {
            var w = Array(SyntheticCorpus.vocabulary[Int(rng.next() % UInt64(SyntheticCorpus.vocabulary.count))].lowercased().utf8)
            if !w.isEmpty { w[Int(rng.next() % UInt64(w.count))] = UInt8(ascii: "a") + UInt8(rng.next() % 26) }
            targets.append(String(decoding: w, as: UTF8.self))
        }
        var compared = 0
        for target in targets {
            for k in 0...2 {
                var walk = SortedDictionaryLevenshtein(target: Array(target.utf8), maxDistance: k)
                var found: [Int: Int] = [:]
                walk.forEachMatch(in: reader) { id, d in found[id] = d }
                var expected: [Int: Int] = [:]
                for id in 0..<reader.termCount {
                    if let d = Self.distance(Array(target.utf8), reader.term(id), max: k) { expected[id] = d }
                }
                XCTAssertEqual(found, expected, "\(target) k=\(k)")
                compared += expected.count
            }
        }
        XCTAssertGreaterThan(compared, 100, "the targets must reach some terms")
    }
}
