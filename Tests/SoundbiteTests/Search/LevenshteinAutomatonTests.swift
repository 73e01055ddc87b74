import XCTest
@testable import Soundbite
import SoundbiteTestSupport

/// The Levenshtein automaton and its walk over a sorted dictionary, against
/// the plain definition: the textbook edit-distance programme run on every
/// term, one by one.
final class LevenshteinAutomatonTests: XCTestCase {
    /// Levenshtein distance between `a` and `b` by the textbook dynamic programme.
    static func distance(_ a: [UInt8], _ b: [UInt8]) -> Int {
        var previous = Array(0...a.count)
        for (i, c) in b.enumerated() {
            var current = [i + 1]
            for j in 1...Swift.max(1, a.count) where j <= a.count {
                current.append(Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[j - 1] == c ? 0 : 1)))
            }
            previous = current
        }
        return previous[a.count]
    }

    /// The walk's matches and, for each, the brute-force ones.
    private func compare<Terms: SortedTermList>(_ word: [UInt8], _ k: Int, _ terms: Terms,
                                                file: StaticString = #filePath, line: UInt = #line) -> Int {
        var automaton = LevenshteinAutomaton(word: word, maxEdits: k)
        var found: [Int: Int] = [:]
        var order: [Int] = []
        automaton.forEachMatch(in: terms) { id, d in found[id] = d; order.append(id) }
        var expected: [Int: Int] = [:]
        for id in 0..<terms.count {
            let d = Self.distance(word, Array(terms.term(id)))
            if d <= k { expected[id] = d }
        }
        XCTAssertEqual(found, expected, "word \(word) k=\(k)", file: file, line: line)
        XCTAssertEqual(order, order.sorted(), "matches come in id order", file: file, line: line)
        return expected.count
    }

    func testRandomWordsOverRandomDictionaries() {
        // Bytes at both ends of the range and a two-byte letter (é) test the seek's edges.
        let alphabet: [[UInt8]] = [[0x61], [0x62], [0x63], [0x64], [0x00], [0xFF], [0xC3, 0xA9]]
        var rng = SplitMix64(seed: 7)
        func randomString(maxLetters: Int) -> [UInt8] {
            let n = Int(rng.next() % UInt64(maxLetters + 1))
            return (0..<n).flatMap { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }
        }
        var compared = 0
        for round in 0..<150 {
            let dictionary = SortedByteStrings((0..<(1 + round * 3)).map { _ in randomString(maxLetters: 7) })
            for _ in 0..<4 {
                let word = randomString(maxLetters: 6)
                compared += compare(word, Int(rng.next() % 4), dictionary)
            }
        }
        XCTAssertGreaterThan(compared, 2_000, "the words must reach many terms")
    }

    func testIndexDictionary() {
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
            for k in 0...2 { compared += compare(Array(target.utf8), k, reader.terms) }
        }
        XCTAssertGreaterThan(compared, 100, "the targets must reach some terms")
    }

    /// The walk reads terms on live paths only: over every four-letter string
    /// of ten letters (10,000 terms), one edit of `bdfh` reads a few hundred.
    func testWalkReadsFewTermsOfALargeDictionary() {
        let letters = Array("abcdefghij".utf8)
        var all: [[UInt8]] = []
        for a in letters { for b in letters { for c in letters { for d in letters { all.append([a, b, c, d]) } } } }
        let dictionary = CountingTerms(SortedByteStrings(all))
        var automaton = LevenshteinAutomaton(word: Array("bdfh".utf8), maxEdits: 1)
        var matches = 0
        automaton.forEachMatch(in: dictionary) { _, _ in matches += 1 }
        XCTAssertEqual(matches, 37, "the word itself and 4 × 9 substitutions")
        XCTAssertLessThan(dictionary.reads, 1_000, "read \(dictionary.reads) of 10,000 terms")
    }
}

/// Distinct byte strings sorted in byte order, held in one buffer.
final class SortedByteStrings: SortedTermList {
    private let bytes: UnsafeMutableRawBufferPointer
    private let offsets: [Int]

    init(_ strings: [[UInt8]]) {
        let sorted = Array(Set(strings)).sorted { $0.lexicographicallyPrecedes($1) }
        let flat = sorted.flatMap { $0 }
        bytes = .allocate(byteCount: max(1, flat.count), alignment: 1)
        bytes.copyBytes(from: flat)
        var offsets = [0]
        for s in sorted { offsets.append(offsets.last! + s.count) }
        self.offsets = offsets
    }

    deinit { bytes.deallocate() }

    var count: Int { offsets.count - 1 }

    func term(_ id: Int) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: bytes[offsets[id]..<offsets[id + 1]])
    }

    /// By a plain scan: obviously right, and fast enough for test dictionaries.
    func lowerBound(_ key: UnsafeRawBufferPointer) -> Int {
        (0..<count).first { !term($0).lexicographicallyPrecedes(key) } ?? count
    }
}

/// A dictionary that counts the terms read from it.
final class CountingTerms: SortedTermList {
    let base: SortedByteStrings
    private(set) var reads = 0
    init(_ base: SortedByteStrings) { self.base = base }
    var count: Int { base.count }
    func term(_ id: Int) -> UnsafeRawBufferPointer { reads += 1; return base.term(id) }
    func lowerBound(_ key: UnsafeRawBufferPointer) -> Int { base.lowerBound(key) }
}
