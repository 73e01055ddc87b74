import Foundation

/// Unicode-aware lower-casing and diacritic folding for the few words that
/// are not plain ASCII (the ASCII path lower-cases byte by byte).
///
/// Folding decomposes (NFD), drops combining marks, and maps the letters that
/// have no decomposition: ß→ss, ø→o, æ→ae, œ→oe, đ→d, ł→l, þ→th, ð→d, ı→i.
/// Curly apostrophes become `'` whether folding is on or not; without folding
/// the word is put in Unicode composed form (NFC).
enum Folding {
    /// Appends the normalised UTF-8 bytes of `word` to `out`.
    static func normalize(_ word: UnsafeBufferPointer<UInt8>, fold: Bool, into out: inout [UInt8]) {
        let lowered = String(decoding: word, as: UTF8.self).lowercased()
        // Folding works on the decomposed form (marks split off, then dropped);
        // without folding the word is composed (NFC), so that "e" + U+0301 and
        // "é" make the same term either way.
        let source = fold ? lowered.decomposedStringWithCanonicalMapping : lowered.precomposedStringWithCanonicalMapping
        for scalar in source.unicodeScalars {
            if let ascii = special(scalar, fold: fold) {
                out.append(contentsOf: ascii.utf8)
                continue
            }
            if fold, UnicodeClass.of(scalar) == .mark { continue }
            out.append(contentsOf: String(scalar).utf8)
        }
    }

    /// Replacement text for scalars handled by table rather than by decomposition.
    @inline(__always)
    private static func special(_ s: Unicode.Scalar, fold: Bool) -> String? {
        switch s.value {
        case 0x2018, 0x2019, 0x02BC: return "'"
        case 0xAD: return ""   // soft hyphen: invisible, "co\u{AD}operate" is "cooperate"
        default: break
        }
        guard fold else { return nil }
        switch s.value {
        case 0xDF: return "ss"
        case 0xF8: return "o"
        case 0xE6: return "ae"
        case 0x153: return "oe"
        case 0x111: return "d"
        case 0x142: return "l"
        case 0xFE: return "th"
        case 0xF0: return "d"
        case 0x131: return "i"
        default: return nil
        }
    }
}
