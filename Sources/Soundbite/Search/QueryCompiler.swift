/// Binds a parsed ``QueryNode`` to one index as a ``Weight``: words are
/// analysed exactly as the index was, prefix and fuzzy words are expanded
/// over the term dictionary, field clauses become filters.
///
/// Field clauses next to scoring clauses filter (`laptops role:parent` finds
/// parents' passages about laptops); a group made only of field clauses keeps
/// its boolean meaning (`role:parent OR role:student`).
struct QueryCompiler {
    let reader: IndexReader
    let bm25: BM25
    let limits: QueryLimits

    /// The weight of a whole query, with the search's own filters applied at
    /// the top, where MaxScore can still prune; and its words as the quote
    /// order sees them (see ``TierWord``).
    func root(_ node: QueryNode, filter: FilterNode?) throws(SearchError) -> CompiledQuery {
        let clauses: [Clause]
        if case .boolean(let c) = node { clauses = c } else { clauses = [Clause(.should, node)] }
        let parts = try booleanParts(clauses, extraFilter: filter)
        return CompiledQuery(weight: parts.weight, words: parts.words, filter: parts.filter,
                             exactWeight: .boolean(must: parts.must, should: parts.should.filter {
                                 if case .derived = $0 { return false } else { return true }
                             }, mustNot: parts.mustNot, filter: parts.filter))
    }

    /// The weight of `node`.
    func weight(_ node: QueryNode) throws(SearchError) -> Weight {
        switch node {
        case .matchAll:
            return .all
        case .term(let text):
            // A word the analyzer splits (`dinner-time`); single words are
            // handled where their clause is known (see `boolean`).
            return phrase(text, slop: 0)
        case .phrase(let words, let slop):
            return phrase(words.joined(separator: " "), slop: slop)
        case .prefix(let text):
            return disjunction(try prefixTerms(text))
        case .fuzzy(let text, let maxEdits):
            return disjunction(fuzzyTerms(text, maxEdits: maxEdits))
        case .field:
            return .boolean(must: [.all], should: [], mustNot: [], filter: try FieldFilters(reader: reader).filter(node))
        case .boolean(let clauses):
            return try boolean(clauses)
        }
    }

    private func boolean(_ clauses: [Clause]) throws(SearchError) -> Weight {
        try booleanParts(clauses, extraFilter: nil).weight
    }

    /// The clauses of a boolean weight, and its required and optional clauses
    /// as ``TierWord``s (a word missing from the index is left out).
    private struct BooleanParts {
        var must: [Weight]
        var should: [Weight]
        var mustNot: [Weight]
        var filter: FilterNode?
        var words: [TierWord]

        var weight: Weight { .boolean(must: must, should: should, mustNot: mustNot, filter: filter) }
    }

    private func booleanParts(_ clauses: [Clause], extraFilter: FilterNode?) throws(SearchError) -> BooleanParts {
        guard clauses.count <= limits.maxClauses else {
            throw .tooManyTerms("the query has \(clauses.count) clauses, more than the limit of \(limits.maxClauses)")
        }
        let hasScoring = clauses.contains { if case .field = $0.node { return false } else { return true } }
        var must: [Weight] = [], should: [Weight] = [], mustNot: [Weight] = []
        var words: [TierWord] = []
        // Optional single words by their stem, for derived forms once every stem is known.
        var stems: [(word: Int, stem: Int)] = []
        func add(_ w: Weight, _ occur: Occur, word: Bool = true) {
            switch occur {
            case .must: must.append(w)
            case .should: should.append(w)
            case .mustNot: mustNot.append(w); return
            }
            if word, case .none = w {} else if word { words.append(TierWord(exact: w)) }
        }
        var filters: [FilterNode] = [], anyFilters: [FilterNode] = []
        let fields = FieldFilters(reader: reader)
        var seenTerms = Set<SeenTerm>()
        for clause in clauses {
            if case .field = clause.node {
                let f = try fields.filter(clause.node)
                switch clause.occur {
                case .must: filters.append(f)
                case .mustNot: filters.append(.not(f))
                case .should: if hasScoring { filters.append(f) } else { anyFilters.append(f) }
                }
                continue
            }
            // A word is its stem, plus its exact form where the index keeps one:
            // the stem decides matching, the exact form only adds score. Each
            // distinct term counts once (`laptop laptops` scores `laptop` once).
            if case .term(let text) = clause.node, let word = singleWord(text) {
                guard let stem = word.stem else {
                    // Not in the index: a required word matches nothing; an optional one adds nothing.
                    if clause.occur != .mustNot { add(.none, clause.occur) }
                    continue
                }
                if seenTerms.insert(SeenTerm(occur: clause.occur, term: stem)).inserted {
                    add(.term(stem), clause.occur)
                    if clause.occur == .should { stems.append((words.count - 1, stem)) }
                }
                if clause.occur != .mustNot, let exact = word.exact,
                   seenTerms.insert(SeenTerm(occur: .should, term: exact)).inserted {
                    add(.term(exact), .should, word: false)
                }
                continue
            }
            add(try weight(clause.node), clause.occur)
        }
        // Derived forms of optional words add score (at a lower weight) and,
        // for the quote order, count as the word; a term already in the query
        // keeps its own full weight.
        let derived = DerivedForms(reader: reader, limit: limits.maxExpansions)
        for (index, stem) in stems {
            let forms = derived.relatives(of: Array(reader.term(stem)))
            guard !forms.isEmpty else { continue }
            for id in forms where seenTerms.insert(SeenTerm(occur: .should, term: id)).inserted {
                add(.derived(id), .should, word: false)
            }
            words[index].derived = .boolean(must: [], should: [.term(stem)] + forms.map { .term($0) }, mustNot: [], filter: nil)
        }
        if !anyFilters.isEmpty { filters.append(.any(anyFilters)) }
        if let extraFilter { filters.append(extraFilter) }
        if must.isEmpty && should.isEmpty { must.append(.all) }
        let filter: FilterNode? = filters.isEmpty ? nil : (filters.count == 1 ? filters[0] : .all(filters))
        return BooleanParts(must: must, should: should, mustNot: mustNot, filter: filter, words: words)
    }

