import XCTest
@testable import Soundbite
import SoundbiteTestSupport

/// The `cueImpacts` section (format 6; its per-document column, format 7:
/// `QuoteShortestCueTests`): every cue of every document of a
/// block is dominated by one of the block's pairs (no more tf, no less
/// length, as the quote order measures them), the section is written only
/// for terms of ``CueImpacts/minimumBlocks`` blocks or more, is checked per
/// page and against the term table and the document count, and a damaged
/// one fails the search.
final class CueImpactsTests: XCTestCase {
    /// Two words repeated in cues of many lengths, some fillers: thousands
    /// of passages, so `laptop` and `home` have more than 8 blocks.
    static let index: SearchIndex = {
        var rng = SyntheticCorpus.RNG(state: 41)
        let forms = ["laptop", "home", "really", "school", "parents"]
        let collection = SyntheticCorpus.twoSpeakers("cues", interviews: 8, cuesEach: 700, speakerRun: 5) {
            let n = 1 + Int(rng.next() % 9)
            return (0..<n).map { _ in forms[Int(rng.next() % UInt64(rng.next() % 3 == 0 ? 5 : 2))] }.joined(separator: " ")
        }
        return SearchIndex(building: [collection])
    }()

    func testEveryCueIsDominatedByAPairOfItsBlock() throws {
        let reader = Self.index.reader
        var terms = 0, cues = 0, exact = 0
        for id in 0..<reader.termCount {
            let info = reader.info(id)
            let cursor = PostingCursor(reader: reader, info: info)
            let found = reader.cueImpacts(term: id, blocks: cursor.blockCount)
            XCTAssertEqual(found != nil, cursor.blockCount >= CueImpacts.minimumBlocks, reader.termString(id))
            guard let (pairs, stride) = found else { continue }
            terms += 1
            var firsts: [UInt32] = [], positions: [UInt32] = []
            while cursor.doc != PostingCursor.noMoreDocs {
                let d = cursor.doc
                let block = cursor.block
                let stored = (0..<stride).map { j in
                    (tf: Int(pairs.load(fromByteOffset: (block * stride + j) * 2, as: UInt8.self)),
                     length: Int(pairs.load(fromByteOffset: (block * stride + j) * 2 + 1, as: UInt8.self)))
                }.filter { $0.tf > 0 }
                XCTAssertFalse(stored.isEmpty)
                XCTAssertEqual(stored.map(\.tf), stored.map(\.tf).sorted(by: >))
                XCTAssertEqual(stored.map(\.length), stored.map(\.length).sorted(by: >))
                reader.cueFirstPositions(of: d, into: &firsts)
                cursor.positions(into: &positions)
                var tf = [Int](repeating: 0, count: max(1, firsts.count))
                for p in positions { tf[firsts.isEmpty ? 0 : QuoteCollector.cueIndex(of: p, in: firsts)] += 1 }
                let length = Int(reader.length(d))
                for c in tf.indices where tf[c] > 0 {
                    let first = firsts.isEmpty ? 0 : Int(firsts[c])
                    let next = c + 1 < firsts.count ? Int(firsts[c + 1]) : length
                    let l = min(max(1, next - first), CueImpacts.longest)
                    XCTAssertTrue(stored.contains { $0.tf >= tf[c] && $0.length <= l },
                                  "\(reader.termString(id)) doc \(d) cue \(c): tf \(tf[c]) length \(l) vs \(stored)")
                    if stored.contains(where: { $0.tf == tf[c] && $0.length == l }) { exact += 1 }
                    cues += 1
                }
                cursor.next()
            }
        }
        XCTAssertGreaterThanOrEqual(terms, 2, "laptop and home have cue impacts")
        XCTAssertGreaterThan(cues, 5_000)
        XCTAssertGreaterThan(exact, 100, "the frontier's corners are real cues")
        XCTAssertNoThrow(try Self.index.verify())
    }

    /// A term's pairs out of place (the directory's offsets no longer add up)
    /// are reported by `verify()`; a damaged page of the section fails the
    /// search that reads it on a verified open.
    func testDamagedCueImpactsAreReported() throws {
        let bytes = StorageFixtures.bytes(Self.index)
        let table = try bytes.withUnsafeBytes { try SectionTable(of: $0, path: "test.sbx") }
        let section = table[.cueImpacts]
        let count = Int(bytes[section.offset]) | Int(bytes[section.offset + 1]) << 8
        XCTAssertGreaterThanOrEqual(count, 2)
        // The second entry's offset moved by one pair, checksums resealed.
        var moved = bytes
        moved[section.offset + CueImpacts.headerSize + CueImpacts.entrySize + 8] &+= 2
        FuzzEntryPoints.reseal(&moved)
        let opened = try StorageFixtures.open(moved, verify: true)
        XCTAssertThrowsError(try opened.verify()) { error in
            XCTAssertTrue("\(error)".contains("cue impacts: entry 1"), "\(error)")
        }
        // A document count that is not the index's, checksums resealed.
        var counted = bytes
        counted[section.offset + 4] &+= 1
        FuzzEntryPoints.reseal(&counted)
        XCTAssertThrowsError(try StorageFixtures.open(counted, verify: true).verify()) { error in
            XCTAssertTrue("\(error)".contains("cue impacts: \(Self.index.reader.docCount + 1) documents, the index has \(Self.index.reader.docCount)"), "\(error)")
        }
        // A flipped pair byte, checksums as written: the quote walk's read fails the search.
        var flipped = bytes
        flipped[section.offset + section.length - 1] ^= 0x10
        let damaged = try StorageFixtures.open(flipped, verify: true)
        XCTAssertThrowsError(try damaged.search("laptop home", options: SearchOptions(limit: 3))) { error in
            guard case SearchError.damagedIndex(let storage) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(storage, .checksumMismatch(path: "test.sbx", section: "cueImpacts"))
        }
        XCTAssertNoThrow(try StorageFixtures.open(flipped, verify: false).search("laptop home"))
    }
}
