import Foundation
import XCTest
import Soundbite
import SoundbiteCLI
@testable import SoundbiteServe

/// Every endpoint over a loopback socket: the JSON is byte for byte what the
/// CLI prints, errors carry their status and say what to do.
final class APITests: XCTestCase {
    var fixture: ServerFixture!

    override func setUpWithError() throws { fixture = try ServerFixture() }
    override func tearDown() { fixture = nil }

    func cli(_ args: [String]) -> String {
        let r = SoundbiteCommand.capture(args)
        XCTAssertEqual(r.status, 0, r.err)
        return r.out.hasSuffix("\n") ? String(r.out.dropLast()) : r.out
    }

    func testSearchIsTheCLIsJSON() throws {
        let c = try fixture.client()
        let r = try c.get("/api/search?q=harbour+boats&role=harbour+master&n=3")
        XCTAssertEqual(r.status, 200)
        XCTAssertEqual(r.headers["content-type"], "application/json; charset=utf-8")
        XCTAssertEqual(r.headers["x-content-type-options"], "nosniff")
        XCTAssertEqual(r.headers["cache-control"], "no-store")
        XCTAssertNil(r.headers["access-control-allow-origin"])
        XCTAssertEqual(r.text, cli(["search", "harbour boats", "-i", ServerFixture.harbour, "--role", "harbour master",
                                    "-n", "3", "--format", "json"]))
        let where_ = try c.get("/api/search?q=quay&where=village%3DSt+Kerran&offset=0&rank=bm25")
        XCTAssertEqual(where_.text, cli(["search", "quay", "-i", ServerFixture.harbour, "--where", "village=St Kerran",
                                         "--rank", "bm25", "--format", "json"]))
        XCTAssertEqual(try where_.json()["total"] as? Int, 1)
        let several = try c.get("/api/search?q=the&chapter=weather&chapter=the+ferry&speaker=dora*&interview=ht-03&context=1")
        XCTAssertEqual(several.text, cli(["search", "the", "-i", ServerFixture.harbour, "--chapter", "weather", "--chapter", "the ferry",
                                          "--speaker", "dora*", "--interview", "ht-03", "--context", "1", "--format", "json"]))
    }

    /// `used=unused` / `used=used` are `--unused` / `--used`, on an index file
    /// that records a cut; both values together, or `any`, filter nothing.
    func testUsedAndUnusedAreTheCLIs() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("serve-used-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("harbour.sbx").path
        // The first 20 seconds of the nets interview were used in the cut.
        let marked = ServerFixture.harbourIndex.withUsedRanges(UsedRanges([(interview: "ht-01", range: 0..<20)]))
        try marked.write(to: path)
        let served = try ServerFixture(index: try SearchIndex(contentsOf: path))
        let c = try served.client()
        let all = try c.get("/api/search?q=the&n=50").json()
        let unused = try c.get("/api/search?q=the&n=50&used=unused")
        XCTAssertEqual(unused.status, 200)
        XCTAssertEqual(unused.text, cli(["search", "the", "-i", path, "-n", "50", "--unused", "--format", "json"]))
        let used = try c.get("/api/search?q=the&n=50&used=USED")
        XCTAssertEqual(used.text, cli(["search", "the", "-i", path, "-n", "50", "--used", "--format", "json"]))
        let nUsed = try used.json()["total"] as? Int ?? -1, nUnused = try unused.json()["total"] as? Int ?? -1
        XCTAssertGreaterThan(nUsed, 0)
        XCTAssertGreaterThan(nUnused, 0)
        XCTAssertEqual(nUsed + nUnused, all["total"] as? Int)
        let facet = (all["facets"] as? [String: Any])?["used"] as? [String: Int]
        XCTAssertEqual(facet, ["used": nUsed, "unused": nUnused])
        for hit in try unused.json()["hits"] as? [[String: Any]] ?? [] where hit["interview"] as? String == "ht-01" {
            XCTAssertGreaterThanOrEqual(hit["start"] as? Double ?? 0, 20 - 0.05, "\(hit)")
        }
        XCTAssertEqual(try c.get("/api/search?q=the&n=50&used=used&used=unused").text,
                       try c.get("/api/search?q=the&n=50").text)
        XCTAssertEqual(try c.get("/api/search?q=the&n=50&used=any").text, try c.get("/api/search?q=the&n=50").text)
        let bad = try c.get("/api/search?q=the&used=floor")
        XCTAssertEqual(bad.status, 400)
        XCTAssertTrue(bad.text.contains("used must be one of any, used, unused, got 'floor'"), bad.text)
    }

