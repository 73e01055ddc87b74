/// Recognises the plural of an acronym whose final `s` Porter2 keeps
/// (`NBFCs`, `MPs`, `PCs`), so the analyzer can remove it before stemming.
///
/// Porter2 removes a final `s` only when a vowel comes earlier in the word, so
/// `nbfcs` stays `nbfcs` and never meets `nbfc`. The rule here: at least two
/// ASCII letters, none of them a vowel (`a e i o u y`), then `s`. No English
/// word has that shape; `mrs` is the one exception kept whole.
///
/// The rule ignores case on purpose: a query is usually typed in lower case,
/// and `nbfcs` must analyse as the transcript's `NBFCs` does. The price is that
/// an acronym that itself ends in `S` loses it (`GPS` → `gp`, so it also
/// finds `GP`), and that acronyms ending in a vowel (`NGOs`, `CEOs`) keep their
/// `s`, since `ngos` cannot be told from a word in lower case.
enum AcronymPlural {
    /// Whether the `count` lower-cased bytes at `word` are an acronym plural.
    @inline(__always)
    static func matches(_ word: UnsafePointer<UInt8>, count: Int) -> Bool {
        guard count >= 3, word[count - 1] == UInt8(ascii: "s") else { return false }
        for k in 0..<(count - 1) {
            let c = word[k]
            guard c &- UInt8(ascii: "a") < 26, !isVowel(c) else { return false }
        }
        return !(count == 3 && word[0] == UInt8(ascii: "m") && word[1] == UInt8(ascii: "r"))
    }
}
