import XCTest
@testable import Soundbite

/// Frame rates and SMPTE timecode, checked against values worked out by hand.
final class TimecodeTests: XCTestCase {
    func testRatesParseAsPeopleWriteThem() {
        XCTAssertEqual(FrameRate("23.976"), .fps23_976)
        XCTAssertEqual(FrameRate("23.98"), .fps23_976)
        XCTAssertEqual(FrameRate("29.97"), .fps29_97)
        XCTAssertEqual(FrameRate("29.97df"), .fps29_97DF)
        XCTAssertEqual(FrameRate("29.97 DF"), .fps29_97DF)
        XCTAssertEqual(FrameRate("29.97NDF"), .fps29_97)
        XCTAssertEqual(FrameRate("60000/1001df"), .fps59_94DF)
        XCTAssertEqual(FrameRate("25fps"), .fps25)
        for bad in ["", "29", "25df", "24df", "23.976df", "abc", "1e3", "-25", "30.0.0"] {
            XCTAssertNil(FrameRate(bad), bad)
        }
        XCTAssertEqual(FrameRate.all.map(\.nominal), [24, 24, 25, 30, 30, 30, 50, 60, 60])
        XCTAssertEqual(FrameRate.fps29_97DF.description, "29.97 DF")
    }

    func testFramesFromTimesRoundAbsoluteTimes() {
        XCTAssertEqual(FrameRate.fps23_976.frame(atSeconds: 1.001), 24)
        XCTAssertEqual(FrameRate.fps29_97.frame(atSeconds: 10), 300)      // 299.7 rounds up
        XCTAssertEqual(FrameRate.fps25.frame(atSeconds: 0.02), 1)         // 0.5 frame rounds away from zero
        XCTAssertEqual(FrameRate.fps25.frame(atSeconds: -3), 0)
        XCTAssertEqual(FrameRate.fps25.frame(atSeconds: .nan), 0)
        XCTAssertEqual(FrameRate.fps25.frame(atSeconds: .infinity), 0)
        XCTAssertEqual(FrameRate.fps25.frame(atSeconds: 1e300), 9_000_000_000)
        XCTAssertTrue(FrameRate.fps29_97.rationalSeconds(atFrame: 1) == (1001, 30000))
        XCTAssertTrue(FrameRate.fps25.rationalSeconds(atFrame: 50) == (2, 1))
        XCTAssertTrue(FrameRate.fps59_94.rationalSeconds(atFrame: 0) == (0, 1))
    }

    func testNonDropFrameLabels() {
        XCTAssertEqual(Timecode(frame: 0, rate: .fps25).description, "00:00:00:00")
        XCTAssertEqual(Timecode(frame: 900_000, rate: .fps25).description, "10:00:00:00")
        XCTAssertEqual(Timecode(frame: 1799, rate: .fps29_97).description, "00:00:59:29")
        XCTAssertEqual(Timecode(frame: 1800, rate: .fps29_97).description, "00:01:00:00")
        XCTAssertEqual(Timecode(frame: 86_400 * 24, rate: .fps24).description, "24:00:00:00")
        XCTAssertEqual(Timecode("10:00:00:00", rate: .fps25)?.frame, 900_000)
        XCTAssertEqual(Timecode("00:00:01:24", rate: .fps25)?.frame, 49)
        XCTAssertNil(Timecode("00:00:01:25", rate: .fps25))            // frame past the rate
        XCTAssertNil(Timecode("00:60:00:00", rate: .fps25))
        XCTAssertNil(Timecode("00:00:00", rate: .fps25))
        XCTAssertNil(Timecode("1000:00:00:00", rate: .fps25))
        XCTAssertNil(Timecode("99999999999999999999:00:00:00", rate: .fps25))
        XCTAssertNil(Timecode("00:00:00:0a", rate: .fps25))
    }

    /// 29.97 DF skips labels ;00 and ;01 at every minute but each tenth.
    func testDropFrameMinuteBoundaries() {
        let df = FrameRate.fps29_97DF
        XCTAssertEqual(Timecode(frame: 1799, rate: df).description, "00:00:59;29")
        XCTAssertEqual(Timecode(frame: 1800, rate: df).description, "00:01:00;02")
        XCTAssertEqual(Timecode(frame: 3597, rate: df).description, "00:01:59;29")
        XCTAssertEqual(Timecode(frame: 3598, rate: df).description, "00:02:00;02")
        XCTAssertEqual(Timecode(frame: 17_981, rate: df).description, "00:09:59;29")
        XCTAssertEqual(Timecode(frame: 17_982, rate: df).description, "00:10:00;00")   // the tenth minute keeps ;00
        XCTAssertEqual(Timecode(frame: 17_983, rate: df).description, "00:10:00;01")
        XCTAssertEqual(Timecode(frame: 19_782, rate: df).description, "00:11:00;02")
        XCTAssertEqual(Timecode(frame: 107_892, rate: df).description, "01:00:00;00")   // one hour of labels
        XCTAssertEqual(Timecode("00:01:00;02", rate: df)?.frame, 1800)
        XCTAssertEqual(Timecode("00:10:00;00", rate: df)?.frame, 17_982)
        XCTAssertEqual(Timecode("01:00:00;00", rate: df)?.frame, 107_892)
        XCTAssertNil(Timecode("00:01:00;00", rate: df))   // a skipped label
        XCTAssertNil(Timecode("00:01:00;01", rate: df))
        XCTAssertNotNil(Timecode("00:20:00;00", rate: df))
    }

    /// 59.94 DF skips four labels a minute.
    func testDropFrame5994() {
        let df = FrameRate.fps59_94DF
        XCTAssertEqual(Timecode(frame: 3599, rate: df).description, "00:00:59;59")
        XCTAssertEqual(Timecode(frame: 3600, rate: df).description, "00:01:00;04")
        XCTAssertEqual(Timecode(frame: 35_964, rate: df).description, "00:10:00;00")
        XCTAssertEqual(Timecode(frame: 215_784, rate: df).description, "01:00:00;00")
        XCTAssertNil(Timecode("00:01:00;03", rate: df))
        XCTAssertEqual(Timecode("00:01:00;04", rate: df)?.frame, 3600)
    }

    /// Every frame of the first 25 hours (sampled) survives label → frame.
    func testDropFrameRoundTrip() {
        for rate in [FrameRate.fps29_97DF, .fps59_94DF, .fps29_97, .fps23_976] {
            var f: Int64 = 0
            while f < 25 * 3600 * rate.nominal {
                let tc = Timecode(frame: f, rate: rate)
                XCTAssertEqual(Timecode(tc.description, rate: rate)?.frame, f, "\(rate) \(tc)")
                f += f < 40_000 ? 1 : 997
            }
        }
    }

    /// The clock: one hour of drop-frame labels is 107,892 frames = 3599.9964 s
    /// (3.6 ms short of the clock); non-drop labels run 3.6 s slow.
    func testDropFrameFollowsTheClock() {
        let tc = Timecode("01:00:00;00", rate: .fps29_97DF)!
        XCTAssertEqual(tc.seconds, 3599.9964, accuracy: 1e-9)
        XCTAssertEqual(Timecode("01:00:00:00", rate: .fps29_97)!.seconds, 3603.6, accuracy: 1e-9)
    }
}
