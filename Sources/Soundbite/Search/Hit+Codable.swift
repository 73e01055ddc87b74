/// A hit encodes with the keys the CLI prints (`soundbite search --format
/// json`): `rank`, `score`, `document`, `interview`, `title`, `speaker`,
/// `role`, `chapter`, `start`, `end`, `timecode`, `text`, `highlights` (UTF-8
/// byte ranges of `text` as `[start, end]` pairs), `snippet` (the excerpt with
/// matches in `[` `]`), `media`, `fields` (keys sorted), then `explain` and
/// `context` (`before`, `after`) when present. The ``placement`` is written
/// inside `explain`, first (`tier`, `tierName`, `oneCue`), as `--explain`
/// shows it.
///
/// Decoding reads the same keys (`timecode` is derived from `start`; the
/// snippet's highlights are read back from its `[` `]` marks, so a literal
/// bracket inside a snippet reads as a mark; a hit without an explanation
/// reads back without its placement).
extension Hit: Codable {
    private enum CodingKeys: String, CodingKey {
        case rank, score, document, interview, title, speaker, role, chapter, start, end, timecode, text
        case highlights, snippet, media, fields, explain, context
    }

    private enum ContextKeys: String, CodingKey {
        case before, after
    }

    private enum PlacementKeys: String, CodingKey {
        case tier, tierName, oneCue
    }

    /// Encodes the hit with the CLI's keys.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(rank, forKey: .rank)
        try c.encode(score, forKey: .score)
        try c.encode(document, forKey: .document)
        try c.encode(interview, forKey: .interview)
        try c.encode(title, forKey: .title)
        try c.encode(speaker, forKey: .speaker)
        try c.encode(role, forKey: .role)
        try c.encode(chapter, forKey: .chapter)
        try c.encode(start, forKey: .start)
        try c.encode(end, forKey: .end)
        try c.encode(timecode, forKey: .timecode)
        try c.encode(text, forKey: .text)
        try c.encode(highlights.map { [$0.lowerBound, $0.upperBound] }, forKey: .highlights)
        try c.encode(snippet.marked(), forKey: .snippet)
        try c.encode(media, forKey: .media)
        try c.encode(SortedKeys(fields), forKey: .fields)
        if let explanation {
            let explain = c.superEncoder(forKey: .explain)
            if let placement {
                var p = explain.container(keyedBy: PlacementKeys.self)
                try p.encode(placement.tier.rawValue, forKey: .tier)
                try p.encode(placement.tier.name, forKey: .tierName)
                try p.encode(placement.oneCue, forKey: .oneCue)
            }
            try explanation.encode(to: explain)
        }
        if !before.isEmpty || !after.isEmpty {
            var context = c.nestedContainer(keyedBy: ContextKeys.self, forKey: .context)
            try context.encode(before, forKey: .before)
            try context.encode(after, forKey: .after)
        }
    }

    /// Decodes a hit the CLI (or ``JSONTextEncoder``) wrote.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let pairs = try c.decodeIfPresent([[Int]].self, forKey: .highlights) ?? []
        var highlights: [Range<Int>] = []
        for pair in pairs {
            guard pair.count == 2, pair[0] >= 0, pair[0] <= pair[1] else {
                throw DecodingError.dataCorruptedError(forKey: .highlights, in: c,
                    debugDescription: "a highlight is a [start, end] pair with 0 <= start <= end")
            }
            highlights.append(pair[0]..<pair[1])
        }
        var explanation: Explanation?, placement: Placement?
        if c.contains(.explain) {
            explanation = try Explanation(from: c.superDecoder(forKey: .explain))
            let p = try c.nestedContainer(keyedBy: PlacementKeys.self, forKey: .explain)
            if let tier = try p.decodeIfPresent(Int.self, forKey: .tier) {
                guard let known = QuoteTier(rawValue: tier) else {
                    throw DecodingError.dataCorruptedError(forKey: .tier, in: p, debugDescription: "no quote tier \(tier)")
                }
                placement = Placement(tier: known, oneCue: try p.decodeIfPresent(Bool.self, forKey: .oneCue) ?? false)
            }
        }
        var before: [Utterance] = [], after: [Utterance] = []
        if c.contains(.context) {
            let context = try c.nestedContainer(keyedBy: ContextKeys.self, forKey: .context)
            before = try context.decodeIfPresent([Utterance].self, forKey: .before) ?? []
            after = try context.decodeIfPresent([Utterance].self, forKey: .after) ?? []
        }
        self.init(rank: try c.decode(Int.self, forKey: .rank), score: try c.decode(Double.self, forKey: .score),
                  document: try c.decode(Int.self, forKey: .document), interview: try c.decode(String.self, forKey: .interview),
                  title: try c.decode(String.self, forKey: .title), speaker: try c.decode(String.self, forKey: .speaker),
                  role: try c.decode(String.self, forKey: .role), chapter: try c.decode(String.self, forKey: .chapter),
                  start: try c.decode(Double.self, forKey: .start), end: try c.decode(Double.self, forKey: .end),
                  text: try c.decode(String.self, forKey: .text), highlights: highlights,
                  snippet: Snippet(marked: try c.decode(String.self, forKey: .snippet)),
                  media: try c.decode(String.self, forKey: .media),
                  fields: try c.decodeIfPresent([String: String].self, forKey: .fields) ?? [:],
                  explanation: explanation, placement: placement, before: before, after: after)
    }
}

/// Results encode as `{"query", "total", "hits", "facets"}`, facet names and
/// values sorted, as `soundbite search --format json` prints them.
extension SearchResults: Codable {
    private enum CodingKeys: String, CodingKey {
        case query, total, hits, facets
    }

    /// Encodes the results with the CLI's keys.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(query, forKey: .query)
        try c.encode(total, forKey: .total)
        try c.encode(hits, forKey: .hits)
        try c.encode(SortedKeys(facets.mapValues(SortedKeys.init)), forKey: .facets)
    }

    /// Decodes results the CLI (or ``JSONTextEncoder``) wrote.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(query: try c.decode(String.self, forKey: .query), total: try c.decode(Int.self, forKey: .total),
                  hits: try c.decode([Hit].self, forKey: .hits),
                  facets: try c.decodeIfPresent([String: [String: Int]].self, forKey: .facets) ?? [:])
    }
}

/// A string-keyed dictionary that encodes its keys in sorted order, so the
/// output does not depend on hashing.
package struct SortedKeys<Value: Encodable>: Encodable {
    let dictionary: [String: Value]

    package init(_ dictionary: [String: Value]) { self.dictionary = dictionary }

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    package func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        for (key, value) in dictionary.sorted(by: { $0.key < $1.key }) {
            try c.encode(value, forKey: Key(stringValue: key))
        }
    }
}
