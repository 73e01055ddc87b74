import Foundation
import Soundbite

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `soundbite-bench analysis [--corpus DIR]... [--runs N]`
///
/// Measures the analysis chain (tokenizer → lower-case → folding →
/// possessive → Porter2) over every `*.vtt`, `*.srt` and `*.txt` file under
/// each corpus folder (default: `Corpus`), whole files as they are on disk,
/// and a plain byte scan over the same bytes in the same process: `memchr`
/// hopping from one space to the next. Each figure is the median of `--runs`
/// repetitions (default 7, after a warm-up run); a repetition goes over the
/// corpus as many times as it takes to read about 20 MB, and is timed in
/// thread CPU time. Build in release:
///
///     swift run -c release soundbite-bench analysis --corpus Corpus
func runAnalysisBenchmark(_ arguments: [String]) -> Int32 {
    var corpora: [String] = []
    var runs = 7
    var i = 0
    while i < arguments.count {
        let argument = arguments[i]
        switch argument {
        case "--corpus" where i + 1 < arguments.count:
            corpora.append(arguments[i + 1])
            i += 2
        case "--runs" where i + 1 < arguments.count:
            guard let n = Int(arguments[i + 1]), n > 0 else {
                FileHandle.standardError.write(Data("analysis: --runs needs a positive number\n".utf8))
                return 2
            }
            runs = n
            i += 2
        default:
            FileHandle.standardError.write(Data("usage: soundbite-bench analysis [--corpus DIR]... [--runs N]\n".utf8))
            return 2
        }
    }
    if corpora.isEmpty { corpora = ["Corpus"] }

    #if DEBUG
    print("warning: debug build; use `swift run -c release soundbite-bench analysis` for real figures")
    #endif
    var measured = 0
    for corpus in corpora {
        let files = transcriptFiles(under: corpus)
        if files.isEmpty {
            print("analysis: \(corpus): no *.vtt, *.srt or *.txt files (missing or still empty); skipped")
            continue
        }
        let texts = files.compactMap { FileManager.default.contents(atPath: $0).map { [UInt8]($0) } }
        let totalBytes = texts.reduce(0) { $0 + $1.count }
        if totalBytes == 0 {
            print("analysis: \(corpus): \(files.count) files, all empty; skipped")
            continue
        }
        measured += 1
        let megabytes = Double(totalBytes) / 1_000_000
        let chains: [(String, Analyzer)] = [
            ("analyzer, standard (fold + stem)", .standard),
            ("analyzer, no stemming", Analyzer(stemming: false)),
            ("analyzer, no stemming, no folding", Analyzer(stemming: false, folding: false)),
        ]
        let tokenCount = analyzeAll(texts)
        // Each timed run goes over the corpus often enough to take some tens
        // of milliseconds, so that a small corpus still gives stable figures.
        let passes = max(1, Int((20_000_000 / Double(totalBytes)).rounded(.up)))
        print("analysis: \(corpus): \(texts.count) files, \(String(format: "%.2f", megabytes)) MB, \(tokenCount) tokens;"
              + " median of \(runs) runs of \(passes) pass\(passes == 1 ? "" : "es"), thread CPU time")

        // The variants take turns within each run, so a busy machine slows them alike.
        var scanTimes: [Double] = []
        var chainTimes = [[Double]](repeating: [], count: chains.count)
        _ = spaceScan(texts)
        for run in 0...runs {
            let scan = Measure.cpuSeconds { for _ in 0..<passes { _ = spaceScan(texts) } }
            if run > 0 { scanTimes.append(scan) }   // run 0 warms up
            for (k, chain) in chains.enumerated() {
                let t = Measure.cpuSeconds { for _ in 0..<passes { _ = analyzeAll(texts, with: chain.1) } }
                if run > 0 { chainTimes[k].append(t) }
            }
        }
        let processed = megabytes * Double(passes)
        let scanRate = processed / Measure.median(scanTimes)
        for (k, chain) in chains.enumerated() {
            let seconds = Measure.median(chainTimes[k])
            let rate = processed / seconds
            print("  \(pad(chain.0, 36)) \(pad(String(format: "%8.1f MB/s", rate), 14))"
                  + "  \(String(format: "%6.2f", Double(tokenCount * passes) / seconds / 1_000_000)) M tokens/s"
                  + "  ratio to memchr \(String(format: "%.4f", rate / scanRate)) (memchr \(String(format: "%.0f", scanRate / rate))x faster)")
        }
        print("  \(pad("memchr(' ') scan", 36)) \(pad(String(format: "%8.1f MB/s", scanRate), 14))")
    }
    return measured > 0 ? 0 : 1
}

/// The baseline: hops from space to space with `memchr`; returns the count.
@inline(never)
private func spaceScan(_ texts: [[UInt8]]) -> Int {
    var count = 0
    for text in texts {
        text.withUnsafeBytes { raw in
            guard var p = raw.baseAddress else { return }
            let end = p + raw.count
            while p < end, let hit = memchr(p, 0x20, end - p) {
                count += 1
                p = UnsafeRawPointer(hit) + 1
            }
        }
    }
    benchSink &+= count
    return count
}

private func pad(_ s: String, _ width: Int) -> String {
    s.count >= width ? s : s + String(repeating: " ", count: width - s.count)
}
