import Foundation
import XCTest
import Soundbite

/// Word documents as an embedding tool meets them: a folder read by
/// ``CollectionReader`` and searched, public API only. The held-out set
/// (Tests/SoundbiteTests/Fixtures/Docx/HeldOut, written apart from the
/// development fixtures) must read fully right: speakers, times, every
/// spoken word and nothing else.
final class DocxAPITests: XCTestCase {
    static let heldOut = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("SoundbiteTests/Fixtures/Docx/HeldOut")

    /// The held-out documents copied into a fresh folder, read as one collection.
    static func readHeldOut() throws -> (collection: InterviewCollection, folder: String) {
        let fm = FileManager.default
        let folder = NSTemporaryDirectory() + "soundbite-docx-api-" + UUID().uuidString
        try fm.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for name in try fm.contentsOfDirectory(atPath: heldOut.path) where name.hasSuffix(".docx") {
            try fm.copyItem(atPath: heldOut.appendingPathComponent(name).path, toPath: folder + "/" + name)
        }
        return (CollectionReader().read(folder), folder)
    }

    func testHeldOutExportsReadFullyRight() throws {
        let (collection, folder) = try Self.readHeldOut()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        XCTAssertEqual(collection.diagnostics.map(\.description), [])
        XCTAssertEqual(collection.skippedFiles, [])
        let byID = Dictionary(uniqueKeysWithValues: collection.interviews.map { ($0.id, $0) })
        XCTAssertEqual(Set(byID.keys), ["otter-keywords", "rev-sameline", "descript"])
        func cues(_ id: String) -> [String] {
            (byID[id]?.cues ?? []).map { "\($0.start) \($0.speaker): \($0.text)" }
        }
        XCTAssertEqual(cues("otter-keywords"), [
            "4.0 Inés Dalgaard: The rota started with four families and a shed key.",
            "151.0 Kofi Mensah: Then the seedlings came, two hundred of them.",
            "4242.0 Inés Dalgaard: We still compost every Friday.",
        ])
        XCTAssertEqual(cues("rev-sameline"), [
            "3.0 Speaker 1: We meet on Tuesdays in the church hall.",
            "9.0 Speaker 2: The tenors always arrive late and sing loudly.",
            "75.0 Speaker 1: Nobody minds.",
            "80.0 Speaker 2: It is the best hour of the week.",
        ])
        XCTAssertEqual(cues("descript"), [
            "2.0 Lena Brandt: Our library opens at nine.",
            "6.0 Tariq Aziz: And the reading club meets after school.",
            "90.0 Lena Brandt: Forty children signed up this year.",
        ])
        func words(_ id: String) -> Int {
            (byID[id]?.cues ?? []).reduce(0) { $0 + $1.text.split(separator: " ").count }
        }
        XCTAssertEqual([words("otter-keywords"), words("rev-sameline"), words("descript")], [23, 26, 18])
        for interview in collection.interviews { XCTAssertEqual(interview.format, .docx, interview.id) }
    }

    func testHeldOutExportsAreSearchable() throws {
        let (collection, folder) = try Self.readHeldOut()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let index = SearchIndex(building: [collection])
        let compost = try XCTUnwrap(try index.search("compost").hits.first)
        XCTAssertEqual(compost.speaker, "Inés Dalgaard")
        XCTAssertEqual(compost.start, 4242)
        XCTAssertEqual(compost.interview, "otter-keywords")
        let tenors = try XCTUnwrap(try index.search("\"sing loudly\"").hits.first)
        XCTAssertEqual(tenors.start, 9)
        // Headings, tags, deleted text and Otter's credit are not words of the speech.
        for absent in ["inaudible", "crosstalk", "laughter", "quietly", "keywords", "transcribed", "harbour", "kestrel"] {
            XCTAssertEqual(try index.search(absent).total, 0, absent)
        }
    }

    func testADamagedDocumentIsListedNotLost() throws {
        let fm = FileManager.default
        let folder = NSTemporaryDirectory() + "soundbite-docx-bad-" + UUID().uuidString
        try fm.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? fm.removeItem(atPath: folder) }
        var bytes = try [UInt8](Data(contentsOf: Self.heldOut.appendingPathComponent("descript.docx")))
        try Data(bytes).write(to: URL(fileURLWithPath: folder + "/good.docx"))
        bytes.removeLast(bytes.count / 3)
        try Data(bytes).write(to: URL(fileURLWithPath: folder + "/cut.docx"))
        let collection = CollectionReader().read(folder)
        XCTAssertEqual(collection.interviews.map(\.id), ["good"])
        let errors = collection.diagnostics.filter { $0.severity == .error }
        XCTAssertEqual(errors.map(\.file), ["cut.docx"])
        XCTAssertTrue(errors.first?.message.contains("not a readable Word document") ?? false, errors.first?.message ?? "")
    }
}
