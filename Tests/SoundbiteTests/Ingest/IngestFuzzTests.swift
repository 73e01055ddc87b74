import XCTest
@testable import Soundbite

/// Fuzz-style robustness: random, truncated and mutated inputs (fixed seed)
/// through every parser and the manifest reader must never crash or hang, and
/// what comes out must keep the model's invariants.
final class IngestFuzzTests: XCTestCase {
    static let seeds: [String] = [
        "WEBVTT\n\nNOTE hi\n\n1\n00:00:01.000 --> 00:00:02.500 align:start\n<v Ruth Okafor (Head Teacher)>Hello &amp; <i>welcome</i>\n\n00:02.500 --> 00:04,000\n[Amit Varma]: Next <00:03.000>word &#233;\n",
        "1\n00:00:01,000 --> 00:00:02,000\n<font color=\"red\">SAM:</font> Hi\n\n2\n00:00:02,000 --> 00:00:03,000\n{\\an8}>> RUTH: Bye\n",
        "[00:00:01] Ruth Okafor: We began.\n[00:02.500] Sam (Student): 1:1 laptops at 10:30\nNo time here: yes.\n",
        "{\"name\": \"N\", \"roles\": {\"A*\": \"x\", \"B\": 1}, \"interviews\": {\"a.vtt\": {\"id\": \"a\", \"fields\": {\"k\": [true], \"n\": 2.5e-3}, \"roles\": {\"*\": \"y\"}}}}",
    ]
    static let tokens: [String] = [
        "-->", " --> ", "<v ", "<v.a ", "</v>", "<", ">", "&", "&#", "&#x", ";", "&#99999999999;", ":", "\n", "\r\n", "\r",
        "\n\n", "WEBVTT", "NOTE", "999999999999999:", "00:", ".000", ",5", "[", "]", ">>", "(", ")", "\u{FEFF}", "\u{0}",
        "{", "}", "\"", "\\u", "\\ud800", "[[[[", "{\"a\":", "*", "é", "\u{FFFD}", "<00:01.000>", "<c.x.y>",
    ]

    private func mutate(_ seed: [UInt8], _ rng: inout IngestRandom) -> [UInt8] {
        var bytes = seed
        let rounds = Int.random(in: 1...8, using: &rng)
        for _ in 0..<rounds {
            switch Int.random(in: 0..<7, using: &rng) {
            case 0 where !bytes.isEmpty:   // truncate
                bytes.removeLast(Int.random(in: 0...bytes.count, using: &rng))
            case 1 where !bytes.isEmpty:   // flip a byte
                bytes[Int.random(in: 0..<bytes.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng)
            case 2:                        // insert a token
                let token = Array(Self.tokens.randomElement(using: &rng)!.utf8)
                bytes.insert(contentsOf: token, at: Int.random(in: 0...bytes.count, using: &rng))
            case 3 where bytes.count > 1:  // duplicate a slice
                let a = Int.random(in: 0..<bytes.count, using: &rng)
                let b = Int.random(in: a...min(bytes.count, a + 64), using: &rng)
                bytes.insert(contentsOf: bytes[a..<b], at: Int.random(in: 0...bytes.count, using: &rng))
            case 4 where !bytes.isEmpty:   // delete a slice
                let a = Int.random(in: 0..<bytes.count, using: &rng)
                bytes.removeSubrange(a..<min(bytes.count, a + Int.random(in: 1...16, using: &rng)))
            case 5:                        // random bytes
                let junk = (0..<Int.random(in: 1...32, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
                bytes.insert(contentsOf: junk, at: Int.random(in: 0...bytes.count, using: &rng))
            default:                       // repeat a token many times
                let token = Array(Self.tokens.randomElement(using: &rng)!.utf8)
                for _ in 0..<Int.random(in: 1...200, using: &rng) { bytes.insert(contentsOf: token, at: bytes.count / 2) }
            }
        }
        return bytes
    }

    private func inputs(_ count: Int, seed: UInt64) -> [[UInt8]] {
        var rng = IngestRandom(seed: seed)
        var result: [[UInt8]] = []
        for k in 0..<count {
            if k % 10 == 9 {
                result.append((0..<Int.random(in: 0...300, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) })
            } else {
                result.append(mutate(Array(Self.seeds.randomElement(using: &rng)!.utf8), &rng))
            }
        }
        return result
    }

    private func checkInvariants(_ parsed: ParsedTranscript, _ input: [UInt8], file: StaticString = #filePath, line: UInt = #line) {
        for cue in parsed.cues {
            XCTAssertTrue(cue.start.isFinite && cue.start >= 0 && cue.end >= cue.start, "\(cue) from \(input)", file: file, line: line)
            XCTAssertFalse(cue.text.contains("\n"), file: file, line: line)
            XCTAssertGreaterThan(cue.line, 0, file: file, line: line)
        }
    }

    func testParsersSurviveMutatedInput() {
        let limits = IngestLimits(maxLineBytes: 512, maxTagDepth: 8, maxCueBytes: 256)
        for (index, input) in inputs(2000, seed: 0x5EED_0001).enumerated() {
            guard let text = SourceText.decode(input, file: "f", limits: limits).text else { continue }
            checkInvariants(WebVTTParser(file: "f.vtt", limits: limits).parse(text), input)
            checkInvariants(SRTParser(file: "f.srt", limits: limits).parse(text), input)
            checkInvariants(PlainTextParser(file: "f.txt", limits: limits).parse(text), input)
            let chapters = WebVTTParser(file: "f.chapters.vtt", limits: limits).parseChapters(text).chapters
            XCTAssertTrue(chapters.allSatisfy { $0.end >= $0.start })
            if index % 20 == 0 {
                let string = String(decoding: input, as: UTF8.self)
                let collection = CollectionReader(limits: limits).read(
                    name: "fuzz", transcripts: [("a.vtt", string), ("a.chapters.vtt", string), ("b.srt", string), ("c.txt", string)],
                    manifest: string)
                for interview in collection.interviews {
                    XCTAssertTrue(interview.cues.allSatisfy { $0.end >= $0.start })
                }
            }
        }
    }

    func testManifestReaderSurvivesMutatedInput() {
        for input in inputs(2000, seed: 0x5EED_0002) {
            let result = Manifest.parse(input)
            if result.manifest == nil {
                XCTAssertEqual(result.diagnostics.count, 1)
                XCTAssertGreaterThanOrEqual(result.diagnostics.first?.line ?? -1, 0)
            }
            _ = try? JSONReader.parse(input, maxDepth: 8)
        }
        // Deep nesting is refused, not recursed into.
        let deep = Array(String(repeating: "[", count: 100_000).utf8)
        XCTAssertNil(Manifest.parse(deep).manifest)
    }

    func testMarkupAndLabelsSurviveRandomText() {
        var rng = IngestRandom(seed: 0x5EED_0003)
        for _ in 0..<2000 {
            var text = ""
            for _ in 0..<Int.random(in: 0...20, using: &rng) { text += Self.tokens.randomElement(using: &rng)! }
            text += "Word"
            let cleaned = CueMarkup.clean(text, maxTagDepth: 4, srtBraces: true)
            XCTAssertFalse(cleaned.text.hasPrefix(" ") || cleaned.text.hasSuffix(" "))
            let split = SpeakerLabel.split(cleaned.text)
            XCTAssertLessThanOrEqual(split.label?.speaker.split(separator: " ").count ?? 0, 6)
            _ = Timestamp.parse(text)
        }
    }
}
