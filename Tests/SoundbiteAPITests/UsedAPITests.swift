import XCTest
import Soundbite
import SoundbiteTestSupport

/// The cutting-room floor as an embedder meets it: selects exported for an
/// editor come back as a finished cut, are marked used, and search keeps
/// only what the cut left out (or only what it used).
final class UsedAPITests: XCTestCase {
    static let words = ["harbour", "nets", "winter", "boats", "ice", "market", "school", "bridge", "storm", "lamps", "bread", "ferry"]

    /// Three interviews of 60 cues each (every cue says "harbour"): one with
    /// a 25 fps media timecode, one at 29.97 drop frame, one with neither.
    static func transcripts() -> [(path: String, text: String)] {
        var rng = SplitMix64(seed: 16)
        return ["ada", "bram", "cora"].map { name in
            var vtt = "WEBVTT\n\n", t = 1.0
            for k in 0..<60 {
                let length = 1.7 + Double(rng.next() % 1400) / 1000
                let text = (0..<6).map { _ in words[Int(rng.next() % UInt64(words.count))] }.joined(separator: " ")
                vtt += "\(stamp(t)) --> \(stamp(t + length))\n<v \(name.capitalized)>Harbour \(text) \(k).\n\n"
                t += length + Double(rng.next() % 300) / 1000
            }
            return ("\(name).vtt", vtt)
        }
    }

    static func stamp(_ t: Double) -> String {
        let ms = Int((t * 1000).rounded())
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        let frac = String(ms % 1000), pad = String(repeating: "0", count: 3 - frac.count)
        return "\(two(ms / 3_600_000)):\(two(ms / 60_000 % 60)):\(two(ms / 1000 % 60)).\(pad)\(frac)"
    }

    static let manifest = """
    { "interviews": {
        "ada.vtt": { "id": "ada", "title": "Ada at the harbour", "media": "file:///media/ada%20one.mov", "fps": "25", "timecode": "10:00:00:00" },
        "bram.vtt": { "id": "bram", "title": "Bram", "media": "https://example.org/v/bram.mp4", "fps": "29.97df", "timecode": "01:00:00;00" },
        "cora.vtt": { "id": "cora", "title": "Cora" } } }
    """

    static let index: SearchIndex = {
        SearchIndex(building: [CollectionReader().read(name: "coast", transcripts: transcripts(), manifest: manifest)])
    }()

    /// Selects from all three interviews, some overlapping, some from hits.
    func selects() throws -> [Select] {
        let hits = try Self.index.search("storm bridge", options: SearchOptions(limit: 4)).hits.map(Select.init)
        let picked = [Select(interview: "ada", start: 20.3, end: 27.9), Select(interview: "bram", start: 61, end: 70.25),
                      Select(interview: "cora", start: 100.5, end: 104), Select(interview: "ada", start: 25, end: 31),
                      Select(interview: "bram", start: 0, end: 3)]
        return try Self.index.resolve(hits + picked)
    }

    func testEveryFormatAtEveryRateMarksExactlyTheClips() throws {
        let selects = try selects()
        for rate in FrameRate.all {
            let timeline = try Timeline(selects: selects, options: TimelineOptions(rate: rate, handles: 0.5))
            // What the clips use, in frames from the media's first frame.
            var expected: [String: [Range<Double>]] = [:]
            for c in timeline.clips {
                expected[c.select.interview, default: []].append(
                    rate.seconds(atFrame: c.sourceIn.frame - c.mediaStart.frame)..<rate.seconds(atFrame: c.sourceOut.frame - c.mediaStart.frame))
            }
            for format in [TimelineFormat.edl, .fcpxml, .otio] {
                let text = timeline.render(format)
                let cut = CutReader(edlRate: rate).read(Array(text.utf8), file: "cut.\(format)")
                XCTAssertEqual(cut.warnings, [], "\(rate) \(format)")
                XCTAssertEqual(cut.clips.count, timeline.clips.count, "\(rate) \(format)")
                let marking = Self.index.usedRanges(of: [cut])
                XCTAssertEqual(marking.matched, timeline.clips.count, "\(rate) \(format)")
                XCTAssertEqual(marking.unmatched, 0)
                for id in ["ada", "bram", "cora"] {
                    let want = UsedRanges(expected[id, default: []].map { (id, $0) }).ranges(of: id)
                    let got = marking.ranges.ranges(of: id)
                    XCTAssertEqual(got.count, want.count, "\(rate) \(format) \(id)")
                    // To the frame: the media start is converted through its time when the rates differ.
                    let tolerance = rate.seconds(atFrame: 1) / 2 + 1e-9
                    for (g, w) in zip(got, want) {
                        XCTAssertEqual(g.lowerBound, w.lowerBound, accuracy: tolerance, "\(rate) \(format) \(id)")
                        XCTAssertEqual(g.upperBound, w.upperBound, accuracy: tolerance, "\(rate) \(format) \(id)")
                    }
                    // At the media's own rate (or without a media timecode), to the microsecond.
                    if rate.description == "25" && id == "ada" || rate.description == "29.97 DF" && id == "bram" || id == "cora" {
                        for (g, w) in zip(got, want) {
                            XCTAssertEqual(g.lowerBound, w.lowerBound, accuracy: 1e-6, "\(rate) \(format) \(id)")
                            XCTAssertEqual(g.upperBound, w.upperBound, accuracy: 1e-6, "\(rate) \(format) \(id)")
                        }
                    }
                }
            }
        }
    }

