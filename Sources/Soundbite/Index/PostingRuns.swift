#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Postings a builder moved out of memory: sorted runs in one anonymous
/// temporary file (created in `$TMPDIR` or `/tmp`, unlinked at once, so it
/// disappears with the process), written and read with plain `write`/`pread`
/// through small buffers, so the runs never count in the resident memory.
///
/// A run is every term a builder held at one moment, in byte order of the
/// terms; per term, native-endian `u32` values:
///
///     termLength · term bytes · df · positionCount · docs[df] · tfs[df] · positions[positionCount]
///
/// The file is private to one build: nothing reads it but ``Reader``.
final class PostingRuns: @unchecked Sendable {
    private let fd: Int32
    /// The byte ranges of the runs, in the order they were written.
    private(set) var runs: [Range<Int>] = []
    private var size = 0
    private var buffer: [UInt8] = []

    /// Bytes gathered before a `write`.
    static let bufferSize = 1 << 20

    /// Opens a new temporary file; `nil` when none can be made (the builder
    /// then keeps its postings in memory).
    init?() {
        let folder = getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp"
        var template = Array((folder + "/soundbite-postings-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { return nil }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        self.fd = fd
        buffer.reserveCapacity(Self.bufferSize)
    }

    deinit { close(fd) }

    /// Writes one run: `terms` in byte order with their postings. Returns
    /// false (and leaves no partial run) when the file cannot be written.
    func write(_ terms: TermInterner, _ postings: [TermPostings], order: [Int]) -> Bool {
        let start = size
        var ok = true
        terms.arena.withUnsafeBufferPointer { arena in
            for id in order where ok {
                let p = postings[id]
                let lo = terms.offsets[id], hi = terms.offsets[id + 1]
                put(UInt32(hi - lo))
                buffer.append(contentsOf: UnsafeBufferPointer(rebasing: arena[lo..<hi]))
                put(UInt32(p.docs.count))
                put(UInt32(p.positions.count))
                // One array at a time (an array of the three would be allocated per term).
                p.docs.withUnsafeBytes { buffer.append(contentsOf: $0) }
                if buffer.count >= Self.bufferSize { ok = flush() }
                p.tfs.withUnsafeBytes { buffer.append(contentsOf: $0) }
                if ok, buffer.count >= Self.bufferSize { ok = flush() }
                p.positions.withUnsafeBytes { buffer.append(contentsOf: $0) }
                if ok, buffer.count >= Self.bufferSize { ok = flush() }
            }
        }
        if ok { ok = flush() }
        guard ok else { size = start; return false }
        runs.append(start..<size)
        return true
    }

    private func put(_ v: UInt32) { withUnsafeBytes(of: v) { buffer.append(contentsOf: $0) } }

    private func flush() -> Bool {
        var done = 0
        let ok = buffer.withUnsafeBytes { bytes -> Bool in
            while done < bytes.count {
                let n = pwrite(fd, bytes.baseAddress! + done, bytes.count - done, off_t(size + done))
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { return false }
                done += n
            }
            return true
        }
        size += done
        buffer.removeAll(keepingCapacity: true)
        return ok
    }

    /// Reads one run back, term by term, in its byte order.
    struct Reader {
        private let file: PostingRuns
        private var offset: Int
        private let end: Int
        private var buffer: [UInt8] = []
        private var cursor = 0
        /// The current term's bytes and postings (valid when ``done`` is false).
        private(set) var term: [UInt8] = []
        private(set) var postings = TermPostings()
        /// True after the last term.
        private(set) var done = false
        /// True when the file could not be read back (the build then fails loudly).
        private(set) var failed = false

        init(_ file: PostingRuns, run: Range<Int>) {
            self.file = file
            offset = run.lowerBound
            end = run.upperBound
            advance()
        }

        /// Moves to the next term of the run.
        mutating func advance() {
            guard !failed, available > 0 || offset < end else { done = true; return }
            guard let length = u32() else { return fail() }
            guard let t = bytes(Int(length), as: UInt8.self) else { return fail() }
            guard let df = u32(), let count = u32() else { return fail() }
            guard let docs = bytes(Int(df), as: UInt32.self), let tfs = bytes(Int(df), as: UInt32.self),
                  let positions = bytes(Int(count), as: UInt32.self) else { return fail() }
            term = t
            postings = TermPostings(docs: docs, tfs: tfs, positions: positions)
        }

        private mutating func fail() { failed = true; done = true }

        private var available: Int { buffer.count - cursor }

        private mutating func u32() -> UInt32? {
            if available >= 4 {
                let v = buffer.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: cursor, as: UInt32.self) }
                cursor += 4
                return v
            }
            return bytes(1, as: UInt32.self)?.first
        }

        /// The next `count` values of type `T`.
        private mutating func bytes<T: FixedWidthInteger>(_ count: Int, as: T.Type) -> [T]? {
            let need = count * MemoryLayout<T>.size
            var out = [T](repeating: 0, count: count)
            var filled = 0
            let ok = out.withUnsafeMutableBytes { dst -> Bool in
                while filled < need {
                    if available == 0 {
                        // A large read goes straight to its array; small ones through the buffer.
                        if need - filled >= PostingRuns.bufferSize {
                            let n = min(need - filled, end - offset)
                            guard n > 0, file.read(into: dst.baseAddress! + filled, count: n, at: offset) else { return false }
                            offset += n
                            filled += n
                            continue
                        }
                        guard refill() else { return false }
                    }
                    let n = min(available, need - filled)
                    buffer.withUnsafeBytes { (dst.baseAddress! + filled).copyMemory(from: $0.baseAddress! + cursor, byteCount: n) }
                    cursor += n
                    filled += n
                }
                return true
            }
            return ok ? out : nil
        }

        private mutating func refill() -> Bool {
            let n = min(PostingRuns.bufferSize, end - offset)
            guard n > 0 else { return false }
            buffer = [UInt8](repeating: 0, count: n)
            guard buffer.withUnsafeMutableBytes({ file.read(into: $0.baseAddress!, count: n, at: offset) }) else { return false }
            offset += n
            cursor = 0
            return true
        }
    }

    /// Reads exactly `count` bytes at `offset`.
    fileprivate func read(into p: UnsafeMutableRawPointer, count: Int, at offset: Int) -> Bool {
        var done = 0
        while done < count {
            let n = pread(fd, p + done, count - done, off_t(offset + done))
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return false }
            done += n
        }
        return true
    }
}
