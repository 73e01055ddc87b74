import Foundation

/// A value behind an `NSLock` (a pthread mutex), used where the server's
/// threads share state. It has `Synchronization.Mutex`'s shape, but on Linux
/// ThreadSanitizer does not see Mutex's futex as synchronisation and reports
/// races that are not there (see `IndexReader+StringLookup.swift`), which
/// makes `.ci/tsan` fail; a pthread mutex it understands.
final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) { self.value = value }

    /// Runs `body` with the value, holding the lock.
    func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
