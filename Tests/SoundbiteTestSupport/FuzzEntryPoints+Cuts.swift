import Soundbite

extension FuzzEntryPoints {
    /// The cut reader in `format` (the `edl`, `fcpxml` and `otio` targets),
    /// with standard and tight limits and, for EDLs, the rate the input's
    /// length picks; then its clips mapped to ``selectsIndex`` and recorded.
    /// Traps when a clip has no finite, positive source range, when a limit
    /// is not kept, or when the recorded ranges do not read back as written.
    package static func cut(_ bytes: [UInt8], _ format: CutFormat) {
        var tight = CutReader(edlRate: FrameRate.all[bytes.count % FrameRate.all.count])
        tight.maxClips = 3
        tight.maxWarnings = 2
        let small = tight.read(bytes, file: "fuzz", format: format)
        precondition(small.clips.count <= 3 && small.warnings.count <= 3, "a cut reader limit was not kept")
        let cut = CutReader().read(bytes, file: "fuzz", format: format)
        for c in cut.clips {
            precondition(c.start.isFinite && c.end.isFinite && c.start >= 0 && c.start < c.end, "a clip without a source range")
            precondition(c.line >= 1, "a clip without a line")
        }
        precondition(cut.warnings.allSatisfy { $0.line >= 0 }, "a warning with a negative line")
        let marking = selectsIndex.usedRanges(of: [cut, small])
        precondition(marking.matched + marking.unmatched == cut.clips.count + small.clips.count, "clips lost in mapping")
        let marked = selectsIndex.withUsedRanges(marking.ranges)
        precondition(marked.usedRanges == marking.ranges, "the used ranges do not read back as written")
        var options = SearchOptions(limit: 5)
        options.used = bytes.count % 2 == 0 ? .unused : .used
        _ = try? marked.search("laptops tablet", options: options)
    }
}
