/// Bounds on what ``ZipArchive`` reads, so a zip bomb or a lying header is
/// refused before it costs memory.
package struct ZipLimits: Sendable, Hashable {
    /// Most entries in the central directory (default 10 000).
    package var maxEntries: Int
    /// Most bytes one entry may inflate to (default 256 MiB).
    package var maxEntryBytes: Int
    /// Most bytes all entries together may claim to inflate to (default 2 GiB).
    package var maxTotalBytes: UInt64
    /// Most uncompressed bytes per compressed byte of an entry larger than
    /// ``ratioFloorBytes`` (default 400; DEFLATE can reach about 1032).
    package var maxCompressionRatio: Int
    /// Entries up to this size are not held to the ratio (default 1 MiB).
    package var ratioFloorBytes: Int

    /// Creates limits; every argument defaults to the ``standard`` value.
    package init(maxEntries: Int = 10_000, maxEntryBytes: Int = 256 << 20, maxTotalBytes: UInt64 = 2 << 30,
                 maxCompressionRatio: Int = 400, ratioFloorBytes: Int = 1 << 20) {
        self.maxEntries = max(0, maxEntries)
        self.maxEntryBytes = max(0, maxEntryBytes)
        self.maxTotalBytes = maxTotalBytes
        self.maxCompressionRatio = max(1, maxCompressionRatio)
        self.ratioFloorBytes = max(0, ratioFloorBytes)
    }

    /// The default limits.
    package static let standard = ZipLimits()
}
