/// A transcript found by ``CollectionReader/scan(_:)``: where it is and what
/// its file system says about it, read without parsing it (its format is
/// detected when it is read).
package struct ScannedFile: Sendable, Hashable {
    /// The path relative to the collection folder, `/`-separated, as shown
    /// (bytes that are not UTF-8 escaped as `\xHH`, see ``RawPath/display(_:)``).
    package var relativePath: String
    /// The absolute path, as the file system names it.
    package var absolutePath: RawPath
    /// The absolute path of the sibling chapter track, when there is one.
    package var chapterTrackPath: RawPath?
    /// Bytes of the transcript plus its chapter track.
    package var size: UInt64
    /// What `stat` says about transcript and chapter track, hashed (see
    /// ``SourceFingerprint/statStamp``).
    package var statStamp: UInt64
    /// A hash of the manifest entry and collection roles that apply to this
    /// file: a change here changes the interview without touching the file.
    package var manifestHash: UInt64

    /// Creates a scanned file.
    package init(relativePath: String, absolutePath: RawPath,
                 chapterTrackPath: RawPath? = nil, size: UInt64 = 0, statStamp: UInt64 = 0,
                 manifestHash: UInt64 = 0) {
        self.relativePath = relativePath
        self.absolutePath = absolutePath
        self.chapterTrackPath = chapterTrackPath
        self.size = size
        self.statStamp = statStamp
        self.manifestHash = manifestHash
    }
}
