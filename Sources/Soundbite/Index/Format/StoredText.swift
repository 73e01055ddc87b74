import Dispatch
import Foundation

/// The `storedText` section (kind 15): the documents' texts back to back
/// (UTF-8, markup removed, cues joined by one space), cut into blocks of
/// ``blockSize`` bytes, each compressed on its own with ``LZBlock``:
///
/// ```
/// storedText := blockSize u32 · blockCount u32 · textLength u64
///               · dataEnd u64[blockCount] · data
/// ```
/// Block `b` holds text bytes `b × blockSize ..< min((b + 1) × blockSize, textLength)`;
/// its compressed bytes are `data[dataEnd[b − 1] ..< dataEnd[b]]` (from 0 for
/// the first). A document's `textOffset`/`textLength` (``DocRecord``) address
/// this logical text, so its block is found by division, and a text that
/// crosses a block boundary is read from both.
///
/// Reading decodes blocks through a ``StoredTextCache`` (each only as far as
/// the texts read so far need), so the hits of one result page, which mostly
/// share a few blocks, decode each block once. Damage (a block index that does not add up is refused at open;
/// a block that does not decompress, or a range outside the text) reads as
/// empty text, never a trap.
final class StoredText: @unchecked Sendable {
    /// Uncompressed bytes per block (the last may be shorter): chosen by
    /// `soundbite-bench textblocks` (docs/PERFORMANCE.md, "Stored text").
    static let blockSize = 32 * 1024
    /// The largest block size a reader accepts (bounds the memory one block takes).
    static let maxBlockSize = 1 << 22
    static let headerSize = 16

    private let section: UnsafeRawBufferPointer
    /// This file's block size.
    let blockSize: Int
    let blockCount: Int
    /// Length of the whole uncompressed text.
    let textLength: UInt64
    private let dataStart: Int
    private let cache = StoredTextCache()
    /// Whole decoded blocks shared by every search's hits (``texts(_:)``).
    let decoded: DecodedBlockTable

    // MARK: Writing

    /// The section for `text`, blocks compressed on every core (the bytes do
    /// not depend on the number of cores: each block is compressed alone).
    static func encode(_ text: [UInt8], blockSize: Int = blockSize) -> [UInt8] {
        let blocks = compressBlocks(text[...], blockSize: blockSize)
        var end: UInt64 = 0
        var w = ByteWriter()
        w.append(header(blockSize: blockSize, textLength: UInt64(text.count),
                        ends: blocks.map { end += UInt64($0.count); return end }))
        for b in blocks { w.append(b) }
        return w.bytes
    }

    /// The section's header and block index: `blockSize u32 · blockCount u32
    /// · textLength u64 · dataEnd u64[blockCount]` (FORMAT.md, kind 15).
    static func header(blockSize: Int, textLength: UInt64, ends: [UInt64]) -> [UInt8] {
        var w = ByteWriter()
        w.u32(UInt32(blockSize))
        w.u32(UInt32(ends.count))
        w.u64(textLength)
        for e in ends { w.u64(e) }
        return w.bytes
    }

    /// The section encoded as the text arrives (the bytes ``encode(_:blockSize:)``
    /// gives for the whole text): ``append(_:)`` compresses every full block
    /// (on every core once a few are waiting) into a temporary spool, so the
    /// text never sits in memory whole; ``finish(into:)`` writes the section.
    struct Encoder {
        let blockSize: Int
        /// Text bytes not yet in a compressed block (less than a block after ``append(_:)``).
        private var pending: [UInt8] = []
        private var textLength: UInt64 = 0
        /// The end of each compressed block within the data.
        private var ends: [UInt64] = []
        private let data = IndexWriter.Spool()

        /// Full blocks gathered before they are compressed together.
        static let batchBlocks = 64

        init(blockSize: Int = StoredText.blockSize) { self.blockSize = blockSize }

        /// True once the spool could not be written (``finish(into:)`` then throws).
        private var failed = false

        /// Appends text; compresses the full blocks once ``batchBlocks`` are waiting.
        mutating func append(_ bytes: [UInt8]) {
            pending.append(contentsOf: bytes)
            textLength += UInt64(bytes.count)
            if pending.count >= Self.batchBlocks * blockSize, !compress(upTo: pending.count / blockSize * blockSize) {
                failed = true
            }
        }

        /// Compresses `pending[0..<count]` (whole blocks, or the tail at the end).
        private mutating func compress(upTo count: Int) -> Bool {
            guard count > 0 else { return true }
            let blocks = StoredText.compressBlocks(pending[0..<count], blockSize: blockSize)
            pending.removeFirst(count)
            var end = ends.last ?? 0
            for b in blocks {
                end += UInt64(b.count)
                ends.append(end)
                guard data.append(b) else { return false }
            }
            return true
        }

        /// Writes the section (header, block index, data) as the open section of `w`.
        mutating func finish<S: ByteSink>(into w: inout IndexFileWriter<S>) throws(StorageError) {
            guard !failed, compress(upTo: pending.count) else {
                throw .io(path: IndexWriter.Spool.folder, operation: "write a temporary file", errno: data.error)
            }
            try w.write(StoredText.header(blockSize: blockSize, textLength: textLength, ends: ends))
            try data.copy(into: &w)
        }
    }

