import XCTest
@testable import Soundbite

/// The whole chain: tokens, terms, positions, options.
final class AnalyzerTests: XCTestCase {
    func testStandardChain() {
        XCTAssertEqual(Analyzer.standard.terms("The laptops went home with the pupils"),
                       ["the", "laptop", "went", "home", "with", "the", "pupil"])
        XCTAssertEqual(Analyzer.standard.terms("Generously communicating"), ["generous", "communic"])
    }

    func testAnalyzedTokensCarryTextTermPositionAndOffsets() {
        let tokens = Analyzer.standard.analyze("Zoë’s  dinner-time")
        XCTAssertEqual(tokens, [
            AnalyzedToken(text: "Zoë’s", term: "zoe", position: 0, start: 0, end: 8),
            AnalyzedToken(text: "dinner", term: "dinner", position: 1, start: 10, end: 16),
            AnalyzedToken(text: "time", term: "time", position: 2, start: 17, end: 21),
        ])
    }

    func testPossessiveRemoved() {
        XCTAssertEqual(Analyzer.standard.terms("the school's head teacher's view"),
                       ["the", "school", "head", "teacher", "view"])
        XCTAssertEqual(Analyzer(stemming: false).terms("Zoë's SCHOOL's"), ["zoe", "school"])
        XCTAssertEqual(Analyzer(stemming: false, folding: false).terms("Zoë’s"), ["zoë"])
    }

    func testContractionsAreLeftAsTheyAre() {
        XCTAssertEqual(Analyzer.standard.terms("Don't, we're, they’ve, o'clock"), ["don't", "we're", "they've", "o'clock"])
        XCTAssertEqual(Analyzer(stemming: false).terms("DON’T"), ["don't"])
    }

    func testNumbersKeptWhole() {
        XCTAssertEqual(Analyzer.standard.terms("1:1 laptops for 3.5 hours at 10:30, 1,000 pupils in the 1990s"),
                       ["1:1", "laptop", "for", "3.5", "hour", "at", "10:30", "1,000", "pupil", "in", "the", "1990s"])
    }

    func testFoldingOnAndOff() {
        XCTAssertEqual(Analyzer.standard.terms("Café Straße Ørsted"), ["cafe", "strass", "orst"])
        XCTAssertEqual(Analyzer(stemming: false).terms("Café Straße Ørsted"), ["cafe", "strasse", "orsted"])
        XCTAssertEqual(Analyzer(stemming: false, folding: false).terms("Café Straße Ørsted"), ["café", "straße", "ørsted"])
        // Decomposed and composed accents give the same term either way.
        XCTAssertEqual(Analyzer(folding: false).terms("cafe\u{301}"), Analyzer(folding: false).terms("café"))
        XCTAssertEqual(Analyzer.standard.terms("cafe\u{301}"), ["cafe"])
        // A soft hyphen disappears whether folding is on or not.
        XCTAssertEqual(Analyzer(stemming: false, folding: false).terms("co\u{AD}operate"), ["cooperate"])
        XCTAssertEqual(Analyzer(stemming: false).terms("co\u{AD}operate"), ["cooperate"])
    }

    func testStemmingOnAndOff() {
        XCTAssertEqual(Analyzer(stemming: false).terms("Running Schools"), ["running", "schools"])
        XCTAssertEqual(Analyzer(stemming: true).terms("Running Schools"), ["run", "school"])
    }

    func testStopWordsKeepTheirPositions() {
        let analyzer = Analyzer(stopWords: ["the", "to", "of"])
        let tokens = analyzer.analyze("The use of laptops to learn")
        XCTAssertEqual(tokens.map(\.term), ["use", "laptop", "learn"])
        XCTAssertEqual(tokens.map(\.position), [1, 3, 5])
        // Stop words are matched before stemming, on the normalised word.
        XCTAssertEqual(Analyzer(stopWords: ["schools"]).terms("Schools school"), ["school"])
        // Without a stop list nothing is dropped (phrases like "to be or not to be").
        XCTAssertEqual(Analyzer.standard.terms("to be or not to be").count, 6)
    }

    func testScriptsEmojiAndInvalidBytes() {
        XCTAssertEqual(Analyzer.standard.terms("学校 😀 Москва"), ["学", "校", "москва"])
        var bytes: [UInt8] = Array("good".utf8) + [0xFF, 0xFE] + Array("lessons".utf8)
        var terms: [String] = []
        var scratch: [UInt8] = []
        bytes.withUnsafeBufferPointer { buffer in
            Analyzer.standard.forEachTerm(in: buffer, scratch: &scratch) { token, term in
                terms.append("\(String(decoding: term, as: UTF8.self))@\(token.start)")
            }
        }
        XCTAssertEqual(terms, ["good@0", "lesson@6"])
        bytes = []
        XCTAssertEqual(Analyzer.standard.terms(String(decoding: bytes, as: UTF8.self)), [])
    }

