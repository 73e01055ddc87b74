/// Cuts an interview's cues into passages, the documents BM25 ranks.
///
/// A passage is a run of consecutive cues of one speaker within one chapter.
/// It grows until it holds at least ``wordBudget`` words and a cue ends a
/// sentence, or until it reaches twice the budget. With the default
/// budget of 10 words a passage is about a sentence of speech (two cues,
/// seven seconds on real transcripts): the size that found quotes best when
/// budgets from one cue to a whole speaker turn were measured
/// (`docs/EVALUATION.md`, "Passage size"). A passage never spans two speakers, roles or chapters.
struct PassageSegmenter: Sendable, Hashable {
    /// Words after which a passage closes at the next sentence end.
    var wordBudget: Int

    init(wordBudget: Int = 10) {
        self.wordBudget = max(1, wordBudget)
    }

    /// The passages of `cues` as index ranges, in order, covering every cue.
    func passages(of cues: [Cue]) -> [Range<Int>] {
        var result: [Range<Int>] = []
        var start = 0
        var words = 0
        // Cues are read in place: a copy of a `Cue` retains its four strings.
        for i in cues.indices {
            if i > start {
                let turnChanges = cues[i].speaker != cues[i - 1].speaker || cues[i].role != cues[i - 1].role
                    || cues[i].chapter != cues[i - 1].chapter
                let full = words >= wordBudget && Self.endsSentence(cues[i - 1].text)
                if turnChanges || full || words >= 2 * wordBudget {
                    result.append(start..<i)
                    start = i
                    words = 0
                }
            }
            words += Self.wordCount(cues[i].text)
        }
        if start < cues.count { result.append(start..<cues.count) }
        return result
    }

    /// Whitespace-separated words in `text`.
    static func wordCount(_ text: String) -> Int {
        text.utf8.withContiguousStorageIfAvailable { wordCount($0) } ?? wordCount(Array(text.utf8))
    }

    /// Whitespace-separated words in UTF-8 `bytes`, 8 bytes at a time: a
    /// word starts at each byte that is not white space and follows one that
    /// is (or the start), the count ``wordCount(_:)`` of a collection gives.
    static func wordCount(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        guard let p = bytes.baseAddress else { return 0 }
        let n = bytes.count
        let ones: UInt64 = 0x0101_0101_0101_0101, low: UInt64 = 0x7F7F_7F7F_7F7F_7F7F, high: UInt64 = 0x8080_8080_8080_8080
        /// The high bit of each byte of `x` that is zero (exact per byte: no borrow crosses bytes).
        @inline(__always) func zeroBytes(_ x: UInt64) -> UInt64 { ~(((x & low) &+ low) | x) & high }
        var count = 0
        // The high bit set when the byte before the next one is white space (the start counts as such).
        var before: UInt64 = 0x80
        var k = 0
        while k + 8 <= n {
            let v = UnsafeRawPointer(p + k).loadUnaligned(as: UInt64.self)
            let space = zeroBytes(v ^ (ones &* 0x20)) | zeroBytes(v ^ (ones &* 0x09))
                | zeroBytes(v ^ (ones &* 0x0A)) | zeroBytes(v ^ (ones &* 0x0D))
            let starts = ~space & high & (space << 8 | before)
            count += starts.nonzeroBitCount
            before = space >> 56
            k += 8
        }
        var inWord = before == 0
        while k < n {
            let b = p[k]
            let space = b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D
            if !space && !inWord { count += 1 }
            inWord = !space
            k += 1
        }
        return count
    }

    /// Whitespace-separated words in UTF-8 `bytes`.
    static func wordCount<C: Collection<UInt8>>(_ bytes: C) -> Int {
        var count = 0
        var inWord = false
        for b in bytes {
            let space = b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D
            if !space && !inWord { count += 1 }
            inWord = !space
        }
        return count
    }

    /// True when `text` ends with `.`, `?`, `!` or `…`, possibly followed by quotes.
    static func endsSentence(_ text: String) -> Bool {
        for scalar in text.unicodeScalars.reversed() {
            switch scalar {
            case " ", "\"", "'", "\u{201D}", "\u{2019}", ")": continue
            case ".", "?", "!", "\u{2026}": return true
            default: return false
            }
        }
        return false
    }
}
