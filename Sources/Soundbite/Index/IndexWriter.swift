/// Lays out a built index in the file format (`Storage/FORMAT.md`): one
/// encoder per section, each owned by its type in `Index/Format/`, put in
/// the container by ``IndexFile/assemble(_:)``. The same bytes back an
/// in-memory index and are written to disk unchanged.
enum IndexWriter {
    /// Serialises `builder` into one index file image.
    static func serialize(_ builder: IndexBuilder) -> [UInt8] {
        var builder = builder
        builder.sortPostingsByDocument()
        let order = TermDictionary.sortedOrder(builder.terms)
        var postings = Postings.Encoder()
        let docs = builder.docs
        let infos = order.map { id in
            let p = builder.postings[id]
            return postings.append(docs: p.docs, tfs: p.tfs, positions: p.positions) { docs[Int($0)].length }
        }
        let docTable = DocTable.encode(docs)
        let meta = Meta(docs: docs.count, tokens: builder.totalTokens, cues: builder.cues.count,
                        interviews: builder.interviews.count, analyzer: builder.analyzer.signature,
                        passageWords: builder.segmenter.wordBudget)
        return IndexFile.assemble([
            (.meta, meta.encoded),
            (.strings, builder.strings.encoded),
            (.terms, TermDictionary.encodeTerms(builder.terms, order: order)),
            (.termInfo, TermDictionary.encodeInfo(infos)),
            (.postings, postings.postings.bytes),
            (.positions, postings.positions.bytes),
            (.bounds, postings.bounds.writer.bytes),
            (.docs, docTable.docs),
            (.docLengths, docTable.lengths),
            (.cues, CueTable.encode(builder.cues)),
            (.text, builder.text),
            (.interviews, InterviewTable.encode(builder.interviews)),
            (.collections, CollectionTable.encode(builder.collections)),
            (.facets, FacetDocSets.encode(docs: docs, interviews: builder.interviews)),
        ])
    }
}
