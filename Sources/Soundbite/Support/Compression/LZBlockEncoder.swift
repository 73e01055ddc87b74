/// Compresses blocks in the ``LZBlock`` format: a hash-chain match finder
/// over 4-byte prefixes, up to ``maxChain`` candidates per position, with one
/// step of lazy matching (a match is put off by a byte when the next position
/// starts a longer one).
///
/// Reusable: the tables are kept between blocks, so one encoder per thread
/// compresses any number of blocks without allocating again. The output
/// depends only on the input and ``maxChain``.
package struct LZBlockEncoder {
    /// How many earlier positions with the same 4-byte hash are tried.
    package let maxChain: Int
    private static let hashBits = 15
    private var head: [Int32]
    private var chain: [Int32] = []

    /// An encoder trying up to `maxChain` candidates per position.
    package init(maxChain: Int = 24) {
        self.maxChain = max(1, maxChain)
        head = [Int32](repeating: -1, count: 1 << Self.hashBits)
    }

    /// Appends the compressed form of `input` to `output`.
    ///
    /// - Complexity: O(input × maxChain) in the worst case.
    package mutating func compress(_ input: UnsafeRawBufferPointer, into output: inout [UInt8]) {
        let n = input.count
        guard n > 0, let p = input.baseAddress else { return }
        if chain.count < n { chain = [Int32](repeating: -1, count: n) }
        let maxChain = self.maxChain
        head.withUnsafeMutableBufferPointer { head in
            chain.withUnsafeMutableBufferPointer { chain in
                var matcher = Matcher(p: p, n: n, head: head, chain: chain, maxChain: maxChain)
                matcher.run(into: &output)
                // Leave the table empty for the next block, in O(this block)
                // rather than O(table): small blocks stay cheap.
                matcher.clearHeads()
            }
        }
    }

    /// Compresses `input` into a new array.
    package mutating func compress(_ input: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(input.count / 2 + 16)
        input.withUnsafeBytes { compress($0, into: &out) }
        return out
    }
}

/// The state of one block's compression.
private struct Matcher {
    let p: UnsafeRawPointer
    let n: Int
    let head: UnsafeMutableBufferPointer<Int32>
    let chain: UnsafeMutableBufferPointer<Int32>
    let maxChain: Int
    /// Positions below this are in the hash chains.
    var inserted = 0

    @inline(__always)
    func hash(_ i: Int) -> Int {
        let v = p.loadUnaligned(fromByteOffset: i, as: UInt32.self)
        return Int((v &* 2_654_435_761) >> UInt32(32 - 15))
    }

    /// Adds every position below `limit` (that has 4 bytes after it) to the chains.
    @inline(__always)
    mutating func insert(upTo limit: Int) {
        let end = min(limit, n - LZBlock.minMatch + 1)
        while inserted < end {
            let h = hash(inserted)
            chain[inserted] = head[h]
            head[h] = Int32(inserted)
            inserted += 1
        }
        inserted = max(inserted, limit)
    }

    /// Resets the head entries of every inserted position to empty: one by
    /// one for a small block, the whole table at once (a fill, cheaper than
    /// hashing every position again) once the block is a quarter of its size.
    func clearHeads() {
        let count = max(0, min(inserted, n - LZBlock.minMatch + 1))
        if count >= head.count / 4 {
            head.update(repeating: -1)
        } else {
            for i in 0..<count { head[hash(i)] = -1 }
        }
    }

    /// The longest earlier match for position `i` (length 0 when none reaches ``LZBlock/minMatch``).
    @inline(__always)
    func longestMatch(at i: Int) -> (length: Int, offset: Int) {
        guard i + LZBlock.minMatch <= n else { return (0, 0) }
        let limit = n - i
        var best = LZBlock.minMatch - 1, bestOffset = 0
        var candidate = Int(head[hash(i)])
        var tries = maxChain
        let first = p.loadUnaligned(fromByteOffset: i, as: UInt32.self)
        while candidate >= 0 && tries > 0 {
            let offset = i - candidate
            if offset > LZBlock.maxOffset { break }
            tries -= 1
            if best < limit,
               p.load(fromByteOffset: candidate + best, as: UInt8.self) == p.load(fromByteOffset: i + best, as: UInt8.self),
               p.loadUnaligned(fromByteOffset: candidate, as: UInt32.self) == first {
                var length = LZBlock.minMatch
                while length + 8 <= limit {
                    let x = p.loadUnaligned(fromByteOffset: candidate + length, as: UInt64.self)
                        ^ p.loadUnaligned(fromByteOffset: i + length, as: UInt64.self)
                    if x != 0 { length += x.trailingZeroBitCount >> 3; break }
                    length += 8
                }
                if length + 8 > limit {
                    while length < limit && p.load(fromByteOffset: candidate + length, as: UInt8.self)
                        == p.load(fromByteOffset: i + length, as: UInt8.self) { length += 1 }
                }
                if length > best {
                    best = length
                    bestOffset = offset
                    if length == limit { break }
                }
            }
            candidate = Int(chain[candidate])
        }
        return bestOffset == 0 ? (0, 0) : (best, bestOffset)
    }

    mutating func run(into out: inout [UInt8]) {
        var anchor = 0, i = 0
        while i + LZBlock.minMatch <= n {
            insert(upTo: i)
            var match = longestMatch(at: i)
            if match.length == 0 { i += 1; continue }
            // Lazy step: a longer match one byte later wins.
            insert(upTo: i + 1)
            let next = longestMatch(at: i + 1)
            if next.length > match.length { i += 1; match = next }
            emit(literalsFrom: anchor, to: i, match: match, into: &out)
            i += match.length
            anchor = i
        }
        if anchor < n { emit(literalsFrom: anchor, to: n, match: (0, 0), into: &out) }
    }

    /// One sequence: the literals `anchor..<end`, then the match (none when its length is 0).
    @inline(__always)
    func emit(literalsFrom anchor: Int, to end: Int, match: (length: Int, offset: Int), into out: inout [UInt8]) {
        let literals = end - anchor
        let matchCode = match.length == 0 ? 0 : match.length - LZBlock.minMatch
        out.append(UInt8(min(literals, 15) << 4 | min(matchCode, 15)))
        if literals >= 15 { Self.varint(literals - 15, into: &out) }
        out.append(contentsOf: UnsafeRawBufferPointer(start: p + anchor, count: literals))
        guard match.length > 0 else { return }
        out.append(UInt8(truncatingIfNeeded: match.offset))
        out.append(UInt8(truncatingIfNeeded: match.offset >> 8))
        if matchCode >= 15 { Self.varint(matchCode - 15, into: &out) }
    }

    @inline(__always)
    static func varint(_ value: Int, into out: inout [UInt8]) {
        var v = value
        while v >= 0x80 { out.append(UInt8(v & 0x7F) | 0x80); v >>= 7 }
        out.append(UInt8(v))
    }
}
