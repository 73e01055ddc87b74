import Foundation
import XCTest
@testable import Soundbite
import SoundbiteTestSupport

/// The DEFLATE decoder against streams made by zlib (committed fixtures at
/// several levels and strategies: stored, fixed and dynamic blocks) and
/// against hand-written streams for every kind of damage.
final class InflaterTests: XCTestCase {
    /// `Tests/SoundbiteTests/Fixtures/Deflate`.
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/Deflate")

    /// Every `NAME.SETTINGS.deflate` fixture with the bytes of its `NAME.bin`.
    static func zlibStreams() throws -> [(name: String, stream: [UInt8], original: [UInt8])] {
        let names = try FileManager.default.contentsOfDirectory(atPath: fixtures.path)
            .filter { $0.hasSuffix(".deflate") }.sorted()
        return try names.map { name in
            let base = String(name[..<name.firstIndex(of: ".")!])
            return (name, try [UInt8](Data(contentsOf: fixtures.appendingPathComponent(name))),
                    try [UInt8](Data(contentsOf: fixtures.appendingPathComponent(base + ".bin"))))
        }
    }

    func inflate(_ bytes: [UInt8], limit: Int = 1 << 24) throws(DeflateError) -> [UInt8] {
        try Inflater.inflate(bytes, limit: limit).bytes
    }

