import Foundation

/// Case-insensitive lookup of string-table entries, for filters
/// (`role:Parent`, `--chapter "use of ict"`): each value is looked up on
/// its first use, by one pass over the table, then kept for every search
/// on this reader.
///
/// Per value, not a whole lower-cased table: a one-shot search names one or
/// two values, and lower-casing every string of a large index (interview
/// ids, titles, speakers, chapters) cost ~3 ms of a 13 ms `soundbite search
/// role:guest market` (docs/PERFORMANCE.md, "One-shot CLI search, a static
/// executable … per-value lookup"). The pass compares bytes while they are
/// ASCII and lower-cases only a string holding other characters.
///
/// The cache sits behind an `NSLock` (a pthread mutex) rather than
/// `Synchronization.Mutex`: on Linux, ThreadSanitizer does not see Mutex's
/// futex as synchronization and reports races between accesses that the
/// lock orders (seen with Swift 6.3.1 on a two-thread counter), which made
/// `.ci/tsan` fail now and then.
final class StringLookup: @unchecked Sendable {
    private let lock = NSLock()
    private var found: [String: [UInt32]] = [:]

    /// The ids of every string whose lower-cased form is `key`.
    func ids(_ key: String, in strings: [String]) -> [UInt32] {
        lock.withLock {
            if let known = found[key] { return known }
            // A key with other characters may be canonically equal to an
            // ASCII string (GREEK QUESTION MARK and `;`): compared whole.
            let want = Array(key.utf8)
            let ascii = want.allSatisfy { $0 < 0x80 }
            var ids: [UInt32] = []
            for (i, s) in strings.enumerated() where ascii ? Self.lowercases(s, to: want, key) : s.lowercased() == key {
                ids.append(UInt32(i))
            }
            found[key] = ids
            return ids
        }
    }

    /// Whether `s.lowercased()` is `key` (`want` its UTF-8, all ASCII). An ASCII byte
    /// lower-cases to one ASCII byte at the same place whatever follows, so
    /// a difference there decides; a string with any other byte is
    /// lower-cased whole (its length may change: KELVIN SIGN → `k`).
    static func lowercases(_ s: String, to want: [UInt8], _ key: String) -> Bool {
        let answer: Bool?? = s.utf8.withContiguousStorageIfAvailable { bytes -> Bool? in
            var i = 0
            while i < bytes.count {
                let c = bytes[i]
                if c >= 0x80 { return nil }
                if i < want.count {
                    if ASCII.lower(c) != want[i] { return false }
                }
                i += 1
            }
            return bytes.count == want.count
        }
        if let decided = answer ?? nil { return decided }
        return s.lowercased() == key
    }
}

extension IndexReader {
    /// The ids of the strings equal to `key` ignoring case (`key` lower-cased).
    func stringIDs(lowercased key: String) -> [UInt32] {
        stringLookup.ids(key, in: strings)
    }
}
