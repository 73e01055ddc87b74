import Foundation

/// The few most recently used decompressed blocks of a ``StoredText``,
/// shared by every search on one index.
///
/// A result page reads the texts of its hits and their neighbours; hits
/// cluster in a few blocks, and a transcript, an export or an incremental
/// update reads the blocks in order, so a handful of entries make each
/// block decompress once per page or pass. Blocks are decompressed outside
/// the lock (two threads missing the same block both decompress it; the
/// second insert is a no-op), so concurrent searches never wait on a
/// decompression. Behind an `NSLock` for the reason given at ``StringLookup``.
final class StoredTextCache: @unchecked Sendable {
    /// How many blocks are kept (8 × 32 KiB = 256 KiB per open index).
    static let capacity = 8
    private let lock = NSLock()
    /// Most recently used first.
    private var entries: [(block: Int, bytes: [UInt8])] = []

    /// Block `b` if it is cached (it becomes the most recently used).
    func block(_ b: Int) -> [UInt8]? {
        lock.withLock {
            guard let i = entries.firstIndex(where: { $0.block == b }) else { return nil }
            let hit = entries[i]
            if i > 0 {
                entries.remove(at: i)
                entries.insert(hit, at: 0)
            }
            return hit.bytes
        }
    }

    /// Keeps block `b`, forgetting the least recently used one when full.
    func insert(_ b: Int, _ bytes: [UInt8]) {
        lock.withLock {
            guard !entries.contains(where: { $0.block == b }) else { return }
            entries.insert((b, bytes), at: 0)
            if entries.count > Self.capacity { entries.removeLast() }
        }
    }

    /// The cached block numbers, most recently used first (for tests).
    var blocks: [Int] { lock.withLock { entries.map(\.block) } }
}
