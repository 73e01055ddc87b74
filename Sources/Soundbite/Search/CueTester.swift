/// How a document's cues hold the query words: whether one cue holds every
/// word the document holds, and the best such cue's BM25 score, computed
/// with the cue as the document (tf = the word's matches in the cue, dl =
/// the cue's tokens, avgdl = tokens per cue over the index). A quote is
/// typed from one line; among passages holding it in one cue, the cue that
/// matches best as a line of its own comes first.
struct CueMatch {
    var oneCue = true
    var score = 0.0
}

/// Computes ``CueMatch`` for one document after another with the words'
/// scorers, reusing its buffers: no allocation and no reference counting per
/// document. It reads only the cues' first positions, and a word that is a
/// term, or a term or'ed with its derived forms, straight from its cursors.
/// The caller keeps the scorers alive while the tester is used.
///
/// For a document holding every word, two upper bounds of its cue score
/// come before the positions (the quote walk passes a document whose bound
/// cannot reach the k-th entry's cue score):
/// - ``tfBound(_:)``, from each word's tf in the document alone: a word's tf
///   in a cue is at most its tf in the document and, when the words never
///   share a token, at most the cue's length less one token per other word;
///   the bound is the best sum over every cue length;
/// - ``cueLengthBound(length:)``, the same over the document's actual cue
///   lengths (after ``loadCues(_:)``).
///
/// Both are computed with the very arithmetic of the cue score, in the same
/// word order, with each tf at least and each length at most the cue's own:
/// BM25 rises with tf and falls with length, and so do its rounded values,
/// so a bound is never below the score, bit for bit (a bound equal to the
/// k-th entry's cue score is a tie, decided by the BM25 score). Bounds are
/// only given (else `.infinity`) when every word is a term or a set of terms
/// read from cursors, the index keeps neither stop words (which leave gaps in
/// positions, so the last cue's length would not cover its tokens) nor exact
/// forms (which share a position with their stem), and BM25's parameters
/// keep the score strictly rising in tf (k1 > 0, 0 ≤ b ≤ 1).
struct CueTester {
    private let reader: IndexReader
    private let idfs: [Double]
    private let cueBM25: BM25
    private let words: [Unmanaged<Scorer>]
    /// Per word, its terms' scorers in `terms[termStart[i]..<termStart[i + 1]]`;
    /// an empty range: read its positions through ``Scorer/matchPositions(into:)``.
    private let terms: [Unmanaged<TermScorer>]
    private let termStart: [Int]
    private var firsts: [UInt32] = []
    private var sortedFirsts = true
    private var perCue: [UInt64] = []
    private var tf: [Int] = []
    private var positions = PositionBuffer()
    private var scratch: [UInt32] = []
    /// Whether the bounds hold for these words and this index (see above).
    private let bounded: Bool
    /// Whether no two words can match one token (their terms are disjoint).
    private let distinct: Bool
    /// Two distinct words: a cue of L tokens holds c₀ + c₁ ≤ L of them, and
    /// the bounds try each split (see ``bound(cueLength:)``).
    private let pairs: Bool
    /// Above this tf₀ · tf₁ the tf bound of a pair takes each word's cap alone.
    private static let largestPairs = 4096
    /// Above this smaller tf a cue's bound takes each word's cap alone.
    private static let largestSplit = 64
    /// Per word, its tf in the document of the last ``tfBound(_:)``.
    private var docTF: [Int]
    /// Whether the last ``tfBound(_:)`` filled ``docTF`` (its bound is finite).
    private var haveTF = false
    /// Cue scores of one word at small tf and length, computed on first use
    /// (NaN until then): `side × side` per word, by length then tf.
    private var table: [Double] = []
    private static let side = 24
    /// ``boundOverLengths(_:)`` by tf vector, computed on first use (NaN
    /// until then), for vectors whose every tf is below ``memoSide``: slot
    /// Σ tfᵢ · memoSideⁱ. Documents of common words repeat a few small vectors.
    private var memo: [Double] = []
    /// The largest side whose `words`-th power fits ``memoSlots`` (0: no memo).
    private let memoSide: Int
    private static let memoSlots = 4096
    /// Above this tf no bound is given (BM25's rise per tf stays far above rounding below it).
    private static let largestTF = 4096
    /// Per word, ``CueImpacts/maxPairs`` (tf, length) pairs of its cue
    /// frontier over a run of blocks, `frontCount[i]` of them set.
    private var front: [UInt32]
    private var frontCount: [Int]
    /// ``frontierBound()``'s lengths where a word's largest tf changes.
    private var breaks: [Int] = []
    /// The `shortest` column of ``CueImpacts`` (a view: nothing counted per read).
    private let impacts: CueImpacts
    /// Documents whose `shortest` bytes were checked (``shortestCueBound(_:orElse:)``).
    private var shortestChecked = 0..<0
    /// Documents checked at once there.
    private static let shortestRun = 4096
    /// Longest stretch of lengths ``shortestCueBound(_:orElse:)`` tries one by one.
    private static let shortestStretch = 16

