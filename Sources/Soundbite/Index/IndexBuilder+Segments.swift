/// Appending a segment: a builder that indexed the next run of interviews on
/// its own (on another thread) is added to this one as if its interviews had
/// been added here, byte for byte.
///
/// That holds because everything a builder numbers is numbered in the order
/// it meets things: documents, cues and text bytes are offset by what this
/// builder already holds; a string the segment met first is new here in the
/// same order (its table is walked in id order, so the ids come out as a
/// sequential build gives them); terms are re-interned (their ids never
/// reach the file, which lists terms in byte order) and their postings
/// appended after this builder's, so each list stays in document order.
extension IndexBuilder {
    /// Files read into one segment by a build from files. Larger segments
    /// mean fewer appends and fewer words met cold by a segment's caches
    /// (``FormTermCache``, ``StemCache``); each of the segments in flight
    /// holds its files' index in memory until it is appended.
    static let filesPerSegment = 16

    /// A builder for a segment: its postings are logged flat and grouped by
    /// term once (``PostingLog``), which is all ``append(_:)`` reads of them.
    static func segment(analyzer: Analyzer = .standard, segmenter: PassageSegmenter = PassageSegmenter()) -> IndexBuilder {
        var builder = IndexBuilder(analyzer: analyzer, segmenter: segmenter)
        builder.logsPostings = true
        return builder
    }

    /// Appends every interview of `segment` (made by ``segment(analyzer:segmenter:)``
    /// with the same analyzer and segmenter), with its documents, cues, text,
    /// strings and postings.
    mutating func append(_ segment: IndexBuilder) {
        let docBase = UInt32(docs.count)
        let cueBase = UInt32(cues.count)
        precondition(segment.storedText == nil, "a segment's text is never spilled")
        let textBase = textEnd
        let interviewBase = UInt32(interviews.count)
        var stringMap = [UInt32](repeating: 0, count: segment.strings.strings.count)
        for (k, s) in segment.strings.strings.enumerated() { stringMap[k] = strings.id(s) }
        cues.append(contentsOf: segment.cues)
        text.append(contentsOf: segment.text)
        for var d in segment.docs {
            d.interview += interviewBase
            d.speaker = stringMap[Int(d.speaker)]
            d.role = stringMap[Int(d.role)]
            d.chapter = stringMap[Int(d.chapter)]
            d.cueStart += cueBase
            d.textOffset += textBase
            docs.append(d)
        }
        for var r in segment.interviews {
            for k in [\InterviewRecord.id, \.path, \.title, \.media, \.date, \.format] { r[keyPath: k] = stringMap[Int(r[keyPath: k])] }
            r.fields = r.fields.map { (stringMap[Int($0.0)], stringMap[Int($0.1)]) }
            r.chapters = r.chapters.map { ChapterRecord(title: stringMap[Int($0.title)], start: $0.start, end: $0.end) }
            r.docStart += docBase
            r.cueStart += cueBase
            interviews.append(r)
        }
        totalTokens += segment.totalTokens
        postingBytes += segment.postingBytes
        // The segment's terms interned here first (ids in the segment's order),
        // then their lists (the segment's log grouped by term, ``PostingLog``)
        // appended through one buffer of this builder's lists.
        var ids = [Int](repeating: 0, count: segment.terms.count)
        segment.terms.arena.withUnsafeBufferPointer { arena in
            for t in 0..<segment.terms.count {
                ids[t] = terms.intern(UnsafeBufferPointer(rebasing: arena[segment.terms.offsets[t]..<segment.terms.offsets[t + 1]]))
            }
        }
        if postings.count < terms.count {
            postings.append(contentsOf: repeatElement(TermPostings(), count: terms.count - postings.count))
        }
        precondition(segment.logsPostings, "a segment is made by IndexBuilder.segment(analyzer:segmenter:)")
        let from = segment.groupedLog ?? segment.log.grouped(termCount: segment.terms.count)
        postings.withUnsafeMutableBufferPointer { postings in
            for t in 0..<segment.terms.count {
                let id = ids[t]
                let start = postings[id].docs.count
                postings[id].docs.append(contentsOf: from.docs[from.postingStart[t]..<from.postingStart[t + 1]])
                if docBase != 0 {
                    postings[id].docs.withUnsafeMutableBufferPointer { for k in start..<$0.count { $0[k] += docBase } }
                }
                postings[id].tfs.append(contentsOf: from.tfs[from.postingStart[t]..<from.postingStart[t + 1]])
                postings[id].positions.append(contentsOf: from.positions[from.positionStart[t]..<from.positionStart[t + 1]])
            }
        }
    }
}
