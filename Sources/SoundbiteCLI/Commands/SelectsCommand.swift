import Foundation
import Soundbite

/// `soundbite selects FILE... --format edl|fcpxml|otio|srt|vtt|csv [-o OUT] [--fps R] [--handles S] [--snap M] [--title T] [-i INDEX]`
enum SelectsCommand {
    static let options: [OptionSpec] = [
        OptionSpec("--format", value: true, help: "edl, fcpxml, otio, srt, vtt or csv (required)"),
        OptionSpec("-o", "--output", value: true, help: "OUT  write to this file instead of standard output"),
        OptionSpec("--fps", value: true, help: "R  timeline rate: 23.976, 24, 25, 29.97, 29.97df, 30, 50, 59.94, 59.94df (default: the media's, else 25)"),
        OptionSpec("--handles", value: true, help: "S  seconds added before and after each select, clamped to the media (default 0)"),
        OptionSpec("--snap", value: true, help: "cue, passage or none: widen selects to whole cues or passages (default: passage for search hits, cue for CSV rows)"),
        OptionSpec("--title", value: true, help: "T  the timeline's name (default \"Soundbite selects\")"),
        OptionSpec("-i", "--index", value: true, help: "INDEX  the index the selects come from (as for search)"),
        OptionSpec("-h", "--help", help: "show this help"),
    ]

    static let help = helpText(
        usage: "soundbite selects FILE... --format edl|fcpxml|otio|srt|vtt|csv [-o OUT] [--fps R] [--handles S] [--snap cue|passage|none] [--title T] [-i INDEX]",
        summary: "Lay chosen hits end to end on a timeline for an editor, in order, from 01:00:00:00.",
        options: options,
        notes: """
        FILE is what `soundbite search --format json` or `--format jsonl` prints ('-' reads standard input),
        or a CSV of interview,start,end[,label,note] (times in seconds or HH:MM:SS.mmm; a header row is optional).
        Interviews are looked up in the index (as search finds it): their media link, the manifest's
        `timecode` (media start, e.g. 10:00:00:00) and `fps`, and the end of the last cue, where handles stop.
          soundbite search '"one to one" laptops' --format jsonl | soundbite selects - --format fcpxml -o selects.fcpxml
        """)

    static func run(_ args: [String], _ console: Console) throws -> Int32 {
        let a = try Arguments(args, specs: options, console: console)
        if a.flag("--help") { console.print(help); return 0 }
        guard let formatName = a.value("--format") else {
            throw UsageError("--format is required: one of \(TimelineFormat.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard let format = TimelineFormat(rawValue: formatName) else {
            throw UsageError("--format must be one of \(TimelineFormat.allCases.map(\.rawValue).joined(separator: ", ")), got '\(formatName)'")
        }
        let snap = SnapMode(rawValue: try a.choice("--snap", ["cue", "passage", "none"], default: SnapMode.automatic.rawValue))!
        let handles = try a.double("--handles", default: 0)
        guard (0...3600).contains(handles) else { throw UsageError("--handles needs seconds from 0 to 3600, got '\(handles)'") }
        let rate = try frameRate(a)
        guard !a.positional.isEmpty else { throw UsageError("expected at least one FILE of hits or CSV rows ('-' for standard input)") }

        let reader = SelectsReader()
        var read: [(file: String, selects: [Select])] = []
        for file in a.positional {
            let bytes: [UInt8]
            if file == "-" {
                bytes = Array(console.stdinLines().joined(separator: "\n").utf8)
            } else {
                switch FileBytes.read(file, limit: reader.maxBytes) {
                case .success(let b): bytes = b
                case .failure(.unreadable(let why)): throw CommandError.runtime("\(file): cannot read the file (\(why))")
                case .failure(.tooLarge): throw CommandError.runtime("\(file): larger than \(reader.maxBytes) bytes; split the selects")
                }
            }
            let name = file == "-" ? "<stdin>" : file
            do { read.append((name, try reader.read(bytes, file: name))) } catch { throw CommandError.usage(error.description) }
        }
        let index = try IndexSource.open(a.value("--index"), console: console)
        var selects: [Select] = []
        for (file, part) in read {
            do { selects += try index.resolve(part, snap: snap, file: file) } catch { throw CommandError.runtime(error.description) }
        }
        let timelineRate = rate ?? commonRate(selects) ?? .fps25
        let timeline: Timeline
        do {
            timeline = try Timeline(selects: selects, options: TimelineOptions(rate: timelineRate, handles: handles,
                                                                               title: a.value("--title") ?? "Soundbite selects"))
        } catch {
            throw CommandError.runtime(error.description)
        }
        let text = timeline.render(format)
        if let out = a.value("--output") {
            do { try Data(text.utf8).write(to: URL(fileURLWithPath: out), options: .atomic) } catch {
                throw CommandError.runtime("\(out): cannot write the file (\(error.localizedDescription))")
            }
            console.error("wrote \(timeline.clips.count) clip\(timeline.clips.count == 1 ? "" : "s") (\(timeline.recordEnd.frame - timeline.recordStart.frame) frames at \(timeline.rate) fps, ends \(timeline.recordEnd)) to \(out)")
        } else {
            console.print(String(text.dropLast(text.hasSuffix("\n") ? 1 : 0)))
        }
        return 0
    }

    /// `--fps R`, when given.
    static func frameRate(_ a: Arguments) throws(UsageError) -> FrameRate? {
        guard let r = a.value("--fps") else { return nil }
        guard let rate = FrameRate(r) else {
            throw UsageError("--fps must be one of \(FrameRate.all.map { $0.description.replacingOccurrences(of: " DF", with: "df") }.joined(separator: ", ")), got '\(r)'")
        }
        return rate
    }

    /// The frame rate every select's media shares, when the manifest gives one.
    static func commonRate(_ selects: [Select]) -> FrameRate? {
        let rates = Set(selects.map(\.mediaFrameRate))
        guard rates.count == 1, let only = rates.first else { return nil }
        return FrameRate(only)
    }
}
