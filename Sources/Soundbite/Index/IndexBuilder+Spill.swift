/// Bounded memory for postings: a builder whose postings outgrow
/// ``IndexBuilder/memoryBudget`` moves them to a sorted run on disk
/// (``PostingRuns``) and starts afresh; serialising merges the runs and what
/// is still in memory term by term, in byte order.
///
/// The file is the same whatever the budget: a run holds, per term, the
/// postings appended so far, and runs are merged in the order they were
/// written, so every term's list is the concatenation a builder without a
/// budget holds (put in document order after an incremental merge, as
/// there). Only postings move; documents, cues and text stay in memory.
extension IndexBuilder {
    /// The estimated memory of the postings held: their values plus about
    /// 160 bytes of array headers and allocation per term.
    var postingMemory: Int { postingBytes + terms.count * 160 + terms.arena.count }

    /// Moves every posting to a new run when ``postingMemory`` passes
    /// ``memoryBudget``. When no temporary file can be made or written, the
    /// postings stay in memory (and the budget is lifted): nothing is lost.
    mutating func spillIfOverBudget() {
        spillTextIfLarge()
        guard postingMemory > memoryBudget, terms.count > 0 else { return }
        if runs == nil { runs = PostingRuns() }
        guard let runs, runs.write(terms, postings, order: TermDictionary.sortedOrder(terms)) else {
            memoryBudget = .max
            return
        }
        terms = TermInterner()
        forms = FormTermCache()
        postings = []
        postingBytes = 0
    }

    /// Calls `body` for every term in byte order with all its postings, in
    /// document order: the runs on disk and the postings in memory merged.
    mutating func forEachTermInByteOrder(_ body: (UnsafeBufferPointer<UInt8>, TermPostings) -> Void) {
        let order = TermDictionary.sortedOrder(terms)
        guard let runs, !runs.runs.isEmpty else {
            terms.arena.withUnsafeBufferPointer { arena in
                for id in order {
                    let term = UnsafeBufferPointer(rebasing: arena[terms.offsets[id]..<terms.offsets[id + 1]])
                    body(term, postingsMerged ? postings[id].inDocumentOrder() : postings[id])
                }
            }
            return
        }
        var readers = runs.runs.map { PostingRuns.Reader(runs, run: $0) }
        var next = 0
        var smallest: [UInt8] = []
        while true {
            // The smallest term among the runs' current terms and the next one in memory.
            var found = false
            for r in readers.indices where !readers[r].done {
                if !found || readers[r].term.lexicographicallyPrecedes(smallest) { smallest = readers[r].term; found = true }
            }
            if next < order.count {
                let memory = terms.bytes(of: order[next])
                if !found || memory.lexicographicallyPrecedes(smallest) { smallest = Array(memory); found = true }
            }
            guard found else { break }
            var p = TermPostings()
            for r in readers.indices where !readers[r].done && readers[r].term == smallest {
                let q = readers[r].postings
                p.docs.append(contentsOf: q.docs)
                p.tfs.append(contentsOf: q.tfs)
                p.positions.append(contentsOf: q.positions)
                readers[r].advance()
                if readers[r].failed { fatalError("could not read back the index build's temporary postings file") }
            }
            if next < order.count, terms.bytes(of: order[next]).elementsEqual(smallest) {
                let q = postings[order[next]]
                p.docs.append(contentsOf: q.docs)
                p.tfs.append(contentsOf: q.tfs)
                p.positions.append(contentsOf: q.positions)
                next += 1
            }
            smallest.withUnsafeBufferPointer { body($0, postingsMerged ? p.inDocumentOrder() : p) }
        }
    }
}

extension IndexBuilder {
    /// Forgets every posting, in memory and in runs (once they are written out).
    mutating func releasePostings() {
        terms = TermInterner()
        forms = FormTermCache()
        postings = []
        postingBytes = 0
        runs = nil
    }

    /// The interview ids, in interview order.
    var interviewIDs: [String] { interviews.map { strings.strings[Int($0.id)] } }
}

/// Bounded memory for the text: once the text held passes
/// ``IndexBuilder/textChunk`` (or the memory budget, if smaller), it goes to
/// the ``StoredText/Encoder``, which compresses its blocks as they fill and
/// keeps them in a temporary file. The section is the same whenever this happens.
extension IndexBuilder {
    /// The most text held in memory when a budget is set.
    static let textChunk = 8 << 20

    /// Hands the text held to ``storedText`` when there is a budget and the
    /// text passes ``textChunk`` (or the budget). A spool that cannot be
    /// written fails the write of the index (``IndexWriter``).
    mutating func spillTextIfLarge() {
        guard memoryBudget < .max, text.count > min(memoryBudget, Self.textChunk) else { return }
        spillText()
    }

    /// Hands all the text held to ``storedText``.
    mutating func spillText() {
        if storedText == nil { storedText = StoredText.Encoder() }
        storedText!.append(text)
        textBase += UInt64(text.count)
        // The buffer is kept for the text to come: grown again from empty,
        // each of its doublings would be fresh memory faulted in page by page.
        text.removeAll(keepingCapacity: true)
    }
}
