/// The Snowball English stemmer ("Porter2"), following the published
/// algorithm of the current Snowball release (3.x), word for word the same
/// stems as the reference implementation (PyStemmer 3.1).
///
/// It works on UTF-8 bytes in place. Only `a`–`z` count as letters with a
/// meaning to the algorithm: `aeiouy` are the vowels, every other character
/// (digits, apostrophes, capitals, any non-ASCII character) is a non-vowel,
/// exactly as in the reference. Cursor moves that the algorithm defines in
/// characters (the three-character minimum, `hop`, `next`, the region marks)
/// step over whole UTF-8 sequences.
///
/// The rules, in order:
/// - words of fewer than three characters are left alone, and a small table
///   of exceptional words (`skies`, `news`, `only`, …) is looked up first;
/// - prelude: a leading apostrophe goes; `y` at the start or after a vowel
///   becomes `Y` (a consonant) until the postlude turns it back;
/// - regions R1/R2, where R1 starts after a fixed prefix for `gener`,
///   `commun`, `arsen`, `past`, `univers`, `later`, `emerg`, `organ`, `inter`;
/// - steps 1a (plurals and `'s`), 1b (`-ed`, `-ing`, `-eed`, with the
///   `dying`/`inning`/`proceed` special cases), 1c (`-y` → `-i`), 2, 3, 4
///   (derivational suffixes in R1/R2) and 5 (final `-e`, `-ll`).
///
/// Every rule only shortens the word or keeps its length, so stemming never
/// allocates: it rewrites the caller's buffer and trims it.
package struct EnglishStemmer: Sendable {
    /// Creates a stemmer (it has no state).
    package init() {}

    /// Stems `word` (UTF-8 bytes, normally already lower-cased) in place.
    @inline(__always)
    package func stem(_ word: inout [UInt8]) {
        let count = word.count
        if count < 3 { return }
        let newCount = word.withUnsafeMutableBufferPointer { stem($0.baseAddress!, count: count) }
        // A few single removals: `removeLast(_:)` goes through the much slower
        // general `replaceSubrange`.
        for _ in newCount..<count { word.removeLast() }
    }

    /// Stems the `count` bytes at `bytes` in place and returns the stem's
    /// length (never more than `count`). The analyzer's hot path.
    @inline(__always)
    func stem(_ bytes: UnsafeMutablePointer<UInt8>, count: Int) -> Int {
        if count < 3 { return count }
        var w = Porter2Word(bytes, count)
        w.stem()
        return w.n
    }

    /// Returns the stem of `word`.
    package func stem(_ word: String) -> String {
        var bytes = Array(word.utf8)
        stem(&bytes)
        return String(decoding: bytes, as: UTF8.self)
    }
}

// MARK: - The algorithm

private let letterY: UInt8 = 0x79      // y
private let capitalY: UInt8 = 0x59     // Y, a y that acts as a consonant
private let apostrophe: UInt8 = 0x27   // '

/// Bit k set when `a + k` is a vowel: a e i o u y (Porter's vowels).
private let vowelMask: UInt32 = (1 << 0) | (1 << 4) | (1 << 8) | (1 << 14) | (1 << 20) | (1 << 24)
/// Letters that may precede a deleted `li`: c d e g h k m n r t.
private let validLIMask: UInt32 = (1 << 2) | (1 << 3) | (1 << 4) | (1 << 6) | (1 << 7) | (1 << 10)
    | (1 << 12) | (1 << 13) | (1 << 17) | (1 << 19)

/// Whether `b` is one of Porter's vowels, a e i o u y (lower case only).
/// ``AcronymPlural`` uses it too.
@inline(__always) func isVowel(_ b: UInt8) -> Bool {
    let k = b &- 0x61
    return k < 26 && (vowelMask >> UInt32(k)) & 1 == 1
}

@inline(__always) private func isValidLI(_ b: UInt8) -> Bool {
    let k = b &- 0x61
    return k < 26 && (validLIMask >> UInt32(k)) & 1 == 1
}

