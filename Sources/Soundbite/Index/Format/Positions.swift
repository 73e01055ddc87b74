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

    /// Reads the values of one block at a time. A chunk is either unpacked
    /// whole into a buffer its owner allocated once (``chunkSize`` values, for
    /// reads that use much of it: ``value(_:)``, a long posting), or, for a
    /// posting's few values in a chunk not unpacked, read straight from its
    /// packed bits (``positions(from:count:into:)``: a phrase's common word
    /// reads one posting of a chunk, not 128 values). No read allocates.
    /// Bounds-checked: damaged bytes make ``value(_:)`` nil.
    struct ChunkReader {
        private let buffer: UnsafeMutablePointer<UInt32>
        private let end: UnsafeRawPointer
        private var blockStart: UnsafeRawPointer
        /// The last chunk whose header was read (−1: none), where its
        /// header (its `bits` byte) lies, and where the chunk after it starts.
        private var located = -1
        private var locatedStart: UnsafeRawPointer
        private var next: UnsafeRawPointer
        /// The chunk unpacked in the buffer (−1: none).
        private var loaded = -1
        private var total = 0

        /// At most this many values of a chunk not unpacked are read from its packed bits.
        private static let directValues = 16

        /// A reader over a `positions` section ending at `end`, decoding into `buffer`.
        init(buffer: UnsafeMutablePointer<UInt32>, end: UnsafeRawPointer) {
            self.buffer = buffer
            self.end = end
            blockStart = end
            locatedStart = end
            next = end
        }

        /// Starts reading the block whose chunks start at `start` and hold `total` values.
        @inline(__always)
        mutating func reset(at start: UnsafeRawPointer, total: Int) {
            blockStart = start
            next = start
            located = -1
            loaded = -1
            self.total = total
        }

        /// Value `v` of the block (nil past its values or on damaged bytes).
        @inline(__always)
        mutating func value(_ v: Int) -> UInt32? {
            guard v >= 0, v < total else { return nil }
            let c = v / chunkSize
            if c != loaded {
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
                let lo = at - c * chunkSize
                let m = min(chunkSize - lo, n - written, total - at)
                let target = out + written
                if c != loaded && m <= Self.directValues {
                    guard locate(c) else { return written }
                    position = packed(from: lo, count: m, after: position, into: target)
                } else {
                    if c != loaded { guard load(c) else { return written } }
                    let chunk = buffer + lo
                    for t in 0..<m {
                        position &+= chunk[t]
                        target[t] = position
                    }
                }
                written += m
            }
            return written
        }

        /// Reads the headers up to chunk `c`'s (from the block's start when
        /// `c` lies before the last one read), checking each chunk lies
        /// inside the section.
        private mutating func locate(_ c: Int) -> Bool {
            if c < located {
                located = -1
                next = blockStart
            }
            while located < c {
                guard next < end else { return false }
                let bits = Int(next.load(as: UInt8.self))
                let n = min(chunkSize, total - (located + 1) * chunkSize)
                guard bits <= 32, n > 0 else { return false }
                let bytes = BitPacking.byteCount(n, bits: bits)
                guard bytes <= end - (next + 1) else { return false }
                locatedStart = next
                next += 1 + bytes
                located += 1
            }
            return true
        }

        /// Unpacks chunk `c` whole into the buffer.
        private mutating func load(_ c: Int) -> Bool {
            guard locate(c) else { return false }
            let bits = Int(locatedStart.load(as: UInt8.self))
            BitPacking.unpack(min(chunkSize, total - c * chunkSize), bits: bits, from: locatedStart + 1, into: buffer)
            loaded = c
            return true
        }

        /// Values `lo ..< lo + m` of the located chunk, read from its packed
        /// bits, each added to the running `position` and stored in `out`;
        /// returns the last sum. Reads only the chunk's bytes (8 at a time
        /// while they stay inside them, then byte by byte).
        @inline(__always)
        private func packed(from lo: Int, count m: Int, after position: UInt32, into out: UnsafeMutablePointer<UInt32>) -> UInt32 {
            let bits = Int(locatedStart.load(as: UInt8.self))
            let p = locatedStart + 1
            let bytes = next - p
            let mask: UInt64 = (1 << UInt64(bits)) - 1
            var sum = position
            var bit = lo * bits
            for t in 0..<m {
                let first = bit >> 3
                var word: UInt64
                if first + 8 <= bytes {
                    word = UInt64(littleEndian: p.loadUnaligned(fromByteOffset: first, as: UInt64.self))
                } else {
                    word = 0
                    var k = 0
                    while first + k < bytes {
                        word |= UInt64(p.load(fromByteOffset: first + k, as: UInt8.self)) << UInt64(8 * k)
                        k += 1
                    }
                }
                sum &+= UInt32(truncatingIfNeeded: (word >> UInt64(bit & 7)) & mask)
                out[t] = sum
                bit += bits
            }
            return sum
        }
    }
}
