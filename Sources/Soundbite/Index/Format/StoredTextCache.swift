import Foundation

/// The few most recently used blocks of a ``StoredText``, each decoded only
/// as far as a read has needed so far, shared by every search on one index.
///
/// A result page reads the texts of its hits and their neighbours; hits
/// cluster in a few blocks, and a transcript, an export or an incremental
/// update reads the blocks in order, so a handful of entries make each
/// block decode once per page or pass. A block is decoded up to the end of
/// the text asked for (on average half of it for a single hit) and decoding
/// goes on from there when a later read needs more. Behind `NSLock`s for the
/// reason given at ``StringLookup``: one for the list, one per block, so
/// searches reading different blocks never wait for each other.
final class StoredTextCache: @unchecked Sendable {
    /// How many blocks are kept (8 × 32 KiB = 256 KiB per open index).
    static let capacity = 8
    private let lock = NSLock()
    /// Most recently used first.
    private var entries: [DecodedBlock] = []

    /// The entry of block `b` (it becomes the most recently used), made with
    /// `size` bytes of room when it is not cached, forgetting the least
    /// recently used one when full.
    func block(_ b: Int, size: Int) -> DecodedBlock {
        lock.withLock {
            if let i = entries.firstIndex(where: { $0.block == b }) {
                let hit = entries[i]
                if i > 0 {
                    entries.remove(at: i)
                    entries.insert(hit, at: 0)
                }
                return hit
            }
            let entry = DecodedBlock(block: b, size: size)
            entries.insert(entry, at: 0)
            if entries.count > Self.capacity { entries.removeLast() }
            return entry
        }
    }

    /// The cached block numbers, most recently used first (for tests).
    var blocks: [Int] { lock.withLock { entries.map(\.block) } }
}

/// One block of stored text, decoded from its start as far as reads have
/// needed.
final class DecodedBlock: @unchecked Sendable {
    let block: Int
    private let lock = NSLock()
    private let bytes: UnsafeMutableRawBufferPointer
    private var cursor = LZBlock.Cursor()
    private var damaged = false

    init(block: Int, size: Int) {
        self.block = block
        bytes = .allocate(byteCount: size, alignment: 8)
    }

    deinit { bytes.deallocate() }

    /// How many bytes from the block's start are decoded (for tests).
    var decoded: Int { lock.withLock { cursor.output } }

    /// Appends bytes `range` of the block to `result`, decoding `compressed`
    /// as far as needed first. False when the block is damaged (or the range
    /// is outside it).
    func append(_ range: Range<Int>, from compressed: UnsafeRawBufferPointer, to result: inout [UInt8]) -> Bool {
        lock.withLock {
            guard !damaged, range.lowerBound >= 0, range.upperBound <= bytes.count else { return false }
            if cursor.output < range.upperBound {
                do {
                    try LZBlock.decompress(compressed, into: bytes, resuming: &cursor, until: range.upperBound)
                } catch {
                    damaged = true
                    return false
                }
            }
            result.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[range]))
            return true
        }
    }
}

extension StoredText {
    /// The texts of `ranges` (byte offset and count in the whole text), in
    /// the order given, reading each block they touch once: the ranges are
    /// visited in text order and each block is decoded into one scratch
    /// buffer of this call only as far as its last range needs. Nothing is
    /// shared with other threads (no lock, no cache), so the hits of
    /// concurrent searches never wait for each other. A range outside the
    /// text, or one that needs a damaged block, reads as empty (as
    /// ``bytes(at:count:)``).
    /// - Complexity: O(ranges · log ranges) plus the decoded prefix of each touched block.
    func texts(_ ranges: [(offset: UInt64, count: Int)]) -> [[UInt8]] {
        var result = [[UInt8]](repeating: [], count: ranges.count)
        guard blockCount > 0 else { return result }
        let size = UInt64(blockSize)
        // Valid, non-empty ranges in text order.
        var order: [Int] = []
        order.reserveCapacity(ranges.count)
        for (i, r) in ranges.enumerated() where r.count > 0 && r.offset <= textLength && UInt64(r.count) <= textLength - r.offset {
            order.append(i)
        }
        order.sort { ranges[$0].offset < ranges[$1].offset }
        let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: blockSize, alignment: 8)
        defer { scratch.deallocate() }
        var failed = [Bool](repeating: false, count: ranges.count)
        // Pending ranges (indexes into `order`) that reach into the current block.
        var next = 0
        var open: [Int] = []
        var b = order.isEmpty ? blockCount : Int(ranges[order[0]].offset / size)
        while b < blockCount {
            let blockStart = UInt64(b) * size
            let blockEnd = blockStart + UInt64(rawLength(b))
            while next < order.count && ranges[order[next]].offset < blockEnd {
                open.append(order[next])
                next += 1
            }
            // Decode this block as far as the furthest open range needs.
            var need = 0
            for i in open { need = max(need, Int(min(blockEnd, ranges[i].offset + UInt64(ranges[i].count)) - blockStart)) }
            var cursor = LZBlock.Cursor()
            let ok: Bool
            do {
                try LZBlock.decompress(compressed(b), into: UnsafeMutableRawBufferPointer(rebasing: scratch[0..<rawLength(b)]),
                                       resuming: &cursor, until: need)
                ok = true
            } catch {
                ok = false
            }
            var still: [Int] = []
            for i in open {
                let r = ranges[i]
                let lo = max(r.offset, blockStart), hi = min(blockEnd, r.offset + UInt64(r.count))
                if ok && !failed[i] {
                    if result[i].isEmpty { result[i].reserveCapacity(r.count) }
                    result[i].append(contentsOf: UnsafeRawBufferPointer(rebasing: scratch[Int(lo - blockStart)..<Int(hi - blockStart)]))
                } else {
                    failed[i] = true
                }
                if r.offset + UInt64(r.count) > blockEnd { still.append(i) }
            }
            open = still
            if !open.isEmpty {
                b += 1
            } else if next < order.count {
                b = Int(ranges[order[next]].offset / size)
            } else {
                break
            }
        }
        for i in ranges.indices where failed[i] { result[i] = [] }
        return result
    }
}