/// One word being stemmed: the bytes live in the caller's buffer; `n` is the
/// current length (it only shrinks).
private struct Porter2Word {
    let p: UnsafeMutablePointer<UInt8>
    var n: Int
    /// Start of region R1 (byte offset; `n` at the start when empty).
    var p1 = 0
    /// Start of region R2.
    var p2 = 0
    /// Whether the prelude turned some `y` into `Y`.
    var yFound = false

    @inline(__always) init(_ p: UnsafeMutablePointer<UInt8>, _ n: Int) {
        self.p = p
        self.n = n
    }

    mutating func stem() {
        if !hasAtLeastThreeCharacters() { return }
        if exception1() { return }
        prelude()
        markRegions()
        step1a()
        step1b()
        step1c()
        step2()
        step3()
        step4()
        step5()
        if yFound {
            for i in 0..<n where p[i] == capitalY { p[i] = letterY }
        }
    }

    // MARK: Helpers

    /// The start of the character that ends just before byte `i` (`i > 0`).
    @inline(__always) func previousCharacter(_ i: Int) -> Int {
        var j = i - 1
        while j > 0 && p[j] & 0xC0 == 0x80 { j -= 1 }
        return j
    }

    /// The byte just past the character that starts at `i`.
    @inline(__always) func nextCharacter(_ i: Int) -> Int {
        var j = i + 1
        if p[i] >= 0xC0 { while j < n && p[j] & 0xC0 == 0x80 { j += 1 } }
        return j
    }

    @inline(__always) func hasAtLeastThreeCharacters() -> Bool {
        var characters = 0
        for i in 0..<n where p[i] & 0xC0 != 0x80 {
            characters += 1
            if characters == 3 { return true }
        }
        return false
    }

    /// True when some vowel lies in bytes `0..<end`.
    @inline(__always) func hasVowel(before end: Int) -> Bool {
        var i = end - 1
        while i >= 0 {
            if isVowel(p[i]) { return true }
            i -= 1
        }
        return false
    }

    /// True when the word ends with `s`.
    @inline(__always) func ends(_ s: StaticString) -> Bool {
        let k = s.utf8CodeUnitCount
        if k > n { return false }
        let q = s.utf8Start
        var i = 0
        let base = n - k
        while i < k {
            if p[base + i] != q[i] { return false }
            i += 1
        }
        return true
    }

    /// True when bytes `0..<end` are exactly `s`.
    @inline(__always) func prefix(_ end: Int, is s: StaticString) -> Bool {
        let k = s.utf8CodeUnitCount
        if k != end || k > n { return false }
        let q = s.utf8Start
        for i in 0..<k where p[i] != q[i] { return false }
        return true
    }

    /// True when the whole word is `s`.
    @inline(__always) func wordIs(_ s: StaticString) -> Bool { prefix(n, is: s) }

    /// Replaces the last `length` bytes with `s` (never longer than `length`).
    @inline(__always) mutating func replaceSuffix(_ length: Int, with s: StaticString) {
        let k = s.utf8CodeUnitCount
        assert(k <= length)
        let base = n - length
        let q = s.utf8Start
        for i in 0..<k { p[base + i] = q[i] }
        n = base + k
    }

    /// Snowball `shortv` at byte `c`, looking backwards: a short syllable
    /// (non-vowel other than w, x, Y; vowel; non-vowel), or a word that is a
    /// vowel and a non-vowel, or the letters `past`.
    @inline(__always) func endsWithShortSyllable(at c: Int) -> Bool {
        if c >= 2 {
            let last = previousCharacter(c)
            let b = p[last]
            if !isVowel(b), last >= 1, isVowel(p[last - 1]) {
                let vowelAt = last - 1
                if vowelAt == 0 { return true }
                if b != 0x77 && b != 0x78 && b != capitalY && !isVowel(p[vowelAt - 1]) { return true }
            }
        }
        return c >= 4 && p[c - 4] == 0x70 && p[c - 3] == 0x61 && p[c - 2] == 0x73 && p[c - 1] == 0x74
    }

