import XCTest
@testable import Soundbite
import SoundbiteTestSupport

/// The streaming write (`IndexFileWriter`, `AtomicFile.write(to:layer:chunkSize:_:)`,
/// `SearchIndex.update(_:paths:writingTo:…)`): sections written in pieces
/// straight to the file give the bytes of the image assembled in memory,
/// whatever the threads, the memory budget and the chunk size, and a failed
/// or declined write leaves the old file alone.
final class StreamingWriteTests: XCTestCase {
    private var corpus: [String] {
        ["innovative-schools", "redesigning-schooling"].map { ReadmeExamples.packageRoot + "/Corpus/" + $0 }
    }

    /// Sections fed in odd-sized pieces that straddle the 64 KiB pages give
    /// the image `assemble` gives, and the page CRCs equal those of `pageTable`, encoded here from whole sections.
    func testSectionsWrittenInPiecesEqualTheAssembledImage() throws {
        var rng = SystemRandomNumberGenerator()
        let sizes = [0, 3, PageChecksums.pageSize, PageChecksums.pageSize + 1, 3 * PageChecksums.pageSize - 5, 1000]
        let kinds: [UInt32] = [IndexFormat.Section.meta.rawValue, IndexFormat.Section.postings.rawValue,
                               IndexFormat.Section.positions.rawValue, IndexFormat.Section.docs.rawValue,
                               IndexFormat.Section.cues.rawValue, 999]
        let sections = zip(kinds, sizes).map { kind, size in (kind, (0..<size).map { _ in UInt8.random(in: 0...255, using: &rng) }) }
        let reference = IndexFile.assemble(kinds: sections)
        for piece in [1, 7, 4096, 65_535, 70_000] {
            var w = try IndexFileWriter(MemorySink())
            for (kind, bytes) in sections {
                try w.beginSection(kind)
                var lo = 0
                while lo < bytes.count {
                    let hi = min(bytes.count, lo + piece)
                    try w.write(Array(bytes[lo..<hi]))
                    lo = hi
                }
                w.endSection()
            }
            let length = try w.finish()
            XCTAssertEqual(length, reference.count)
            XCTAssertTrue(w.sink.bytes == reference, "pieces of \(piece) bytes")
        }
        // The page table the writer computed is the one encoded from whole sections.
        let pages = try XCTUnwrap(PageTableReference.pageTable(sections))
        let explicit = IndexFile.assemble(kinds: sections + [(IndexFormat.Section.pageChecksums.rawValue, pages)], pageChecksums: false)
        XCTAssertTrue(explicit == reference)
    }

    /// `update(writingTo:)` writes exactly the file `update()` then `write(to:)`
    /// writes, on one or two threads, with no budget or a budget of 0 (every
    /// segment's postings spilled), and through small write chunks.
    func testTheStreamedFileEqualsTheImageInMemory() throws {
        let temp = try TemporaryFolder("streaming")
        defer { temp.remove() }
        let (index, _) = SearchIndex.update(nil, paths: corpus, options: IndexOptions(threads: 1, memoryBudget: .max),
                                            reader: CollectionReader(), filesPerSegment: 8)
        let reference = Array(index.reader.storage.bytes)
        for (threads, budget, chunk) in [(1, Int.max, AtomicFile.chunkSize), (2, Int.max, 4096), (1, 0, 1000), (2, 0, AtomicFile.chunkSize)] {
            let path = temp.path + "/t\(threads)-b\(budget)-c\(chunk).sbx"
            let (written, report) = try SearchIndex.update(nil, paths: corpus, writingTo: path,
                                                           options: IndexOptions(threads: threads, memoryBudget: budget),
                                                           reader: CollectionReader(), filesPerSegment: 2,
                                                           layer: PosixFileLayer(), chunkSize: chunk) { _ in true }
            XCTAssertGreaterThan(report.added, 20)
            let bytes = try XCTUnwrap(FileManager.default.contents(atPath: path))
            XCTAssertTrue([UInt8](bytes) == reference, "\(threads) threads, budget \(budget), chunk \(chunk)")
            let opened = try XCTUnwrap(written)
            XCTAssertEqual(opened.statistics.documents, index.statistics.documents)
            XCTAssertEqual(try opened.search("laptops").hits.map(\.score), try index.search("laptops").hits.map(\.score))
        }
    }

