import Foundation
import XCTest
import SoundbiteCLI
import Soundbite
import SoundbiteTestSupport

/// The one-shot `soundbite search -i FILE`: the open reads no stored text,
/// yet a damaged text block is still refused, by the search that reads it
/// and by `stats --verify`.
final class OneShotCLITests: XCTestCase {
    func run(_ args: [String]) -> (status: Int32, out: String, err: String) {
        SoundbiteCommand.capture(args)
    }

    func testADamagedStoredTextBlockFailsTheSearchAndVerify() throws {
        let temp = try TemporaryFolder("damaged-text")
        defer { temp.remove() }
        let file = temp.url.appendingPathComponent("corpus.sbx").path
        XCTAssertEqual(run(["index", CLITests.schools, "-o", file]).status, 0)
        let before = run(["search", "broadband", "-i", file])
        XCTAssertEqual(before.status, 0, before.err)
        XCTAssertTrue(before.out.contains("broadband"), before.out)

        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: file)))
        // Sections follow the 16-byte header at 8-byte aligned offsets, in the order listed.
        var offset = 16, text: Range<Int>?
        for (name, length) in try SearchIndex(contentsOf: file).sectionSizes {
            offset = (offset + 7) / 8 * 8
            if name == "storedText" { text = offset..<(offset + length) }
            offset += length
        }
        let range = try XCTUnwrap(text)
        // blockSize u32 · blockCount u32 · textLength u64 · dataEnd u64[blockCount] · data
        let blocks = Int(bytes[range.lowerBound + 4]) | Int(bytes[range.lowerBound + 5]) << 8
        let data = range.lowerBound + 16 + 8 * blocks
        XCTAssertLessThan(data, range.upperBound)
        // One byte in every page of the compressed blocks (past the block index).
        for at in stride(from: data, to: range.upperBound, by: 65_536) { bytes[at] ^= 0x04 }
        try Data(bytes).write(to: URL(fileURLWithPath: file))

        // Commands that read no text still work: the open did not read the blocks.
        XCTAssertEqual(run(["stats", "-i", file]).status, 0)
        let search = run(["search", "broadband", "-i", file])
        XCTAssertEqual(search.status, 1, search.out)
        XCTAssertTrue(search.err.contains("checksum mismatch in the storedText section"), search.err)
        XCTAssertTrue(search.out.isEmpty, search.out)
        let verify = run(["stats", "-i", file, "--verify"])
        XCTAssertEqual(verify.status, 1)
        XCTAssertTrue(verify.err.contains("checksum mismatch in the storedText section"), verify.err)
    }
}
