/// What `collection.json` says about one interview (every member optional).
package struct ManifestEntry: Sendable, Hashable {
    /// The interview id (`id`).
    package var id: String?
    /// A human title (`title`).
    package var title: String?
    /// The chapter for cues outside any chapter-track range (`chapter`).
    package var chapter: String?
    /// A link to the recording (`media`).
    package var media: String?
    /// The recording date as written (`date`).
    package var date: String?
    /// Speaker roles for this interview, winning over the collection's.
    package var roles: RoleMap = RoleMap()
    /// Free facets, keys lower-cased, values as text.
    package var fields: [String: String] = [:]
    /// The 1-based manifest line of the entry's key.
    package var line: Int = 0

    /// Creates an empty entry.
    package init() {}

    /// The entry in a canonical text form (sorted, separators that cannot occur
    /// in JSON text unescaped), so equal entries hash alike however written.
    package var canonical: String {
        var parts: [String] = []
        for (key, value) in [("id", id), ("title", title), ("chapter", chapter), ("media", media), ("date", date)] {
            if let value { parts.append("\(key)\u{1F}\(value)") }
        }
        parts.append("roles\u{1F}\(roles.canonical)")
        for key in fields.keys.sorted() { parts.append("field:\(key)\u{1F}\(fields[key]!)") }
        return parts.joined(separator: "\u{1E}")
    }
}
