/// Interns byte strings to dense integer ids (0, 1, 2, … in order of first
/// appearance), with the bytes of all terms kept in one contiguous arena.
///
/// Open addressing with linear probing over a power-of-two table of ids;
/// the hash is ``ByteKey/hash(_:)``.
struct TermInterner {
    /// All term bytes, back to back.
    private(set) var arena: [UInt8] = []
    /// `offsets[id]..<offsets[id + 1]` is term `id` in `arena`.
    private(set) var offsets: [Int] = [0]
    private var table: [Int32]
    private var hashes: [UInt32] = []
    private var mask: Int

    init(capacity: Int = 1 << 14) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        table = Array(repeating: -1, count: size)
        mask = size - 1
    }

    /// Number of distinct terms.
    var count: Int { offsets.count - 1 }

    /// The bytes of term `id`.
    func bytes(of id: Int) -> ArraySlice<UInt8> { arena[offsets[id]..<offsets[id + 1]] }

    /// The term as a String.
    func string(of id: Int) -> String { String(decoding: bytes(of: id), as: UTF8.self) }

    /// Returns the id of `term`, adding it if new.
    @inline(__always)
    mutating func intern(_ term: UnsafeBufferPointer<UInt8>) -> Int {
        let h = ByteKey.hash(term)
        var slot = Int(h) & mask
        while true {
            let id = Int(table[slot])
            if id < 0 { break }
            if hashes[id] == h && equals(id, term) { return id }
            slot = (slot + 1) & mask
        }
        let id = count
        arena.append(contentsOf: term)
        offsets.append(arena.count)
        hashes.append(h)
        table[slot] = Int32(id)
        if count * 2 > table.count { grow() }
        return id
    }

    /// Returns the id of `term` if present.
    func lookup(_ term: UnsafeBufferPointer<UInt8>) -> Int? {
        let h = ByteKey.hash(term)
        var slot = Int(h) & mask
        while true {
            let id = Int(table[slot])
            if id < 0 { return nil }
            if hashes[id] == h && equals(id, term) { return id }
            slot = (slot + 1) & mask
        }
    }

    @inline(__always)
    private func equals(_ id: Int, _ term: UnsafeBufferPointer<UInt8>) -> Bool {
        let lo = offsets[id], hi = offsets[id + 1]
        guard hi - lo == term.count else { return false }
        guard let b = term.baseAddress else { return true }
        return arena.withUnsafeBufferPointer { ByteKey.equal($0.baseAddress! + lo, b, term.count) }
    }

    private mutating func grow() {
        let size = table.count * 2
        table = Array(repeating: -1, count: size)
        mask = size - 1
        for id in 0..<count {
            var slot = Int(hashes[id]) & mask
            while table[slot] >= 0 { slot = (slot + 1) & mask }
            table[slot] = Int32(id)
        }
    }
}
