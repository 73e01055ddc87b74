/// The `cueImpacts` section (kind 18, since format 6): for each term of more
/// than ``minimumBlocks`` − 1 postings blocks, per block the (cue tf, cue
/// length) Pareto frontier of the term over the cues of the block's
/// documents. The quote order ranks one-cue passages by a BM25 computed with
/// the cue as the document (``CueMatch``); since BM25 rises with tf and falls
/// with the length, the best such contribution over a block's frontier, for
/// any k1 and b, bounds the term's contribution to every cue score of the
/// block, so the quote walk passes whole blocks of stop-like words:
///
///     section  := count u32 · docs u32 · entry[count] · shortest[docs] · data
///     entry    := term u32 · stride u32 · offset u32              (12 bytes)
///     shortest := u8 per document (since format 7)
///     data     := per entry, blocks × stride pairs (tf u8 · length u8)
///
/// Entries are sorted by term id; `blocks` is the term's ``TermInfo/blocks``;
/// `offset` is where the term's pairs start in `data` (bytes), the first at
/// 0, each where the one before ends, the last ending at the section's end.
/// `shortest` holds, per document, the length of its shortest cue of at
/// least 2 tokens (capped at 255; 1 when it has none; 0 when its cues do not
/// start in increasing order): a cue holding two distinct words is at least
/// that long, so the quote walk bounds a document's cue score from its words'
/// tfs and this byte before it reads the document's cues
/// (``CueTester/shortestCueBound(_:orElse:)``).
/// Block `k`'s pairs are the `stride` (1…``maxPairs``) pairs at
/// `offset + k × stride × 2`, by decreasing tf and length; unused slots are
/// zero (a real pair has tf ≥ 1). A cue's tf is the term's positions in it;
/// its length is the one the quote order uses: the next cue's first position
/// (the document's length after the last cue) less its own, at least 1; a
/// document without cues is one cue of its length. Lengths are capped at
/// 255 (a smaller length only loosens the bound); a tf of ``saturated`` or
/// more is stored as ``saturated`` and means "unbounded", as is a block
/// holding a document whose cues do not start in increasing order. A
/// frontier of more than ``maxPairs`` pairs is folded as the postings'
/// impacts are (``Postings/Encoder/fold(_:limit:into:)``).
struct CueImpacts {
    /// Most pairs stored per block.
    static let maxPairs = 4
    /// Bytes per pair.
    static let pairSize = 2
    /// Bytes per directory entry.
    static let entrySize = 12
    /// Bytes before the directory.
    static let headerSize = 8
    /// Terms of at least this many blocks have cue impacts (below, the quote
    /// walk does not run: ``QuoteCollector/defaultRarestLimit`` documents).
    static let minimumBlocks = 9
    /// A stored tf meaning "this many or more": no bound.
    static let saturated: UInt8 = 0xFF
    /// The largest stored length.
    static let longest = 255

    private let bytes: UnsafeRawBufferPointer
    /// Directory entries.
    let count: Int
    /// Documents in the `shortest` column.
    let documents: Int

    /// A view of the section, checked for shape (its header and directory fit).
    init(_ section: UnsafeRawBufferPointer) throws(StorageError) {
        bytes = section
        guard section.count >= Self.headerSize else { throw .corrupt(path: "", detail: "cue impacts: shorter than their header") }
        let n = Int(UInt32(littleEndian: section.loadUnaligned(as: UInt32.self)))
        guard n <= (section.count - Self.headerSize) / Self.entrySize else {
            throw .corrupt(path: "", detail: "cue impacts: \(n) entries do not fit in \(section.count) bytes")
        }
        let docs = Int(UInt32(littleEndian: section.loadUnaligned(fromByteOffset: 4, as: UInt32.self)))
        guard docs <= section.count - Self.headerSize - n * Self.entrySize else {
            throw .corrupt(path: "", detail: "cue impacts: \(docs) documents do not fit in \(section.count) bytes")
        }
        count = n
        documents = docs
    }

