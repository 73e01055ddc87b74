import XCTest
@testable import Soundbite
import SoundbiteTestSupport

/// The galloping forward seek (``TermDictionary/lowerBound(_:from:)``)
/// against the binary search of the whole dictionary and against a plain
/// scan, on random dictionaries (bytes at both ends of the range, shared
/// prefixes, empty terms), from every valid start.
final class TermDictionarySeekTests: XCTestCase {
    func testGallopingSeekEqualsBinarySearchOnRandomDictionaries() throws {
        let alphabet: [UInt8] = [0x00, 0x61, 0x62, 0x63, 0x7A, 0xC3, 0xA9, 0xFF]
        var rng = SplitMix64(seed: 23)
        func randomString(_ maxLength: Int) -> [UInt8] {
            (0..<Int(rng.next() % UInt64(maxLength + 1))).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }
        }
        var seeks = 0
        for round in 0..<80 {
            let size = [1, 2, 3, 5, 17, 100, 1_000][round % 7] + Int(rng.next() % 5)
            let words = Array(Set((0..<size).map { _ in randomString(6) })).sorted { $0.lexicographicallyPrecedes($1) }
            let terms = PackedStrings.encode(count: words.count) { words[$0][...] }
            let info = TermDictionary.encodeInfo(Array(repeating: TermInfo(), count: words.count))
            try terms.withUnsafeBytes { t in
                try info.withUnsafeBytes { i in
                    let dict = try TermDictionary(terms: t, info: i)
                    XCTAssertEqual(dict.count, words.count)
                    for _ in 0..<40 {
                        // Keys in the dictionary and between its terms.
                        let key = rng.next() % 2 == 0 && !words.isEmpty ? words[Int(rng.next() % UInt64(words.count))] : randomString(7)
                        let expected = words.firstIndex { !$0.lexicographicallyPrecedes(key) } ?? words.count
                        key.withUnsafeBytes { k in
                            XCTAssertEqual(dict.lowerBound(k), expected, "key \(key)")
                            // Every start at or before the answer is valid (all terms before it are < key).
                            for start in Set([0, expected / 2, max(0, expected - 1), expected, expected - Int(rng.next() % 9)])
                            where start >= 0 && start <= expected {
                                XCTAssertEqual(dict.lowerBound(k, from: start), expected, "key \(key) from \(start)")
                                seeks += 1
                            }
                        }
                    }
                }
            }
        }
        XCTAssertGreaterThan(seeks, 5_000)
    }

    /// The galloped prefix range (``TermDictionary/ids(withPrefix:)``) against
    /// a scan of the whole dictionary, for prefixes of every term and others.
    func testPrefixRangeEqualsScan() throws {
        let alphabet: [UInt8] = [0x00, 0x61, 0x62, 0x63, 0xFF]
        var rng = SplitMix64(seed: 31)
        var ranges = 0
        for round in 0..<40 {
            let size = [1, 3, 30, 300, 2_000][round % 5]
            let words = Array(Set((0..<size).map { _ in
                (0..<Int(rng.next() % 12)).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }
            })).sorted { $0.lexicographicallyPrecedes($1) }
            let terms = PackedStrings.encode(count: words.count) { words[$0][...] }
            let info = TermDictionary.encodeInfo(Array(repeating: TermInfo(), count: words.count))
            try terms.withUnsafeBytes { t in
                try info.withUnsafeBytes { i in
                    let dict = try TermDictionary(terms: t, info: i)
                    for _ in 0..<30 {
                        let word = words[Int(rng.next() % UInt64(words.count))]
                        var prefix = Array(word.prefix(Int(rng.next() % UInt64(word.count + 1))))
                        if rng.next() % 4 == 0 { prefix.append(alphabet[Int(rng.next() % UInt64(alphabet.count))]) }
                        let expected = words.indices.filter { words[$0].starts(with: prefix) }
                        let range = dict.ids(withPrefix: prefix)
                        XCTAssertEqual(Array(range), expected, "prefix \(prefix)")
                        ranges += 1
                    }
                }
            }
        }
        XCTAssertEqual(ranges, 1_200)
    }

    func testByteOrderIsUnsignedAndShorterFirst() {
        func precedes(_ a: [UInt8], _ b: [UInt8]) -> Bool {
            a.withUnsafeBytes { pa in b.withUnsafeBytes { pb in TermDictionary.precedes(pa, pb) } }
        }
        XCTAssertTrue(precedes([], [0]))
        XCTAssertFalse(precedes([], []))
        XCTAssertTrue(precedes([0x61], [0x61, 0x00]))
        XCTAssertTrue(precedes([0x7F], [0x80]))
        XCTAssertTrue(precedes([0x61, 0xFF], [0x62]))
        XCTAssertFalse(precedes([0xFF], [0x00, 0x00]))
    }

    /// The word-at-a-time compare against `lexicographicallyPrecedes` on
    /// random pairs up to 40 bytes long that share prefixes of every length,
    /// so the first difference falls inside, at the edge of and past each
    /// eight-byte word.
    func testWordAtATimeCompareEqualsLexicographicOrder() {
        var rng = SplitMix64(seed: 5)
        let alphabet: [UInt8] = [0x00, 0x01, 0x61, 0x62, 0x7F, 0x80, 0xFE, 0xFF]
        var compared = 0
        for _ in 0..<20_000 {
            let shared = (0..<Int(rng.next() % 33)).map { _ in alphabet[Int(rng.next() % 8)] }
            let a = shared + (0..<Int(rng.next() % 9)).map { _ in alphabet[Int(rng.next() % 8)] }
            let b = shared + (0..<Int(rng.next() % 9)).map { _ in alphabet[Int(rng.next() % 8)] }
            a.withUnsafeBytes { pa in
                b.withUnsafeBytes { pb in
                    XCTAssertEqual(TermDictionary.precedes(pa, pb), a.lexicographicallyPrecedes(b), "\(a) \(b)")
                    XCTAssertEqual(TermDictionary.precedes(pb, pa), b.lexicographicallyPrecedes(a), "\(b) \(a)")
                }
            }
            compared += 1
        }
        XCTAssertEqual(compared, 20_000)
    }
}
