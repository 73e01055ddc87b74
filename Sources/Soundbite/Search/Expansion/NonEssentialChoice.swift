/// Which terms of a union ``UnionWindowCollector`` leaves non-essential for
/// a k-th score: of the sets whose bounds together stay at or below it
/// (padded), so that a document holding only those cannot enter, the one
/// whose estimated cost is least.
///
/// The walk reads every posting of an essential term (its bound summed into
/// its document's, no length loaded); a document whose bound sum and the
/// non-essential terms' bounds can beat the k-th score is a candidate: its
/// length is loaded, its postings are scored and the non-essential terms are
/// looked up there. Leaving a frequent term out saves reading it, but raises
/// what every candidate test adds: once a term's own bound and the left-out
/// ones' can beat the k-th score, each of its postings makes a candidate. So
/// a set costs, in postings read, the essential terms' postings plus, for
/// each posting of an essential term whose bound can then lift its document
/// in, ``exactCost`` and ``lookupCost`` per non-essential term. The sets
/// weighed: none, and each step of two greedy walks, the most postings first
/// (``byPostings``: lowest idf) and the lowest bound first (as plain MaxScore
/// takes them), each term taken while it still fits.
///
/// `becau*` (`because`, df 49,507, beside typos of df 1–2 that set the top k)
/// leaves `because` out: a few candidates, looked up in it, against reading
/// it. `comp*` (57 terms, every bound just under the k-th score, the most
/// frequent holding a sixth of the postings) leaves none out: with one out,
/// nearly every posting would be a candidate.
struct NonEssentialChoice {
    /// A candidate's length load and scoring, in postings read.
    static let exactCost = 3.0
    /// A candidate's lookup in one non-essential term, in postings read.
    static let lookupCost = 1.0
    /// Steps of each greedy walk weighed at most.
    static let maxSteps = 64

    /// The terms by their postings, most first (lowest idf: highest document
    /// frequency), the lower bound first on a tie.
    let byPostings: [Int]
    /// The terms by bound, lowest first.
    let byBound: [Int]
    private let bounds: [Double]
    private let postings: [Int]
    /// Per rank `r` of ``byBound``: the postings of ranks `r...` together.
    private let suffix: [Int]

    /// The choice for a union of terms with `idfs`, `bounds` and `postings` (per term).
    init(idfs: [Double], bounds: [Double], postings: [Int]) {
        let n = bounds.count
        byPostings = (0..<n).sorted { (idfs[$0], bounds[$0], $0) < (idfs[$1], bounds[$1], $1) }
        byBound = (0..<n).sorted { (bounds[$0], $0) < (bounds[$1], $1) }
        self.bounds = bounds
        self.postings = postings
        var suffix = [Int](repeating: 0, count: n + 1)
        for r in stride(from: n - 1, through: 0, by: -1) { suffix[r] = suffix[r + 1] + postings[byBound[r]] }
        self.suffix = suffix
    }

    /// `x` raised against rounding (``BoundMargin``).
    @inline(__always)
    private static func padded(_ x: Double) -> Double { BoundMargin.padded(x) }

    /// The non-essential terms for a k-th score of `threshold`, into `chosen` (per term).
    func choose(threshold: Double, into chosen: inout [Bool]) {
        let n = bounds.count
        var members: [Int] = []
        members.reserveCapacity(Self.maxSteps)
        // The postings of the terms whose bounds with `rest` beat the threshold.
        func strong(_ rest: Double) -> Int {
            var lo = 0, hi = n
            while lo < hi {
                let mid = (lo + hi) / 2
                if Self.padded(bounds[byBound[mid]] + rest) > threshold { hi = mid } else { lo = mid + 1 }
            }
            return suffix[lo]
        }
        // The cost of leaving `members` (bounds summing to `rest`) out.
        func cost(_ rest: Double) -> Double {
            var left = 0, leftStrong = 0
            for m in members {
                left += postings[m]
                if Self.padded(bounds[m] + rest) > threshold { leftStrong += postings[m] }
            }
            let candidates = Double(strong(rest) - leftStrong)
            return Double(suffix[0] - left) + candidates * (Self.exactCost + Self.lookupCost * Double(members.count))
        }
        var best = cost(0), bestByPostings = true, bestCount = 0
        var sum = 0.0
        for i in byPostings where Self.padded(sum + bounds[i]) <= threshold {
            if members.count == Self.maxSteps { break }
            sum += bounds[i]
            members.append(i)
            let c = cost(sum)
            if c < best { best = c; bestCount = members.count }
        }
        let greedy = members
        members.removeAll(keepingCapacity: true)
        sum = 0
        var r = 0
        while r < n, members.count < Self.maxSteps, Self.padded(sum + bounds[byBound[r]]) <= threshold {
            sum += bounds[byBound[r]]
            members.append(byBound[r])
            r += 1
            let c = cost(sum)
            if c < best { best = c; bestByPostings = false; bestCount = members.count }
        }
        for i in chosen.indices { chosen[i] = false }
        for m in (bestByPostings ? greedy : members).prefix(bestCount) { chosen[m] = true }
    }
}
