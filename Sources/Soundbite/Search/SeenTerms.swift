/// An analysed term and how it takes part in a boolean, for de-duplication.
struct SeenTerm: Hashable {
    let occur: Occur
    let term: Int
}

/// The terms a boolean already has: a short list searched in order (a
/// query's few words cost no hashing and no table), a set once it holds
/// more than ``SeenTerms/listLimit`` (long queries stay linear). Each
/// distinct term counts once (`laptop laptops` scores `laptop` once).
struct SeenTerms {
    static let listLimit = 16
    private var list: [SeenTerm] = []
    private var set: Set<SeenTerm>?

    /// Adds `term`; false when it was there already.
    mutating func insert(_ term: SeenTerm) -> Bool {
        if set != nil { return set!.insert(term).inserted }
        if list.contains(term) { return false }
        if list.count < Self.listLimit {
            if list.isEmpty { list.reserveCapacity(4) }
            list.append(term)
        } else {
            set = Set(list)
            set!.insert(term)
            list = []
        }
        return true
    }

    /// Adds each of `forms` as an optional term; those that were not there, in order.
    mutating func inserting(_ forms: [Int]) -> [Int] {
        var added: [Int] = []
        for id in forms where insert(SeenTerm(occur: .should, term: id)) { added.append(id) }
        return added
    }
}
