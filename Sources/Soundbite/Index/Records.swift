/// Fixed-size record of one document (passage), as stored in the DOCS section.
struct DocRecord: Sendable, Hashable {
    var length: UInt32
    var interview: UInt32
    var speaker: UInt32
    var role: UInt32
    var chapter: UInt32
    var cueStart: UInt32
    var cueCount: UInt32
    var textOffset: UInt64
    var textLength: UInt32
}

/// One cue inside a document: its time range, where its text starts in the
/// document text, and the position of its first token.
struct CueRecord: Sendable, Hashable {
    var start: Double
    var end: Double
    var textStart: UInt32
    var firstPosition: UInt32
}

/// A chapter of an interview, title as a string id.
struct ChapterRecord: Sendable, Hashable {
    var title: UInt32
    var start: Double
    var end: Double
}

/// One interview: metadata as string ids, its document and cue ranges, its
/// source fingerprint (for incremental updates) and its statistics.
struct InterviewRecord: Sendable, Hashable {
    var id: UInt32
    var path: UInt32
    var title: UInt32
    var media: UInt32
    var date: UInt32
    var collection: UInt32
    var fields: [(UInt32, UInt32)]
    var chapters: [ChapterRecord]
    var source: SourceFingerprint
    /// Hash of the manifest entry and collection roles the interview was read
    /// with (0 when unknown, e.g. built from an in-memory ``Collection``): with
    /// equal size and stat stamp, an equal value proves the interview unchanged
    /// without reading the file.
    var manifestHash: UInt64 = 0
    var docStart: UInt32
    var docCount: UInt32
    var cueStart: UInt32
    var cueCount: UInt32
    var words: UInt64
    var seconds: Double
    /// Warning diagnostics met reading the transcript and its chapter track.
    var warnings: UInt32
    /// The ``TranscriptFormat`` raw value it was read in, as a string id
    /// (0, the empty string, when unknown).
    var format: UInt32 = 0

    static func == (a: Self, b: Self) -> Bool {
        a.id == b.id && a.path == b.path && a.docStart == b.docStart && a.source == b.source
            && a.fields.elementsEqual(b.fields, by: { $0 == $1 })
    }
    func hash(into h: inout Hasher) { h.combine(id); h.combine(docStart) }
}

/// A collection the index was built from: its name, folder, and what went
/// wrong reading it.
struct CollectionRecord: Sendable, Hashable {
    var name: String
    var root: String
    var warnings: UInt32
    var skipped: [String]
}
