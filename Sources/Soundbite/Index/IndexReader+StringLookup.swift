import Foundation

/// Case-insensitive lookup of string-table entries, for filters
/// (`role:Parent`, `--chapter "use of ict"`): built on first use, then
/// shared by every search on this reader.
///
/// The table sits behind an `NSLock` (a pthread mutex) rather than
/// `Synchronization.Mutex`: on Linux, ThreadSanitizer does not see Mutex's
/// futex as synchronization and reports races between accesses that the
/// lock orders (seen with Swift 6.3.1 on a two-thread counter), which made
/// `.ci/tsan` fail now and then.
final class StringLookup: @unchecked Sendable {
    private let lock = NSLock()
    private var table: [String: [UInt32]]?

    /// The ids of every string whose lower-cased form is `key`.
    func ids(_ key: String, in strings: [String]) -> [UInt32] {
        lock.withLock {
            if table == nil {
                var built: [String: [UInt32]] = [:]
                for (i, s) in strings.enumerated() { built[s.lowercased(), default: []].append(UInt32(i)) }
                table = built
            }
            return table![key] ?? []
        }
    }
}

extension IndexReader {
    /// The ids of the strings equal to `key` ignoring case (`key` lower-cased).
    func stringIDs(lowercased key: String) -> [UInt32] {
        stringLookup.ids(key, in: strings)
    }
}
