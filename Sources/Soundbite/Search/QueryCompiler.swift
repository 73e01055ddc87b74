/// Binds a parsed ``QueryNode`` to one index as a ``Weight``: words are
/// analysed exactly as the index was, prefix and fuzzy words are expanded
/// over the term dictionary, field clauses become filters.
///
/// Field clauses next to scoring clauses filter (`laptops role:parent` finds
/// parents' passages about laptops); a group made only of field clauses keeps
/// its boolean meaning (`role:parent OR role:student`).
struct QueryCompiler {
    /// Held without reference counting, as a scorer holds it (ARCHITECTURE.md,
    /// "Holding the reader"): the compiler lives inside one search.
    unowned(unsafe) let reader: IndexReader
    let bm25: BM25
    let limits: QueryLimits

    /// The weight of a whole query, with the search's own filters applied at
    /// the top, where MaxScore can still prune; and its words as the quote
    /// order sees them (see ``TierWord``).
    ///
    /// With `deferringDerivedForms`, the derived forms of the top level's
    /// optional words are not looked up: the weight lacks them and
    /// ``CompiledQuery/deferredForms`` says how to find them when a BM25 top
    /// k needs them (``DeferredDerivedForms``). The quote order and every
    /// count of matches need them from the start.
    func root(_ node: QueryNode, filter: FilterNode?, deferringDerivedForms: Bool = false) throws(SearchError) -> CompiledQuery {
        let clauses: [Clause]
        if case .boolean(let c) = node { clauses = c } else { clauses = [Clause(.should, node)] }
        let parts = try booleanParts(clauses, extraFilter: filter, deferringDerivedForms: deferringDerivedForms)
        return CompiledQuery(weight: parts.weight, words: parts.words, filter: parts.filter, deferredForms: parts.deferred)
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
            return disjunction(try PrefixExpansion(reader: reader, limit: limits.maxExpansions).terms(text))
        case .fuzzy(let text, let maxEdits):
            return disjunction(FuzzyExpansion(reader: reader, limit: limits.maxExpansions).terms(text, maxEdits: maxEdits))
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
        var deferred: DeferredDerivedForms?

        var weight: Weight { .boolean(must: must, should: should, mustNot: mustNot, filter: filter) }
    }

    private func booleanParts(_ clauses: [Clause], extraFilter: FilterNode?,
                              deferringDerivedForms: Bool = false) throws(SearchError) -> BooleanParts {
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
        var seenTerms = SeenTerms()
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
                if seenTerms.insert(SeenTerm(occur: clause.occur, term: stem)) {
                    add(.term(stem), clause.occur)
                    if clause.occur == .should { stems.append((words.count - 1, stem)) }
                }
                if clause.occur != .mustNot, let exact = word.exact,
                   seenTerms.insert(SeenTerm(occur: .should, term: exact)) {
                    add(.term(exact), .should, word: false)
                }
                continue
            }
            add(try weight(clause.node), clause.occur)
        }
        // Derived forms of optional words add score (at a lower weight) and,
        // for the quote order, count as the word; a term already in the query
        // keeps its own full weight.
        var deferred: DeferredDerivedForms?
        if deferringDerivedForms {
            if !stems.isEmpty { deferred = DeferredDerivedForms(stems: stems.map(\.stem), seen: seenTerms, limit: limits.maxExpansions) }
        } else {
            let derived = DerivedForms(reader: reader, limit: limits.maxExpansions)
            for (index, stem) in stems {
                let forms = derived.relatives(ofTerm: stem)
                guard !forms.isEmpty else { continue }
                for id in seenTerms.inserting(forms) { add(.derived(id), .should, word: false) }
                words[index].derived = .boolean(must: [], should: [.term(stem)] + forms.map { .term($0) }, mustNot: [], filter: nil)
            }
        }
        if !anyFilters.isEmpty { filters.append(.any(anyFilters)) }
        if let extraFilter { filters.append(extraFilter) }
        if must.isEmpty && should.isEmpty { must.append(.all) }
        let filter: FilterNode? = filters.isEmpty ? nil : (filters.count == 1 ? filters[0] : .all(filters))
        return BooleanParts(must: must, should: should, mustNot: mustNot, filter: filter, words: words, deferred: deferred)
    }

    /// The index term ids of a word that analyses to exactly one token: its
    /// stem and its exact form (nil where the index lacks them); nil when the
    /// word is several tokens (`dinner-time`) or none.
    private func singleWord(_ text: String) -> (stem: Int?, exact: Int?)? {
        let tokens = reader.analyzer.analyze(text)
        guard tokens.count == 1 else { return nil }
        return (reader.termID(tokens[0].term), tokens[0].exact.flatMap { reader.termID($0) })
    }

    /// The words of `text` at their relative positions; one term, or nothing
    /// when a word is missing from the index.
    private func phrase(_ text: String, slop: Int) -> Weight {
        let tokens = reader.analyzer.analyze(text)
        guard let first = tokens.first else { return .none }
        var terms: [(term: Int, offset: Int)] = []
        for t in tokens {
            guard let id = reader.termID(t.term) else { return .none }
            terms.append((id, t.position - first.position))
        }
        return terms.count == 1 ? .term(terms[0].term) : .phrase(terms, slop: slop)
    }

    /// Any of the terms of a prefix or fuzzy word, as one stream (``UnionScorer``).
    private func disjunction(_ terms: [Int]) -> Weight {
        switch terms.count {
        case 0: return .none
        case 1: return .term(terms[0])
        default: return .union(terms)
        }
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
    /// on the documents that hold a word as typed. Made when asked (the
    /// quote order asks once; the BM25 order never).
    var exactWeight: Weight? {
        guard case .boolean(let must, let should, let mustNot, let filter) = weight else { return nil }
        return .boolean(must: must, should: should.filter { if case .derived = $0 { return false } else { return true } },
                        mustNot: mustNot, filter: filter)
    }
    /// The derived forms left out of `weight`, when they were (see ``QueryCompiler/root(_:filter:deferringDerivedForms:)``).
    var deferredForms: DeferredDerivedForms? = nil
}
