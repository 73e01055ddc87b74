/// The byte-level reading of ``SpeakerLabel/split(_:)``: the same rules on
/// the UTF-8 bytes of text whose start is ASCII, with no `Character` and no
/// allocation but the label's own strings.
///
/// A byte is read as a `Character` of its own only when it and the byte after
/// it are ASCII and not CR (two ASCII bytes always fall into two grapheme
/// clusters, except CR LF). As soon as the rules would look at a byte that is
/// not safe in that sense, the fast path gives up and the `Character`-based
/// reading (``SpeakerLabel/splitCharacters(_:)``) decides, so the answer is
/// the same for every input; transcripts in English almost never take it.
extension SpeakerLabel {
    /// The outcome of the byte-level split: the label (or `nil`) and the byte
    /// offset where the rest of the text starts.
    struct ByteSplit: Equatable {
        /// The label found, or `nil`.
        var label: SpeakerLabel?
        /// Offset of the first byte of the text after the label (and after a
        /// `>>` marker and the white space that follows either).
        var restStart: Int
    }

    /// The last label the byte path parsed, by its bytes: a transcript's
    /// labels repeat from cue to cue, and a label depends on its bytes alone
    /// (and on whether it came after `>>`), so a parser keeps one of these
    /// from cue to cue and a repeated label costs one compare.
    struct LabelMemo {
        fileprivate var bytes: [UInt8] = []
        fileprivate var relaxed = false
        fileprivate var label: SpeakerLabel?
        fileprivate var filled = false
    }

    /// How far the byte path looks for non-ASCII bytes: the rules read at
    /// most the leading blanks, a `>>` marker, ``maxLabelCharacters`` and the
    /// blanks after the label, so a longer text is not scanned to its end
    /// (a rule that reads past this gives up, and the `Character` reading decides).
    static let byteScanLimit = 512

    /// Splits a leading label off `bytes`, or returns `nil` when the answer
    /// depends on non-ASCII characters (then ``splitCharacters(_:)`` decides).
    static func split(bytes: UnsafeBufferPointer<UInt8>) -> ByteSplit? {
        var memo = LabelMemo()
        return split(bytes: bytes, memo: &memo)
    }

