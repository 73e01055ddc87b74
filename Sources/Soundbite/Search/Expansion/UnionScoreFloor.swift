/// A floor under the k-th score of a union's top k, read before the union is
/// walked: what ``UnionWindowCollector`` prunes against until its own k-th
/// score is higher.
///
/// A union's top k is often set by its rarest terms (a prefix's typos and
/// proper names: df 1–3, idf near its highest), which the walk in document
/// order meets late, so until then the k-th score is low, the frequent terms
/// stay essential and every posting is scored. Their postings are few, so
/// they are read first: each posting's score, that term's BM25 at the
/// document's length, is at most the document's union score (a sum of
/// positive scores, rounded monotonically, whatever the order), so once k
/// distinct documents are seen, the k-th largest of their best such scores is
/// at most the final k-th score. A bound padded above it
/// (`x · (1 + 1e-9) + 1e-12`) is then strictly below the final k-th score,
/// and its documents can be passed; documents are still only kept by the
/// collector's own k-th score (a document scoring exactly the floor may
/// still enter on a tie).
///
/// Only for a union without filter or exclusion: its every document is one
/// of the query's.
enum UnionScoreFloor {
    /// Postings read at most.
    static let budget = 512

    /// The floor ``UnionWindowCollector`` runs `root` (a lone union of
    /// `terms`, holding `postings` postings) with: −∞ under a filter or an
    /// exclusion, or when the union holds fewer than 8 × ``budget`` postings
    /// (reading the rare terms twice would then cost more than it saves: most
    /// of a small union's cost is fixed).
    static func floor(for root: BooleanScorer, postings: Int, reader: IndexReader, terms: [Int], idfs: [Double],
                      bounds: [Double], bm25: BM25, k: Int) -> Double {
        guard root.filter == nil, root.mustNot.isEmpty, postings >= 8 * budget else { return -Double.infinity }
        return floor(reader: reader, terms: terms, idfs: idfs, bounds: bounds, bm25: bm25, k: k)
    }

    /// The floor for the top `k` of the union of `terms` (idfs and global
    /// bounds per term, term order); −∞ when the terms read (highest bound
    /// first, each whole while the budget lasts) hold fewer than `k` documents.
    static func floor(reader: IndexReader, terms: [Int], idfs: [Double], bounds: [Double], bm25: BM25, k: Int) -> Double {
        guard k > 0, !terms.isEmpty else { return -Double.infinity }
        let order = terms.indices.sorted { (bounds[$0], $1) > (bounds[$1], $0) }
        var scored: [(doc: UInt32, score: Double)] = []
        var read = 0
        for i in order {
            let info = reader.info(terms[i])
            let df = Int(info.df)
            if read + df > budget { continue }
            read += df
            let c = PostingCursor(reader: reader, info: info)
            while c.doc != PostingCursor.noMoreDocs {
                scored.append((c.doc, bm25.score(idf: idfs[i], tf: Double(c.tf), dl: Double(reader.length(c.doc)))))
                c.next()
            }
            if read == budget { break }
        }
        guard scored.count >= k else { return -Double.infinity }
        // Each document's best, then the k-th largest of those.
        scored.sort { ($0.doc, $1.score) < ($1.doc, $0.score) }
        var best: [Double] = []
        best.reserveCapacity(scored.count)
        var last = UInt32.max
        for p in scored where p.doc != last {
            best.append(p.score)
            last = p.doc
        }
        guard best.count >= k else { return -Double.infinity }
        best.sort(by: >)
        return best[k - 1]
    }
}
