import Foundation
import XCTest
@testable import Soundbite
import SoundbiteTestSupport

/// The stored text's bytes are part of the index file, so the encoder's
/// output may not change when its match finder is made faster. These tests
/// compare ``LZBlockEncoder`` byte for byte with a plain statement of what it
/// computes (below), on the bundled Corpus's text and on invented inputs.
final class LZEncoderReferenceTests: XCTestCase {
    /// The encoder's rules, written without hash chains: every earlier
    /// position with the same 4-byte hash is kept in a list; a position's
    /// candidates are the latest ones within ``LZBlock/maxOffset``, at most
    /// `maxChain` of them; the longest match (at least ``LZBlock/minMatch``)
    /// wins, the first met among equals; a match is put off by one byte
    /// when the next position has a strictly longer one.
    static func reference(_ input: [UInt8], maxChain: Int) -> [UInt8] {
        let n = input.count
        func hash(_ i: Int) -> Int {
            let v = UInt32(input[i]) | UInt32(input[i + 1]) << 8 | UInt32(input[i + 2]) << 16 | UInt32(input[i + 3]) << 24
            return Int((v &* 2_654_435_761) >> 17)
        }
        var earlier: [Int: [Int]] = [:]
        var inserted = 0
        func insert(upTo limit: Int) {
            while inserted < min(limit, n - 3) {
                earlier[hash(inserted), default: []].append(inserted)
                inserted += 1
            }
            inserted = max(inserted, limit)
        }
        func longest(at i: Int) -> (length: Int, offset: Int) {
            guard i + 4 <= n else { return (0, 0) }
            var best = 3, offset = 0
            let candidates = (earlier[hash(i)] ?? []).reversed().prefix { i - $0 <= LZBlock.maxOffset }.prefix(max(1, maxChain))
            for c in candidates {
                var length = 0
                while i + length < n && input[c + length] == input[i + length] { length += 1 }
                if length > best {
                    best = length
                    offset = i - c
                    if length == n - i { break }
                }
            }
            return offset == 0 ? (0, 0) : (best, offset)
        }
        func varint(_ value: Int, _ out: inout [UInt8]) {
            var v = value
            while v >= 0x80 { out.append(UInt8(v & 0x7F) | 0x80); v >>= 7 }
            out.append(UInt8(v))
        }
        var out: [UInt8] = []
        func sequence(_ from: Int, _ to: Int, _ match: (length: Int, offset: Int)) {
            let literals = to - from, code = match.length == 0 ? 0 : match.length - 4
            out.append(UInt8(min(literals, 15) << 4 | min(code, 15)))
            if literals >= 15 { varint(literals - 15, &out) }
            out += input[from..<to]
            guard match.length > 0 else { return }
            out += [UInt8(match.offset & 0xFF), UInt8(match.offset >> 8)]
            if code >= 15 { varint(code - 15, &out) }
        }
        var anchor = 0, i = 0
        while i + 4 <= n {
            insert(upTo: i)
            var match = longest(at: i)
            if match.length == 0 { i += 1; continue }
            insert(upTo: i + 1)
            let next = longest(at: i + 1)
            if next.length > match.length { i += 1; match = next }
            sequence(anchor, i, match)
            i += match.length
            anchor = i
        }
        if anchor < n { sequence(anchor, n, (0, 0)) }
        return out
    }

    /// The bundled Corpus's cue texts joined, as the builder stores them.
    static func corpusText() throws -> [UInt8] {
        let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Corpus").path
        var text: [UInt8] = []
        for collection in CollectionReader.collectionFolders(corpus) {
            for interview in CollectionReader().read(collection).interviews {
                for cue in interview.cues { text += cue.text.utf8; text.append(0x20) }
            }
        }
        return text
    }

    func assertSameAsReference(_ input: [UInt8], maxChain: Int = 24, _ what: String,
                               file: StaticString = #filePath, line: UInt = #line) {
        var encoder = LZBlockEncoder(maxChain: maxChain)
        XCTAssertEqual(encoder.compress(input), Self.reference(input, maxChain: maxChain),
                       "\(what), \(input.count) bytes, chain \(maxChain)", file: file, line: line)
    }

    func testCorpusBlocksAreTheReferenceBytes() throws {
        let text = try Self.corpusText()
        XCTAssertGreaterThan(text.count, 100_000)
        // Stored-text blocks as the index cuts them, through one reused encoder.
        var encoder = LZBlockEncoder()
        var start = 0
        while start < text.count {
            let block = Array(text[start..<min(text.count, start + StoredText.blockSize)])
            XCTAssertEqual(encoder.compress(block), Self.reference(block, maxChain: 24), "block at \(start)")
            start += StoredText.blockSize
        }
        // Longer than an offset reaches, and other chain lengths.
        assertSameAsReference(Array(text.prefix(90_000)), "Corpus text past the offset limit")
        for chain in [1, 2, 7, 64] { assertSameAsReference(Array(text.prefix(40_000)), maxChain: chain, "Corpus text") }
    }

    func testInventedInputsAreTheReferenceBytes() {
        for size in [0, 1, 3, 4, 5, 8, 9, 15, 16, 19, 100, 1000, 5000] {
            assertSameAsReference(LZBlockTests.prose(bytes: size, seed: UInt64(size)), "prose")
            assertSameAsReference(LZBlockTests.random(bytes: size, seed: UInt64(size)), "random")
        }
        assertSameAsReference([UInt8](repeating: 0x61, count: 3000), "one byte repeated")
        for period in [1, 2, 3, 5, 8, 13] {
            let unit = LZBlockTests.random(bytes: period, seed: UInt64(period))
            assertSameAsReference((0..<4000).map { unit[$0 % period] }, "period \(period)")
        }
        let chunk = LZBlockTests.random(bytes: 600, seed: 99)
        assertSameAsReference(chunk + LZBlockTests.random(bytes: LZBlock.maxOffset - 600, seed: 100) + chunk, "at the offset limit")
        assertSameAsReference(chunk + LZBlockTests.random(bytes: LZBlock.maxOffset + 5, seed: 101) + chunk, "past the offset limit")
        // Text and long repeats mixed: matches that grow one byte later (the lazy step).
        var g = SplitMix64(seed: 5)
        var mixed: [UInt8] = []
        while mixed.count < 30_000 {
            let piece = LZBlockTests.prose(bytes: 20 + Int(g.next() % 200), seed: g.next() % 16)
            mixed += g.next() % 3 == 0 ? Array(piece.dropFirst(Int(g.next() % 5))) : piece
        }
        for chain in [1, 3, 24] { assertSameAsReference(mixed, maxChain: chain, "mixed repeats") }
    }
}
