import Foundation

/// Which documents of an index overlap its used ranges (``UsedRanges/overlaps(_:start:end:)``
/// on each passage's time span): worked out on the first search that asks,
/// then shared by every search on the reader. Behind an `NSLock` for the
/// reason ``StringLookup`` gives.
final class UsedDocuments: @unchecked Sendable {
    private let lock = NSLock()
    private var documents: DocRuns?

    /// The documents that overlap the cut, as runs (documents are in
    /// interview and time order, so a used range is usually one run).
    func runs(_ reader: IndexReader) -> DocRuns {
        lock.withLock {
            if let documents { return documents }
            var built = DocRuns()
            for r in reader.interviews {
                let ranges = reader.used.ranges(of: reader.string(r.id))
                guard !ranges.isEmpty else { continue }
                for d in Int(r.docStart)..<(Int(r.docStart) + Int(r.docCount)) {
                    let span = reader.timeSpan(of: d)
                    if UsedRanges.overlaps(ranges, start: span.start, end: span.end) { built.append(UInt32(d)) }
                }
            }
            documents = built
            return built
        }
    }
}

extension IndexReader {
    /// Document `doc`'s time span: its first cue's start to its last cue's end
    /// (0...0 without cues).
    func timeSpan(of doc: Int) -> (start: Double, end: Double) {
        let r = document(doc)
        guard r.cueCount > 0 else { return (0, 0) }
        let first = cue(Int(r.cueStart)), last = cue(Int(r.cueStart) + Int(r.cueCount) - 1)
        return (first.start, max(first.start, last.end))
    }
}
