import Foundation
import XCTest
@testable import Soundbite
import SoundbiteTestSupport

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where `SearchIndex.write(to:)` writes and what it refuses: symbolic links
/// are followed to their target, the target's mode and owner survive a
/// rewrite, non-regular files are never replaced or opened, and a failed
/// write names the index rather than its temporary file.
final class IndexTargetTests: XCTestCase {
    private var temp: TemporaryFolder?
    private var folder: String { temp?.path ?? "/nonexistent" }

    override func setUpWithError() throws { temp = try TemporaryFolder("index-target") }
    override func tearDown() {
        temp?.remove()
        temp = nil
    }

    private func lstatType(_ path: String) -> mode_t {
        var st = stat()
        return lstat(path, &st) == 0 ? st.st_mode & S_IFMT : 0
    }

    func testAFullDiskNamesTheIndexNotTheTemporaryFile() throws {
        let path = folder + "/named.sbx"
        let index = StorageFixtures.smallIndex(interviews: 4, cues: 30)
        for capacity in [0, 1000, index.image.count - 1] {
            XCTAssertThrowsError(try index.write(to: path, layer: FullDiskFileLayer(capacity: capacity), chunkSize: 512)) { error in
                let message = "\(error)"
                XCTAssertTrue(message.hasPrefix(path + ": write failed: "), message)
                XCTAssertTrue(message.contains("No space left on device"), message)
                XCTAssertFalse(message.contains(".tmp-"), message)
            }
        }
        // Every other failing call names it too (the folder fsync after the rename names the folder).
        for failAt in 1...4 {
            let layer = FailingFileLayer(failAt: failAt)
            XCTAssertThrowsError(try index.write(to: path, layer: layer, chunkSize: 1 << 20)) { error in
                XCTAssertFalse("\(error)".contains(".tmp-"), "\(layer.log.last ?? ""): \(error)")
                XCTAssertTrue("\(error)".hasPrefix(path + ": "), "\(error)")
            }
        }
        XCTAssertEqual(TemporaryFolder.names(in: folder), [])
    }

    /// The kernel's own "disk full": the temporary file is created as usual,
    /// but its bytes go to `/dev/full`, whose every write fails with ENOSPC.
    func testTheKernelsNoSpaceErrorNamesTheIndexAndKeepsThePreviousOne() throws {
        final class DevFullLayer: FileLayer, @unchecked Sendable {
            let posix = PosixFileLayer()
            func create(_ path: String) throws(StorageError) -> Int32 {
                posix.close(try posix.create(path))
                let fd = open("/dev/full", O_WRONLY | O_CLOEXEC)
                guard fd >= 0 else { throw .io(path: "/dev/full", operation: "open", errno: errno) }
                return fd
            }
            func write(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, path: String) throws(StorageError) -> Int {
                try posix.write(fd, bytes, path: path)
            }
            func sync(_ fd: Int32, path: String) throws(StorageError) { try posix.sync(fd, path: path) }
            func close(_ fd: Int32) { posix.close(fd) }
            func rename(_ from: String, _ to: String) throws(StorageError) { try posix.rename(from, to) }
            func openDirectory(_ path: String) throws(StorageError) -> Int32 { try posix.openDirectory(path) }
            func remove(_ path: String) { posix.remove(path) }
        }
        try XCTSkipUnless(FileManager.default.isWritableFile(atPath: "/dev/full"), "no /dev/full here")
        let path = folder + "/kept.sbx"
        let previous = StorageFixtures.smallIndex(seed: 1)
        try previous.write(to: path)
        XCTAssertThrowsError(try StorageFixtures.smallIndex(seed: 2).write(to: path, layer: DevFullLayer())) { error in
            XCTAssertEqual("\(error)", path + ": write failed: No space left on device")
        }
        XCTAssertEqual(TemporaryFolder.names(in: folder), ["kept.sbx"])
        XCTAssertEqual(StorageFixtures.answers(try SearchIndex(contentsOf: path)), StorageFixtures.answers(previous))
    }