    func testSearchErrors() throws {
        let c = try fixture.client()
        let syntax = try c.get("/api/search?q=%28nets+OR")
        XCTAssertEqual(syntax.status, 400)
        let body = try syntax.json()
        XCTAssertEqual(body["column"] as? Int, 9)
        XCTAssertTrue((body["error"] as? String ?? "").hasPrefix("query syntax error at column 9"), syntax.text)
        XCTAssertEqual(try c.get("/api/search").status, 400)
        XCTAssertEqual(try c.get("/api/search?q=+").status, 400)
        let unknown = try c.get("/api/search?q=nets&limit=3")
        XCTAssertEqual(unknown.status, 400)
        XCTAssertTrue(unknown.text.contains("unknown parameter 'limit'"), unknown.text)
        XCTAssertEqual(try c.get("/api/search?q=nets&n=1001").status, 400)
        XCTAssertEqual(try c.get("/api/search?q=nets&n=x").status, 400)
        XCTAssertEqual(try c.get("/api/search?q=nets&rank=best").status, 400)
        XCTAssertEqual(try c.get("/api/search?q=nets&where=village").status, 400)
        let field = try c.get("/api/search?q=colour:red")
        XCTAssertEqual(field.status, 400)
        XCTAssertTrue(field.text.contains("unknown field 'colour'"), field.text)
        XCTAssertEqual(try c.get("/api/search?q=%zz").status, 400)
    }

    func testShow() throws {
        let c = try fixture.client()
        let r = try c.get("/api/show?interview=ht-02&at=00:00:29&n=1")
        XCTAssertEqual(r.status, 200)
        let o = try r.json()
        XCTAssertEqual(o["interview"] as? String, "ht-02")
        XCTAssertEqual(o["title"] as? String, "The Storm of '62")
        XCTAssertEqual(o["current"] as? Int, 3)
        XCTAssertEqual(o["first"] as? Int, 2)
        XCTAssertEqual(o["total"] as? Int, 5)
        let cues = try XCTUnwrap(o["cues"] as? [[String: Any]])
        XCTAssertEqual(cues.map { $0["text"] as? String }, [
            "We lashed the boats together in the inner harbour and prayed the ropes would hold.",
            "Was anyone lost?",
            "Two boats, no men. The chapel rang its bell till dawn. Somebody painted \"><img src=x onerror=alert(1)> on the harbour wall after.",
        ])
        XCTAssertEqual(cues[1]["role"] as? String, "interviewer")
        let whole = try c.get("/api/show?interview=ht-03").json()
        XCTAssertEqual((whole["cues"] as? [Any])?.count, 5)
        XCTAssertEqual(try c.get("/api/show?interview=ht-09").status, 404)
        XCTAssertEqual(try c.get("/api/show").status, 400)                          // three interviews: which?
        XCTAssertEqual(try c.get("/api/show?interview=ht-01&at=soon").status, 400)
        XCTAssertEqual(try c.get("/api/show?interview=ht-01&at=3600").status, 400)  // after the end
    }

    func testStatsIsTheCLIsJSON() throws {
        let r = try fixture.client().get("/api/stats")
        XCTAssertEqual(r.status, 200)
        XCTAssertEqual(r.text, cli(["stats", "-i", ServerFixture.harbour, "--format", "json"]))
    }

