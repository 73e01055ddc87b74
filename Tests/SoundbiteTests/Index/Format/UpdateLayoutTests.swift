import Foundation
import XCTest
@testable import Soundbite
import SoundbiteTestSupport

/// The incremental update against a fresh build where format 3's layout has
/// the most to get right: terms of several bit-packed blocks, a posting whose
/// positions span several chunks, and document ids that shift under kept
/// interviews. The images must be equal byte for byte.
final class UpdateLayoutTests: XCTestCase {
    private func transcript(_ seed: Int, cues: Int) -> String {
        var text = "WEBVTT\n\n"
        for c in 0..<cues {
            let speaker = c % 7 < 4 ? "Ines Marlow" : "Dev Okafor"
            // One cue holds "seedling" 150 times: its passage's tf spans two position chunks.
            let words = c == 5 ? Array(repeating: "seedling", count: 150).joined(separator: " ")
                : "bean row \(seed * 1_000 + c) and the compost heap"
            text += "\(stamp(c * 5)) --> \(stamp(c * 5 + 4))\n<v \(speaker)>\(words).\n\n"
        }
        return text
    }

    private func stamp(_ s: Int) -> String { String(format: "00:%02d:%02d.000", s / 60 % 60, s % 60) }

    func testUpdateOfMultiBlockTermsEqualsAFreshBuild() throws {
        let temp = try TemporaryFolder("update-layout")
        defer { temp.remove() }
        let root = temp.path("plots")
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        func write(_ name: String, _ seed: Int, cues: Int = 700) throws {
            try transcript(seed, cues: cues).write(toFile: root + "/" + name, atomically: false, encoding: .utf8)
        }
        try write("b.vtt", 1)
        try write("c.vtt", 2)
        try write("d.vtt", 3, cues: 300)
        let (first, _) = SearchIndex.update(nil, paths: [root])
        // The layout this test is about is there: several blocks, several chunks.
        let reader = first.reader
        let bean = try XCTUnwrap(reader.termID(Array("bean".utf8)))
        XCTAssertGreaterThanOrEqual(reader.info(bean).blocks, 3)
        let seedling = try XCTUnwrap(reader.termID(Array("seedl".utf8)) ?? reader.termID(Array("seedling".utf8)))
        let cursor = PostingCursor(reader: reader, info: reader.info(seedling))
        XCTAssertEqual(cursor.tf, 150)

        try first.write(to: temp.path("plots.sbx"))
        // A transcript sorting first shifts every document id; one is changed, one removed.
        try write("a.vtt", 4, cues: 200)
        try write("c.vtt", 5)
        try FileManager.default.removeItem(atPath: root + "/d.vtt")
        let old = try SearchIndex(contentsOf: temp.path("plots.sbx"))
        let (updated, report) = SearchIndex.update(old, paths: [root])
        XCTAssertNil(report.rebuildReason)
        XCTAssertEqual([report.added, report.updated, report.removed, report.unchanged], [1, 1, 1, 1])
        let (fresh, _) = SearchIndex.update(nil, paths: [root])
        XCTAssertTrue(StorageFixtures.bytes(updated) == StorageFixtures.bytes(fresh), "images differ")
        XCTAssertEqual(try updated.search("\"seedling seedling seedling\"").total, 3)
        XCTAssertEqual(try updated.search("bean", options: SearchOptions(limit: 5)).hits.map(\.score),
                       try fresh.search("bean", options: SearchOptions(limit: 5)).hits.map(\.score))
    }
}
