/// The `positions` section (kind 6). For each postings block, at the block's
/// ``Postings/BlockHeader/positionsOffset`` (from the term's
/// ``TermInfo/positionsOffset``), the positions of its postings in posting
/// order — per posting `tf` values: the first token position, then deltas —
/// as chunks of up to ``chunkSize`` values:
///
///     chunk := bits u8 (0…32) · BitPacking(values, bits)
///
/// The number of values of a block is Σ tf of its postings, so every chunk's
/// length follows from its `bits`: a reader passes chunks without decoding them.
enum Positions {
    /// Values per chunk (the last chunk of a block holds fewer).
    static let chunkSize = 128

    /// Appends one block's position values (see above) as chunks.
    static func encode(_ values: [UInt32], into w: inout ByteWriter) {
        var lo = 0
        while lo < values.count {
            let hi = min(values.count, lo + chunkSize)
            let bits = BitPacking.bitWidth(values[lo..<hi])
            w.u8(UInt8(bits))
            BitPacking.pack(values[lo..<hi], bits: bits, into: &w)
            lo = hi
        }
    }

    /// Reads the values of one block at a time, one chunk decoded at a time
    /// into a buffer its owner allocated once (``chunkSize`` values), so no
    /// read allocates. Bounds-checked: damaged bytes make ``value(_:)`` nil.
    struct ChunkReader {
        private let buffer: UnsafeMutablePointer<UInt32>
        private let end: UnsafeRawPointer
        private var blockStart: UnsafeRawPointer
        /// The chunk after the loaded one starts here.
        private var next: UnsafeRawPointer
        private var loaded = -1
        private var total = 0

        /// A reader over a `positions` section ending at `end`, decoding into `buffer`.
        init(buffer: UnsafeMutablePointer<UInt32>, end: UnsafeRawPointer) {
            self.buffer = buffer
            self.end = end
            blockStart = end
            next = end
        }

        /// Starts reading the block whose chunks start at `start` and hold `total` values.
        @inline(__always)
        mutating func reset(at start: UnsafeRawPointer, total: Int) {
            blockStart = start
            next = start
            loaded = -1
            self.total = total
        }

        /// Value `v` of the block (nil past its values or on damaged bytes).
        @inline(__always)
        mutating func value(_ v: Int) -> UInt32? {
            guard v >= 0, v < total else { return nil }
            let c = v / chunkSize
            if c != loaded {
                if c < loaded { reset(at: blockStart, total: total) }
                guard load(c) else { return nil }
            }
            return buffer[v % chunkSize]
        }

        /// Values `v ..< v + n` of the block as one posting's positions (the
        /// first as stored, each next one the running sum of the deltas) into
        /// `out`, a chunk at a time; returns how many were written (fewer than
        /// `n` past the block's values or on damaged bytes).
        @inline(__always)
        mutating func positions(from v: Int, count n: Int, into out: UnsafeMutablePointer<UInt32>) -> Int {
            guard v >= 0, n > 0 else { return 0 }
            var written = 0
            var position: UInt32 = 0
            while written < n {
                let at = v + written
                guard at < total else { return written }
                let c = at / chunkSize
                if c != loaded {
                    if c < loaded { reset(at: blockStart, total: total) }
                    guard load(c) else { return written }
                }
                let lo = at - c * chunkSize
                let m = min(chunkSize - lo, n - written, total - at)
                let chunk = buffer + lo, target = out + written
                for t in 0..<m {
                    position &+= chunk[t]
                    target[t] = position
                }
                written += m
            }
            return written
        }

        private mutating func load(_ c: Int) -> Bool {
            while loaded < c {
                guard next < end else { return false }
                let bits = Int(next.load(as: UInt8.self))
                let n = min(chunkSize, total - (loaded + 1) * chunkSize)
                guard bits <= 32, n > 0 else { return false }
                let bytes = BitPacking.byteCount(n, bits: bits)
                guard bytes <= end - (next + 1) else { return false }
                if loaded + 1 == c { BitPacking.unpack(n, bits: bits, from: next + 1, into: buffer) }
                next += 1 + bytes
                loaded += 1
            }
            return true
        }
    }
}