    func testSelectsInEveryFormatAreTheCLIs() throws {
        let c = try fixture.client()
        let hits = try c.get("/api/search?q=ferry+tiller&n=2")
        let lines = try XCTUnwrap(try hits.json()["hits"] as? [Any]).map {
            String(decoding: try JSONSerialization.data(withJSONObject: $0), as: UTF8.self)
        }
        let jsonl = lines.joined(separator: "\n")
        for format in TimelineFormat.allCases {
            let r = try c.post("/api/selects?format=\(format.rawValue)&handles=1&title=Harbour", body: jsonl)
            XCTAssertEqual(r.status, 200, r.text)
            XCTAssertEqual(r.headers["content-disposition"], "attachment; filename=\"selects.\(format.rawValue)\"")
            XCTAssertEqual(r.headers["content-type"], SoundbiteHandler.contentType(format))
            let expected = SoundbiteCommand.capture(["selects", "-", "--format", format.rawValue, "--handles", "1",
                                                     "--title", "Harbour", "-i", ServerFixture.harbour], stdin: lines)
            XCTAssertEqual(expected.status, 0, expected.err)
            XCTAssertEqual(r.text.trimmingCharacters(in: .newlines), expected.out.trimmingCharacters(in: .newlines), format.rawValue)
        }
        let csv = try c.post("/api/selects?format=csv", body: "ht-01,6,20,nets\n")
        XCTAssertEqual(csv.status, 200, csv.text)
        XCTAssertTrue(csv.text.contains("ht-01"), csv.text)
        XCTAssertEqual(try c.post("/api/selects?format=avi", body: jsonl).status, 400)
        XCTAssertEqual(try c.post("/api/selects", body: jsonl).status, 400)
        XCTAssertEqual(try c.post("/api/selects?format=edl", body: "").status, 400)
        XCTAssertEqual(try c.post("/api/selects?format=edl&fps=31", body: jsonl).status, 400)
        let unknown = try c.post("/api/selects?format=edl", body: "ht-77,1,2\n")
        XCTAssertEqual(unknown.status, 400)
        XCTAssertTrue(unknown.text.contains("ht-77"), unknown.text)
        XCTAssertEqual(try c.get("/api/selects?format=edl").status, 405)
    }

    func testThePageAndItsHeaders() throws {
        let c = try fixture.client()
        let page = try c.get("/")
        XCTAssertEqual(page.status, 200)
        XCTAssertEqual(page.headers["content-type"], "text/html; charset=utf-8")
        let csp = try XCTUnwrap(page.headers["content-security-policy"])
        XCTAssertTrue(csp.contains("script-src 'self'"), csp)
        XCTAssertFalse(csp.contains("unsafe-inline"), csp)
        XCTAssertFalse(csp.contains("unsafe-eval"), csp)
        XCTAssertEqual(page.headers["x-content-type-options"], "nosniff")
        XCTAssertTrue(page.text.contains("<script src=\"/app.js\""), page.text)
        XCTAssertFalse(page.text.contains("<script>"), "no inline script")
        XCTAssertEqual(try c.get("/app.js").headers["content-type"], "text/javascript; charset=utf-8")
        XCTAssertEqual(try c.get("/app.css").headers["content-type"], "text/css; charset=utf-8")
        c.send("HEAD / HTTP/1.1\r\nHost: t\r\n\r\n")
        let head = try XCTUnwrapResponse(c.readResponse(head: true))
        XCTAssertEqual(head.status, 200)
        XCTAssertEqual(head.headers["content-length"], String(page.body.count))
        XCTAssertEqual(try c.get("/").body, page.body)                               // the HEAD sent no body
    }

