/// BM25 as Lucene defines it, with exact document lengths:
///
///     score(q, d) = Σ idf(t) · tf·(k1 + 1) / (tf + k1·(1 − b + b·dl/avgdl))
///     idf(t)      = ln(1 + (N − n_t + 0.5) / (n_t + 0.5))
struct BM25: Sendable, Hashable {
    /// Term-frequency saturation.
    var k1: Double
    /// Length normalisation (0 = none, 1 = full).
    var b: Double
    /// Mean document length in tokens.
    var avgdl: Double
    /// Documents in the index.
    var documentCount: Int

    /// Lucene's idf for a term in `df` documents.
    @inline(__always)
    func idf(df: Int) -> Double {
        let n = Double(documentCount), d = Double(df)
        return log(1 + (n - d + 0.5) / (d + 0.5))
    }

    /// The score of one term (or phrase) with weight `idf`, frequency `tf`, in a document of `dl` tokens.
    @inline(__always)
    func score(idf: Double, tf: Double, dl: Double) -> Double {
        let norm = avgdl > 0 ? k1 * (1 - b + b * dl / avgdl) : k1
        return idf * tf * (k1 + 1) / (tf + norm)
    }

    /// The highest score any posting on the (tf, dl) Pareto `frontier` can reach.
    func upperBound(idf: Double, frontier: [(tf: UInt32, dl: UInt32)]) -> Double {
        var best = 0.0
        for p in frontier { best = max(best, score(idf: idf, tf: Double(p.tf), dl: Double(p.dl))) }
        return best
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
