import XCTest
@testable import Soundbite

final class ManifestTests: XCTestCase {
    static let manifestText = """
    {
      "name": "Innovative Schools",
      "unknown": {"ignored": [1, 2, {"deep": null}]},
      "roles": { "Ruth Okafor": "Head Teacher", "Guest*": "guest", "*parent*": "parent" },
      "interviews": {
        "hillside/03-student-experience.vtt": {
          "id": "hillside-03",
          "title": "Hillside Primary: Student Experience",
          "chapter": "Student Experience",
          "media": "https://example.org/video/hillside-03.mp4",
          "date": "2008-06-12",
          "roles": { "Sam": "student", "Guest 2": "inspector" },
          "fields": { "School": "Hillside Primary", "year": 2008, "pilot": true, "none": null },
          "extra": "ignored"
        },
        "./other.srt": { "title": 42, "fields": [] }
      }
    }
    """

    func testParsesEveryKey() {
        let (manifest, diagnostics) = Manifest.parse(Self.manifestText)
        XCTAssertEqual(manifest?.name, "Innovative Schools")
        let entry = manifest?.interviews["hillside/03-student-experience.vtt"]
        XCTAssertEqual(entry?.id, "hillside-03")
        XCTAssertEqual(entry?.title, "Hillside Primary: Student Experience")
        XCTAssertEqual(entry?.chapter, "Student Experience")
        XCTAssertEqual(entry?.media, "https://example.org/video/hillside-03.mp4")
        XCTAssertEqual(entry?.date, "2008-06-12")
        XCTAssertEqual(entry?.fields, ["school": "Hillside Primary", "year": "2008", "pilot": "true"])
        XCTAssertEqual(entry?.line, 6)
        XCTAssertEqual(manifest?.interviews["other.srt"]?.title, "42")
        expectOne(diagnostics, containing: "\u{201C}fields\u{201D} should be an object, found an array", file: "collection.json", line: 16)
        XCTAssertEqual(diagnostics.count, 1, diagnosticsText(diagnostics))
    }

    func testRoleResolutionOrder() {
        let manifest = Manifest.parse(Self.manifestText).manifest!
        let roles = manifest.roles
        XCTAssertEqual(roles.role(for: "Ruth Okafor"), "head teacher")
        XCTAssertEqual(roles.role(for: "RUTH OKAFOR"), "head teacher")
        XCTAssertEqual(roles.role(for: "Guest 2"), "guest")
        XCTAssertEqual(roles.role(for: "guest"), "guest")
        XCTAssertEqual(roles.role(for: "A Parent Of Two"), "parent")
        XCTAssertNil(roles.role(for: "Sam"))
        XCTAssertNil(roles.role(for: ""))
        XCTAssertTrue(Glob.matches(Array("a*b*c"), Array("axxbyyc")))
        XCTAssertFalse(Glob.matches(Array("a*b*c"), Array("axxbyy")))
        XCTAssertTrue(Glob.matches(Array("*"), Array("")))
        XCTAssertFalse(Glob.matches(Array("guest"), Array("guest 2")))
        let exactFirst = RoleMap([("Guest*", "guest"), ("Guest 7", "host")])
        XCTAssertEqual(exactFirst.role(for: "guest 7"), "host")
    }

    func testInterviewsThroughTheReader() {
        let vtt = """
        WEBVTT

        00:01.000 --> 00:02.000
        <v Ruth Okafor>Hello.

        00:02.000 --> 00:03.000
        <v Sam>Hi.

        00:03.000 --> 00:04.000
        <v Guest 2>Inspecting.

        00:04.000 --> 00:05.000
        <v Guest 3>Visiting.

        00:05.000 --> 00:06.000
        <v Nobody>Unknown.

        00:06.000 --> 00:07.000
        <v Sam (Parent)>Inline wins.
        """
        let collection = CollectionReader().read(
            name: "fallback",
            transcripts: [("hillside/03-student-experience.vtt", vtt), ("other.srt", "1\n00:00:01,000 --> 00:00:02,000\nx\n"),
                          ("plain/notes.txt", "hello")],
            manifest: Self.manifestText)
        XCTAssertEqual(collection.name, "Innovative Schools")
        XCTAssertEqual(collection.interviews.map(\.id), ["hillside-03", "other", "plain/notes"])
        XCTAssertEqual(collection.interviews.map(\.title), ["Hillside Primary: Student Experience", "42", "plain/notes"])
        let hillside = collection.interviews[0]
        XCTAssertEqual(hillside.media, "https://example.org/video/hillside-03.mp4")
        XCTAssertEqual(hillside.date, "2008-06-12")
        XCTAssertEqual(hillside.fields, ["school": "Hillside Primary", "year": "2008", "pilot": "true"])
        XCTAssertEqual(hillside.cues.map(cueLine), [
            "1.0-2.0 [Ruth Okafor|head teacher|Student Experience] Hello. @3",
            "2.0-3.0 [Sam|student|Student Experience] Hi. @6",
            "3.0-4.0 [Guest 2|inspector|Student Experience] Inspecting. @9",
            "4.0-5.0 [Guest 3|guest|Student Experience] Visiting. @12",
            "5.0-6.0 [Nobody||Student Experience] Unknown. @15",
            "6.0-7.0 [Sam|parent|Student Experience] Inline wins. @18",
        ])
        XCTAssertEqual(collection.interviews[2].fields, [:])
        XCTAssertEqual(collection.interviews[2].cues.map(cueLine), ["0.0-0.0 [||] hello @1"])
    }

    func testJSONReader() throws {
        let value = try JSONReader.parse(#" {"a": [1, -2.5e3, true, false, null, "x\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00"], "a": 3} "#)
        XCTAssertEqual(value.member("a")?.value, .number("3"))
        guard case .object(let members) = value, case .array(let items) = members[0].value else { return XCTFail() }
        XCTAssertEqual(items, [.number("1"), .number("-2.5e3"), .bool(true), .bool(false), .null, .string("x\"\\/\u{8}\u{C}\n\r\té😀")])
        for (bad, line) in [("{\n\"a\": 1,\n}", 3), ("[1 2]", 1), ("{\"a\" 1}", 1), ("\"abc", 1), ("01", 1), ("{}\n{}", 2), ("", 1), ("[\"\n\"]", 1), ("tru", 1)] {
            XCTAssertThrowsError(try JSONReader.parse(bad), bad) { error in
                XCTAssertEqual((error as? JSONReader.ParseError)?.line, line, "\(bad.debugDescription): \(error)")
            }
        }
        let deep = String(repeating: "[", count: 65) + String(repeating: "]", count: 65)
        XCTAssertThrowsError(try JSONReader.parse(deep))
        XCTAssertNoThrow(try JSONReader.parse(String(repeating: "[", count: 64) + String(repeating: "]", count: 64)))
    }

    func testCanonicalEntryHashIgnoresFormatting() {
        let a = Manifest.parse(#"{"interviews": {"x.vtt": {"title": "T", "fields": {"b": "2", "a": "1"}}}}"#).manifest!
        let b = Manifest.parse("{\n \"interviews\" : {\"./x.vtt\":{\"fields\":{\"a\":\"1\",\"b\":\"2\"},\"title\":\"T\",\"junk\":1}}}").manifest!
        XCTAssertEqual(a.interviews["x.vtt"]?.canonical, b.interviews["x.vtt"]?.canonical)
        let c = Manifest.parse(#"{"interviews": {"x.vtt": {"title": "T2"}}}"#).manifest!
        XCTAssertNotEqual(a.interviews["x.vtt"]?.canonical, c.interviews["x.vtt"]?.canonical)
    }
}
