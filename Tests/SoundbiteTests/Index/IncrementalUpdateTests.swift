import XCTest
@testable import Soundbite
import SoundbiteTestSupport

/// `SearchIndex.update`: only new and changed transcripts are read, and the
/// result equals a fresh build of the same files, byte for byte.
final class IncrementalUpdateTests: XCTestCase {
    private var temp: TemporaryFolder?
    private var folder: String { temp?.path ?? "/nonexistent" }

    override func setUpWithError() throws {
        temp = try TemporaryFolder("update")
    }

    override func tearDownWithError() throws {
        temp?.remove()
        temp = nil
    }

    /// A small WebVTT transcript, different for each seed.
    private func vtt(_ seed: UInt64, cues: Int = 14) -> String {
        var rng = SyntheticCorpus.RNG(state: seed)
        var text = "WEBVTT\n\n"
        var t = 0
        for c in 0..<cues {
            let (speaker, _) = SyntheticCorpus.speakers[Int(rng.next() % 4)]
            let words = 5 + Int(rng.next() % 10)
            text += "\(c + 1)\n\(stamp(t)) --> \(stamp(t + 4))\n<v \(speaker)>\(SyntheticCorpus.sentence(words, &rng)).\n\n"
            t += 5
        }
        return text
    }

    private func stamp(_ s: Int) -> String {
        let pad = { (n: Int) in n < 10 ? "0\(n)" : "\(n)" }
        return "\(pad(s / 3600)):\(pad(s / 60 % 60)):\(pad(s % 60)).000"
    }

