/// The object keys of a JSON text, found in one pass over the bytes without
/// building values: enough to tell Whisper, WhisperX and Amazon Transcribe
/// output (and a manifest) apart before the full reader runs.
///
/// Not a validator: broken JSON gives whatever keys were seen. Keys are
/// collected when they are plain (no escapes) and at most ``maxKeyBytes``
/// long; at most ``maxKeys`` distinct keys are kept per level.
///
/// - Complexity: O(n) in the bytes, whatever they are.
struct JSONKeySniffer {
    /// Keys of the top-level object.
    var topLevel: Set<String> = []
    /// Keys of objects nested anywhere below the top level.
    var nested: Set<String> = []
    /// Whether the text starts (after space) with `{` or `[`.
    var looksLikeJSON = false

    /// Longest key collected, in bytes.
    static let maxKeyBytes = 64
    /// Most distinct keys kept per level.
    static let maxKeys = 256

    /// Scans `bytes`.
    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        let n = bytes.count
        var i = 0
        if n >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { i = 3 }
        while i < n, ASCII.isWhitespace(bytes[i]) { i += 1 }
        guard i < n, bytes[i] == UInt8(ascii: "{") || bytes[i] == UInt8(ascii: "[") else { return }
        looksLikeJSON = true
        // Nesting: true for an object, false for an array; only the depth and
        // the innermost kind matter, so a counter per kind is not needed.
        var stack: [Bool] = []
        stack.reserveCapacity(16)
        while i < n {
            let b = bytes[i]
            switch b {
            case UInt8(ascii: "{"):
                stack.append(true); i += 1
            case UInt8(ascii: "["):
                stack.append(false); i += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                if !stack.isEmpty { stack.removeLast() }
                i += 1
            case UInt8(ascii: "\""):
                let start = i + 1
                var j = start
                var escaped = false
                while j < n, bytes[j] != UInt8(ascii: "\"") {
                    if bytes[j] == UInt8(ascii: "\\") { escaped = true; j += 1 }
                    j += 1
                }
                let end = min(j, n)
                i = min(n, j + 1)
                // A key is a string in an object followed by a colon.
                guard stack.last == true else { continue }
                var k = i
                while k < n, ASCII.isWhitespace(bytes[k]) { k += 1 }
                guard k < n, bytes[k] == UInt8(ascii: ":"), !escaped, end - start <= Self.maxKeyBytes else { continue }
                let key = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
                if stack.count == 1 {
                    if topLevel.count < Self.maxKeys { topLevel.insert(key) }
                } else if nested.count < Self.maxKeys {
                    nested.insert(key)
                }
            default:
                i += 1
            }
        }
    }

    /// What the keys say the JSON is: a transcript format or why not.
    var detection: FormatDetection {
        if topLevel.contains("results") && (topLevel.contains("jobName") || nested.contains("items")
                                            || nested.contains("transcripts")) {
            return .transcript(.amazonTranscribe)
        }
        if topLevel.contains("segments") || topLevel.contains("word_segments") {
            if topLevel.contains("word_segments") || nested.contains("speaker") { return .transcript(.whisperXJSON) }
            return .transcript(.whisperJSON)
        }
        if topLevel.contains("interviews") || topLevel.contains("roles") {
            return .notTranscript("a collection manifest (only the collection folder's own collection.json is read)")
        }
        return .notTranscript("JSON, but not a Whisper, WhisperX or Amazon Transcribe transcript (no \u{201C}segments\u{201D} or \u{201C}results\u{201D})")
    }
}
