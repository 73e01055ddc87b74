import XCTest
@testable import Soundbite
import SoundbiteTestSupport

/// ``PostingCursor/positions(into:)`` with a ``PositionBuffer`` (the phrase
/// matcher's read) gives exactly what the array form gives, for every
/// posting of terms whose tf runs from 1 to hundreds (chunks of 128 crossed,
/// the buffer grown), read in order, skipped over, and after `advance`.
final class PositionBufferTests: XCTestCase {
    func testBufferAndArrayReadsAgree() {
        var rng = SplitMix64(seed: 99)
        let terms = [(300, 3, 300), (1_000, 5, 4), (129, 40, 900)].map {
            PostingsTests.randomTerm(df: $0.0, maxGap: UInt64($0.1), maxTF: UInt64($0.2), rng: &rng)
        }
        let e = PostingsTests.encode(terms)
        for (k, t) in terms.enumerated() {
            PostingsTests.withCursor(e, term: k) { cursor in
                var buffer = PositionBuffer(capacity: 1)
                defer { buffer.deallocate() }
                var array: [UInt32] = []
                var seen = 0, offset = 0
                var skip = false
                while cursor.doc != PostingCursor.noMoreDocs {
                    let i = t.docs.firstIndex(of: cursor.doc)!
                    offset = t.tfs[..<i].reduce(0) { $0 + Int($1) }
                    if !skip {
                        cursor.positions(into: &buffer)
                        cursor.positions(into: &array)
                        XCTAssertEqual(Array(buffer.values), array, "term \(k) doc \(cursor.doc)")
                        // The stored values are a first position then deltas.
                        var expected: [UInt32] = []
                        for j in 0..<Int(t.tfs[i]) {
                            let v = t.positions[offset + j]
                            expected.append(v)
                        }
                        XCTAssertEqual(array, expected, "term \(k) doc \(cursor.doc)")
                        seen += 1
                    }
                    skip = rng.next() % 3 == 0
                    if rng.next() % 5 == 0 { cursor.advance(to: cursor.doc + 1 + UInt32(rng.next() % 20)) } else { cursor.next() }
                }
                XCTAssertFalse(cursor.isCorrupt)
                XCTAssertGreaterThan(seen, 10)
            }
        }
    }
}