    /// The byte range of the directory (for a page check before a lookup).
    var directory: Range<Int> { 0..<(Self.headerSize + count * Self.entrySize) }

    /// The byte range of the `shortest` bytes of documents `docs` (clamped to the column).
    func shortestBytes(_ docs: Range<Int>) -> Range<Int> {
        let lo = min(docs.lowerBound, documents), hi = min(max(lo, docs.upperBound), documents)
        return (directory.upperBound + lo)..<(directory.upperBound + hi)
    }

    /// Document `doc`'s shortest cue of at least 2 tokens (see the layout
    /// above; 0, no bound, past the column).
    @inline(__always)
    func shortestCue(_ doc: Int) -> UInt8 {
        guard doc < documents else { return 0 }
        return bytes.load(fromByteOffset: directory.upperBound + doc, as: UInt8.self)
    }

    /// Where `data` starts.
    private var dataStart: Int { directory.upperBound + documents }

    /// Where the pairs of term `term` (of `blocks` blocks) lie: their byte
    /// range in the section and the stride; nil when the term has none or its
    /// entry does not fit the section (damaged).
    func lookup(term: Int, blocks: Int) -> (range: Range<Int>, stride: Int)? {
        var lo = 0, hi = count
        while lo < hi {
            let mid = (lo + hi) / 2
            if entry(mid).term < term { lo = mid + 1 } else { hi = mid }
        }
        guard lo < count else { return nil }
        let e = entry(lo)
        guard e.term == term, e.stride >= 1, e.stride <= Self.maxPairs else { return nil }
        let start = dataStart + e.offset, size = blocks * e.stride * Self.pairSize
        guard start <= bytes.count, size <= bytes.count - start else { return nil }
        return (start..<(start + size), e.stride)
    }

    /// The pairs of one term, from a ``lookup(term:blocks:)`` range.
    func pairs(_ range: Range<Int>) -> UnsafeRawPointer? {
        range.isEmpty ? nil : bytes.baseAddress.map { $0 + range.lowerBound }
    }