    /// An analysed term and how it takes part, for de-duplication.
    private struct SeenTerm: Hashable {
        let occur: Occur
        let term: Int
    }

    /// The index term ids of a word that analyses to exactly one token: its
    /// stem and its exact form (nil where the index lacks them); nil when the
    /// word is several tokens (`dinner-time`) or none.
    private func singleWord(_ text: String) -> (stem: Int?, exact: Int?)? {
        let tokens = reader.analyzer.analyze(text)
        guard tokens.count == 1 else { return nil }
        return (reader.termID(Array(tokens[0].term.utf8)), tokens[0].exact.flatMap { reader.termID(Array($0.utf8)) })
    }

    /// The words of `text` at their relative positions; one term, or nothing
    /// when a word is missing from the index.
    private func phrase(_ text: String, slop: Int) -> Weight {
        let tokens = reader.analyzer.analyze(text)
        guard let first = tokens.first else { return .none }
        var terms: [(term: Int, offset: Int)] = []
        for t in tokens {
            guard let id = reader.termID(Array(t.term.utf8)) else { return .none }
            terms.append((id, t.position - first.position))
        }
        return terms.count == 1 ? .term(terms[0].term) : .phrase(terms, slop: slop)
    }

    private func disjunction(_ terms: [Int]) -> Weight {
        switch terms.count {
        case 0: return .none
        case 1: return .term(terms[0])
        default: return .boolean(must: [], should: terms.map { .term($0) }, mustNot: [], filter: nil)
        }
    }

    /// Terms starting with the normalised prefix, plus the stem of the prefix
    /// itself (so `laptops*` still finds the stored stem `laptop`).
    func prefixTerms(_ text: String) throws(SearchError) -> [Int] {
        let plain = Analyzer(stemming: false, folding: reader.analyzer.folding)
        let normalized = plain.terms(text).joined()
        guard !normalized.isEmpty else { return [] }
        let range = reader.terms(withPrefix: Array(normalized.utf8))
        guard range.count <= limits.maxExpansions else {
            throw .tooManyTerms("'\(text)*' matches \(range.count) terms, more than the limit of \(limits.maxExpansions); type more letters before the *")
        }
        var ids = Array(range)
        if let stem = reader.analyzer.terms(text).first, let id = reader.termID(Array(stem.utf8)), !range.contains(id) {
            ids.append(id)
        }
        return ids
    }

    /// Terms within `maxEdits` (Levenshtein) of the analysed word: the
    /// closest first, then the most frequent, at most `limits.maxExpansions`.
    func fuzzyTerms(_ text: String, maxEdits: Int) -> [Int] {
        guard let word = reader.analyzer.terms(text).first else { return [] }
        let target = Array(word.utf8)
        var found: [(id: Int, distance: Int, df: UInt32)] = []
        var walk = SortedDictionaryLevenshtein(target: target, maxDistance: maxEdits)
        walk.forEachMatch(in: reader) { id, d in found.append((id, d, reader.info(id).df)) }
        found.sort { ($0.distance, $1.df, $0.id) < ($1.distance, $0.df, $1.id) }
        return found.prefix(limits.maxExpansions).map(\.id).sorted()
    }
}

