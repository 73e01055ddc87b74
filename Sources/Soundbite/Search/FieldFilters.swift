/// Resolves `field:value` clauses against one index: `role`, `chapter` and
/// `speaker` against the per-document columns, `interview` and every
/// manifest field against the interview table. Values match
/// case-insensitively; `*` anywhere in a value matches any run of
/// characters (`*licen*`, `p*experience`; a value ending in `*` is a prefix).
struct FieldFilters {
    let reader: IndexReader

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

    /// Documents whose `name` equals one of `values` (OR).
    func filter(name: String, values: [String]) throws(SearchError) -> FilterNode {
        let key = name.lowercased()
        let patterns = values.map(Pattern.init)
        switch key {
        case "role": return .column(.role, columnMask(patterns))
        case "chapter": return .column(.chapter, columnMask(patterns))
        case "speaker": return .column(.speaker, columnMask(patterns))
        case "interview":
            return .column(.interview, reader.interviews.map { r in
                patterns.contains { $0.matches(reader.string(r.id)) }
            })
        default:
            var known = false
            let mask = reader.interviews.map { r in
                r.fields.contains { k, v in
                    guard reader.string(k).lowercased() == key else { return false }
                    known = true
                    return patterns.contains { $0.matches(reader.string(v)) }
                }
            }
            guard known || reader.interviews.contains(where: { r in r.fields.contains { reader.string($0.0).lowercased() == key } }) else {
                throw .unknownField(name, known: knownFields)
            }
            return .column(.interview, mask)
        }
    }

    /// One allowed flag per string-table id.
    private func columnMask(_ patterns: [Pattern]) -> [Bool] {
        // Exact values are looked up; only prefixes scan the string table.
        guard patterns.allSatisfy({ $0.kind == .exact }) else {
            return reader.strings.map { s in patterns.contains { $0.matches(s) } }
        }
        var mask = [Bool](repeating: false, count: reader.strings.count)
        for p in patterns { for id in reader.stringIDs(lowercased: p.text) where Int(id) < mask.count { mask[Int(id)] = true } }
        return mask
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
            let stars = v.filter { $0 == "*" }.count
            kind = stars == 0 ? .exact : stars == 1 && v.hasSuffix("*") ? .prefix : .glob
            text = kind == .prefix ? String(v.dropLast()) : v
            want = Array(text.utf8)
            glob = kind == .glob ? Array(v) : []
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
