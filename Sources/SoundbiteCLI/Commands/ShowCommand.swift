import Soundbite

/// `soundbite show INTERVIEW [--at TIME] [-n N] [-i INDEX]`
enum ShowCommand {
    static let options: [OptionSpec] = [
        OptionSpec("-i", "--index", value: true, help: "index file or collection folder"),
        OptionSpec("--at", value: true, help: "TIME (seconds, MM:SS or HH:MM:SS.mmm): centre on this moment"),
        OptionSpec("-n", "--lines", value: true, help: "cues to show around --at (default 5 each side)"),
        OptionSpec("-h", "--help", help: "show this help"),
    ]

    static let help = helpText(
        usage: "soundbite show INTERVIEW [--at TIME] [-n N] [-i INDEX]",
        summary: "Read an interview's transcript, whole or around a moment; '>' marks the cue playing at TIME.",
        options: options)

    static func run(_ args: [String], _ console: Console) throws -> Int32 {
        let a = try Arguments(args, specs: options)
        if a.flag("--help") { console.print(help); return 0 }
        guard a.positional.count == 1 else { throw UsageError("expected one INTERVIEW id") }
        let at = try a.value("--at").map { v throws(UsageError) -> Double in
            guard let t = parseTime(v) else { throw UsageError("--at needs seconds, MM:SS or HH:MM:SS(.mmm), got '\(v)'") }
            return t
        }
        let n = try a.int("--lines", default: 5, in: 0...10_000)
        let index = try IndexSource.open(a.value("--index"), console: console)
        guard let t = index.transcript(of: a.positional[0]) else {
            let known = index.interviewIDs.prefix(10).joined(separator: ", ")
            throw CommandError.runtime("no interview '\(a.positional[0])' in the index; ids look like: \(known)")
        }
        console.print(t.title + (t.media.isEmpty ? "" : "  " + t.media))
        var range = t.cues.indices
        var current = -1
        if let at {
            current = t.cues.lastIndex { $0.start <= at } ?? 0
            range = max(0, current - n)..<min(t.cues.count, current + n + 1)
        }
        var lastSpeaker = ""
        for i in range {
            let c = t.cues[i]
            let who = c.speaker == lastSpeaker ? "" : c.speaker + (c.role.isEmpty ? "" : " (\(c.role))") + ": "
            lastSpeaker = c.speaker
            console.print("\(i == current ? ">" : " ") [\(Timecode(seconds: c.start))] \(who)\(c.text)")
        }
        return 0
    }

    /// Seconds from `12.5`, `02:03`, `00:02:03.450`.
    static func parseTime(_ s: String) -> Double? {
        let parts = s.split(separator: ":", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count) else { return nil }
        var total = 0.0
        for p in parts {
            guard let v = Double(p), v >= 0, v.isFinite else { return nil }
            total = total * 60 + v
        }
        return total
    }
}
