/// Resolves `field:value` clauses against one index: `role`, `chapter` and
/// `speaker` against the per-document columns, `interview` and every
/// manifest field against the interview table. Values match
/// case-insensitively; `*` anywhere in a value matches any run of
/// characters (`*licen*`, `p*experience`; a value ending in `*` is a prefix).
struct FieldFilters {
    /// Held without reference counting (ARCHITECTURE.md, "Holding the
    /// reader"): made for one search or one listing, never stored past it.
    unowned(unsafe) let reader: IndexReader

    /// The built-in field names.
    static let builtIn = ["role", "chapter", "speaker", "interview"]

    /// Every field name a query may use: built-in ones, then manifest fields.
    var knownFields: [String] {
        var keys = Set<String>()
        for i in reader.interviews { for (k, _) in i.fields { keys.insert(reader.string(k)) } }
        return Self.builtIn + keys.sorted()
    }

    /// The filter for a `.field` node, or a boolean combination of them.
    func filter(_ node: QueryNode) throws(SearchError) -> FilterNode {
        switch node {
        case .field(let name, let value):
            return try filter(name: name, values: [value])
        case .boolean(let clauses):
            var all: [FilterNode] = [], any: [FilterNode] = []
            for c in clauses {
                let f = try filter(c.node)
                switch c.occur {
                case .must: all.append(f)
                case .mustNot: all.append(.not(f))
                case .should: any.append(f)
                }
            }
            if !any.isEmpty && all.isEmpty { all.append(.any(any)) }
            return all.count == 1 ? all[0] : .all(all)
        default:
            throw .invalidOption("only field clauses may be grouped under a field")
        }
    }

    /// Documents whose `name` equals one of `values` (OR): the union of the
    /// stored document sets of every matching value.
    func filter(name: String, values: [String]) throws(SearchError) -> FilterNode {
        let key = name.lowercased()
        let patterns = values.map(Pattern.init)
        let facets = reader.facets
        switch key {
        case "role": return FilterNode(reader: reader, entries: entries(.role, patterns))
        case "chapter": return FilterNode(reader: reader, entries: entries(.chapter, patterns))
        case "speaker": return FilterNode(reader: reader, entries: entries(.speaker, patterns))
        case "interview":
            let matching = facets.entries(of: .interview).filter { i in
                let index = Int(facets.entry(i).value)
                return index < reader.interviews.count && patterns.contains { $0.matches(reader.string(reader.interviews[index].id)) }
            }
            return FilterNode(reader: reader, entries: matching)
        default:
            var known = false
            var matching: [Int] = []
            for i in facets.entries(of: .manifest) {
                let e = facets.entry(i)
                guard reader.string(e.key).lowercased() == key else { continue }
                known = true
                if patterns.contains(where: { $0.matches(reader.string(e.value)) }) { matching.append(i) }
            }
            guard known else { throw .unknownField(name, known: knownFields) }
            return FilterNode(reader: reader, entries: matching)
        }
    }

    /// The facet entries of `field` (role, chapter, speaker: string values)
    /// whose value matches a pattern.
    private func entries(_ field: FacetDocSets.Field, _ patterns: [Pattern]) -> [Int] {
        let facets = reader.facets
        // Exact values are looked up; only prefixes and globs scan the field's values.
        guard patterns.allSatisfy({ $0.kind == .exact }) else {
            return facets.entries(of: field).filter { i in
                let value = reader.string(facets.entry(i).value)
                return patterns.contains { $0.matches(value) }
            }
        }
        // Sorted, each entry once (a value may be typed twice: `role:guest role:Guest`).
        var found: [Int] = []
        for p in patterns {
            for id in reader.stringIDs(lowercased: p.text) {
                if let i = facets.find(field, value: id) { found.append(i) }
            }
        }
        guard found.count > 1 else { return found }
        found.sort()
        var kept = 1
        for i in found.indices.dropFirst() where found[i] != found[kept - 1] {
            found[kept] = found[i]
            kept += 1
        }
        found.removeLast(found.count - kept)
        return found
    }

    /// A case-insensitive value: exact, a prefix (one `*`, at the end), or a
    /// glob (`*` elsewhere).
    struct Pattern {
        enum Kind { case exact, prefix, glob }
        let kind: Kind
        /// The lower-cased value, without the trailing `*` of a prefix.
        let text: String
        private let want: [UInt8]
        private let glob: [Character]
        init(_ value: String) {
            let v = value.lowercased()
            // Every `*` character holds the byte 0x2A: without one, no
            // character need be looked at (most values are exact).
            let stars = Self.hasStarByte(v) ? v.filter { $0 == "*" }.count : 0
            kind = stars == 0 ? .exact : stars == 1 && v.hasSuffix("*") ? .prefix : .glob
            text = kind == .prefix ? String(v.dropLast()) : v
            want = Array(text.utf8)
            glob = kind == .glob ? Array(v) : []
        }

        /// Whether `v`'s UTF-8 holds the byte 0x2A, scanned in its own storage.
        private static func hasStarByte(_ v: String) -> Bool {
            v.utf8.withContiguousStorageIfAvailable { bytes in
                var found = false
                for b in bytes where b == 0x2A { found = true }
                return found
            } ?? v.utf8.contains(0x2A)
        }

        /// true / false when decided on ASCII bytes alone; nil when a
        /// non-ASCII byte is met first (then the caller lower-cases).
        /// Lower-casing maps an ASCII byte to one ASCII byte and any other
        /// scalar to one or more scalars, so an ASCII mismatch before any
        /// non-ASCII byte, or a candidate that runs past an exact pattern,
        /// decides the answer.
        @inline(__always)
        static func asciiMatch(_ candidate: UnsafeBufferPointer<UInt8>, _ want: [UInt8], _ isPrefix: Bool) -> Bool? {
            let n = Swift.min(candidate.count, want.count)
            var k = 0
            while k < n {
                let c = candidate[k], w = want[k]
                if c >= 0x80 || w >= 0x80 { return nil }
                let lower = c >= 0x41 && c <= 0x5A ? c | 0x20 : c
                if lower != w { return false }
                k += 1
            }
            if candidate.count < want.count { return false }  // all of the candidate was ASCII
            return isPrefix || candidate.count == want.count
        }
        func matches(_ s: String) -> Bool {
            if kind == .glob { return Glob.matches(glob, Array(s.lowercased())) }
            let isPrefix = kind == .prefix
            // ASCII fast path, without allocating (this runs for every
            // string-table entry of every filtered search): compare bytes
            // while both sides are ASCII; most entries differ at the first byte.
            if let result = s.utf8.withContiguousStorageIfAvailable({ Self.asciiMatch($0, want, isPrefix) }) ?? nil {
                return result
            }
            let l = s.lowercased()
            return isPrefix ? l.hasPrefix(text) : l == text
        }
    }
}