    /// ``split(bytes:)`` with a label remembered from an earlier call.
    static func split(bytes: UnsafeBufferPointer<UInt8>, memo: inout LabelMemo) -> ByteSplit? {
        let n = bytes.count
        // Bytes before `safe` can be read one byte per Character (a byte at
        // the scan limit is not known to be safe).
        let scanned = min(n, byteScanLimit)
        var ascii = 0
        if let p = bytes.baseAddress {
            // 8 bytes at a time while none is non-ASCII or CR.
            while ascii + 8 <= scanned {
                let w = UnsafeRawPointer(p + ascii).loadUnaligned(as: UInt64.self)
                let cr = w ^ 0x0D0D_0D0D_0D0D_0D0D
                if (w | ((cr &- 0x0101_0101_0101_0101) & ~cr)) & 0x8080_8080_8080_8080 != 0 { break }
                ascii += 8
            }
        }
        while ascii < scanned, bytes[ascii] < 0x80, bytes[ascii] != 0x0D { ascii += 1 }
        let safe = ascii == n ? n : max(0, ascii - 1)
        var i = 0
        while i < n, isBlank(bytes[i]) {
            guard i < safe else { return nil }
            i += 1
        }
        var relaxed = false
        if i + 1 < n, bytes[i] == UInt8(ascii: ">"), bytes[i + 1] == UInt8(ascii: ">") {
            guard i + 1 < safe else { return nil }
            while i < n, bytes[i] == UInt8(ascii: ">") {
                guard i < safe else { return nil }
                i += 1
            }
            while i < n, isBlank(bytes[i]) {
                guard i < safe else { return nil }
                i += 1
            }
            relaxed = true
        }
        let start = i
        if i < n, bytes[i] == UInt8(ascii: "[") {
            guard i < safe else { return nil }
            var k = i + 1
            var close = -1
            while k < n, k - (i + 1) < maxLabelCharacters {
                guard k < safe else { return nil }
                if bytes[k] == UInt8(ascii: "]") { close = k; break }
                if bytes[k] == UInt8(ascii: "[") { break }
                k += 1
            }
            guard close >= 0 else { return ByteSplit(label: nil, restStart: start) }
            var after = close + 1
            while after < n, isBlank(bytes[after]) {
                guard after < safe else { return nil }
                after += 1
            }
            guard after < n, bytes[after] == UInt8(ascii: ":") else {
                return after < n && after >= safe ? nil : ByteSplit(label: nil, restStart: start)
            }
            guard after < safe else { return nil }
            guard let parsed = parse(bytes: bytes, from: i + 1, to: close, relaxed: true, memo: &memo) else {
                return ByteSplit(label: nil, restStart: start)
            }
            guard let rest = skipBlanks(bytes, from: after + 1, safe: safe) else { return nil }
            return ByteSplit(label: parsed, restStart: rest)
        }
        var k = start
        while k < n, k - start < maxLabelCharacters {
            guard k < safe else { return nil }
            if bytes[k] == UInt8(ascii: ":") {
                let next = k + 1
                if next < n {
                    guard next < safe else { return nil }
                    guard isBlank(bytes[next]) else { break }
                }
                guard let parsed = parse(bytes: bytes, from: start, to: k, relaxed: relaxed, memo: &memo) else { break }
                guard let rest = skipBlanks(bytes, from: next, safe: safe) else { return nil }
                return ByteSplit(label: parsed, restStart: rest)
            }
            k += 1
        }
        return ByteSplit(label: nil, restStart: start)
    }

    /// The offset after the spaces and tabs from `from`; `nil` if a byte read is not safe.
    private static func skipBlanks(_ bytes: UnsafeBufferPointer<UInt8>, from: Int, safe: Int) -> Int? {
        var i = from
        while i < bytes.count, isBlank(bytes[i]) {
            guard i < safe else { return nil }
            i += 1
        }
        return i
    }

    @inline(__always) private static func isBlank(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 }

    /// ``parse(bytes:from:to:relaxed:)``, or the memo's label when its bytes are these.
    private static func parse(bytes: UnsafeBufferPointer<UInt8>, from: Int, to: Int, relaxed: Bool,
                              memo: inout LabelMemo) -> SpeakerLabel? {
        let range = UnsafeBufferPointer(rebasing: bytes[from..<to])
        if memo.filled, memo.relaxed == relaxed, memo.bytes.count == range.count,
           memo.bytes.withUnsafeBufferPointer({ range.count == 0 || ByteKey.equal($0.baseAddress!, range.baseAddress!, range.count) }) {
            return memo.label
        }
        let label = parse(bytes: bytes, from: from, to: to, relaxed: relaxed)
        memo.bytes.removeAll(keepingCapacity: true)
        memo.bytes.append(contentsOf: range)
        memo.relaxed = relaxed
        memo.label = label
        memo.filled = true
        return label
    }

