/// A transcript found by ``CollectionReader/scan(_:)``: where it is and what
/// its file system says about it, read without parsing it (its format is
/// detected when it is read).
package struct ScannedFile: Sendable, Hashable {
    /// The path relative to the collection folder, `/`-separated.
    package var relativePath: String
    /// The absolute path.
    package var absolutePath: String
    /// The absolute path of the sibling chapter track, when there is one.
    package var chapterTrackPath: String?
    /// Bytes of the transcript plus its chapter track.
    package var size: UInt64
    /// Modification time in nanoseconds since 1970, the newest of transcript
    /// and chapter track.
    package var mtimeNanos: Int64
    /// A hash of the manifest entry and collection roles that apply to this
    /// file: a change here changes the interview without touching the file.
    package var manifestHash: UInt64

    /// Creates a scanned file.
    package init(relativePath: String, absolutePath: String, chapterTrackPath: String? = nil, size: UInt64 = 0, mtimeNanos: Int64 = 0,
                 manifestHash: UInt64 = 0) {
        self.relativePath = relativePath
        self.absolutePath = absolutePath
        self.chapterTrackPath = chapterTrackPath
        self.size = size
        self.mtimeNanos = mtimeNanos
        self.manifestHash = manifestHash
    }
}
