import Foundation
import Synchronization

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

/// Whole decoded blocks of a ``StoredText``, kept for the life of the open
/// index and shared by every search without a lock: one atomic slot per
/// block, filled once (compare-and-exchange; a thread that loses the race
/// frees its copy and reads the winner's) and never changed or freed until
/// the index closes, so a reader needs one acquiring load and no reference
/// counting. At most ``budget`` bytes are kept (counted atomically when a
/// slot is filled); past it, blocks are decoded by each search for itself.
/// There is no eviction: on an index whose text is larger than the budget,
/// the first blocks read stay.
///
/// Result pages read a few passages from several blocks each; without this
/// every page decodes those blocks again (the 8-block LRU ``StoredTextCache``
/// cannot hold a random page's blocks across queries, and its locks are
/// shared by every thread).
final class DecodedBlockTable: @unchecked Sendable {
    /// Decoded bytes kept at most per open index (16 MiB: 512 blocks of 32 KiB,
    /// the whole text of about 250 hours of interviews).
    static let defaultBudget = 16 << 20
    let budget: Int
    private let count: Int
    /// Per block: the address of its decoded bytes (0: not decoded).
    private let slots: UnsafeMutablePointer<Atomic<Int>>
    private let used = Atomic<Int>(0)

    init(blocks: Int, budget: Int = DecodedBlockTable.defaultBudget) {
        count = blocks
        self.budget = budget
        slots = .allocate(capacity: max(1, blocks))
        for i in 0..<max(1, blocks) { (slots + i).initialize(to: Atomic(0)) }
    }

    deinit {
        for i in 0..<count {
            let address = slots[i].load(ordering: .acquiring)
            if address != 0 { UnsafeMutableRawPointer(bitPattern: address)!.deallocate() }
        }
        slots.deinitialize(count: max(1, count))
        slots.deallocate()
    }

    /// Block `b`'s decoded bytes, if kept.
    @inline(__always)
    func block(_ b: Int) -> UnsafeRawPointer? {
        UnsafeRawPointer(bitPattern: slots[b].load(ordering: .acquiring))
    }

    /// Bytes kept so far (for tests and figures).
    var bytesKept: Int { used.load(ordering: .relaxed) }

    /// Decodes block `b` whole (`length` bytes from `compressed`) and keeps
    /// it, when the budget allows; nil when it does not, or the block is damaged.
    func fill(_ b: Int, length: Int, from compressed: UnsafeRawBufferPointer) -> UnsafeRawPointer? {
        let reserved = used.wrappingAdd(length, ordering: .relaxed).newValue
        guard reserved <= budget else {
            used.wrappingSubtract(length, ordering: .relaxed)
            return nil
        }
        let bytes = UnsafeMutableRawBufferPointer.allocate(byteCount: max(1, length), alignment: 8)
        do {
            var cursor = LZBlock.Cursor()
            try LZBlock.decompress(compressed, into: UnsafeMutableRawBufferPointer(rebasing: bytes[0..<length]),
                                   resuming: &cursor, until: length)
        } catch {
            bytes.deallocate()
            used.wrappingSubtract(length, ordering: .relaxed)
            return nil
        }
        let address = Int(bitPattern: bytes.baseAddress!)
        let (exchanged, original) = slots[b].compareExchange(expected: 0, desired: address, ordering: .acquiringAndReleasing)
        if exchanged { return UnsafeRawPointer(bytes.baseAddress!) }
        // Another thread kept it first: read theirs.
        bytes.deallocate()
        used.wrappingSubtract(length, ordering: .relaxed)
        return UnsafeRawPointer(bitPattern: original)
    }
}

extension StoredText {
    /// The texts of `ranges` (byte offset and count in the whole text), in
    /// the order given, reading each block they touch once: the ranges are
    /// visited in text order; a block is read from the shared
    /// ``DecodedBlockTable`` (decoded whole and kept there on first use while
    /// its budget lasts), or else decoded into one scratch buffer of this
    /// call only as far as its last range needs. No lock is taken, so the
    /// hits of concurrent searches never wait for each other. A range outside
    /// the text, or one that needs a damaged block, reads as empty (as
    /// ``bytes(at:count:)``).
    /// - Complexity: O(ranges · log ranges) plus, per touched block not kept yet, its decoding.
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
        guard !order.isEmpty else { return result }
        order.sort { ranges[$0].offset < ranges[$1].offset }
        var scratch: UnsafeMutableRawBufferPointer?
        defer { scratch?.deallocate() }
        var failed = [Bool](repeating: false, count: ranges.count)
        // Ranges (indexes into `ranges`) that reach into the current block.
        var next = 0
        var open: [Int] = []
        var still: [Int] = []
        var b = Int(ranges[order[0]].offset / size)
        while b < blockCount {
            let length = rawLength(b)
            let blockStart = UInt64(b) * size
            let blockEnd = blockStart + UInt64(length)
            while next < order.count && ranges[order[next]].offset < blockEnd {
                open.append(order[next])
                next += 1
            }
            var source = decoded.block(b) ?? decoded.fill(b, length: length, from: compressed(b))
            if source == nil {
                // Over budget (or damaged): decode for this call, as far as the furthest open range needs.
                var need = 0
                for i in open { need = max(need, Int(min(blockEnd, ranges[i].offset + UInt64(ranges[i].count)) - blockStart)) }
                if scratch == nil { scratch = .allocate(byteCount: blockSize, alignment: 8) }
                var cursor = LZBlock.Cursor()
                do {
                    try LZBlock.decompress(compressed(b), into: UnsafeMutableRawBufferPointer(rebasing: scratch![0..<length]),
                                           resuming: &cursor, until: need)
                    source = UnsafeRawPointer(scratch!.baseAddress!)
                } catch {
                    source = nil
                }
            }
            still.removeAll(keepingCapacity: true)
            for i in open {
                let r = ranges[i]
                let lo = Int(max(r.offset, blockStart) - blockStart), hi = Int(min(blockEnd, r.offset + UInt64(r.count)) - blockStart)
                if let source, !failed[i] {
                    if result[i].isEmpty { result[i].reserveCapacity(r.count) }
                    result[i].append(contentsOf: UnsafeRawBufferPointer(start: source + lo, count: hi - lo))
                } else {
                    failed[i] = true
                }
                if r.offset + UInt64(r.count) > blockEnd { still.append(i) }
            }
            swap(&open, &still)
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
