import Dispatch
import Synchronization
import XCTest
@testable import Soundbite
import SoundbiteTestSupport

/// The `storedText` section: every range of the text reads back, across
/// block boundaries and at every block size; the block index is checked at
/// open; damaged blocks read as empty text; the cache keeps the recently used
/// blocks and is safe to share between threads; an index's passages read
/// back exactly and take less room than their text.
final class StoredTextTests: XCTestCase {
    static let text = LZBlockTests.prose(bytes: 100_000, seed: 31)

    func withSection<R>(_ section: [UInt8], _ body: (StoredText) throws -> R) throws -> R {
        try section.withUnsafeBytes { try body(try StoredText($0)) }
    }

    func testEveryRangeReadsBackAtEveryBlockSize() throws {
        var g = SplitMix64(seed: 3)
        for blockSize in [1, 7, 4096, 32 * 1024, 1 << 20] {
            let text = blockSize == 1 ? Array(Self.text.prefix(300)) : Self.text
            let section = StoredText.encode(text, blockSize: blockSize)
            try withSection(section) { stored in
                XCTAssertEqual(stored.blockSize, blockSize)
                XCTAssertEqual(stored.blockCount, (text.count + blockSize - 1) / blockSize)
                XCTAssertEqual(stored.bytes(at: 0, count: text.count), text)
                for _ in 0..<300 {
                    let lo = Int(g.next() % UInt64(text.count))
                    let n = Int(g.next() % UInt64(min(3 * blockSize, text.count - lo) + 1))
                    XCTAssertEqual(stored.bytes(at: UInt64(lo), count: n), Array(text[lo..<(lo + n)]),
                                   "\(n) bytes at \(lo), blocks of \(blockSize)")
                }
                // Ranges that end exactly at a block boundary, or start there.
                if blockSize >= 3 && blockSize + 2 <= text.count {
                    XCTAssertEqual(stored.bytes(at: UInt64(blockSize - 3), count: 3), Array(text[(blockSize - 3)..<blockSize]))
                    XCTAssertEqual(stored.bytes(at: UInt64(blockSize), count: 2), Array(text[blockSize..<(blockSize + 2)]))
                }
                XCTAssertEqual(stored.bytes(at: UInt64(text.count), count: 0), [])
                XCTAssertEqual(stored.bytes(at: UInt64(text.count - 1), count: 2), [], "past the end")
                XCTAssertEqual(stored.bytes(at: .max, count: 1), [])
            }
        }
    }

    func testEmptyText() throws {
        let section = StoredText.encode([])
        XCTAssertEqual(section.count, StoredText.headerSize)
        try withSection(section) { stored in
            XCTAssertEqual(stored.blockCount, 0)
            XCTAssertEqual(stored.bytes(at: 0, count: 0), [])
            XCTAssertEqual(stored.bytes(at: 0, count: 1), [])
        }
    }

    /// The section compresses (the reason it exists) and does not depend on
    /// how many threads compressed it: every block alone, same bytes.
    func testCompressesAndIsDeterministic() throws {
        let section = StoredText.encode(Self.text)
        XCTAssertLessThan(section.count * 2, Self.text.count)
        XCTAssertEqual(StoredText.encode(Self.text), section)
        var encoder = LZBlockEncoder()
        var serial: [UInt8] = []
        for lo in stride(from: 0, to: Self.text.count, by: StoredText.blockSize) {
            let block = Array(Self.text[lo..<min(Self.text.count, lo + StoredText.blockSize)])
            serial += encoder.compress(block)
        }
        XCTAssertEqual(Array(section.suffix(serial.count)), serial)
    }

    func field(_ section: inout [UInt8], at offset: Int, _ value: UInt64, bytes: Int) {
        for k in 0..<bytes { section[offset + k] = UInt8(truncatingIfNeeded: value >> (8 * UInt64(k))) }
    }

    func testBlockIndexIsCheckedAtOpen() throws {
        let good = StoredText.encode(Self.text, blockSize: 4096)
        let blocks = (Self.text.count + 4095) / 4096
        func refused(_ change: (inout [UInt8]) -> Void, _ what: String, line: UInt = #line) {
            var s = good
            change(&s)
            XCTAssertThrowsError(try withSection(s) { _ in }, what, line: line) { error in
                guard case .corrupt = error as? StorageError else { return XCTFail("\(error)", line: line) }
            }
        }
        refused({ field(&$0, at: 0, 0, bytes: 4) }, "block size 0")
        refused({ field(&$0, at: 0, UInt64(StoredText.maxBlockSize) + 1, bytes: 4) }, "block size too big")
        refused({ field(&$0, at: 4, UInt64(blocks + 1), bytes: 4) }, "one block too many")
        refused({ field(&$0, at: 8, UInt64(Self.text.count + 4096), bytes: 8) }, "text longer than its blocks")
        refused({ field(&$0, at: 4, 0xFFFF_FFFF, bytes: 4) }, "block count beyond the section")
        refused({ field(&$0, at: 16, 1 << 40, bytes: 8) }, "blocks out of order")
        refused({ $0.removeLast() }, "data shorter than the index says")
        refused({ $0 = Array($0.prefix(10)) }, "header cut")
        XCTAssertNoThrow(try withSection(good) { _ in })
    }