    init(reader: IndexReader, bm25: BM25, idfs: [Double], words: [Scorer]) {
        self.reader = reader
        self.idfs = idfs
        impacts = reader.cueImpacts
        let average = Double(reader.totalTokens) / Double(max(1, reader.cueCount))
        cueBM25 = BM25(k1: bm25.k1, b: bm25.b, avgdl: average, documentCount: reader.cueCount)
        self.words = words.map { Unmanaged.passUnretained($0) }
        var terms: [Unmanaged<TermScorer>] = []
        var termStart = [0]
        terms.reserveCapacity(words.count)
        termStart.reserveCapacity(words.count + 1)
        for w in words {
            if let t = w as? TermScorer {
                terms.append(.passUnretained(t))
            } else if let b = w as? BooleanScorer, b.must.isEmpty, b.mustNot.isEmpty, b.filter == nil,
                      !b.should.isEmpty, b.should.allSatisfy({ $0 is TermScorer }) {
                // A BooleanScorer's should clauses on its document are the ones matching it.
                for c in b.should { terms.append(.passUnretained(c as! TermScorer)) }
            }
            termStart.append(terms.count)
        }
        self.terms = terms
        self.termStart = termStart
        let analyzer = reader.analyzer
        let k1 = cueBM25.k1, b = cueBM25.b
        // The length part of BM25's denominator at one token: it keeps tf's rise far above rounding.
        let norm1 = average > 0 ? k1 * (1 - b + b / average) : k1
        bounded = words.count >= 2 && (0..<words.count).allSatisfy { termStart[$0] < termStart[$0 + 1] }
            && analyzer.stopWords.isEmpty && !analyzer.keepsExactForms
            && k1 > 0 && k1.isFinite && b >= 0 && b <= 1 && average.isFinite && norm1 >= 1e-6
            && idfs.allSatisfy { $0.isFinite && $0 >= 0 }
        distinct = !Self.wordsShareATerm(terms, termStart)
        pairs = distinct && words.count == 2
        docTF = [Int](repeating: 0, count: words.count)
        front = [UInt32](repeating: 0, count: words.count * CueImpacts.maxPairs * 2)
        frontCount = [Int](repeating: 0, count: words.count)
        var side = 1
        func fits(_ side: Int) -> Bool {
            var slots = 1
            for _ in 0..<words.count {
                slots *= side
                if slots > Self.memoSlots { return false }
            }
            return true
        }
        while words.count >= 2 && fits(side + 1) { side += 1 }
        memoSide = side >= 2 ? side : 0
    }

    /// Whether two words share a term: their term ids meet (ids, not names:
    /// a name is built from the dictionary). No set is built for the few
    /// terms of most queries (a tester is made twice per quote search).
    private static func wordsShareATerm(_ terms: [Unmanaged<TermScorer>], _ termStart: [Int]) -> Bool {
        let words = termStart.count - 1
        func id(_ t: Int) -> Int { terms[t]._withUnsafeGuaranteedRef { $0.termID } }
        if terms.count <= 32 {
            for i in 0..<words {
                for j in (i + 1)..<words {
                    for a in termStart[i]..<termStart[i + 1] {
                        for b in termStart[j]..<termStart[j + 1] where id(a) == id(b) { return true }
                    }
                }
            }
            return false
        }
        var ids: [(id: Int, word: Int)] = []
        ids.reserveCapacity(terms.count)
        for i in 0..<words { for t in termStart[i]..<termStart[i + 1] { ids.append((id(t), i)) } }
        ids.sort { $0.id != $1.id ? $0.id < $1.id : $0.word < $1.word }
        for x in 1..<ids.count where ids[x].id == ids[x - 1].id && ids[x].word != ids[x - 1].word { return true }
        return false
    }

    /// Frees the position buffer.
    func deallocate() { positions.deallocate() }

    /// The one-cue test and cue score of document `d`, moving the words' scorers forward to it.
    mutating func match(_ d: UInt32) -> CueMatch {
        loadCues(d)
        return placeWords(d)
    }

