/// The byte-string table shared by the `strings` and `terms` sections:
///
///     count u32 · offsets u32[count + 1] · bytes
///
/// entry `i` is `bytes[offsets[i]..<offsets[i + 1]]`. Read in place: an
/// entry whose offsets are damaged reads as empty (``entry(_:)`` says nil).
struct PackedStrings {
    /// Number of entries.
    let count: Int
    private let offsets: UnsafeRawPointer?
    private let blob: UnsafeRawBufferPointer

    /// A view of `section`, which must hold at least the count and the offsets.
    init(_ section: UnsafeRawBufferPointer, name: String) throws(StorageError) {
        guard section.count >= 4 else { throw .corrupt(path: "", detail: "the \(name) section is too short") }
        let n = Int(UInt32(littleEndian: section.loadUnaligned(as: UInt32.self)))
        // (n + 2) u32 words: the count and n + 1 offsets; n ≤ section size keeps it from overflowing.
        guard n <= section.count, (n + 2) * 4 <= section.count else {
            throw .corrupt(path: "", detail: "the \(name) section is shorter than its \(n) offsets")
        }
        count = n
        offsets = section.baseAddress! + 4
        blob = UnsafeRawBufferPointer(rebasing: section[((n + 2) * 4)...])
    }

    /// The bytes of entry `i`, or nil when `i` is out of range or its offsets are damaged.
    @inline(__always)
    func entry(_ i: Int) -> UnsafeRawBufferPointer? {
        guard i >= 0, i < count, let offsets else { return nil }
        let lo = Int(UInt32(littleEndian: offsets.loadUnaligned(fromByteOffset: i * 4, as: UInt32.self)))
        let hi = Int(UInt32(littleEndian: offsets.loadUnaligned(fromByteOffset: i * 4 + 4, as: UInt32.self)))
        guard lo <= hi, hi <= blob.count else { return nil }
        return UnsafeRawBufferPointer(rebasing: blob[lo..<hi])
    }

    /// The bytes of entry `i` (empty when ``entry(_:)`` is nil).
    @inline(__always)
    subscript(i: Int) -> UnsafeRawBufferPointer { entry(i) ?? UnsafeRawBufferPointer(start: nil, count: 0) }

    /// Every entry as a String, refusing damaged offsets (for tables decoded once at open).
    func decodeAll(name: String) throws(StorageError) -> [String] {
        var result: [String] = []
        result.reserveCapacity(count)
        for i in 0..<count {
            guard let e = entry(i) else { throw .corrupt(path: "", detail: "\(name) table offsets") }
            result.append(String(decoding: e, as: UTF8.self))
        }
        return result
    }

    /// Encodes `count` entries, `entry(i)` giving the bytes of each, in order.
    static func encode(count: Int, _ entry: (Int) -> ArraySlice<UInt8>) -> [UInt8] {
        var w = ByteWriter()
        w.u32(UInt32(count))
        var offset: UInt32 = 0
        w.u32(0)
        for i in 0..<count { offset += UInt32(entry(i).count); w.u32(offset) }
        for i in 0..<count { w.append(Array(entry(i))) }
        return w.bytes
    }
}
