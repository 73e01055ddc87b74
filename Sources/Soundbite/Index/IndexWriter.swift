/// Lays out a built index in the file format described in `IndexFormat`.
/// The same bytes back an in-memory index and are written to disk unchanged.
enum IndexWriter {
    /// Serialises `builder` into one index file image.
    static func serialize(_ builder: IndexBuilder) -> [UInt8] {
        var builder = builder
        builder.sortPostingsByDocument()
        let order = sortedTermOrder(builder.terms)
        var sections: [(IndexFormat.Section, [UInt8])] = []
        sections.append((.meta, meta(builder)))
        sections.append((.strings, stringBlob(builder.strings.strings)))
        sections.append((.terms, termBlob(builder.terms, order: order)))
        let (info, postings, positions, bounds) = postingSections(builder, order: order)
        sections.append((.termInfo, info))
        sections.append((.postings, postings))
        sections.append((.positions, positions))
        sections.append((.bounds, bounds))
        sections.append((.docs, docSection(builder.docs)))
        var lengths = ByteWriter()
        for d in builder.docs { lengths.u32(d.length) }
        sections.append((.docLengths, lengths.bytes))
        var cues = ByteWriter()
        for c in builder.cues { cues.f64(c.start); cues.f64(c.end); cues.u32(c.textStart); cues.u32(c.firstPosition) }
        sections.append((.cues, cues.bytes))
        sections.append((.interviews, interviewSection(builder.interviews)))
        sections.append((.collections, collectionSection(builder.collections)))
        sections.append((.storedText, StoredText.encode(builder.text)))
        return IndexFile.assemble(sections)
    }

    /// Term ids in byte order of their terms.
    static func sortedTermOrder(_ terms: TermInterner) -> [Int] {
        terms.arena.withUnsafeBufferPointer { arena in
            (0..<terms.count).sorted { a, b in
                let la = terms.offsets[a], ha = terms.offsets[a + 1]
                let lb = terms.offsets[b], hb = terms.offsets[b + 1]
                return UnsafeBufferPointer(rebasing: arena[la..<ha])
                    .lexicographicallyPrecedes(UnsafeBufferPointer(rebasing: arena[lb..<hb]))
            }
        }
    }

    private static func meta(_ b: IndexBuilder) -> [UInt8] {
        let lines = [
            "format=\(IndexFormat.version)",
            "docs=\(b.docs.count)",
            "tokens=\(b.totalTokens)",
            "cues=\(b.cues.count)",
            "interviews=\(b.interviews.count)",
            "analyzer=\(b.analyzer.signature)",
            "passageWords=\(b.segmenter.wordBudget)",
        ]
        return Array((lines.joined(separator: "\n") + "\n").utf8)
    }

    /// count u32 · offsets u32[count+1] · bytes.
    static func stringBlob(_ strings: [String]) -> [UInt8] {
        var w = ByteWriter()
        w.u32(UInt32(strings.count))
        var offset: UInt32 = 0
        w.u32(0)
        for s in strings { offset += UInt32(s.utf8.count); w.u32(offset) }
        for s in strings { w.append(Array(s.utf8)) }
        return w.bytes
    }

    private static func termBlob(_ terms: TermInterner, order: [Int]) -> [UInt8] {
        var w = ByteWriter()
        w.u32(UInt32(order.count))
        var offset: UInt32 = 0
        w.u32(0)
        for id in order { offset += UInt32(terms.offsets[id + 1] - terms.offsets[id]); w.u32(offset) }
        for id in order { w.append(Array(terms.bytes(of: id))) }
        return w.bytes
    }