    private func write(_ relative: String, _ text: String, in collection: String = "a") throws {
        let path = folder + "/" + collection + "/" + relative
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: path, atomically: false, encoding: .utf8)
    }

    private func remove(_ relative: String, in collection: String = "a") throws {
        try FileManager.default.removeItem(atPath: folder + "/" + collection + "/" + relative)
    }

    private var roots: [String] { [folder + "/a", folder + "/b"].filter { FileManager.default.fileExists(atPath: $0) } }

    /// Updates `old` and checks the result against a fresh build: same bytes,
    /// same top 10 with the same scores.
    @discardableResult
    private func update(_ old: SearchIndex?, expect: (added: Int, updated: Int, removed: Int, unchanged: Int),
                        file: StaticString = #filePath, line: UInt = #line) throws -> SearchIndex {
        // Through a file, as the CLI does.
        var reopened: SearchIndex?
        if let old {
            try old.write(to: folder + "/index.sbx")
            reopened = try SearchIndex(contentsOf: folder + "/index.sbx")
        }
        let (index, report) = SearchIndex.update(reopened, paths: roots)
        XCTAssertNil(report.rebuildReason, file: file, line: line)
        XCTAssertEqual(report.added, expect.added, "added", file: file, line: line)
        XCTAssertEqual(report.updated, expect.updated, "updated", file: file, line: line)
        XCTAssertEqual(report.removed, expect.removed, "removed", file: file, line: line)
        XCTAssertEqual(report.unchanged, expect.unchanged, "unchanged", file: file, line: line)
        let (fresh, freshReport) = SearchIndex.update(nil, paths: roots)
        XCTAssertEqual(freshReport.added, index.interviewIDs.count, file: file, line: line)
        XCTAssertEqual(StorageFixtures.answers(index), StorageFixtures.answers(fresh), "top 10 differ", file: file, line: line)
        XCTAssertTrue(StorageFixtures.bytes(index) == StorageFixtures.bytes(fresh), "images differ", file: file, line: line)
        // And ranks the same as the plain in-memory build of the collections.
        let built = SearchIndex(building: roots.map { CollectionReader().read($0) })
        XCTAssertEqual(StorageFixtures.answers(index), StorageFixtures.answers(built), file: file, line: line)
        return index
    }

    func testAddChangeDeleteEqualsAFreshBuild() throws {
        for i in 0..<6 { try write("int-\(i).vtt", vtt(UInt64(i))) }
        try write("sub/deep.vtt", vtt(100))
        var index = try update(nil, expect: (7, 0, 0, 0))
        index = try update(index, expect: (0, 0, 0, 7))

        try write("int-6.vtt", vtt(6))                      // added, sorts after int-5
        try write("aa-first.vtt", vtt(7))                   // added, sorts first: every doc id shifts
        index = try update(index, expect: (2, 0, 0, 7))

        try write("int-2.vtt", vtt(22))                     // changed content and size
        try remove("int-4.vtt")                             // deleted
        index = try update(index, expect: (0, 1, 1, 7))

        try write("int-3.vtt", vtt(3).replacingOccurrences(of: "WEBVTT\n", with: "WEBVTT \n"))  // one byte more
        try write("int-5.vtt", vtt(5))                      // rewritten, same bytes: unchanged by hash
        index = try update(index, expect: (0, 1, 0, 7))

        try write("b1.vtt", vtt(200), in: "b")              // a second collection
        index = try update(index, expect: (1, 0, 0, 8))
        try remove("int-0.vtt")
        try remove("sub/deep.vtt")
        try write("b1.vtt", vtt(201), in: "b")
        index = try update(index, expect: (0, 1, 2, 6))
        XCTAssertGreaterThan(index.documentCount, 20)
    }

    func testTouchedButUnchangedFileIsNotReadAgain() throws {
        for i in 0..<3 { try write("int-\(i).vtt", vtt(UInt64(i))) }
        let index = try update(nil, expect: (3, 0, 0, 0))
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: 3600)],
                                              ofItemAtPath: folder + "/a/int-1.vtt")
        try update(index, expect: (0, 0, 0, 3))
    }

    /// `sed -i` then `touch -r`: same size, same mtime, other words. The
    /// update must read the file again and equal a fresh build.
    func testAnEditKeepingSizeAndModificationTimeIsSeen() throws {
        for i in 0..<3 { try write("int-\(i).vtt", vtt(UInt64(i))) }
        try write("int-1.vtt", vtt(1) + "99\n00:09:00.000 --> 00:09:04.000\n<v Ruth Okafor>the kettle boiled.\n")
        let index = try update(nil, expect: (3, 0, 0, 0))
        let path = folder + "/a/int-1.vtt"
        var before = stat()
        XCTAssertEqual(stat(path, &before), 0)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try text.replacingOccurrences(of: "kettle", with: "teapot").write(toFile: path, atomically: true, encoding: .utf8)
        var times = [before.st_atim, before.st_mtim]
        XCTAssertEqual(utimensat(AT_FDCWD, path, &times, 0), 0)
        var after = stat()
        XCTAssertEqual(stat(path, &after), 0)
        XCTAssertEqual(after.st_size, before.st_size)
        XCTAssertEqual(after.st_mtim.tv_sec, before.st_mtim.tv_sec)
        XCTAssertEqual(after.st_mtim.tv_nsec, before.st_mtim.tv_nsec)
        XCTAssertEqual(try index.search("teapot").total, 0)
        let updated = try update(index, expect: (0, 1, 0, 2))
        XCTAssertEqual(try updated.search("teapot").total, 1)
        XCTAssertEqual(try updated.search("kettle").total, 0)
        // In place this time (same inode): overwrite the word, put the times back.
        let offset = try XCTUnwrap(try String(contentsOfFile: path, encoding: .utf8).utf8.firstRange(of: "teapot".utf8))
        let handle = try XCTUnwrap(FileHandle(forWritingAtPath: path))
        try handle.seek(toOffset: UInt64(text.utf8.distance(from: text.utf8.startIndex, to: offset.lowerBound)))
        try handle.write(contentsOf: Data("saucer".utf8))
        try handle.close()
        XCTAssertEqual(utimensat(AT_FDCWD, path, &times, 0), 0)
        XCTAssertEqual(stat(path, &after), 0)
        XCTAssertEqual(after.st_size, before.st_size)
        XCTAssertEqual(after.st_mtim.tv_nsec, before.st_mtim.tv_nsec)
        let again = try update(updated, expect: (0, 1, 0, 2))
        XCTAssertEqual(try again.search("saucer").total, 1)
        XCTAssertEqual(try again.search("teapot").total, 0)
    }

    func testAChangedManifestEntryCountsAsAChange() throws {
        for i in 0..<4 { try write("int-\(i).vtt", vtt(UInt64(i))) }
        let manifest = { (title: String, role: String) in
            """
            { "name": "Test", "roles": { "Ruth Okafor": "\(role)" },
              "interviews": { "int-1.vtt": { "id": "one", "title": "\(title)", "fields": { "school": "Hillside" } } } }
            """
        }
        try write("collection.json", manifest("First", "head teacher"))
        var index = try update(nil, expect: (4, 0, 0, 0))
        XCTAssertEqual(index.transcript(of: "one")?.title, "First")
        index = try update(index, expect: (0, 0, 0, 4))

        try write("collection.json", manifest("Second", "head teacher"))   // one entry changed
        index = try update(index, expect: (0, 1, 0, 3))
        XCTAssertEqual(index.transcript(of: "one")?.title, "Second")

        try write("collection.json", manifest("Second", "principal"))      // collection roles: every interview
        index = try update(index, expect: (0, 4, 0, 0))
        XCTAssertEqual(try index.search("role:principal").total > 0, true)
    }

    func testWarningsAndSkippedFilesMatchAFreshBuild() throws {
        for i in 0..<3 { try write("int-\(i).vtt", vtt(UInt64(i))) }
        try write("bad.vtt", "WEBVTT\n\nno timing here\nhello\n\n00:00:01.000 --> 00:00:02.000\nfine words here\n")
        try write("binary.txt", String(decoding: [0xFF, 0xFE, 0x00, 0x00, 0xC3], as: UTF8.self) + "\u{0}\u{0}")
        var index = try update(nil, expect: (index0Count(), 0, 0, 0))
        let fresh = index.statistics
        index = try update(index, expect: (0, 0, 0, index0Count()))
        XCTAssertEqual(index.statistics.warnings, fresh.warnings)
        XCTAssertEqual(index.statistics.skipped, fresh.skipped)
        XCTAssertGreaterThan(fresh.warnings, 0)
    }

    private func index0Count() -> Int { SearchIndex.update(nil, paths: roots).0.interviewIDs.count }

    func testOtherOptionsOrADamagedIndexRebuild() throws {
        for i in 0..<3 { try write("int-\(i).vtt", vtt(UInt64(i))) }
        let (index, _) = SearchIndex.update(nil, paths: roots)
        let (other, report) = SearchIndex.update(index, paths: roots, options: IndexOptions(passageWords: 30))
        XCTAssertNotNil(report.rebuildReason)
        XCTAssertEqual(report.added, 3)
        XCTAssertEqual(StorageFixtures.bytes(other), StorageFixtures.bytes(SearchIndex.update(nil, paths: roots, options: IndexOptions(passageWords: 30)).0))
        // A damaged postings section (open without verification) is not reused.
        var bytes = StorageFixtures.bytes(index)
        let postings = try bytes.withUnsafeBytes { try SectionTable(of: $0, path: "x")[.postings] }
        bytes[postings.offset + postings.length / 2] ^= 0x40
        let damaged = try StorageFixtures.open(bytes, verify: false)
        let (rebuilt, damagedReport) = SearchIndex.update(damaged, paths: roots)
        XCTAssertNotNil(damagedReport.rebuildReason)
        XCTAssertEqual(damagedReport.added, 3)
        XCTAssertEqual(StorageFixtures.bytes(rebuilt), StorageFixtures.bytes(index))
    }

    func testAFailedWriteOfAnUpdateKeepsThePreviousIndex() throws {
        for i in 0..<4 { try write("int-\(i).vtt", vtt(UInt64(i))) }
        let path = folder + "/index.sbx"
        let (first, _) = SearchIndex.update(nil, paths: roots)
        try first.write(to: path)
        let before = StorageFixtures.answers(first)
        try write("int-9.vtt", vtt(9))
        try remove("int-1.vtt")
        var failAt = 1
        while true {
            let old = try SearchIndex(contentsOf: path)
            let (next, report) = SearchIndex.update(old, paths: roots)
            XCTAssertEqual(report.unchanged, 3)
            let layer = FailingFileLayer(failAt: failAt)
            do {
                try next.write(to: path, layer: layer, chunkSize: 512)
                break
            } catch {
                let index = try SearchIndex(contentsOf: path)
                try index.verify()
                if !layer.log.contains("openDirectory") {
                    XCTAssertEqual(StorageFixtures.answers(index), before, "failing call \(failAt)")
                } else {
                    try first.write(to: path)   // failed after the rename: start again from the old index
                }
                XCTAssertEqual(TemporaryFolder.names(in: folder), ["a", "index.sbx"])
            }
            failAt += 1
        }
        XCTAssertGreaterThan(failAt, 6)
        let final = try SearchIndex(contentsOf: path)
        XCTAssertEqual(StorageFixtures.bytes(final), StorageFixtures.bytes(SearchIndex.update(nil, paths: roots).0))
    }
}
