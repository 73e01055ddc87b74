/// Why a compressed block (``LZBlock``) could not be decoded, and where.
package struct LZBlockError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong with the block.
    package enum Reason: Sendable, Hashable {
        /// The block ends inside a sequence, or before its output is complete.
        case truncated
        /// A literal run or a match would write past the block's declared size.
        case outputOverrun
        /// A match offset is 0, or reaches back before the start of the block.
        case badOffset
        /// A length extension is longer than 5 bytes.
        case badLength
        /// Bytes follow the sequence that completes the output, or the last
        /// sequence declares a match it has no room for.
        case trailingBytes
    }

    /// What is wrong.
    package var reason: Reason
    /// Byte offset in the compressed block where the problem was found.
    package var offset: Int

    /// A sentence naming the problem and the byte offset.
    package var description: String {
        let what: String
        switch reason {
        case .truncated: what = "the block ends before its output is complete"
        case .outputOverrun: what = "a sequence writes past the block's size"
        case .badOffset: what = "a match refers back before the start of the block"
        case .badLength: what = "a length extension is longer than 5 bytes"
        case .trailingBytes: what = "bytes follow the end of the block"
        }
        return "compressed text block: \(what) (compressed byte \(offset))"
    }
}
