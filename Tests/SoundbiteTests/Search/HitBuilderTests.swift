import Dispatch
import Synchronization
import XCTest
@testable import Soundbite
import SoundbiteTestSupport

/// ``HitBuilder`` builds hits without analysing whole passages and reads the
/// page's texts in one pass over the blocks; each shortcut must give exactly
/// what the long way gives: the tokens ``Analyzer/analyze(_:)`` keeps, each
/// word's term from its own bytes, the snippet, and every text range.
final class HitBuilderTests: XCTestCase {
    static let analyzers: [Analyzer] = [
        .standard,
        Analyzer(stopWords: ["the", "a", "of", "and", "zoe", "cafe"]),
        Analyzer(exactForms: true),
        Analyzer(stemming: false, folding: false),
    ]

    /// Prose, the shared test corpus's texts and text that takes every
    /// tokenizer and folding branch.
    static var texts: [String] {
        let prose = String(decoding: LZBlockTests.prose(bytes: 6_000, seed: 7), as: UTF8.self)
        var texts = prose.split(separator: ".").map(String.init)
        texts += [
            "", "   ", "—", "Siobhán said Zoë's café felt naïve — 日本 ICT, über-cool.",
            "The NBFCs and MPs' PCs at 10:30, 3.5 and 1,000; don't o'clock school's 'quoted'",
            "İstanbul ǅemal ﬁne Straße ÅNGSTRÖM e\u{301}te\u{301} soft\u{AD}hyphen zw\u{200D}j",
            "ひらがな and 漢字テスト mixed with café's 12'", "a the of and a", "x' 'y ''z",
        ]
        for interview in SyntheticCorpus.collection(interviews: 2, cuesEach: 40, seed: 9).interviews {
            texts += interview.cues.map(\.text)
        }
        return texts
    }

    func testLayoutKeepsTheTokensAnalyzeKeeps() {
        for analyzer in Self.analyzers {
            for text in Self.texts {
                var copy = text
                let expected = analyzer.analyze(text).map { [$0.start, $0.end, $0.position] }
                var tokens: [Token] = [], scratch: [UInt8] = []
                copy.withUTF8 { HitBuilder.layout($0, analyzer: analyzer, into: &tokens, scratch: &scratch) }
                XCTAssertEqual(tokens.map { [$0.start, $0.end, $0.position] }, expected, "\(analyzer.signature): \(text)")
            }
        }
    }

    /// A word's term depends on its own bytes only, so stemming just the
    /// matched words gives the terms the best cue counts.
    func testEachWordAloneHasItsTermInContext() {
        for analyzer in Self.analyzers {
            for text in Self.texts {
                let bytes = Array(text.utf8)
                var scratch: [UInt8] = []
                for token in analyzer.analyze(text) {
                    var term: [UInt8]?
                    bytes.withUnsafeBufferPointer { all in
                        analyzer.forEachTerm(in: UnsafeBufferPointer(rebasing: all[token.start..<token.end]), scratch: &scratch) { _, t in
                            if term == nil { term = Array(t) }
                        }
                    }
                    XCTAssertEqual(term.map { String(decoding: $0, as: UTF8.self) }, token.term, "\(token.text) in \(text)")
                }
            }
        }
    }

    func testSnippetFromBytesIsTheSnippetFromTokens() {
        var g = SplitMix64(seed: 11)
        var long = Self.texts.joined(separator: " ")
        long += " " + long
        for text in Self.texts + [long] {
            var copy = text
            let analysed = Analyzer.standard.analyze(text)
            var tokens: [Token] = [], scratch: [UInt8] = []
            copy.withUTF8 { HitBuilder.layout($0, analyzer: .standard, into: &tokens, scratch: &scratch) }
            for _ in 0..<20 {
                let matched = analysed.indices.filter { _ in g.next() % 7 == 0 }
                for (before, width) in [(8, 32), (0, 1), (3, 5), (40, 200)] {
                    let expected = Snippet.make(text: text, tokens: analysed, matched: matched, before: before, width: width)
                    let got = copy.withUTF8 {
                        Snippet.make(utf8: $0, text: text, tokens: tokens, matched: matched, before: before, width: width)
                    }
                    XCTAssertEqual(got, expected, text)
                }
            }
        }
    }

