/// A list of distinct byte strings in increasing byte order, read by index:
/// the index's term dictionary, or (in tests) any sorted list. What
/// ``LevenshteinAutomaton/forEachMatch(in:_:)`` walks.
protocol SortedTermList {
    /// How many terms there are.
    var termCount: Int { get }
    /// The bytes of term `id` (`0 ..< termCount`).
    func term(_ id: Int) -> UnsafeRawBufferPointer
    /// The id of the first term ≥ `key` in byte order (`termCount` when none is).
    func lowerBound(_ key: UnsafeRawBufferPointer) -> Int
}

extension IndexReader: SortedTermList {}
