/// Bounds that keep reading a collection fast and safe whatever the input.
///
/// Every limit turns an oversized input into a diagnostic, never a crash or a
/// hang: a file over ``maxFileBytes`` is skipped with an error, a line over
/// ``maxLineBytes`` is skipped with a warning, a cue over ``maxCueBytes`` is
/// cut with a warning.
public struct IngestLimits: Sendable, Hashable {
    /// Largest transcript or chapter-track file read, in bytes (default 256 MiB).
    public var maxFileBytes: Int
    /// Longest line kept, in bytes (default 1 MiB); longer lines are skipped.
    public var maxLineBytes: Int
    /// Deepest nesting of cue text tags tracked (default 32).
    public var maxTagDepth: Int
    /// Longest cue text kept, in bytes (default 1 MiB); longer text is cut.
    public var maxCueBytes: Int
    /// Largest `collection.json` read, in bytes (default 16 MiB).
    public var maxManifestBytes: Int
    /// Deepest nesting of arrays and objects in `collection.json` (default 64).
    public var maxJSONDepth: Int
    /// Most diagnostics kept for one file (default: all of them). Past a
    /// limit an embedder sets, the rest are counted in one closing warning.
    public var maxDiagnosticsPerFile: Int

    /// Creates limits; every argument defaults to the ``standard`` value.
    public init(maxFileBytes: Int = 256 << 20, maxLineBytes: Int = 1 << 20,
                maxTagDepth: Int = 32, maxCueBytes: Int = 1 << 20,
                maxManifestBytes: Int = 16 << 20, maxJSONDepth: Int = 64,
                maxDiagnosticsPerFile: Int = .max) {
        self.maxFileBytes = max(0, maxFileBytes)
        self.maxLineBytes = max(1, maxLineBytes)
        self.maxTagDepth = max(1, maxTagDepth)
        self.maxCueBytes = max(1, maxCueBytes)
        self.maxManifestBytes = max(0, maxManifestBytes)
        self.maxJSONDepth = max(1, maxJSONDepth)
        self.maxDiagnosticsPerFile = max(1, maxDiagnosticsPerFile)
    }

    /// The default limits: 256 MiB files, 1 MiB lines, 32 nested tags,
    /// 1 MiB cues, 16 MiB manifests nested at most 64 deep, every diagnostic
    /// kept.
    public static let standard = IngestLimits()
}
