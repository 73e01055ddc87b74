import XCTest
@testable import Soundbite

/// The WebVTT reader on byte spans (``SourceText/Span``) and the flat form
/// cache: the cases where bytes and strings could part ways.
final class ByteSpanReadingTests: XCTestCase {
    func testSpansHoldTheDecodedLinesAndShareTheFileWhenNothingIsReplaced() {
        var limits = IngestLimits.standard
        limits.maxLineBytes = 8
        var bytes = Array("a\r\nb\u{0}c\rd\n".utf8) + [0xC3, 0x28, 0x0A]
        bytes += Array("0123456789\n\u{E9}t\u{E9}\n".utf8)
        let decoded = SourceText.decode(bytes, file: "f", limits: limits)
        let text = try! XCTUnwrap(decoded.text)
        XCTAssertEqual(text.lines.map(\.text), ["a", "b\u{FFFD}c", "d", "\u{FFFD}(", "\u{E9}t\u{E9}"])
        XCTAssertEqual(text.lines.map(\.number), [1, 2, 3, 4, 6])
        XCTAssertEqual(text.spans.map { text.string($0) }, text.lines.map(\.text))
        XCTAssertEqual(decoded.diagnostics.count, 3, "\(decoded.diagnostics)")
        // Nothing replaced: the spans point into the file's own bytes.
        let clean = Array("\u{FEFF}WEBVTT\r\n\r\n00:01.000 --> 00:02.000\r\nHi\u{E9}".utf8)
        let plain = try! XCTUnwrap(SourceText.decode(clean, file: "f", limits: .standard).text)
        XCTAssertEqual(plain.bytes, clean)
        XCTAssertEqual(plain.spans.first?.start, 3, "after the byte order mark")
        XCTAssertEqual(plain.lines.map(\.text), ["WEBVTT", "", "00:01.000 --> 00:02.000", "Hi\u{E9}"])
    }

    func testRollingCaptionsCompareRepeatedLinesAsStrings() {
        // The repeated line is written precomposed in one cue and decomposed in
        // the next: as strings they are equal, so the file rolls and each line is read once.
        let lines = ["caf\u{E9} one", "cafe\u{301} one", "two", "three", "four"]
        let vtt = """
        WEBVTT

        00:00.000 --> 00:01.000
        zero
        \(lines[0])

        00:01.000 --> 00:02.000
        \(lines[1])
        two

        00:02.000 --> 00:03.000
        two
        three

        00:03.000 --> 00:04.000
        three
        four
        """
        let result = WebVTTParser(file: "t.vtt").parse(vtt)
        XCTAssertEqual(result.cues.map(\.text), ["zero caf\u{E9} one", "two", "three", "four"])
    }

    func testACueCutAtItsLimitKeepsWholeCharacters() {
        var limits = IngestLimits.standard
        limits.maxCueBytes = 9
        // "ab" + LF + "c" then "é" (2 bytes) straddles byte 9: cut before it.
        let vtt = "WEBVTT\n\n00:01.000 --> 00:02.000\nab\ncdefg\u{E9}h\nmore\n"
        let result = WebVTTParser(file: "t.vtt", limits: limits).parse(vtt)
        XCTAssertEqual(result.cues.map(\.text), ["ab cdefg"])
        XCTAssertTrue(result.diagnostics.contains { $0.message.contains("longer than 9 bytes") })
        // The same through SRT, which shares the cut.
        let srt = "1\n00:00:01,000 --> 00:00:02,000\nab\ncdefg\u{E9}h\nmore\n"
        XCTAssertEqual(SRTParser(file: "t.srt", limits: limits).parse(srt).cues.map(\.text), ["ab cdefg"])
    }

    func testTheFlatFormCacheFindsEveryFormItKeptAcrossGrowth() {
        var cache = FormTermCache()
        func withBytes<R>(_ s: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
            var s = s
            return s.withUTF8(body)
        }
        // Forms of 1 to 40 bytes (the 8-byte steps of the hash and compare), past two growths.
        let forms = (0..<20_000).map { k in String(repeating: "x", count: k % 37) + "w\(k)" }
        for (k, form) in forms.enumerated() {
            XCTAssertNil(withBytes(form) { cache.term(of: $0) }, form)
            withBytes(form) { cache.insert($0, term: Int32(k)) }
        }
        XCTAssertEqual(cache.count, forms.count)
        for (k, form) in forms.enumerated() {
            XCTAssertEqual(withBytes(form) { cache.term(of: $0) }, Int32(k), form)
        }
        // Same length and same first 8 bytes, one byte apart at the end: not found.
        XCTAssertNil(withBytes(String(repeating: "x", count: 12) + "w13") { cache.term(of: $0) })
        XCTAssertNil(withBytes("") { cache.term(of: $0) })
    }
}
