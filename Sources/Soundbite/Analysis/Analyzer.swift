/// The analysis chain that turns text into index terms, used alike for
/// transcripts at index time and for query words at search time:
///
/// `Tokenizer` → lower-case (ASCII fast path, Unicode otherwise) →
/// diacritic folding (optional) → possessive `'s` removed → plural `s` of an
/// acronym removed (``acronymPlurals``) → stop words
/// (optional; removed words keep their position) → Porter2 stemming (optional;
/// words that still hold an apostrophe, i.e. contractions such as `don't` and
/// `we're`, are not stemmed).
///
/// With ``exactForms`` (off by default), a word whose stem differs from the
/// word also yields its unstemmed form as a second term at the same position
/// (as Lucene's KeywordRepeatFilter does): `gained` is indexed as `gain` and
/// `gained`, so a query for `gained` ranks the exact word above `gain` or
/// `gaining`, while `gaining` still finds it through the stem. Measured on
/// 500 real quotes it helps exact-word queries a little and hurts queries
/// whose words are inflected differently from the transcript a lot (see
/// `docs/EVALUATION.md`), so it is an option, not the default.
///
/// An index records the analyzer it was built with, and queries against it
/// are analysed the same way.
public struct Analyzer: Sendable, Hashable {
    /// Whether terms are reduced by the Snowball English (Porter2) stemmer.
    public var stemming: Bool
    /// Whether diacritics are folded (é→e, ß→ss, ø→o).
    public var folding: Bool
    /// Normalised (lower-case, folded, unstemmed) words to drop. Empty by default:
    /// the index keeps stop words so phrases such as "to be or not to be" match.
    public var stopWords: Set<String>
    /// Whether a stemmed word also keeps its unstemmed form as a term at the
    /// same position (only with ``stemming``). Document length counts positions,
    /// so the extra term does not change `dl`.
    public var exactForms: Bool
    /// Whether the plural `s` of an acronym without vowels is removed, so
    /// `NBFCs` finds `NBFC` and `MPs` finds `MP` (only with ``stemming``;
    /// Porter2 keeps that `s`). On by default; indexes written before it
    /// existed keep analysing without it.
    public var acronymPlurals: Bool

    /// Creates an analyzer.
    public init(stemming: Bool = true, folding: Bool = true, stopWords: Set<String> = [], exactForms: Bool = false,
                acronymPlurals: Bool = true) {
        self.stemming = stemming
        self.folding = folding
        self.stopWords = stopWords
        self.exactForms = exactForms
        self.acronymPlurals = acronymPlurals
    }

    /// The default chain: stemming and folding on, no stop words, no exact forms.
    public static let standard = Analyzer()

    /// Analyses `text` and returns its tokens with surface text, term,
    /// position and UTF-8 byte offsets. Stop words are left out, but the words
    /// after them keep their positions (a gap shows where they were).
    public func analyze(_ text: String) -> [AnalyzedToken] {
        var text = text
        var result: [AnalyzedToken] = []
        text.withUTF8 { bytes in
            var scratch: [UInt8] = []
            var stems = StemCache(capacity: 0)
            forEachTerm(in: bytes, scratch: &scratch, surfaceForms: true, stems: &stems) { token, term, isSurface in
                if isSurface {
                    result[result.count - 1].exact = String(decoding: term, as: UTF8.self)
                    return
                }
                result.append(AnalyzedToken(
                    text: String(decoding: UnsafeBufferPointer(rebasing: bytes[token.start..<token.end]), as: UTF8.self),
                    term: String(decoding: term, as: UTF8.self),
                    position: token.position, start: token.start, end: token.end))
            }
        }
        return result
    }

    /// The terms of `text`, in order (a shorthand for `analyze(text).map(\.term)`).
    public func terms(_ text: String) -> [String] {
        analyze(text).map(\.term)
    }

    /// A short description stored in index files, so a reader can tell how
    /// the index was analysed.
    var signature: String {
        "porter2=\(stemming ? 1 : 0) fold=\(folding ? 1 : 0) exact=\(keepsExactForms ? 1 : 0) "
            + "acronym=\(removesAcronymPlurals ? 1 : 0) stop=\(stopWords.sorted().joined(separator: ","))"
    }

    /// True when acronym plurals are reduced before stemming.
    var removesAcronymPlurals: Bool { stemming && acronymPlurals }

