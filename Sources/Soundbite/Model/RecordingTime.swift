/// A moment in a recording, written `HH:MM:SS.mmm` as players show it, and
/// read from what a user types (`12.5`, `02:03`, `00:02:03.450`). For SMPTE
/// frame timecodes (`HH:MM:SS:FF`) see ``Timecode``.
public struct RecordingTime: Sendable, Hashable, CustomStringConvertible {
    /// Seconds from the start of the recording.
    public var seconds: Double

    /// Wraps a time in seconds.
    public init(seconds: Double) {
        self.seconds = seconds
    }

    /// Reads plain seconds (`12.5`), `MM:SS` or `HH:MM:SS`, each with an
    /// optional fraction (`.` or `,`); `nil` for anything else, including
    /// minutes or seconds of 60 or more (`99:99:99`), signs, exponents, and
    /// fields longer than 9 digits.
    public init?(_ text: String) {
        if text.utf8.contains(UInt8(ascii: ":")) {
            guard let parsed = Timestamp.parse(text) else { return nil }
            seconds = parsed.seconds
            return
        }
        // Plain seconds: digits, optionally a fraction, each part capped.
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let whole = parts.first, (1...Timestamp.maxFieldDigits).contains(whole.utf8.count),
              parts.allSatisfy({ $0.utf8.allSatisfy(ASCII.isDigit) }),
              parts.count == 1 || (1...Timestamp.maxFieldDigits).contains(parts[1].utf8.count),
              let value = Double(text) else { return nil }
        seconds = value
    }

    /// `HH:MM:SS.mmm` (hours grow past two digits when needed), rounded to
    /// the millisecond; a negative or non-finite time reads as zero.
    public var description: String { Timestamp.format(seconds, alwaysHours: true) }
}