    /// ``parse(_:relaxed:)`` on the ASCII bytes `from..<to` (every one safe).
    private static func parse(bytes: UnsafeBufferPointer<UInt8>, from: Int, to: Int, relaxed: Bool) -> SpeakerLabel? {
        // splitRole: trailing blanks off, then `Name (Role)`.
        var end = to
        while end > from, isBlank(bytes[end - 1]) { end -= 1 }
        var nameEnd = end
        var roleRange: Range<Int>?
        if end > from, bytes[end - 1] == UInt8(ascii: ")") {
            var open = end - 2
            while open >= from, bytes[open] != UInt8(ascii: "(") { open -= 1 }
            if open >= from, !bytes[(open + 1)..<(end - 1)].contains(UInt8(ascii: ")")) {
                nameEnd = open
                roleRange = (open + 1)..<(end - 1)
            }
        }
        var role: String?
        if let roleRange {
            let roleWords = wordCount(bytes, roleRange)
            if roleWords > 0 {
                if roleWords > maxWords { return nil }
                role = joinedWords(bytes, roleRange, lowercased: true)
            }
        }
        // The name's words.
        var words = 0
        var i = from
        var hasLower = false, hasUnderscore = false
        var letterRun = 0, longestRun = 0
        while i < nameEnd {
            if isBlank(bytes[i]) { i += 1; letterRun = 0; continue }
            words += 1
            if words > maxWords { return nil }
            let wordStart = i
            var allDigits = true
            while i < nameEnd, !isBlank(bytes[i]) {
                let b = bytes[i]
                if ASCII.isLetter(b) {
                    letterRun += 1
                    longestRun = max(longestRun, letterRun)
                    if b >= UInt8(ascii: "a") { hasLower = true }
                } else {
                    letterRun = 0
                    guard ASCII.isDigit(b) || b == UInt8(ascii: "'") || b == UInt8(ascii: "-") || b == UInt8(ascii: ".")
                            || b == UInt8(ascii: "_") else { return nil }
                    if b == UInt8(ascii: "_") { hasUnderscore = true }
                }
                if !ASCII.isDigit(b) { allDigits = false }
                i += 1
            }
            let first = bytes[wordStart]
            let isUpper = first &- UInt8(ascii: "A") < 26
            if words == 1 {
                guard ASCII.isLetter(first) else { return nil }
                if !relaxed {
                    guard isUpper else { return nil }
                    if sentenceOpeners.contains(lowercasedString(bytes, wordStart..<i)) { return nil }
                }
            } else if !relaxed {
                guard isUpper || allDigits || nameParticles.contains(String(decoding: UnsafeBufferPointer(rebasing: bytes[wordStart..<i]), as: UTF8.self)) else { return nil }
            }
        }
        guard words > 0 else { return nil }
        // normalizeName: words joined by one space; all-capitals names title-cased.
        let titleCase = !hasUnderscore && !hasLower && longestRun >= 2
        var out: [UInt8] = []
        out.reserveCapacity(nameEnd - from)
        var previousWasLetter = false
        i = from
        while i < nameEnd {
            let b = bytes[i]
            if isBlank(b) { i += 1; continue }
            if !out.isEmpty, isBlank(bytes[i - 1]) { out.append(0x20); previousWasLetter = false }
            if titleCase, ASCII.isLetter(b) {
                out.append(previousWasLetter ? ASCII.lower(b) : b & ~0x20)
                previousWasLetter = true
            } else {
                out.append(b)
                previousWasLetter = false
            }
            i += 1
        }
        return SpeakerLabel(speaker: String(decoding: out, as: UTF8.self), role: role)
    }

    /// How many blank-separated words `range` holds.
    private static func wordCount(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int {
        var count = 0
        var inWord = false
        for i in range {
            let blank = isBlank(bytes[i])
            if !blank && !inWord { count += 1 }
            inWord = !blank
        }
        return count
    }

    /// The words of `range` joined by one space, lower-cased if asked.
    private static func joinedWords(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, lowercased: Bool) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(range.count)
        for i in range where !isBlank(bytes[i]) {
            if !out.isEmpty, isBlank(bytes[i - 1]) { out.append(0x20) }
            out.append(lowercased ? ASCII.lower(bytes[i]) : bytes[i])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The bytes of `range` lower-cased, as a String (a short word stays a
    /// small, unallocated string).
    private static func lowercasedString(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        String(unsafeUninitializedCapacity: range.count) { buffer in
            for (k, i) in range.enumerated() { buffer[k] = ASCII.lower(bytes[i]) }
            return range.count
        }
    }
}
