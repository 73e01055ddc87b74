/// Tells the text layouts apart from the first lines of a file (or the
/// paragraphs of a Word document): counts the turn lines of each layout
/// (``TextLayoutLine``) and picks the layout with the most.
///
/// A layout needs at least two turn lines, or one in a text of at most three
/// lines; an Otter or Premiere turn line counts only when words follow it on
/// the next non-blank line. Ties go to the more specific layout (Premiere,
/// Rev, Otter, then Descript). Text with no such lines is plain text
/// (`nil` here: the caller decides, by extension, whether that is a transcript).
enum TextLayoutDetector {
    /// The layout of `lines`, or `nil` when none shows.
    static func detect<S: StringProtocol>(_ lines: [S]) -> TranscriptFormat? {
        var counts: [TranscriptFormat: Int] = [:]
        var nonBlank: [Substring] = []
        nonBlank.reserveCapacity(min(lines.count, FormatDetector.probeLines))
        for line in lines.prefix(FormatDetector.probeLines) {
            let t = Substring(line).ingestTrimmed()
            if !t.isEmpty { nonBlank.append(t) }
        }
        for (k, line) in nonBlank.enumerated() {
            let next = k + 1 < nonBlank.count ? nonBlank[k + 1] : nil
            if TextLayoutLine.premiere(line) != nil {
                if let next, TextLayoutLine.premiere(next) == nil { counts[.premiere, default: 0] += 1 }
            } else if TextLayoutLine.rev(line) != nil {
                counts[.rev, default: 0] += 1
            } else if TextLayoutLine.descript(line) != nil {
                counts[.descript, default: 0] += 1
            } else if TextLayoutLine.otter(line) != nil {
                if let next, !isTurnLine(next) { counts[.otter, default: 0] += 1 }
            }
        }
        let order: [TranscriptFormat] = [.premiere, .rev, .otter, .descript]
        guard let best = order.max(by: { (counts[$0] ?? 0, -order.firstIndex(of: $0)!) < (counts[$1] ?? 0, -order.firstIndex(of: $1)!) }),
              let count = counts[best] else { return nil }
        return count >= 2 || (count >= 1 && nonBlank.count <= 3) ? best : nil
    }

    /// Whether `line` opens a turn in any layout.
    static func isTurnLine(_ line: Substring) -> Bool {
        TextLayoutLine.premiere(line) != nil || TextLayoutLine.rev(line) != nil
            || TextLayoutLine.descript(line) != nil || TextLayoutLine.otter(line) != nil
    }
}