    func testNoTraversalNoListingNoOtherFiles() throws {
        for path in ["/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/app.js/..", "/Corpus/", "/Sources/",
                     "/index.html/", "//etc/passwd", "/app.js%00.html", "/favicon.ico", "/api/", "/api/../app.js"] {
            let r = try fixture.client().get(path)      // a 400 closes the connection
            XCTAssertTrue(r.status == 404 || r.status == 400, "\(path): \(r.status)")
            XCTAssertFalse(r.text.contains("root:"), path)
        }
        let post = try fixture.client().post("/", body: "x")
        XCTAssertEqual(post.status, 405)
        XCTAssertEqual(post.headers["allow"], "GET, HEAD")
    }

    func testTranscriptMarkupStaysText() throws {
        // The page never parses transcript text as HTML: the JSON carries it
        // as a string (served as JSON, never sniffed), and the script only
        // ever puts text into the page with textContent.
        let r = try fixture.client().get("/api/search?q=script+onerror")
        XCTAssertEqual(r.headers["content-type"], "application/json; charset=utf-8")
        let texts = try XCTUnwrap(try r.json()["hits"] as? [[String: Any]]).compactMap { $0["text"] as? String }
        XCTAssertTrue(texts.contains { $0.contains("<script>alert('quay')</script>") }, "\(texts)")
        XCTAssertTrue(texts.contains { $0.contains("\"><img src=x onerror=alert(1)>") }, "\(texts)")
        for sink in ["innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function", "setAttribute('on",
                     "javascript:"] {
            XCTAssertFalse(PageScript.text.contains(sink), "app.js uses \(sink)")
        }
        XCTAssertTrue(PageScript.text.contains("textContent"))
    }

    func testTokenAndCORS() throws {
        let locked = try ServerFixture(options: ServeOptions(token: "s3cret", corsOrigin: "https://tools.example.org"))
        let c = try locked.client()
        let denied = try c.get("/api/stats")
        XCTAssertEqual(denied.status, 401)
        XCTAssertEqual(denied.headers["www-authenticate"], "Bearer")
        XCTAssertEqual(try c.get("/api/stats", headers: ["Authorization: Bearer s3cre"]).status, 401)
        XCTAssertEqual(try c.get("/api/stats", headers: ["Authorization: Bearer s3cret!"]).status, 401)
        XCTAssertEqual(try c.get("/api/stats", headers: ["Authorization: Basic s3cret"]).status, 401)
        let ok = try c.get("/api/stats", headers: ["Authorization: bearer s3cret"])
        XCTAssertEqual(ok.status, 200)
        XCTAssertEqual(ok.headers["access-control-allow-origin"], "https://tools.example.org")
        XCTAssertEqual(try c.get("/").status, 200)                                  // the page itself holds no data
        c.send("OPTIONS /api/search HTTP/1.1\r\nHost: t\r\nOrigin: https://tools.example.org\r\n\r\n")
        let preflight = try XCTUnwrapResponse(c.readResponse())
        XCTAssertEqual(preflight.status, 204)
        XCTAssertEqual(preflight.headers["access-control-allow-headers"], "Authorization, Content-Type")
        XCTAssertTrue(SoundbiteHandler.authorized("Bearer abc", token: "abc"))
        XCTAssertFalse(SoundbiteHandler.authorized("Bearer abd", token: "abc"))
        XCTAssertFalse(SoundbiteHandler.authorized("Bearer ", token: ""))
        XCTAssertFalse(SoundbiteHandler.authorized(nil, token: "abc"))
    }

    func testOneAccessLogLinePerRequest() throws {
        let c = try fixture.client()
        _ = try c.get("/api/stats")
        _ = try c.get("/api/search?q=%28")
        _ = try c.get("/nowhere")
        let lines = fixture.lines.all
        guard lines.count == 3 else { return XCTFail("\(lines)") }
        XCTAssertTrue(lines[0].hasPrefix("127.0.0.1 \"GET /api/stats HTTP/1.1\" 200 "), lines[0])
        XCTAssertTrue(lines[1].contains("\"GET /api/search?q=%28 HTTP/1.1\" 400 "), lines[1])
        XCTAssertTrue(lines[2].contains(" 404 "), lines[2])
    }
}
