import Foundation

/// The term bytes each word form analyses to, kept by a worker thread from
/// one segment to the next: a segment's builder starts with an empty
/// ``FormTermCache`` (its ids are its own interner's), but the bytes a form
/// gives do not depend on the segment, so a form the thread met before is
/// interned straight from here instead of going through lower-casing,
/// folding, the stem cache and the stemmer again.
///
/// What a form analyses to depends on its bytes alone (the build's analyzer
/// is fixed), so this is a cache only: the builder still interns a term the
/// first time its segment meets one of its forms, in the same order, and
/// nothing written depends on what is kept here. Only for analyzers that give
/// at most one term per token (no exact forms), like ``FormTermCache``.
///
/// One flat open-addressing table (hash, where the form's bytes are, their
/// length, the term's length: 16 bytes a slot, linear probing) over an arena
/// holding each form followed by its term; ``ByteKey``'s hash and compare.
/// Bounded: once it holds ``capacity`` forms new ones are not kept. A cache
/// of capacity 0 (the default) keeps nothing and allocates nothing.
struct AnalysedFormCache: Sendable {
    private struct Slot {
        var hash: UInt32 = 0
        var offset: Int32 = 0
        /// 0 marks an empty slot (a form is never empty).
        var formLength: Int32 = 0
        /// -1: the form gives no term (a stop word).
        var termLength: Int32 = 0
    }

    /// Each kept form's bytes followed by its term's, back to back.
    private var arena: [UInt8] = []
    /// The table, a power of two in size (or empty), at most half full.
    private var slots: [Slot] = []
    private var mask = 0
    /// Forms kept.
    private(set) var count = 0
    /// Forms kept at most.
    let capacity: Int

    /// A cache of at most `capacity` forms.
    init(capacity: Int = 0) {
        self.capacity = capacity
        guard capacity > 0 else { return }
        slots = Array(repeating: Slot(), count: 1 << 13)
        mask = slots.count - 1
        arena.reserveCapacity(1 << 16)
    }

    /// The id in `terms` of the term `form` gives, interned there if new
    /// (-1: it gives none), when `form` is kept; nil when it is not.
    @inline(__always)
    func termID(of form: UnsafeBufferPointer<UInt8>, in terms: inout TermInterner) -> Int32? {
        let n = form.count
        guard n > 0, count > 0 else { return nil }
        let h = ByteKey.hash(form)
        return slots.withUnsafeBufferPointer { table -> Int32? in
            arena.withUnsafeBufferPointer { bytes -> Int32? in
                var i = Int(h) & mask
                while true {
                    let slot = table[i]
                    if slot.formLength == 0 { return nil }
                    let start = bytes.baseAddress! + Int(slot.offset)
                    if slot.hash == h, Int(slot.formLength) == n, ByteKey.equal(start, form.baseAddress!, n) {
                        guard slot.termLength >= 0 else { return -1 }
                        return Int32(terms.intern(UnsafeBufferPointer(start: start + n, count: Int(slot.termLength))))
                    }
                    i = (i + 1) & mask
                }
            }
        }
    }

    /// Remembers that `form` (not yet kept) gives `term` (nil: none).
    mutating func insert(_ form: UnsafeBufferPointer<UInt8>, term: UnsafeBufferPointer<UInt8>?) {
        let termLength = term?.count ?? 0
        guard count < capacity, form.count > 0,
              arena.count + form.count + termLength <= Int(Int32.max) else { return }
        let h = ByteKey.hash(form)
        var i = Int(h) & mask
        while slots[i].formLength != 0 { i = (i + 1) & mask }
        slots[i] = Slot(hash: h, offset: Int32(arena.count), formLength: Int32(form.count),
                        termLength: term == nil ? -1 : Int32(termLength))
        arena.append(contentsOf: form)
        if let term { arena.append(contentsOf: term) }
        count += 1
        if count * 2 > slots.count { grow() }
    }

    private mutating func grow() {
        let old = slots
        let size = old.count * 2
        slots = Array(repeating: Slot(), count: size)
        mask = size - 1
        for slot in old where slot.formLength != 0 {
            var i = Int(slot.hash) & mask
            while slots[i].formLength != 0 { i = (i + 1) & mask }
            slots[i] = slot
        }
    }

    /// The caches of one build's worker threads: a segment takes one
    /// (a new one when none is free) and gives it back when it is read, so
    /// each cache is used by one thread at a time and lives for the build.
    final class Pool: @unchecked Sendable {
        // NSLock rather than `Synchronization.Mutex`: see `StringLookup`.
        private let lock = NSLock()
        private var free: [AnalysedFormCache] = []
        /// Forms each cache keeps at most.
        let capacity: Int

        /// A pool of caches of `capacity` forms each.
        init(capacity: Int = 1 << 18) { self.capacity = capacity }

        /// A cache no other thread holds.
        func take() -> AnalysedFormCache {
            lock.lock()
            defer { lock.unlock() }
            return free.popLast() ?? AnalysedFormCache(capacity: capacity)
        }

        /// Gives `cache` back for the next segment.
        func give(_ cache: consuming AnalysedFormCache) {
            lock.lock()
            defer { lock.unlock() }
            free.append(cache)
        }
    }
}
