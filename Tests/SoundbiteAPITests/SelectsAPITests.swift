import XCTest
import Soundbite

/// Selects as an embedder makes them: search an index, turn hits into a
/// timeline, write it for an editor.
final class SelectsAPITests: XCTestCase {
    static let transcripts: [(path: String, text: String)] = [
        ("north/ada.vtt", """
        WEBVTT

        00:00:02.000 --> 00:00:06.000
        <v Ada Quill>We carried the lanterns up the hill every winter.

        00:00:06.000 --> 00:00:10.000
        <v Ada Quill>My father said lanterns were cheaper than the new street lamps.

        00:00:10.000 --> 00:00:14.000
        <v Interviewer>And the neighbours?
        """),
        ("south/bram.srt", """
        1
        00:00:01,000 --> 00:00:04,000
        Bram Osei: The ferry stopped running in the flood year.

        2
        00:00:04,500 --> 00:00:08,000
        Bram Osei: After that we rowed across with lanterns.
        """),
    ]
    static let manifest = """
    { "fps": "25", "roles": { "Ada Quill": "resident", "Bram Osei": "ferryman" },
      "interviews": { "north/ada.vtt": { "id": "ada", "media": "file:///media/ada.mov", "timecode": "10:00:00:00" },
                      "south/bram.srt": { "id": "bram", "media": "file:///media/bram.mov", "fps": "29.97df", "timecode": "01:00:00;00" } } }
    """

    static let index: SearchIndex = {
        let c = CollectionReader().read(name: "river", transcripts: transcripts, manifest: manifest)
        return SearchIndex(building: [c])
    }()

    func testManifestMediaFieldsReachTheHits() throws {
        let hits = try Self.index.search("ferry").hits
        XCTAssertEqual(hits.first?.fields["fps"], "29.97df")
        XCTAssertEqual(hits.first?.fields["timecode"], "01:00:00;00")
        let ada = try Self.index.search("cheaper").hits
        XCTAssertEqual(ada.first?.fields["fps"], "25")            // the collection's
        XCTAssertEqual(ada.first?.fields["timecode"], "10:00:00:00")
    }

    func testHitsBecomeAnEDL() throws {
        let hits = try Self.index.search("lanterns", options: SearchOptions(limit: 10)).hits
        XCTAssertEqual(hits.count, 2)
        let selects = try Self.index.resolve(hits.map(Select.init), snap: .cue)
        let timeline = try Timeline(selects: selects, options: TimelineOptions(rate: .fps25, handles: 0.5, title: "Lanterns"))
        XCTAssertEqual(timeline.clips.count, 2)
        for clip in timeline.clips {
            XCTAssertEqual(clip.frames, clip.recordOut.frame - clip.recordIn.frame)
            XCTAssertTrue(clip.select.quote.contains("lanterns"), clip.select.quote)
        }
        let edl = timeline.render(.edl)
        XCTAssertTrue(edl.hasPrefix("TITLE: Lanterns\nFCM: NON-DROP FRAME\n"), edl)
        XCTAssertTrue(edl.contains("* FROM FILE: file:///media/ada.mov"), edl)
        XCTAssertTrue(edl.contains("* FROM FILE: file:///media/bram.mov"), edl)
        // Ada's cue 2–6 s with 0.5 s handles on media starting 10:00:00:00 at 25 fps.
        if let ada = timeline.clips.first(where: { $0.select.interview == "ada" }) {
            XCTAssertEqual(ada.sourceIn.description, "10:00:01:13")
            XCTAssertEqual(ada.sourceOut.description, "10:00:06:13")
        } else { XCTFail(edl) }
        // Bram's media is 29.97 DF from 01:00:00;00 (3599.9964 s); at 25 fps that is frame 89,999.91 → 90,000.
        if let bram = timeline.clips.first(where: { $0.select.interview == "bram" }) {
            XCTAssertEqual(bram.mediaStart.description, "01:00:00:00")
        } else { XCTFail(edl) }
    }

    /// By default a hit becomes its whole passage, with the passage text as the quote.
    func testHitsSnapToTheirPassageByDefault() throws {
        let hits = try Self.index.search("cheaper").hits
        let hit = try XCTUnwrap(hits.first)
        XCTAssertEqual(hit.start, 6)   // the matching cue…
        let select = try XCTUnwrap(try Self.index.resolve([Select(hit)]).first)
        XCTAssertEqual(select.start, 2)   // …widened to the passage, which starts with the first cue
        XCTAssertEqual(select.quote, hit.text)
        XCTAssertEqual(try Self.index.resolve([Select(hit)], snap: .cue).first?.start, 6)
    }

    func testCSVRowsAreCompletedFromTheIndex() throws {
        let rows = try SelectsReader().read("interview,start,end,label\nADA,7,8,cheaper lamps\nbram,0:02,0:03\n", file: "picks.csv")
        let selects = try Self.index.resolve(rows, snap: .cue, file: "picks.csv")
        XCTAssertEqual(selects[0].interview, "ada")
        XCTAssertEqual(selects[0].start, 6)
        XCTAssertEqual(selects[0].end, 10)
        XCTAssertEqual(selects[0].speaker, "Ada Quill")
        XCTAssertEqual(selects[0].role, "resident")
        XCTAssertEqual(selects[0].quote, "My father said lanterns were cheaper than the new street lamps.")
        XCTAssertEqual(selects[0].interviewEnd, 14)
        XCTAssertEqual(selects[1].speaker, "Bram Osei")
        XCTAssertEqual(selects[1].mediaFrameRate, "29.97df")
        let asGiven = try Self.index.resolve(rows, snap: .none)
        XCTAssertEqual(asGiven[0].start, 7)
        XCTAssertEqual(asGiven[0].end, 8)
        let passages = try Self.index.resolve(rows, snap: .passage)
        XCTAssertLessThanOrEqual(passages[0].start, 6)
        XCTAssertGreaterThanOrEqual(passages[0].end, 10)
        let timeline = try Timeline(selects: selects, options: TimelineOptions(rate: .fps25))
        XCTAssertEqual(timeline.clips[0].name, "cheaper lamps")
        XCTAssertTrue(timeline.render(.csv).contains(",cheaper lamps,"), timeline.render(.csv))
    }

    func testUnknownInterviewNamesTheLine() throws {
        let rows = try SelectsReader().read("ada,1,2\nnobody,1,2\n", file: "picks.csv")
        XCTAssertThrowsError(try Self.index.resolve(rows, file: "picks.csv")) { error in
            XCTAssertTrue("\(error)".hasPrefix("picks.csv:2: interview \u{201C}nobody\u{201D} is not in the index"), "\(error)")
        }
    }

    func testHandlesStopAtTheInterviewEnd() throws {
        let rows = try SelectsReader().read("ada,12,14\n", file: "p.csv")
        let t = try Timeline(selects: try Self.index.resolve(rows), options: TimelineOptions(rate: .fps25, handles: 5))
        XCTAssertEqual(t.clips[0].sourceOut.description, "10:00:14:00")   // the last cue ends at 14 s
        XCTAssertEqual(t.clips[0].sourceIn.description, "10:00:05:00")
    }
}
