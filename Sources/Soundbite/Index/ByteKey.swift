/// Hashing and comparing the byte strings that the builder's tables key on
/// (``TermInterner``'s terms, ``FormTermCache``'s word forms): both are
/// open-addressing tables over bytes kept in an arena, probed once per token.
enum ByteKey {
    /// A hash of `bytes`, 8 bytes at a time (multiply and fold): most words
    /// are one multiply. Only placement in a table depends on it, never an id.
    @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
        let n = bytes.count
        let m: UInt64 = 0x9E37_79B9_7F4A_7C15
        var h = UInt64(truncatingIfNeeded: n) &* m
        guard let p = bytes.baseAddress else { return UInt32(truncatingIfNeeded: h ^ (h >> 32)) }
        var k = 0
        while k + 8 <= n {
            h = (h ^ UnsafeRawPointer(p + k).loadUnaligned(as: UInt64.self)) &* m
            h ^= h >> 29
            k += 8
        }
        if k < n {
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while k < n {
                tail |= UInt64(p[k]) << shift
                shift += 8
                k += 1
            }
            h = (h ^ tail) &* m
        }
        h ^= h >> 32
        return UInt32(truncatingIfNeeded: h)
    }

    /// Whether the `n` bytes at `a` and `b` are the same, 8 at a time.
    @inline(__always)
    static func equal(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        var k = 0
        while k + 8 <= n {
            if UnsafeRawPointer(a + k).loadUnaligned(as: UInt64.self) != UnsafeRawPointer(b + k).loadUnaligned(as: UInt64.self) {
                return false
            }
            k += 8
        }
        while k < n {
            if a[k] != b[k] { return false }
            k += 1
        }
        return true
    }
}
