/// The lines that open a turn in the text layouts of transcription tools,
/// each recognised on one trimmed line:
///
/// | layout          | turn line                          | the words        |
/// |-----------------|------------------------------------|------------------|
/// | Otter.ai        | `Jane Doe  0:01` (`h:mm:ss` later)  | the next lines   |
/// | Rev             | `Jane Doe (00:19):` or `(00:00:19):`| same line, next lines |
/// | Descript/Trint  | `[00:00:19] Jane Doe: words`        | same line        |
/// | Premiere Pro    | `00:00:19:05 - 00:00:24:11`         | after a speaker line |
///
/// Names follow ``SpeakerLabel``'s relaxed rule (at most six words that start
/// with a letter, an optional `(role)`); times use ``Timestamp``.
enum TextLayoutLine {
    /// A turn line: when the turn starts, who speaks, and any words after it.
    struct Turn: Sendable, Hashable {
        /// Start in seconds.
        var start: Double
        /// The speaker, when the line names one.
        var label: SpeakerLabel?
        /// Words on the same line after the label (Rev, Descript).
        var rest: Substring
    }

    /// An Otter.ai turn line: a name, two or more spaces (or a tab), then
    /// `m:ss`, `mm:ss` or `h:mm:ss`; or the time alone. After one space the
    /// name must pass ``SpeakerLabel``'s strict rule.
    static func otter(_ line: Substring) -> Turn? {
        let t = line.ingestTrimmed()
        guard let last = t.lastIndex(where: { $0 == " " || $0 == "\t" }) else {
            return clockTime(t).map { Turn(start: $0, label: nil, rest: "") }
        }
        guard let time = clockTime(t[t.index(after: last)...]) else { return nil }
        var gapStart = last
        while gapStart > t.startIndex, t[t.index(before: gapStart)] == " " || t[t.index(before: gapStart)] == "\t" {
            gapStart = t.index(before: gapStart)
        }
        let gap = t[gapStart...last]
        // Otter writes two spaces; a Word export may keep only one, so one
        // space needs a name by the strict rule (capitalised, not "We met at").
        let wide = gap.count >= 2 || gap.contains("\t")
        guard let label = SpeakerLabel.parse(t[t.startIndex..<gapStart], relaxed: wide) else { return nil }
        return Turn(start: time, label: label, rest: "")
    }

    /// A Rev turn line: `Name (mm:ss):` or `Name (hh:mm:ss):`, words may follow.
    static func rev(_ line: Substring) -> Turn? {
        let t = line.ingestTrimmed()
        var k = t.startIndex
        var scanned = 0
        while k < t.endIndex, scanned < SpeakerLabel.maxLabelCharacters {
            if t[k] == "(", let close = t[k...].prefix(24).firstIndex(of: ")"),
               let time = clockTime(t[t.index(after: k)..<close].ingestTrimmed()) {
                let after = t[t.index(after: close)...].ingestTrimmed()
                guard after.hasPrefix(":"),
                      let label = SpeakerLabel.parse(t[t.startIndex..<k], relaxed: true) else { return nil }
                return Turn(start: time, label: label, rest: after.dropFirst().ingestTrimmed())
            }
            k = t.index(after: k)
            scanned += 1
        }
        return nil
    }

    /// A Descript/Trint line: `[hh:mm:ss]` (or `[mm:ss]`, a fraction allowed)
    /// first, then optionally `Name:`, then the words.
    static func descript(_ line: Substring) -> Turn? {
        let t = line.ingestTrimmed()
        guard t.hasPrefix("["), let close = t.prefix(24).firstIndex(of: "]"),
              let time = Timestamp.parse(t[t.index(after: t.startIndex)..<close].ingestTrimmed()) else { return nil }
        let split = SpeakerLabel.split(String(t[t.index(after: close)...].ingestTrimmed()))
        return Turn(start: time.seconds, label: split.label, rest: Substring(split.rest))
    }

    /// A Premiere Pro timecode range line: `hh:mm:ss:ff - hh:mm:ss:ff`
    /// (`;` allowed before the frames), the clock parts and frame numbers.
    static func premiere(_ line: Substring) -> (start: (seconds: Double, frames: Int), end: (seconds: Double, frames: Int))? {
        let t = line.ingestTrimmed()
        guard t.utf8.count <= 40, let dash = t.firstIndex(of: "-") else { return nil }
        guard let start = Timestamp.parseTimecode(t[t.startIndex..<dash].ingestTrimmed()),
              let end = Timestamp.parseTimecode(t[t.index(after: dash)...].ingestTrimmed()) else { return nil }
        return (start, end)
    }

    /// A clock time without a fraction (`0:01`, `12:05`, `1:02:03`), in seconds.
    static func clockTime(_ text: Substring) -> Double? {
        guard !text.isEmpty, text.utf8.count <= 12,
              text.utf8.allSatisfy({ ASCII.isDigit($0) || $0 == UInt8(ascii: ":") }) else { return nil }
        return Timestamp.parse(text)?.seconds
    }
}
