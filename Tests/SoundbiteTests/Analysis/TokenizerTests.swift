import XCTest
@testable import Soundbite

/// Word boundaries, byte offsets and positions of the ``Tokenizer``.
final class TokenizerTests: XCTestCase {
    private struct Piece: Equatable, CustomStringConvertible {
        var text: String
        var start: Int
        var end: Int
        var position: Int
        var isASCII: Bool
        var description: String { "\(text)@\(start)..<\(end)#\(position)\(isASCII ? "" : "(u)")" }
    }

    private func pieces(_ bytes: [UInt8]) -> [Piece] {
        var result: [Piece] = []
        bytes.withUnsafeBufferPointer { buffer in
            Tokenizer().tokenize(buffer) { token in
                result.append(Piece(
                    text: String(decoding: buffer[token.start..<token.end], as: UTF8.self),
                    start: token.start, end: token.end, position: token.position, isASCII: token.isASCII))
            }
        }
        return result
    }

    private func words(_ text: String) -> [String] { pieces(Array(text.utf8)).map(\.text) }

    func testPlainWordsWithExactOffsetsAndPositions() {
        XCTAssertEqual(pieces(Array("  Hello, world!\n".utf8)), [
            Piece(text: "Hello", start: 2, end: 7, position: 0, isASCII: true),
            Piece(text: "world", start: 9, end: 14, position: 1, isASCII: true),
        ])
        XCTAssertEqual(words(""), [])
        XCTAssertEqual(words(" ,.;:!? -- "), [])
    }

    func testApostrophesInsideWords() {
        XCTAssertEqual(words("don't we're can't"), ["don't", "we're", "can't"])
        XCTAssertEqual(words("Zoë's laptop"), ["Zoë's", "laptop"])
        XCTAssertEqual(words("the 1990's"), ["the", "1990's"])
        // Leading and trailing apostrophes are quotes, not part of the word.
        XCTAssertEqual(words("rock 'n' roll"), ["rock", "n", "roll"])
        XCTAssertEqual(words("she said 'like this' twice"), ["she", "said", "like", "this", "twice"])
        XCTAssertEqual(words("the teachers' room"), ["the", "teachers", "room"])
        XCTAssertEqual(words("it's ''quoted''"), ["it's", "quoted"])
    }

    func testCurlyApostrophes() {
        XCTAssertEqual(words("don\u{2019}t \u{2018}quoted\u{2019} Zoë\u{2019}s"), ["don\u{2019}t", "quoted", "Zoë\u{2019}s"])
        let p = pieces(Array("I don\u{2019}t".utf8))
        XCTAssertEqual(p.map(\.start), [0, 2])
        XCTAssertEqual(p.map(\.end), [1, 9])   // ’ is three bytes
        XCTAssertEqual(p[1].isASCII, false)
        XCTAssertEqual(words("modifier\u{02BC}s"), ["modifier\u{02BC}s"])
    }

    func testNumbersAndTimes() {
        XCTAssertEqual(words("1:1 laptops, 3.5 hours at 10:30 for 1,000 pupils."),
                       ["1:1", "laptops", "3.5", "hours", "at", "10:30", "for", "1,000", "pupils"])
        XCTAssertEqual(words("In 2008. Then 3, 4 and 5:"), ["In", "2008", "Then", "3", "4", "and", "5"])
        XCTAssertEqual(words("version 1.2.3 v2.0"), ["version", "1.2.3", "v2.0"])
        XCTAssertEqual(words("a.b 7.x"), ["a", "b", "7", "x"])
    }

    func testHyphensAndOtherPunctuationSplit() {
        XCTAssertEqual(words("dinner-time"), ["dinner", "time"])
        XCTAssertEqual(words("one-to-one e-mail"), ["one", "to", "one", "e", "mail"])
        XCTAssertEqual(words("en\u{2013}dash em\u{2014}dash"), ["en", "dash", "em", "dash"])
        XCTAssertEqual(words("a/b (c) [d] {e} \"f\" #g @h_i"), ["a", "b", "c", "d", "e", "f", "g", "h", "i"])
    }

    func testEmojiSeparateWords() {
        XCTAssertEqual(words("great😀stuff"), ["great", "stuff"])
        XCTAssertEqual(words("love❤️you 👍🏽 ok"), ["love", "you", "ok"])
        XCTAssertEqual(words("👨‍👩‍👧 family"), ["family"])
    }

    func testIdeographsAreWordsOfTheirOwn() {
        let p = pieces(Array("学校 is school".utf8))
        XCTAssertEqual(p.map(\.text), ["学", "校", "is", "school"])
        XCTAssertEqual(p.map(\.start), [0, 3, 7, 10])
        XCTAssertEqual(p.map(\.position), [0, 1, 2, 3])
        XCTAssertEqual(words("abc学校def"), ["abc", "学", "校", "def"])
        XCTAssertEqual(words("ひらがな"), ["ひ", "ら", "が", "な"])
    }

    func testOtherScriptsAreLetters() {
        XCTAssertEqual(words("Ελληνικά русский עברית"), ["Ελληνικά", "русский", "עברית"])
        XCTAssertEqual(words("naïve façade"), ["naïve", "façade"])
    }

    func testCombiningMarksStayWithTheirLetter() {
        let text = "cafe\u{301} e\u{301}cole"
        let p = pieces(Array(text.utf8))
        XCTAssertEqual(p.map(\.text), ["cafe\u{301}", "e\u{301}cole"])
        XCTAssertEqual(p.map(\.start), [0, 7])
        XCTAssertEqual(p.map(\.end), [6, 14])
        XCTAssertEqual(p.map(\.isASCII), [false, false])
        // Soft hyphen and zero-width joiners continue the word too.
        XCTAssertEqual(words("co\u{AD}operate"), ["co\u{AD}operate"])
        // A mark with no letter before it is not a word.
        XCTAssertEqual(words("\u{301} x"), ["x"])
    }

    func testInvalidUTF8SeparatesWordsWithoutCrashing() {
        var bytes = Array("abc".utf8) + [0xFF] + Array("def".utf8) + [0xC3] + Array(" ghi".utf8)
        XCTAssertEqual(pieces(bytes).map(\.text), ["abc", "def", "ghi"])
        XCTAssertEqual(pieces(bytes).map(\.start), [0, 4, 9])
        // Overlong, surrogate, truncated and stray continuation bytes.
        bytes = [0xC0, 0xAF, 0x61, 0xED, 0xA0, 0x80, 0x62, 0x80, 0x63, 0xF0, 0x9F, 0x98]
        XCTAssertEqual(pieces(bytes).map(\.text), ["a", "b", "c"])
        XCTAssertEqual(pieces([0xE2, 0x80]).map(\.text), [])
        XCTAssertEqual(pieces(Array("don".utf8) + [0xE2, 0x80]).map(\.text), ["don"])
        // Every byte value in every position: no crash, offsets always in range.
        for b in 0...255 {
            let sample: [UInt8] = [0x61, UInt8(b), 0x62, UInt8(b)]
            for piece in pieces(sample) {
                XCTAssertTrue(piece.start < piece.end && piece.end <= sample.count)
            }
        }
    }

    func testPositionsCountEveryWord() {
        XCTAssertEqual(pieces(Array("to be, or not to be".utf8)).map(\.position), [0, 1, 2, 3, 4, 5])
    }
}