    func testUnusedNeverReturnsAPassageInsideTheCut() throws {
        let timeline = try Timeline(selects: try selects(), options: TimelineOptions(rate: .fps25))
        let cut = CutReader().read(Array(timeline.render(.fcpxml).utf8), file: "final.fcpxml")
        let marked = Self.index.withUsedRanges(Self.index.usedRanges(of: [cut]).ranges)
        XCTAssertFalse(marked.usedRanges.isEmpty)
        XCTAssertTrue(Self.index.usedRanges.isEmpty)
        func run(_ used: UsedFilter) throws -> SearchResults {
            var o = SearchOptions(limit: 10_000)
            o.used = used
            return try marked.search("harbour", options: o)
        }
        let all = try run(.any), unused = try run(.unused), used = try run(.used)
        XCTAssertGreaterThan(used.total, 0)
        XCTAssertGreaterThan(unused.total, 0)
        XCTAssertEqual(used.total + unused.total, all.total)
        XCTAssertEqual(all.facets["used"], ["used": used.total, "unused": unused.total])
        XCTAssertEqual(unused.facets["used"], ["used": 0, "unused": unused.total])
        for hit in unused.hits {
            let p = try XCTUnwrap(marked.document(hit.document)).passage
            for r in marked.usedRanges.ranges(of: hit.interview) {
                XCTAssertFalse(r.lowerBound <= p.start && p.end <= r.upperBound, "\(hit.interview) \(p.start)–\(p.end) lies inside \(r)")
                XCTAssertLessThanOrEqual(min(r.upperBound, p.end) - max(r.lowerBound, p.start), UsedRanges.overlapTolerance)
            }
        }
        for hit in used.hits {
            let p = try XCTUnwrap(marked.document(hit.document)).passage
            XCTAssertTrue(UsedRanges.overlaps(marked.usedRanges.ranges(of: hit.interview), start: p.start, end: p.end))
        }
        // Every select's passages are used.
        for s in try selects() {
            let inside = used.hits.filter { $0.interview == s.interview }.compactMap { marked.document($0.document)?.passage }
            XCTAssertTrue(inside.contains { $0.start < s.end && s.start < $0.end }, "\(s.interview) \(s.start)")
        }
        // Without marks, --used finds nothing and --unused everything; no used facet.
        var o = SearchOptions(limit: 10)
        o.used = .used
        XCTAssertEqual(try Self.index.search("harbour", options: o).total, 0)
        o.used = .unused
        XCTAssertEqual(try Self.index.search("harbour", options: o).total, all.total)
        XCTAssertNil(try Self.index.search("harbour").facets["used"])
    }

