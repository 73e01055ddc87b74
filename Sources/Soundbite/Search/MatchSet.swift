/// The documents a search matched, in increasing order, and their facet
/// counts, by whichever way costs less: few matches are counted one by one
/// from their document records; many are counted per facet value, as the
/// size of the intersection of a match bitmap with the value's stored
/// document set (``FacetDocSets``), so the cost follows the number of values
/// and runs, not the number of matches.
struct MatchSet {
    private(set) var docs: [UInt32] = []

    /// Adds document `d` (above every document added so far).
    @inline(__always)
    mutating func append(_ d: UInt32) { docs.append(d) }

    /// How many matches lie in `runs` (one merge of two ascending lists).
    func count(in runs: DocRuns) -> Int {
        var n = 0
        var r = 0
        for d in docs {
            while r < runs.runCount && runs.run(r).end <= d { r += 1 }
            if r == runs.runCount { break }
            if d >= runs.run(r).first { n += 1 }
        }
        return n
    }

    /// Matches per role, chapter and manifest field value (values without
    /// matches left out; `role` and `chapter` always present).
    func facets(_ reader: IndexReader) -> [String: [String: Int]] {
        // A per-value count reads every stored item of the counted facets
        // once; a per-match count reads three columns of each match.
        docs.count * 3 < reader.facets.countedItems ? countEach(reader) : countPerValue(reader)
    }

    private func countEach(_ reader: IndexReader) -> [String: [String: Int]] {
        var byRole: [UInt32: Int] = [:], byChapter: [UInt32: Int] = [:], byInterview: [UInt32: Int] = [:]
        for d in docs {
            // A damaged page of records is not counted (and fails the search).
            guard reader.checkDocuments(Int(d)..<(Int(d) + 1)) else { continue }
            byRole[reader.docs.role(of: d), default: 0] += 1
            byChapter[reader.docs.chapter(of: d), default: 0] += 1
            byInterview[reader.docs.interview(of: d), default: 0] += 1
        }
        var result: [String: [String: Int]] = ["role": [:], "chapter": [:]]
        for (id, n) in byRole { result["role", default: [:]][reader.string(id), default: 0] += n }
        for (id, n) in byChapter { result["chapter", default: [:]][reader.string(id), default: 0] += n }
        for (i, n) in byInterview where Int(i) < reader.interviews.count {
            for (k, v) in reader.interviews[Int(i)].fields {
                result[reader.string(k), default: [:]][reader.string(v), default: 0] += n
            }
        }
        return result
    }

    private func countPerValue(_ reader: IndexReader) -> [String: [String: Int]] {
        var bits = [UInt64](repeating: 0, count: (reader.docCount + 63) / 64)
        for d in docs where Int(d) < reader.docCount { bits[Int(d >> 6)] |= 1 << UInt64(d & 63) }
        var result: [String: [String: Int]] = ["role": [:], "chapter": [:]]
        let facets = reader.facets
        bits.withUnsafeBufferPointer { bits in
            for (name, field) in [("role", FacetDocSets.Field.role), ("chapter", .chapter)] {
                for i in facets.entries(of: field) {
                    let n = facets.docs(i).count(in: bits)
                    if n > 0 { result[name, default: [:]][reader.string(facets.entry(i).value), default: 0] += n }
                }
            }
            for i in facets.entries(of: .manifest) {
                let n = facets.docs(i).count(in: bits)
                guard n > 0 else { continue }
                let e = facets.entry(i)
                result[reader.string(e.key), default: [:]][reader.string(e.value), default: 0] += n
            }
        }
        return result
    }
}