    /// True when unstemmed forms are indexed beside stems.
    var keepsExactForms: Bool { stemming && exactForms }

    /// The hot path: calls `body` with each token and its term bytes (valid
    /// only during the call). `scratch` is reused between tokens and calls so
    /// that analysis does not allocate per token.
    @inline(__always)
    package func forEachTerm(in bytes: UnsafeBufferPointer<UInt8>, scratch: inout [UInt8],
                             _ body: (Token, UnsafeBufferPointer<UInt8>) -> Void) {
        var stems = StemCache(capacity: 0)
        forEachTerm(in: bytes, scratch: &scratch, surfaceForms: false, stems: &stems) { token, term, _ in body(token, term) }
    }

    /// The hot path with exact forms: after a token's (stemmed) term, calls
    /// `body` once more with `isSurface` true and the unstemmed form when
    /// ``exactForms`` is on, `surfaceForms` is true and the two differ.
    /// `stems` remembers the stems of words met before (the index build keeps one).
    @inline(__always)
    package func forEachTerm(in bytes: UnsafeBufferPointer<UInt8>, scratch: inout [UInt8], surfaceForms: Bool,
                             stems: inout StemCache, _ body: (Token, UnsafeBufferPointer<UInt8>, Bool) -> Void) {
        let stemmer = EnglishStemmer()
        var surface: [UInt8] = []
        Tokenizer().tokenize(bytes) { token in
            forEachTerm(of: token, in: bytes, scratch: &scratch, surface: &surface, surfaceForms: surfaceForms,
                        stems: &stems, stemmer: stemmer) { term, isSurface in body(token, term, isSurface) }
        }
    }

    /// The terms of one token of `bytes` (see
    /// ``forEachTerm(in:scratch:surfaceForms:stems:_:)``): none (a stop
    /// word), its term, or its term and then its unstemmed form. `surface`
    /// is scratch space for the unstemmed form, reused between calls.
    @inline(__always)
    package func forEachTerm(of token: Token, in bytes: UnsafeBufferPointer<UInt8>, scratch: inout [UInt8],
                             surface: inout [UInt8], surfaceForms: Bool, stems: inout StemCache,
                             stemmer: EnglishStemmer, _ body: (UnsafeBufferPointer<UInt8>, Bool) -> Void) {
        let wantSurface = surfaceForms && keepsExactForms
        let length = token.end - token.start
        if !token.isASCII {
            scratch.removeAll(keepingCapacity: true)
            Folding.normalize(UnsafeBufferPointer(rebasing: bytes[token.start..<token.end]),
                              fold: folding, into: &scratch)
        } else if scratch.count < length {
            scratch.append(contentsOf: repeatElement(0, count: Swift.max(length, 32) - scratch.count))
        }
        scratch.withUnsafeMutableBufferPointer { buffer in
            guard let p = buffer.baseAddress else { return }
            var n: Int
            if token.isASCII {
                // Copy and lower-case in one pass (the common case).
                let source = bytes.baseAddress! + token.start
                for k in 0..<length { p[k] = ASCII.lower(source[k]) }
                n = length
            } else {
                n = buffer.count
            }
            // Possessive: "zoë's" → "zoë", "school's" → "school".
            if n > 2 && p[n - 1] == UInt8(ascii: "s") && p[n - 2] == UInt8(ascii: "'") { n -= 2 }
            if n == 0 { return }
            if removesAcronymPlurals && AcronymPlural.matches(p, count: n) { n -= 1 }
            if !stopWords.isEmpty,
               stopWords.contains(String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self)) {
                return
            }
            // Contractions and other words with an inner apostrophe (don't,
            // we're, o'clock) are left as they are: Porter2 would only chop
            // them ("we're" → "we'r").
            if stemming && !UnsafeBufferPointer(start: p, count: n).contains(UInt8(ascii: "'")) {
                if wantSurface {
                    surface.removeAll(keepingCapacity: true)
                    surface.append(contentsOf: UnsafeBufferPointer(start: p, count: n))
                }
                let m = stems.stem(p, count: n, with: stemmer)
                body(UnsafeBufferPointer(start: p, count: m), false)
                if wantSurface && !UnsafeBufferPointer(start: p, count: m).elementsEqual(surface) {
                    surface.withUnsafeBufferPointer { body($0, true) }
                }
                return
            }
            body(UnsafeBufferPointer(start: p, count: n), false)
        }
    }
}
