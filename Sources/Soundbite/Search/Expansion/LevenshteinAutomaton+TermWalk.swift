extension LevenshteinAutomaton {
    /// Calls `body(id, distance)` for every term of `terms` within reach, in
    /// increasing id order.
    ///
    /// The walk reads a term only as far as the automaton stays alive,
    /// resuming from the state of the prefix it shares with the term before.
    /// Where it dies, no term under that prefix can be accepted, and the walk
    /// seeks (binary search) to the smallest string the automaton can still
    /// accept past it: the next live byte at the deepest level that has one.
    /// So it reads the terms that lie on live paths and not the rest; its cost
    /// is bounded by the word and the number of edits, not by the dictionary.
    ///
    /// - Complexity: O((v + s·log T)·ℓ) for v terms read, s seeks, T terms and
    ///   terms of length ℓ; v and s are bounded for a given word and bound.
    mutating func forEachMatch<Terms: SortedTermList>(in terms: Terms, _ body: (_ id: Int, _ distance: Int) -> Void) {
        // `states[i]` is the state after `prefix[0 ..< i]`; all of them live.
        var prefix: [UInt8] = []
        var states: [Int32] = [Self.start]
        var key: [UInt8] = []
        var id = 0
        let count = terms.count
        while id < count {
            let term = terms.term(id)
            var common = 0
            let shared = min(prefix.count, term.count)
            while common < shared && prefix[common] == term[common] { common += 1 }
            prefix.removeSubrange(common...)
            states.removeSubrange((common + 1)...)
            var deadByte = -1
            var i = common
            while i < term.count {
                let s = step(states[i], term[i])
                if s == Self.dead { deadByte = Int(term[i]); break }
                prefix.append(term[i])
                states.append(s)
                i += 1
            }
            if deadByte < 0 {
                if let d = distance(states[term.count]) { body(id, d) }
                id += 1
                continue
            }
            guard nextLiveString(after: deadByte, prefix: prefix, states: states, into: &key) else { return }
            let next = key.withUnsafeBytes { terms.lowerBound($0) }
            id = max(id + 1, next)
        }
    }

    /// The smallest string, past every string starting with `prefix` +
    /// `byte`, whose every prefix is live: `prefix[0 ..< depth]` + a live byte,
    /// at the deepest depth that has one. False when no such string exists.
    private mutating func nextLiveString(after byte: Int, prefix: [UInt8], states: [Int32],
                                         into key: inout [UInt8]) -> Bool {
        var depth = prefix.count
        var after = byte
        while true {
            if let c = smallestLiveByte(from: states[depth], after: after) {
                key.removeAll(keepingCapacity: true)
                key.append(contentsOf: prefix[0..<depth])
                key.append(c)
                return true
            }
            if depth == 0 { return false }
            depth -= 1
            after = Int(prefix[depth])
        }
    }
}
