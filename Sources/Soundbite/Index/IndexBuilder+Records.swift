/// The one code path by which document and interview records enter a
/// builder, shared by a fresh build (``IndexBuilder/add(_:collection:warnings:manifestHash:)``)
/// and the incremental update (``IndexBuilder/addKept(_:from:collection:source:manifestHash:docMap:)``):
/// both hand over strings and let these methods intern them, so the string
/// table, the documents and the interviews come out byte-identical whichever
/// path a passage took.
extension IndexBuilder {
    /// The logical length of the text so far (compressed and pending).
    var textEnd: UInt64 { textBase + UInt64(text.count) }

    /// Appends the record of the document whose text and cues were just
    /// appended (from `textOffset` and `cueStart` to the current ends),
    /// interning speaker, role and chapter in that order.
    mutating func appendDocument(length: UInt32, interview: UInt32, speaker: String, role: String, chapter: String,
                                 cueStart: UInt32, textOffset: UInt64) {
        // Consecutive passages mostly share all three (one speaker's turn in one chapter).
        let ids: (UInt32, UInt32, UInt32)
        if let last = lastDocumentStrings, last.speaker == speaker, last.role == role, last.chapter == chapter {
            ids = last.ids
        } else {
            ids = (strings.id(speaker), strings.id(role), strings.id(chapter))
            lastDocumentStrings = (speaker, role, chapter, ids)
        }
        let (speaker, role, chapter) = ids
        totalTokens += UInt64(length)
        docs.append(DocRecord(length: length, interview: interview, speaker: speaker, role: role, chapter: chapter,
                              cueStart: cueStart, cueCount: UInt32(cues.count) - cueStart,
                              textOffset: textOffset, textLength: UInt32(textEnd - textOffset)))
    }

    /// The metadata of an interview as text, in the order its strings are interned.
    struct InterviewStrings {
        var id: String
        var path: String
        var title: String
        var media: String
        var date: String
        /// Manifest fields, sorted by key.
        var fields: [(key: String, value: String)]
        var chapters: [(title: String, start: Double, end: Double)]
        /// The ``TranscriptFormat`` raw value ("" when unknown).
        var format: String
    }

    /// Appends the record of the interview whose documents and cues were just
    /// appended (from `docStart` and `cueStart` to the current ends),
    /// interning its strings in the order of ``InterviewStrings``.
    mutating func appendInterview(_ s: InterviewStrings, collection: UInt32, source: SourceFingerprint,
                                  manifestHash: UInt64, docStart: UInt32, cueStart: UInt32,
                                  words: UInt64, seconds: Double, warnings: UInt32) {
        let id = strings.id(s.id), path = strings.id(s.path), title = strings.id(s.title)
        let media = strings.id(s.media), date = strings.id(s.date)
        var fields: [(UInt32, UInt32)] = []
        for f in s.fields { fields.append((strings.id(f.key), strings.id(f.value))) }
        let chapters = s.chapters.map { ChapterRecord(title: strings.id($0.title), start: $0.start, end: $0.end) }
        let format = strings.id(s.format)
        interviews.append(InterviewRecord(
            id: id, path: path, title: title, media: media, date: date, collection: collection,
            fields: fields, chapters: chapters, source: source, manifestHash: manifestHash,
            docStart: docStart, docCount: UInt32(docs.count) - docStart,
            cueStart: cueStart, cueCount: UInt32(cues.count) - cueStart,
            words: words, seconds: seconds, warnings: warnings, format: format))
    }
}
