import Soundbite

/// A response to send: status, header fields and body. The server adds
/// `Content-Length`, `Connection` and `X-Content-Type-Options: nosniff`.
package struct HTTPResponse: Sendable, Hashable {
    /// The status code, e.g. 200.
    package var status: Int
    /// Header fields besides the ones the server adds, in order.
    package var headers: [(name: String, value: String)]
    /// The body (not sent for HEAD, but counted in `Content-Length`).
    package var body: [UInt8]

    package init(status: Int, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A response with a body of `contentType`.
    package init(status: Int = 200, contentType: String, body: [UInt8], headers: [(name: String, value: String)] = []) {
        self.init(status: status, headers: [("Content-Type", contentType)] + headers, body: body)
    }

    /// A UTF-8 JSON body.
    package static func json(_ text: String, status: Int = 200) -> HTTPResponse {
        HTTPResponse(status: status, contentType: "application/json; charset=utf-8", body: Array(text.utf8))
    }

    /// `{"error": message}` (plus `extra` members, already JSON) with `status`.
    package static func error(_ status: Int, _ message: String, extra: String = "") -> HTTPResponse {
        .json("{\"error\":" + MarkupText.json(message) + extra + ",\"status\":\(status)}", status: status)
    }

    /// The value of the first field named `name` (case-insensitive), if any.
    package func header(_ name: String) -> String? {
        headers.first { ASCIICase.equal($0.name, name) }?.value
    }

    /// The status line, header fields and (unless `head`) the body, as sent.
    package func serialized(keepAlive: Bool, head: Bool = false) -> [UInt8] {
        var s = "HTTP/1.1 \(status) \(Self.reason(status))\r\n"
        for (name, value) in headers { s += name + ": " + value + "\r\n" }
        s += "Content-Length: \(body.count)\r\n"
        s += "X-Content-Type-Options: nosniff\r\n"
        s += keepAlive ? "Connection: keep-alive\r\n\r\n" : "Connection: close\r\n\r\n"
        var out = Array(s.utf8)
        if !head { out += body }
        return out
    }

    package static func == (a: HTTPResponse, b: HTTPResponse) -> Bool {
        a.status == b.status && a.body == b.body
            && a.headers.map(\.name) == b.headers.map(\.name) && a.headers.map(\.value) == b.headers.map(\.value)
    }

    package func hash(into h: inout Hasher) {
        h.combine(status)
        h.combine(body)
    }

    /// The reason phrase of a status code.
    package static func reason(_ status: Int) -> String {
        switch status {
        case 200: return "OK"
        case 204: return "No Content"
        case 304: return "Not Modified"
        case 400: return "Bad Request"
        case 401: return "Unauthorized"
        case 403: return "Forbidden"
        case 404: return "Not Found"
        case 405: return "Method Not Allowed"
        case 408: return "Request Timeout"
        case 411: return "Length Required"
        case 413: return "Content Too Large"
        case 414: return "URI Too Long"
        case 415: return "Unsupported Media Type"
        case 422: return "Unprocessable Content"
        case 431: return "Request Header Fields Too Large"
        case 500: return "Internal Server Error"
        case 501: return "Not Implemented"
        case 503: return "Service Unavailable"
        case 505: return "HTTP Version Not Supported"
        default: return "Status"
        }
    }
}
