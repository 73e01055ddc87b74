import Soundbite

extension FuzzEntryPoints {
    /// The small index selects are resolved against: the query target's
    /// transcripts with a collection frame rate and one media start timecode.
    package static let selectsIndex: SearchIndex = {
        let transcripts: [(path: String, text: String)] = [
            ("a.vtt", "WEBVTT\n\n00:00:01.000 --> 00:00:05.000\n<v Ruth Okafor>The laptops went home.\n\n00:00:05.000 --> 00:00:09.500\n<v Sam>We receive a tablet.\n"),
            ("b.srt", "1\n00:00:01,000 --> 00:00:03,000\nAmit Varma: One to one computing.\n\n2\n00:00:03,500 --> 00:00:06,000\nParent: Homework online.\n"),
        ]
        let manifest = #"{ "fps": "29.97df", "interviews": { "a.vtt": { "id": "a", "timecode": "10:00:00;00", "media": "file:///m/a.mov" }, "b.srt": { "id": "b" } } }"#
        let collection = CollectionReader().read(name: "fuzz", transcripts: transcripts, manifest: manifest)
        return SearchIndex(building: [collection])
    }()

    /// The selects reader (JSON, JSON lines, CSV) with tight limits, then
    /// the standard ones; what it reads is resolved against ``selectsIndex``,
    /// laid out and written in every format. The input's length picks the
    /// snap mode, frame rate and handles, so every combination is reached
    /// without multiplying the work per input. A timeline whose record frames
    /// are not contiguous traps.
    package static func selects(_ bytes: [UInt8]) {
        var tight = SelectsReader()
        tight.maxSelects = 8
        tight.maxJSONDepth = 4
        tight.maxBytes = 4096
        _ = try? tight.read(bytes, file: "fuzz")
        guard let read = try? SelectsReader().read(bytes, file: "fuzz") else { return }
        let snap = SnapMode.allCases[bytes.count % SnapMode.allCases.count]
        let rate = FrameRate.all[bytes.count % FrameRate.all.count]
        let selects = (try? selectsIndex.resolve(read, snap: snap, file: "fuzz")) ?? read
        guard let timeline = try? Timeline(selects: selects, options: TimelineOptions(rate: rate, handles: Double(bytes.count % 3)))
        else { return }
        var record = timeline.recordStart.frame
        for clip in timeline.clips {
            precondition(clip.recordIn.frame == record && clip.frames >= 1 && clip.recordOut.frame == record + clip.frames,
                         "record frames are not contiguous")
            record = clip.recordOut.frame
        }
        for format in TimelineFormat.allCases { _ = timeline.render(format) }
    }
}
