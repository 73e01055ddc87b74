import Soundbite

/// One parsed HTTP/1.x request: the request line split up, the header
/// fields in order, and the body (framed by `Content-Length`).
package struct HTTPRequest: Sendable, Hashable {
    /// The method, e.g. `GET` (case-sensitive, as HTTP defines it).
    package var method: String
    /// The request target as sent, e.g. `/api/search?q=laptops`.
    package var target: String
    /// The target's path, percent-decoded (`/api/search`).
    package var path: String
    /// The target's query after `?`, not decoded ("" when absent).
    package var query: String
    /// The minor version: 1 for HTTP/1.1, 0 for HTTP/1.0.
    package var minorVersion: Int
    /// The header fields in the order sent; names as sent.
    package var headers: [(name: String, value: String)]
    /// The body (empty without `Content-Length`).
    package var body: [UInt8]
    /// The client's address, e.g. `127.0.0.1` (set by the server).
    package var peer: String = ""

    /// The value of the first field named `name` (case-insensitive), if any.
    package func header(_ name: String) -> String? {
        headers.first { ASCIICase.equal($0.name, name) }?.value
    }

    /// Whether the connection stays open after the response: HTTP/1.1
    /// unless `Connection: close`, HTTP/1.0 only with `Connection: keep-alive`.
    package var keepAlive: Bool {
        let tokens = headers.filter { ASCIICase.equal($0.name, "connection") }
            .flatMap { $0.value.split(separator: ",").map { $0.trimmingSpaces.lowercased() } }
        return minorVersion >= 1 ? !tokens.contains("close") : tokens.contains("keep-alive")
    }

    /// The decoded query parameters.
    /// - Throws: ``HTTPParseError`` (400) for a bad percent escape or invalid UTF-8.
    package func parameters() throws(HTTPParseError) -> QueryParameters {
        try QueryParameters(query)
    }

    package static func == (a: HTTPRequest, b: HTTPRequest) -> Bool {
        a.method == b.method && a.target == b.target && a.minorVersion == b.minorVersion && a.body == b.body
            && a.headers.map(\.name) == b.headers.map(\.name) && a.headers.map(\.value) == b.headers.map(\.value)
            && a.peer == b.peer
    }

    package func hash(into h: inout Hasher) {
        h.combine(method)
        h.combine(target)
        h.combine(body)
    }
}

/// ASCII case-insensitive comparison, for header names and tokens.
enum ASCIICase {
    static func equal(_ a: String, _ b: String) -> Bool {
        let x = a.utf8, y = b.utf8
        guard x.count == y.count else { return false }
        return zip(x, y).allSatisfy { ASCII.lower($0) == ASCII.lower($1) }
    }
}

extension Substring {
    /// Without leading and trailing spaces and tabs.
    var trimmingSpaces: Substring {
        var s = self
        while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        return s
    }
}
