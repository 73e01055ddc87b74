import XCTest
@testable import Soundbite

/// The timeline writers on a two-clip timeline whose frames were worked out
/// by hand at 25 fps:
/// - clip 1: 12.0–15.5 s of media starting at 10:00:00:00 → frames 300–387.5,
///   rounded 300–388 (88 frames): source 10:00:12:00–10:00:15:13, record
///   01:00:00:00–01:00:03:13;
/// - clip 2: 60.04–61.0 s → frames 1501–1525 (24 frames): source
///   00:01:00:01–00:01:01:00, record 01:00:03:13–01:00:04:12.
final class TimelineWriterTests: XCTestCase {
    static var selects: [Select] {
        var a = Select(interview: "hillside-03", start: 12, end: 15.5)
        a.title = "Hillside 03"
        a.speaker = "Ruth Okafor"
        a.role = "head teacher"
        a.chapter = "Use of ICT"
        a.quote = "The laptops went home."
        a.media = "file:///media/hillside-03.mov"
        a.mediaTimecode = "10:00:00:00"
        a.mediaFrameRate = "25"
        var b = Select(interview: "riverside-01", start: 60.04, end: 61)
        b.label = "Homework"
        b.note = "check audio"
        b.quote = "Homework online."
        return [a, b]
    }

    static func timeline(rate: FrameRate = .fps25) throws -> Timeline {
        try Timeline(selects: selects, options: TimelineOptions(rate: rate, title: "Test selects"))
    }

    func testFramesWorkedOutByHand() throws {
        let t = try Self.timeline()
        XCTAssertEqual(t.clips.map(\.reel), ["HILLSIDE", "RIVERSID"])
        XCTAssertEqual(t.clips.map(\.sourceIn.description), ["10:00:12:00", "00:01:00:01"])
        XCTAssertEqual(t.clips.map(\.sourceOut.description), ["10:00:15:13", "00:01:01:00"])
        XCTAssertEqual(t.clips.map(\.recordIn.description), ["01:00:00:00", "01:00:03:13"])
        XCTAssertEqual(t.clips.map(\.recordOut.description), ["01:00:03:13", "01:00:04:12"])
        XCTAssertEqual(t.clips.map(\.frames), [88, 24])
        XCTAssertEqual(t.clips.map(\.name), ["Ruth Okafor \u{2013} Hillside 03", "Homework"])
    }

    func testEDL() throws {
        XCTAssertEqual(try Self.timeline().render(.edl), """
        TITLE: Test selects
        FCM: NON-DROP FRAME

        001  HILLSIDE AA/V  C        10:00:12:00 10:00:15:13 01:00:00:00 01:00:03:13
        * FROM CLIP NAME: Ruth Okafor \u{2013} Hillside 03
        * FROM FILE: file:///media/hillside-03.mov
        * COMMENT: INTERVIEW: hillside-03
        * COMMENT: SPEAKER: Ruth Okafor (head teacher)
        * COMMENT: CHAPTER: Use of ICT
        * COMMENT: QUOTE: The laptops went home.

        002  RIVERSID AA/V  C        00:01:00:01 00:01:01:00 01:00:03:13 01:00:04:12
        * FROM CLIP NAME: Homework
        * FROM FILE: riverside-01
        * COMMENT: INTERVIEW: riverside-01
        * COMMENT: QUOTE: Homework online.
        * COMMENT: NOTE: check audio

        """)
    }

    /// At 29.97 DF: 12 s = frame 359.64 → 360; the media timecode 10:00:00:00
    /// read at 25 fps is 36000 s = frame 1,078,921.08 → 1,078,921 at 29.97 (10:00:00;02 + …).
    func testDropFrameEDLUsesSemicolonsAndSaysSo() throws {
        var selects = Self.selects
        selects[0].mediaFrameRate = "29.97df"
        selects[0].mediaTimecode = "10:00:00;00"
        let t = try Timeline(selects: selects, options: TimelineOptions(rate: .fps29_97DF))
        let edl = t.render(.edl)
        XCTAssertTrue(edl.contains("FCM: DROP FRAME\n"), edl)
        // 10:00:00;00 = 10 × 107,892 = 1,078,920; + 360 frames = 10:00:12;00 (no minute boundary crossed).
        XCTAssertEqual(t.clips[0].sourceIn.description, "10:00:12;00")
        // 15.5 s × 29.97 = 464.54 → 465 frames → 10:00:15;15.
        XCTAssertEqual(t.clips[0].sourceOut.description, "10:00:15;15")
        XCTAssertEqual(t.recordStart.description, "01:00:00;00")
        XCTAssertTrue(edl.contains("10:00:12;00 10:00:15;15 01:00:00;00 01:00:03;15"), edl)
    }