    /// `text` cut into blocks of `blockSize`, each compressed alone, on every core.
    static func compressBlocks(_ text: ArraySlice<UInt8>, blockSize: Int) -> [[UInt8]] {
        let count = (text.count + blockSize - 1) / blockSize
        var blocks = [[UInt8]](repeating: [], count: count)
        let workers = max(1, min(count / 4, ProcessInfo.processInfo.activeProcessorCount))
        text.withUnsafeBytes { input in
            blocks.withUnsafeMutableBufferPointer { out in
                // Each worker writes only its own blocks' slots and reads the text.
                nonisolated(unsafe) let all = input, slots = out
                DispatchQueue.concurrentPerform(iterations: workers) { worker in
                    var encoder = LZBlockEncoder()
                    var b = worker
                    while b < count {
                        let lo = b * blockSize, hi = min(all.count, lo + blockSize)
                        var packed: [UInt8] = []
                        packed.reserveCapacity((hi - lo) / 2)
                        encoder.compress(UnsafeRawBufferPointer(rebasing: all[lo..<hi]), into: &packed)
                        slots[b] = packed
                        b += workers
                    }
                }
            }
        }
        return blocks
    }

    // MARK: Reading

    /// Reads the block index of a `storedText` section (O(blocks)); hits
    /// keep up to `decodedBudget` bytes of decoded blocks (``DecodedBlockTable``).
    init(_ section: UnsafeRawBufferPointer, decodedBudget: Int = DecodedBlockTable.defaultBudget) throws(StorageError) {
        self.section = section
        var r = ByteReader(section)
        blockSize = Int(try r.u32())
        blockCount = Int(try r.u32())
        textLength = try r.u64()
        guard blockSize > 0, blockSize <= Self.maxBlockSize,
              textLength <= UInt64(blockCount) * UInt64(blockSize),
              UInt64(blockCount) == (textLength + UInt64(blockSize) - 1) / UInt64(blockSize),
              blockCount <= (section.count - Self.headerSize) / 8 else {
            throw .corrupt(path: "", detail: "the stored-text block index does not match its text length")
        }
        dataStart = Self.headerSize + blockCount * 8
        decoded = DecodedBlockTable(blocks: blockCount, budget: decodedBudget)
        var previous: UInt64 = 0
        for _ in 0..<blockCount {
            let end = try r.u64()
            guard end >= previous else {
                throw .corrupt(path: "", detail: "the stored-text blocks are out of order")
            }
            previous = end
        }
        guard previous == UInt64(section.count - dataStart) else {
            throw .corrupt(path: "", detail: "the stored-text blocks do not fill their section")
        }
    }

    /// The compressed bytes of block `b`.
    func compressed(_ b: Int) -> UnsafeRawBufferPointer {
        let lo = b == 0 ? 0 : Int(section.loadUnaligned(fromByteOffset: Self.headerSize + (b - 1) * 8, as: UInt64.self))
        let hi = Int(section.loadUnaligned(fromByteOffset: Self.headerSize + b * 8, as: UInt64.self))
        return UnsafeRawBufferPointer(rebasing: section[(dataStart + lo)..<(dataStart + hi)])
    }

    /// Where in the section the bytes lie that reading text `offset ..< offset + count`
    /// decompresses: its blocks' compressed bytes (empty when the range is
    /// outside the text). ``IndexReader`` checks their pages and those of the
    /// header and block index (``indexEnd``) with ``PageVerifier`` before
    /// ``bytes(at:count:)`` reads them.
    func compressedRange(at offset: UInt64, count: Int) -> Range<Int> {
        guard count > 0, offset <= textLength, UInt64(count) <= textLength - offset else { return 0..<0 }
        let size = UInt64(blockSize)
        let first = Int(offset / size), last = Int((offset + UInt64(count) - 1) / size)
        let lo = first == 0 ? 0 : Int(section.loadUnaligned(fromByteOffset: Self.headerSize + (first - 1) * 8, as: UInt64.self))
        let hi = Int(section.loadUnaligned(fromByteOffset: Self.headerSize + last * 8, as: UInt64.self))
        return (dataStart + lo)..<(dataStart + hi)
    }

    /// The end of the header and block index within the section (where the compressed blocks start).
    var indexEnd: Int { dataStart }

    /// The uncompressed length of block `b`.
    func rawLength(_ b: Int) -> Int {
        Int(min(UInt64(blockSize), textLength - UInt64(b) * UInt64(blockSize)))
    }

    /// The text bytes `offset ..< offset + count` (empty when the range is
    /// outside the text or a block it needs is damaged).
    func bytes(at offset: UInt64, count: Int) -> [UInt8] {
        guard count > 0 else { return [] }
        guard offset <= textLength, UInt64(count) <= textLength - offset else { return [] }
        let size = UInt64(blockSize)
        var b = Int(offset / size)
        var lo = Int(offset % size)
        var result: [UInt8] = []
        result.reserveCapacity(count)
        while result.count < count {
            guard b < blockCount else { return [] }
            let raw = rawLength(b)
            let take = min(count - result.count, raw - lo)
            let entry = cache.block(b, size: raw)
            guard entry.append(lo..<(lo + take), from: compressed(b), to: &result) else { return [] }
            b += 1
            lo = 0
        }
        return result
    }
}
