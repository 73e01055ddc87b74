import Foundation
import XCTest
import Soundbite
import SoundbiteTestSupport
@testable import SoundbiteServe
import Synchronization

/// The server under stress over loopback: limits, slow clients, keep-alive
/// and pipelining, many clients at once, a connection cap, an index file
/// replaced under load, and shutdown. Times are short but nothing sleeps:
/// each test waits for an event (a response, a closed socket) or polls a
/// condition with a deadline.
final class ServerBehaviourTests: XCTestCase {
    func testOversizedLineHeadersAndBodyGetTheirStatus() throws {
        let limits = HTTPLimits(maxRequestLineBytes: 200, maxHeaderCount: 5, maxHeaderBytes: 300, maxBodyBytes: 1000)
        let f = try ServerFixture(configuration: HTTPServerConfiguration(limits: limits))
        func refused(_ request: String) throws -> Int {
            let c = try f.client()
            c.send(request)
            let r = try XCTUnwrapResponse(c.readResponse())
            XCTAssertEqual(r.headers["connection"], "close")
            XCTAssertTrue(c.closedByServer())
            return r.status
        }
        XCTAssertEqual(try refused("GET /api/search?q=" + String(repeating: "a", count: 300) + " HTTP/1.1\r\nHost: t\r\n\r\n"), 414)
        XCTAssertEqual(try refused("GET / HTTP/1.1\r\nHost: t\r\n" + (1...6).map { "X-\($0): 1\r\n" }.joined() + "\r\n"), 431)
        XCTAssertEqual(try refused("GET / HTTP/1.1\r\nHost: t\r\nX-Big: " + String(repeating: "b", count: 400) + "\r\n\r\n"), 431)
        XCTAssertEqual(try refused("POST /api/selects?format=edl HTTP/1.1\r\nHost: t\r\nContent-Length: 5000\r\n\r\n"
                                   + String(repeating: "x", count: 5000)), 413)
        XCTAssertEqual(try refused("POST /api/selects HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n"), 411)
        XCTAssertEqual(try refused("BREW / HTCPCP/1.0\r\n\r\n"), 400)
        // A request line longer than the limit is refused before it ends.
        let c = try f.client()
        c.send("GET /" + String(repeating: "a", count: 300))
        XCTAssertEqual(c.readResponse()?.status, 414)
    }

    func testASlowClientIsCutOff() throws {
        let limits = HTTPLimits(requestSeconds: 0.3, idleSeconds: 0.3)
        let f = try ServerFixture(configuration: HTTPServerConfiguration(limits: limits))
        let c = try f.client()
        c.send("GET /api/stats HTTP/1.1\r\nHost: t\r\n")                 // never finishes
        let start = Date()
        let r = try XCTUnwrapResponse(c.readResponse())
        XCTAssertEqual(r.status, 408)
        XCTAssertTrue(c.closedByServer())
        XCTAssertLessThan(Date().timeIntervalSince(start), 5)
        // Silent and idle keep-alive connections are closed too.
        let silent = try f.client()
        XCTAssertTrue(silent.closedByServer())
        let idle = try f.client()
        XCTAssertEqual(try idle.get("/api/stats").status, 200)
        XCTAssertTrue(idle.closedByServer())
        // One byte at a time, but each within the limit, is still one request's budget.
        let trickle = try f.client()
        for byte in "GET /api/stats HTTP/1.1\r\nHost: t\r\n".utf8 {
            guard trickle.send([byte]) else { break }
            usleep(30_000)                                                   // 37 bytes over ~1.1 s > 0.3 s
        }
        XCTAssertEqual(trickle.readResponse()?.status, 408)
    }

    func testKeepAliveAndPipelining() throws {
        let f = try ServerFixture()
        let c = try f.client()
        for _ in 0..<5 { XCTAssertEqual(try c.get("/api/search?q=nets").status, 200) }
        c.send("GET /api/stats HTTP/1.1\r\nHost: t\r\n\r\nGET /api/search?q=ferry HTTP/1.1\r\nHost: t\r\n\r\nGET /app.css HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
        XCTAssertEqual(c.readResponse()?.headers["content-type"], "application/json; charset=utf-8")
        XCTAssertEqual(try XCTUnwrapResponse(c.readResponse()).text.hasPrefix("{\"query\":\"ferry\""), true)
        let last = try XCTUnwrapResponse(c.readResponse())
        XCTAssertEqual(last.headers["content-type"], "text/css; charset=utf-8")
        XCTAssertEqual(last.headers["connection"], "close")
        XCTAssertTrue(c.closedByServer())
        // HTTP/1.0 closes unless asked.
        let old = try f.client()
        old.send("GET /api/stats HTTP/1.0\r\n\r\n")
        XCTAssertEqual(old.readResponse()?.headers["connection"], "close")
        XCTAssertTrue(old.closedByServer())
        XCTAssertEqual(f.lines.all.count, 9)
    }

    func testConcurrentClientsGetTheSameAnswers() throws {
        let f = try ServerFixture(configuration: HTTPServerConfiguration(workers: 4))
        let queries = ["nets", "harbour+boats", "ferry+tiller", "%22inner+harbour%22", "storm+OR+fog", "quay"]
        let expected = try queries.map { try f.client().get("/api/search?q=\($0)").body }
        let failures = Locked<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 16) { worker in
            do {
                let c = try f.client()
                for i in 0..<25 {
                    let q = (worker + i) % queries.count
                    let r = try c.get("/api/search?q=\(queries[q])")
                    if r.status != 200 || r.body != expected[q] { failures.withLock { $0.append("\(worker)/\(i): \(r.status)") } }
                }
            } catch {
                failures.withLock { $0.append("\(worker): \(error)") }
            }
        }
        XCTAssertEqual(failures.withLock { $0 }, [])
    }

