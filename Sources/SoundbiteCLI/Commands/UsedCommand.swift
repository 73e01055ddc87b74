import Foundation
import Soundbite

/// `soundbite used CUT... [-i INDEX] [--clear] [--fps R] [--strict]`
enum UsedCommand {
    static let options: [OptionSpec] = [
        OptionSpec("-i", "--index", value: true, help: "INDEX  the index file to mark (default: $SOUNDBITE_INDEX, else \(IndexSource.defaultFileName))"),
        OptionSpec("--clear", help: "forget the recorded ranges first (alone: forget them all)"),
        OptionSpec("--fps", value: true, help: "R  the frame rate of an EDL's timecodes (default: 29.97df under FCM: DROP FRAME, else 25)"),
        OptionSpec("--strict", help: "exit 1 (and write nothing) if a cut gave a warning or a clip was not marked"),
        OptionSpec("-h", "--help", help: "show this help"),
    ]

    static let help = helpText(
        usage: "soundbite used CUT... [-i INDEX] [--clear] [--fps R] [--strict]",
        summary: "Mark in the index what a finished edit used: read each CUT (CMX 3600 EDL, FCPXML 1.8-1.11 or OpenTimelineIO),\nmatch its clips to interviews and record their source ranges. Then `search --unused` finds the cutting-room floor.",
        options: options,
        notes: """
        A clip is matched by the interview its file records, its media file, its asset name, its reel or its name;
        one that matches no interview, or several, is reported and not marked. Source timecode becomes recording
        time through the manifest's `timecode` and `fps`. Marks add up over runs and survive `soundbite index` updates.
          soundbite used final.fcpxml -i corpus.sbx && soundbite search laptops -i corpus.sbx --unused
        """)

    static func run(_ args: [String], _ console: Console) throws -> Int32 {
        let a = try Arguments(args, specs: options, console: console)
        if a.flag("--help") { console.print(help); return 0 }
        let clear = a.flag("--clear")
        guard !a.positional.isEmpty || clear else { throw UsageError("expected at least one CUT (an EDL, FCPXML or OTIO file), or --clear") }
        let reader = CutReader(edlRate: try SelectsCommand.frameRate(a))
        guard let path = a.value("--index") ?? Environment.value("SOUNDBITE_INDEX")
                ?? (FileManager.default.fileExists(atPath: IndexSource.defaultFileName) ? IndexSource.defaultFileName : nil) else {
            throw CommandError.runtime("no index to mark: give -i INDEX (an index file made by `soundbite index`)")
        }
        guard IndexSource.isRegularFile(path) else {
            throw CommandError.runtime("\(path): not an index file; `used` marks an index made by `soundbite index PATH -o \(path)`")
        }
        let index: SearchIndex
        do { index = try SearchIndex(contentsOf: path) } catch { throw CommandError.runtime(error.description) }
        var cuts: [Cut] = []
        for file in a.positional {
            switch FileBytes.read(file, limit: reader.maxBytes) {
            case .success(let bytes): cuts.append(reader.read(bytes, file: file))
            case .failure(.unreadable(let why)): throw CommandError.runtime("\(file): cannot read the file (\(why))")
            case .failure(.tooLarge): throw CommandError.runtime("\(file): larger than \(reader.maxBytes) bytes")
            }
        }
        let marking = index.usedRanges(of: cuts)
        IndexSource.report(marking.warnings, console: console)
        try IndexSource.checkStrict(marking.warnings.count, strict: a.flag("--strict"))
        let ranges = clear ? marking.ranges : index.usedRanges.union(marking.ranges)
        let marked = index.withUsedRanges(ranges)
        do { try marked.write(to: path) } catch { throw CommandError.runtime(error.description) }
        let s = marked.statistics
        let used = s.usedByInterview.reduce(0) { $0 + $1.used }
        let interviews = s.usedByInterview.filter { $0.used > 0 }.count
        if !a.positional.isEmpty {
            console.print("marked \(counted(marking.matched, "clip")) of \(counted(cuts.reduce(0) { $0 + $1.clips.count }, "clip"))"
                          + (marking.unmatched > 0 ? " (\(marking.unmatched) not matched)" : ""))
        }
        console.print("\(DurationText.of(used)) of \(DurationText.of(s.seconds)) used, in \(counted(interviews, "interview")) → \(path)")
        return 0
    }
}

/// Durations for people: `45.2 s`, `12.5 min`, `2.1 h`.
enum DurationText {
    static func of(_ seconds: Double) -> String {
        let s = max(0, seconds)
        func one(_ v: Double) -> String {
            let r = (v * 10).rounded() / 10
            return r == r.rounded() ? String(Int(r)) : String(r)
        }
        if s < 60 { return one(s) + " s" }
        if s < 3600 { return one(s / 60) + " min" }
        return one(s / 3600) + " h"
    }
}
