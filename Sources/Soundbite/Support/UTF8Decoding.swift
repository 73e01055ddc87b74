/// A strict UTF-8 decoder for one scalar at a time.
enum UTF8Decoding {
    /// Decodes the scalar starting at `i`. Invalid or truncated sequences
    /// (overlong forms, surrogates, values past U+10FFFF, stray continuation
    /// bytes) decode as U+FFFD with length 1, so a scan always makes progress.
    @inline(__always)
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> (Unicode.Scalar, Int) {
        let n = bytes.count
        let b0 = UInt32(bytes[i])
        if b0 < 0x80 { return (Unicode.Scalar(UInt8(b0)), 1) }
        let replacement = (Unicode.Scalar(0xFFFD)!, 1)
        @inline(__always) func cont(_ k: Int) -> UInt32? {
            guard i + k < n else { return nil }
            let c = UInt32(bytes[i + k])
            return c & 0xC0 == 0x80 ? c & 0x3F : nil
        }
        if b0 >= 0xC2 && b0 <= 0xDF {
            guard let c1 = cont(1) else { return replacement }
            return (Unicode.Scalar((b0 & 0x1F) << 6 | c1)!, 2)
        }
        if b0 >= 0xE0 && b0 <= 0xEF {
            guard let c1 = cont(1), let c2 = cont(2) else { return replacement }
            let v = (b0 & 0x0F) << 12 | c1 << 6 | c2
            guard v >= 0x800, let s = Unicode.Scalar(v) else { return replacement }
            return (s, 3)
        }
        if b0 >= 0xF0 && b0 <= 0xF4 {
            guard let c1 = cont(1), let c2 = cont(2), let c3 = cont(3) else { return replacement }
            let v = (b0 & 0x07) << 18 | c1 << 12 | c2 << 6 | c3
            guard v >= 0x10000, let s = Unicode.Scalar(v) else { return replacement }
            return (s, 4)
        }
        return replacement
    }
}

extension UTF8Decoding {
    /// The 1-based line of the first invalid UTF-8 sequence in `bytes`, or
    /// `nil` when they are valid UTF-8: for the readers that take bytes (JSON,
    /// XML), which replace bad sequences with U+FFFD as they go and warn once.
    static func firstInvalidLine(_ bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBufferPointer { buf in
            var line = 1
            var i = 0
            while i < buf.count {
                let b = buf[i]
                if b < 0x80 {
                    if b == 0x0A { line += 1 }
                    i += 1
                    continue
                }
                let (scalar, length) = decode(buf, at: i)
                if length == 1, scalar == "\u{FFFD}" { return line }
                i += length
            }
            return nil
        }
    }
}