    /// The reason of the error `bytes` must fail with.
    func reason(_ bytes: [UInt8], limit: Int = 1 << 24, file: StaticString = #filePath, line: UInt = #line)
        -> DeflateError.Reason? {
        do {
            let out = try inflate(bytes, limit: limit)
            XCTFail("decoded \(out.count) bytes; expected an error", file: file, line: line)
            return nil
        } catch {
            return error.reason
        }
    }

    // MARK: - zlib's streams

    func testEveryZlibStreamDecodesToItsOriginal() throws {
        let streams = try Self.zlibStreams()
        XCTAssertGreaterThanOrEqual(streams.count, 60)
        for (name, stream, original) in streams {
            let result = try Inflater.inflate(stream, limit: original.count)
            XCTAssertEqual(result.bytes.count, original.count, name)
            XCTAssertTrue(result.bytes == original, "\(name) differs from its original")
            XCTAssertEqual(result.consumed, stream.count, name)
            XCTAssertEqual(CRC32.zip.checksum(result.bytes), CRC32.zip.checksum(original), name)
        }
    }

    /// The fixtures cover the three block types: level 0 is stored blocks,
    /// Z_FIXED fixed blocks, the rest dynamic (first block's type bits).
    func testFixturesCoverEveryBlockType() throws {
        var types = Set<UInt8>()
        for (_, stream, _) in try Self.zlibStreams() where !stream.isEmpty { types.insert(stream[0] >> 1 & 3) }
        XCTAssertEqual(types, [0, 1, 2])
    }

    func testTrailingBytesAreNotConsumed() throws {
        let (_, stream, original) = try Self.zlibStreams().first { $0.name == "text.6-default.deflate" }!
        let result = try Inflater.inflate(stream + [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], limit: 1 << 20)
        XCTAssertTrue(result.bytes == original)
        XCTAssertEqual(result.consumed, stream.count)
    }

    func testEveryPrefixIsRefusedAsTruncated() throws {
        for name in ["text.6-default.deflate", "text.6-fixed.deflate", "mixed.0-default.deflate",
                     "runs.9-default.deflate", "utf8.6-huffman.deflate", "mixed.6-flushed.deflate"] {
            let (_, stream, _) = try Self.zlibStreams().first { $0.name == name }!
            let step = max(1, stream.count / 150)
            for cut in Array(stride(from: 0, to: stream.count, by: step)) + Array(max(0, stream.count - 40)..<stream.count) {
                let r = reason(Array(stream[0..<cut]))
                // Most cuts end mid-code; a cut inside a stored block's header may read as a bad length.
                XCTAssertTrue(r == .truncated || r == .storedLengthMismatch || cut == 0, "\(name) cut at \(cut): \(String(describing: r))")
            }
        }
    }

    func testTheLimitIsExact() throws {
        let (_, stream, original) = try Self.zlibStreams().first { $0.name == "runs.9-default.deflate" }!
        XCTAssertTrue(try inflate(stream, limit: original.count) == original)
        XCTAssertEqual(reason(stream, limit: original.count - 1), .outputLimit(original.count - 1))
        XCTAssertEqual(reason(stream, limit: 0), .outputLimit(0))
        let (_, stored, storedOriginal) = try Self.zlibStreams().first { $0.name == "text.0-default.deflate" }!
        XCTAssertEqual(reason(stored, limit: storedOriginal.count - 1), .outputLimit(storedOriginal.count - 1))
    }

    // MARK: - Hand-written streams

    func testFixedBlockWithOverlappingMatches() throws {
        var w = DeflateStreamWriter()
        w.header(final: true, type: 1)
        for b in Array("ab".utf8) { w.fixedSymbol(Int(b)) }
        w.fixedMatch(length: 10, distance: 2)      // overlapping: abababababab
        w.fixedSymbol(Int(UInt8(ascii: "c")))
        w.fixedMatch(length: 258, distance: 1)     // 258 c's from one
        w.fixedMatch(length: 13, distance: 13)     // distance ≥ 8, not overlapping
        w.fixedSymbol(256)
        var expected = Array("ab".utf8)
        for _ in 0..<5 { expected += Array("ab".utf8) }
        expected += [UInt8](repeating: UInt8(ascii: "c"), count: 259)
        expected += expected.suffix(13)
        XCTAssertEqual(try inflate(w.bytes), expected)
    }

    func testEveryLengthAndDistanceCode() throws {
        // 40 000 literals of a known pattern, then matches of every length code
        // at every distance code, checked against a direct reference.
        var w = DeflateStreamWriter()
        w.header(final: true, type: 1)
        var expected: [UInt8] = []
        var rng = SplitMix64(state: 5)
        for _ in 0..<33_000 {
            let b = UInt8(truncatingIfNeeded: rng.next() % 200)
            w.fixedSymbol(Int(b))
            expected.append(b)
        }
        for (i, distance) in (DeflateStreamWriter.distanceBases + [32768, 24576, 3, 7, 8, 9]).enumerated() {
            for length in DeflateStreamWriter.lengthBases + [258, 257, 4 + i % 7, 130] {
                w.fixedMatch(length: length, distance: distance)
                for _ in 0..<length { expected.append(expected[expected.count - distance]) }
            }
        }
        w.fixedSymbol(256)
        XCTAssertTrue(try inflate(w.bytes) == expected)
    }

    func testSeveralBlocksOfEveryType() throws {
        var w = DeflateStreamWriter()
        w.storedBlock(Array("stored ".utf8), final: false)
        w.fixedBlock(Array("fixed ".utf8), final: false)
        w.storedBlock([], final: false)
        w.header(final: true, type: 1)
        w.fixedMatch(length: 13, distance: 13)
        w.fixedSymbol(256)
        XCTAssertEqual(String(decoding: try inflate(w.bytes), as: UTF8.self), "stored fixed stored fixed ")
    }

    func testEmptyInputIsTruncated() {
        XCTAssertEqual(reason([]), .truncated)
    }

    func testReservedBlockType() {
        var w = DeflateStreamWriter()
        w.header(final: true, type: 3)
        XCTAssertEqual(reason(w.bytes), .reservedBlockType)
    }

    func testStoredLengthMismatch() {
        var w = DeflateStreamWriter()
        w.header(final: true, type: 0)
        w.align()
        w.bits(5, 16)
        w.bits(5, 16)
        w.bits(0x41_4141, 24)
        XCTAssertEqual(reason(w.bytes), .storedLengthMismatch)
    }

    func testStoredBlockLongerThanTheInput() {
        var w = DeflateStreamWriter()
        w.storedBlock(Array("twelve bytes".utf8), final: true)
        XCTAssertEqual(reason(Array(w.bytes.dropLast(3))), .truncated)
    }

    func testFixedSymbolsThatMustNotOccur() {
        for symbol in [286, 287] {
            var w = DeflateStreamWriter()
            w.header(final: true, type: 1)
            w.fixedSymbol(symbol)
            w.bits(0, 16)
            XCTAssertEqual(reason(w.bytes), .invalidCode, "symbol \(symbol)")
        }
        for distanceCode in [30, 31] {
            var w = DeflateStreamWriter()
            w.header(final: true, type: 1)
            w.fixedSymbol(65)
            w.fixedSymbol(257)
            w.code(distanceCode, 5)
            w.bits(0, 16)
            XCTAssertEqual(reason(w.bytes), .invalidCode, "distance code \(distanceCode)")
        }
    }

    func testDistanceBeforeTheStart() {
        var w = DeflateStreamWriter()
        w.header(final: true, type: 1)
        w.fixedSymbol(65)
        w.fixedSymbol(66)
        w.fixedMatch(length: 3, distance: 3)
        w.fixedSymbol(256)
        XCTAssertEqual(reason(w.bytes), .distanceTooFar)
    }

    func testZipBombStopsAtTheLimit() {
        // One literal and then 258-byte repeats at 13 bits each: 4 000 000
        // matches (~6.5 MB of stream) would inflate to ~1 GB.
        var w = DeflateStreamWriter()
        w.header(final: true, type: 1)
        w.fixedSymbol(0)
        for _ in 0..<40_000 { w.fixedMatch(length: 258, distance: 1) }
        w.fixedSymbol(256)
        XCTAssertEqual(reason(w.bytes, limit: 1_000_000), .outputLimit(1_000_000))
        XCTAssertEqual(try inflate(w.bytes, limit: 40_000 * 258 + 1).count, 40_000 * 258 + 1)
    }

    /// A dynamic block header: counts, then the code-length code lengths in
    /// the transmission order, then code-length symbols with their extra bits.
    func dynamicBlock(literals: Int, distances: Int, codeLengthLengths: [Int],
                      symbols: (inout DeflateStreamWriter) -> Void) -> [UInt8] {
        var w = DeflateStreamWriter()
        w.header(final: true, type: 2)
        w.bits(literals - 257, 5)
        w.bits(distances - 1, 5)
        w.bits(codeLengthLengths.count - 4, 4)
        for l in codeLengthLengths { w.bits(l, 3) }
        symbols(&w)
        w.bits(0, 32)
        return w.bytes
    }

    func testDynamicBlockWrittenByHand() throws {
        // Code-length code: symbols 1, 2, 18 with lengths 2, 2, 1
        // (canonical codes 18 → 0, 1 → 10, 2 → 11). Literal/length lengths:
        // 'a' (97) and 256 get 1 bit each; distance: one code of length 1.
        let order = Inflater.codeLengthOrder
        var lengths = [Int](repeating: 0, count: 19)
        lengths[1] = 2; lengths[2] = 2; lengths[18] = 1
        let sent = Array(order.map { lengths[$0] }.prefix(18))  // up to symbol 1 in the order
        let bytes = dynamicBlock(literals: 257, distances: 1, codeLengthLengths: sent) { w in
            w.code(0, 1); w.bits(97 - 11, 7)          // 97 zeros
            w.code(2, 2)                              // 'a': length 1
            w.code(0, 1); w.bits(138 - 11, 7)         // 138 zeros
            w.code(0, 1); w.bits(20 - 11, 7)          // 20 zeros (up to 255)
            w.code(2, 2)                              // 256: length 1
            w.code(2, 2)                              // distance 0: length 1
            // Data: 'a' is code 0, end-of-block is code 1.
            w.code(0, 1); w.code(0, 1); w.code(0, 1); w.code(1, 1)
        }
        XCTAssertEqual(try inflate(bytes), Array("aaa".utf8))
    }

    func testDynamicHeadersThatAreRefused() {
        let order = Inflater.codeLengthOrder
        func sent(_ pairs: [Int: Int]) -> [Int] {
            var lengths = [Int](repeating: 0, count: 19)
            for (s, l) in pairs { lengths[s] = l }
            return order.map { lengths[$0] }
        }
        // HLIT of 287 and 288, HDIST of 31 and 32.
        XCTAssertEqual(reason(dynamicBlock(literals: 287, distances: 1, codeLengthLengths: sent([:])) { _ in }), .tooManyCodes)
        XCTAssertEqual(reason(dynamicBlock(literals: 288, distances: 1, codeLengthLengths: sent([:])) { _ in }), .tooManyCodes)
        XCTAssertEqual(reason(dynamicBlock(literals: 257, distances: 31, codeLengthLengths: sent([:])) { _ in }), .tooManyCodes)
        // Code-length code over-subscribed (three codes of length 1), and incomplete (one of length 2).
        XCTAssertEqual(reason(dynamicBlock(literals: 257, distances: 1, codeLengthLengths: sent([0: 1, 1: 1, 2: 1])) { _ in }),
                       .invalidCodeLengths("code length"))
        XCTAssertEqual(reason(dynamicBlock(literals: 257, distances: 1, codeLengthLengths: sent([1: 2])) { _ in }),
                       .invalidCodeLengths("code length"))
        // (Canonical codes: among equal lengths the smaller symbol gets the
        // smaller code, so with lengths {1: 1, X: 1} symbol 1 is 0 and X is 1.)
        // Repeat-previous (16) as the first symbol.
        XCTAssertEqual(reason(dynamicBlock(literals: 257, distances: 1, codeLengthLengths: sent([16: 1, 1: 1])) { w in
            w.code(1, 1); w.bits(0, 2)
        }), .invalidLengthRepeat)
        // A zero run (18) past the 258 lengths declared.
        XCTAssertEqual(reason(dynamicBlock(literals: 257, distances: 1, codeLengthLengths: sent([18: 1, 1: 1])) { w in
            w.code(1, 1); w.bits(127, 7)
            w.code(1, 1); w.bits(127, 7)
        }), .invalidLengthRepeat)
        // No code for end of block: 257 literal/length lengths of zero, one distance of 1.
        XCTAssertEqual(reason(dynamicBlock(literals: 257, distances: 1, codeLengthLengths: sent([18: 1, 1: 1])) { w in
            w.code(1, 1); w.bits(138 - 11, 7)
            w.code(1, 1); w.bits(119 - 11, 7)
            w.code(0, 1)
        }), .missingEndOfBlock)
        // Literal/length code over-subscribed: three lengths of 1 (symbols 0, 1 and 256).
        XCTAssertEqual(reason(dynamicBlock(literals: 257, distances: 1, codeLengthLengths: sent([18: 1, 1: 1])) { w in
            w.code(0, 1); w.code(0, 1)
            w.code(1, 1); w.bits(138 - 11, 7)
            w.code(1, 1); w.bits(116 - 11, 7)
            w.code(0, 1); w.code(0, 1)
        }), .invalidCodeLengths("literal/length"))
        // A complete literal/length code (symbols 0 and 256, one bit each) but
        // one distance code of length 2: incomplete, refused (only a single
        // code of length 1 may be). Codes: 18 → 0, 1 → 10, 2 → 11.
        XCTAssertEqual(reason(dynamicBlock(literals: 257, distances: 1, codeLengthLengths: sent([18: 1, 1: 2, 2: 2])) { w in
            w.code(2, 2)
            w.code(0, 1); w.bits(138 - 11, 7)
            w.code(0, 1); w.bits(117 - 11, 7)
            w.code(2, 2); w.code(3, 2)
        }), .invalidCodeLengths("distance"))
    }

    /// Deterministic garbage and damaged zlib streams: each decodes or fails
    /// with an error; none traps or loops.
    func testGarbageNeverTraps() throws {
        var rng = SplitMix64(state: 77)
        let streams = try Self.zlibStreams().map(\.stream).filter { $0.count > 8 }
        var failures = 0
        for round in 0..<1500 {
            var bytes: [UInt8]
            if round % 2 == 0 {
                bytes = (0..<Int(rng.next() % 300)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            } else {
                bytes = streams[Int(rng.next() % UInt64(streams.count))]
                for _ in 0..<(1 + Int(rng.next() % 4)) {
                    bytes[Int(rng.next() % UInt64(bytes.count))] ^= UInt8(truncatingIfNeeded: 1 + rng.next() % 255)
                }
            }
            do { _ = try inflate(bytes, limit: 1 << 20) } catch { failures += 1; _ = error.description }
        }
        XCTAssertGreaterThan(failures, 700)
    }

    func testErrorsNameTheByte() {
        var w = DeflateStreamWriter()
        w.storedBlock(Array("12345678".utf8), final: false)
        w.header(final: true, type: 3)
        do {
            _ = try inflate(w.bytes)
            XCTFail("decoded")
        } catch {
            XCTAssertEqual(error.offset, 13)
            XCTAssertEqual(error.description, "DEFLATE: a block has the reserved type 3 (compressed byte 13)")
        }
    }
}
