/// Decoding of the small tables read at open: metadata, strings, interviews, collections.
extension IndexReader {
    static func parseMeta(_ bytes: UnsafeRawBufferPointer) -> [String: String] {
        var result: [String: String] = [:]
        for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n") {
            guard let eq = line.firstIndex(of: "=") else { continue }
            result[String(line[..<eq])] = String(line[line.index(after: eq)...])
        }
        return result
    }

    static func decodeStrings(_ bytes: UnsafeRawBufferPointer, path: String) throws(StorageError) -> [String] {
        var r = ByteReader(bytes)
        let count = Int(try r.u32())
        guard count <= bytes.count / 4 else { throw .corrupt(path: path, detail: "string table count") }
        var offsets: [Int] = []
        offsets.reserveCapacity(count + 1)
        for _ in 0...count { offsets.append(Int(try r.u32())) }
        let blob = UnsafeRawBufferPointer(rebasing: bytes[r.offset...])
        var result: [String] = []
        result.reserveCapacity(count)
        for i in 0..<count {
            guard offsets[i] <= offsets[i + 1], offsets[i + 1] <= blob.count else {
                throw .corrupt(path: path, detail: "string table offsets")
            }
            result.append(String(decoding: UnsafeRawBufferPointer(rebasing: blob[offsets[i]..<offsets[i + 1]]), as: UTF8.self))
        }
        return result
    }

    static func decodeInterviews(_ bytes: UnsafeRawBufferPointer, strings: Int, docs: Int, cues: Int,
                                 path: String) throws(StorageError) -> [InterviewRecord] {
        var r = ByteReader(bytes)
        let count = Int(try r.u32())
        guard count <= bytes.count / 4 else { throw .corrupt(path: path, detail: "interview count") }
        var ends: [Int] = []
        ends.reserveCapacity(count)
        _ = try r.u32()
        let base = (count + 2) * 4
        for _ in 0..<count { ends.append(base + Int(try r.u32())) }
        var result: [InterviewRecord] = []
        func string() throws(StorageError) -> UInt32 {
            let v = try r.u32()
            guard Int(v) < strings else { throw .corrupt(path: path, detail: "interview string id") }
            return v
        }
        for k in 0..<count {
            let id = try string(), p = try string(), title = try string(), media = try string(), date = try string()
            let collection = try r.u32()
            let fieldCount = Int(try r.u32())
            guard fieldCount <= r.remaining / 8 else { throw .corrupt(path: path, detail: "interview fields") }
            var fields: [(UInt32, UInt32)] = []
            for _ in 0..<fieldCount { fields.append((try string(), try string())) }
            let chapterCount = Int(try r.u32())
            guard chapterCount <= r.remaining / 20 else { throw .corrupt(path: path, detail: "interview chapters") }
            var chapters: [ChapterRecord] = []
            for _ in 0..<chapterCount { chapters.append(ChapterRecord(title: try string(), start: try r.f64(), end: try r.f64())) }
            let source = SourceFingerprint(size: try r.u64(), statStamp: try r.u64(), hash: try r.u64())
            let manifestHash = try r.u64()
            let docStart = try r.u32(), docCount = try r.u32(), cueStart = try r.u32(), cueCount = try r.u32()
            guard UInt64(docStart) + UInt64(docCount) <= UInt64(docs),
                  UInt64(cueStart) + UInt64(cueCount) <= UInt64(cues) else {
                throw .corrupt(path: path, detail: "interview ranges")
            }
            let words = try r.u64(), seconds = try r.f64(), warnings = try r.u32()
            // Version 1 records end here; later ones add the format.
            let format = r.offset + 4 <= ends[k] ? try string() : 0
            result.append(InterviewRecord(
                id: id, path: p, title: title, media: media, date: date, collection: collection,
                fields: fields, chapters: chapters, source: source, manifestHash: manifestHash, docStart: docStart, docCount: docCount,
                cueStart: cueStart, cueCount: cueCount, words: words, seconds: seconds,
                warnings: warnings, format: format))
        }
        return result
    }

    static func decodeCollections(_ bytes: UnsafeRawBufferPointer) throws(StorageError) -> [CollectionRecord] {
        var r = ByteReader(bytes)
        let count = Int(try r.u32())
        var result: [CollectionRecord] = []
        for _ in 0..<min(count, bytes.count) {
            let name = try r.string(), root = try r.string(), warnings = try r.u32()
            let skippedCount = Int(try r.u32())
            var skipped: [String] = []
            for _ in 0..<min(skippedCount, bytes.count) { skipped.append(try r.string()) }
            result.append(CollectionRecord(name: name, root: root, warnings: warnings, skipped: skipped))
        }
        return result
    }
}

extension Analyzer {
    /// Rebuilds an analyzer from its ``signature``.
    init(signature: String) {
        // Indexes written before the acronym rule have no `acronym=` part.
        var stemming = true, folding = true, exact = false, acronyms = false
        var stop: Set<String> = []
        for part in signature.split(separator: " ") {
            if part == "porter2=0" { stemming = false }
            if part == "fold=0" { folding = false }
            if part == "exact=1" { exact = true }
            if part == "acronym=1" { acronyms = true }
            if part.hasPrefix("stop=") {
                stop = Set(part.dropFirst(5).split(separator: ",").map(String.init))
            }
        }
        self.init(stemming: stemming, folding: folding, stopWords: stop, exactForms: exact, acronymPlurals: acronyms)
    }
}
