/// The `collections` section (kind 13): the collections the index was built
/// from, in order; decoded once at open.
///
///     count u32 · (name · root · warnings u32 · skippedCount u32 · skipped[skippedCount])[count]
///
/// where `name`, `root` and each skipped path are `length u32 · UTF-8 bytes`.
enum CollectionTable {
    /// The section for `collections`, in order.
    static func encode(_ collections: [CollectionRecord]) -> [UInt8] {
        var w = ByteWriter()
        w.u32(UInt32(collections.count))
        for c in collections {
            w.string(c.name); w.string(c.root); w.u32(c.warnings)
            w.u32(UInt32(c.skipped.count))
            for s in c.skipped { w.string(s) }
        }
        return w.bytes
    }

    /// Every record of the section; a count larger than the bytes could hold is refused.
    static func decode(_ bytes: UnsafeRawBufferPointer) throws(StorageError) -> [CollectionRecord] {
        var r = ByteReader(bytes)
        let count = Int(try r.u32())
        // A record takes at least 16 bytes, a skipped path at least 4.
        guard count <= r.remaining / 16 else { throw .corrupt(path: "", detail: "collection count") }
        var result: [CollectionRecord] = []
        for _ in 0..<count {
            let name = try r.string(), root = try r.string(), warnings = try r.u32()
            let skippedCount = Int(try r.u32())
            guard skippedCount <= r.remaining / 4 else { throw .corrupt(path: "", detail: "skipped file count") }
            var skipped: [String] = []
            for _ in 0..<skippedCount { skipped.append(try r.string()) }
            result.append(CollectionRecord(name: name, root: root, warnings: warnings, skipped: skipped))
        }
        return result
    }
}

/// A collection the index was built from: its name, folder, and what went
/// wrong reading it.
struct CollectionRecord: Sendable, Hashable {
    var name: String
    var root: String
    var warnings: UInt32
    var skipped: [String]
}
