/// Splits UTF-8 text into words, in the spirit of UAX #29 word boundaries as far
/// as they matter for English transcripts.
///
/// - Words are runs of letters and digits of any script; combining marks (and
///   the invisible soft hyphen, ZWJ, ZWNJ) stay with the letter before them.
/// - An apostrophe (straight or curly) between a word character and a letter
///   stays inside the word: `don't`, `Zoë's`, `1990's`.
/// - `:`, `.` and `,` between two digits stay inside the word: `1:1`, `3.5`, `10:30`.
/// - Hyphens and every other punctuation split: `dinner-time` → `dinner`, `time`.
/// - Each Han ideograph or Hiragana character is a word of its own.
/// - Invalid UTF-8 bytes, symbols and emoji separate words.
///
/// Works on bytes: ASCII takes a table lookup per byte; only non-ASCII scalars
/// are decoded and classified.
struct Tokenizer: Sendable {
    /// Calls `body` with each token of `bytes`, in order.
    @inline(__always)
    func tokenize(_ bytes: UnsafeBufferPointer<UInt8>, _ body: (Token) -> Void) {
        let n = bytes.count
        var i = 0
        var position = 0
        while i < n {
            let b = bytes[i]
            if b < 0x80 {
                if ASCII.isAlphanumeric(b) == false { i += 1; continue }
            } else {
                let (scalar, length) = UTF8Decoding.decode(bytes, at: i)
                switch UnicodeClass.of(scalar) {
                case .wordCharacter:
                    break
                case .ideograph:
                    body(Token(start: i, end: i + length, position: position, isASCII: false))
                    position += 1
                    i += length
                    continue
                case .separator, .mark, .apostrophe:
                    i += length
                    continue
                }
            }
            let end = scanWord(bytes, from: i)
            body(Token(start: i, end: end.end, position: position, isASCII: end.isASCII))
            position += 1
            i = end.end
        }
    }

    /// Finds the end of the word that starts at `start` (a word character).
    @inline(__always)
    private func scanWord(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> (end: Int, isASCII: Bool) {
        let n = bytes.count
        var j = start
        var isASCII = true
        var previousIsDigit = false
        while j < n {
            let b = bytes[j]
            if b < 0x80 {
                if ASCII.isAlphanumeric(b) {
                    previousIsDigit = ASCII.isDigit(b)
                    j += 1
                    continue
                }
                if b == UInt8(ascii: "'") {
                    if letterStarts(bytes, at: j + 1) { j += 1; previousIsDigit = false; continue }
                    break
                }
                if previousIsDigit && (b == UInt8(ascii: ":") || b == UInt8(ascii: ".") || b == UInt8(ascii: ",")),
                   j + 1 < n, ASCII.isDigit(bytes[j + 1]) {
                    j += 1
                    continue
                }
                break
            }
            let (scalar, length) = UTF8Decoding.decode(bytes, at: j)
            switch UnicodeClass.of(scalar) {
            case .wordCharacter, .mark:
                isASCII = false
                previousIsDigit = false
                j += length
            case .apostrophe:
                if letterStarts(bytes, at: j + length) {
                    isASCII = false
                    previousIsDigit = false
                    j += length
                } else {
                    return (j, isASCII)
                }
            case .separator, .ideograph:
                return (j, isASCII)
            }
        }
        return (j, isASCII)
    }

    /// True when a letter (not a digit) starts at byte `i`.
    @inline(__always)
    private func letterStarts(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        guard i < bytes.count else { return false }
        let b = bytes[i]
        if b < 0x80 { return ASCII.isLetter(b) }
        let (scalar, _) = UTF8Decoding.decode(bytes, at: i)
        return UnicodeClass.of(scalar) == .wordCharacter && !scalar.properties.numericType.isSome
    }
}

private extension Optional {
    var isSome: Bool { self != nil }
}
