import Foundation
import XCTest
@testable import Soundbite
import SoundbiteTestSupport

/// A failed or interrupted write (an I/O error at any call, a full disk at
/// any byte) leaves the previous index intact and no temporary file behind.
final class AtomicWriteTests: XCTestCase {
    /// Chunk size for these tests, so that a small index takes many write calls.
    let chunk = 1024

    private func check(previous: SearchIndex?, next: SearchIndex, folder: String,
                       write: (String) throws(StorageError) -> Void, label: String) throws -> Bool {
        let path = folder + "/index.sbx"
        try? FileManager.default.removeItem(atPath: path)
        if let previous { try previous.write(to: path) }
        let previousAnswers = previous.map(StorageFixtures.answers)
        let nextAnswers = StorageFixtures.answers(next)
        do {
            try write(path)
        } catch {
            XCTAssertTrue(error.description.contains(folder), "\(label): \(error)")
            XCTAssertEqual(TemporaryFolder.names(in: folder).filter { $0 != "index.sbx" }, [],
                           "\(label): a temporary file was left behind")
            if !FileManager.default.fileExists(atPath: path) {
                XCTAssertNil(previous, "\(label): the previous index vanished")
                return false
            }
            // The file is whole: the previous index or (when the failure came
            // after the rename, at the folder fsync) the new one.
            let index = try SearchIndex(contentsOf: path)
            try index.verify()
            let answers = StorageFixtures.answers(index)
            XCTAssertTrue(answers == previousAnswers || answers == nextAnswers, "\(label): mixed content")
            return false
        }
        XCTAssertEqual(TemporaryFolder.names(in: folder), ["index.sbx"], label)
        let index = try SearchIndex(contentsOf: path)
        XCTAssertEqual(StorageFixtures.answers(index), nextAnswers, label)
        return true
    }

    private func failEveryCall(previous: SearchIndex?, next: SearchIndex) throws {
        let temp = try TemporaryFolder("storage")
        defer { temp.remove() }
        let folder = temp.path
        var failAt = 1
        var sawOldAfterFailureBeforeRename = 0
        while true {
            let layer = FailingFileLayer(failAt: failAt)
            let done = try check(previous: previous, next: next, folder: folder, write: { path throws(StorageError) in
                try next.write(to: path, layer: layer, chunkSize: chunk)
            }, label: "failing call \(failAt)")
            if done { XCTAssertLessThan(layer.calls, failAt); break }
            let failed = layer.log[failAt - 1]
            if !layer.log.contains("rename") || failed == "rename", let previous {
                // Before the rename took effect the old index must be there, unchanged.
                let index = try SearchIndex(contentsOf: folder + "/index.sbx")
                XCTAssertEqual(StorageFixtures.answers(index), StorageFixtures.answers(previous), "failing \(failed) #\(failAt)")
                sawOldAfterFailureBeforeRename += 1
            }
            failAt += 1
            XCTAssertLessThan(failAt, 10_000)
        }
        // create, ≥ 2 writes, fsync, rename, open folder, fsync folder.
        XCTAssertGreaterThanOrEqual(failAt, 7)
        if previous != nil { XCTAssertGreaterThan(sawOldAfterFailureBeforeRename, 4) }
    }

    private func fillTheDiskAtEveryByte(previous: SearchIndex?, next: SearchIndex, step: Int) throws {
        let temp = try TemporaryFolder("storage")
        defer { temp.remove() }
        let folder = temp.path
        let size = next.image.count
        var capacities = Array(stride(from: 0, to: size, by: step))
        capacities += [size - 1, size - IndexFormat.footerSize, size]
        for capacity in capacities {
            let layer = FullDiskFileLayer(capacity: capacity)
            let done = try check(previous: previous, next: next, folder: folder, write: { path throws(StorageError) in
                try next.write(to: path, layer: layer, chunkSize: chunk)
            }, label: "disk full after \(capacity) bytes")
            XCTAssertEqual(done, capacity >= size, "capacity \(capacity)")
            if !done, let previous {
                let index = try SearchIndex(contentsOf: folder + "/index.sbx")
                XCTAssertEqual(StorageFixtures.answers(index), StorageFixtures.answers(previous))
            }
        }
    }

    /// A crash mid-write leaves `.NAME.tmp-PID-RAND`; the next successful
    /// write of NAME removes it once process PID is gone, and keeps the
    /// temporaries of live processes, of other targets and odd names.
    func testStaleTemporariesOfDeadWritersAreRemoved() throws {
        let temp = try TemporaryFolder("storage")
        defer { temp.remove() }
        let folder = temp.path
        let dead: Int32 = 2_147_483_000   // above any pid_max: no such process
        let names = [
            ".index.sbx.tmp-\(dead)-12345",          // removed
            ".index.sbx.tmp-\(dead + 1)-7",          // removed
            ".index.sbx.tmp-\(getpid())-99",         // this process: maybe a write in progress
            ".index.sbx.tmp-1-5",                     // pid 1 lives
            ".other.sbx.tmp-\(dead)-1",              // another target
            ".index.sbx.tmp-\(dead)-x",              // not our pattern
            ".index.sbx.tmp-\(dead)",
        ]
        for n in names { XCTAssertTrue(FileManager.default.createFile(atPath: folder + "/" + n, contents: Data([1, 2, 3]))) }
        try StorageFixtures.smallIndex().write(to: folder + "/index.sbx")
        let expected = (["index.sbx"] + names.dropFirst(2)).sorted()
        XCTAssertEqual(temp.names(), expected)
        // A bare name (the current folder) is cleaned the same way.
        try temp.withCurrentDirectory {
            XCTAssertTrue(FileManager.default.createFile(atPath: ".index.sbx.tmp-\(dead)-3", contents: Data([1])))
            try StorageFixtures.smallIndex().write(to: "index.sbx")
        }
        XCTAssertEqual(temp.names(), expected)
    }

    func testFailingAnyCallWhileCreatingLeavesNothingBehind() throws {
        try failEveryCall(previous: nil, next: StorageFixtures.smallIndex(interviews: 4, cues: 30))
    }

    func testFailingAnyCallWhileReplacingKeepsThePreviousIndex() throws {
        try failEveryCall(previous: StorageFixtures.smallIndex(interviews: 3, cues: 20, seed: 1),
                          next: StorageFixtures.smallIndex(interviews: 4, cues: 30, seed: 2))
    }

    func testFullDiskWhileCreatingLeavesNothingBehind() throws {
        try fillTheDiskAtEveryByte(previous: nil, next: StorageFixtures.smallIndex(interviews: 4, cues: 30), step: 997)
    }

    func testFullDiskWhileReplacingKeepsThePreviousIndex() throws {
        try fillTheDiskAtEveryByte(previous: StorageFixtures.smallIndex(interviews: 3, cues: 20, seed: 1),
                                   next: StorageFixtures.smallIndex(interviews: 4, cues: 30, seed: 2), step: 997)
    }

    func testWritingOverAFolderFailsCleanly() throws {
        let temp = try TemporaryFolder("storage")
        defer { temp.remove() }
        let folder = temp.path
        try FileManager.default.createDirectory(atPath: folder + "/taken", withIntermediateDirectories: false)
        XCTAssertThrowsError(try StorageFixtures.smallIndex().write(to: folder + "/taken"))
        XCTAssertEqual(temp.names(), ["taken"])
        XCTAssertThrowsError(try StorageFixtures.smallIndex().write(to: folder + "/missing/sub/x.sbx"))
    }
}
