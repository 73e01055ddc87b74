import Foundation
import XCTest
import SoundbiteCLI
import SoundbiteTestSupport

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What `index -o` and `search -i` do with files that are not plain index
/// files (devices, FIFOs, symbolic links), with paths that do not exist, and
/// `-n 0`. Every run has a deadline, so a command that would hang fails the
/// test instead of stalling the suite.
final class FileSafetyCLITests: XCTestCase {
    private var temp: TemporaryFolder?
    private var folder: String { temp?.path ?? "/nonexistent" }

    override func setUpWithError() throws { temp = try TemporaryFolder("file-safety") }

    override func tearDown() {
        temp?.remove()
        temp = nil
    }

    /// Runs the CLI in-process on another thread; nil when it did not finish in `seconds`.
    func run(_ args: [String], seconds: Double = 20) -> (status: Int32, out: String, err: String)? {
        final class Box: @unchecked Sendable { var value: (status: Int32, out: String, err: String)? }
        let box = Box()
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            box.value = SoundbiteCommand.capture(args)
            done.signal()
        }
        guard done.wait(timeout: .now() + seconds) == .success else { return nil }
        return box.value
    }

    func fileType(_ path: String) -> mode_t {
        var st = stat()
        guard lstat(path, &st) == 0 else { return 0 }
        return st.st_mode & S_IFMT
    }

    /// A small collection of two invented interviews.
    func writeCollection(_ name: String = "talks", word: String = "laptops") throws -> String {
        let dir = folder + "/" + name
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n<v Ada Brook>The \(word) went home with every pupil.\n"
            .write(toFile: dir + "/one.vtt", atomically: false, encoding: .utf8)
        try "WEBVTT\n\n00:00:02.000 --> 00:00:05.000\n<v Cy Dale>We charged the \(word) overnight in the hall.\n"
            .write(toFile: dir + "/two.vtt", atomically: false, encoding: .utf8)
        return dir
    }

    // MARK: - -n 0

    func testLimitZeroPrintsNoHitsButTheTotal() throws {
        let schools = CLITests.schools
        let all = try XCTUnwrap(run(["search", "laptops", "-i", schools, "--format", "json"]))
        let none = try XCTUnwrap(run(["search", "laptops", "-i", schools, "--format", "json", "-n", "0"]))
        XCTAssertEqual(none.status, 0, none.err)
        let a = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(all.out.utf8)) as? [String: Any])
        let n = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(none.out.utf8)) as? [String: Any])
        XCTAssertEqual((n["hits"] as? [Any])?.count, 0)
        XCTAssertGreaterThan(a["total"] as? Int ?? 0, 0)
        XCTAssertEqual(n["total"] as? Int, a["total"] as? Int)
        XCTAssertEqual(n["facets"] as? NSDictionary, a["facets"] as? NSDictionary)
        let text = try XCTUnwrap(run(["search", "laptops", "-i", schools, "-n", "0"]))
        XCTAssertEqual(text.status, 0, text.err)
    }

    /// `--queries` reads a pipe as it streams, but an endless one is cut off with an error.
    func testAnEndlessQueriesFileIsAnErrorNotAHang() throws {
        let r = try XCTUnwrap(run(["search", "--queries", "/dev/zero", "-i", CLITests.schools], seconds: 60), "--queries /dev/zero hangs")
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.err.contains("/dev/zero") && r.err.contains("larger than"), r.err)
        let missing = try XCTUnwrap(run(["search", "--queries", folder + "/none.txt", "-i", CLITests.schools]))
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.err.contains("No such file"), missing.err)
    }

    // MARK: - Missing input

    func testIndexingAMissingPathFailsAndWritesNothing() throws {
        let output = folder + "/x.sbx"
        let r = try XCTUnwrap(run(["index", folder + "/nope", "-o", output]))
        XCTAssertEqual(r.status, 1, r.out)
        XCTAssertTrue(r.err.contains(folder + "/nope") && r.err.contains("does not exist"), r.err)
        XCTAssertFalse(FileManager.default.fileExists(atPath: output))
        // One good path and one missing one: still a failure, and still nothing written.
        let good = try writeCollection()
        let mixed = try XCTUnwrap(run(["index", good, folder + "/nope", "-o", output]))
        XCTAssertEqual(mixed.status, 1)
        XCTAssertFalse(FileManager.default.fileExists(atPath: output))
    }

    // MARK: - File names that are not UTF-8

    /// `caf\xE9.vtt` (Latin-1) is indexed, searchable, and shown escaped.
    func testATranscriptNamedInLatin1IsIndexedAndShownEscaped() throws {
        let talks = try writeCollection()
        let name = Array(talks.utf8) + Array("/caf".utf8) + [0xE9] + Array(".vtt\0".utf8)
        let fd = name.withUnsafeBufferPointer { p in
            p.baseAddress!.withMemoryRebound(to: CChar.self, capacity: name.count) { open($0, O_WRONLY | O_CREAT, 0o644) }
        }
        XCTAssertGreaterThanOrEqual(fd, 0)
        let text = Array("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Ines Pardo>Espresso for the staff room.\n".utf8)
        XCTAssertEqual(text.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }, text.count)
        close(fd)
        let output = folder + "/x.sbx"
        let r = try XCTUnwrap(run(["index", talks, "-o", output]))
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertTrue(r.out.contains("indexed 3 interviews") && r.out.contains("0 files skipped"), r.out + r.err)
        let hit = try XCTUnwrap(run(["search", "espresso", "-i", output, "--format", "json"]))
        XCTAssertTrue(hit.out.contains(#""interview":"caf\\xE9""#), hit.out)
    }

    // MARK: - -o and -i that are not regular files

    /// A character device of our own (mknod when allowed, else a link to /dev/null).
    func makeDevice(_ path: String) -> Bool {
        if mknod(path, S_IFCHR | 0o644, dev_t((1 << 8) | 3)) == 0 { return true }
        return symlink("/dev/null", path) == 0
    }

    func testIndexRefusesACharacterDeviceAsOutput() throws {
        let device = folder + "/dev.sbx"
        XCTAssertTrue(makeDevice(device))
        let before = fileType(device)
        let r = try XCTUnwrap(run(["index", try writeCollection(), "-o", device]))
        XCTAssertEqual(r.status, 1, r.out)
        XCTAssertTrue(r.err.contains("dev.sbx") && r.err.contains("not a regular file"), r.err)
        XCTAssertEqual(fileType(device), before, "the device was replaced")
        XCTAssertEqual(temp?.names(), ["dev.sbx", "talks"])
    }

    func testIndexRefusesAFIFOAsOutputWithoutHanging() throws {
        let fifo = folder + "/pipe.sbx"
        XCTAssertEqual(mkfifo(fifo, 0o644), 0)
        let r = try XCTUnwrap(run(["index", try writeCollection(), "-o", fifo]), "index -o FIFO hangs")
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.err.contains("pipe.sbx") && r.err.contains("not a regular file"), r.err)
        XCTAssertEqual(fileType(fifo), S_IFIFO)
    }

    func testSearchRefusesAFIFOAsIndexWithoutHanging() throws {
        let fifo = folder + "/pipe.sbx"
        XCTAssertEqual(mkfifo(fifo, 0o644), 0)
        let r = try XCTUnwrap(run(["search", "laptops", "-i", fifo]), "search -i FIFO hangs")
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.err.contains("pipe.sbx") && r.err.contains("not a regular file"), r.err)
        // A FIFO named like a transcript is not read as one either.
        let vtt = folder + "/pipe.vtt"
        XCTAssertEqual(mkfifo(vtt, 0o644), 0)
        let t = try XCTUnwrap(run(["search", "laptops", "-i", vtt]), "search -i FIFO.vtt hangs")
        XCTAssertEqual(t.status, 1)
        XCTAssertTrue(t.err.contains("pipe.vtt") && t.err.contains("not a regular file"), t.err)
        let device = folder + "/dev.sbx"
        XCTAssertTrue(makeDevice(device))
        let d = try XCTUnwrap(run(["stats", "-i", device]))
        XCTAssertEqual(d.status, 1)
        XCTAssertTrue(d.err.contains("not a regular file"), d.err)
    }

    /// `-o LINK` updates the file the link points to; the link stays a link.
    func testASymlinkedIndexIsWrittenThroughToItsTarget() throws {
        try FileManager.default.createDirectory(atPath: folder + "/real", withIntermediateDirectories: false)
        let target = folder + "/real/target.sbx"
        let link = folder + "/link.sbx"
        XCTAssertEqual(symlink("real/target.sbx", link), 0)   // relative to the link's folder
        let talks = try writeCollection(word: "laptops")
        let first = try XCTUnwrap(run(["index", talks, "-o", link]))
        XCTAssertEqual(first.status, 0, first.err)
        XCTAssertEqual(fileType(link), S_IFLNK)
        XCTAssertEqual(fileType(target), S_IFREG)
        // Change the collection and index again through the link.
        try "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n<v Ada Brook>Tablets replaced the old netbooks.\n"
            .write(toFile: talks + "/one.vtt", atomically: false, encoding: .utf8)
        let second = try XCTUnwrap(run(["index", talks, "-o", link]))
        XCTAssertEqual(second.status, 0, second.err)
        XCTAssertEqual(fileType(link), S_IFLNK)
        let viaTarget = try XCTUnwrap(run(["search", "tablets", "-i", target, "--format", "json"]))
        XCTAssertTrue(viaTarget.out.contains("\"total\":1"), viaTarget.out)
        XCTAssertEqual(temp?.names(in: "real"), ["target.sbx"])
        // A link to a link to a file that is not there yet: the file is created at the end of the chain.
        XCTAssertEqual(symlink("link2.sbx", folder + "/link1.sbx"), 0)
        XCTAssertEqual(symlink(folder + "/real/new.sbx", folder + "/link2.sbx"), 0)
        let third = try XCTUnwrap(run(["index", talks, "-o", folder + "/link1.sbx"]))
        XCTAssertEqual(third.status, 0, third.err)
        XCTAssertEqual(fileType(folder + "/link1.sbx"), S_IFLNK)
        XCTAssertEqual(fileType(folder + "/link2.sbx"), S_IFLNK)
        XCTAssertEqual(fileType(folder + "/real/new.sbx"), S_IFREG)
    }

    /// A rewrite keeps the index's permission bits (and, as root, its owner).
    func testARewriteKeepsModeAndOwner() throws {
        let output = folder + "/kept.sbx"
        let talks = try writeCollection()
        XCTAssertEqual(try XCTUnwrap(run(["index", talks, "-o", output])).status, 0)
        XCTAssertEqual(chmod(output, 0o640), 0)
        let chowned = geteuid() == 0 && chown(output, 4321, 8765) == 0
        try "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n<v Ada Brook>Something else entirely.\n"
            .write(toFile: talks + "/one.vtt", atomically: false, encoding: .utf8)
        let r = try XCTUnwrap(run(["index", talks, "-o", output]))
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertTrue(r.out.contains("updated 1"), r.out)
        var st = stat()
        XCTAssertEqual(stat(output, &st), 0)
        XCTAssertEqual(st.st_mode & 0o7777, 0o640)
        if chowned {
            XCTAssertEqual(st.st_uid, 4321)
            XCTAssertEqual(st.st_gid, 8765)
        }
    }
}