    /// Reads document `d`'s cue first positions (for ``cueLengthBound(length:)`` and ``placeWords(_:)``).
    mutating func loadCues(_ d: UInt32) {
        reader.cueFirstPositions(of: d, into: &firsts)
        sortedFirsts = true
        let cueCount = firsts.count
        if cueCount > 1 { for c in 1..<cueCount where firsts[c] < firsts[c - 1] { sortedFirsts = false; break } }
    }

    /// The one-cue test and cue score of document `d`, whose cues ``loadCues(_:)`` read.
    mutating func placeWords(_ d: UInt32) -> CueMatch {
        let cueCount = firsts.count, n = max(1, cueCount), w = words.count
        perCue.removeAll(keepingCapacity: true)
        perCue.append(contentsOf: repeatElement(0, count: n))
        tf.removeAll(keepingCapacity: true)
        tf.append(contentsOf: repeatElement(0, count: n * w))
        let sorted = sortedFirsts
        var present: UInt64 = 0
        for i in 0..<w {
            let found = words[i]._withUnsafeGuaranteedRef { s -> Bool in
                s.advance(to: d)
                return s.doc == d
            }
            guard found else { continue }
            present |= 1 << UInt64(i)
            let bit: UInt64 = 1 << UInt64(i)
            if termStart[i] == termStart[i + 1] {
                scratch.removeAll(keepingCapacity: true)
                words[i]._withUnsafeGuaranteedRef { $0.matchPositions(into: &scratch) }
                for p in scratch {
                    let c = cueCount == 0 ? 0 : QuoteCollector.cueIndex(of: p, in: firsts)
                    perCue[c] |= bit
                    tf[c * w + i] += 1
                }
                continue
            }
            for t in termStart[i]..<termStart[i + 1] {
                terms[t]._withUnsafeGuaranteedRef { term in
                    guard term.doc == d else { return }
                    term.cursor.positions(into: &positions)
                }
                guard terms[t]._withUnsafeGuaranteedRef({ $0.doc == d }) else { continue }
                // Positions increase: with increasing cue starts, one walk places them all.
                var c = 0
                for p in positions.values {
                    if cueCount > 0 {
                        if sorted { while c + 1 < cueCount && firsts[c + 1] <= p { c += 1 } }
                        else { c = QuoteCollector.cueIndex(of: p, in: firsts) }
                    }
                    perCue[c] |= bit
                    tf[c * w + i] += 1
                }
            }
        }
        var result = CueMatch()
        result.oneCue = cueCount <= 1 || perCue.contains(present)
        // One word sits in one cue by itself; its order is the score's.
        guard result.oneCue, w > 1 else { return result }
        let length = Int(reader.length(d))
        for c in 0..<n where perCue[c] == present {
            let first = cueCount == 0 ? 0 : Int(firsts[c])
            let next = c + 1 < cueCount ? Int(firsts[c + 1]) : length
            let dl = Double(max(1, next - first))
            var sum = 0.0
            for i in 0..<w where tf[c * w + i] > 0 {
                sum += cueBM25.score(idf: idfs[i], tf: Double(tf[c * w + i]), dl: dl)
            }
            result.score = max(result.score, sum)
        }
        return result
    }

    // MARK: - Bounds

    /// An upper bound of the cue score of document `d` (which must hold every
    /// word) from the words' tf in it, moving the words' scorers forward to it;
    /// `.infinity` when there is none.
    mutating func tfBound(_ d: UInt32) -> Double {
        haveTF = false
        guard bounded else { return .infinity }
        let w = words.count
        var most = 0
        for i in 0..<w {
            let on = words[i]._withUnsafeGuaranteedRef { s -> Bool in
                s.advance(to: d)
                return s.doc == d
            }
            guard on else { return .infinity }
            var t = 0
            for j in termStart[i]..<termStart[i + 1] {
                t += terms[j]._withUnsafeGuaranteedRef { $0.doc == d ? Int($0.cursor.tf) : 0 }
            }
            guard t > 0, t <= Self.largestTF else { return .infinity }
            docTF[i] = t
            most = max(most, t)
        }
        haveTF = true
        return boundOverLengths(most)
    }

