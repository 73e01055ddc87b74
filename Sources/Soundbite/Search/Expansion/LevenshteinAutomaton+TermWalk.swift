extension LevenshteinAutomaton {
    /// Calls `body(id, distance)` for every term of `terms` within reach, in
    /// increasing id order.
    ///
    /// The walk reads a term only as far as the automaton stays alive,
    /// resuming from the state of the prefix it shares with the term before.
    /// Where it dies, no term under that prefix can be accepted, and the walk
    /// seeks (galloping forward from where it is) to the smallest string the automaton can still
    /// accept past it: the next live byte at the deepest level that has one.
    /// So it reads the terms that lie on live paths and not the rest; its cost
    /// is bounded by the word and the number of edits, not by the dictionary.
    ///
    /// - Complexity: O((v + s·log T)·ℓ) for v terms read, s seeks, T terms and
    ///   terms of length ℓ; v and s are bounded for a given word and bound.
    mutating func forEachMatch<Terms: SortedTermList>(in terms: Terms, _ body: (_ id: Int, _ distance: Int) -> Void) {
        // `states[i]` is the state after `prefix[0 ..< i]`, all of them live,
        // for i ≤ `depth`; raw buffers, grown for longer terms.
        var capacity = 64
        var prefix = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        var states = UnsafeMutablePointer<Int32>.allocate(capacity: capacity + 1)
        defer { prefix.deallocate(); states.deallocate() }
        states[0] = Self.start
        var depth = 0
        var id = 0
        let count = terms.count
        while id < count {
            let term = terms.term(id)
            let length = term.count
            if length > capacity {
                let grown = max(length, 2 * capacity)
                let p = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
                p.moveInitialize(from: prefix, count: depth)
                prefix.deallocate()
                prefix = p
                let q = UnsafeMutablePointer<Int32>.allocate(capacity: grown + 1)
                q.moveInitialize(from: states, count: depth + 1)
                states.deallocate()
                states = q
                capacity = grown
            }
            var common = 0
            let shared = min(depth, length)
            while common < shared && prefix[common] == term[common] { common += 1 }
            depth = common
            var deadByte = -1
            while depth < length {
                let b = term[depth]
                let s = step(states[depth], b)
                if s == Self.dead { deadByte = Int(b); break }
                prefix[depth] = b
                depth += 1
                states[depth] = s
            }
            if deadByte < 0 {
                if let d = distance(states[length]) { body(id, d) }
                id += 1
                continue
            }
            // The key is written in place: prefix[0 ..< d] + its live byte at prefix[d],
            // so the walk keeps the states up to d (the prefix is unchanged below d).
            guard let d = nextLiveString(after: deadByte, prefix: prefix, states: states, depth: depth) else { return }
            depth = d
            // Every term up to `id` starts with prefix + deadByte, so lies before the key.
            id = terms.lowerBound(UnsafeRawBufferPointer(start: prefix, count: d + 1), from: id + 1)
        }
    }

    /// The smallest string, past every string starting with `prefix` +
    /// `byte`, whose every prefix is live: `prefix[0 ..< d]` + a live byte,
    /// at the deepest depth d that has one; the byte is written at
    /// `prefix[d]` and d returned. Nil when no such string exists.
    private mutating func nextLiveString(after byte: Int, prefix: UnsafeMutablePointer<UInt8>,
                                         states: UnsafeMutablePointer<Int32>, depth live: Int) -> Int? {
        var depth = live
        var after = byte
        while true {
            if let c = smallestLiveByte(from: states[depth], after: after) {
                prefix[depth] = c
                return depth
            }
            if depth == 0 { return nil }
            depth -= 1
            after = Int(prefix[depth])
        }
    }
}
