/// Remembers the Porter2 stem of the words an index build met, so a word
/// met again (most words of a transcript are) costs a hash and a compare
/// instead of the stemmer's steps. The stem of a word depends on its bytes
/// alone, so a cached stem is the one ``EnglishStemmer`` gives.
///
/// Bounded: once it holds ``capacity`` words it stems new ones without
/// keeping them. Open addressing with linear probing over a power-of-two
/// table; word and stem bytes back to back in one arena (no object per word).
package struct StemCache: Sendable {
    /// Words kept at most.
    let capacity: Int
    /// Per word: its bytes, then its stem's.
    private var arena: [UInt8] = []
    /// Per word: where it starts in ``arena``, its length and its stem's length.
    private var entries: [(start: Int32, count: UInt16, stem: UInt16, hash: UInt32)] = []
    private var table: [Int32] = []
    private var mask = 0

    /// A cache of at most `capacity` words (0: a cache that keeps nothing).
    package init(capacity: Int = 1 << 15) {
        self.capacity = max(0, capacity)
    }

    /// Stems the `count` bytes at `word` in place with `stemmer` and returns
    /// the stem's length (never more than `count`), as
    /// ``EnglishStemmer/stem(_:count:)`` does.
    @inline(__always)
    mutating func stem(_ word: UnsafeMutablePointer<UInt8>, count: Int, with stemmer: EnglishStemmer) -> Int {
        // Short words return at once from the stemmer; long ones are rare.
        guard count >= 3, count <= 64, capacity > 0 else { return stemmer.stem(word, count: count) }
        if table.isEmpty {
            var size = 64
            while size < capacity * 2 { size <<= 1 }
            table = Array(repeating: -1, count: size)
            mask = size - 1
        }
        let h = Self.hash(word, count)
        var slot = Int(h) & mask
        let found: Int? = arena.withUnsafeBufferPointer { arena in
            entries.withUnsafeBufferPointer { entries in
                table.withUnsafeBufferPointer { table in
                    while true {
                        let id = Int(table[slot])
                        if id < 0 { return nil }
                        let e = entries[id]
                        if e.hash == h && Int(e.count) == count && Self.equal(arena.baseAddress! + Int(e.start), word, count) {
                            let stem = Int(e.stem)
                            word.update(from: arena.baseAddress! + Int(e.start) + count, count: stem)
                            return stem
                        }
                        slot = (slot + 1) & mask
                    }
                }
            }
        }
        if let found { return found }
        let start = arena.count
        let keep = entries.count < capacity
        if keep { arena.append(contentsOf: UnsafeBufferPointer(start: word, count: count)) }
        let m = stemmer.stem(word, count: count)
        if keep {
            arena.append(contentsOf: UnsafeBufferPointer(start: word, count: m))
            table[slot] = Int32(entries.count)
            entries.append((Int32(start), UInt16(count), UInt16(m), h))
        }
        return m
    }

    @inline(__always)
    private static func equal(_ a: UnsafePointer<UInt8>, _ b: UnsafeMutablePointer<UInt8>, _ count: Int) -> Bool {
        for k in 0..<count where a[k] != b[k] { return false }
        return true
    }

    @inline(__always)
    private static func hash(_ bytes: UnsafeMutablePointer<UInt8>, _ count: Int) -> UInt32 {
        var h: UInt32 = 2_166_136_261
        for k in 0..<count { h = (h ^ UInt32(bytes[k])) &* 16_777_619 }
        return h
    }
}