    func testForEachTermMatchesAnalyze() {
        let text = "Ruth Okafor: the one-to-one laptops went home, and parents’ views changed in 2008."
        var viaHotPath: [String] = []
        var scratch: [UInt8] = []
        var copy = text
        copy.withUTF8 { buffer in
            Analyzer.standard.forEachTerm(in: buffer, scratch: &scratch) { _, term in
                viaHotPath.append(String(decoding: term, as: UTF8.self))
            }
        }
        XCTAssertEqual(viaHotPath, Analyzer.standard.terms(text))
        XCTAssertEqual(viaHotPath.first, "ruth")
    }

    func testRandomBytesNeverBreakTheChain() {
        // Deterministic pseudo-random input mixing ASCII, apostrophes, digit
        // punctuation, multi-byte letters, marks, emoji and invalid bytes.
        let pieces: [[UInt8]] = [
            Array("a".utf8), Array("y".utf8), Array("S".utf8), Array("'".utf8), Array("1".utf8), Array(":".utf8),
            Array(".".utf8), Array(",".utf8), Array(" ".utf8), Array("-".utf8), Array("é".utf8), Array("ß".utf8),
            Array("\u{301}".utf8), Array("’".utf8), Array("学".utf8), Array("😀".utf8), Array("İ".utf8),
            Array("\u{AD}".utf8), [0xFF], [0xC3], [0xE2, 0x80], [0x80], Array("ing".utf8), Array("ed".utf8),
        ]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        var scratch: [UInt8] = []
        for _ in 0..<3000 {
            var bytes: [UInt8] = []
            for _ in 0..<next(24) { bytes += pieces[next(pieces.count)] }
            for analyzer in [Analyzer.standard, Analyzer(stemming: false, folding: false, stopWords: ["a"])] {
                var lastEnd = 0
                var lastPosition = -1
                bytes.withUnsafeBufferPointer { buffer in
                    analyzer.forEachTerm(in: buffer, scratch: &scratch) { token, term in
                        XCTAssertGreaterThanOrEqual(token.start, lastEnd)
                        XCTAssertLessThan(token.start, token.end)
                        XCTAssertLessThanOrEqual(token.end, buffer.count)
                        XCTAssertGreaterThan(token.position, lastPosition)
                        XCTAssertFalse(term.isEmpty)
                        lastEnd = token.end
                        lastPosition = token.position
                    }
                }
            }
        }
    }

    func testSignatureDescribesTheChain() {
        XCTAssertEqual(Analyzer.standard.signature, "porter2=1 fold=1 exact=0 acronym=1 stop=")
        XCTAssertEqual(Analyzer(stemming: false, folding: false, stopWords: ["b", "a"]).signature,
                       "porter2=0 fold=0 exact=0 acronym=0 stop=a,b")
        XCTAssertNotEqual(Analyzer.standard, Analyzer(stemming: false))
        // Every chain reads back from its signature.
        for a in [Analyzer.standard, Analyzer(stemming: false), Analyzer(exactForms: true), Analyzer(acronymPlurals: false),
                  Analyzer(folding: false, stopWords: ["the"])] {
            XCTAssertEqual(Analyzer(signature: a.signature).signature, a.signature)
        }
        // Indexes written before the acronym rule have no `acronym=` part and keep analysing without it.
        let old = Analyzer(signature: "porter2=1 fold=1 exact=0 stop=")
        XCTAssertFalse(old.acronymPlurals)
        XCTAssertEqual(old.terms("NBFCs"), ["nbfcs"])
    }

    func testAcronymPluralsMeetTheirSingular() {
        let a = Analyzer.standard
        XCTAssertEqual(a.terms("NBFCs nbfcs NBFC MPs mp PCs TVs DVDs HDFCs"),
                       ["nbfc", "nbfc", "nbfc", "mp", "mp", "pc", "tv", "dvd", "hdfc"])
        // The rule is case-blind, so a lower-case query meets the transcript's capitals.
        XCTAssertEqual(a.terms("mrps"), a.terms("MRP"))
        // Words with a vowel (y counts) are Porter2's business; Mrs stays Mrs; one letter + s stays.
        XCTAssertEqual(a.terms("Mrs mrs gyms hymns ms Ps"), ["mrs", "mrs", "gym", "hymn", "ms", "ps"])
        XCTAssertEqual(a.terms("NGOs ngo CEOs"), ["ngos", "ngo", "ceo"])
        // Only with stemming, and it can be turned off.
        XCTAssertEqual(Analyzer(stemming: false).terms("NBFCs"), ["nbfcs"])
        XCTAssertEqual(Analyzer(acronymPlurals: false).terms("NBFCs"), ["nbfcs"])
        // Possessive first, then the plural: "NBFCs'" is a plural possessive the tokenizer ends at the s.
        XCTAssertEqual(a.terms("the NBFC's loans"), ["the", "nbfc", "loan"])
    }
}
