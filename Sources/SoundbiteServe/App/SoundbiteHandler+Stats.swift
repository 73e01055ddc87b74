import Soundbite

extension SoundbiteHandler {
    /// `GET /api/stats`: the JSON of `soundbite stats --format json`.
    func stats(_ p: QueryParameters) -> HTTPResponse {
        if let bad = p.check(known: []) { return bad }
        return json(StatisticsJSON(indexes.current().statistics))
    }
}