/// Levenshtein search over the sorted term dictionary: consecutive terms
/// share prefixes, so the DP rows of the shared prefix are kept and only the
/// new suffix is computed; and once every cell of a row exceeds the bound,
/// every term with that prefix is out of reach and is skipped by binary
/// search. It finds the same terms and distances as computing the distance
/// to every term (tested against that), in a fraction of the time.
struct SortedDictionaryLevenshtein {
    let target: [UInt8]
    let maxDistance: Int
    /// Row `i` (after `i` bytes of the candidate) at `rows[i * width ..< (i + 1) * width]`.
    private var rows: [Int]
    private let width: Int

    init(target: [UInt8], maxDistance: Int) {
        self.target = target
        self.maxDistance = maxDistance
        width = target.count + 1
        rows = Array(0..<width)
    }

    mutating func forEachMatch(in reader: IndexReader, _ body: (Int, Int) -> Void) {
        let n = target.count, k = maxDistance, w = width
        var previous: [UInt8] = []
        var valid = 0  // rows 0...valid are computed for `previous`
        var id = 0
        while id < reader.termCount {
            let term = reader.term(id)
            let length = term.count
            var common = 0
            let limit = min(valid, min(previous.count, length))
            while common < limit && previous[common] == term[common] { common += 1 }
            if rows.count < (length + 1) * w { rows.append(contentsOf: repeatElement(0, count: (length + 1) * w - rows.count)) }
            var depth = common
            var dead = false
            rows.withUnsafeMutableBufferPointer { r in
                target.withUnsafeBufferPointer { t in
                    var i = common
                    while i < length {
                        let c = term[i]
                        let above = i * w, here = (i + 1) * w
                        r[here] = i + 1
                        var rowMin = i + 1
                        var j = 1
                        while j <= n {
                            let cost = t[j - 1] == c ? 0 : 1
                            let v = Swift.min(r[above + j] + 1, r[here + j - 1] + 1, r[above + j - 1] + cost)
                            r[here + j] = v
                            if v < rowMin { rowMin = v }
                            j += 1
                        }
                        i += 1
                        depth = i
                        if rowMin > k { dead = true; break }
                    }
                }
            }
            previous.removeAll(keepingCapacity: true)
            previous.append(contentsOf: term)
            if dead {
                // No term starting with term[0..<depth] can come within reach.
                valid = depth - 1
                id = Self.firstTerm(after: Array(term[0..<depth]), from: id + 1, in: reader)
                continue
            }
            valid = length
            let d = rows[length * w + n]
            if d <= k { body(id, d) }
            id += 1
        }
    }

    /// The first term id ≥ `from` that does not start with `prefix`.
    private static func firstTerm(after prefix: [UInt8], from: Int, in reader: IndexReader) -> Int {
        var key = prefix
        while let last = key.last, last == 0xFF { key.removeLast() }
        guard !key.isEmpty else { return reader.termCount }
        key[key.count - 1] += 1
        let next = key.withUnsafeBytes { reader.lowerBound($0) }
        return max(from, next)
    }
}

/// One word of a query as the quote order (``Ranking/quote``) sees it: a
/// required or optional clause, what matches it as typed (`exact`: its stem,
/// or the phrase, prefix or fuzzy clause itself) and what matches it with
/// its derived forms too (`any`; the same as `exact` when it has none).
struct TierWord {
    var exact: Weight
    /// `exact` or'ed with the derived forms; nil when there are none.
    var derived: Weight?

    init(exact: Weight, derived: Weight? = nil) {
        self.exact = exact
        self.derived = derived
    }

    var any: Weight { derived ?? exact }
}

/// A query bound to one index: the weight that matches and scores, and its
/// words for the quote order.
struct CompiledQuery {
    var weight: Weight
    var words: [TierWord]
    /// The top-level filter (the search's filters and field clauses). Two
    /// passages of one turn share interview, speaker, role and chapter, so
    /// the filter lets both through or neither.
    var filter: FilterNode? = nil
    /// `weight` without the derived forms: the same scores (they add none)
    /// on the documents that hold a word as typed.
    var exactWeight: Weight? = nil
}
