/// Speaker-to-role rules from a manifest `roles` object: exact names and
/// globs with `*` (any run of characters, including none).
///
/// Lookup is case-insensitive: an exact name wins over globs; among globs the
/// first in manifest order wins. Roles are stored lower-cased.
package struct RoleMap: Sendable, Hashable {
    private var exact: [String: String] = [:]
    private var globs: [(pattern: [Character], role: String)] = []
    /// The rules in a canonical text form (sorted), used for change detection.
    package private(set) var canonical: String = ""

    /// An empty map.
    package init() {}

    /// Builds a map from `(name or glob, role)` pairs in manifest order; a
    /// later duplicate name replaces an earlier one.
    package init(_ rules: [(String, String)]) {
        var lines: [String: String] = [:]
        for (name, role) in rules {
            let key = String(name.lowercased())
            let value = CueMarkup.collapseSpace(role).lowercased()
            if key.contains("*") {
                globs.removeAll { String($0.pattern) == key }
                globs.append((Array(key), value))
            } else {
                exact[key] = value
            }
            lines[key] = value
        }
        canonical = lines.keys.sorted().map { "\($0)\u{1F}\(lines[$0]!)" }.joined(separator: "\u{1E}")
    }

    /// Whether the map has no rules.
    package var isEmpty: Bool { exact.isEmpty && globs.isEmpty }

    /// The role for `speaker`, or `nil` when no rule matches (an empty speaker
    /// never matches).
    package func role(for speaker: String) -> String? {
        if speaker.isEmpty { return nil }
        let key = speaker.lowercased()
        if let role = exact[key] { return role }
        let name = Array(key)
        for glob in globs where Glob.matches(glob.pattern, name) { return glob.role }
        return nil
    }

    /// Two maps are equal when they hold the same rules.
    package static func == (a: RoleMap, b: RoleMap) -> Bool { a.canonical == b.canonical }
    /// Hashes the rules' canonical form.
    package func hash(into hasher: inout Hasher) { hasher.combine(canonical) }
}
