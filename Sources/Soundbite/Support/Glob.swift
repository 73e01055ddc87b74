/// Glob patterns with `*` only (any run of characters, including none), as
/// manifest roles and search filters use them.
enum Glob {
    /// Whether `name` matches `pattern`, in O(pattern × name) time at worst.
    static func matches(_ pattern: [Character], _ name: [Character]) -> Bool {
        var p = 0, s = 0
        var star = -1, mark = 0
        while s < name.count {
            if p < pattern.count, pattern[p] != "*", pattern[p] == name[s] {
                p += 1; s += 1
            } else if p < pattern.count, pattern[p] == "*" {
                star = p; mark = s; p += 1
            } else if star >= 0 {
                p = star + 1; mark += 1; s = mark
            } else {
                return false
            }
        }
        while p < pattern.count, pattern[p] == "*" { p += 1 }
        return p == pattern.count
    }
}
