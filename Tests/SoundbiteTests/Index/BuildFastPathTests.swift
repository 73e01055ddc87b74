import Foundation
import XCTest
@testable import Soundbite
import SoundbiteTestSupport

/// The fast paths of the index build give what the plain code gives: the
/// stem cache the stemmer's stems, the file read the file's bytes, the
/// passage word count a whitespace split's count, and a build the same file
/// with and without the cache.
final class BuildFastPathTests: XCTestCase {
    private var corpus: String { ReadmeExamples.packageRoot + "/Corpus" }

    /// Every word of the sample corpus (lower-cased, in text order, with its repeats).
    private func corpusWords() -> [[UInt8]] {
        let collections = CollectionReader().readCollections(corpus)
        var words: [[UInt8]] = []
        for c in collections {
            for interview in c.interviews {
                for cue in interview.cues {
                    for word in cue.text.lowercased().split(whereSeparator: { !$0.isLetter && $0 != "'" }) {
                        words.append(Array(word.utf8))
                    }
                }
            }
        }
        return words
    }

    private func stem(_ word: [UInt8], cache: inout StemCache) -> [UInt8] {
        var bytes = word + [UInt8](repeating: 0, count: 8)
        let m = bytes.withUnsafeMutableBufferPointer { cache.stem($0.baseAddress!, count: word.count, with: EnglishStemmer()) }
        return Array(bytes[0..<m])
    }

    func testTheStemCacheGivesTheStemmersStems() {
        let words = corpusWords()
        XCTAssertGreaterThan(words.count, 10_000)
        let stemmer = EnglishStemmer()
        // A roomy cache (every word kept), a tiny one (full after 50 words)
        // and none at all; each word stemmed twice so the second meets the cache.
        for capacity in [1 << 15, 50, 0] {
            var cache = StemCache(capacity: capacity)
            for word in words + words {
                var expected = word
                stemmer.stem(&expected)
                XCTAssertEqual(stem(word, cache: &cache), expected, "\(String(decoding: word, as: UTF8.self)), capacity \(capacity)")
            }
        }
        // Long words and non-ASCII ones, and words that share a hash slot's neighbourhood.
        var cache = StemCache(capacity: 4)
        for word in ["internationalisations", String(repeating: "abc", count: 30), "café", "naïvely", "running", "runs", "running"] {
            var expected = Array(word.utf8)
            stemmer.stem(&expected)
            XCTAssertEqual(stem(Array(word.utf8), cache: &cache), expected, word)
        }
    }

    func testTheIndexIsTheSameWithAndWithoutTheStemCache() {
        let collections = CollectionReader().readCollections(corpus)
        XCTAssertGreaterThan(collections.count, 1)
        var cached = IndexBuilder(), uncached = IndexBuilder(), tiny = IndexBuilder()
        uncached.stems = StemCache(capacity: 0)
        tiny.stems = StemCache(capacity: 10)
        for c in collections {
            cached.add(c)
            uncached.add(c)
            tiny.add(c)
        }
        XCTAssertGreaterThan(cached.terms.count, 1_000)
        let reference = IndexWriter.serialize(uncached)
        XCTAssertTrue(IndexWriter.serialize(cached) == reference)
        XCTAssertTrue(IndexWriter.serialize(tiny) == reference)
    }

    func testAFileIsReadWhole() throws {
        let temp = try TemporaryFolder("read")
        defer { temp.remove() }
        var generator = SplitMix64(seed: 7)
        for size in [0, 1, 4095, 4096, 4097, 65_536, (1 << 20) - 1, 1 << 20, (1 << 20) + 1, 3 << 20] {
            let bytes = (0..<size).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            try temp.write("f\(size)", bytes: bytes)
            guard case .success(let read) = IngestFileSystem.read(temp.path("f\(size)"), limit: 8 << 20) else {
                return XCTFail("reading \(size) bytes failed")
            }
            XCTAssertTrue(read == bytes, "\(size) bytes")
            if size > 0 {
                guard case .failure(let error) = IngestFileSystem.read(temp.path("f\(size)"), limit: size - 1) else {
                    return XCTFail("\(size) bytes read under a limit of \(size - 1)")
                }
                XCTAssertTrue(error.tooLarge)
            }
        }
    }

    func testThePassageWordCountIsAWhitespaceSplit() {
        for text in ["", " ", "one", " one  two\tthree\nfour\r\nfive ", "naïve café — déjà vu", "a\u{00A0}b"] {
            let expected = text.utf8.split(whereSeparator: { [0x20, 0x09, 0x0A, 0x0D].contains($0) }).count
            XCTAssertEqual(PassageSegmenter.wordCount(text), expected, text)
            // A bridged (non-native) string takes the copying path.
            XCTAssertEqual(PassageSegmenter.wordCount(NSString(string: text) as String), expected, text)
        }
        // Eight bytes at a time: words and runs of white space across every
        // chunk boundary, bytes next to the white-space values, non-ASCII.
        var random = SystemRandomNumberGenerator()
        let pieces: [[UInt8]] = [[0x20], [0x09], [0x0A], [0x0D], [0x0D, 0x0A], [0x21], [0x1F], [0x08], [0x0B], [0x0C],
                                 [0xA0], [0x2C], Array("ab".utf8), Array("é".utf8), [0x00], [0xFF], [0x8A], [0xA9]]
        for _ in 0..<3_000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 0...40, using: &random) { bytes += pieces.randomElement(using: &random)! }
            let expected = bytes.split(whereSeparator: { [0x20, 0x09, 0x0A, 0x0D].contains($0) }).count
            XCTAssertEqual(bytes.withUnsafeBufferPointer { PassageSegmenter.wordCount($0) }, expected, "\(bytes)")
            XCTAssertEqual(PassageSegmenter.wordCount(bytes), expected, "\(bytes)")
        }
    }
}
