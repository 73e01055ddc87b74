/// The `meta` section (kind 1): UTF-8 `key=value` lines, one per statistic
/// the reader needs before anything else. Unknown keys are ignored.
///
///     format=3 · docs=N · tokens=Σ document lengths · cues=N · interviews=N
///     · analyzer=signature · passageWords=N
struct Meta: Sendable, Hashable {
    /// Documents (passages).
    var docs: Int
    /// Σ document lengths (BM25 tokens).
    var tokens: UInt64
    /// Cues.
    var cues: Int
    /// Interviews.
    var interviews: Int
    /// ``Analyzer/signature`` of the analyzer documents were indexed with.
    var analyzer: String
    /// The passage size the index was segmented with.
    var passageWords: Int

    /// The section bytes.
    var encoded: [UInt8] {
        let lines = [
            "format=\(IndexFormat.version)",
            "docs=\(docs)",
            "tokens=\(tokens)",
            "cues=\(cues)",
            "interviews=\(interviews)",
            "analyzer=\(analyzer)",
            "passageWords=\(passageWords)",
        ]
        return Array((lines.joined(separator: "\n") + "\n").utf8)
    }

    /// Reads the section. `docs`, `tokens` and `cues` are required and bounded
    /// by `limit` (the image size: a count beyond it cannot be right).
    init(_ bytes: UnsafeRawBufferPointer, limit: Int) throws(StorageError) {
        var fields: [Substring: Substring] = [:]
        let text = String(decoding: bytes, as: UTF8.self)
        for line in text.split(separator: "\n") {
            guard let eq = line.firstIndex(of: "=") else { continue }
            fields[line[..<eq]] = line[line.index(after: eq)...]
        }
        guard let docs = fields["docs"].flatMap({ Int($0) }), let tokens = fields["tokens"].flatMap({ UInt64($0) }),
              let cues = fields["cues"].flatMap({ Int($0) }) else {
            throw .corrupt(path: "", detail: "the metadata section lacks document counts")
        }
        guard docs >= 0, cues >= 0, docs <= limit, cues <= limit else {
            throw .corrupt(path: "", detail: "the metadata section has impossible counts")
        }
        self.init(docs: docs, tokens: tokens, cues: cues,
                  interviews: fields["interviews"].flatMap { Int($0) } ?? 0,
                  analyzer: fields["analyzer"].map(String.init) ?? "",
                  passageWords: fields["passageWords"].flatMap { Int($0) } ?? 10)
    }

    init(docs: Int, tokens: UInt64, cues: Int, interviews: Int, analyzer: String, passageWords: Int) {
        self.docs = docs
        self.tokens = tokens
        self.cues = cues
        self.interviews = interviews
        self.analyzer = analyzer
        self.passageWords = passageWords
    }
}
