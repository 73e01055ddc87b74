import Foundation
import XCTest
@testable import Soundbite
import SoundbiteTestSupport

/// Word documents through the whole ingest path: detected from their bytes,
/// their paragraphs read by the same text-layout readers as a `.txt`.
final class DocxIngestTests: XCTestCase {
    func assemble(_ name: String, bytes: [UInt8]? = nil, limits: IngestLimits = .standard)
        throws -> (interview: Interview?, diagnostics: [Diagnostic]) {
        let data = try bytes ?? DocxDocumentTests.fixture(name)
        let assembler = InterviewAssembler(limits: limits, collectionRoles: RoleMap())
        return assembler.assemble(InterviewAssembler.Source(relativePath: name, format: nil, bytes: data,
                                                            chapterTrack: nil, entry: nil))
    }

    /// `start speaker: text` of every cue.
    func cues(_ interview: Interview?) -> [String] {
        (interview?.cues ?? []).map { "\($0.start) \($0.speaker): \($0.text)" }
    }

    static func words(_ texts: [String]) -> Int {
        texts.reduce(0) { $0 + $1.split(whereSeparator: { $0 == " " || $0 == "\t" }).count }
    }

    func testOtterExport() throws {
        for name in ["otter.docx", "otter-linebreaks.docx"] {
            let (interview, diagnostics) = try assemble(name)
            XCTAssertEqual(diagnostics, [], diagnosticsText(diagnostics))
            XCTAssertEqual(interview?.format, .docx)
            let expected = [
                "1.0 Ruth Okafor: Thanks for coming in. Could you start with how the laptops first arrived at Hillside?",
                "9.0 Amit Varma: They came in the spring term, about ninety of them, and nobody had planned where to charge them.",
                "24.0 Ruth Okafor: So what did you do?",
                "27.0 Amit Varma: We turned the old library into a charging room. The children called it the garage, and the name stuck for years.",
                "3598.0 Ruth Okafor: And the parents?",
                "3603.0 Amit Varma: Parents came to evening sessions. Some of them learned to email their own families abroad for the first time.",
            ]
            XCTAssertEqual(cues(interview), expected, name)
            // Title, date and "Transcribed by" are not speech: the words are exactly the turns'.
            XCTAssertEqual(Self.words(interview!.cues.map(\.text)), 81, name)
            for cue in interview!.cues { XCTAssertGreaterThanOrEqual(cue.end, cue.start) }
        }
    }

    func testRevExport() throws {
        let (interview, diagnostics) = try assemble("rev.docx")
        XCTAssertEqual(diagnostics, [], diagnosticsText(diagnostics))
        XCTAssertEqual(cues(interview), [
            "2.0 Priya Nair: Hello, and thank you for having me. I have been looking forward to this.",
            "11.0 Tom Mercer: Let's begin with the bus. How did the children get to the new site every morning?",
            "19.0 Priya Nair: There was one bus for the whole village and it left at seven.",
            "65.0 Tom Mercer: Seven is early.",
            "68.0 Priya Nair: Very early, but the drivers knew every family by name.",
        ])
        // No tag, no title, no file name, nothing of the page header or footer.
        XCTAssertEqual(Self.words(interview!.cues.map(\.text)), 56)
    }

    func testPlainTextTypedInWord() throws {
        let (interview, diagnostics) = try assemble("plain.docx")
        XCTAssertEqual(diagnostics, [], diagnosticsText(diagnostics))
        XCTAssertEqual(cues(interview), [
            "5.0 Zoë Turner: We made a film about the river and showed it at assembly.",
            "12.0 Interviewer: Who held the camera?",
            "15.0 Zoë Turner: Everyone took turns, even the teachers.",
        ])
    }

    func testEveryWordOfTheFeatureDocumentIsKept() throws {
        let (interview, diagnostics) = try assemble("features.docx")
        XCTAssertEqual(diagnostics, [], diagnosticsText(diagnostics))
        let text = interview!.cues.map(\.text).joined(separator: " ")
        for phrase in ["Tracked, the new plan.", "Page 7 of 9", "first line", "third line", "Kestrel school",
                       "Controlled content", "We planted a garden.", "Boxed words", "Fish & chips <cheap>", "laptops",
                       "Siobhán said naïve café"] {
            XCTAssertTrue(text.contains(phrase), "\(phrase) missing from \(text)")
        }
        XCTAssertFalse(text.contains("old"))
        XCTAssertEqual(text.components(separatedBy: "Boxed words").count, 2, "the text box is read once")
        XCTAssertEqual(text.components(separatedBy: "moved words").count, 2, "a move is read once")
    }

