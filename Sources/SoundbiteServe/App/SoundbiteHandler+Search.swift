import Soundbite

extension SoundbiteHandler {
    static let searchParameters = ["q", "role", "chapter", "speaker", "interview", "where", "n", "offset", "rank", "context", "explain", "used"]

    /// `GET /api/search?q=…&role=…&chapter=…&speaker=…&interview=…&where=K=V&n=&offset=&rank=&context=&explain=1&used=`:
    /// the JSON of `soundbite search --format json` (400 with `column` for a query syntax error).
    /// `used=unused` keeps the cutting-room floor (`--unused`), `used=used` what the recorded cut
    /// used (`--used`); both values given, or `any`, keep every passage.
    func search(_ p: QueryParameters) -> HTTPResponse {
        if let bad = p.check(known: Self.searchParameters) { return bad }
        guard let q = p["q"], !q.allSatisfy(\.isWhitespace) else {
            return .error(400, "missing q: give the query, e.g. /api/search?q=laptops+home")
        }
        var options = SearchOptions()
        options.countFacets = true              // the total and the facets, as `search --format json` prints them
        do {
            options.limit = try p.int("n", default: 10, in: 0...1000)
            options.offset = try p.int("offset", default: 0, in: 0...1_000_000)
            options.context = try p.int("context", default: 0, in: 0...20)
            options.ranking = try p.choice("rank", Ranking.allCases.map(\.rawValue), default: "quote") == "bm25" ? .bm25 : .quote
            options.explain = try p.choice("explain", ["0", "1", "true", "false"], default: "0").map { $0 == "1" || $0 == "true" } ?? false
            options.used = try p.used()
        } catch { return error.response }
        var filters = SearchFilters(roles: p.all("role"), chapters: p.all("chapter"),
                                    speakers: p.all("speaker"), interviews: p.all("interview"))
        for w in p.all("where") {
            guard let eq = w.firstIndex(of: "="), eq != w.startIndex else {
                return .error(400, "where needs KEY=VALUE, got '\(w)'")
            }
            filters.fields[String(w[..<eq]).lowercased(), default: []].append(String(w[w.index(after: eq)...]))
        }
        options.filters = filters
        do {
            return json(try indexes.current().search(q, options: options))
        } catch let SearchError.syntax(e) {
            return .error(400, SearchError.syntax(e).description, extra: ",\"column\":\(e.column)")
        } catch {
            return .error(400, error.description)
        }
    }
}

extension QueryParameters {
    /// The `used` parameter's values as one filter: none or `any` is every
    /// passage, and `used` with `unused` (the page's two facet values both
    /// pressed) is every passage too, as OR within a facet means elsewhere.
    func used() throws(HTTPResponseError) -> UsedFilter {
        var wanted = Set<UsedFilter>()
        for v in all("used") {
            guard let f = UsedFilter(rawValue: v.lowercased()) else {
                throw HTTPResponseError(.error(400, "used must be one of \(UsedFilter.allCases.map(\.rawValue).joined(separator: ", ")), got '\(v)'"))
            }
            if f == .any { return .any }
            wanted.insert(f)
        }
        return wanted.count == 1 ? wanted.first! : .any
    }
}