    private func entry(_ i: Int) -> (term: Int, stride: Int, offset: Int) {
        let p = Self.headerSize + i * Self.entrySize
        return (Int(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: p, as: UInt32.self))),
                Int(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: p + 4, as: UInt32.self))),
                Int(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: p + 8, as: UInt32.self))))
    }

    /// Checks every entry against the term table: sorted, in range, each
    /// term's pairs where the one before ends, the last at the section's end
    /// (``SearchIndex/verify()`` and the tests; a search checks only the entry it reads).
    func validate(blocks: (Int) -> Int?) -> String? {
        var end = 0, previous = -1
        for i in 0..<count {
            let e = entry(i)
            guard e.term > previous else { return "entry \(i): term \(e.term) out of order" }
            guard let b = blocks(e.term) else { return "entry \(i): term \(e.term) is not in the index" }
            guard e.stride >= 1, e.stride <= Self.maxPairs else { return "entry \(i): stride \(e.stride)" }
            guard e.offset == end else { return "entry \(i): pairs at \(e.offset), expected \(end)" }
            end += b * e.stride * Self.pairSize
            previous = e.term
        }
        return end == bytes.count - dataStart ? nil : "the pairs end at \(end), the section at \(bytes.count - dataStart)"
    }

    /// Writes the section, one term at a time (terms in id order).
    struct Encoder {
        private var directory = ByteWriter()
        private var data = ByteWriter()
        private var entries: UInt32 = 0
        private var frontier: [(tf: UInt32, dl: UInt32)] = []
        private var shortestByTF: [UInt32] = []
        private var folded: [UInt32] = []
        private var blockPairs: [UInt32] = []
        private var blockCounts: [Int] = []

        init() {}

        /// Appends the cue impacts of term `term` when it has at least
        /// ``CueImpacts/minimumBlocks`` blocks: `docs`, `tfs` and `positions`
        /// as ``Postings/Encoder/append(docs:tfs:positions:length:)`` takes
        /// them, `cues` the documents' cue starts.
        mutating func append(term: Int, docs: [UInt32], tfs: [UInt32], positions: [UInt32], cues: CueStarts) {
            let df = docs.count, size = Postings.blockSize
            let blocks = (df + size - 1) / size
            guard blocks >= CueImpacts.minimumBlocks else { return }
            blockPairs.removeAll(keepingCapacity: true)
            blockCounts.removeAll(keepingCapacity: true)
            var width = 1, cursor = 0
            for k in 0..<blocks {
                shortestByTF.removeAll(keepingCapacity: true)
                var unbounded = false
                positions.withUnsafeBufferPointer { all in
                    for i in (k * size)..<min(df, k * size + size) {
                        let n = Int(tfs[i])
                        let mine = UnsafeBufferPointer(rebasing: all[cursor..<(cursor + n)])
                        if !cues.place(doc: docs[i], positions: mine, into: &shortestByTF) { unbounded = true }
                        cursor += n
                    }
                }
                folded.removeAll(keepingCapacity: true)
                if unbounded || shortestByTF.count >= Int(CueImpacts.saturated) {
                    folded.append(UInt32(CueImpacts.saturated))
                    folded.append(1)
                } else {
                    // The shortest cue per tf, then those shorter than every higher tf's.
                    frontier.removeAll(keepingCapacity: true)
                    var best = UInt32.max
                    for tf in stride(from: shortestByTF.count - 1, through: 1, by: -1) where shortestByTF[tf] < best {
                        best = shortestByTF[tf]
                        frontier.append((UInt32(tf), best))
                    }
                    _ = Postings.Encoder.fold(frontier, limit: CueImpacts.maxPairs, into: &folded)
                }
                blockCounts.append(folded.count / 2)
                width = max(width, folded.count / 2)
                blockPairs.append(contentsOf: folded)
            }
            directory.u32(UInt32(term))
            directory.u32(UInt32(width))
            directory.u32(UInt32(data.count))
            entries += 1
            var next = 0
            for n in blockCounts {
                for j in 0..<width {
                    data.u8(j < n ? UInt8(blockPairs[next + 2 * j]) : 0)
                    data.u8(j < n ? UInt8(min(blockPairs[next + 2 * j + 1], UInt32(CueImpacts.longest))) : 0)
                }
                next += 2 * n
            }
        }

        /// The section's bytes, with the `shortest` column of `cues`' documents.
        func encoded(_ cues: CueStarts) -> [UInt8] {
            var w = ByteWriter()
            w.u32(entries)
            w.u32(UInt32(cues.docs.count))
            w.append(directory.bytes)
            for d in cues.docs.indices { w.u8(cues.shortestCue(doc: d)) }
            w.append(data.bytes)
            return w.bytes
        }
    }

    /// The documents' cue starts as the writer has them, to find the cue of a position.
    struct CueStarts {
        /// Every cue's first position, in cue order.
        let firsts: [UInt32]
        /// Per document, its first cue, cue count, BM25 length and whether
        /// its cues start in increasing order.
        let docs: [(first: UInt32, count: UInt32, length: UInt32, increasing: Bool)]

        /// The cue starts of the builder's `cues` and `docs`.
        init(_ cues: [CueRecord], _ docs: [DocRecord]) {
            let firsts = cues.map(\.firstPosition)
            self.firsts = firsts
            self.docs = docs.map { d in
                let lo = Int(d.cueStart), n = Int(d.cueCount)
                let increasing = n < 2 || !((lo + 1)..<(lo + n)).contains { firsts[$0] < firsts[$0 - 1] }
                return (d.cueStart, d.cueCount, d.length, increasing)
            }
        }

        /// Document `i`'s byte of the `shortest` column: the length of its
        /// shortest cue of at least 2 tokens (255 at most), 1 when it has
        /// none, 0 when its cues do not start in increasing order.
        func shortestCue(doc i: Int) -> UInt8 {
            let d = docs[i]
            guard d.increasing else { return 0 }
            let lo = Int(d.first), n = Int(d.count)
            var shortest = Int.max
            for c in 0..<max(1, n) {
                let first = n == 0 ? 0 : Int(firsts[lo + c])
                let next = c + 1 < n ? Int(firsts[lo + c + 1]) : Int(d.length)
                let length = max(1, next - first)
                if length >= 2 { shortest = min(shortest, length) }
            }
            return shortest == Int.max ? 1 : UInt8(min(shortest, CueImpacts.longest))
        }

        /// Records in `shortest` (the shortest cue length per cue tf, grown
        /// as needed; `UInt32.max` for a tf no cue has) the cues of `doc`
        /// holding `positions` (increasing). False when its cues do not start
        /// in increasing order (the quote order then has no cue bound).
        func place(doc: UInt32, positions: UnsafeBufferPointer<UInt32>, into shortest: inout [UInt32]) -> Bool {
            let d = docs[Int(doc)]
            guard d.increasing else { return false }
            let lo = Int(d.first), n = Int(d.count)
            var c = 0, tf = 0
            func flush() {
                guard tf > 0 else { return }
                let first = n == 0 ? 0 : Int(firsts[lo + c])
                let next = c + 1 < n ? Int(firsts[lo + c + 1]) : Int(d.length)
                let length = UInt32(max(1, next - first))
                let t = min(tf, Int(CueImpacts.saturated))
                if shortest.count <= t { shortest.append(contentsOf: repeatElement(UInt32.max, count: t + 1 - shortest.count)) }
                shortest[t] = min(shortest[t], length)
            }
            for p in positions {
                // The cue holding p: the last whose first position is ≤ p (the first when none is).
                var moved = false
                while c + 1 < n && firsts[lo + c + 1] <= p {
                    if !moved { flush(); tf = 0; moved = true }
                    c += 1
                }
                tf += 1
            }
            flush()
            return true
        }
    }
}

