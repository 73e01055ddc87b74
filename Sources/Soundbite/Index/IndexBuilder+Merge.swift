/// Copying interviews from an existing index into a builder without analysing
/// them again: the incremental update (see ``SearchIndex/update(_:paths:options:reader:)``).
///
/// A kept interview is copied in two steps. ``addKept(_:from:collection:source:manifestHash:docMap:)``
/// copies its document, cue and text records at the builder's current position
/// (so documents are numbered exactly as a fresh build numbers them) and
/// interns its strings in the order a fresh build would meet them (so even the
/// string table comes out the same). Once every interview is in,
/// ``mergePostings(from:docMap:)`` walks each old term's postings once and
/// appends the postings of kept documents under their new ids. Postings of a
/// term are then no longer in document order; serialising puts each back in
/// order (``TermPostings/inDocumentOrder()``).
extension IndexBuilder {
    /// Copies interview `old` of `reader` (its documents, cues, text and
    /// record) as the next interview. Records `old document → new document`
    /// in `docMap` (which has one entry per old document, -1 for dropped ones).
    mutating func addKept(_ old: InterviewRecord, from reader: IndexReader, collection: UInt32,
                          source: SourceFingerprint, manifestHash: UInt64, docMap: inout [Int32]) {
        let interviewIndex = UInt32(interviews.count)
        let docStart = UInt32(docs.count)
        let cueStart = UInt32(cues.count)
        for d in Int(old.docStart)..<Int(old.docStart) + Int(old.docCount) {
            let r = reader.document(d)
            let newCueStart = UInt32(cues.count)
            if UInt64(r.cueStart) + UInt64(r.cueCount) <= UInt64(reader.cueCount) {
                for c in Int(r.cueStart)..<Int(r.cueStart) + Int(r.cueCount) { cues.append(reader.cue(c)) }
            }
            let textOffset = textEnd
            text.append(contentsOf: reader.textBytes(of: r))
            docMap[d] = Int32(docs.count)
            appendDocument(length: r.length, interview: interviewIndex, speaker: reader.string(r.speaker),
                           role: reader.string(r.role), chapter: reader.string(r.chapter),
                           cueStart: newCueStart, textOffset: textOffset)
        }
        appendInterview(InterviewStrings(
                            id: reader.string(old.id), path: reader.string(old.path), title: reader.string(old.title),
                            media: reader.string(old.media), date: reader.string(old.date),
                            fields: old.fields.map { (reader.string($0.0), reader.string($0.1)) },
                            chapters: old.chapters.map { (reader.string($0.title), $0.start, $0.end) },
                            format: reader.string(old.format)),
                        collection: collection, source: source, manifestHash: manifestHash,
                        docStart: docStart, cueStart: cueStart, words: old.words, seconds: old.seconds,
                        warnings: old.warnings)
    }

    /// Appends the postings of every kept document of `reader` (those with
    /// `docMap[old] >= 0`) under their new ids, walking each old term once.
    /// Returns false if the old postings cannot be decoded (the caller then
    /// rebuilds from the transcripts).
    mutating func mergePostings(from reader: IndexReader, docMap: [Int32]) -> Bool {
        guard docMap.contains(where: { $0 >= 0 }) else { return true }
        var positions: [UInt32] = []
        var scratch: [UInt8] = []
        for t in 0..<reader.termCount {
            let info = reader.info(t)
            let cursor = PostingCursor(reader: reader, info: info)
            var termID = -1
            var seen = 0
            while cursor.doc != PostingCursor.noMoreDocs {
                let old = Int(cursor.doc)
                seen += 1
                let new = docMap[old]
                if new >= 0 {
                    if termID < 0 {
                        scratch.removeAll(keepingCapacity: true)
                        scratch.append(contentsOf: reader.term(t))
                        termID = scratch.withUnsafeBufferPointer { terms.intern($0) }
                        if postings.count < terms.count {
                            postings.append(contentsOf: repeatElement(TermPostings(), count: terms.count - postings.count))
                        }
                    }
                    cursor.positions(into: &positions)
                    guard positions.count == Int(cursor.tf) else { return false }
                    postings[termID].docs.append(UInt32(new))
                    postings[termID].tfs.append(cursor.tf)
                    postings[termID].positions.append(contentsOf: positions)
                    postingBytes += 8 + 4 * positions.count
                }
                cursor.next()
            }
            guard !cursor.isCorrupt, seen == Int(info.df) else { return false }
        }
        postingsMerged = true
        return true
    }
}

extension TermPostings {
    /// The same postings sorted by document (each with its tf and
    /// positions); `self` when they already are.
    func inDocumentOrder() -> TermPostings {
        var sorted = true
        for i in docs.indices.dropFirst() where docs[i - 1] > docs[i] { sorted = false; break }
        if sorted { return self }
        let order = docs.indices.sorted { docs[$0] < docs[$1] }
        var starts: [Int] = []
        starts.reserveCapacity(tfs.count)
        var s = 0
        for tf in tfs { starts.append(s); s += Int(tf) }
        var q = TermPostings()
        q.docs.reserveCapacity(docs.count)
        q.tfs.reserveCapacity(tfs.count)
        q.positions.reserveCapacity(positions.count)
        for i in order {
            q.docs.append(docs[i])
            q.tfs.append(tfs[i])
            q.positions.append(contentsOf: positions[starts[i]..<(starts[i] + Int(tfs[i]))])
        }
        return q
    }
}