    /// An upper bound of the cue score of document `d`, that of the last
    /// ``tfBound(_:)`` (finite there), from its words' tfs and its shortest
    /// cue of at least 2 tokens (``CueImpacts/shortestCue(_:)``), before its
    /// cues are read: with distinct words a cue holding them all is at least
    /// that long and at least one token per word, so the bound is the best
    /// ``bound(cueLength:)`` from that length up to the words' tfs summed
    /// (past it each word's tf is its own and the score only falls with the
    /// length). `fallback` (the tf bound, over every length) when that
    /// stretch is longer than ``shortestStretch``; `.infinity` when there is
    /// no bound (words sharing a term, cues out of order, a damaged page).
    mutating func shortestCueBound(_ d: UInt32, orElse fallback: Double) -> Double {
        guard bounded, haveTF, distinct else { return .infinity }
        let i = Int(d)
        if !shortestChecked.contains(i) {
            let run = i..<min(max(i + 1, reader.docCount), i + Self.shortestRun)
            guard reader.checkShortestCues(run) else { return .infinity }
            shortestChecked = run
        }
        let shortest = Int(impacts.shortestCue(i))
        guard shortest != 0 else { return .infinity }
        let w = words.count
        var total = 0
        for t in 0..<w { total += docTF[t] }
        let lo = max(shortest, w)
        if lo >= total { return bound(cueLength: lo) }
        guard total - lo <= Self.shortestStretch else { return fallback }
        var best = 0.0
        for length in lo...total { best = max(best, bound(cueLength: length)) }
        return best
    }

    /// Sets word `i`'s cue frontier over a run of blocks for
    /// ``frontierBound()`` from a block's ``CueImpacts`` pairs (`stride`
    /// pairs of `tf u8 · length u8` at `p`).
    @inline(__always)
    mutating func setFrontier(word i: Int, pairs p: UnsafeRawPointer, stride: Int) {
        var n = 0
        for j in 0..<stride {
            let tf = p.load(fromByteOffset: j * CueImpacts.pairSize, as: UInt8.self)
            guard tf != 0 else { break }
            front[(i * CueImpacts.maxPairs + j) * 2] = tf == CueImpacts.saturated ? UInt32.max : UInt32(tf)
            front[(i * CueImpacts.maxPairs + j) * 2 + 1] = UInt32(p.load(fromByteOffset: j * CueImpacts.pairSize + 1, as: UInt8.self))
            n += 1
        }
        frontCount[i] = n
    }

    /// Sets word `i`'s cue frontier for ``frontierBound()`` from its largest
    /// tf in a document of the run (`UInt32.max`: unbounded): every cue of at
    /// least one token holds at most that many.
    @inline(__always)
    mutating func setFrontier(word i: Int, largestTF: UInt32) {
        front[i * CueImpacts.maxPairs * 2] = largestTF
        front[i * CueImpacts.maxPairs * 2 + 1] = 1
        frontCount[i] = 1
    }

    /// An upper bound of the cue score of any document holding every word in
    /// the run whose words' cue frontiers ``setFrontier(word:pairs:stride:)``
    /// (or ``setFrontier(word:largestTF:)``) set: for each cue length L, each
    /// word's tf is at most the largest of its pairs no longer than L (T(L)),
    /// and the cue score at most ``bound(cueLength:)`` with those tfs; the
    /// best over L. L runs over each stretch where every T is constant from
    /// its start up to the sum of the Ts (past it the score only falls with
    /// L). `.infinity` when there is none. Call ``tfBound(_:)`` again before
    /// ``cueLengthBound(length:)``.
    mutating func frontierBound() -> Double {
        haveTF = false
        guard bounded else { return .infinity }
        let w = words.count, m = CueImpacts.maxPairs
        // A cue holds every word: it is no shorter than each word's shortest pair.
        var start = distinct ? w : 1
        for i in 0..<w {
            let n = frontCount[i]
            guard n > 0 else { return .infinity }
            for j in 0..<n where front[(i * m + j) * 2] > UInt32(Self.largestTF) { return .infinity }
            var shortest = UInt32.max
            for j in 0..<n { shortest = min(shortest, front[(i * m + j) * 2 + 1]) }
            start = max(start, Int(shortest))
        }
        // Where some T changes: the pairs' lengths past `start`.
        breaks.removeAll(keepingCapacity: true)
        breaks.append(start)
        for i in 0..<w {
            for j in 0..<frontCount[i] where Int(front[(i * m + j) * 2 + 1]) > start {
                breaks.append(Int(front[(i * m + j) * 2 + 1]))
            }
        }
        if breaks.count > 2 { breaks.sort() }
        var best = 0.0
        for (b, lo) in breaks.enumerated() where b == 0 || lo != breaks[b - 1] {
            var sum = 0
            for i in 0..<w {
                // The largest tf of a pair no longer than `lo` (one is: `lo` ≥ `start`).
                var t: UInt32 = 0
                for j in 0..<frontCount[i] where Int(front[(i * m + j) * 2 + 1]) <= lo { t = max(t, front[(i * m + j) * 2]) }
                docTF[i] = Int(t)
                sum += docTF[i]
            }
            var next = Int.max
            for x in breaks[b...] where x > lo { next = x; break }
            let hi = min(next - 1, max(lo, sum))
            var length = lo
            while length <= hi {
                best = max(best, bound(cueLength: length))
                length += 1
            }
        }
        return best
    }

