import Foundation
import XCTest
@testable import Soundbite
import SoundbiteTestSupport

/// Warnings and errors of a list, as `line: message` strings, for failure output.
func diagnosticsText(_ diagnostics: [Diagnostic]) -> String {
    diagnostics.map(\.description).joined(separator: "\n")
}

/// The one diagnostic whose message contains `fragment`; fails otherwise.
@discardableResult
func expectOne(_ diagnostics: [Diagnostic], containing fragment: String, file: String? = nil, line: Int? = nil,
               severity: Diagnostic.Severity = .warning,
               _ sourceFile: StaticString = #filePath, _ sourceLine: UInt = #line) -> Diagnostic? {
    let matches = diagnostics.filter { $0.message.contains(fragment) }
    XCTAssertEqual(matches.count, 1, "expected one diagnostic containing \u{201C}\(fragment)\u{201D} in:\n\(diagnosticsText(diagnostics))",
                   file: sourceFile, line: sourceLine)
    guard let d = matches.first else { return nil }
    XCTAssertEqual(d.severity, severity, d.description, file: sourceFile, line: sourceLine)
    if let file { XCTAssertEqual(d.file, file, d.description, file: sourceFile, line: sourceLine) }
    if let line { XCTAssertEqual(d.line, line, d.description, file: sourceFile, line: sourceLine) }
    return d
}

/// A cue's fields as a tuple-like string, to compare many fields at once.
func cueLine(_ cue: Cue) -> String {
    "\(cue.start)-\(cue.end) [\(cue.speaker)|\(cue.role)|\(cue.chapter)] \(cue.text) @\(cue.line)"
}

/// A raw cue's fields as a string.
func cueLine(_ cue: RawCue) -> String {
    "\(cue.start)-\(cue.end) [\(cue.label?.speaker ?? "-")|\(cue.label?.role ?? "-")] \(cue.text) @\(cue.line)"
}

/// The deterministic generator of fuzz-style ingest tests.
typealias IngestRandom = SplitMix64
