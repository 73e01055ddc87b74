/// The `strings` section (kind 2): the short strings the index stores many
/// times (speakers, roles, chapters, field keys and values, interview
/// metadata), interned to dense ids while building, stored as
/// ``PackedStrings``, decoded once at open. Id 0 is `""`.
struct StringTable {
    private(set) var strings: [String] = [""]
    private var ids: [String: UInt32] = ["": 0]

    /// The id of `s`, adding it if new. The empty string is id 0.
    mutating func id(_ s: String) -> UInt32 {
        if let id = ids[s] { return id }
        let id = UInt32(strings.count)
        strings.append(s)
        ids[s] = id
        return id
    }

    /// The section bytes.
    var encoded: [UInt8] { Self.encode(strings) }

    /// The section bytes for `strings`, in id order.
    static func encode(_ strings: [String]) -> [UInt8] {
        PackedStrings.encode(count: strings.count) { ArraySlice(strings[$0].utf8) }
    }

    /// Every string of a `strings` section, by id.
    static func decode(_ section: UnsafeRawBufferPointer) throws(StorageError) -> [String] {
        try PackedStrings(section, name: "strings").decodeAll(name: "string")
    }
}
