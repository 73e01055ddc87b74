import Foundation

/// Whole-file reads for small inputs (query files).
enum FileBytes {
    /// The bytes of `path`, or nil if it cannot be read.
    static func read(_ path: String) -> [UInt8]? {
        FileManager.default.contents(atPath: path).map { [UInt8]($0) }
    }
}
