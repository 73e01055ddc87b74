/// A segment builder's postings as one flat log, in the order they are made
/// (passage by passage), instead of three growing lists per term.
///
/// A segment (see ``IndexBuilder/append(_:)``) meets thousands of terms once
/// or twice: per-term lists cost an allocation, regrowth and a uniqueness
/// check per posting, and three frees when the segment is appended. The log
/// is five flat arrays written through pointers; ``grouped(termCount:)``
/// sorts it by term once (a stable counting sort, so each term's postings
/// stay in document order and the appended lists are the ones per-term
/// lists would hold, value for value).
struct PostingLog {
    /// Per posting: its term, document and term frequency.
    private(set) var terms: [UInt32] = []
    private(set) var docs: [UInt32] = []
    private(set) var tfs: [UInt32] = []
    /// Every posting's positions back to back, in posting order (`tfs[i]` each).
    private(set) var positions: [UInt32] = []
    /// Postings and positions written (the arrays hold spare room past them).
    private(set) var postingCount = 0
    private(set) var positionCount = 0

    /// Makes room for `postings` more postings with `positions` more positions.
    mutating func reserve(postings: Int, positions more: Int) {
        func grow(_ a: inout [UInt32], to n: Int) {
            if a.count < n { a.append(contentsOf: repeatElement(0, count: Swift.max(n, 2 * a.count) - a.count)) }
        }
        grow(&terms, to: postingCount + postings)
        grow(&docs, to: postingCount + postings)
        grow(&tfs, to: postingCount + postings)
        grow(&positions, to: positionCount + more)
    }

    /// Appends postings through pointers to room made by ``reserve(postings:positions:)``:
    /// `body` gets a writer and returns when it has written them.
    mutating func write(_ body: (inout Writer) -> Void) {
        terms.withUnsafeMutableBufferPointer { terms in
        docs.withUnsafeMutableBufferPointer { docs in
        tfs.withUnsafeMutableBufferPointer { tfs in
        positions.withUnsafeMutableBufferPointer { positions in
            var writer = Writer(terms: terms, docs: docs, tfs: tfs, positions: positions,
                                postingCount: postingCount, positionCount: positionCount)
            body(&writer)
            postingCount = writer.postingCount
            positionCount = writer.positionCount
        } } } }
    }

    /// Writes postings into reserved room (see ``write(_:)``).
    struct Writer {
        fileprivate let terms, docs, tfs, positions: UnsafeMutableBufferPointer<UInt32>
        fileprivate(set) var postingCount: Int
        fileprivate(set) var positionCount: Int

        /// The next position of the posting being written.
        mutating func position(_ p: UInt32) {
            positions[positionCount] = p
            positionCount += 1
        }

        /// Ends a posting of `term` in `doc` whose `tf` positions were just written.
        mutating func posting(term: Int, doc: UInt32, tf: UInt32) {
            terms[postingCount] = UInt32(truncatingIfNeeded: term)
            docs[postingCount] = doc
            tfs[postingCount] = tf
            postingCount += 1
        }
    }

    /// The log sorted by term: term `t`'s postings are `postingStart[t] ..<
    /// postingStart[t + 1]` of `docs` / `tfs`, its positions `positionStart[t]
    /// ..< positionStart[t + 1]` of `positions`.
    struct Grouped: Sendable {
        var postingStart: [Int]
        var positionStart: [Int]
        var docs: [UInt32]
        var tfs: [UInt32]
        var positions: [UInt32]
    }

    /// Groups the log by term, for terms `0 ..< termCount`.
    func grouped(termCount: Int) -> Grouped {
        var postingStart = [Int](repeating: 0, count: termCount + 1)
        var positionStart = [Int](repeating: 0, count: termCount + 1)
        for i in 0..<postingCount {
            let t = Int(terms[i])
            postingStart[t + 1] += 1
            positionStart[t + 1] += Int(tfs[i])
        }
        for t in 0..<termCount {
            postingStart[t + 1] += postingStart[t]
            positionStart[t + 1] += positionStart[t]
        }
        var outDocs = [UInt32](repeating: 0, count: postingCount)
        var outTFs = [UInt32](repeating: 0, count: postingCount)
        var outPositions = [UInt32](repeating: 0, count: positionCount)
        var nextPosting = postingStart, nextPosition = positionStart
        terms.withUnsafeBufferPointer { terms in docs.withUnsafeBufferPointer { docs in
        tfs.withUnsafeBufferPointer { tfs in positions.withUnsafeBufferPointer { positions in
        outDocs.withUnsafeMutableBufferPointer { outDocs in outTFs.withUnsafeMutableBufferPointer { outTFs in
        outPositions.withUnsafeMutableBufferPointer { outPositions in
        nextPosting.withUnsafeMutableBufferPointer { nextPosting in nextPosition.withUnsafeMutableBufferPointer { nextPosition in
            var from = 0
            for i in 0..<postingCount {
                let t = Int(terms[i]), tf = Int(tfs[i])
                let k = nextPosting[t]
                nextPosting[t] = k + 1
                outDocs[k] = docs[i]
                outTFs[k] = tfs[i]
                let to = nextPosition[t]
                nextPosition[t] = to + tf
                for j in 0..<tf { outPositions[to + j] = positions[from + j] }
                from += tf
            }
        } } } } } } } } }
        return Grouped(postingStart: postingStart, positionStart: positionStart,
                       docs: outDocs, tfs: outTFs, positions: outPositions)
    }
}
