/// A collection folder listed but not yet parsed: its manifest and its
/// transcripts, as ``CollectionReader/scan(_:)`` found them.
package struct CollectionScan: Sendable {
    /// The collection folder, absolute (the parent folder for a single file).
    package var root: String
    /// The collection name (manifest `name`, else the folder name).
    package var name: String
    /// The manifest, when the folder has a readable one.
    package var manifest: Manifest?
    /// The transcripts, sorted by relative path (byte order).
    package var files: [ScannedFile]
    /// Problems met while listing: manifest warnings, entries naming missing
    /// files, unreadable folders and files.
    package var diagnostics: [Diagnostic]
    /// Relative paths of transcripts that could not even be listed.
    package var skippedFiles: [String]

    /// Creates a scan.
    package init(root: String, name: String, manifest: Manifest? = nil, files: [ScannedFile] = [],
                 diagnostics: [Diagnostic] = [], skippedFiles: [String] = []) {
        self.root = root
        self.name = name
        self.manifest = manifest
        self.files = files
        self.diagnostics = diagnostics
        self.skippedFiles = skippedFiles
    }
}
