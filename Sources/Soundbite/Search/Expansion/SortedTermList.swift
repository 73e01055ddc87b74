/// A list of distinct byte strings in increasing byte order, read by index:
/// the index's ``TermDictionary``, or (in tests) any sorted list. What
/// ``LevenshteinAutomaton/forEachMatch(in:_:)`` walks.
protocol SortedTermList {
    /// How many terms there are.
    var count: Int { get }
    /// The bytes of term `id` (`0 ..< count`).
    func term(_ id: Int) -> UnsafeRawBufferPointer
    /// The id of the first term ≥ `key` in byte order (`count` when none is).
    func lowerBound(_ key: UnsafeRawBufferPointer) -> Int
    /// The id of the first term ≥ `key` at or after `start`, every term
    /// before `start` being < `key` (a seek forward from where a walk is).
    func lowerBound(_ key: UnsafeRawBufferPointer, from start: Int) -> Int
}

extension SortedTermList {
    /// By a search of the whole list (for lists with no faster forward seek).
    func lowerBound(_ key: UnsafeRawBufferPointer, from start: Int) -> Int { max(start, lowerBound(key)) }
}

extension TermDictionary: SortedTermList {}
