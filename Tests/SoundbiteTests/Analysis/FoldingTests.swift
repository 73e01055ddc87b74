import XCTest
@testable import Soundbite

/// Unicode lower-casing and diacritic folding of non-ASCII words.
final class FoldingTests: XCTestCase {
    private func normalized(_ word: String, fold: Bool = true) -> String {
        var out: [UInt8] = []
        var word = word
        word.withUTF8 { Folding.normalize($0, fold: fold, into: &out) }
        return String(decoding: out, as: UTF8.self)
    }

    func testFoldingTable() {
        let table: [(String, String)] = [
            ("é", "e"), ("É", "e"), ("ë", "e"), ("ï", "i"), ("ç", "c"), ("ñ", "n"), ("å", "a"), ("ü", "u"),
            ("ß", "ss"), ("ẞ", "ss"), ("ø", "o"), ("Ø", "o"), ("æ", "ae"), ("Æ", "ae"), ("œ", "oe"), ("Œ", "oe"),
            ("ł", "l"), ("Ł", "l"), ("đ", "d"), ("Đ", "d"), ("þ", "th"), ("ð", "d"), ("ı", "i"),
            ("Straße", "strasse"), ("Zoë", "zoe"), ("naïve", "naive"), ("Łódź", "lodz"), ("Ørsted", "orsted"),
            ("Œuvre", "oeuvre"), ("café", "cafe"), ("RÉSUMÉ", "resume"),
        ]
        for (word, expected) in table {
            XCTAssertEqual(normalized(word), expected, word)
        }
    }

    func testCurlyApostrophesBecomeStraight() {
        XCTAssertEqual(normalized("Don\u{2019}t"), "don't")
        XCTAssertEqual(normalized("\u{2018}x"), "'x")
        XCTAssertEqual(normalized("we\u{02BC}re"), "we're")
        XCTAssertEqual(normalized("Don\u{2019}t", fold: false), "don't")
    }

    func testCaseMappingsThatChangeLength() {
        // İ lower-cases to i + U+0307; folding drops the dot.
        XCTAssertEqual(normalized("İstanbul"), "istanbul")
        XCTAssertEqual(normalized("İ", fold: false), "i\u{307}")
        XCTAssertEqual(normalized("ΣΟΦΙΑ", fold: false), "σοφια")
        XCTAssertEqual(normalized("ÅNGSTRÖM"), "angstrom")
    }

    func testCombiningMarksAreDroppedWhenFolding() {
        XCTAssertEqual(normalized("e\u{301}cole"), "ecole")
        XCTAssertEqual(normalized("a\u{308}\u{301}b"), "ab")
    }

    func testWithoutFoldingLettersKeepTheirMarksInComposedForm() {
        XCTAssertEqual(normalized("Café", fold: false), "café")
        XCTAssertEqual(normalized("ß", fold: false), "ß")
        XCTAssertEqual(normalized("ø", fold: false), "ø")
        // Decomposed input comes out composed, the same bytes as "é".
        XCTAssertEqual(Array(normalized("e\u{301}", fold: false).utf8), Array("é".utf8))
    }

    func testOtherScriptsAreOnlyLowerCased() {
        XCTAssertEqual(normalized("Москва"), "москва")
        XCTAssertEqual(normalized("学校"), "学校")
    }
}
