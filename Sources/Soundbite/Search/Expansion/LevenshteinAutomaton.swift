/// A deterministic automaton that accepts the byte strings within
/// `maxEdits` Levenshtein edits (insertions, deletions, substitutions) of
/// one word, built lazily: a state is a row of the edit-distance table (the
/// distance from the bytes read so far to each prefix of the word), capped
/// at `maxEdits + 1`, so rows that can no longer differ in outcome are one
/// state. Each transition is computed once and then read from a table, so
/// reading a byte costs one lookup, not a row of the dynamic programme.
///
/// Bytes the word does not hold all move a state the same way; they share
/// one column of the table (class 0), and the word's distinct bytes get one
/// column each.
struct LevenshteinAutomaton {
    /// The state no accepted string passes through (every cell above the bound).
    static let dead: Int32 = 0
    /// The state before any byte is read.
    static let start: Int32 = 1

    let word: [UInt8]
    let maxEdits: Int
    /// The word's distinct bytes, ascending: the bytes of classes 1, 2, …
    let wordBytes: [UInt8]
    private let classOf: [UInt8]
    /// A byte the word does not hold (class 0), if there is one.
    private let otherByte: UInt8?
    private let classes: Int
    private let width: Int
    /// Row of state s at `rows[s * width ..< (s + 1) * width]`.
    private var rows: [UInt8]
    /// Next state of s on class c at `table[s * classes + c]`; -1 until computed.
    private var table: [Int32]
    /// States by their rows' hash, open addressing: a state id or −1; a power of two long.
    private var slots: [Int32]
    private var stateCount = 0

    /// - Precondition: `maxEdits` is small (the query language allows at most
    ///   a few; rows hold one byte per cell).
    init(word: [UInt8], maxEdits: Int) {
        self.word = word
        self.maxEdits = max(0, min(maxEdits, 250))
        let cap = UInt8(self.maxEdits + 1)
        var classOf = [UInt8](repeating: 0, count: 256)
        let distinct = Array(Set(word)).sorted()
        for (i, b) in distinct.enumerated() { classOf[Int(b)] = UInt8(i + 1) }
        self.classOf = classOf
        otherByte = (0...255).first { classOf[$0] == 0 }.map { UInt8($0) }
        wordBytes = distinct
        classes = distinct.count + 1
        width = word.count + 1
        rows = []
        table = []
        slots = [Int32](repeating: -1, count: 64)
        [UInt8](repeating: cap, count: width).withUnsafeBufferPointer { _ = intern($0) }
        (0..<width).map { UInt8(min($0, Int(cap))) }.withUnsafeBufferPointer { _ = intern($0) }
    }

    /// The state after reading `byte` in state `s`.
    @inline(__always)
    mutating func step(_ s: Int32, _ byte: UInt8) -> Int32 {
        let slot = Int(s) * classes + Int(classOf[Int(byte)])
        let known = table[slot]
        if known >= 0 { return known }
        let next = computeStep(s, byte)
        table[slot] = next
        return next
    }

    /// The edit distance of the string that led to `s`, if within the bound.
    @inline(__always)
    func distance(_ s: Int32) -> Int? {
        let d = Int(rows[Int(s) * width + width - 1])
        return d <= maxEdits ? d : nil
    }

    /// The smallest byte greater than `after` (or any byte, when `after` is
    /// -1) whose transition from `s` is not dead.
    mutating func smallestLiveByte(from s: Int32, after: Int) -> UInt8? {
        // A byte the word lacks moves no cell lower than one it holds, so
        // when such a byte lives, every byte does.
        if after < 255, let otherByte, step(s, otherByte) != Self.dead {
            return UInt8(after + 1)
        }
        var i = 0
        while i < wordBytes.count {
            let b = wordBytes[i]
            if Int(b) > after && step(s, b) != Self.dead { return b }
            i += 1
        }
        return nil
    }

    private mutating func computeStep(_ s: Int32, _ c: UInt8) -> Int32 {
        let cap = maxEdits + 1
        let base = Int(s) * width
        let width = self.width
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: width) { next in
            var left = min(Int(rows[base]) + 1, cap)
            next[0] = UInt8(left)
            var capped = left == cap
            var j = 1
            while j < width {
                let above = Int(rows[base + j]), diagonal = Int(rows[base + j - 1])
                let v = min(above + 1, left + 1, diagonal + (word[j - 1] == c ? 0 : 1), cap)
                next[j] = UInt8(v)
                if v != cap { capped = false }
                left = v
                j += 1
            }
            // Every cell above the bound: the dead state (interned first).
            if capped { return Self.dead }
            return intern(UnsafeBufferPointer(next))
        }
    }

    /// The state whose row is `row`, made when new: rows are hashed (FNV-1a)
    /// into `slots` and compared in place, so no row is copied to look it up.
    private mutating func intern(_ row: UnsafeBufferPointer<UInt8>) -> Int32 {
        let mask = slots.count - 1
        var i = Self.hash(row) & mask
        while slots[i] >= 0 {
            let base = Int(slots[i]) * width
            var j = 0
            while j < width && rows[base + j] == row[j] { j += 1 }
            if j == width { return slots[i] }
            i = (i + 1) & mask
        }
        let s = Int32(stateCount)
        stateCount += 1
        rows.append(contentsOf: row)
        table.append(contentsOf: repeatElement(-1, count: classes))
        slots[i] = s
        if 2 * stateCount > slots.count { rehash() }
        return s
    }

    /// Doubles `slots` and re-inserts every state.
    private mutating func rehash() {
        var grown = [Int32](repeating: -1, count: 2 * slots.count)
        let mask = grown.count - 1
        rows.withUnsafeBufferPointer { r in
            for s in 0..<stateCount {
                var i = Self.hash(UnsafeBufferPointer(rebasing: r[s * width ..< (s + 1) * width])) & mask
                while grown[i] >= 0 { i = (i + 1) & mask }
                grown[i] = Int32(s)
            }
        }
        slots = grown
    }

    /// FNV-1a of a row, its high bits folded in.
    @inline(__always)
    private static func hash(_ row: UnsafeBufferPointer<UInt8>) -> Int {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in row { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return Int(truncatingIfNeeded: h ^ (h >> 29))
    }
}
