/// The few word-boundary classes the tokenizer needs (a subset of UAX #29).
enum UnicodeClass: UInt8, Sendable {
    /// Not part of any word: spaces, punctuation, symbols, emoji, invalid bytes.
    case separator
    /// Letters of any script, and digits.
    case wordCharacter
    /// Combining marks (and soft hyphen, ZWJ, ZWNJ): they extend the word before them.
    case mark
    /// A character that is a word on its own (Han ideographs, Hiragana).
    case ideograph
    /// U+2018 / U+2019 (curly single quotes), read as an apostrophe.
    case apostrophe

    /// Classifies one non-ASCII scalar.
    static func of(_ scalar: Unicode.Scalar) -> UnicodeClass {
        let v = scalar.value
        if v == 0x2019 || v == 0x2018 || v == 0x02BC { return .apostrophe }
        // Soft hyphen and the zero-width (non-)joiners are invisible format
        // characters that continue a word, like combining marks (UAX #29 Format).
        if v == 0xAD || v == 0x200C || v == 0x200D { return .mark }
        // General Punctuation (dashes, curly double quotes, …, spaces): no
        // letters, digits or marks, so no property lookup is needed.
        if v >= 0x2000 && v <= 0x206F { return .separator }
        // Latin-1 Supplement and Latin Extended-A/B: letters except × and ÷.
        if v >= 0xC0 && v <= 0x24F { return (v == 0xD7 || v == 0xF7) ? .separator : .wordCharacter }
        if (v >= 0x4E00 && v <= 0x9FFF) || (v >= 0x3400 && v <= 0x4DBF) || (v >= 0x3040 && v <= 0x309F)
            || (v >= 0x20000 && v <= 0x2FFFF) || (v >= 0xF900 && v <= 0xFAFF) {
            return .ideograph
        }
        let p = scalar.properties
        switch p.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return .mark
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .decimalNumber, .letterNumber, .otherNumber:
            return .wordCharacter
        default:
            return p.isAlphabetic ? .wordCharacter : .separator
        }
    }
}
