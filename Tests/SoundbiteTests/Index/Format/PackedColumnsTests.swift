import XCTest
@testable import Soundbite

/// The frame-of-reference, bit-packed column blocks behind `docs`, `cues` and
/// `termInfo` (format 4): every width from 0 to 64 round-trips, blocks are
/// independent, damaged headers are refused at open.
final class PackedColumnsTests: XCTestCase {
    /// A deterministic generator (SplitMix64), so a failure repeats.
    private struct Mix {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// Rows whose column `c` spans `c * 9 % 65` bits around a base, the last column
    /// constant, over several blocks and a partial last one.
    private func rows(_ n: Int, columns: Int, seed: UInt64) -> [[UInt64]] {
        var mix = Mix(state: seed)
        let bases = (0..<columns).map { _ in mix.next() }
        return (0..<n).map { _ in
            (0..<columns).map { c in
                let width = c == columns - 1 ? 0 : (c * 9 + Int(seed)) % 65
                let spread = width == 64 ? mix.next() : width == 0 ? 0 : mix.next() & ((1 << UInt64(width)) - 1)
                return bases[c] &+ spread
            }
        }
    }

    private func encode(_ rows: [[UInt64]], columns: Int) -> [UInt8] {
        PackedColumns.encode(rows: rows.count, columns: columns) { rows[$0][$1] }
    }

    func testEveryWidthRoundTripsAcrossBlocks() throws {
        for (n, columns, seed) in [(0, 3, 1), (1, 1, 2), (127, 4, 3), (128, 8, 4), (129, 5, 5), (1_000, 9, 6), (300, 2, 64)] {
            let rows = rows(n, columns: columns, seed: UInt64(seed))
            let bytes = encode(rows, columns: columns)
            try bytes.withUnsafeBytes { b in
                let table = try PackedColumns(b, rows: n, columns: columns, name: "test")
                for r in 0..<n { for c in 0..<columns { XCTAssertEqual(table.value(c, row: r), rows[r][c], "row \(r) column \(c)") } }
                XCTAssertEqual(table.value(0, row: n), 0)
                XCTAssertEqual(table.value(0, row: -1), 0)
                XCTAssertEqual(table.value(columns, row: 0), 0)
                // A run of one column, across blocks and past either end, reads what each value reads.
                for c in [0, columns - 1, columns] {
                    for range in [0..<n, (n / 3)..<(n / 3 + 200), -2..<min(n, 3), max(0, n - 3)..<(n + 2)] {
                        var run: [UInt64] = []
                        table.forEach(c, rows: range) { run.append($0) }
                        XCTAssertEqual(run, range.map { table.value(c, row: $0) }, "column \(c) rows \(range)")
                    }
                }
            }
        }
    }

    func testEachBlockTakesItsOwnWidths() throws {
        // Block 0 holds small values, block 1 large ones: block 0 packs at 3 bits, block 1 at
        // 39 (128 << 32 … 255 << 32 less its base 128 << 32), not 40.
        let rows = (0..<256).map { r in [r < 128 ? UInt64(r % 8) : UInt64(r) << 32] }
        let bytes = encode(rows, columns: 1)
        let header = PackedColumns.headerSize(columns: 1)
        XCTAssertEqual(bytes.count, 2 * header + 128 * 3 / 8 + 128 * 39 / 8)
        XCTAssertEqual(bytes[4], 3)
        XCTAssertEqual(bytes[header + 4], 39)
    }

    func testAnEncoderFedRowByRowWritesTheSameBytes() {
        let rows = rows(777, columns: 6, seed: 7)
        var encoder = PackedColumns.Encoder(columns: 6)
        for r in rows { encoder.append(r) }
        XCTAssertEqual(encoder.finish(), encode(rows, columns: 6))
    }

    func testDamagedOrMissizedSectionsAreRefused() throws {
        let rows = rows(300, columns: 3, seed: 9)
        let bytes = encode(rows, columns: 3)
        func open(_ b: [UInt8], rows n: Int = 300) throws {
            try b.withUnsafeBytes { _ = try PackedColumns($0, rows: n, columns: 3, name: "test") }
        }
        XCTAssertNoThrow(try open(bytes))
        XCTAssertThrowsError(try open(Array(bytes.dropLast())))
        XCTAssertThrowsError(try open(bytes + [0]))
        XCTAssertThrowsError(try open(bytes, rows: 299))
        XCTAssertThrowsError(try open(bytes, rows: 301))
        XCTAssertThrowsError(try open([], rows: 1))
        XCTAssertNoThrow(try open([], rows: 0))
        let header = PackedColumns.headerSize(columns: 3)
        var wide = bytes
        wide[header + 4] = 65
        XCTAssertThrowsError(try open(wide)) { XCTAssertTrue("\($0)".contains("test section has a damaged block header")) }
        var moved = bytes
        moved[header] &+= 1
        XCTAssertThrowsError(try open(moved))
    }

    func testByteRangesCoverTheHeadersAndBitsOfTheRows() throws {
        let rows = rows(300, columns: 2, seed: 11)
        let bytes = encode(rows, columns: 2)
        try bytes.withUnsafeBytes { b in
            let table = try PackedColumns(b, rows: 300, columns: 2, name: "test")
            let header = PackedColumns.headerSize(columns: 2)
            let all = table.byteRanges(rows: 0..<300)
            XCTAssertEqual(all.headers, 0..<(3 * header))
            XCTAssertEqual(all.data, (3 * header)..<bytes.count)
            let middle = table.byteRanges(rows: 130..<131)
            XCTAssertEqual(middle.headers, header..<(2 * header))
            XCTAssertTrue(middle.data.lowerBound > 3 * header && middle.data.upperBound < bytes.count)
            XCTAssertTrue(table.byteRanges(rows: 0..<0).data.isEmpty)
            XCTAssertTrue(table.byteRanges(rows: 299..<301).data.isEmpty)
        }
    }
}
