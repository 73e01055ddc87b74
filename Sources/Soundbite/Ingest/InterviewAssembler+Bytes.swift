extension InterviewAssembler {
    /// Reads one transcript held in memory as bytes, outside any collection
    /// (no manifest, no collection roles): what the fuzz targets and tests
    /// feed the parsers with. `path` names the file in diagnostics (its
    /// extension is the detector's tie-break); a `nil` format is detected.
    package static func assemble(path: String, format: TranscriptFormat?, bytes: [UInt8],
                                 chapterTrack: (path: String, bytes: [UInt8])?,
                                 limits: IngestLimits) -> (interview: Interview?, diagnostics: [Diagnostic]) {
        InterviewAssembler(limits: limits, collectionRoles: RoleMap())
            .assemble(Source(relativePath: path, format: format, bytes: bytes, chapterTrack: chapterTrack, entry: nil))
    }
}
