import Soundbite

/// Why a request was refused, with the status to answer.
package struct HTTPParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The status code to answer (400, 408, 411, 413, 414, 431, 501, 505).
    package var status: Int
    /// What was wrong, for the response body and the log.
    package var message: String

    package init(_ status: Int, _ message: String) {
        self.status = status
        self.message = message
    }

    package var description: String { "\(status) \(message)" }
}

/// What the bytes received so far hold.
package enum HTTPParseResult: Sendable, Hashable {
    /// Not a whole request yet; read more (the bytes so far are within the limits).
    case incomplete
    /// A whole request, which took the first `consumed` bytes (the rest is
    /// the start of the next, pipelined, request).
    case request(HTTPRequest, consumed: Int)
    /// The bytes can never become an acceptable request.
    case failure(HTTPParseError)
}

/// Parses HTTP/1.0 and 1.1 requests from raw bytes (RFC 9112): the request
/// line, header fields, and a body framed by `Content-Length`. Chunked and
/// other transfer codings are refused (411 / 501) rather than decoded.
///
/// The parser is a pure function of the bytes received so far, so a
/// connection calls it again whenever more arrive. It is prefix-consistent: a
/// prefix of the bytes never fails with another status than the whole, and a
/// request found in a prefix is the request found in the whole (the fuzz
/// target checks both). Limits are checked as soon as they can be, so a
/// client cannot make a connection buffer more than the limits allow.
package struct HTTPRequestParser: Sendable {
    package var limits: HTTPLimits

    package init(limits: HTTPLimits = .standard) { self.limits = limits }

    /// Parses the bytes received so far.
    package func parse(_ bytes: [UInt8]) -> HTTPParseResult {
        bytes.withUnsafeBufferPointer { parse($0) }
    }

    /// Parses the bytes received so far.
    package func parse(_ b: UnsafeBufferPointer<UInt8>) -> HTTPParseResult {
        // Empty lines before a request line are ignored (RFC 9112 §2.2), a few of them.
        var start = 0
        while start < b.count, start < 8, b[start] == CR || b[start] == LF { start += 1 }
        if start == 8 && start < b.count && (b[start] == CR || b[start] == LF) {
            return .failure(HTTPParseError(400, "empty lines instead of a request line"))
        }
        // The request line: its method is checked first, so a prefix fails as the whole would.
        let lineEnd = find(LF, in: b, from: start, limit: limits.maxRequestLineBytes + 1)
        if let e = methodError(b, from: start, to: lineEnd ?? b.count, ended: lineEnd != nil) { return .failure(e) }
        guard let lineEnd else {
            return b.count - start > limits.maxRequestLineBytes ? .failure(Self.lineTooLong(limits)) : .incomplete
        }
        guard lineEnd - start <= limits.maxRequestLineBytes else { return .failure(Self.lineTooLong(limits)) }
        let line: RequestLine
        switch requestLine(b, start, trimCR(b, start, lineEnd)) {
        case .success(let l): line = l
        case .failure(let e): return .failure(e)
        }
        // Header fields, up to the empty line.
        var headers: [(name: String, value: String)] = []
        var p = lineEnd + 1
        let headerStart = p
        while true {
            let remaining = limits.maxHeaderBytes - (p - headerStart)
            guard let end = find(LF, in: b, from: p, limit: max(0, remaining) + 2) else {
                return partialHeaderLine(b, from: p, headerStart: headerStart, count: headers.count)
            }
            let contentEnd = trimCR(b, p, end)
            if contentEnd == p { p = end + 1; break }              // the empty line
            if b[p] == SP || b[p] == TAB { return .failure(Self.folded) }
            guard end + 1 - headerStart <= limits.maxHeaderBytes else { return .failure(Self.headersTooLarge(limits)) }
            guard headers.count < limits.maxHeaderCount else {
                return .failure(HTTPParseError(431, "more than \(limits.maxHeaderCount) header fields"))
            }
            switch field(b, p, contentEnd) {
            case .success(let f): headers.append(f)
            case .failure(let e): return .failure(e)
            }
            p = end + 1
        }
        // Framing.
        let length: Int
        switch bodyLength(headers, minorVersion: line.minorVersion) {
        case .success(let n): length = n
        case .failure(let e): return .failure(e)
        }
        guard b.count - p >= length else { return .incomplete }
        let body = length == 0 ? [] : Array(b[p..<(p + length)])
        return .request(HTTPRequest(method: line.method, target: line.target, path: line.path, query: line.query,
                                    minorVersion: line.minorVersion, headers: headers, body: body),
                        consumed: p + length)
    }

    // MARK: - Request line

    private struct RequestLine {
        var method: String, target: String, path: String, query: String, minorVersion: Int
    }

    private static func lineTooLong(_ limits: HTTPLimits) -> HTTPParseError {
        HTTPParseError(414, "the request line is longer than \(limits.maxRequestLineBytes) bytes")
    }

    private static let folded = HTTPParseError(400, "a header line starts with a space (folded lines are not accepted)")

    private static func headersTooLarge(_ limits: HTTPLimits) -> HTTPParseError {
        HTTPParseError(431, "the header fields are larger than \(limits.maxHeaderBytes) bytes")
    }

    /// `METHOD SP request-target SP HTTP/1.x`.
    private func requestLine(_ b: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> Result<RequestLine, HTTPParseError> {
        var p = from
        while p < to, Self.isTokenByte(b[p]) { p += 1 }
        guard p > from, p - from <= 32, p < to, b[p] == SP else {
            return .failure(HTTPParseError(400, "the request line is not 'METHOD /path HTTP/1.1'"))
        }
        let method = String(decoding: UnsafeBufferPointer(rebasing: b[from..<p]), as: UTF8.self)
        p += 1
        let targetStart = p
        while p < to, b[p] > SP, b[p] < 0x7F { p += 1 }
        guard p > targetStart, p < to, b[p] == SP else {
            return .failure(HTTPParseError(400, "the request target holds a space or a control character, or is missing"))
        }
        let targetEnd = p
        p += 1
        let version = Array(b[p..<to])
        let minor: Int
        if version == Array("HTTP/1.1".utf8) { minor = 1 } else if version == Array("HTTP/1.0".utf8) { minor = 0 } else {
            if version.count == 8, version.starts(with: Array("HTTP/".utf8)), ASCII.isDigit(version[5]), version[6] == 0x2E,
               ASCII.isDigit(version[7]) {
                return .failure(HTTPParseError(505, "only HTTP/1.0 and HTTP/1.1 are spoken here"))
            }
            return .failure(HTTPParseError(400, "the request line does not end in HTTP/1.1"))
        }
        guard b[targetStart] == SLASH else {
            return .failure(HTTPParseError(400, "the request target must be a path starting with '/'"))
        }
        var queryStart = targetEnd
        for i in targetStart..<targetEnd where b[i] == QUESTION { queryStart = i; break }
        guard let path = QueryParameters.percentDecoded(UnsafeBufferPointer(rebasing: b[targetStart..<queryStart]), plusIsSpace: false),
              !path.utf8.contains(0) else {
            return .failure(HTTPParseError(400, "the path holds a bad percent escape or is not UTF-8"))
        }
        let target = String(decoding: UnsafeBufferPointer(rebasing: b[targetStart..<targetEnd]), as: UTF8.self)
        let query = queryStart < targetEnd
            ? String(decoding: UnsafeBufferPointer(rebasing: b[(queryStart + 1)..<targetEnd]), as: UTF8.self) : ""
        return .success(RequestLine(method: method, target: target, path: path, query: query, minorVersion: minor))
    }

    /// The method must be a token of at most 32 bytes followed by a space.
    private func methodError(_ b: UnsafeBufferPointer<UInt8>, from: Int, to: Int, ended: Bool) -> HTTPParseError? {
        var p = from
        while p < to, Self.isTokenByte(b[p]) { p += 1 }
        if p - from > 32 || (p < to && (b[p] != SP || p == from)) || (p == to && ended) {
            return HTTPParseError(400, "the request line is not 'METHOD /path HTTP/1.1'")
        }
        return nil
    }

    // MARK: - Header fields

    /// `name: value`, the value without surrounding spaces.
    private func field(_ b: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> Result<(name: String, value: String), HTTPParseError> {
        var p = from
        while p < to, Self.isTokenByte(b[p]) { p += 1 }
        guard p > from, p < to, b[p] == COLON else {
            return .failure(HTTPParseError(400, "a header line is not 'Name: value'"))
        }
        let name = String(decoding: UnsafeBufferPointer(rebasing: b[from..<p]), as: UTF8.self)
        var v = p + 1, e = to
        while v < e, b[v] == SP || b[v] == TAB { v += 1 }
        while e > v, b[e - 1] == SP || b[e - 1] == TAB { e -= 1 }
        for i in v..<e where (b[i] < SP && b[i] != TAB) || b[i] == 0x7F {
            return .failure(HTTPParseError(400, "the value of \(name) holds a control character"))
        }
        return .success((name, String(decoding: UnsafeBufferPointer(rebasing: b[v..<e]), as: UTF8.self)))
    }

    /// A header line not yet ended: fails now with the status the whole line
    /// would get (folded, too large, one field too many: the order in which
    /// ``parse(_:)`` checks a whole line), else needs more.
    private func partialHeaderLine(_ b: UnsafeBufferPointer<UInt8>, from: Int, headerStart: Int, count: Int) -> HTTPParseResult {
        guard from < b.count, !(b[from] == CR && b.count - from == 1) else { return .incomplete }   // maybe the empty line
        if b[from] == SP || b[from] == TAB { return .failure(Self.folded) }
        if b.count + 1 - headerStart > limits.maxHeaderBytes { return .failure(Self.headersTooLarge(limits)) }
        if count >= limits.maxHeaderCount { return .failure(HTTPParseError(431, "more than \(limits.maxHeaderCount) header fields")) }
        return .incomplete
    }

    /// The body length `Content-Length` gives, checked against the limits,
    /// after refusing transfer codings, conflicting lengths and a missing Host.
    private func bodyLength(_ headers: [(name: String, value: String)], minorVersion: Int) -> Result<Int, HTTPParseError> {
        var length: Int?
        var hosts = 0
        for (name, value) in headers {
            if ASCIICase.equal(name, "transfer-encoding") {
                return .failure(value.lowercased().contains("chunked")
                    ? HTTPParseError(411, "chunked request bodies are not accepted; send Content-Length")
                    : HTTPParseError(501, "transfer coding '\(value)' is not implemented"))
            }
            if ASCIICase.equal(name, "host") { hosts += 1 }
            guard ASCIICase.equal(name, "content-length") else { continue }
            guard let n = Self.decimal(value) else {
                return .failure(HTTPParseError(400, "Content-Length '\(value)' is not a number of bytes"))
            }
            if let length, length != n { return .failure(HTTPParseError(400, "two different Content-Length fields")) }
            length = n
        }
        if minorVersion >= 1 && hosts != 1 {
            return .failure(HTTPParseError(400, hosts == 0 ? "an HTTP/1.1 request needs a Host field" : "more than one Host field"))
        }
        let n = length ?? 0
        guard n <= limits.maxBodyBytes else {
            return .failure(HTTPParseError(413, "the body is larger than \(limits.maxBodyBytes) bytes"))
        }
        return .success(n)
    }

    /// A decimal number of at most 18 digits (no sign, no spaces), else nil.
    static func decimal(_ s: String) -> Int? {
        let u = s.utf8
        guard !u.isEmpty, u.count <= 18 else { return nil }
        var n = 0
        for c in u {
            guard ASCII.isDigit(c) else { return nil }
            n = n * 10 + Int(c - 0x30)
        }
        return n
    }

    // MARK: - Bytes

    /// `tchar` of RFC 9110: letters, digits and ``!#$%&'*+-.^_`|~``.
    @inline(__always) static func isTokenByte(_ c: UInt8) -> Bool {
        if ASCII.isAlphanumeric(c) { return true }
        switch c {
        case 0x21, 0x23, 0x24, 0x25, 0x26, 0x27, 0x2A, 0x2B, 0x2D, 0x2E, 0x5E, 0x5F, 0x60, 0x7C, 0x7E: return true
        default: return false
        }
    }

    /// The first `byte` at or after `from`, looking at most `limit` bytes.
    @inline(__always) private func find(_ byte: UInt8, in b: UnsafeBufferPointer<UInt8>, from: Int, limit: Int) -> Int? {
        let end = min(b.count, from + limit)
        var i = from
        while i < end {
            if b[i] == byte { return i }
            i += 1
        }
        return nil
    }

    /// The end of a line's content: before a CR that precedes the LF at `lf`.
    @inline(__always) private func trimCR(_ b: UnsafeBufferPointer<UInt8>, _ from: Int, _ lf: Int) -> Int {
        lf > from && b[lf - 1] == CR ? lf - 1 : lf
    }
}

private let CR: UInt8 = 0x0D, LF: UInt8 = 0x0A, SP: UInt8 = 0x20, TAB: UInt8 = 0x09
private let COLON: UInt8 = 0x3A, SLASH: UInt8 = 0x2F, QUESTION: UInt8 = 0x3F
