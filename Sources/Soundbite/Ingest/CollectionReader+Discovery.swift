/// Finding the collections under a path: a folder with a `collection.json` is
/// one collection; a folder without one whose subfolders have one (like the
/// bundled `Corpus/`) is a folder of collections, one per such subfolder;
/// anything else (a folder of transcripts, one transcript) is one collection.
extension CollectionReader {
    /// The collection folders at `path`, in byte order of their names (just
    /// `[path]` unless `path` is a folder of collections). Hidden subfolders
    /// (name starting with `.`) are not collections.
    public static func collectionFolders(_ path: String) -> [String] {
        if hasManifest(path) { return [path] }
        let subfolders = subcollections(path)
        return subfolders.isEmpty ? [path] : subfolders.map { join(path, $0) }
    }

    /// Reads every collection at `path` (see ``collectionFolders(_:)``), each
    /// with its own manifest: the way `soundbite index` and `search -i` read a
    /// folder.
    public func readCollections(_ path: String) -> [InterviewCollection] {
        Self.collectionFolders(path).map(read)
    }

    /// Names of the subfolders of `folder` that hold a manifest, sorted by
    /// bytes (names that are not UTF-8 cannot be given to ``read(_:)`` as a
    /// `String` path, so they are not collections of their own).
    static func subcollections(_ folder: String) -> [String] {
        guard case .success(let names) = IngestFileSystem.list(RawPath(folder)) else { return [] }
        return names.compactMap { String(validating: $0, as: UTF8.self) }
            .filter { !$0.hasPrefix(".") && hasManifest(join(folder, $0)) }
            .sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    /// Whether `folder` holds a `collection.json` file.
    static func hasManifest(_ folder: String) -> Bool {
        guard case .success(let info) = IngestFileSystem.info(join(folder, Manifest.fileName)) else { return false }
        return info.isRegularFile
    }

    /// `folder/name`, without doubling a trailing slash.
    static func join(_ folder: String, _ name: String) -> String {
        folder.hasSuffix("/") ? folder + name : folder + "/" + name
    }
}
