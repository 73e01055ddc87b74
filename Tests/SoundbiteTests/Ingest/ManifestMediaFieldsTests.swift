import XCTest
@testable import Soundbite

/// The manifest's media `timecode` and `fps`, per collection or interview.
final class ManifestMediaFieldsTests: XCTestCase {
    func testCollectionValuesApplyUnlessTheEntryHasItsOwn() {
        let manifest = """
        { "fps": "29.97df", "timecode": "01:00:00;00",
          "interviews": { "a.vtt": { "timecode": "10:00:00;00" }, "b.vtt": { "fps": "25", "timecode": "00:59:59:24" } } }
        """
        let cue = "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nHello there.\n"
        let c = CollectionReader().read(name: "m", transcripts: [("a.vtt", cue), ("b.vtt", cue), ("c.vtt", cue)], manifest: manifest)
        XCTAssertEqual(c.diagnostics, [])
        let fields = Dictionary(uniqueKeysWithValues: c.interviews.map { ($0.id, $0.fields) })
        XCTAssertEqual(fields["a"], ["fps": "29.97df", "timecode": "10:00:00;00"])
        XCTAssertEqual(fields["b"], ["fps": "25", "timecode": "00:59:59:24"])
        XCTAssertEqual(fields["c"], ["fps": "29.97df", "timecode": "01:00:00;00"])
    }

    func testBadValuesWarnWithTheLine() {
        let manifest = """
        { "fps": "31",
          "interviews": {
            "a.vtt": { "fps": "25", "timecode": "10:00:00:25" },
            "b.vtt": { "fps": "29.97df", "timecode": "00:01:00;00" } } }
        """
        let result = Manifest.parse(manifest)
        XCTAssertEqual(result.diagnostics.map(\.line), [1, 3, 4])
        XCTAssertTrue(result.diagnostics[0].message.hasPrefix("\u{201C}fps\u{201D} \u{201C}31\u{201D} is not a frame rate"), result.diagnostics[0].message)
        XCTAssertTrue(result.diagnostics[1].message.contains("is not HH:MM:SS:FF at 25 fps"))
        XCTAssertTrue(result.diagnostics[2].message.contains("\u{201C}00:01:00;00\u{201D} is not HH:MM:SS:FF at 29.97 DF fps"))
    }

    /// A changed collection frame rate changes every interview's manifest hash, so an update re-reads them.
    func testCollectionFieldsAreInTheManifestHash() {
        let plain = InterviewAssembler(limits: .standard, collectionRoles: RoleMap())
        let at25 = InterviewAssembler(limits: .standard, collectionRoles: RoleMap(), collectionFields: ["fps": "25"])
        let at30 = InterviewAssembler(limits: .standard, collectionRoles: RoleMap(), collectionFields: ["fps": "30"])
        let hashes = Set([plain, at25, at30].map { $0.manifestHash(entry: nil) })
        XCTAssertEqual(hashes.count, 3)
    }
}