    func testDetectedFromTheContentWhateverTheName() throws {
        let bytes = try DocxDocumentTests.fixture("rev.docx")
        let (interview, _) = try assemble("exports/interview.bin", bytes: bytes)
        XCTAssertEqual(interview?.format, .docx)
        XCTAssertEqual(interview?.cues.count, 5)
    }

    func testDamagedDocxIsAnErrorNamingTheFile() throws {
        var bytes = try DocxDocumentTests.fixture("otter.docx")
        let archive = try ZipArchive(bytes)
        let entry = archive.entry(named: "word/document.xml")!
        bytes[Int(entry.localHeaderOffset) + 30 + entry.name.utf8.count + 40] ^= 0x55
        let (interview, diagnostics) = try assemble("otter.docx", bytes: bytes)
        XCTAssertNil(interview)
        let d = expectOne(diagnostics, containing: "not a readable Word document", file: "otter.docx", line: 0, severity: .error)
        XCTAssertTrue(d?.message.contains("word/document.xml") ?? false, d?.message ?? "")
    }

    func testTruncatedDocxIsAnError() throws {
        let bytes = try DocxDocumentTests.fixture("rev.docx")
        let (interview, diagnostics) = try assemble("rev.docx", bytes: Array(bytes.prefix(bytes.count / 2)))
        XCTAssertNil(interview)
        expectOne(diagnostics, containing: "not a readable Word document", severity: .error)
    }

    func testZipBombInADocxIsRefused() throws {
        // A document part that claims 200 MB from 50 bytes: refused before inflating.
        var w = ZipWriter()
        w.entries = [ZipWriter.Entry(name: "word/document.xml", data: Array("<w:document/>".utf8),
                                     uncompressedSize: 200_000_000)]
        let (interview, diagnostics) = try assemble("bomb.docx", bytes: w.bytes)
        XCTAssertNil(interview)
        let d = expectOne(diagnostics, containing: "zip bomb", severity: .error)
        XCTAssertTrue(d?.message.contains("word/document.xml") ?? false)
    }

    func testDocumentPartCutShortKeepsItsParagraphs() throws {
        let xml = "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>"
            + "<w:p><w:r><w:t>Sam: The first words survive.</w:t></w:r></w:p><w:p><w:r><w:t>Guest 1: These too"
        var w = ZipWriter()
        w.entries = [ZipWriter.Entry(name: "word/document.xml", data: Array(xml.utf8))]
        let (interview, diagnostics) = try assemble("cut.docx", bytes: w.bytes)
        XCTAssertEqual(cues(interview), ["0.0 Sam: The first words survive.", "0.0 Guest 1: These too"])
        expectOne(diagnostics, containing: "word/document.xml is damaged", file: "cut.docx", line: 3)
    }

    func testOverlongParagraphIsSkippedWithAWarning() throws {
        let long = String(repeating: "word ", count: 100)
        let xml = "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>"
            + "<w:p><w:r><w:t>Sam: short</w:t></w:r></w:p><w:p><w:r><w:t>\(long)</w:t></w:r></w:p></w:body></w:document>"
        var w = ZipWriter()
        w.entries = [ZipWriter.Entry(name: "word/document.xml", data: Array(xml.utf8))]
        let (interview, diagnostics) = try assemble("long.docx", bytes: w.bytes, limits: IngestLimits(maxLineBytes: 200))
        XCTAssertEqual(cues(interview), ["0.0 Sam: short"])
        expectOne(diagnostics, containing: "paragraph is 500 bytes", file: "long.docx", line: 2)
    }

    func testALongHeadingIsKeptAsWords() {
        let heading = (1...9).map { "Heading paragraph \($0)" }
        let turns = ["Ruth Okafor  0:01", "Hello there.", "Sam  0:05", "Hi."]
        XCTAssertEqual(DocxDocument.withoutHeading(heading + turns), heading + turns)
        let short = Array(heading.prefix(3))
        XCTAssertEqual(DocxDocument.withoutHeading(short + turns), ["", "", ""] + turns)
        // Plain text has no heading to drop.
        XCTAssertEqual(DocxDocument.withoutHeading(short + ["Sam: hi", "Ruth: hello"]), short + ["Sam: hi", "Ruth: hello"])
    }
}