extension IndexReader {
    /// Term `id`'s cue impacts (``CueImpacts``) for a cursor of `blocks`
    /// blocks: a pointer to its pairs and the stride; nil when it has none.
    /// On a verified open the directory's pages and the term's are checked
    /// first (a damaged page gives nil and fails the search, as a term's
    /// postings do).
    func cueImpacts(term id: Int, blocks: Int) -> (pairs: UnsafeRawPointer, stride: Int)? {
        if let pages = pageCheck, !pages.check(.cueImpacts, cueImpacts.directory) { return nil }
        guard let found = cueImpacts.lookup(term: id, blocks: blocks) else { return nil }
        if let pages = pageCheck, !pages.check(.cueImpacts, found.range) { return nil }
        return cueImpacts.pairs(found.range).map { ($0, found.stride) }
    }

    /// Whether the `shortest` bytes of documents `docs` are undamaged
    /// (always, unless opened verifying; see ``CueImpacts/shortestCue(_:)``).
    func checkShortestCues(_ docs: Range<Int>) -> Bool {
        guard let pages = pageCheck else { return true }
        let bytes = cueImpacts.shortestBytes(docs)
        return bytes.isEmpty || pages.check(.cueImpacts, bytes)
    }

    /// Checks the cue impacts' directory against the term table (``CueImpacts/validate(blocks:)``)
    /// and the `shortest` column's length against the documents.
    func verifyCueImpacts() throws(StorageError) {
        guard cueImpacts.documents == docCount else {
            throw .corrupt(path: path, detail: "cue impacts: \(cueImpacts.documents) documents, the index has \(docCount)")
        }
        let n = termCount
        if let problem = cueImpacts.validate(blocks: { $0 >= 0 && $0 < n ? Int(self.terms.info($0).blocks) : nil }) {
            throw .corrupt(path: path, detail: "cue impacts: \(problem)")
        }
    }
}