    /// ``StoredText/texts(_:)`` reads what ``StoredText/bytes(at:count:)``
    /// reads for every range, in the order asked, across blocks, out of
    /// range and with a damaged block.
    func testTextsReadWhatBytesReads() throws {
        let text = LZBlockTests.prose(bytes: 40_000, seed: 5)
        var g = SplitMix64(seed: 2)
        for blockSize in [1, 7, 4096, 32 * 1024] {
            var section = StoredText.encode(text, blockSize: blockSize)
            for damaged in [false, true] {
                if damaged {
                    // Block 1's first token: a match offset reaching before the block.
                    let count = (text.count + blockSize - 1) / blockSize
                    let start = StoredText.headerSize + 8 * count
                    let end0 = section.withUnsafeBytes { Int($0.loadUnaligned(fromByteOffset: StoredText.headerSize, as: UInt64.self)) }
                    section[start + end0] = 0x01
                }
                for budget in [DecodedBlockTable.defaultBudget, 0, 3 * blockSize] {
                try section.withUnsafeBytes { buffer in
                    let stored = try StoredText(buffer, decodedBudget: budget)
                    for _ in 0..<40 {
                        var ranges: [(offset: UInt64, count: Int)] = []
                        for _ in 0..<Int(g.next() % 25) {
                            let lo = Int(g.next() % UInt64(text.count + 10))
                            let n = Int(g.next() % UInt64(min(3 * blockSize, 5000) + 1))
                            ranges.append((UInt64(lo), n))
                        }
                        if g.next() % 3 == 0, let r = ranges.first { ranges.append(r) }   // the same range twice
                        ranges.append((.max, 1))
                        ranges.append((UInt64(text.count), 0))
                        let expected = ranges.map { stored.bytes(at: $0.offset, count: $0.count) }
                        XCTAssertEqual(stored.texts(ranges), expected, "blocks of \(blockSize), damaged \(damaged), budget \(budget)")
                        XCTAssertEqual(stored.texts(ranges), expected, "again, from the kept blocks")
                    }
                    XCTAssertLessThanOrEqual(stored.decoded.bytesKept, budget)
                    if budget == 0 { XCTAssertNil(stored.decoded.block(0)) }
                }
                }
            }
        }
        try StoredText.encode([]).withUnsafeBytes { buffer in
            XCTAssertEqual(try StoredText(buffer).texts([(0, 0), (0, 1)]), [[], []])
        }
    }

    /// The table keeps whole blocks once, within its budget, and the same
    /// bytes whichever of several threads decoded them first.
    func testDecodedBlocksAreKeptOnceWithinBudget() throws {
        let text = LZBlockTests.prose(bytes: 50_000, seed: 8)
        let section = StoredText.encode(text, blockSize: 4096)
        try section.withUnsafeBytes { buffer in
            let stored = try StoredText(buffer, decodedBudget: 5 * 4096)
            let wrong = Atomic<Int>(0)
            DispatchQueue.concurrentPerform(iterations: 4) { worker in
                var g = SplitMix64(seed: UInt64(worker) + 1)
                for _ in 0..<300 {
                    let ranges = (0..<6).map { _ in (offset: g.next() % 40_000, count: Int(g.next() % 5000)) }
                    let got = stored.texts(ranges)
                    for (r, bytes) in zip(ranges, got) where bytes != Array(text[Int(r.offset)..<(Int(r.offset) + r.count)]) {
                        wrong.add(1, ordering: .relaxed)
                    }
                }
            }
            XCTAssertEqual(wrong.load(ordering: .relaxed), 0)
            XCTAssertEqual(stored.decoded.bytesKept, 5 * 4096, "the budget fills and stops")
            let kept = (0..<stored.blockCount).filter { stored.decoded.block($0) != nil }
            XCTAssertEqual(kept.count, 5)
            for b in kept {
                XCTAssertEqual(Array(UnsafeRawBufferPointer(start: stored.decoded.block(b)!, count: 4096)),
                               Array(text[(b * 4096)..<((b + 1) * 4096)]))
            }
        }
    }

    /// Hits of a built index through the public search: their texts are the
    /// passages' texts, their context passages are the neighbours' texts.
    func testHitsCarryTheirPassagesAndNeighbours() throws {
        let collection = SyntheticCorpus.collection(interviews: 4, cuesEach: 200, seed: 3)
        let index = SearchIndex(building: [collection])
        let reader = index.reader
        let words = Array(Set(collection.interviews.flatMap { $0.cues.prefix(5).flatMap { $0.text.split(separator: " ") } })).sorted()
        XCTAssertFalse(words.isEmpty)
        for (n, word) in words.prefix(40).enumerated() {
            let query = n % 2 == 0 ? String(word) : "\(word) \(words[(n * 7) % words.count])"
            let results = try index.search(query, options: SearchOptions(limit: 15, context: 2))
            for hit in results.hits {
                XCTAssertEqual(hit.text, reader.text(of: reader.document(hit.document)))
                XCTAssertFalse(hit.highlights.isEmpty, query)
                for (k, u) in hit.before.enumerated() {
                    XCTAssertEqual(u.text, reader.passage(hit.document - hit.before.count + k).text)
                }
                for (k, u) in hit.after.enumerated() { XCTAssertEqual(u, reader.passage(hit.document + 1 + k)) }
            }
        }
    }
}
