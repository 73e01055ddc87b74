/// Interns the short strings the index stores many times (speakers, roles,
/// chapters, field keys and values, interview metadata) to dense ids.
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
}
