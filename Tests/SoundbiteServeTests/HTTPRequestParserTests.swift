import XCTest
@testable import SoundbiteServe

/// The request parser on bytes: framing, limits and the status of each refusal.
final class HTTPRequestParserTests: XCTestCase {
    let parser = HTTPRequestParser()

    func parse(_ text: String, _ parser: HTTPRequestParser? = nil) -> HTTPParseResult {
        (parser ?? self.parser).parse(Array(text.utf8))
    }

    func status(_ text: String, _ parser: HTTPRequestParser? = nil, file: StaticString = #filePath, line: UInt = #line) -> Int? {
        if case .failure(let e) = parse(text, parser) { return e.status }
        return nil
    }

    func request(_ text: String, file: StaticString = #filePath, line: UInt = #line) throws -> (HTTPRequest, Int) {
        guard case .request(let r, let consumed) = parse(text) else {
            XCTFail("not a request: \(parse(text))", file: file, line: line)
            throw MissingResponse()
        }
        return (r, consumed)
    }

    func testAGetWithHeadersAndQuery() throws {
        let text = "GET /api/search?q=laptops+home&role=head%20teacher HTTP/1.1\r\nHost: x\r\nAccept:  */*  \r\n\r\n"
        let (r, consumed) = try request(text)
        XCTAssertEqual(consumed, text.utf8.count)
        XCTAssertEqual(r.method, "GET")
        XCTAssertEqual(r.path, "/api/search")
        XCTAssertEqual(r.query, "q=laptops+home&role=head%20teacher")
        XCTAssertEqual(r.minorVersion, 1)
        XCTAssertEqual(r.header("accept"), "*/*")
        XCTAssertEqual(r.header("HOST"), "x")
        XCTAssertTrue(r.keepAlive)
        let p = try r.parameters()
        XCTAssertEqual(p["q"], "laptops home")
        XCTAssertEqual(p["role"], "head teacher")
    }

    func testBareLineFeedsAndLeadingEmptyLinesAreAccepted() throws {
        let (r, _) = try request("\r\n\nGET / HTTP/1.0\nUser-Agent: t\n\n")
        XCTAssertEqual(r.minorVersion, 0)
        XCTAssertFalse(r.keepAlive)
        XCTAssertEqual(r.header("user-agent"), "t")
    }

    func testKeepAliveFollowsVersionAndConnection() throws {
        XCTAssertFalse(try request("GET / HTTP/1.1\r\nHost: x\r\nConnection: Close\r\n\r\n").0.keepAlive)
        XCTAssertTrue(try request("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n").0.keepAlive)
    }

    func testABodyIsFramedByContentLengthAndPipelinedBytesAreLeft() throws {
        let first = "POST /api/selects HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello"
        let (r, consumed) = try request(first + "GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        XCTAssertEqual(r.body, Array("hello".utf8))
        XCTAssertEqual(consumed, first.utf8.count)
    }

    func testEveryPrefixOfAValidRequestIsIncomplete() {
        let text = Array("POST /a?b=c HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc".utf8)
        for n in 0..<text.count {
            XCTAssertEqual(parser.parse(Array(text[..<n])), .incomplete, "prefix of \(n) bytes")
        }
    }

    func testRefusals() {
        XCTAssertEqual(status("GET / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"), 411)
        XCTAssertEqual(status("GET / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n"), 501)
        XCTAssertEqual(status("GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\n"), 400)
        XCTAssertEqual(status("GET / HTTP/1.1\r\nHost: x\r\nContent-Length: -3\r\n\r\n"), 400)
        XCTAssertEqual(status("GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999999\r\n\r\n"), 400)
        XCTAssertEqual(status("GET / HTTP/1.1\r\n\r\n"), 400)                              // no Host
        XCTAssertEqual(status("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n"), 400)
        XCTAssertEqual(status("GET / HTTP/2.0\r\nHost: x\r\n\r\n"), 505)
        XCTAssertEqual(status("GET / HTTQ/1.1\r\nHost: x\r\n\r\n"), 400)
        XCTAssertEqual(status("GET /a b HTTP/1.1\r\nHost: x\r\n\r\n"), 400)
        XCTAssertEqual(status("GET http://x/ HTTP/1.1\r\nHost: x\r\n\r\n"), 400)             // only origin-form
        XCTAssertEqual(status("GET /%zz HTTP/1.1\r\nHost: x\r\n\r\n"), 400)
        XCTAssertEqual(status("GET /%00 HTTP/1.1\r\nHost: x\r\n\r\n"), 400)
        XCTAssertEqual(status("GET / HTTP/1.1\r\nHost: x\r\n folded\r\n\r\n"), 400)
        XCTAssertEqual(status("GET / HTTP/1.1\r\nHost : x\r\n\r\n"), 400)
        XCTAssertEqual(status("GET / HTTP/1.1\r\nHost: x\u{1}y\r\n\r\n"), 400)
        XCTAssertEqual(status("\u{1}GET / HTTP/1.1\r\n"), 400)                                 // fails before the line ends
        XCTAssertEqual(status("G(T / HTTP/1.1\r\n"), 400)
    }

    func testLimitsGiveTheirStatusEvenBeforeTheLineEnds() {
        let small = HTTPRequestParser(limits: HTTPLimits(maxRequestLineBytes: 40, maxHeaderCount: 3, maxHeaderBytes: 60, maxBodyBytes: 10))
        XCTAssertEqual(status("GET /" + String(repeating: "a", count: 50) + " HTTP/1.1\r\nHost: x\r\n\r\n", small), 414)
        XCTAssertEqual(status("GET /" + String(repeating: "a", count: 50), small), 414)     // no line end yet
        XCTAssertEqual(status("GET / HTTP/1.1\r\nHost: x\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n", small), 431)
        XCTAssertEqual(status("GET / HTTP/1.1\r\nHost: x\r\nA: 1\r\nB: 2\r\nC", small), 431)
        XCTAssertEqual(status("GET / HTTP/1.1\r\nHost: x\r\nA: " + String(repeating: "v", count: 70), small), 431)
        XCTAssertEqual(status("GET / HTTP/1.1\r\nHost: x\r\nA: " + String(repeating: "v", count: 70) + "\r\n\r\n", small), 431)
        XCTAssertEqual(status("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 11\r\n\r\n", small), 413)
        XCTAssertEqual(parse("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n", small), .incomplete)
    }

    func testQueryParameters() throws {
        let p = try QueryParameters("q=a+b%2Bc&role=x&role=y&empty=&flag&=v&&where=school%3Dhill")
        XCTAssertEqual(p["q"], "a b+c")
        XCTAssertEqual(p.all("role"), ["x", "y"])
        XCTAssertEqual(p["empty"], "")
        XCTAssertEqual(p["flag"], "")
        XCTAssertEqual(p[""], "v")
        XCTAssertEqual(p["where"], "school=hill")
        XCTAssertEqual(p.names, ["q", "role", "empty", "flag", "", "where"])
        XCTAssertEqual(try QueryParameters("q=%C3%A9t%C3%A9")["q"], "été")
        XCTAssertThrowsError(try QueryParameters("q=%C3"))          // not UTF-8
        XCTAssertThrowsError(try QueryParameters("q=%4"))
        XCTAssertThrowsError(try QueryParameters("q=%g0"))
    }
}