    // MARK: Exceptions, prelude, regions

    /// Words with a fixed stem, checked before anything else.
    mutating func exception1() -> Bool {
        switch n {
        case 3:
            return wordIs("sky")
        case 4:
            if wordIs("skis") { n = 3; return true }
            if wordIs("idly") { n = 3; return true }
            if wordIs("ugly") { p[3] = 0x69; return true }
            if wordIs("only") { p[3] = 0x69; return true }
            return wordIs("news") || wordIs("howe") || wordIs("bias")
        case 5:
            if wordIs("skies") { p[2] = letterY; n = 3; return true }
            if wordIs("early") { p[4] = 0x69; return true }
            return wordIs("atlas") || wordIs("andes")
        case 6:
            if wordIs("gently") || wordIs("singly") { n = 5; return true }
            return wordIs("cosmos")
        default:
            return false
        }
    }

    mutating func prelude() {
        if p[0] == apostrophe {
            for i in 1..<n { p[i - 1] = p[i] }
            n -= 1
        }
        if n == 0 { return }
        if p[0] == letterY { p[0] = capitalY; yFound = true }
        var i = 1
        while i < n {
            if p[i] == letterY && isVowel(p[i - 1]) { p[i] = capitalY; yFound = true }
            i += 1
        }
    }

    /// Moves past the next vowel and the non-vowel after it, from `start`;
    /// returns nil when the word runs out first.
    @inline(__always) func pastVowelThenNonVowel(from start: Int) -> Int? {
        var i = start
        while i < n && !isVowel(p[i]) { i += 1 }
        if i == n { return nil }
        i += 1
        while i < n && isVowel(p[i]) { i += 1 }
        if i == n { return nil }
        return nextCharacter(i)
    }

    mutating func markRegions() {
        p1 = n
        p2 = n
        var start: Int
        if let k = fixedR1Prefix() {
            start = k
        } else if let k = pastVowelThenNonVowel(from: 0) {
            start = k
        } else {
            return
        }
        p1 = start
        if let k = pastVowelThenNonVowel(from: start) { p2 = k }
    }

    /// Length of a prefix after which R1 starts regardless of the usual rule.
    @inline(__always) func fixedR1Prefix() -> Int? {
        @inline(__always) func starts(_ s: StaticString) -> Bool {
            let k = s.utf8CodeUnitCount
            if k > n { return false }
            let q = s.utf8Start
            for i in 0..<k where p[i] != q[i] { return false }
            return true
        }
        switch p[0] {
        case 0x61: return starts("arsen") ? 5 : nil
        case 0x63: return starts("commun") ? 6 : nil
        case 0x65: return starts("emerg") ? 5 : nil
        case 0x67: return starts("gener") ? 5 : nil
        case 0x69: return starts("inter") ? 5 : nil
        case 0x6C: return starts("later") ? 5 : nil
        case 0x6F: return starts("organ") ? 5 : nil
        case 0x70: return starts("past") ? 4 : nil
        case 0x75: return starts("univers") ? 7 : nil
        default: return nil
        }
    }

    // MARK: Steps

    /// Apostrophe suffixes, then plurals.
    mutating func step1a() {
        if n == 0 { return }
        if ends("'s'") { n -= 3 } else if ends("'s") { n -= 2 } else if p[n - 1] == apostrophe { n -= 1 }
        if n == 0 { return }
        let last = p[n - 1]
        if last != 0x73 && last != 0x64 { return }   // s, d
        if ends("sses") {
            n -= 2
        } else if ends("ies") || ends("ied") {
            // "hop 2": at least two characters before the suffix.
            let s = n - 3
            if s > 0 && previousCharacter(s) > 0 { replaceSuffix(3, with: "i") } else { replaceSuffix(3, with: "ie") }
        } else if last == 0x64 || ends("ss") || ends("us") {
            return
        } else if n >= 2 && hasVowel(before: n - 2) {
            n -= 1
        }
    }

