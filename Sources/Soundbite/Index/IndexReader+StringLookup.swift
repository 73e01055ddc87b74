import Synchronization

/// Case-insensitive lookup of string-table entries, for filters
/// (`role:Parent`, `--chapter "use of ict"`): built on first use, then
/// shared by every search on this reader.
final class StringLookup: Sendable {
    private let table = Mutex<[String: [UInt32]]?>(nil)

    /// The ids of every string whose lower-cased form is `key`.
    func ids(_ key: String, in strings: [String]) -> [UInt32] {
        table.withLock { table in
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