    func testDamagedBlockReadsAsEmpty() throws {
        var section = StoredText.encode(Self.text, blockSize: 4096)
        let dataStart = StoredText.headerSize + 8 * ((Self.text.count + 4095) / 4096)
        // Block 0's first token: a match offset reaching before the block.
        section[dataStart] = 0x01
        try withSection(section) { stored in
            XCTAssertEqual(stored.bytes(at: 10, count: 20), [])
            XCTAssertEqual(stored.bytes(at: 4090, count: 20), [], "a range that needs the damaged block")
            XCTAssertEqual(stored.bytes(at: 5000, count: 20), Array(Self.text[5000..<5020]), "other blocks still read")
        }
    }

    func testCacheKeepsRecentlyUsedBlocks() throws {
        let section = StoredText.encode(Self.text, blockSize: 4096)
        try withSection(section) { stored in
            let cache = Mirror(reflecting: stored).children.first { $0.label == "cache" }!.value as! StoredTextCache
            XCTAssertEqual(stored.bytes(at: 100, count: 10), Array(Self.text[100..<110]))
            let decoded = cache.block(0, size: 4096).decoded
            XCTAssertGreaterThanOrEqual(decoded, 110)
            XCTAssertLessThan(decoded, 4096, "a block is decoded only as far as needed")
            XCTAssertEqual(stored.bytes(at: 200, count: 10), Array(Self.text[200..<210]))
            XCTAssertEqual(stored.bytes(at: 3000, count: 10), Array(Self.text[3000..<3010]), "decoding goes on")
            XCTAssertGreaterThanOrEqual(cache.block(0, size: 4096).decoded, 3010)
            XCTAssertEqual(cache.blocks, [0])
            _ = stored.bytes(at: 4090, count: 10)     // blocks 0 and 1
            XCTAssertEqual(cache.blocks, [1, 0])
            for b in 2..<(2 + StoredTextCache.capacity) { _ = stored.bytes(at: UInt64(b * 4096), count: 1) }
            XCTAssertEqual(cache.blocks.count, StoredTextCache.capacity)
            XCTAssertFalse(cache.blocks.contains(0), "the least recently used block goes first")
            XCTAssertEqual(cache.blocks.first, 1 + StoredTextCache.capacity)
        }
    }

    func testConcurrentReadsAgree() throws {
        let section = StoredText.encode(Self.text, blockSize: 2048)
        try section.withUnsafeBytes { buffer in
            let stored = try StoredText(buffer)
            let text = Self.text
            let wrong = Atomic<Int>(0)
            DispatchQueue.concurrentPerform(iterations: 4) { worker in
                var g = SplitMix64(seed: UInt64(worker))
                for _ in 0..<2000 {
                    let lo = Int(g.next() % UInt64(text.count - 3000)), n = Int(g.next() % 3000)
                    if stored.bytes(at: UInt64(lo), count: n) != Array(text[lo..<(lo + n)]) { wrong.add(1, ordering: .relaxed) }
                }
            }
            XCTAssertEqual(wrong.load(ordering: .relaxed), 0)
        }
    }

    /// A built index: every passage reads back as the text it was built from
    /// (as in a cue-by-cue join), the section is smaller than the text, and
    /// a reopened file gives the same.
    func testIndexPassagesReadBack() throws {
        let collection = SyntheticCorpus.collection(interviews: 6, cuesEach: 300, seed: 5)
        let index = SearchIndex(building: [collection])
        let reopened = try StorageFixtures.open(StorageFixtures.bytes(index), verify: true)
        var expected: [String] = []
        for interview in collection.interviews {
            for range in PassageSegmenter(wordBudget: index.reader.passageWords).passages(of: interview.cues) {
                expected.append(interview.cues[range].map(\.text).joined(separator: " "))
            }
        }
        XCTAssertEqual(expected.count, index.documentCount)
        let total = expected.reduce(0) { $0 + $1.utf8.count }
        XCTAssertGreaterThan(total, 2 * StoredText.blockSize, "the fixture spans several blocks")
        for (d, text) in expected.enumerated() {
            XCTAssertEqual(index.reader.text(of: index.reader.document(d)), text)
            XCTAssertEqual(reopened.reader.text(of: reopened.reader.document(d)), text)
        }
        let section = index.reader.section(.storedText).count
        XCTAssertLessThan(section, total / 2 + 1024)
    }
}
