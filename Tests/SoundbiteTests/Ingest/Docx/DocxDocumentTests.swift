import Foundation
import XCTest
@testable import Soundbite
import SoundbiteTestSupport

/// The `.docx` text walk: committed Word packages (written by
/// Fixtures/Docx/make_fixtures.py) and WordprocessingML written inline.
final class DocxDocumentTests: XCTestCase {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/Docx")

    static func fixture(_ name: String) throws -> [UInt8] {
        try [UInt8](Data(contentsOf: fixtures.appendingPathComponent(name)))
    }

    func read(_ name: String) throws -> DocxDocument {
        try DocxDocument.read(try Self.fixture(name), maxPartBytes: 1 << 24)
    }

    /// The lines of a body of WordprocessingML paragraphs.
    func lines(_ body: String, prefix: String = "w",
               namespace: String = "http://schemas.openxmlformats.org/wordprocessingml/2006/main") -> [String] {
        let xml = "<\(prefix):document xmlns:\(prefix)=\"\(namespace)\"><\(prefix):body>\(body)</\(prefix):body></\(prefix):document>"
        let result = WordprocessingText.lines(of: Array(xml.utf8))
        XCTAssertNil(result.error)
        return result.lines
    }

    // MARK: - Fixtures

    func testOtterLayout() throws {
        let doc = try read("otter.docx")
        XCTAssertEqual(doc.partName, "word/document.xml")
        XCTAssertNil(doc.problem)
        XCTAssertEqual(Array(doc.lines.prefix(7)), [
            "Hillside laptops interview",
            "Tue, May 14, 2024 4:02PM \u{2022} 1:01:40",
            "",
            "Ruth Okafor  0:01",
            "Thanks for coming in. Could you start with how the laptops first arrived at Hillside?",
            "",
            "Amit Varma  0:09",
        ])
        XCTAssertEqual(doc.lines.last, "Transcribed by https://otter.ai")
        XCTAssertTrue(doc.lines.contains("Amit Varma  1:00:03"))
    }

    func testOtterWithLineBreaksReadsTheSameLines() throws {
        XCTAssertEqual(try read("otter-linebreaks.docx").lines, try read("otter.docx").lines)
    }

    func testRevLayoutWithoutItsHeaderAndFooter() throws {
        let doc = try read("rev.docx")
        XCTAssertEqual(Array(doc.lines.prefix(5)), [
            "Riverside transport interview",
            "Riverside_transport.mp3",
            "",
            "Priya Nair (00:00:02):",
            "Hello, and thank you for having me. [laughter] I have been looking forward to this.",
        ])
        XCTAssertFalse(doc.text.contains("page header"))
        XCTAssertFalse(doc.text.contains("Footer"))
        XCTAssertEqual(doc.lines.count, 3 + 2 * 5)
    }

    func testWordprocessingFeatures() throws {
        let doc = try read("features.docx")
        XCTAssertEqual(doc.lines, [
            "Tracked, the new plan.",
            "Stay.",
            "moved words",
            "Page 7 of 9",
            "A\tB-C\u{03A9}D",
            "first line", "second line", "third line",
            "Kestrel school",
            "Controlled content",
            "00:00:01\tSam\tWe planted a garden.",
            "00:00:04\tGuest 1\tIt grew.",
            "Boxed words",
            "Anchor text",
            "Fish & chips <cheap>",
            "laptops",
            "",
            "Siobhán said naïve café",
        ])
    }

    func testStrictNamespaceOtherPrefixAndPartNamedByTheRelationships() throws {
        let doc = try read("strict.docx")
        XCTAssertEqual(doc.partName, "word/main.xml")
        XCTAssertEqual(doc.lines, ["Strict namespace text"])
    }

    // MARK: - Inline WordprocessingML

    func testElementsOfOtherNamespacesAreNotWordText() {
        // DrawingML text (a:t) and an undeclared prefix are not w:t.
        XCTAssertEqual(lines("""
        <w:p xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><w:r><w:t>kept</w:t></w:r>\
        <a:r><a:t>chart label</a:t></a:r><x:t>undeclared</x:t></w:p>
        """), ["kept"])
    }

    func testDefaultNamespaceAndRedeclaredPrefixes() {
        XCTAssertEqual(lines("<p xmlns=\"http://purl.oclc.org/ooxml/wordprocessingml/main\"><r><t>default ns</t></r></p>"),
                       ["default ns"])
        // Inside the inner element the prefix w means something else.
        XCTAssertEqual(lines("<w:p><w:r><w:t>a</w:t></w:r><w:r xmlns:w=\"urn:other\"><w:t>b</w:t></w:r><w:r><w:t>c</w:t></w:r></w:p>"),
                       ["ac"])
    }

