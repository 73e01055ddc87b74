/// Turns a parsed ``QueryNode`` into a tree of scorers bound to one index:
/// words are analysed exactly as the index was, prefix and fuzzy words are
/// expanded over the term dictionary, field clauses become filters.
///
/// Field clauses next to scoring clauses filter (`laptops role:parent` finds
/// parents' passages about laptops); a group made only of field clauses keeps
/// its boolean meaning (`role:parent OR role:student`).
struct QueryCompiler {
    let reader: IndexReader
    let bm25: BM25
    let limits: QueryLimits

    /// The scorer tree for a whole query, with the search's own filters
    /// applied at the top, where MaxScore can still prune.
    func root(_ node: QueryNode, filter: FilterNode?) throws(SearchError) -> Scorer {
        if case .boolean(let clauses) = node { return try booleanScorer(clauses, extraFilter: filter) }
        return try booleanScorer([Clause(.should, node)], extraFilter: filter)
    }

    /// The scorer tree for `node`.
    func scorer(_ node: QueryNode) throws(SearchError) -> Scorer {
        switch node {
        case .matchAll:
            return AllScorer(documentCount: reader.docCount)
        case .term(let text):
            return wordScorer(text)
        case .phrase(let words, let slop):
            return phraseScorer(words.joined(separator: " "), slop: slop)
        case .prefix(let text):
            return disjunction(try prefixTerms(text))
        case .fuzzy(let text, let maxEdits):
            return disjunction(fuzzyTerms(text, maxEdits: maxEdits))
        case .field:
            let filter = try FieldFilters(reader: reader).filter(node)
            return BooleanScorer(must: [AllScorer(documentCount: reader.docCount)], should: [], mustNot: [],
                                 filter: filter, reader: reader)
        case .boolean(let clauses):
            return try booleanScorer(clauses)
        }
    }

    private func booleanScorer(_ clauses: [Clause], extraFilter: FilterNode? = nil) throws(SearchError) -> Scorer {
        guard clauses.count <= limits.maxClauses else {
            throw .tooManyTerms("the query has \(clauses.count) clauses, more than the limit of \(limits.maxClauses)")
        }
        let hasScoring = clauses.contains { if case .field = $0.node { return false } else { return true } }
        var must: [Scorer] = [], should: [Scorer] = [], mustNot: [Scorer] = []
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
                func add(_ id: Int?, _ occur: Occur) {
                    guard let id else {
                        if occur == .must { must.append(EmptyScorer()) }
                        return
                    }
                    guard seenTerms.insert(SeenTerm(occur: occur, term: id)).inserted else { return }
                    let scorer = TermScorer(reader: reader, term: id, bm25: bm25)
                    switch occur {
                    case .must: must.append(scorer)
                    case .should: should.append(scorer)
                    case .mustNot: mustNot.append(scorer)
                    }
                }
                add(word.stem, clause.occur)
                if clause.occur != .mustNot, word.stem != nil { add(word.exact, .should) }
                if clause.occur == .should && word.stem == nil { should.append(EmptyScorer()) }
                continue
            }
            let s = try scorer(clause.node)
            switch clause.occur {
            case .must: must.append(s)
            case .should: should.append(s)
            case .mustNot: mustNot.append(s)
            }
        }
        if !anyFilters.isEmpty { filters.append(.any(anyFilters)) }
        if let extraFilter { filters.append(extraFilter) }
        if must.isEmpty && should.isEmpty { must.append(AllScorer(documentCount: reader.docCount)) }
        let filter: FilterNode? = filters.isEmpty ? nil : (filters.count == 1 ? filters[0] : .all(filters))
        return BooleanScorer(must: must, should: should, mustNot: mustNot, filter: filter, reader: reader)
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

    /// A bare word: one term, or a phrase when analysis splits it (`dinner-time`).
    private func wordScorer(_ text: String) -> Scorer {
        let tokens = reader.analyzer.analyze(text)
        if tokens.count == 1 {
            guard let id = reader.termID(Array(tokens[0].term.utf8)) else { return EmptyScorer() }
            return TermScorer(reader: reader, term: id, bm25: bm25)
        }
        return phraseScorer(text, slop: 0)
    }

    private func phraseScorer(_ text: String, slop: Int) -> Scorer {
        let tokens = reader.analyzer.analyze(text)
        guard let first = tokens.first else { return EmptyScorer() }
        var terms: [(term: Int, offset: Int)] = []
        for t in tokens {
            guard let id = reader.termID(Array(t.term.utf8)) else { return EmptyScorer() }
            terms.append((id, t.position - first.position))
        }
        if terms.count == 1 { return TermScorer(reader: reader, term: terms[0].term, bm25: bm25) }
        return PhraseScorer(reader: reader, terms: terms, slop: slop, bm25: bm25)
    }

    private func disjunction(_ terms: [Int]) -> Scorer {
        let scorers: [Scorer] = terms.map { TermScorer(reader: reader, term: $0, bm25: bm25) }
        if scorers.isEmpty { return EmptyScorer() }
        if scorers.count == 1 { return scorers[0] }
        return BooleanScorer(must: [], should: scorers, mustNot: [], filter: nil, reader: reader)
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
/// search. The same terms and distances as ``BoundedLevenshtein`` term by
/// term, in a fraction of the time.
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

/// Levenshtein distance to a fixed target, giving up as soon as every cell
/// of a row exceeds the bound: O(len · (2·max + 1)) per candidate at worst.
struct BoundedLevenshtein {
    let target: [UInt8]
    let maxDistance: Int
    private var previous: [Int]
    private var current: [Int]

    init(target: [UInt8], maxDistance: Int) {
        self.target = target
        self.maxDistance = maxDistance
        previous = Array(repeating: 0, count: target.count + 1)
        current = previous
    }

    /// The distance to `candidate`, or nil if above the bound.
    mutating func distance(to candidate: UnsafeRawBufferPointer) -> Int? {
        let n = target.count
        for j in 0...n { previous[j] = j }
        for (i, c) in candidate.enumerated() {
            current[0] = i + 1
            var rowMin = current[0]
            for j in 1...max(1, n) where j <= n {
                let cost = target[j - 1] == c ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                rowMin = min(rowMin, current[j])
            }
            if rowMin > maxDistance { return nil }
            swap(&previous, &current)
        }
        return previous[n] <= maxDistance ? previous[n] : nil
    }
}
