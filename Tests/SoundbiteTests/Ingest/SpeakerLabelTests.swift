import XCTest
@testable import Soundbite
import SoundbiteTestSupport

final class SpeakerLabelTests: XCTestCase {
    private func check(_ text: String, _ speaker: String?, _ role: String? = nil, rest: String,
                       file: StaticString = #filePath, line: UInt = #line) {
        let split = SpeakerLabel.split(text)
        XCTAssertEqual(split.label?.speaker, speaker, text, file: file, line: line)
        XCTAssertEqual(split.label?.role, role, text, file: file, line: line)
        XCTAssertEqual(split.rest, rest, text, file: file, line: line)
    }

    func testLabelConventions() {
        check("[Amit Varma]: text", "Amit Varma", rest: "text")
        check("[Guest 2]: text", "Guest 2", rest: "text")
        check(">> RUTH OKAFOR: text", "Ruth Okafor", rest: "text")
        check(">>RUTH O'NEILL-SMITH: text", "Ruth O'Neill-Smith", rest: "text")
        check("Ruth Okafor: text", "Ruth Okafor", rest: "text")
        check("Ruth Okafor (Head Teacher): text", "Ruth Okafor", "head teacher", rest: "text")
        check("[Ruth Okafor (Head  Teacher)]: text", "Ruth Okafor", "head teacher", rest: "text")
        check("Ludwig van Beethoven: music", "Ludwig van Beethoven", rest: "music")
        check("Dr. J. Smith: yes", "Dr. J. Smith", rest: "yes")
        check("Q: Why?", "Q", rest: "Why?")
        check("Speaker 1:", "Speaker 1", rest: "")
        check("José Álvarez: hola", "José Álvarez", rest: "hola")
    }

    func testNotLabels() {
        check("1:1 laptops for all", nil, rest: "1:1 laptops for all")
        check("10:30 in the morning", nil, rest: "10:30 in the morning")
        check("see https://example.org now", nil, rest: "see https://example.org now")
        check("Https://example.org", nil, rest: "Https://example.org")
        check("The answer was simple: yes", nil, rest: "The answer was simple: yes")
        check("Note: this is not a speaker", nil, rest: "Note: this is not a speaker")
        check("So, Ruth: tell me", nil, rest: "So, Ruth: tell me")
        check("One Two Three Four Five Six Seven: too long", nil, rest: "One Two Three Four Five Six Seven: too long")
        check("[laughter] and then", nil, rest: "[laughter] and then")
        check("Ratio 3:2 wins", nil, rest: "Ratio 3:2 wins")
        check("Mr Smith:said", nil, rest: "Mr Smith:said")
        check(">> and then", nil, rest: "and then")
        check("[00:01]: x", nil, rest: "[00:01]: x")
    }

    func testVoiceAnnotation() {
        XCTAssertEqual(SpeakerLabel.voice("Ruth Okafor (Head Teacher)"), SpeakerLabel(speaker: "Ruth Okafor", role: "head teacher"))
        XCTAssertEqual(SpeakerLabel.voice("  SAM  "), SpeakerLabel(speaker: "Sam", role: nil))
        XCTAssertEqual(SpeakerLabel.voice("BBC"), SpeakerLabel(speaker: "Bbc", role: nil))
        XCTAssertNil(SpeakerLabel.voice("   "))
    }

    /// The byte-level split (the fast path of `split`) answers exactly as the
    /// Character-based reference on text built from the pieces that matter:
    /// labels, brackets, `>>`, colons, particles, sentence openers, CR LF,
    /// combining marks and other non-ASCII letters in every position.
    func testByteSplitEqualsCharacterSplit() {
        let pieces = ["Ruth", "OKAFOR", "O'NEILL-SMITH", "van", "de", "Note", "so", "Guest", "2", "Dr.", "J.", "SPEAKER_00",
                      "[", "]", ">>", ">", ":", ": ", " ", "  ", "\t", "(", ")", "(Head Teacher)", "( )", "x", "10", "https://x",
                      "\r\n", "\r", "\n", "e\u{301}", "\u{301}", "\u{2019}", "José", "ÁLVAREZ", "İ", "ß", "日本", ",", "!", "yes",
                      "a"]
        var random = SplitMix64(seed: 0xC0105)
        var checked = 0
        for _ in 0..<60_000 {
            var text = ""
            for _ in 0..<Int(random.next() % 9) { text += pieces[Int(random.next() % UInt64(pieces.count))] }
            let reference = SpeakerLabel.splitCharacters(text)
            let split = SpeakerLabel.split(text)
            XCTAssertEqual(split.label, reference.label, "\(text.debugDescription)")
            XCTAssertEqual(split.rest, reference.rest, "\(text.debugDescription)")
            if split.label != nil { checked += 1 }
        }
        XCTAssertGreaterThan(checked, 500, "too few generated texts hold a label to test the rules")
        let long = "Ruth Okafor" + String(repeating: " x", count: 100) + ": text"
        XCTAssertEqual(SpeakerLabel.split(long).label, SpeakerLabel.splitCharacters(long).label)
    }
}
