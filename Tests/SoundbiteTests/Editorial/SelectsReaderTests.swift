import XCTest
@testable import Soundbite

/// Reading selects from search JSON, JSON lines and CSV, and the errors bad input gets.
final class SelectsReaderTests: XCTestCase {
    let reader = SelectsReader()

    func testSearchResultsObject() throws {
        let json = """
        {"query": "laptops", "total": 2, "hits": [
          {"rank": 1, "interview": "hillside-03", "title": "Hillside", "speaker": "Ruth Okafor", "role": "head teacher",
           "chapter": "Use of ICT", "start": 12.5, "end": 15, "text": "The laptops went home.", "document": 7,
           "media": "https://example.org/h3.mp4#t=12.5", "fields": {"fps": "29.97df", "timecode": "10:00:00;00", "school": "Hillside"}},
          {"interview": "riverside-01", "start": 1, "end": 2, "label": "opening"}
        ], "facets": {}}
        """
        let s = try reader.read(json, file: "hits.json")
        XCTAssertEqual(s.count, 2)
        XCTAssertEqual(s[0].interview, "hillside-03")
        XCTAssertEqual(s[0].start, 12.5)
        XCTAssertEqual(s[0].media, "https://example.org/h3.mp4")
        XCTAssertEqual(s[0].mediaFrameRate, "29.97df")
        XCTAssertEqual(s[0].mediaTimecode, "10:00:00;00")
        XCTAssertEqual(s[0].quote, "The laptops went home.")
        XCTAssertEqual(s[0].document, 7)
        XCTAssertEqual(s[0].line, 2)
        XCTAssertEqual(s[1].label, "opening")
        XCTAssertEqual(s[1].line, 5)
    }

