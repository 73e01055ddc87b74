import Soundbite

extension FuzzEntryPoints {
    /// The stored-text block codec (`LZBlock`). Bytes 0–1: a decompressed
    /// size (u16, little-endian); the rest is decoded as a block of that
    /// size, which must succeed or fail cleanly, give the same in two steps
    /// (resumed from a ``LZBlock/Cursor``), and survive a re-compression. The rest is also compressed as data (match depth
    /// from byte 0) and must decode to itself at exactly its size, and be
    /// refused one byte short or long.
    package static func lzBlock(_ bytes: [UInt8]) {
        guard bytes.count >= 2 else { return }
        let size = Int(bytes[0]) | Int(bytes[1]) << 8
        let body = Array(bytes.dropFirst(2))
        let whole = body.withUnsafeBytes({ try? LZBlock.decompress($0, count: size) })
        // The same block decoded in two steps (as the stored-text cache does):
        // the first step's bytes are final, and the end result is the same.
        var stepped = [UInt8](repeating: 0, count: size)
        var cursor = LZBlock.Cursor()
        let half = size / 2
        let steps = body.withUnsafeBytes { input in
            stepped.withUnsafeMutableBytes { output -> Bool in
                do {
                    try LZBlock.decompress(input, into: output, resuming: &cursor, until: half)
                    precondition(cursor.output >= half && cursor.output <= size, "LZBlock stopped short of its target")
                    if let whole { precondition(Array(output[0..<cursor.output]) == Array(whole[0..<cursor.output])) }
                    try LZBlock.decompress(input, into: output, resuming: &cursor, until: size)
                    return true
                } catch {
                    return false
                }
            }
        }
        precondition(steps == (whole != nil), "LZBlock accepts a block whole but not in steps, or the reverse")
        if let whole { precondition(stepped == whole, "LZBlock decodes differently in steps") }
        if let decoded = whole {
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
