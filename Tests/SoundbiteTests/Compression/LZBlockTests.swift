import Foundation
import XCTest
@testable import Soundbite
import SoundbiteTestSupport

/// The stored-text block codec: round trips on invented text, random bytes
/// and repetitive runs; hand-written blocks for every kind of damage; every
/// truncation and many mutations of real blocks end in an error or a
/// decode, never a trap.
final class LZBlockTests: XCTestCase {
    /// English-like text from an invented vocabulary: words, commas, full stops,
    /// speaker-ish repetitions, as a transcript block would hold.
    static func prose(bytes: Int, seed: UInt64) -> [UInt8] {
        let words = ["the", "a", "we", "kept", "ledger", "harbour", "morning", "said", "and", "then", "because",
                     "Orla", "Benedikt", "ferry", "timetable", "you", "know", "I", "think", "it", "was", "winter",
                     "grandmother", "bakery", "of", "to", "in", "that", "really", "so", "well", "umbrella"]
        var g = SplitMix64(seed: seed)
        var out: [UInt8] = []
        while out.count < bytes {
            let w = words[Int(g.next() % UInt64(words.count))]
            out.append(contentsOf: w.utf8)
            switch g.next() % 12 {
            case 0: out.append(contentsOf: ". ".utf8)
            case 1: out.append(contentsOf: ", ".utf8)
            default: out.append(0x20)
            }
        }
        return Array(out.prefix(bytes))
    }

    static func random(bytes: Int, seed: UInt64) -> [UInt8] {
        var g = SplitMix64(seed: seed)
        return (0..<bytes).map { _ in UInt8(truncatingIfNeeded: g.next()) }
    }

    func roundTrip(_ input: [UInt8], maxChain: Int = 24, file: StaticString = #filePath, line: UInt = #line) throws -> Int {
        var encoder = LZBlockEncoder(maxChain: maxChain)
        let block = encoder.compress(input)
        let back = try block.withUnsafeBytes { try LZBlock.decompress($0, count: input.count) }
        XCTAssertEqual(back, input, "round trip of \(input.count) bytes", file: file, line: line)
        return block.count
    }

    func testRoundTripsProse() throws {
        for (size, seed) in [(1, 1), (3, 2), (4, 3), (5, 4), (17, 5), (100, 6), (4096, 7), (32768, 8), (200_000, 9)] {
            let text = Self.prose(bytes: size, seed: UInt64(seed))
            let packed = try roundTrip(text)
            if size >= 4096 { XCTAssertLessThan(packed * 2, size, "prose of \(size) bytes compresses at least 2×") }
        }
    }

    func testRoundTripsRandomBytes() throws {
        for (size, seed) in [(0, 1), (1, 2), (15, 3), (16, 4), (31, 5), (270, 6), (65_536, 7), (70_000, 8)] {
            let bytes = Self.random(bytes: size, seed: UInt64(seed))
            let packed = try roundTrip(bytes)
            // Incompressible: one token and a length extension per long literal run, no more.
            XCTAssertLessThanOrEqual(packed, size + 8 + size / 100)
        }
    }

    func testRoundTripsRunsAndOverlaps() throws {
        // Offset-1 runs, short periods (overlapping matches), long matches
        // with length extensions, matches at the window's far edge.
        XCTAssertLessThan(try roundTrip([UInt8](repeating: 0x61, count: 100_000)), 600)
        for period in 1...20 {
            let unit = Self.random(bytes: period, seed: UInt64(period))
            let bytes = (0..<5000).map { unit[$0 % period] }
            _ = try roundTrip(bytes)
        }
        let chunk = Self.random(bytes: 1000, seed: 99)
        let far = chunk + Self.random(bytes: LZBlock.maxOffset - 1000, seed: 100) + chunk
        _ = try roundTrip(far)
        let beyond = chunk + Self.random(bytes: LZBlock.maxOffset + 10, seed: 101) + chunk
        _ = try roundTrip(beyond)
        for chain in [1, 4, 64] { _ = try roundTrip(Self.prose(bytes: 50_000, seed: 3), maxChain: chain) }
    }

    /// Decoding in steps (as the stored-text cache does) gives the bytes of a
    /// whole decode, and still finds damage met on the way.
    func testResumedDecodingMatchesAWholeDecode() throws {
        let text = Self.prose(bytes: 20_000, seed: 41)
        var encoder = LZBlockEncoder()
        let block = encoder.compress(text)
        var g = SplitMix64(seed: 8)
        for _ in 0..<20 {
            var out = [UInt8](repeating: 0, count: text.count)
            var cursor = LZBlock.Cursor()
            var target = 0
            try block.withUnsafeBytes { input in
                try out.withUnsafeMutableBytes { output in
                    while cursor.output < text.count {
                        target = min(text.count, target + 1 + Int(g.next() % 3000))
                        try LZBlock.decompress(input, into: output, resuming: &cursor, until: target)
                        XCTAssertGreaterThanOrEqual(cursor.output, target)
                        XCTAssertEqual(Array(output[0..<target]), Array(text[0..<target]))
                    }
                }
            }
            XCTAssertEqual(cursor.input, block.count)
            XCTAssertEqual(out, text)
        }
        let cut = Array(block.prefix(block.count / 2))
        var out = [UInt8](repeating: 0, count: text.count)
        var cursor = LZBlock.Cursor()
        XCTAssertThrowsError(try cut.withUnsafeBytes { input in
            try out.withUnsafeMutableBytes { try LZBlock.decompress(input, into: $0, resuming: &cursor, until: text.count) }
        })
    }

