/// A video frame rate as an exact fraction of frames per second, with the
/// timecode counting it uses (drop frame or not).
///
/// The rates editors meet: 23.976 (24000/1001), 24, 25, 29.97 (30000/1001,
/// drop frame or not), 30, 50 and 59.94 (60000/1001, drop frame or not).
/// Times are turned into frames by rounding the absolute time, never by
/// adding durations, so a long timeline cannot drift.
public struct FrameRate: Sendable, Hashable, CustomStringConvertible {
    /// Frames per second = `numerator / denominator` (24000/1001 for 23.976).
    public let numerator: Int64
    /// See ``numerator``.
    public let denominator: Int64
    /// Whether timecodes skip frame numbers to follow the clock (29.97 and 59.94 only).
    public let dropFrame: Bool

    /// 23.976 fps (24000/1001), counted as 24.
    public static let fps23_976 = FrameRate(24000, 1001)
    /// 24 fps.
    public static let fps24 = FrameRate(24, 1)
    /// 25 fps (PAL).
    public static let fps25 = FrameRate(25, 1)
    /// 29.97 fps (30000/1001), non-drop-frame timecode.
    public static let fps29_97 = FrameRate(30000, 1001)
    /// 29.97 fps with drop-frame timecode (`;` before the frames).
    public static let fps29_97DF = FrameRate(30000, 1001, dropFrame: true)
    /// 30 fps.
    public static let fps30 = FrameRate(30, 1)
    /// 50 fps.
    public static let fps50 = FrameRate(50, 1)
    /// 59.94 fps (60000/1001), non-drop-frame timecode.
    public static let fps59_94 = FrameRate(60000, 1001)
    /// 59.94 fps with drop-frame timecode.
    public static let fps59_94DF = FrameRate(60000, 1001, dropFrame: true)

    /// Every supported rate, in increasing speed.
    public static let all: [FrameRate] = [.fps23_976, .fps24, .fps25, .fps29_97, .fps29_97DF, .fps30,
                                          .fps50, .fps59_94, .fps59_94DF]

    private init(_ numerator: Int64, _ denominator: Int64, dropFrame: Bool = false) {
        self.numerator = numerator
        self.denominator = denominator
        self.dropFrame = dropFrame
    }

    /// Reads a rate as people write it: `23.976` (or `23.98`), `24`, `25`,
    /// `29.97` (`29.97ndf`, `29.97df` or `29.97 DF` for drop frame), `30`,
    /// `50`, `59.94` (`59.94df`), or a fraction such as `30000/1001`.
    /// `nil` for anything else.
    public init?(_ text: String) {
        var t = text.lowercased().filter { $0 != " " }
        var drop: Bool? = nil
        if t.hasSuffix("ndf") { drop = false; t.removeLast(3) } else if t.hasSuffix("df") { drop = true; t.removeLast(2) }
        if t.hasSuffix("fps") { t.removeLast(3) }
        let base: FrameRate
        switch t {
        case "23.976", "23.98", "24000/1001": base = .fps23_976
        case "24", "24/1": base = .fps24
        case "25", "25/1": base = .fps25
        case "29.97", "30000/1001": base = .fps29_97
        case "30", "30/1": base = .fps30
        case "50", "50/1": base = .fps50
        case "59.94", "60000/1001": base = .fps59_94
        default: return nil
        }
        if drop == true {
            guard base.denominator == 1001, base.nominal != 24 else { return nil }
            self = FrameRate(base.numerator, base.denominator, dropFrame: true)
        } else {
            self = base
        }
    }

    /// The whole number of frames a timecode second counts (24, 25, 30, 50 or 60).
    public var nominal: Int64 { (numerator + denominator - 1) / denominator }

    /// Frame numbers a drop-frame timecode skips at each minute not divisible by 10 (2 at 29.97, 4 at 59.94; 0 otherwise).
    public var droppedPerMinute: Int64 { dropFrame ? nominal / 15 : 0 }

    /// Frames per second as a floating-point number (29.97002997… for 30000/1001).
    public var framesPerSecond: Double { Double(numerator) / Double(denominator) }

    /// The longest time, in seconds, turned into frames (about 11.4 years); longer times are capped.
    public static let maxSeconds: Double = 360_000_000

    /// The frame nearest to `seconds` (halves round away from zero); negative
    /// and non-finite times give 0, times past ``maxSeconds`` are capped.
    public func frame(atSeconds seconds: Double) -> Int64 {
        guard seconds.isFinite, seconds > 0 else { return 0 }
        let capped = min(seconds, Self.maxSeconds)
        return Int64((capped * Double(numerator) / Double(denominator)).rounded())
    }

    /// The time, in seconds, at which `frame` starts.
    public func seconds(atFrame frame: Int64) -> Double {
        Double(frame) * Double(denominator) / Double(numerator)
    }

    /// `seconds` moved to the start of the nearest frame, computed as
    /// ``seconds(atFrame:)`` does, so times read from different files of one
    /// timeline come out as the same numbers.
    public func snapped(_ seconds: Double) -> Double { self.seconds(atFrame: frame(atSeconds: seconds)) }

    /// The supported rate (non-drop frame) whose frames last `seconds` (within a nanosecond), if any.
    static func withFrameDuration(_ seconds: Double) -> FrameRate? {
        all.first { !$0.dropFrame && abs($0.seconds(atFrame: 1) - seconds) < 1e-9 }
    }

    /// `frame` as an exact fraction of a second, reduced (`1001/30000` for one frame at 29.97).
    public func rationalSeconds(atFrame frame: Int64) -> (numerator: Int64, denominator: Int64) {
        let (n, overflow) = frame.multipliedReportingOverflow(by: denominator)
        precondition(!overflow, "frame \(frame) is too large to express as a fraction of a second")
        let g = Self.gcd(n.magnitude, UInt64(numerator))
        return (n / Int64(g), numerator / Int64(g))
    }

    private static func gcd(_ a: UInt64, _ b: UInt64) -> UInt64 {
        var (a, b) = (a, b)
        while b != 0 { (a, b) = (b, a % b) }
        return a == 0 ? 1 : a
    }

    /// `23.976`, `24`, `29.97 DF`, …
    public var description: String {
        let base: String
        switch (numerator, denominator) {
        case (24000, 1001): base = "23.976"
        case (30000, 1001): base = "29.97"
        case (60000, 1001): base = "59.94"
        default: base = String(numerator / denominator)
        }
        return dropFrame ? base + " DF" : base
    }
}