    /// The public streaming update over an existing file keeps its used
    /// ranges, as `update()` does in memory, and an update that reuses the
    /// file it replaces gives the fresh file.
    func testAStreamedUpdateKeepsUsedRangesAndEqualsTheInMemoryUpdate() throws {
        let temp = try TemporaryFolder("streaming-used")
        defer { temp.remove() }
        let path = temp.path + "/index.sbx"
        let first = SearchIndex(building: corpus.map { CollectionReader().read($0) })
        let id = try XCTUnwrap(first.interviewIDs.first)
        try first.withUsedRanges(UsedRanges([(interview: id, range: 10..<20)])).write(to: path)
        let old = try SearchIndex(contentsOf: path)
        let (inMemory, _) = SearchIndex.update(old, paths: corpus)
        let (streamed, report) = try SearchIndex.update(old, paths: corpus, writingTo: path)
        XCTAssertGreaterThan(report.unchanged, 20)
        XCTAssertEqual(report.added, 0)
        XCTAssertEqual(streamed?.usedRanges, inMemory.usedRanges)
        XCTAssertFalse(inMemory.usedRanges.isEmpty)
        let bytes = try XCTUnwrap(FileManager.default.contents(atPath: path))
        XCTAssertTrue([UInt8](bytes) == Array(inMemory.reader.storage.bytes))
    }

    /// Declining in `shouldWrite` writes nothing; a write that fails part
    /// way leaves the old file as it was and no temporary file behind.
    func testADeclinedOrFailedStreamedWriteLeavesTheOldFile() throws {
        let temp = try TemporaryFolder("streaming-fail")
        defer { temp.remove() }
        let path = temp.path + "/index.sbx"
        let old = Array("not really an index".utf8)
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data(old)))
        var seen: IndexUpdateReport?
        let (declined, _) = try SearchIndex.update(nil, paths: corpus, writingTo: path) { seen = $0; return false }
        XCTAssertNil(declined)
        XCTAssertGreaterThan(seen?.added ?? 0, 20)
        XCTAssertEqual(FileManager.default.contents(atPath: path).map { [UInt8]($0) }, old)
        for failAt in [2, 5, 9] {
            let layer = FailingFileLayer(failAt: failAt)
            XCTAssertThrowsError(try SearchIndex.update(nil, paths: corpus, writingTo: path, options: IndexOptions(),
                                                        reader: CollectionReader(), filesPerSegment: 8, layer: layer,
                                                        chunkSize: 16 * 1024) { _ in true }, "failing call \(failAt)")
            XCTAssertEqual(FileManager.default.contents(atPath: path).map { [UInt8]($0) }, old)
            XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: temp.path), ["index.sbx"])
        }
    }
}

/// The stored text encoded as it arrives equals the section encoded from the whole text.
final class StoredTextEncoderTests: XCTestCase {
    func testTheIncrementalEncoderGivesTheWholeTextsSection() throws {
        var rng = SystemRandomNumberGenerator()
        let words = ["the ", "orchard ", "laptops ", "dinner ", "school ", "é ", "students "]
        var text: [UInt8] = []
        while text.count < 3 * StoredText.Encoder.batchBlocks * 1024 + 777 { text += Array(words.randomElement(using: &rng)!.utf8) }
        for (blockSize, piece) in [(1024, 1), (1024, 1000), (1024, 1 << 20), (4096, 5000), (StoredText.blockSize, 70_000)] {
            let reference = StoredText.encode(text, blockSize: blockSize)
            var encoder = StoredText.Encoder(blockSize: blockSize)
            var lo = 0
            while lo < text.count {
                let hi = min(text.count, lo + piece)
                encoder.append(Array(text[lo..<hi]))
                lo = hi
            }
            var w = try IndexFileWriter(MemorySink())
            try w.beginSection(IndexFormat.Section.storedText.rawValue)
            try encoder.finish(into: &w)
            w.endSection()
            try w.finish()
            XCTAssertTrue(w.sink.bytes == IndexFile.assemble(kinds: [(IndexFormat.Section.storedText.rawValue, reference)]),
                          "block \(blockSize), pieces of \(piece)")
        }
    }
}

/// The page table written independently of the library, from FORMAT.md.
enum PageTableReference {
    /// The `pageChecksums` section for `sections` (raw kind, bytes), written
    /// here from FORMAT.md as an independent reference for the streaming writer.
    static func pageTable(_ sections: [(UInt32, [UInt8])]) -> [UInt8]? {
        let size = PageChecksums.pageSize
        let covered = sections.filter { PageChecksums.lazyKinds.contains($0.0) }
        guard !covered.isEmpty else { return nil }
        var out: [UInt8] = []
        func u32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) } }
        u32(UInt32(size))
        u32(UInt32(covered.count))
        for (kind, bytes) in covered {
            let pages = (bytes.count + size - 1) / size
            u32(kind)
            u32(UInt32(pages))
            bytes.withUnsafeBytes { b in
                for p in 0..<pages { u32(CRC32C.checksum(UnsafeRawBufferPointer(rebasing: b[(p * size)..<min(b.count, (p + 1) * size)]))) }
            }
        }
        return out
    }
}
