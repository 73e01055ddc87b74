import Foundation
import XCTest
@testable import Soundbite
import SoundbiteTestSupport

/// Replays every fuzz seed (`Tests/Fuzz/Seeds/TARGET/`) and every input the
/// fuzzers found (`Tests/Fuzz/Regressions/TARGET/`) through the same
/// functions the libFuzzer targets call (``FuzzEntryPoints``): each must
/// return normally, so a fixed crash or hang stays fixed.
final class FuzzRegressionTests: XCTestCase {
    /// `Tests/Fuzz`, found from this file's path.
    static let fuzzFolder: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fuzz")

    /// The input files of one target under `Seeds` or `Regressions`, sorted.
    static func inputs(_ kind: String, _ target: String) -> [URL] {
        let folder = fuzzFolder.appendingPathComponent(kind).appendingPathComponent(target)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { !$0.hasPrefix(".") && !$0.hasSuffix(".md") }.sorted()
            .map { folder.appendingPathComponent($0) }
    }

    func replay(_ target: String) throws {
        let seeds = Self.inputs("Seeds", target)
        XCTAssertFalse(seeds.isEmpty, "no seeds for \(target) in \(Self.fuzzFolder.path)")
        for url in seeds + Self.inputs("Regressions", target) {
            let bytes = try [UInt8](Data(contentsOf: url))
            let start = Date()
            FuzzEntryPoints.run(target: target, bytes)
            // The fuzzers time out at 10 s in release; a debug build may be ~10x slower.
            XCTAssertLessThan(Date().timeIntervalSince(start), 20, "\(url.lastPathComponent) is too slow")
        }
    }

    /// The index-file target's second image reaches what the first cannot:
    /// a term of more than eight blocks (impact pairs and the coarse level).
    func testBlocksImageHasACoarseLevelTerm() throws {
        let reader = try IndexReader(storage: ByteStorage(copying: FuzzEntryPoints.blocksImage), path: "blocks")
        let id = try XCTUnwrap(reader.termID(Array("laptop".utf8)))
        let cursor = PostingCursor(reader: reader, info: reader.info(id))
        XCTAssertGreaterThan(cursor.blockCount, Postings.coarseBlocks)
        XCTAssertTrue(cursor.hasCoarseLevel)
        XCTAssertGreaterThan(cursor.bound(ofBlock: 0).impactCount, 1)
    }

    func testEveryTargetHasAnEntryFileAndFolders() {
        for target in FuzzEntryPoints.targets {
            XCTAssertTrue(FileManager.default.fileExists(
                atPath: Self.fuzzFolder.appendingPathComponent("Seeds/\(target)").path), target)
        }
    }

    func testTranscriptInputs() throws { try replay("transcript") }
    func testManifestInputs() throws { try replay("manifest") }
    func testQueryInputs() throws { try replay("query") }
    func testHTTPRequestInputs() throws { try replay("httprequest") }
    func testIndexFileInputs() throws { try replay("indexfile") }
    func testSelectsInputs() throws { try replay("selects") }
    func testXMLInputs() throws { try replay("xml") }
    func testWhisperJSONInputs() throws { try replay("whisperjson") }
    func testWhisperXJSONInputs() throws { try replay("whisperxjson") }
    func testAmazonJSONInputs() throws { try replay("amazonjson") }
    func testOHMSInputs() throws { try replay("ohms") }
    func testDeflateInputs() throws { try replay("deflate") }
    func testZipInputs() throws { try replay("zip") }
    func testDocxInputs() throws { try replay("docx") }
    func testTextLayoutInputs() throws { try replay("textlayout") }
    func testEDLInputs() throws { try replay("edl") }
    func testFCPXMLInputs() throws { try replay("fcpxml") }
    func testOTIOInputs() throws { try replay("otio") }

    /// The index-file target's untouched base image opens, verifies and
    /// answers; re-sealing an intact image changes nothing.
    func testIndexFileBaseImageIsValid() throws {
        var image = FuzzEntryPoints.baseImage
        let original = image
        FuzzEntryPoints.reseal(&image)
        XCTAssertEqual(image, original)
        let index = try SearchIndex(storage: ByteStorage(copying: image), path: "base.sbx")
        try index.verify()
        XCTAssertGreaterThan(try index.search("laptops").hits.count, 0)
    }
}