    func testFCPXML() throws {
        XCTAssertEqual(try Self.timeline().render(.fcpxml), """
        <?xml version="1.0" encoding="UTF-8"?>
        <!DOCTYPE fcpxml>

        <fcpxml version="1.10">
            <resources>
                <format id="r1" name="FFVideoFormat1080p25" frameDuration="1/25s" width="1920" height="1080"/>
                <asset id="r2" name="Hillside 03" start="36000s" duration="388/25s" hasVideo="1" format="r1" hasAudio="1" audioSources="1" audioChannels="2" audioRate="48000">
                    <media-rep kind="original-media" src="file:///media/hillside-03.mov"/>
                </asset>
                <asset id="r3" name="riverside-01" start="0s" duration="61s" hasVideo="1" format="r1" hasAudio="1" audioSources="1" audioChannels="2" audioRate="48000">
                    <media-rep kind="original-media" src="riverside-01"/>
                </asset>
            </resources>
            <library>
                <event name="Test selects">
                    <project name="Test selects">
                        <sequence format="r1" duration="112/25s" tcStart="3600s" tcFormat="NDF" audioLayout="stereo" audioRate="48k">
                            <spine>
                                <asset-clip ref="r2" offset="3600s" name="Ruth Okafor \u{2013} Hillside 03" start="36012s" duration="88/25s" tcFormat="NDF" audioRole="dialogue">
                                    <note>The laptops went home.</note>
                                    <keyword start="36012s" duration="88/25s" value="Ruth Okafor, head teacher, Use of ICT"/>
                                </asset-clip>
                                <asset-clip ref="r3" offset="90088/25s" name="Homework" start="1501/25s" duration="24/25s" tcFormat="NDF" audioRole="dialogue">
                                    <note>Homework online. \u{2014} check audio</note>
                                </asset-clip>
                            </spine>
                        </sequence>
                    </project>
                </event>
            </library>
        </fcpxml>

        """)
    }

    /// 29.97: one frame is 1001/30000 s; 01:00:00:00 NDF is 108,000 frames = 3603.6 s = 18018/5 s.
    func testFCPXMLRationalsAt2997() throws {
        let x = try Self.timeline(rate: .fps29_97).render(.fcpxml)
        XCTAssertTrue(x.contains("frameDuration=\"1001/30000s\""), x)
        XCTAssertTrue(x.contains("name=\"FFVideoFormat1080p2997\""))
        XCTAssertTrue(x.contains("tcStart=\"18018/5s\""), x)
    }

    func testSubtitlesAndCSV() throws {
        let t = try Self.timeline()
        XCTAssertEqual(t.render(.srt), """
        1
        00:00:00,000 --> 00:00:03,520
        Ruth Okafor: The laptops went home.

        2
        00:00:03,520 --> 00:00:04,480
        Homework online.


        """)
        XCTAssertEqual(t.render(.vtt), """
        WEBVTT

        NOTE Test selects

        select-1
        00:00:00.000 --> 00:00:03.520
        <v Ruth Okafor>The laptops went home.

        select-2
        00:00:03.520 --> 00:00:04.480
        Homework online.

        """)
        XCTAssertEqual(t.render(.csv), "clip,quote,speaker,role,chapter,interview,title,label,note,start,end,source_in,source_out,record_in,record_out,media\r\n"
            + "1,The laptops went home.,Ruth Okafor,head teacher,Use of ICT,hillside-03,Hillside 03,,,12,15.52,10:00:12:00,10:00:15:13,01:00:00:00,01:00:03:13,file:///media/hillside-03.mov#t=12\r\n"
            + "2,Homework online.,,,,riverside-01,,Homework,check audio,60.04,61,00:01:00:01,00:01:01:00,01:00:03:13,01:00:04:12,\r\n")
    }

