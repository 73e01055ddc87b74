/// What mapping cuts to an index found: the used ranges, and every clip
/// that could not be marked.
public struct UsedMarking: Sendable, Hashable {
    /// The ranges of the clips that were matched, merged per interview.
    public var ranges: UsedRanges
    /// Clips matched to an interview.
    public var matched: Int
    /// Clips not marked: no interview, several, or outside the recording.
    public var unmatched: Int
    /// The cuts' reading warnings, then one per clip not marked (with its file and line).
    public var warnings: [Diagnostic]
}

extension SearchIndex {
    /// The ranges `soundbite used` recorded in this index (empty when none).
    public var usedRanges: UsedRanges { reader.used }

    /// Maps the clips of `cuts` to this index's interviews and returns the
    /// source ranges they use, in seconds of each recording.
    ///
    /// A clip is matched by the interview id its file records, its media link
    /// or file name, its asset name, its EDL reel or its clip name — the first
    /// that names exactly one interview. A clip that names none, or several, is
    /// a warning and is not marked; nothing is guessed. Source timecode
    /// becomes recording time through the interview's manifest `timecode` and
    /// `fps` (else the media start the file gives, else 00:00:00:00); a range
    /// is clamped to the recording (0 to the end of its last cue), and one
    /// wholly outside it is a warning.
    /// - Complexity: O(interviews + clips).
    public func usedRanges(of cuts: [Cut]) -> UsedMarking {
        let matcher = CutMatcher(reader)
        var entries: [(interview: String, range: Range<Double>)] = []
        var warnings: [Diagnostic] = []
        var unmatched = 0
        for cut in cuts {
            warnings += cut.warnings
            for clip in cut.clips {
                func skip(_ why: String) {
                    unmatched += 1
                    let what = [clip.name.isEmpty ? "" : "\u{201C}\(clip.name)\u{201D}", clip.reel.isEmpty ? "" : "reel \(clip.reel)",
                                clip.media.isEmpty ? "" : "media \(clip.media)"].filter { !$0.isEmpty }.joined(separator: ", ")
                    warnings.append(Diagnostic(.warning, file: cut.file, line: clip.line, "clip \(what.isEmpty ? "without a name" : what) \(why); not marked"))
                }
                switch matcher.match(clip) {
                case .failure(let why):
                    skip(why.empty ? "has no source range (in \(clip.start), out \(clip.end))" : why.ambiguous.isEmpty ? "matches no interview of the index"
                         : "matches \(why.ambiguous.count) interviews (\(why.ambiguous.prefix(5).joined(separator: ", "))); rename the clip or its media")
                case .success(let (id, range)):
                    let end = matcher.end(of: id)
                    let lo = max(0, range.lowerBound), hi = min(end, range.upperBound)
                    guard lo < hi else {
                        skip("uses \(Self.seconds(range.lowerBound))–\(Self.seconds(range.upperBound)) s of interview \(id), outside its recording (0–\(Self.seconds(end)) s); check the manifest's timecode and fps")
                        continue
                    }
                    entries.append((id, lo..<hi))
                }
            }
        }
        return UsedMarking(ranges: UsedRanges(entries), matched: entries.count, unmatched: unmatched, warnings: warnings)
    }

    /// This index with exactly `ranges` recorded as used (ranges of
    /// interviews it does not have are dropped; empty ranges remove the
    /// `used` section). Nothing else changes: every other section keeps its bytes.
    public func withUsedRanges(_ ranges: UsedRanges) -> SearchIndex {
        let ids = interviewIDs
        let known = Set(ids)
        let section = UsedRangesSection.encode(ranges.filter { known.contains($0) }, ids: ids)
        var sections: [(IndexFormat.Section, [UInt8])] = []
        let bytes = reader.storage.bytes
        for e in reader.sections.entries {
            // The page table is written again by `assemble`.
            guard let kind = IndexFormat.Section(rawValue: e.kind), kind != .used, kind != .pageChecksums else { continue }
            sections.append((kind, Array(bytes[e.offset..<(e.offset + e.length)])))
        }
        if let section { sections.append((.used, section)) }
        return SearchIndex(image: IndexFile.assemble(sections))
    }

    /// `t` rounded to the millisecond, as text.
    static func seconds(_ t: Double) -> String { "\((t * 1000).rounded() / 1000)" }
}
