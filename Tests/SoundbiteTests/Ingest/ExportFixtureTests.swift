import Foundation
import XCTest
@testable import Soundbite

/// A held-out set of tool exports (`Fixtures/exports/`, written by hand in
/// each tool's layout, not used to tune the readers), read as a folder the
/// way `soundbite index` reads it. `Fixtures/exports-expected/NAME.expected`
/// holds, for the export `NAME`, its format (`format⇥NAME`) and then one line
/// per cue: `start⇥end⇥speaker⇥text` (seconds with three decimals).
/// Every export must read exactly so: same format, cues, speakers, times and
/// words, no warnings.
final class ExportFixtureTests: XCTestCase {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures")

    func testEveryHeldOutExportReadsExactly() throws {
        let exports = Self.fixtures.appendingPathComponent("exports").path
        let expectedFolder = Self.fixtures.appendingPathComponent("exports-expected")
        let collection = CollectionReader().read(exports)
        XCTAssertEqual(collection.diagnostics, [], diagnosticsText(collection.diagnostics))
        XCTAssertEqual(collection.skippedFiles, [])
        let names = try FileManager.default.contentsOfDirectory(atPath: expectedFolder.path)
            .filter { $0.hasSuffix(".expected") }.map { String($0.dropLast(".expected".count)) }.sorted()
        XCTAssertEqual(collection.interviews.map(\.path).sorted(), names)
        for interview in collection.interviews {
            let text = try String(contentsOf: expectedFolder.appendingPathComponent(interview.path + ".expected"), encoding: .utf8)
            var lines = text.split(separator: "\n").map(String.init)
            let header = lines.removeFirst()
            XCTAssertEqual(header, "format\t" + (interview.format?.rawValue ?? "?"), interview.path)
            let got = interview.cues.map {
                String(format: "%.3f\t%.3f\t%@\t%@", $0.start, $0.end, $0.speaker, $0.text)
            }
            XCTAssertEqual(got, lines, interview.path)
        }
    }
}
