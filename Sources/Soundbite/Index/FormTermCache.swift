/// The term id of each ASCII word form an ``IndexBuilder`` met, as written
/// (case kept): a form met again, as most words of a transcript are, costs
/// one hash and one compare instead of lower-casing, stemming and interning.
///
/// What a form analyses to depends on its bytes alone (the builder's
/// analyzer is fixed), so the cached id is the one the analysis chain gives;
/// a term is still interned the first time its first form is met, so ids
/// come out in the same order. Only for analyzers that give at most one
/// term per token (no exact forms).
///
/// Bounded: once it holds ``capacity`` forms, new ones are analysed without
/// being kept. The ids are the builder's interner's: whenever the builder
/// starts a new interner (its postings spilled to a run) it starts a new cache.
struct FormTermCache {
    /// The forms kept, interned to dense form ids.
    private var forms = TermInterner(capacity: 1 << 12)
    /// Per form id: its term id, or -1 when the form gives no term (a stop word).
    private var termOfForm: [Int32] = []
    /// Forms kept at most.
    let capacity: Int

    /// A cache of at most `capacity` forms.
    init(capacity: Int = 1 << 18) {
        self.capacity = capacity
    }

    /// The term id of `form` if it was met (-1: it gives no term), else nil.
    @inline(__always)
    func term(of form: UnsafeBufferPointer<UInt8>) -> Int32? {
        guard let id = forms.lookup(form) else { return nil }
        return termOfForm.withUnsafeBufferPointer { $0[id] }
    }

    /// Remembers that `form` (not yet kept) gives term `term` (-1: none).
    mutating func insert(_ form: UnsafeBufferPointer<UInt8>, term: Int32) {
        guard forms.count < capacity else { return }
        _ = forms.intern(form)
        termOfForm.append(term)
    }
}