    func testWhiteSpaceInText() {
        XCTAssertEqual(lines("<w:p><w:r><w:t xml:space=\"preserve\">Jane Doe  </w:t></w:r><w:r><w:t>0:01</w:t></w:r></w:p>"),
                       ["Jane Doe  0:01"])
        // A line end inside the text (pretty-printed XML) is a space, never a new line.
        XCTAssertEqual(lines("<w:p><w:r><w:t>one\ntwo\r\nthree</w:t></w:r></w:p>"), ["one two three"])
    }

    func testNestedTablesJoinIntoTheirCell() {
        XCTAssertEqual(lines("""
        <w:tbl><w:tr><w:tc><w:p><w:r><w:t>outer</w:t></w:r></w:p>\
        <w:tbl><w:tr><w:tc><w:p><w:r><w:t>in1</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>in2</w:t></w:r></w:p></w:tc></w:tr></w:tbl>\
        </w:tc><w:tc><w:p><w:r><w:t>right</w:t></w:r></w:p></w:tc></w:tr></w:tbl>\
        <w:p><w:r><w:t>after</w:t></w:r></w:p>
        """), ["outer in1\tin2\tright", "after"])
    }

    func testBrokenXMLKeepsTheLinesBeforeTheBreak() {
        let xml = "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>"
            + "<w:p><w:r><w:t>first</w:t></w:r></w:p><w:p><w:r><w:t>second half</w:t></w:r></w:q>"
        let result = WordprocessingText.lines(of: Array(xml.utf8))
        XCTAssertEqual(result.lines, ["first", "second half"])
        XCTAssertNotNil(result.error)
    }

    func testDeepNestingIsRefusedNotACrash() {
        let depth = 100_000
        var xml = "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p>"
        xml += String(repeating: "<w:smartTag>", count: depth) + "<w:r><w:t>deep</w:t></w:r>"
        xml += String(repeating: "</w:smartTag>", count: depth) + "</w:p></w:body></w:document>"
        let result = WordprocessingText.lines(of: Array(xml.utf8))
        XCTAssertNotNil(result.error)
        XCTAssertTrue(result.error!.message.contains("deeper"), result.error!.message)
    }

    func testSymbolsThatAreControlCodesAreDropped() {
        // Found by the docx fuzzer: w:char="A" is a line feed, which would split the paragraph.
        XCTAssertEqual(lines("<w:p><w:r><w:t>a</w:t><w:sym w:char=\"A\"/><w:sym w:char=\"0D\"/><w:t>b</w:t><w:sym w:char=\"263A\"/></w:r></w:p>"),
                       ["ab\u{263A}"])
        XCTAssertEqual(lines("<w:p><w:r><w:t>line&#10;feed&#13;return</w:t></w:r></w:p>"), ["line feed return"])
    }

    func testNULInTextBecomesTheReplacementCharacter() {
        XCTAssertEqual(lines("<w:p><w:r><w:t>a\u{0}b</w:t></w:r></w:p>"), ["a\u{FFFD}b"])
    }

    // MARK: - Packages that are not Word documents

    func testArchiveWithoutADocumentPart() throws {
        var w = ZipWriter()
        w.entries = [ZipWriter.Entry(name: "xl/workbook.xml", data: Array("<workbook/>".utf8))]
        XCTAssertThrowsError(try DocxDocument.read(w.bytes, maxPartBytes: 1 << 20)) { error in
            XCTAssertEqual((error as? ZipError)?.reason, .missingEntry("word/document.xml"))
        }
    }

    func testDocumentPartOverTheLimit() throws {
        XCTAssertThrowsError(try DocxDocument.read(try Self.fixture("rev.docx"), maxPartBytes: 1000)) { error in
            guard case .entryTooLarge(let entry, _, 1000)? = (error as? ZipError)?.reason else {
                return XCTFail("\(error)")
            }
            XCTAssertEqual(entry, "word/document.xml")
        }
    }

    func testEveryTruncationOfADocxIsRefused() throws {
        let bytes = try Self.fixture("otter.docx")
        for cut in stride(from: 0, to: bytes.count, by: 7) {
            XCTAssertThrowsError(try DocxDocument.read(Array(bytes[0..<cut]), maxPartBytes: 1 << 20), "cut at \(cut)")
        }
    }
}