    func testClipsThatNameNoInterviewOrSeveralAreReported() {
        var unknown = CutClip(start: 1, end: 2, line: 4)
        unknown.name = "Somebody else"
        unknown.reel = "ZZZ"
        var byFile = CutClip(start: 36_010, end: 36_012, line: 9)
        byFile.media = "/Volumes/Media/ada one.mov"
        var byReel = CutClip(start: 3600 + 5, end: 3600 + 6, line: 12)
        byReel.reel = "BRAM"
        var byTitle = CutClip(start: 5, end: 6, line: 13)
        byTitle.name = "Cora Ash \u{2013} Cora"
        var outside = CutClip(start: 10, end: 20, line: 15)
        outside.interview = "ada"
        let marking = Self.index.usedRanges(of: [Cut(file: "x.edl", format: .edl, clips: [unknown, byFile, byReel, byTitle, outside])])
        XCTAssertEqual(marking.matched, 3)
        XCTAssertEqual(marking.unmatched, 2)
        XCTAssertEqual(marking.warnings.map(\.line), [4, 15])
        XCTAssertTrue(marking.warnings[0].message.contains("matches no interview"))
        XCTAssertTrue(marking.warnings[1].message.contains("outside its recording"))
        XCTAssertEqual(marking.ranges.ranges(of: "ada"), [10..<12])
        let bramStart = Timecode("01:00:00;00", rate: .fps29_97DF)!.seconds
        XCTAssertEqual(marking.ranges.ranges(of: "bram"), [(3605 - bramStart)..<(3606 - bramStart)])
        XCTAssertEqual(marking.ranges.ranges(of: "cora"), [5..<6])
        // Two interviews with the same title: a clip named by it is not guessed.
        let twins = CollectionReader().read(name: "t", transcripts: [("a.vtt", "WEBVTT\n\n00:00:01.000 --> 00:00:09.000\nOne.\n"),
                                                                     ("b.vtt", "WEBVTT\n\n00:00:01.000 --> 00:00:09.000\nTwo.\n")],
                                            manifest: #"{"interviews": {"a.vtt": {"title": "Same"}, "b.vtt": {"title": "Same"}}}"#)
        var same = CutClip(start: 1, end: 2, line: 3)
        same.name = "Same"
        let ambiguous = SearchIndex(building: [twins]).usedRanges(of: [Cut(file: "t.otio", format: .otio, clips: [same])])
        XCTAssertEqual(ambiguous.matched, 0)
        XCTAssertTrue(ambiguous.warnings[0].message.contains("matches 2 interviews (a, b)"), ambiguous.warnings[0].message)
    }

    func testRangesSurviveUpdatesAndRemovedInterviewsDropThem() throws {
        let folder = try TemporaryFolder("used-update")
        for t in Self.transcripts() { try folder.write("coast/" + t.path, t.text) }
        try folder.write("coast/collection.json", Self.manifest)
        let (fresh, _) = SearchIndex.update(nil, paths: [folder.path("coast")])
        let ranges = UsedRanges([("ada", 10..<20), ("bram", 5..<6), ("cora", 30..<40), ("ada", 15..<25), ("nobody", 1..<2)])
        XCTAssertEqual(ranges.ranges(of: "ada"), [10..<25])
        let marked = fresh.withUsedRanges(ranges)
        XCTAssertNil(marked.usedRanges.byInterview["nobody"])
        XCTAssertEqual(marked.usedRanges.seconds, 15 + 1 + 10, accuracy: 1e-9)
        try marked.write(to: folder.path("c.sbx"))
        let opened = try SearchIndex(contentsOf: folder.path("c.sbx"))
        XCTAssertEqual(opened.usedRanges, marked.usedRanges)
        // Nothing changed: the same bytes.
        let (same, report) = SearchIndex.update(opened, paths: [folder.path("coast")])
        XCTAssertEqual(report.unchanged, 3)
        XCTAssertTrue(Array(same.image) == Array(marked.image), "an update that changes nothing writes other bytes")
        // A changed transcript keeps its ranges, a removed one drops them.
        try folder.write("coast/ada.vtt", Self.transcripts()[0].text + "00:09:00.000 --> 00:09:02.000\n<v Ada>Harbour again.\n")
        try FileManager.default.removeItem(atPath: folder.path("coast/cora.vtt"))
        let (changed, r2) = SearchIndex.update(opened, paths: [folder.path("coast")])
        XCTAssertEqual(r2.updated, 1)
        XCTAssertEqual(r2.removed, 1)
        XCTAssertEqual(changed.usedRanges.byInterview, ["ada": [10..<25], "bram": [5..<6]])
        XCTAssertEqual(changed.statistics.usedByInterview.map(\.name), ["ada", "bram"])
        // Forgetting them gives the fresh bytes back.
        let forgotten = marked.withUsedRanges(UsedRanges())
        XCTAssertTrue(withExtendedLifetime(forgotten) { Array(forgotten.image) == Array(fresh.image) }, "forgetting the ranges does not give the fresh bytes")
        let stats = marked.statistics
        XCTAssertEqual(stats.usedByCollection.map(\.name), ["coast"])
        XCTAssertEqual(stats.usedByCollection[0].used, 26, accuracy: 1e-9)
        XCTAssertEqual(stats.usedByCollection[0].recorded, stats.seconds, accuracy: 1e-9)
        XCTAssertTrue(fresh.statistics.usedByInterview.isEmpty)
    }
}
