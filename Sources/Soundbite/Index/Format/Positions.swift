/// The `positions` section (kind 6): per posting, in posting order, its `tf`
/// token positions as varints, the first absolute, then deltas. A postings
/// block header holds where its postings' positions start
/// (``Postings/BlockHeader/positionsOffset``), so a cursor finds the positions
/// of its current document by skipping those of the documents before it in
/// the block.
enum Positions {
    /// Appends the positions of one posting (increasing) to `w`.
    static func encode(_ positions: ArraySlice<UInt32>, into w: inout ByteWriter) {
        var previous: UInt32 = 0
        var first = true
        for p in positions {
            w.varint(UInt64(first ? p : p &- previous))
            previous = p
            first = false
        }
    }

    /// Skips the `tf` positions of one posting at `p`; false on damaged bytes.
    @inline(__always)
    static func skip(_ tf: UInt32, at p: inout UnsafeRawPointer, end: UnsafeRawPointer) -> Bool {
        for _ in 0..<tf where VarInt.decode(&p, end: end) == nil { return false }
        return true
    }

    /// Decodes the `tf` positions of one posting at `p` into `out` (absolute);
    /// false on damaged bytes (`out` then holds those decoded before).
    @inline(__always)
    static func decode(_ tf: UInt32, at p: UnsafeRawPointer, end: UnsafeRawPointer, into out: inout [UInt32]) -> Bool {
        var p = p
        var position: UInt64 = 0
        for j in 0..<Int(tf) {
            guard let v = VarInt.decode(&p, end: end) else { return false }
            position = j == 0 ? v : position &+ v
            out.append(UInt32(truncatingIfNeeded: position))
        }
        return true
    }
}
