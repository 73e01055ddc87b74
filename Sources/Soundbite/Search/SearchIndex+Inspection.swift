/// What an index holds, as `soundbite stats` reports it.
public struct IndexStatistics: Sendable, Hashable {
    /// Interviews indexed.
    public var interviews: Int
    /// Cues (timed utterances) indexed.
    public var cues: Int
    /// Words (tokens after analysis).
    public var words: Int
    /// Seconds of speech (per interview, last cue end − first cue start, summed).
    public var seconds: Double
    /// Cues per speaker role ("" for cues with no role).
    public var roles: [String: Int]
    /// Distinct speakers.
    public var speakers: Int
    /// Distinct chapter titles.
    public var chapters: Int
    /// Warnings met while reading the transcripts.
    public var warnings: Int
    /// Files that could not be read.
    public var skipped: Int
    /// Interviews per transcript format, keyed by ``TranscriptFormat`` raw
    /// value (`"vtt"`, `"otter-txt"`, …; `""` for interviews of unknown format,
    /// such as those built in memory).
    public var formats: [String: Int]
    /// Documents (passages) BM25 ranks.
    public var documents: Int
    /// Distinct terms.
    public var terms: Int
    /// Size of the index image in bytes.
    public var bytes: Int
    /// Used versus recorded time of each collection, in build order (empty
    /// when `soundbite used` recorded no ranges).
    public var usedByCollection: [UsedTime] = []
    /// Used versus recorded time of each interview, in index order (empty
    /// when no ranges are recorded).
    public var usedByInterview: [UsedTime] = []
}

/// How much of a recording, or of a collection's, a finished edit used.
public struct UsedTime: Sendable, Hashable {
    /// The interview id or the collection name.
    public var name: String
    /// Seconds used (the merged used ranges).
    public var used: Double
    /// Seconds recorded (first cue's start to last cue's end, summed over a collection's interviews).
    public var recorded: Double
}

/// One indexed document as `soundbite export` writes it; encodes flat, as
/// `{"id", "interview", "speaker", "role", "chapter", "start", "end", "text"}`.
public struct IndexedDocument: Sendable, Hashable, Codable {
    /// Document id (0-based, dense).
    public var id: Int
    /// Interview id.
    public var interview: String
    /// The passage: speaker, role, chapter, time range and text.
    public var passage: Utterance
}

extension IndexedDocument {
    private enum CodingKeys: String, CodingKey {
        case id, interview, speaker, role, chapter, start, end, text
    }

    /// Encodes the document flat, with the passage's fields beside its ids.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(interview, forKey: .interview)
        try c.encode(passage.speaker, forKey: .speaker)
        try c.encode(passage.role, forKey: .role)
        try c.encode(passage.chapter, forKey: .chapter)
        try c.encode(passage.start, forKey: .start)
        try c.encode(passage.end, forKey: .end)
        try c.encode(passage.text, forKey: .text)
    }

    /// Decodes what ``encode(to:)`` wrote.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(Int.self, forKey: .id)
        interview = try c.decode(String.self, forKey: .interview)
        passage = Utterance(speaker: try c.decode(String.self, forKey: .speaker), role: try c.decode(String.self, forKey: .role),
                            chapter: try c.decode(String.self, forKey: .chapter), start: try c.decode(Double.self, forKey: .start),
                            end: try c.decode(Double.self, forKey: .end), text: try c.decode(String.self, forKey: .text))
    }
}

extension SearchIndex {
    /// Counts of what the index holds.
    public var statistics: IndexStatistics {
        var roles: [String: Int] = [:]
        var speakers = Set<UInt32>(), chapters = Set<UInt32>()
        for d in 0..<reader.docCount {
            let r = reader.document(d)
            roles[reader.string(r.role), default: 0] += Int(r.cueCount)
            speakers.insert(r.speaker)
            if r.chapter != 0 { chapters.insert(r.chapter) }
        }
        return IndexStatistics(
            interviews: reader.interviews.count, cues: reader.cueCount, words: Int(reader.totalTokens),
            seconds: reader.interviews.reduce(0) { $0 + $1.seconds }, roles: roles,
            speakers: speakers.subtracting([0]).count, chapters: chapters.count,
            warnings: reader.collections.reduce(0) { $0 + Int($1.warnings) },
            skipped: reader.collections.reduce(0) { $0 + $1.skipped.count },
            formats: reader.interviews.reduce(into: [:]) { $0[reader.string($1.format), default: 0] += 1 },
            documents: reader.docCount, terms: reader.termCount, bytes: reader.storage.bytes.count,
            usedByCollection: usedTime.collections, usedByInterview: usedTime.interviews)
    }

    /// Used versus recorded time per collection and interview (both empty without used ranges).
    private var usedTime: (collections: [UsedTime], interviews: [UsedTime]) {
        let used = reader.used
        guard !used.isEmpty else { return ([], []) }
        var collections = reader.collections.map { UsedTime(name: $0.name, used: 0, recorded: 0) }
        var interviews: [UsedTime] = []
        for r in reader.interviews {
            let id = reader.string(r.id)
            let t = UsedTime(name: id, used: used.seconds(of: id), recorded: r.seconds)
            interviews.append(t)
            if Int(r.collection) < collections.count {
                collections[Int(r.collection)].used += t.used
                collections[Int(r.collection)].recorded += t.recorded
            }
        }
        return (collections, interviews)
    }

    /// Number of documents (passages).
    public var documentCount: Int { reader.docCount }

    /// Document `id` as exported.
    public func document(_ id: Int) -> IndexedDocument? {
        guard id >= 0, id < reader.docCount else { return nil }
        let r = reader.document(id)
        return IndexedDocument(id: id, interview: reader.interview(of: r).map { reader.string($0.id) } ?? "",
                               passage: reader.passage(id))
    }

    /// The ids of the indexed interviews, in index order.
    public var interviewIDs: [String] { reader.interviews.map { reader.string($0.id) } }

    /// The cues of interview `id` (matched case-insensitively), in order, with
    /// speaker, role and chapter; nil when the index has no such interview.
    public func transcript(of id: String) -> Transcript? {
        let key = id.lowercased()
        guard let i = reader.interviews.first(where: { reader.string($0.id).lowercased() == key }) else { return nil }
        var result: [Utterance] = []
        for d in Int(i.docStart)..<Int(i.docStart + i.docCount) {
            let r = reader.document(d)
            let text = Array(reader.text(of: r).utf8)
            let cues = reader.cues(of: r)
            for (k, c) in cues.enumerated() {
                let lo = min(Int(c.textStart), text.count)
                let hi = k + 1 < cues.count ? max(lo, min(text.count, Int(cues[k + 1].textStart) - 1)) : text.count
                result.append(Utterance(speaker: reader.string(r.speaker), role: reader.string(r.role),
                                        chapter: reader.string(r.chapter), start: c.start, end: c.end,
                                        text: String(decoding: text[lo..<hi], as: UTF8.self)))
            }
        }
        return Transcript(id: reader.string(i.id), title: reader.string(i.title), media: reader.string(i.media), cues: result)
    }

    /// Every section of the index image, in file order, with its size in bytes (see FORMAT.md).
    package var sectionSizes: [(name: String, bytes: Int)] {
        reader.sections.entries.map { ($0.name, $0.length) }
    }

    /// The names of the collections the index was built from, in build order.
    public var collectionNames: [String] { reader.collections.map(\.name) }
}
