/// Why a DEFLATE stream (RFC 1951) could not be decoded, and where.
package struct DeflateError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong with the stream.
    package enum Reason: Sendable, Hashable {
        /// The stream ends before its final block does.
        case truncated
        /// A block header names the reserved block type 3.
        case reservedBlockType
        /// A stored block's length and its one's complement disagree.
        case storedLengthMismatch
        /// A dynamic block declares more than 286 literal/length or 30 distance codes.
        case tooManyCodes
        /// A set of code lengths is over-subscribed, or incomplete where that is not allowed;
        /// the payload names the code ("code length", "literal/length", "distance").
        case invalidCodeLengths(String)
        /// A code-length repeat has no previous length, or runs past the lengths declared.
        case invalidLengthRepeat
        /// The literal/length code gives no code to symbol 256 (end of block).
        case missingEndOfBlock
        /// The bits read are no code of the table, or a code for an unused symbol.
        case invalidCode
        /// A match reaches back before the start of the output.
        case distanceTooFar
        /// The output would grow past the caller's limit (a zip bomb, or a lying size).
        case outputLimit(Int)
    }

    /// What is wrong.
    package var reason: Reason
    /// Byte offset in the compressed stream where the problem was found.
    package var offset: Int

    /// Creates an error.
    package init(_ reason: Reason, offset: Int) {
        self.reason = reason
        self.offset = offset
    }

    /// A sentence naming the problem and the byte offset.
    package var description: String {
        let what: String
        switch reason {
        case .truncated: what = "the stream ends before its last block"
        case .reservedBlockType: what = "a block has the reserved type 3"
        case .storedLengthMismatch: what = "a stored block's length does not match its complement"
        case .tooManyCodes: what = "a block declares more than 286 literal/length or 30 distance codes"
        case .invalidCodeLengths(let code): what = "the \(code) code lengths do not form a prefix code"
        case .invalidLengthRepeat: what = "a code-length repeat has no previous length or runs past the end"
        case .missingEndOfBlock: what = "the block has no end-of-block code"
        case .invalidCode: what = "invalid Huffman code"
        case .distanceTooFar: what = "a match refers back before the start of the data"
        case .outputLimit(let limit): what = "the data inflates past the limit of \(limit) bytes"
        }
        return "DEFLATE: \(what) (compressed byte \(offset))"
    }
}
