/// The stretches of each interview a finished edit used, in seconds of the
/// recording: per interview, sorted and merged (ranges that overlap or touch
/// become one), so a range is never counted twice.
///
/// Recorded in an index by `soundbite used` (``SearchIndex/withUsedRanges(_:)``),
/// read back as ``SearchIndex/usedRanges``, and used by ``UsedFilter`` and
/// the `used` facet.
public struct UsedRanges: Sendable, Hashable {
    /// Interview id → its used ranges, sorted, disjoint, none empty.
    public private(set) var byInterview: [String: [Range<Double>]] = [:]

    /// No ranges.
    public init() {}

    /// The ranges of `entries`, merged per interview. Empty, reversed and
    /// non-finite ranges are left out; negative starts become 0.
    public init(_ entries: [(interview: String, range: Range<Double>)]) {
        var grouped: [String: [Range<Double>]] = [:]
        for e in entries {
            guard e.range.lowerBound.isFinite, e.range.upperBound.isFinite else { continue }
            let lo = max(0, e.range.lowerBound)
            guard e.range.upperBound > lo else { continue }
            grouped[e.interview, default: []].append(lo..<e.range.upperBound)
        }
        for (id, ranges) in grouped { byInterview[id] = Self.merged(ranges) }
    }

    /// True when no interview has a used range.
    public var isEmpty: Bool { byInterview.isEmpty }

    /// The used ranges of `interview` (exact id), sorted and disjoint.
    public func ranges(of interview: String) -> [Range<Double>] { byInterview[interview] ?? [] }

    /// Seconds used of `interview`.
    public func seconds(of interview: String) -> Double { ranges(of: interview).reduce(0) { $0 + ($1.upperBound - $1.lowerBound) } }

    /// Seconds used in all.
    public var seconds: Double { byInterview.keys.reduce(0) { $0 + seconds(of: $1) } }

    /// These ranges and `other`'s, merged.
    public func union(_ other: UsedRanges) -> UsedRanges {
        var result = self
        for (id, ranges) in other.byInterview { result.byInterview[id] = Self.merged(result.ranges(of: id) + ranges) }
        return result
    }

    /// Only the interviews `keep` accepts.
    func filter(_ keep: (String) -> Bool) -> UsedRanges {
        var result = UsedRanges()
        result.byInterview = byInterview.filter { keep($0.key) }
        return result
    }

    /// `ranges` sorted, with overlapping and touching ones joined.
    static func merged(_ ranges: [Range<Double>]) -> [Range<Double>] {
        var result: [Range<Double>] = []
        for r in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = result.last, r.lowerBound <= last.upperBound {
                result[result.count - 1] = last.lowerBound..<max(last.upperBound, r.upperBound)
            } else {
                result.append(r)
            }
        }
        return result
    }

    /// The shortest overlap, in seconds, that makes a passage used when
    /// neither holds the other: edits cut on frames, transcripts time cues
    /// to the millisecond, so a few milliseconds of rounding at a cut are no use.
    public static let overlapTolerance = 0.05

    /// Whether the passage `start...end` of an interview overlaps `ranges`
    /// (sorted, disjoint): it shares more than ``overlapTolerance`` seconds
    /// with a range, or lies inside one, or holds one whole.
    public static func overlaps(_ ranges: [Range<Double>], start: Double, end: Double) -> Bool {
        // First range ending after the passage starts.
        var lo = 0, hi = ranges.count
        while lo < hi { let m = (lo + hi) / 2; if ranges[m].upperBound <= start { lo = m + 1 } else { hi = m } }
        var i = lo
        while i < ranges.count, ranges[i].lowerBound <= end {
            let r = ranges[i]
            let shared = min(r.upperBound, end) - max(r.lowerBound, start)
            if shared > overlapTolerance { return true }
            if r.lowerBound <= start && end <= r.upperBound { return true }
            if start <= r.lowerBound && r.upperBound <= end { return true }
            i += 1
        }
        return false
    }
}

/// Which passages a search keeps, by the cut recorded with `soundbite used`
/// (``SearchOptions/used``).
///
/// A passage is used when its time span (its first cue's start to its last
/// cue's end) overlaps a used range of its interview as
/// ``UsedRanges/overlaps(_:start:end:)`` says: more than 50 ms shared, or one
/// inside the other. An index without used ranges has every passage unused.
public enum UsedFilter: String, Sendable, Hashable, CaseIterable {
    /// Every passage (the default).
    case any
    /// Only passages that overlap the cut (`search --used`).
    case used
    /// Only passages outside the cut: the cutting-room floor (`search --unused`).
    case unused
}