    func testJSONLinesAndArrays() throws {
        let lines = "{\"interview\":\"a\",\"start\":1,\"end\":2}\r\n\n{\"interview\":\"b\",\"start\":3,\"end\":4}\n"
        let s = try reader.read(lines, file: "-")
        XCTAssertEqual(s.map(\.interview), ["a", "b"])
        XCTAssertEqual(s.map(\.line), [1, 3])
        XCTAssertEqual(try reader.read(#"[{"interview":"a","start":1,"end":2}]"#, file: "x").count, 1)
        XCTAssertEqual(try reader.read(#"{"interview":"a","start":1,"end":2}"#, file: "x").count, 1)
    }

    func testCSVWithAndWithoutHeader() throws {
        let withHeader = "note,interview,end,start,label\r\n\"she says \"\"home\"\"\",hillside-03,00:00:15.000,12.5,\"Ruth, laptops\"\r\n"
        let a = try reader.read(withHeader, file: "s.csv")
        XCTAssertEqual(a.count, 1)
        XCTAssertEqual(a[0].interview, "hillside-03")
        XCTAssertEqual(a[0].start, 12.5)
        XCTAssertEqual(a[0].end, 15)
        XCTAssertEqual(a[0].label, "Ruth, laptops")
        XCTAssertEqual(a[0].note, "she says \"home\"")
        XCTAssertEqual(a[0].line, 2)
        let plain = try reader.read("a,1,2\nb, 0:03.5 , 1:02:03\n", file: "s.csv")
        XCTAssertEqual(plain.map(\.end), [2, 3723])
        XCTAssertEqual(plain[1].start, 3.5)
        XCTAssertEqual(plain[1].line, 2)
    }

    func testErrorsNameTheLine() {
        func message(_ text: String) -> String {
            do { _ = try reader.read(text, file: "in"); return "no error" } catch { return error.description }
        }
        XCTAssertEqual(message(""), "in: no selects: the input is empty")
        XCTAssertEqual(message("a,1,2\nb,x,3\n"), "in:2: start \u{201C}x\u{201D} is not a time; write seconds (123.45) or HH:MM:SS.mmm")
        XCTAssertEqual(message("a,1,2\nb,-1,3\n"), "in:2: start -1.0 is negative; times start at 0")
        XCTAssertEqual(message("a,5,2\n"), "in:1: end 2.0 is before start 5.0")
        XCTAssertEqual(message("a,1\n"), "in:1: expected interview,start,end[,label,note], found 2 fields")
        XCTAssertEqual(message("a,\"1,2\n"), "in:1: not valid CSV: a quoted field is not closed before the end of the file")
        XCTAssertEqual(message("name,from,to\na,1,2\n"),
                       "in:1: a CSV header needs the columns interview, start and end (label and note are optional); found name,from,to")
        XCTAssertTrue(message("{\"hits\": [{\"interview\": \"a\", \"start\": 1,").hasPrefix("in:1: not valid JSON"))
        XCTAssertEqual(message("{\"interview\":\"a\",\"start\":1,\"end\":2}\n{\"interview\":\"b\",\"start\":1\n"),
                       "in:2: not a JSON line (column 27: expected \u{201C},\u{201D} or \u{201C}}\u{201D}, found the end of the file)")
        XCTAssertEqual(message("{\"hits\":[{\"start\":1,\"end\":2}]}"), "in:1: the hit has no \u{201C}interview\u{201D}")
        XCTAssertEqual(message("{\"interview\":\"a\",\n\"start\":\"one\",\"end\":2}"),
                       "in:2: \u{201C}start\u{201D} should be a number of seconds, found a string")
        XCTAssertEqual(message("{\"interview\":\"a\",\"start\":1e400,\"end\":2}"), "in:1: start 1e400 is not a finite number of seconds")
        XCTAssertEqual(message("{\"interview\":\"a\",\"start\":1e300,\"end\":1e301}"),
                       "in:1: start 1e300 is too large (more than 360000000 seconds)")
        XCTAssertEqual(message("{\"hits\": 3}"), "in:1: \u{201C}hits\u{201D} should be an array, found a number")
        XCTAssertEqual(message("[3]"), "in:1: a hit should be an object, found a number")
        XCTAssertEqual(message("{\"hits\": []}"), "in: no selects: the input holds no hits or rows")
    }

    func testLimits() {
        var tight = SelectsReader()
        tight.maxSelects = 2
        XCTAssertThrowsError(try tight.read("a,1,2\na,1,2\na,1,2\n", file: "in")) { XCTAssertTrue("\($0)".contains("more than 2 selects")) }
        XCTAssertThrowsError(try tight.read("[{\"interview\":\"a\",\"start\":1,\"end\":2},{\"interview\":\"a\",\"start\":1,\"end\":2},{\"interview\":\"a\",\"start\":1,\"end\":2}]", file: "in"))
        tight.maxJSONDepth = 3
        XCTAssertThrowsError(try tight.read(String(repeating: "[", count: 10_000), file: "in"))
        tight.maxBytes = 10
        XCTAssertThrowsError(try tight.read("a,1,2\na,1,2\n", file: "in")) { XCTAssertTrue("\($0)".contains("more than the limit")) }
    }

    func testCSVFieldQuoting() throws {
        XCTAssertEqual(CSV.field("plain"), "plain")
        XCTAssertEqual(CSV.field("a,b"), "\"a,b\"")
        XCTAssertEqual(CSV.field("say \"hi\""), "\"say \"\"hi\"\"\"")
        XCTAssertEqual(CSV.field("two\nlines"), "\"two\nlines\"")
        let records = try CSV.parse(Array("\"two\nlines\",x\r\n\r\ny,\"\"\n".utf8))
        XCTAssertEqual(records, [CSV.Record(fields: ["two\nlines", "x"], line: 1), CSV.Record(fields: ["y", ""], line: 4)])
        XCTAssertThrowsError(try CSV.parse(Array("a\"b\n".utf8)))
        XCTAssertThrowsError(try CSV.parse(Array("\"a\"b\n".utf8)))
    }
}
