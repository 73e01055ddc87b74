/// Lets a filtered scan jump over whole interviews. An interview's
/// documents are contiguous, and a chapter, an interview id or a manifest
/// field usually rules out most interviews entirely; when the filter accepts
/// no document of the interview a rejected document belongs to, every
/// cursor can move past the interview's last document at once.
///
/// Each interview is judged at most once per search, by scanning its
/// document records, so the extra work is bounded by one pass over the
/// documents the scan reaches.
struct InterviewSkipper {
    private let reader: IndexReader
    private let filter: FilterNode
    /// Per interview: 0 not judged yet, 1 holds a passing document, 2 holds none.
    private var verdicts: [UInt8]

    /// A skipper for the filter of `root`, or nil when it has no filter.
    init?(_ root: BooleanScorer) {
        guard let filter = root.filter else { return nil }
        self.reader = root.reader
        self.filter = filter
        verdicts = [UInt8](repeating: 0, count: reader.interviews.count)
    }

    /// Where a scan may continue after rejecting `doc`: just past its
    /// interview when the filter accepts nothing in it, else nil.
    mutating func target(after doc: UInt32) -> UInt32? {
        let i = Int(reader.docs.interview(of: doc))
        guard i < verdicts.count else { return nil }
        let r = reader.interviews[i]
        let lo = r.docStart, hi = r.docStart &+ r.docCount
        // A damaged record (doc outside its interview's range) is never skipped on.
        guard lo <= doc, doc < hi, Int(hi) <= reader.docCount else { return nil }
        if verdicts[i] == 0 {
            verdicts[i] = (lo..<hi).contains { filter.matches($0, reader) } ? 1 : 2
        }
        return verdicts[i] == 2 ? hi : nil
    }
}
