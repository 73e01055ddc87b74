import Foundation
import XCTest
import SoundbiteCLI
import SoundbiteTestSupport

/// `soundbite index --memory MiB` bounds the postings held in memory; the
/// file is the same whatever the budget and the thread count.
final class IndexMemoryCLITests: XCTestCase {
    func testTheIndexFileIsTheSameWhateverTheMemoryBudgetAndThreads() throws {
        let temp = try TemporaryFolder("memory")
        defer { temp.remove() }
        var files: [[UInt8]] = []
        for (k, extra) in [[], ["--memory", "0"], ["--memory", "0", "--threads", "2"], ["--threads", "1"]].enumerated() {
            let path = temp.path("\(k).sbx")
            let r = SoundbiteCommand.capture(["index", CLITests.corpus, "-o", path] + extra)
            XCTAssertEqual(r.status, 0, r.err)
            files.append(try XCTUnwrap(FileManager.default.contents(atPath: path)).map { $0 })
        }
        XCTAssertGreaterThan(files[0].count, 10_000)
        for (k, f) in files.enumerated() { XCTAssertTrue(f == files[0], "run \(k)") }
        let bad = SoundbiteCommand.capture(["index", CLITests.corpus, "-o", temp.path("x.sbx"), "--memory", "lots"])
        XCTAssertEqual(bad.status, 2)
        XCTAssertTrue(bad.err.contains("--memory"), bad.err)
    }
}
