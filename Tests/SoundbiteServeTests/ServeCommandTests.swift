import Foundation
import XCTest
import SoundbiteCLI

/// `soundbite serve`: its usage errors in-process, and the built executable
/// run for real: it prints its address, logs each request on stderr, and
/// stops on SIGTERM and SIGINT with exit status 0.
final class ServeCommandTests: XCTestCase {
    func testUsageErrors() {
        XCTAssertEqual(SoundbiteCommand.capture(["serve", "--help"]).status, 0)
        XCTAssertTrue(SoundbiteCommand.capture(["serve", "--help"]).out.contains("GET  /api/search?q=QUERY"))
        for bad in [["serve", "--port", "70000"], ["serve", "Corpus"], ["serve", "--token", ""], ["serve", "--token", "a b"],
                    ["serve", "--host", "example.org"], ["serve", "--workers", "0"], ["serve", "--bogus"]] {
            let r = SoundbiteCommand.capture(bad)
            XCTAssertEqual(r.status, 2, "\(bad): \(r.err)")
        }
        XCTAssertEqual(SoundbiteCommand.capture(["serve", "-i", "/nonexistent/index.sbx", "--port", "0"]).status, 1)
        XCTAssertTrue(SoundbiteCommand.capture(["--help"]).out.contains("serve"))
    }

    /// The `soundbite` executable beside the test bundle.
    static var executable: URL? {
        let candidates = [URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
                          Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent()]
        return candidates.map { $0.appendingPathComponent("soundbite") }.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    func testTheExecutableServesLogsAndStopsOnASignal() throws {
        guard let exe = Self.executable else { throw XCTSkip("the soundbite executable is not built beside the tests") }
        for signal in [SIGTERM, SIGINT] {
            let process = Process()
            process.executableURL = exe
            process.arguments = ["serve", "-i", ServerFixture.harbour, "--port", "0", "--host", "0.0.0.0"]
            let stderr = Pipe()
            process.standardError = stderr
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            var text = ""
            var port: Int?
            let deadline = Date().addingTimeInterval(60)
            while port == nil, Date() < deadline {
                let chunk = stderr.fileHandleForReading.availableData
                if chunk.isEmpty { break }
                text += String(decoding: chunk, as: UTF8.self)
                if let r = text.range(of: #"http://0\.0\.0\.0:(\d+)/"#, options: .regularExpression) {
                    port = Int(text[r].dropFirst("http://0.0.0.0:".count).dropLast())
                }
            }
            let p = try XCTUnwrap(port, text)
            XCTAssertTrue(text.contains("warning: listening on 0.0.0.0"), text)
            XCTAssertEqual(try HTTPTestClient(port: p).get("/api/stats").status, 200)
            kill(process.processIdentifier, signal)
            let stopBy = Date().addingTimeInterval(30)
            while process.isRunning && Date() < stopBy { usleep(10_000) }
            if process.isRunning { kill(process.processIdentifier, SIGKILL); XCTFail("did not stop on signal \(signal)") }
            process.waitUntilExit()
            text += String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            XCTAssertEqual(process.terminationStatus, 0, text)
            XCTAssertTrue(text.contains("\"GET /api/stats HTTP/1.1\" 200 "), text)
            XCTAssertTrue(text.hasSuffix("stopped\n"), text)
        }
    }
}
