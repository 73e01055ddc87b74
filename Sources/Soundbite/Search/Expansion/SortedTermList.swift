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
}

extension TermDictionary: SortedTermList {}