    func testEncoderIsReusableAndDeterministic() throws {
        var encoder = LZBlockEncoder()
        let a = Self.prose(bytes: 40_000, seed: 11), b = Self.prose(bytes: 9_000, seed: 12)
        let first = encoder.compress(a)
        _ = encoder.compress(b)
        XCTAssertEqual(encoder.compress(a), first, "stale tables from another block must not change the output")
        var fresh = LZBlockEncoder()
        XCTAssertEqual(fresh.compress(a), first)
    }

    /// The fuzz seeds were written by a separate, greedy encoder following
    /// FORMAT.md (size u16 · block): the decoder reads them as that format says.
    func testBlocksFromAnotherEncoderDecode() throws {
        let seeds = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Fuzz/Seeds/lz")
        func decode(_ name: String) throws -> String {
            let bytes = [UInt8](try Data(contentsOf: seeds.appendingPathComponent(name)))
            let size = Int(bytes[0]) | Int(bytes[1]) << 8
            let out = try Array(bytes.dropFirst(2)).withUnsafeBytes { try LZBlock.decompress($0, count: size) }
            return String(decoding: out, as: UTF8.self)
        }
        XCTAssertTrue(try decode("prose").hasPrefix("The ferry left the harbour at dawn, and the ferry came back"))
        XCTAssertEqual(try decode("runs"), String(repeating: "a", count: 300) + "abcabcabcabcabc" + String(repeating: "-", count: 40))
        XCTAssertEqual(try decode("short"), "hi")
        XCTAssertEqual(try decode("empty"), "")
    }

    func reason(_ block: [UInt8], count: Int, file: StaticString = #filePath, line: UInt = #line) -> LZBlockError.Reason? {
        do {
            let out = try block.withUnsafeBytes { try LZBlock.decompress($0, count: count) }
            XCTFail("decoded \(out.count) bytes; expected an error", file: file, line: line)
            return nil
        } catch let error as LZBlockError {
            return error.reason
        } catch {
            XCTFail("unexpected error \(error)", file: file, line: line)
            return nil
        }
    }

    func testHandWrittenBlocks() throws {
        // "abcabcabcab": 3 literals, then a match of 8 at offset 3.
        let good: [UInt8] = [0x34, 0x61, 0x62, 0x63, 0x03, 0x00]
        XCTAssertEqual(try good.withUnsafeBytes { try LZBlock.decompress($0, count: 11) }, Array("abcabcabcab".utf8))
        // A literal run of 20 through the extension.
        let long: [UInt8] = [0xF0, 0x05] + [UInt8](repeating: 0x7A, count: 20)
        XCTAssertEqual(try long.withUnsafeBytes { try LZBlock.decompress($0, count: 20) }, [UInt8](repeating: 0x7A, count: 20))

        XCTAssertEqual(reason([], count: 1), .truncated)
        XCTAssertEqual(reason([0x30, 0x61], count: 3), .truncated, "literals cut short")
        XCTAssertEqual(reason([0x30, 0x61, 0x62, 0x63], count: 2), .outputOverrun)
        XCTAssertEqual(reason([0x10, 0x61, 0x00, 0x00], count: 9), .badOffset, "offset 0")
        XCTAssertEqual(reason([0x10, 0x61, 0x02, 0x00], count: 9), .badOffset, "before the block's start")
        XCTAssertEqual(reason([0x14, 0x61, 0x01, 0x00], count: 5), .outputOverrun, "match of 8 into 4 bytes")
        XCTAssertEqual(reason([0x10, 0x61, 0x01], count: 5), .truncated, "half an offset")
        XCTAssertEqual(reason([0xF0, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01], count: 100), .badLength)
        XCTAssertEqual(reason([0xF0], count: 100), .truncated, "extension missing")
        XCTAssertEqual(reason([0x10, 0x61, 0x00], count: 1), .trailingBytes)
        XCTAssertEqual(reason([0x11, 0x61], count: 1), .trailingBytes, "a match nibble on the last literals")
        XCTAssertEqual(reason([0x00], count: 0), .trailingBytes)
        XCTAssertEqual(try [UInt8]().withUnsafeBytes { try LZBlock.decompress($0, count: 0) }, [])
        // A huge extension is checked against the output, not trusted.
        XCTAssertEqual(reason([0xF0, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F], count: 10), .truncated)
        XCTAssertEqual(reason([0x1F, 0x61, 0x01, 0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F], count: 10), .outputOverrun)
    }

    /// Damaged real blocks: every cut, and bytes flipped at random, decode or
    /// fail cleanly (the fuzz target `lz` does this at scale under ASan).
    func testDamagedBlocksNeverTrap() throws {
        let text = Self.prose(bytes: 3000, seed: 21)
        var encoder = LZBlockEncoder()
        let block = encoder.compress(text)
        for cut in 0..<block.count {
            XCTAssertNotNil(reason(Array(block.prefix(cut)), count: text.count), "cut at \(cut)")
        }
        var g = SplitMix64(seed: 5)
        var failures = 0
        for _ in 0..<2000 {
            var damaged = block
            for _ in 0..<(1 + Int(g.next() % 3)) {
                damaged[Int(g.next() % UInt64(damaged.count))] = UInt8(truncatingIfNeeded: g.next())
            }
            let count = g.next() % 4 == 0 ? Int(g.next() % 6000) : text.count
            do { _ = try damaged.withUnsafeBytes { try LZBlock.decompress($0, count: count) } } catch { failures += 1 }
        }
        XCTAssertGreaterThan(failures, 0)
    }
}
