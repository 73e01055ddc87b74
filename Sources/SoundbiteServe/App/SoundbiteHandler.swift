import Soundbite

/// Answers the requests of `soundbite serve`: the page (`/`, `/app.js`,
/// `/app.css`) and the JSON API under `/api/` (search, show, stats,
/// selects), with the headers that keep a browser safe: a
/// `Content-Security-Policy` allowing only this server's own script and
/// style, exact content types, and CORS only for the origin configured.
///
/// Every path is matched exactly against the routes; nothing is read from
/// the file system, so there is no path to traverse and no folder to list.
package struct SoundbiteHandler: Sendable {
    package let indexes: IndexHolder
    package let options: ServeOptions

    package init(indexes: IndexHolder, options: ServeOptions = ServeOptions()) {
        self.indexes = indexes
        self.options = options
    }

    /// The policy every response carries: scripts, styles and requests only
    /// to this server; media from anywhere over http(s) (the interviews' recordings).
    static let contentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        + "media-src 'self' http: https:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

    /// The answer to one request.
    package func respond(_ request: HTTPRequest) -> HTTPResponse {
        var response = route(request)
        response.headers.append(("Content-Security-Policy", Self.contentSecurityPolicy))
        response.headers.append(("Referrer-Policy", "no-referrer"))
        if request.path.hasPrefix("/api/") {
            response.headers.append(("Cache-Control", "no-store"))
            if let origin = options.corsOrigin {
                response.headers.append(("Access-Control-Allow-Origin", origin))
                response.headers.append(("Vary", "Origin"))
            }
        }
        return response
    }

    private func route(_ request: HTTPRequest) -> HTTPResponse {
        let method = request.method == "HEAD" ? "GET" : request.method
        if request.path.hasPrefix("/api/") {
            if method == "OPTIONS", options.corsOrigin != nil { return preflight() }
            if let token = options.token, !Self.authorized(request.header("authorization"), token: token) {
                var r = HTTPResponse.error(401, "this server needs 'Authorization: Bearer TOKEN' (soundbite serve --token)")
                r.headers.append(("WWW-Authenticate", "Bearer"))
                return r
            }
            let parameters: QueryParameters
            do { parameters = try request.parameters() } catch { return .error(400, error.message) }
            switch (request.path, method) {
            case ("/api/search", "GET"): return search(parameters)
            case ("/api/show", "GET"): return show(parameters)
            case ("/api/stats", "GET"): return stats(parameters)
            case ("/api/selects", "POST"): return selects(parameters, body: request.body)
            case ("/api/search", _), ("/api/show", _), ("/api/stats", _): return notAllowed("GET, HEAD")
            case ("/api/selects", _): return notAllowed("POST")
            default: return .error(404, "no API endpoint \(request.path); there are /api/search, /api/show, /api/stats and /api/selects")
            }
        }
        guard let resource = PageResources.resource(at: request.path) else {
            return HTTPResponse(status: 404, contentType: "text/plain; charset=utf-8",
                                body: Array("Not found. The page is at /, the API under /api/.\n".utf8))
        }
        guard method == "GET" else { return notAllowed("GET, HEAD") }
        return HTTPResponse(contentType: resource.contentType, body: resource.body, headers: [("Cache-Control", "no-cache")])
    }

    private func notAllowed(_ allow: String) -> HTTPResponse {
        var r = HTTPResponse.error(405, "method not allowed here; use \(allow)")
        r.headers.append(("Allow", allow))
        return r
    }

    private func preflight() -> HTTPResponse {
        HTTPResponse(status: 204, headers: [("Access-Control-Allow-Methods", "GET, POST, OPTIONS"),
                                            ("Access-Control-Allow-Headers", "Authorization, Content-Type"),
                                            ("Access-Control-Max-Age", "600")])
    }

    /// `Bearer TOKEN` with the right token, compared in time that does not
    /// depend on where the first difference is.
    static func authorized(_ header: String?, token: String) -> Bool {
        guard let header, header.utf8.count > 7, ASCIICase.equal(String(header.prefix(7)), "bearer ") else { return false }
        let given = Array(header.utf8.dropFirst(7)), wanted = Array(token.utf8)
        var difference = UInt8(given.count == wanted.count ? 0 : 1)
        for i in 0..<max(given.count, wanted.count) {
            difference |= (i < given.count ? given[i] : 0) ^ (i < wanted.count ? wanted[i] : 0xFF)
        }
        return difference == 0
    }

    /// The JSON text of `value` (the CLI's encoder), or a 500 if it cannot be encoded.
    func json<T: Encodable>(_ value: T) -> HTTPResponse {
        do { return .json(try JSONTextEncoder().encode(value)) } catch {
            return .error(500, "cannot encode the answer: \(error)")
        }
    }
}

/// Reading typed parameters, with messages that say what was expected.
extension QueryParameters {
    /// Fails for a parameter not in `known`.
    func check(known: [String]) -> HTTPResponse? {
        guard let bad = names.first(where: { !known.contains($0) }) else { return nil }
        return .error(400, "unknown parameter '\(bad)'; this endpoint takes \(known.joined(separator: ", "))")
    }

    /// An integer in `range`, `fallback` when absent.
    func int(_ name: String, default fallback: Int, in range: ClosedRange<Int>) throws(HTTPResponseError) -> Int {
        guard let text = self[name] else { return fallback }
        guard let n = Int(text), range.contains(n) else {
            throw HTTPResponseError(.error(400, "\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound), got '\(text)'"))
        }
        return n
    }

    /// One of `allowed`, `fallback` when absent.
    func choice(_ name: String, _ allowed: [String], default fallback: String?) throws(HTTPResponseError) -> String? {
        guard let text = self[name] else { return fallback }
        guard allowed.contains(text) else {
            throw HTTPResponseError(.error(400, "\(name) must be one of \(allowed.joined(separator: ", ")), got '\(text)'"))
        }
        return text
    }
}

/// A response standing for a failure, so parameter readers can return it.
struct HTTPResponseError: Error {
    let response: HTTPResponse
    init(_ response: HTTPResponse) { self.response = response }
}