    func testOTIOStructure() throws {
        let text = try Self.timeline().render(.otio)
        let root = try JSONReader.parse(text)
        XCTAssertEqual(root.member("OTIO_SCHEMA")?.value, .string("Timeline.1"))
        XCTAssertEqual(root.member("name")?.value, .string("Test selects"))
        guard case .object = root.member("global_start_time")?.value,
              case .array(let tracks) = root.member("tracks")?.value.member("children")?.value,
              case .array(let clips) = tracks.first?.member("children")?.value else { return XCTFail(text) }
        XCTAssertEqual(root.member("tracks")?.value.member("OTIO_SCHEMA")?.value, .string("Stack.1"))
        XCTAssertEqual(tracks.first?.member("OTIO_SCHEMA")?.value, .string("Track.1"))
        XCTAssertEqual(tracks.first?.member("kind")?.value, .string("Video"))
        XCTAssertEqual(clips.count, 2)
        let first = clips[0]
        XCTAssertEqual(first.member("OTIO_SCHEMA")?.value, .string("Clip.2"))
        let range = first.member("source_range")?.value
        XCTAssertEqual(range?.member("start_time")?.value.member("value")?.value, .number("900300.0"))
        XCTAssertEqual(range?.member("duration")?.value.member("value")?.value, .number("88.0"))
        XCTAssertEqual(range?.member("duration")?.value.member("rate")?.value, .number("25.0"))
        let reference = first.member("media_references")?.value.member("DEFAULT_MEDIA")?.value
        XCTAssertEqual(reference?.member("OTIO_SCHEMA")?.value, .string("ExternalReference.1"))
        XCTAssertEqual(reference?.member("target_url")?.value, .string("file:///media/hillside-03.mov"))
        XCTAssertEqual(reference?.member("available_range")?.value, .null)   // the interview's end is unknown here
        XCTAssertEqual(first.member("metadata")?.value.member("soundbite")?.value.member("speaker")?.value, .string("Ruth Okafor"))
        XCTAssertTrue(text.contains("\"rate\": 25.0"))
    }

