import Soundbite

extension FuzzEntryPoints {
    /// The stored-text block codec (`LZBlock`). Bytes 0–1: a decompressed
    /// size (u16, little-endian); the rest is decoded as a block of that
    /// size, which must succeed or fail cleanly, and what decodes must survive
    /// a re-compression. The rest is also compressed as data (match depth
    /// from byte 0) and must decode to itself at exactly its size, and be
    /// refused one byte short or long.
    package static func lzBlock(_ bytes: [UInt8]) {
        guard bytes.count >= 2 else { return }
        let size = Int(bytes[0]) | Int(bytes[1]) << 8
        let body = Array(bytes.dropFirst(2))
        if let decoded = body.withUnsafeBytes({ try? LZBlock.decompress($0, count: size) }) {
            precondition(decoded.count == size, "LZBlock decoded \(decoded.count) bytes, not \(size)")
            var encoder = LZBlockEncoder(maxChain: 8)
            let again = encoder.compress(decoded)
            let back = again.withUnsafeBytes { try? LZBlock.decompress($0, count: size) }
            precondition(back == decoded, "LZBlock does not round-trip a block it decoded")
        }
        var encoder = LZBlockEncoder(maxChain: 1 + Int(bytes[0] % 64))
        let packed = encoder.compress(body)
        packed.withUnsafeBytes { block in
            let back = try? LZBlock.decompress(block, count: body.count)
            precondition(back == body, "LZBlock does not round-trip its input")
            if !body.isEmpty {
                precondition((try? LZBlock.decompress(block, count: body.count - 1)) == nil,
                             "LZBlock decoded a block into one byte less than its size")
            }
            precondition((try? LZBlock.decompress(block, count: body.count + 1)) == nil,
                         "LZBlock decoded a block into one byte more than its size")
        }
    }
}
