/// Interns byte strings to dense integer ids (0, 1, 2, … in order of first
/// appearance), with the bytes of all terms kept in one contiguous arena.
///
/// Open addressing with linear probing over a power-of-two table of ids;
/// the hash is FNV-1a over the term bytes.
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
        let h = Self.hash(term)
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
        let h = Self.hash(term)
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
        return arena.withUnsafeBufferPointer { a in
            var k = 0
            while k < term.count { if a[lo + k] != term[k] { return false }; k += 1 }
            return true
        }
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

    @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
        var h: UInt32 = 2_166_136_261
        for b in bytes { h = (h ^ UInt32(b)) &* 16_777_619 }
        return h
    }
}
