import XCTest
@testable import Soundbite

final class MetaTests: XCTestCase {
    func testRoundTripAndVersionLine() throws {
        let meta = Meta(docs: 37, tokens: 1_234, cues: 90, interviews: 4, analyzer: Analyzer.standard.signature, passageWords: 25)
        let text = String(decoding: meta.encoded, as: UTF8.self)
        XCTAssertTrue(text.hasPrefix("format=\(IndexFormat.version)\n"), text)
        XCTAssertEqual(try meta.encoded.withUnsafeBytes { try Meta($0, limit: 1_000) }, meta)
    }

    func testUnknownKeysAreIgnoredAndMissingOptionalOnesDefault() throws {
        let bytes = Array("docs=2\nfuture=yes\ntokens=10\nnot a pair\ncues=3\n".utf8)
        let meta = try bytes.withUnsafeBytes { try Meta($0, limit: 100) }
        XCTAssertEqual(meta, Meta(docs: 2, tokens: 10, cues: 3, interviews: 0, analyzer: "", passageWords: 10))
    }

    func testMissingOrImpossibleCountsAreRefused() {
        for text in ["tokens=1\ncues=1\n", "docs=1\ncues=1\n", "docs=x\ntokens=1\ncues=1\n", ""] {
            XCTAssertThrowsError(try Array(text.utf8).withUnsafeBytes { try Meta($0, limit: 100) }, text) {
                XCTAssertTrue("\($0)".contains("lacks document counts"), "\($0)")
            }
        }
        for text in ["docs=-1\ntokens=1\ncues=1\n", "docs=101\ntokens=1\ncues=1\n", "docs=1\ntokens=1\ncues=1000\n"] {
            XCTAssertThrowsError(try Array(text.utf8).withUnsafeBytes { try Meta($0, limit: 100) }, text) {
                XCTAssertTrue("\($0)".contains("impossible counts"), "\($0)")
            }
        }
    }
}