    /// One clip, 1–2 s of a 3-second interview at 25 fps: source frames 25–50,
    /// available range 0–75, the timeline starting at frame 90,000 (01:00:00:00).
    func testOTIOByteForByte() throws {
        var a = Select(interview: "x", start: 1, end: 2)
        a.speaker = "Ada"
        a.interviewEnd = 3
        let t = try Timeline(selects: [a], options: TimelineOptions(rate: .fps25, title: "T"))
        let time = { (v: String) in "{\n\"OTIO_SCHEMA\": \"RationalTime.1\",\n\"rate\": 25.0,\n\"value\": \(v)\n}" }
        let range = { (start: String, duration: String) in
            "{\n\"OTIO_SCHEMA\": \"TimeRange.1\",\n\"duration\": \(time(duration)),\n\"start_time\": \(time(start))\n}"
        }
        let expected = """
        {
        "OTIO_SCHEMA": "Timeline.1",
        "metadata": {
        "soundbite": {
        "frame_rate": "25"
        }
        },
        "name": "T",
        "global_start_time": \(time("90000.0")),
        "tracks": {
        "OTIO_SCHEMA": "Stack.1",
        "metadata": {},
        "name": "tracks",
        "source_range": null,
        "effects": [],
        "markers": [],
        "enabled": true,
        "children": [
        {
        "OTIO_SCHEMA": "Track.1",
        "metadata": {},
        "name": "V1",
        "source_range": null,
        "effects": [],
        "markers": [],
        "enabled": true,
        "children": [
        {
        "OTIO_SCHEMA": "Clip.2",
        "metadata": {
        "soundbite": {
        "interview": "x",
        "title": "",
        "speaker": "Ada",
        "role": "",
        "chapter": "",
        "quote": "",
        "label": "",
        "note": "",
        "reel": "X",
        "start": 1.0,
        "end": 2.0
        }
        },
        "name": "Ada \u{2013} x",
        "source_range": \(range("25.0", "25.0")),
        "effects": [],
        "markers": [],
        "enabled": true,
        "media_references": {
        "DEFAULT_MEDIA": {
        "OTIO_SCHEMA": "ExternalReference.1",
        "metadata": {},
        "name": "x",
        "available_range": \(range("0.0", "75.0")),
        "available_image_bounds": null,
        "target_url": "x"
        }
        },
        "active_media_reference_key": "DEFAULT_MEDIA"
        }
        ],
        "kind": "Video"
        }
        ]
        }
        }

        """
        // Compared without indentation (the writer indents by 4 per level, as otio does).
        let written = t.render(.otio).split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.drop { $0 == " " } }.joined(separator: "\n")
        XCTAssertEqual(written, expected)
        XCTAssertTrue(t.render(.otio).contains("\n                \"OTIO_SCHEMA\": \"Track.1\""))
    }

    /// Handles widen each select but stop at 0 and at the interview's end.
    func testHandlesAreClampedToTheMedia() throws {
        var a = Select(interview: "x", start: 0.5, end: 9)
        a.interviewEnd = 10
        let t = try Timeline(selects: [a], options: TimelineOptions(rate: .fps25, handles: 2))
        XCTAssertEqual(t.clips[0].sourceIn.frame, 0)          // 0.5 − 2 → 0
        XCTAssertEqual(t.clips[0].sourceOut.frame, 250)       // 9 + 2 → 10 s
        XCTAssertEqual(t.clips[0].mediaEnd?.frame, 250)
        let open = try Timeline(selects: [Select(interview: "x", start: 5, end: 6)], options: TimelineOptions(rate: .fps25, handles: 2))
        XCTAssertEqual(open.clips[0].sourceIn.frame, 75)
        XCTAssertEqual(open.clips[0].sourceOut.frame, 200)
        // A zero-length select still lasts one frame.
        let point = try Timeline(selects: [Select(interview: "x", start: 5, end: 5)])
        XCTAssertEqual(point.clips[0].frames, 1)
    }

    /// 1,080 back-to-back 10-second selects are 3 hours: at 29.97 DF the
    /// timeline ends exactly 323,676 frames (03:00:00;00 of labels) after
    /// 01:00:00;00, i.e. on 04:00:00;00. Adding 10 s = 299.7 frames rounded to
    /// 300 per clip would have drifted by 324 frames.
    func testThreeHoursDoNotDrift() throws {
        let selects = (0..<1080).map { Select(interview: "long", start: Double($0) * 10, end: Double($0) * 10 + 10) }
        let t = try Timeline(selects: selects, options: TimelineOptions(rate: .fps29_97DF))
        XCTAssertEqual(t.recordEnd.frame - t.recordStart.frame, 323_676)
        XCTAssertEqual(t.recordEnd.description, "04:00:00;00")
        XCTAssertEqual(t.clips.last?.sourceOut.description, "03:00:00;00")
        XCTAssertEqual(Set(t.clips.map(\.frames)), [299, 300])
        // The last clip starts at frame round(10790 × 29.97…) = 323,377 = 10790.0126 s.
        XCTAssertTrue(t.render(.vtt).hasSuffix("\n02:59:50.013 --> 02:59:59.989\nlong\n"))
        let at25 = try Timeline(selects: selects, options: TimelineOptions(rate: .fps25))
        XCTAssertEqual(at25.recordEnd.description, "04:00:00:00")
    }

    func testReelsAreUniqueAndShort() {
        var reels = ReelNames()
        XCTAssertEqual(reels.name(for: "hillside-03"), "HILLSIDE")
        XCTAssertEqual(reels.name(for: "hillside-04"), "HILLSID2")
        XCTAssertEqual(reels.name(for: "hillside-03"), "HILLSIDE")
        XCTAssertEqual(reels.name(for: "ab"), "AB")
        XCTAssertEqual(reels.name(for: "a-b"), "AB2")
        XCTAssertEqual(reels.name(for: "—"), "REEL")
        for k in 0..<200 { XCTAssertLessThanOrEqual(reels.name(for: "hillside-\(k)x").count, 8) }
    }

    func testBadMediaTimecodeOrRateIsAnError() {
        var a = Select(interview: "x", start: 1, end: 2)
        a.mediaFrameRate = "31"
        a.line = 4
        XCTAssertThrowsError(try Timeline(selects: [a], file: "in.csv")) { e in
            XCTAssertTrue("\(e)".hasPrefix("in.csv:4: interview x: fps “31” is not a frame rate"), "\(e)")
        }
        a.mediaFrameRate = "25"
        a.mediaTimecode = "10:00:00:25"
        XCTAssertThrowsError(try Timeline(selects: [a], file: "in.csv")) { e in
            XCTAssertTrue("\(e)".contains("is not HH:MM:SS:FF at 25 fps"), "\(e)")
        }
    }
}
