import XCTest
@testable import Soundbite

final class XMLReaderTests: XCTestCase {
    /// Every event as a short string: `<name a=v>`, `</name>`, `"text"`, each with its line.
    private func events(_ xml: String, limits: XMLReader.Limits = .standard) throws -> [String] {
        var reader = XMLReader(Array(xml.utf8), limits: limits)
        var out: [String] = []
        while let event = try reader.next() {
            switch event {
            case .start(let name, let attributes):
                out.append("<\(name)\(attributes.map { " \($0.name)=\($0.value)" }.joined())>@\(reader.line)")
            case .end(let name): out.append("</\(name)>")
            case .text(let text): out.append("\"\(text)\"@\(reader.line)")
            }
        }
        return out
    }

    private func error(_ xml: String, limits: XMLReader.Limits = .standard) -> XMLReader.ParseError? {
        var reader = XMLReader(Array(xml.utf8), limits: limits)
        do {
            while try reader.next() != nil {}
            return nil
        } catch {
            return error
        }
    }

    func testElementsAttributesTextAndLines() throws {
        let xml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <!-- an invented interview -->
        <ROOT xmlns="urn:x">
          <record id='7' dt="2024-05-01">
            <title>Harvest &amp; <![CDATA[<rain>]]> years</title>
            <empty a = "1"/>
          </record>
        </ROOT>
        """
        XCTAssertEqual(try events(xml).filter { !$0.hasPrefix("\"\n") }, [
            "<ROOT xmlns=urn:x>@3",
            "<record id=7 dt=2024-05-01>@4",
            "<title>@5",
            "\"Harvest & <rain> years\"@5",
            "</title>",
            "<empty a=1>@6",
            "</empty>",
            "</record>",
            "</ROOT>",
        ])
    }

    func testReferencesNumericPredefinedUnknownAndBare() throws {
        XCTAssertEqual(try events("<p>caf&#233; &#xE9;t&#xe9; &lt;&gt;&quot;&apos; &nbsp; AT&T &#0; &#xD800; &#99999999;</p>"), [
            "<p>@1", "\"café été <>\"' &nbsp; AT&T \u{FFFD} \u{FFFD} \u{FFFD}\"@1", "</p>",
        ])
        // A character reference is not normalised; a literal tab is.
        XCTAssertEqual(try events("<p t=\"a&amp;b&#10;c\td\"/>"), ["<p t=a&b\nc d>@1", "</p>"])
    }

    func testCommentsInsideTextJoinTheRunAndLineEndsNormalise() throws {
        XCTAssertEqual(try events("<p>one <!-- x -->two\r\nthree\rfour</p>"), [
            "<p>@1", "\"one two\nthree\nfour\"@1", "</p>",
        ])
    }

    func testDoctypeWithInternalSubsetIsSkipped() throws {
        let xml = "<!DOCTYPE r [ <!ENTITY e \"a > b\"> ]>\n<r>x</r>"
        XCTAssertEqual(try events(xml), ["<r>@2", "\"x\"@2", "</r>"])
    }

    func testLocalNamesAndAttributeLookup() throws {
        var reader = XMLReader(Array("<w:t xml:space=\"preserve\"> a </w:t>".utf8))
        guard case .start(let name, let attributes) = try reader.next() else { return XCTFail("expected a start") }
        XCTAssertEqual(XMLEvent.localName(name), "t")
        XCTAssertEqual(attributes.value("space"), "preserve")
        XCTAssertNil(attributes.value("lang"))
        XCTAssertEqual(try reader.next(), .text(" a "))
        XCTAssertEqual(try reader.next(), .end(name: "w:t"))
        XCTAssertNil(try reader.next())
    }

    func testStructuralErrorsCarryTheirLine() {
        let cases: [(String, Int, String)] = [
            ("<a>\n<b>\n</a>", 3, "</a>\u{201D} where \u{201C}</b>"),
            ("<a>\n<b>text", 2, "the file ends inside \u{201C}<b>"),
            ("<a>\n<!-- never closed", 2, "unterminated comment"),
            ("<a><![CDATA[ open", 1, "unterminated CDATA"),
            ("<a x=1/>", 1, "quoted value"),
            ("<a x/>", 1, "expected \u{201C}=\u{201D}"),
            ("<a\n\nx=\"1\"", 3, "ends inside the tag"),
            ("</a>", 1, "closes no open element"),
            ("<1a/>", 1, "may not start with"),
            ("<a>\n<", 2, "at the end of the file"),
            ("<!ELEMENT a>", 1, "after \u{201C}<!"),
            ("<a b=\"1\"c=\"2\"/>", 1, "expected a space"),
            ("<a b=\"<\"/>", 1, "inside the value"),
        ]
        for (xml, line, fragment) in cases {
            guard let e = error(xml) else { XCTFail("no error for \(xml.debugDescription)"); continue }
            XCTAssertEqual(e.line, line, "\(xml.debugDescription): \(e)")
            XCTAssertTrue(e.message.contains(fragment), "\(xml.debugDescription): \(e)")
        }
    }

    func testLimitsOnDepthAttributesAndNames() {
        let deep = String(repeating: "<a>", count: 300) + String(repeating: "</a>", count: 300)
        XCTAssertTrue(error(deep)?.message.contains("nested deeper than 256") ?? false)
        XCTAssertNil(error(deep, limits: XMLReader.Limits(maxDepth: 300)))
        let many = "<a " + (0..<5).map { "k\($0)=\"v\"" }.joined(separator: " ") + "/>"
        XCTAssertTrue(error(many, limits: XMLReader.Limits(maxAttributes: 4))?.message.contains("more than 4 attributes") ?? false)
        XCTAssertNil(error(many, limits: XMLReader.Limits(maxAttributes: 5)))
        let long = "<" + String(repeating: "n", count: 40) + "/>"
        XCTAssertTrue(error(long, limits: XMLReader.Limits(maxNameBytes: 32))?.message.contains("longer than 32") ?? false)
    }

    func testGarbageAndTruncationEndOrThrowWithoutHanging() {
        let sample = Array("<?xml version=\"1.0\"?><r a=\"1\"><p>x &amp; y<![CDATA[z]]><!--c--></p><q/></r>".utf8)
        for cut in 0...sample.count {
            var reader = XMLReader(Array(sample[..<cut]))
            var steps = 0
            do { while try reader.next() != nil { steps += 1; XCTAssertLessThan(steps, 100) } } catch {}
        }
        var seed: UInt64 = 0x5EED
        for _ in 0..<300 {
            var bytes = sample
            for _ in 0..<4 {
                seed = seed &* 6364136223846793005 &+ 1442695040888963407
                bytes[Int(seed >> 33) % bytes.count] = UInt8(truncatingIfNeeded: seed >> 17)
            }
            var reader = XMLReader(bytes)
            var steps = 0
            do { while try reader.next() != nil { steps += 1; XCTAssertLessThan(steps, 200) } } catch {}
        }
    }
}