    mutating func step1b() {
        if n < 2 { return }
        let last = p[n - 1]
        var suffix = 0
        if last == 0x64 {              // d
            if ends("eed") { eed(3); return }
            if ends("ed") { suffix = 2 }
        } else if last == 0x79 {       // y
            if ends("eedly") { eed(5); return }
            if ends("edly") { suffix = 4 } else if ends("ingly") { suffix = 5 }
        } else if last == 0x67 {       // g
            if ends("ing") {
                if ingException() { return }
                suffix = 3
            }
        }
        if suffix == 0 { return }
        let s = n - suffix
        guard hasVowel(before: s) else { return }
        n = s
        if n >= 2 {
            let a = p[n - 2], b = p[n - 1]
            if (a == 0x61 && b == 0x74) || (a == 0x62 && b == 0x6C) || (a == 0x69 && b == 0x7A) { // at bl iz
                p[n] = 0x65
                n += 1
                return
            }
            if a == b {
                switch b {
                case 0x62, 0x64, 0x66, 0x67, 0x6D, 0x6E, 0x70, 0x72, 0x74: // bb dd ff gg mm nn pp rr tt
                    let c = p[n - 3 < 0 ? 0 : n - 3]
                    if n == 3 && (c == 0x61 || c == 0x65 || c == 0x6F) { return }  // add, egg, off
                    n -= 1
                    return
                default:
                    break
                }
            }
        }
        if n == p1 && endsWithShortSyllable(at: n) {
            p[n] = 0x65
            n += 1
        }
    }

    /// `eed` / `eedly` of length `k`: `ee` when in R1, except proceed, exceed, succeed.
    @inline(__always) mutating func eed(_ k: Int) {
        let s = n - k
        guard s >= p1 else { return }
        if prefix(s, is: "proc") || prefix(s, is: "exc") || prefix(s, is: "succ") { return }
        replaceSuffix(k, with: "ee")
    }

    /// The `-ing` special cases; true when they settle the step.
    @inline(__always) mutating func ingException() -> Bool {
        let s = n - 3
        if s >= 1 && p[s - 1] == letterY {
            // dying → die, lying → lie, tying → tie, vying → vie
            let c = s - 1
            if c > 0 && !isVowel(p[c - 1]) && previousCharacter(c) == 0 {
                p[c] = 0x69
                p[c + 1] = 0x65
                n = c + 2
                return true
            }
            return false
        }
        switch s {
        case 3: return prefix(3, is: "inn") || prefix(3, is: "out")
        case 4: return prefix(4, is: "cann") || prefix(4, is: "herr") || prefix(4, is: "earr") || prefix(4, is: "even")
        default: return false
        }
    }

    mutating func step1c() {
        guard n >= 3 else { return }
        let b = p[n - 1]
        guard b == letterY || b == capitalY else { return }
        if !isVowel(p[n - 2]) && previousCharacter(n - 1) > 0 { p[n - 1] = 0x69 }
    }