    private static func postingSections(_ b: IndexBuilder, order: [Int])
        -> ([UInt8], [UInt8], [UInt8], [UInt8]) {
        var info = ByteWriter(), postings = ByteWriter(), positions = ByteWriter(), bounds = ByteWriter()
        var boundCount: UInt32 = 0
        var minLengthByTF: [UInt32] = []
        var block = ByteWriter()
        for id in order {
            let p = b.postings[id]
            let df = p.docs.count
            let blocks = (df + IndexFormat.blockSize - 1) / IndexFormat.blockSize
            let termPostingsStart = UInt64(postings.count)
            let termPositionsStart = UInt64(positions.count)
            let boundsStart = boundCount
            // Headers first, data after: data offsets are relative to the term's start.
            var headers = ByteWriter()
            block.clear()
            var previousDoc: Int64 = -1
            var positionCursor = 0
            for k in 0..<blocks {
                let lo = k * IndexFormat.blockSize, hi = min(df, lo + IndexFormat.blockSize)
                let dataOffset = UInt32(blocks * IndexFormat.blockHeaderSize + block.count)
                let positionsOffset = UInt32(UInt64(positions.count) - termPositionsStart)
                var maxTF: UInt32 = 0
                for i in lo..<hi {
                    let doc = p.docs[i], tf = p.tfs[i]
                    block.varint(UInt64(Int64(doc) - previousDoc))
                    block.varint(UInt64(tf))
                    previousDoc = Int64(doc)
                    maxTF = max(maxTF, tf)
                    var previousPosition: UInt32 = 0
                    for j in 0..<Int(tf) {
                        let pos = p.positions[positionCursor + j]
                        positions.varint(UInt64(j == 0 ? pos : pos - previousPosition))
                        previousPosition = pos
                    }
                    positionCursor += Int(tf)
                }
                headers.u32(UInt32(previousDoc))
                headers.u32(dataOffset)
                headers.u32(positionsOffset)
                headers.u16(UInt16(hi - lo))
                headers.u16(UInt16(clamping: maxTF))
            }
            postings.append(headers.bytes)
            postings.append(block.bytes)
            // Pareto frontier of (tf, dl): for each tf the shortest document, kept
            // only if shorter than every document with a higher tf.
            minLengthByTF.removeAll(keepingCapacity: true)
            for i in 0..<df {
                let tf = Int(p.tfs[i]), dl = b.docs[Int(p.docs[i])].length
                if tf >= minLengthByTF.count {
                    minLengthByTF.append(contentsOf: repeatElement(UInt32.max, count: tf + 1 - minLengthByTF.count))
                }
                minLengthByTF[tf] = min(minLengthByTF[tf], dl)
            }
            var best = UInt32.max
            for tf in stride(from: minLengthByTF.count - 1, through: 1, by: -1) where minLengthByTF[tf] < best {
                best = minLengthByTF[tf]
                bounds.u32(UInt32(tf))
                bounds.u32(best)
                boundCount += 1
            }
            info.u32(UInt32(df))
            info.u32(UInt32(blocks))
            info.u64(termPostingsStart)
            info.u64(termPositionsStart)
            info.u32(boundsStart)
            info.u32(boundCount - boundsStart)
        }
        return (info.bytes, postings.bytes, positions.bytes, bounds.bytes)
    }

    private static func docSection(_ docs: [DocRecord]) -> [UInt8] {
        var w = ByteWriter()
        for d in docs {
            w.u32(d.length); w.u32(d.interview); w.u32(d.speaker); w.u32(d.role); w.u32(d.chapter)
            w.u32(d.cueStart); w.u32(d.cueCount); w.u32(d.textLength); w.u64(d.textOffset)
        }
        return w.bytes
    }

    private static func interviewSection(_ interviews: [InterviewRecord]) -> [UInt8] {
        var records = ByteWriter()
        var offsets: [UInt32] = [0]
        for r in interviews {
            for v in [r.id, r.path, r.title, r.media, r.date, r.collection] { records.u32(v) }
            records.u32(UInt32(r.fields.count))
            for (k, v) in r.fields { records.u32(k); records.u32(v) }
            records.u32(UInt32(r.chapters.count))
            for c in r.chapters { records.u32(c.title); records.f64(c.start); records.f64(c.end) }
            records.u64(r.source.size); records.u64(r.source.statStamp); records.u64(r.source.hash)
            records.u64(r.manifestHash)
            for v in [r.docStart, r.docCount, r.cueStart, r.cueCount] { records.u32(v) }
            records.u64(r.words); records.f64(r.seconds); records.u32(r.warnings); records.u32(r.format)
            offsets.append(UInt32(records.count))
        }
        var w = ByteWriter()
        w.u32(UInt32(interviews.count))
        for o in offsets { w.u32(o) }
        w.append(records.bytes)
        return w.bytes
    }

    private static func collectionSection(_ collections: [CollectionRecord]) -> [UInt8] {
        var w = ByteWriter()
        w.u32(UInt32(collections.count))
        for c in collections {
            w.string(c.name); w.string(c.root); w.u32(c.warnings)
            w.u32(UInt32(c.skipped.count))
            for s in c.skipped { w.string(s) }
        }
        return w.bytes
    }
}