    func testWritingThroughALinkUpdatesItsTargetAndKeepsTheLink() throws {
        try FileManager.default.createDirectory(atPath: folder + "/store", withIntermediateDirectories: false)
        XCTAssertEqual(symlink("store/real.sbx", folder + "/current.sbx"), 0)
        let first = StorageFixtures.smallIndex(seed: 1), second = StorageFixtures.smallIndex(seed: 2)
        try first.write(to: folder + "/current.sbx")            // a dangling link: the target is created
        XCTAssertEqual(lstatType(folder + "/current.sbx"), S_IFLNK)
        XCTAssertEqual(lstatType(folder + "/store/real.sbx"), S_IFREG)
        try second.write(to: folder + "/current.sbx")
        XCTAssertEqual(lstatType(folder + "/current.sbx"), S_IFLNK)
        XCTAssertEqual(StorageFixtures.answers(try SearchIndex(contentsOf: folder + "/store/real.sbx")),
                       StorageFixtures.answers(second))
        XCTAssertEqual(TemporaryFolder.names(in: folder + "/store"), ["real.sbx"])
        XCTAssertEqual(TemporaryFolder.names(in: folder), ["current.sbx", "store"])
    }

    func testALinkLoopIsAnErrorAndWritesNothing() throws {
        XCTAssertEqual(symlink("b.sbx", folder + "/a.sbx"), 0)
        XCTAssertEqual(symlink("a.sbx", folder + "/b.sbx"), 0)
        XCTAssertThrowsError(try StorageFixtures.smallIndex().write(to: folder + "/a.sbx")) { error in
            XCTAssertTrue("\(error)".contains("a.sbx"), "\(error)")
        }
        XCTAssertEqual(lstatType(folder + "/a.sbx"), S_IFLNK)
        XCTAssertEqual(TemporaryFolder.names(in: folder), ["a.sbx", "b.sbx"])
    }

    func testARewriteKeepsThePermissionBits() throws {
        let path = folder + "/private.sbx"
        try StorageFixtures.smallIndex(seed: 1).write(to: path)
        for mode: mode_t in [0o600, 0o640, 0o444] {
            XCTAssertEqual(chmod(path, mode), 0)
            try StorageFixtures.smallIndex(seed: UInt64(mode)).write(to: path)
            var st = stat()
            XCTAssertEqual(stat(path, &st), 0)
            XCTAssertEqual(st.st_mode & 0o7777, mode)
        }
    }

    func testNonRegularFilesAreNeitherReplacedNorOpened() throws {
        let fifo = folder + "/pipe.sbx"
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        try FileManager.default.createDirectory(atPath: folder + "/dir.sbx", withIntermediateDirectories: false)
        XCTAssertEqual(symlink("pipe.sbx", folder + "/to-pipe.sbx"), 0)
        for path in [fifo, folder + "/dir.sbx", folder + "/to-pipe.sbx"] {
            XCTAssertThrowsError(try StorageFixtures.smallIndex().write(to: path)) { error in
                guard case StorageError.notRegularFile(let named, _) = error else { return XCTFail("\(error)") }
                XCTAssertEqual(named, path)
            }
            // Opening returns at once (a FIFO without a writer would block a plain open).
            XCTAssertThrowsError(try SearchIndex(contentsOf: path)) { error in
                guard case StorageError.notRegularFile = error else { return XCTFail("\(error)") }
                XCTAssertTrue("\(error)".contains("not a regular file"), "\(error)")
            }
        }
        XCTAssertEqual(lstatType(fifo), S_IFIFO)
        XCTAssertEqual(lstatType(folder + "/to-pipe.sbx"), S_IFLNK)
        XCTAssertEqual(TemporaryFolder.names(in: folder), ["dir.sbx", "pipe.sbx", "to-pipe.sbx"])
    }
}