    func testConnectionsBeyondTheCapGet503() throws {
        let f = try ServerFixture(configuration: HTTPServerConfiguration(maxConnections: 2))
        let a = try f.client(), b = try f.client()
        XCTAssertEqual(try a.get("/api/stats").status, 200)
        XCTAssertEqual(try b.get("/api/stats").status, 200)
        let c = try f.client()
        XCTAssertEqual(c.readResponse()?.status, 503)
        a.send("GET / HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
        XCTAssertEqual(a.readResponse()?.status, 200)
        XCTAssertTrue(a.closedByServer())
        try waitUntil { f.server.http.connectionCount < 2 }
        XCTAssertEqual(try f.client().get("/api/stats").status, 200)
    }

    func testAnIndexRenamedOverTheFileIsServedWithoutAFailedRequest() throws {
        let temp = try TemporaryFolder("serve-swap")
        defer { temp.remove() }
        let path = temp.path("live.sbx")
        try ServerFixture.harbourIndex.write(to: path)
        let f = try ServerFixture(index: try SearchIndex(contentsOf: path), watching: path,
                                  configuration: HTTPServerConfiguration(workers: 3))
        let before = try f.client().get("/api/stats").json()["interviews"] as? Int
        XCTAssertEqual(before, 3)
        let stop = Atomic<Bool>(false)
        let failures = Locked<[String]>([])
        let seen = Locked<Set<Int>>([])
        let group = DispatchGroup()
        defer { stop.store(true, ordering: .relaxed); group.wait() }     // also when a wait below fails
        for _ in 0..<4 {
            DispatchQueue.global().async(group: group) {
                do {
                    let c = try f.client()
                    while !stop.load(ordering: .relaxed) {
                        let r = try c.get("/api/search?q=the&n=50")
                        guard r.status == 200, let total = try r.json()["total"] as? Int else {
                            failures.withLock { $0.append("\(r.status) \(r.text)") }
                            continue
                        }
                        seen.withLock { _ = $0.insert(total) }
                    }
                } catch {
                    failures.withLock { $0.append("\(error)") }
                }
            }
        }
        // A bigger index (the bundled Corpus too), written beside and renamed over, as `index` does.
        let bigger = SearchIndex(building: CollectionReader().readCollections(ServerFixture.harbour)
                                 + CollectionReader().readCollections(ServerFixture.corpus))
        try bigger.write(to: temp.path("next.sbx"))
        XCTAssertEqual(rename(temp.path("next.sbx"), path), 0)
        try waitUntil(seconds: 30) { (try? f.client().get("/api/stats").json()["interviews"] as? Int) == bigger.statistics.interviews }
        try waitUntil { seen.withLock { $0.count } >= 2 }
        stop.store(true, ordering: .relaxed)
        group.wait()
        XCTAssertEqual(failures.withLock { $0 }, [])
        XCTAssertEqual(f.server.handler.indexes.generation, 1)
        XCTAssertTrue(f.lines.all.contains { $0.contains("now serving the new index") })
        // A broken replacement is reported and the good index stays.
        try Data("not an index".utf8).write(to: URL(fileURLWithPath: temp.path("broken.sbx")))
        XCTAssertEqual(rename(temp.path("broken.sbx"), path), 0)
        try waitUntil(seconds: 30) { _ = try? f.client().get("/api/stats"); return f.lines.all.contains { $0.contains("cannot be opened") } }
        XCTAssertEqual(try f.client().get("/api/stats").json()["interviews"] as? Int, bigger.statistics.interviews)
    }

    func testShutdownFinishesTheRequestInProgressThenStops() throws {
        let f = try ServerFixture()
        let idle = try f.client()
        XCTAssertEqual(try idle.get("/api/stats").status, 200)
        let busy = try f.client()
        let body = "ht-01,6,20\n"
        busy.send("POST /api/selects?format=csv HTTP/1.1\r\nHost: t\r\nContent-Length: \(body.utf8.count)\r\n\r\nht-01")
        try waitUntil { f.server.http.connectionCount == 2 }
        f.server.shutdown()
        XCTAssertTrue(idle.closedByServer())                       // idle keep-alive connections close at once
        busy.send(String(body.dropFirst(5)))                       // the request in progress is answered
        let r = try XCTUnwrapResponse(busy.readResponse())
        XCTAssertEqual(r.status, 200, r.text)
        XCTAssertEqual(r.headers["connection"], "close")
        f.server.wait()
        XCTAssertThrowsError(try f.client())                       // nothing listens any more
    }

    /// Polls `condition` until it holds, failing after `seconds`.
    func waitUntil(seconds: Double = 10, file: StaticString = #filePath, line: UInt = #line,
                   _ condition: () throws -> Bool) throws {
        let deadline = Date().addingTimeInterval(seconds)
        while try !condition() {
            guard Date() < deadline else {
                XCTFail("condition not met within \(seconds) s", file: file, line: line)
                throw MissingResponse()
            }
            usleep(5_000)
        }
    }
}
