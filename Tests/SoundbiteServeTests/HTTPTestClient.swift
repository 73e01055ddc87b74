#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A response as a test reads it off the socket.
struct TestResponse {
    var status: Int
    var headers: [String: String]     // names lower-cased
    var body: [UInt8]
    var text: String { String(decoding: body, as: UTF8.self) }
    func json() throws -> [String: Any] {
        guard let o = try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any] else {
            throw CocoaError(.coderReadCorrupt)
        }
        return o
    }
}

/// A blocking loopback client that writes raw bytes and reads responses
/// framed by Content-Length, so tests can send what no library would.
final class HTTPTestClient {
    let fd: Int32
    private var pending: [UInt8] = []

    /// Connects to 127.0.0.1:`port`; reads wait at most `timeout` seconds.
    init(port: Int, timeout: Double = 10) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var a = sockaddr_in()
        a.sin_family = sa_family_t(AF_INET)
        a.sin_port = in_port_t(UInt16(port).bigEndian)
        a.sin_addr.s_addr = inet_addr("127.0.0.1")
        let ok = withUnsafePointer(to: &a) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard ok == 0 else { close(fd); throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .ECONNREFUSED) }
        var tv = timeval(tv_sec: Int(timeout), tv_usec: Int((timeout - Double(Int(timeout))) * 1e6))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit { close(fd) }

    /// Sends all of `bytes` (false if the server closed the connection).
    @discardableResult
    func send(_ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress!, $0.count, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { return false }
            offset += n
        }
        return true
    }

    @discardableResult
    func send(_ text: String) -> Bool { send(Array(text.utf8)) }

    /// `GET path` (HTTP/1.1, keep-alive) and its response.
    func get(_ path: String, headers: [String] = []) throws -> TestResponse {
        send("GET \(path) HTTP/1.1\r\nHost: test\r\n" + headers.map { $0 + "\r\n" }.joined() + "\r\n")
        return try XCTUnwrapResponse(readResponse())
    }

    /// `POST path` with `body`.
    func post(_ path: String, body: String, headers: [String] = []) throws -> TestResponse {
        send("POST \(path) HTTP/1.1\r\nHost: test\r\nContent-Length: \(body.utf8.count)\r\n"
             + headers.map { $0 + "\r\n" }.joined() + "\r\n" + body)
        return try XCTUnwrapResponse(readResponse())
    }

    /// The next response, or nil when the connection closed (or timed out) first.
    func readResponse(head: Bool = false) -> TestResponse? {
        while true {
            if let end = find([13, 10, 13, 10]) {
                let lines = String(decoding: pending[..<end], as: UTF8.self).components(separatedBy: "\r\n")
                let parts = lines[0].split(separator: " ", maxSplits: 2)
                guard parts.count >= 2, let status = Int(parts[1]) else { return nil }
                var headers: [String: String] = [:]
                for line in lines.dropFirst() {
                    guard let colon = line.firstIndex(of: ":") else { continue }
                    headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                }
                let length = head ? 0 : Int(headers["content-length"] ?? "0") ?? 0
                while pending.count < end + 4 + length { guard fill() else { return nil } }
                let body = Array(pending[(end + 4)..<(end + 4 + length)])
                pending.removeFirst(end + 4 + length)
                return TestResponse(status: status, headers: headers, body: body)
            }
            guard fill() else { return nil }
        }
    }

    /// Whether the server closes the connection (reads until end of stream
    /// or error, within the timeout); the bytes read on the way are dropped.
    func closedByServer() -> Bool {
        var buf = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = recv(fd, &buf, buf.count, 0)
            if n == 0 { return true }
            if n < 0 { return errno == ECONNRESET }
        }
    }

    private func fill() -> Bool {
        var buf = [UInt8](repeating: 0, count: 65536)
        let n = recv(fd, &buf, buf.count, 0)
        guard n > 0 else { return false }
        pending += buf[0..<n]
        return true
    }

    private func find(_ needle: [UInt8]) -> Int? {
        guard pending.count >= needle.count else { return nil }
        for i in 0...(pending.count - needle.count) where pending[i] == needle[0] && Array(pending[i..<(i + needle.count)]) == needle {
            return i
        }
        return nil
    }
}

struct MissingResponse: Error {}

func XCTUnwrapResponse(_ r: TestResponse?) throws -> TestResponse {
    guard let r else { throw MissingResponse() }
    return r
}
