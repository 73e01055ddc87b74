/// The optional `collection.json` of a collection.
///
/// Every key is optional and unknown keys are ignored. A value of the wrong
/// type is ignored with a warning naming its line; numbers and booleans are
/// accepted where text is wanted and kept as written (`2008`, `true`).
package struct Manifest: Sendable, Hashable {
    /// The file name looked for in a collection folder.
    package static let fileName = "collection.json"

    /// The collection name (`name`).
    package var name: String?
    /// Collection-wide speaker roles (`roles`).
    package var roles: RoleMap = RoleMap()
    /// Per-interview entries keyed by path relative to the collection folder
    /// (a leading `./` removed).
    package var interviews: [String: ManifestEntry] = [:]
    /// Collection-wide media facts, `timecode` (of the media's first frame,
    /// `10:00:00:00`) and `fps`, given to every interview as fields unless its
    /// entry has its own (see ``mediaKeys``).
    package var mediaFields: [String: String] = [:]

    /// The manifest keys about the media that become interview fields, read
    /// by `soundbite selects`: `timecode` and `fps`.
    package static let mediaKeys = ["timecode", "fps"]

    /// Creates an empty manifest.
    package init() {}

    /// Reads a manifest. When the text is not JSON (or not an object) the
    /// result is `nil` and a warning says where and that the collection is
    /// read without it.
    package static func parse(_ bytes: [UInt8], file: String = fileName, limits: IngestLimits = .standard)
        -> (manifest: Manifest?, diagnostics: [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        if bytes.count > limits.maxManifestBytes {
            diagnostics.append(Diagnostic(.warning, file: file, line: 0,
                "manifest is \(bytes.count) bytes, larger than the limit of \(limits.maxManifestBytes); read the collection without it"))
            return (nil, diagnostics)
        }
        let root: JSONValue
        do {
            root = try JSONReader.parse(bytes, maxDepth: limits.maxJSONDepth)
        } catch {
            diagnostics.append(Diagnostic(.warning, file: file, line: error.line,
                "not valid JSON (column \(error.column): \(error.message)); read the collection without the manifest"))
            return (nil, diagnostics)
        }
        guard case .object(let members) = root else {
            diagnostics.append(Diagnostic(.warning, file: file, line: 1,
                "manifest should be a JSON object, found \(root.kindName); read the collection without it"))
            return (nil, diagnostics)
        }
        var manifest = Manifest()
        for member in members {
            switch member.key {
            case "name":
                manifest.name = text(member, file: file, &diagnostics)
            case "roles":
                manifest.roles = roles(member, file: file, &diagnostics)
            case "timecode", "fps":
                if let value = text(member, file: file, &diagnostics) { manifest.mediaFields[member.key] = value }
            case "interviews":
                guard case .object(let entries) = member.value else {
                    diagnostics.append(wrongType(member, "an object", file: file))
                    continue
                }
                for entryMember in entries {
                    guard case .object(let fields) = entryMember.value else {
                        diagnostics.append(wrongType(entryMember, "an object", file: file))
                        continue
                    }
                    var entry = ManifestEntry()
                    entry.line = entryMember.line
                    for field in fields {
                        switch field.key {
                        case "id": entry.id = text(field, file: file, &diagnostics)
                        case "title": entry.title = text(field, file: file, &diagnostics)
                        case "chapter": entry.chapter = text(field, file: file, &diagnostics)
                        case "media": entry.media = text(field, file: file, &diagnostics)
                        case "date": entry.date = text(field, file: file, &diagnostics)
                        case "roles": entry.roles = roles(field, file: file, &diagnostics)
                        case "timecode", "fps":
                            if let value = text(field, file: file, &diagnostics) { entry.fields[field.key] = value }
                        case "fields":
                            guard case .object(let facets) = field.value else {
                                diagnostics.append(wrongType(field, "an object", file: file))
                                continue
                            }
                            for facet in facets {
                                if let value = text(facet, file: file, &diagnostics) {
                                    entry.fields[facet.key.lowercased()] = value
                                }
                            }
                        default: continue
                        }
                    }
                    manifest.interviews[normalizePath(entryMember.key)] = entry
                }
            default:
                continue
            }
        }
        checkMedia(manifest.mediaFields, line: members.first { Self.mediaKeys.contains($0.key) }?.line ?? 1, file: file, &diagnostics)
        for entry in manifest.interviews.values.sorted(by: { $0.line < $1.line })
        where Self.mediaKeys.contains(where: { entry.fields[$0] != nil }) {
            checkMedia(manifest.mediaFields.merging(entry.fields) { _, own in own }, line: entry.line, file: file, &diagnostics)
        }
        return (manifest, diagnostics)
    }

    /// Warns about a `fps` that is not a frame rate or a `timecode` that is not `HH:MM:SS:FF` at it.
    private static func checkMedia(_ fields: [String: String], line: Int, file: String, _ diagnostics: inout [Diagnostic]) {
        var rate = FrameRate.fps25
        if let fps = fields["fps"] {
            if let r = FrameRate(fps) { rate = r } else {
                diagnostics.append(Diagnostic(.warning, file: file, line: line,
                    "\u{201C}fps\u{201D} \u{201C}\(fps)\u{201D} is not a frame rate (use one of \(FrameRate.all.map(\.description).joined(separator: ", "))); soundbite selects will refuse it"))
                return
            }
        }
        if let tc = fields["timecode"], Timecode(tc, rate: rate) == nil {
            diagnostics.append(Diagnostic(.warning, file: file, line: line,
                "\u{201C}timecode\u{201D} \u{201C}\(tc)\u{201D} is not HH:MM:SS:FF at \(rate) fps; soundbite selects will refuse it"))
        }
    }

    /// Reads a manifest held in memory.
    package static func parse(_ text: String, file: String = fileName, limits: IngestLimits = .standard)
        -> (manifest: Manifest?, diagnostics: [Diagnostic]) {
        parse(Array(text.utf8), file: file, limits: limits)
    }

    /// `./a/b.vtt` → `a/b.vtt`; `\` is not touched (paths use `/`).
    package static func normalizePath(_ path: String) -> String {
        var p = Substring(path)
        while p.hasPrefix("./") { p = p.dropFirst(2) }
        return String(p)
    }

    private static func wrongType(_ member: JSONMember, _ expected: String, file: String) -> Diagnostic {
        Diagnostic(.warning, file: file, line: member.line,
                   "\u{201C}\(member.key)\u{201D} should be \(expected), found \(member.value.kindName); ignored it")
    }

    private static func text(_ member: JSONMember, file: String, _ diagnostics: inout [Diagnostic]) -> String? {
        if case .null = member.value { return nil }
        guard let text = member.value.scalarText else {
            diagnostics.append(wrongType(member, "a string", file: file))
            return nil
        }
        return text
    }

    private static func roles(_ member: JSONMember, file: String, _ diagnostics: inout [Diagnostic]) -> RoleMap {
        guard case .object(let rules) = member.value else {
            diagnostics.append(wrongType(member, "an object", file: file))
            return RoleMap()
        }
        var pairs: [(String, String)] = []
        for rule in rules {
            if let role = text(rule, file: file, &diagnostics) { pairs.append((rule.key, role)) }
        }
        return RoleMap(pairs)
    }
}
