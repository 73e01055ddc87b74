/// A SMPTE timecode: a frame count at a ``FrameRate``, written
/// `HH:MM:SS:FF` (or `HH:MM:SS;FF` for drop frame).
///
/// Drop-frame timecode (29.97 and 59.94) keeps the label close to the clock
/// by skipping frame numbers 0 and 1 (0 to 3 at 59.94) at the start of every
/// minute except minutes 0, 10, 20, 30, 40 and 50. The conversion is exact
/// integer arithmetic in both directions.
public struct Timecode: Sendable, Hashable, CustomStringConvertible {
    /// Frames since `00:00:00:00`.
    public var frame: Int64
    /// The rate the frames are counted at.
    public var rate: FrameRate

    /// The most hours a timecode may show when read (written timecodes are not limited).
    public static let maxHours: Int64 = 999

    /// A timecode `frame` frames after `00:00:00:00`.
    public init(frame: Int64, rate: FrameRate) {
        self.frame = max(0, frame)
        self.rate = rate
    }

    /// The timecode of the frame nearest to `seconds`.
    public init(seconds: Double, rate: FrameRate) {
        self.init(frame: rate.frame(atSeconds: seconds), rate: rate)
    }

    /// Reads `HH:MM:SS:FF`; `;` or `.` before the frames (or anywhere, as some
    /// tools write) is accepted. Minutes and seconds must be below 60, frames
    /// below the nominal rate, and in drop frame the skipped labels (frames
    /// 0–1 or 0–3 of a minute not divisible by 10) are refused. `nil` when the
    /// text is not such a timecode.
    public init?(_ text: String, rate: FrameRate) {
        var fields: [Int64] = []
        var value: Int64 = 0, digits = 0
        for b in text.utf8 {
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                digits += 1
                if digits > 3 { return nil }
                value = value * 10 + Int64(b - UInt8(ascii: "0"))
            case UInt8(ascii: ":"), UInt8(ascii: ";"), UInt8(ascii: "."):
                if digits == 0 || fields.count == 3 { return nil }
                fields.append(value); value = 0; digits = 0
            default: return nil
            }
        }
        guard digits > 0, fields.count == 3 else { return nil }
        fields.append(value)
        let (h, m, s, f) = (fields[0], fields[1], fields[2], fields[3])
        guard h <= Self.maxHours, m < 60, s < 60, f < rate.nominal else { return nil }
        let drop = rate.droppedPerMinute
        if drop > 0, s == 0, m % 10 != 0, f < drop { return nil }
        let totalMinutes = h * 60 + m
        let frame = (h * 3600 + m * 60 + s) * rate.nominal + f - drop * (totalMinutes - totalMinutes / 10)
        self.init(frame: frame, rate: rate)
    }

    /// Hours, minutes, seconds and frames as the label shows them.
    public var components: (hours: Int64, minutes: Int64, seconds: Int64, frames: Int64) {
        let nominal = rate.nominal
        var label = frame
        let drop = rate.droppedPerMinute
        if drop > 0 {
            let perMinute = nominal * 60 - drop
            let perTenMinutes = nominal * 600 - drop * 9
            let tens = frame / perTenMinutes
            let rest = frame % perTenMinutes
            label += drop * 9 * tens
            if rest > drop { label += drop * ((rest - drop) / perMinute) }
        }
        let f = label % nominal
        let totalSeconds = label / nominal
        return (totalSeconds / 3600, totalSeconds / 60 % 60, totalSeconds % 60, f)
    }

    /// The start of the frame in seconds.
    public var seconds: Double { rate.seconds(atFrame: frame) }

    /// `HH:MM:SS:FF`, or `HH:MM:SS;FF` in drop frame.
    public var description: String {
        let c = components
        return Self.two(c.hours) + ":" + Self.two(c.minutes) + ":" + Self.two(c.seconds)
            + (rate.dropFrame ? ";" : ":") + Self.two(c.frames)
    }

    private static func two(_ v: Int64) -> String { v < 10 ? "0" + String(v) : String(v) }
}
