import Soundbite

/// `soundbite show [INTERVIEW] [--at TIME] [-n N] [-i INDEX]`
enum ShowCommand {
    static let options: [OptionSpec] = [
        OptionSpec("-i", "--index", value: true, help: "index file or collection folder"),
        OptionSpec("--at", value: true, help: "TIME (seconds, MM:SS or HH:MM:SS.mmm): centre on this moment (exit 2 if impossible)"),
        OptionSpec("-n", "--lines", value: true, help: "cues to show around --at (default 5 each side)"),
        OptionSpec("-h", "--help", help: "show this help"),
    ]

    static let help = helpText(
        usage: "soundbite show [INTERVIEW] [--at TIME] [-n N] [-i INDEX]",
        summary: "Read an interview's transcript, whole or around a moment; '>' marks the cue playing at TIME.\nINTERVIEW may be left out when the index holds one interview (e.g. -i names one transcript).",
        options: options)

    static func run(_ args: [String], _ console: Console) throws -> Int32 {
        let a = try Arguments(args, specs: options, console: console)
        if a.flag("--help") { console.print(help); return 0 }
        guard a.positional.count <= 1 else { throw UsageError("expected one INTERVIEW id, got \(a.positional.count) arguments") }
        let at = try a.value("--at").map { v throws(UsageError) -> Double in
            guard let t = RecordingTime(v) else {
                throw UsageError("--at needs seconds (65.5), MM:SS or HH:MM:SS(.mmm) with minutes and seconds below 60, got '\(v)'")
            }
            return t.seconds
        }
        let n = try a.int("--lines", default: 5, in: 0...10_000)
        let index = try IndexSource.open(a.value("--index"), console: console)
        let ids = index.interviewIDs
        guard let id = a.positional.first ?? (ids.count == 1 ? ids[0] : nil) else {
            throw UsageError("expected an INTERVIEW id: the index has \(counted(ids.count, "interview")) ("
                             + ids.prefix(10).joined(separator: ", ") + (ids.count > 10 ? ", …" : "") + ")")
        }
        guard let t = index.transcript(of: id) else {
            let known = ids.prefix(10).joined(separator: ", ")
            throw CommandError.runtime("no interview '\(id)' in the index; ids look like: \(known)")
        }
        console.print(t.title + (t.media.isEmpty ? "" : "  " + t.media))
        var range = t.cues.indices
        var current = -1
        if let at {
            if let end = t.cues.last?.end, at > end {
                throw CommandError.usage("--at \(a.value("--at")!) is after the end of \(t.id) (\(RecordingTime(seconds: end)))")
            }
            (current, range) = t.window(at: at, radius: n)
        }
        var lastSpeaker = ""
        for i in range {
            let c = t.cues[i]
            let who = c.speaker == lastSpeaker || c.speaker.isEmpty ? "" : c.speaker + (c.role.isEmpty ? "" : " (\(c.role))") + ": "
            lastSpeaker = c.speaker
            console.print("\(i == current ? ">" : " ") [\(RecordingTime(seconds: c.start))] \(who)\(c.text)")
        }
        return 0
    }
}
