/// The term id of each word form an ``IndexBuilder`` met, as written (case
/// kept, ASCII or not): a form met again, as most words of a transcript are,
/// costs one hash and one compare instead of lower-casing, folding, stemming
/// and interning.
///
/// What a form analyses to depends on its bytes alone (the builder's
/// analyzer is fixed), so the cached id is the one the analysis chain gives;
/// a term is still interned the first time its first form is met, so ids
/// come out in the same order. Only for analyzers that give at most one
/// term per token (no exact forms).
///
/// One flat open-addressing table (hash, term id, where the form's bytes are,
/// their length: one 16-byte slot per form, linear probing) read through raw
/// pointers, with ``ByteKey``'s hash (8 bytes at a time). The table is a
/// cache only: its layout and hash change nothing the builder writes.
///
/// Bounded: once it holds ``capacity`` forms, new ones are analysed without
/// being kept. The ids are the builder's interner's: whenever the builder
/// starts a new interner (its postings spilled to a run) it starts a new cache.
struct FormTermCache {
    /// One table slot; `length` 0 marks an empty one (a form is never empty).
    private struct Slot {
        var hash: UInt32 = 0
        var term: Int32 = 0
        var offset: Int32 = 0
        var length: Int32 = 0
    }

    /// The bytes of the forms kept, back to back.
    private var arena: [UInt8] = []
    /// The table, a power of two in size, at most half full.
    private var slots: [Slot]
    private var mask: Int
    /// Forms kept.
    private(set) var count = 0
    /// Forms kept at most.
    let capacity: Int

    /// A cache of at most `capacity` forms.
    init(capacity: Int = 1 << 18) {
        self.capacity = capacity
        let size = 1 << 13
        slots = Array(repeating: Slot(), count: size)
        mask = size - 1
        arena.reserveCapacity(1 << 15)
    }

    /// The term id of `form` if it was met (-1: it gives no term), else nil.
    @inline(__always)
    func term(of form: UnsafeBufferPointer<UInt8>) -> Int32? {
        let n = form.count
        guard n > 0 else { return nil }
        let h = ByteKey.hash(form)
        return slots.withUnsafeBufferPointer { table -> Int32? in
            arena.withUnsafeBufferPointer { bytes -> Int32? in
                var i = Int(h) & mask
                while true {
                    let slot = table[i]
                    if slot.length == 0 { return nil }
                    if slot.hash == h, Int(slot.length) == n,
                       ByteKey.equal(bytes.baseAddress! + Int(slot.offset), form.baseAddress!, n) {
                        return slot.term
                    }
                    i = (i + 1) & mask
                }
            }
        }
    }

    /// Remembers that `form` (not yet kept) gives term `term` (-1: none).
    mutating func insert(_ form: UnsafeBufferPointer<UInt8>, term: Int32) {
        guard count < capacity, form.count > 0, arena.count + form.count <= Int(Int32.max) else { return }
        let h = ByteKey.hash(form)
        var i = Int(h) & mask
        while slots[i].length != 0 { i = (i + 1) & mask }
        slots[i] = Slot(hash: h, term: term, offset: Int32(arena.count), length: Int32(form.count))
        arena.append(contentsOf: form)
        count += 1
        if count * 2 > slots.count { grow() }
    }

    private mutating func grow() {
        let old = slots
        let size = old.count * 2
        slots = Array(repeating: Slot(), count: size)
        mask = size - 1
        for slot in old where slot.length != 0 {
            var i = Int(slot.hash) & mask
            while slots[i].length != 0 { i = (i + 1) & mask }
            slots[i] = slot
        }
    }
}