    /// The best ``bound(cueLength:)`` over every cue length, `most` the largest ``docTF``.
    private mutating func boundOverLengths(_ most: Int) -> Double {
        let w = words.count
        var slot = 0
        if most < memoSide {
            for i in (0..<w).reversed() { slot = slot * memoSide + docTF[i] }
            if memo.isEmpty { memo = [Double](repeating: .nan, count: Self.memoSlots) }
            let v = memo[slot]
            if !v.isNaN { return v }
        } else {
            slot = -1
        }
        var best = 0.0
        if pairs, docTF[0] * docTF[1] <= Self.largestPairs {
            // Two distinct words fill c₀ + c₁ ≤ L tokens: each split at its shortest cue.
            for c0 in 1...docTF[0] {
                for c1 in 1...docTF[1] {
                    let length = c0 + c1
                    best = max(best, cueScore(word: 0, tf: c0, length: length) + cueScore(word: 1, tf: c1, length: length))
                }
            }
        } else {
            // Past the largest tf (plus a token for each other word) every word's
            // tf is its own and each term falls with the length.
            let shortest = distinct ? w : 1, longest = distinct ? most + w - 1 : most
            for length in shortest...longest { best = max(best, eachCapped(cueLength: length)) }
        }
        if slot >= 0 { memo[slot] = best }
        return best
    }

    /// An upper bound of the cue score of the document of the last
    /// ``tfBound(_:)`` (finite there) from its cue lengths, read by
    /// ``loadCues(_:)``; `length` is its BM25 length. `.infinity` when there is none.
    mutating func cueLengthBound(length: Int) -> Double {
        guard bounded, haveTF, sortedFirsts else { return .infinity }
        let cueCount = firsts.count, w = words.count
        var best = 0.0
        for c in 0..<max(1, cueCount) {
            let first = cueCount == 0 ? 0 : Int(firsts[c])
            let next = c + 1 < cueCount ? Int(firsts[c + 1]) : length
            let dl = max(1, next - first)
            // A cue shorter than the words cannot hold one token of each.
            if distinct && dl < w { continue }
            best = max(best, bound(cueLength: dl))
        }
        return best
    }

    /// The largest cue score of a cue of `length` tokens holding every word,
    /// each at most its document tf (``docTF``) and, with distinct words, at
    /// most the length less one token per other word.
    @inline(__always)
    private mutating func bound(cueLength length: Int) -> Double {
        if pairs && length >= 2 && min(docTF[0], docTF[1]) <= Self.largestSplit {
            // Two distinct words share the cue's tokens: c₀ + c₁ ≤ length. Past
            // c₀ = length − tf₁ the second word's count is its tf, so the
            // best split lies from there on.
            let t0 = docTF[0], t1 = docTF[1]
            let hi = min(t0, length - 1)
            var c0 = max(1, min(hi, length - t1)), best = 0.0
            while c0 <= hi {
                best = max(best, cueScore(word: 0, tf: c0, length: length)
                    + cueScore(word: 1, tf: min(t1, length - c0), length: length))
                c0 += 1
            }
            return best
        }
        return eachCapped(cueLength: length)
    }

    /// ``bound(cueLength:)`` with each word's tf capped on its own (at the
    /// length less one token per other word, with distinct words).
    @inline(__always)
    private mutating func eachCapped(cueLength length: Int) -> Double {
        let w = words.count
        let cap = distinct ? max(1, length - (w - 1)) : length
        var sum = 0.0
        for i in 0..<w { sum += cueScore(word: i, tf: min(docTF[i], cap), length: length) }
        return sum
    }

    /// `cueBM25.score` of word `i` at `tf` in a cue of `length` tokens (from the table when small).
    @inline(__always)
    private mutating func cueScore(word i: Int, tf: Int, length: Int) -> Double {
        let side = Self.side
        guard tf < side, length < side else {
            return cueBM25.score(idf: idfs[i], tf: Double(tf), dl: Double(length))
        }
        if table.isEmpty { table = [Double](repeating: .nan, count: words.count * side * side) }
        let slot = (i * side + length) * side + tf
        let v = table[slot]
        if !v.isNaN { return v }
        let s = cueBM25.score(idf: idfs[i], tf: Double(tf), dl: Double(length))
        table[slot] = s
        return s
    }
}
