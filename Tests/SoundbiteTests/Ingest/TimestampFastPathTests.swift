import XCTest
@testable import Soundbite

/// `Timestamp.parse(utf8:)` reads the two common forms (`hh:mm:ss.ttt`,
/// `mm:ss.ttt`) by a fast path when its bytes are contiguous; a lazy
/// sequence of the same bytes takes the general reading. Both must give the
/// same seconds (bit for bit), irregularity and overflow, for forms in and
/// near the common ones.
final class TimestampFastPathTests: XCTestCase {
    func testTheFastPathAgreesWithTheGeneralReading() {
        var rng = SyntheticCorpus.RNG(state: 17)
        let pieces = ["0", "00", "07", "59", "60", "99", "123", "9"]
        var checked = 0
        for _ in 0..<20_000 {
            let hours = rng.next() % 3 == 0 ? "" : pieces[Int(rng.next() % 8)] + ":"
            let separator = ["." , ",", ":", ";"][Int(rng.next() % 4)]
            let text = hours + pieces[Int(rng.next() % 8)] + ":" + pieces[Int(rng.next() % 8)] + separator
                + ["000", "999", "5", "0500", "123"][Int(rng.next() % 5)]
            let bytes = Array(text.utf8)
            for strict in [UInt8(ascii: "."), UInt8(ascii: ",")] {
                let fast = Timestamp.parse(utf8: bytes, strictSeparator: strict)
                let general = Timestamp.parse(utf8: bytes.lazy.map { $0 }, strictSeparator: strict)
                XCTAssertEqual(fast?.seconds.bitPattern, general?.seconds.bitPattern, text)
                XCTAssertEqual(fast?.irregular, general?.irregular, text)
                XCTAssertEqual(fast?.overflowed, general?.overflowed, text)
                if fast != nil { checked += 1 }
            }
        }
        XCTAssertGreaterThan(checked, 1_000, "most texts are timestamps")
    }
}
