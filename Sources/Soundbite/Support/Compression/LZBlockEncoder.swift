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
    /// The block's sequences are written here first (through a pointer, no
    /// capacity check per byte), then appended to the output in one copy.
    private var staging: [UInt8] = []

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
        let bound = Matcher.outputBound(n)
        if staging.count < bound { staging = [UInt8](repeating: 0, count: bound) }
        let maxChain = self.maxChain
        head.withUnsafeMutableBufferPointer { head in
            chain.withUnsafeMutableBufferPointer { chain in
                staging.withUnsafeMutableBufferPointer { staging in
                    var matcher = Matcher(p: p, n: n, head: head, chain: chain, maxChain: maxChain)
                    let written = matcher.run(into: staging.baseAddress!)
                    output.append(contentsOf: UnsafeBufferPointer(rebasing: staging[0..<written]))
                    // Leave the table empty for the next block, in O(this block)
                    // rather than O(table): small blocks stay cheap.
                    matcher.clearHeads()
                }
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

    /// The most bytes ``run(into:)`` writes for a block of `n` bytes: a
    /// sequence never takes more than its bytes plus its token and length
    /// extensions, and a match of 4 or more bytes takes at most 3 (plus its
    /// extension, far shorter than the match).
    static func outputBound(_ n: Int) -> Int { n + n / 16 + 64 }

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

    /// The longest earlier match for position `i` that is longer than
    /// `shorter` bytes (length 0 when none is; `shorter` below
    /// ``LZBlock/minMatch`` asks for any match). Among equally long matches
    /// the first one met in the chain wins, and every candidate tried counts
    /// against ``maxChain``, so a higher `shorter` finds the same match
    /// whenever one beats it (the lazy step asks only that).
    @inline(__always)
    func longestMatch(at i: Int, longerThan shorter: Int = LZBlock.minMatch - 1) -> (length: Int, offset: Int) {
        let limit = n - i
        guard limit >= LZBlock.minMatch, shorter < limit else { return (0, 0) }
        var best = Swift.max(shorter, LZBlock.minMatch - 1), bestOffset = 0
        var candidate = Int(head[hash(i)])
        // Candidates farther back than an offset can say end the walk; the
        // chain runs back in position order, and -1 (its end) is below too.
        let lowest = Swift.max(0, i - LZBlock.maxOffset)
        let chain = self.chain.baseAddress!
        let first = p.loadUnaligned(fromByteOffset: i, as: UInt32.self)
        // `best < limit` holds throughout: a match as long as `limit` ends the walk.
        var target = p.load(fromByteOffset: i + best, as: UInt8.self)
        var tries = maxChain
        while candidate >= lowest {
            if p.load(fromByteOffset: candidate + best, as: UInt8.self) == target,
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
                    bestOffset = i - candidate
                    if length == limit { break }
                    target = p.load(fromByteOffset: i + best, as: UInt8.self)
                }
            }
            tries -= 1
            if tries == 0 { break }
            candidate = Int(chain[candidate])
        }
        return bestOffset == 0 ? (0, 0) : (best, bestOffset)
    }

    /// Writes the block's sequences at `out` (room for ``outputBound(_:)``
    /// bytes); returns how many bytes it wrote.
    mutating func run(into out: UnsafeMutablePointer<UInt8>) -> Int {
        var anchor = 0, i = 0, w = 0
        while i + LZBlock.minMatch <= n {
            insert(upTo: i)
            var match = longestMatch(at: i)
            if match.length == 0 { i += 1; continue }
            // Lazy step: a longer match one byte later wins.
            insert(upTo: i + 1)
            let next = longestMatch(at: i + 1, longerThan: match.length)
            if next.length > match.length { i += 1; match = next }
            emit(literalsFrom: anchor, to: i, match: match, into: out, at: &w)
            i += match.length
            anchor = i
        }
        if anchor < n { emit(literalsFrom: anchor, to: n, match: (0, 0), into: out, at: &w) }
        return w
    }

    /// One sequence: the literals `anchor..<end`, then the match (none when its length is 0).
    @inline(__always)
    func emit(literalsFrom anchor: Int, to end: Int, match: (length: Int, offset: Int),
              into out: UnsafeMutablePointer<UInt8>, at w: inout Int) {
        let literals = end - anchor
        let matchCode = match.length == 0 ? 0 : match.length - LZBlock.minMatch
        out[w] = UInt8(min(literals, 15) << 4 | min(matchCode, 15))
        w += 1
        if literals >= 15 { Self.varint(literals - 15, into: out, at: &w) }
        UnsafeMutableRawPointer(out + w).copyMemory(from: p + anchor, byteCount: literals)
        w += literals
        guard match.length > 0 else { return }
        out[w] = UInt8(truncatingIfNeeded: match.offset)
        out[w + 1] = UInt8(truncatingIfNeeded: match.offset >> 8)
        w += 2
        if matchCode >= 15 { Self.varint(matchCode - 15, into: out, at: &w) }
    }

    @inline(__always)
    static func varint(_ value: Int, into out: UnsafeMutablePointer<UInt8>, at w: inout Int) {
        var v = value
        while v >= 0x80 { out[w] = UInt8(v & 0x7F) | 0x80; w += 1; v >>= 7 }
        out[w] = UInt8(v)
        w += 1
    }
}