    mutating func step2() {
        guard n >= 3 else { return }
        switch p[n - 1] {
        case 0x6C: // l
            if ends("ational") { r1(7, "ate") } else if ends("tional") { r1(6, "tion") }
        case 0x69: // i
            switch p[n - 2] {
            case 0x63: // ci
                if ends("enci") { r1(4, "ence") } else if ends("anci") { r1(4, "ance") }
            case 0x6C: // li
                if ends("lessli") { r1(6, "less") }
                else if ends("fulli") { r1(5, "ful") }
                else if ends("entli") { r1(5, "ent") }
                else if ends("ousli") { r1(5, "ous") }
                else if ends("abli") { r1(4, "able") }
                else if ends("alli") { r1(4, "al") }
                else if ends("bli") { r1(3, "ble") }
                else {
                    let s = n - 2
                    if s >= p1 && s >= 1 && isValidLI(p[s - 1]) { n = s }
                }
            case 0x74: // ti
                if ends("biliti") { r1(6, "ble") }
                else if ends("aliti") { r1(5, "al") }
                else if ends("iviti") { r1(5, "ive") }
            case 0x67: // gi
                if ends("ogi") {
                    let s = n - 3
                    if s >= p1 && s >= 1 && p[s - 1] == 0x6C { n -= 1 }
                }
            default:
                break
            }
        case 0x72: // r
            if ends("izer") { r1(4, "ize") } else if ends("ator") { r1(4, "ate") }
        case 0x6E: // n
            if ends("ization") { r1(7, "ize") } else if ends("ation") { r1(5, "ate") }
        case 0x6D: // m
            if ends("alism") { r1(5, "al") }
        case 0x73: // s
            if ends("fulness") { r1(7, "ful") }
            else if ends("ousness") { r1(7, "ous") }
            else if ends("iveness") { r1(7, "ive") }
        case 0x74: // t
            if ends("ogist") { r1(5, "og") }
        default:
            break
        }
    }

    /// Replaces the suffix of length `k` by `s` when it starts in R1.
    @inline(__always) mutating func r1(_ k: Int, _ s: StaticString) {
        if n - k >= p1 { replaceSuffix(k, with: s) }
    }

    mutating func step3() {
        guard n >= 3 else { return }
        switch p[n - 1] {
        case 0x6C: // l
            if ends("ational") { r1(7, "ate") }
            else if ends("tional") { r1(6, "tion") }
            else if ends("ical") { r1(4, "ic") }
            else if ends("ful") { r1(3, "") }
        case 0x65: // e
            if ends("alize") { r1(5, "al") }
            else if ends("icate") { r1(5, "ic") }
            else if ends("ative") { if n - 5 >= p1 && n - 5 >= p2 { n -= 5 } }
        case 0x69: // i
            if ends("iciti") { r1(5, "ic") }
        case 0x73: // s
            if ends("ness") { r1(4, "") }
        default:
            break
        }
    }

    /// Deletes the suffix of length `k` when it starts in R2.
    @inline(__always) mutating func r2Delete(_ k: Int) {
        if n - k >= p2 { n -= k }
    }

    mutating func step4() {
        guard n >= 3 else { return }
        switch p[n - 1] {
        case 0x6C: // l
            if ends("al") { r2Delete(2) }
        case 0x65: // e
            if ends("ance") || ends("ence") || ends("able") || ends("ible") { r2Delete(4) }
            else if ends("ate") || ends("ive") || ends("ize") { r2Delete(3) }
        case 0x72: // r
            if ends("er") { r2Delete(2) }
        case 0x63: // c
            if ends("ic") { r2Delete(2) }
        case 0x74: // t
            if ends("ement") { r2Delete(5) }
            else if ends("ment") { r2Delete(4) }
            else if ends("ant") || ends("ent") { r2Delete(3) }
        case 0x6D: // m
            if ends("ism") { r2Delete(3) }
        case 0x69: // i
            if ends("iti") { r2Delete(3) }
        case 0x73: // s
            if ends("ous") { r2Delete(3) }
        case 0x6E: // n
            if ends("ion") {
                let s = n - 3
                if s >= p2 && s >= 1 && (p[s - 1] == 0x73 || p[s - 1] == 0x74) { n = s }
            }
        default:
            break
        }
    }

    mutating func step5() {
        guard n >= 1 else { return }
        let s = n - 1
        switch p[s] {
        case 0x65: // e
            if s >= p2 || (s >= p1 && !endsWithShortSyllable(at: s)) { n = s }
        case 0x6C: // l
            if s >= p2 && s >= 1 && p[s - 1] == 0x6C { n = s }
        default:
            break
        }
    }
}
