import Foundation
import Soundbite

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `soundbite-bench [--corpus DIR] [--scale HOURS] [--format text|json] …`
/// (also `soundbite-bench suite …`): the main suite, on one thread.
///
/// Reads the corpus (default `Corpus`), optionally resamples it to `--scale`
/// hours (see ``ScaledCorpus``), then measures analysis MB/s, index build time
/// and words/s, index size against the raw text, write and open time, and
/// query latency p50/p95/p99 per query class (see ``QueryMix``): one warm-up
/// pass over all queries, then `--passes` timed passes, top 10 without facet
/// counts (as the peers do), then once more with facets counted.
///
/// `--curve 10,100,1000` runs the suite at each size in a child process
/// (so each peak RSS is its own) and prints the scale curve.
func runSuite(_ arguments: [String]) -> Int32 {
    var options = SuiteOptions()
    do { options = try SuiteOptions(parsing: arguments) } catch {
        FileHandle.standardError.write(Data("soundbite-bench: \(error)\n\(SuiteOptions.usage)\n".utf8))
        return 2
    }
    if options.help { print(SuiteOptions.usage); return 0 }
    if !options.curve.isEmpty { return runCurve(options) }
    #if DEBUG
    FileHandle.standardError.write(Data("warning: debug build; use `swift run -c release soundbite-bench` for real figures\n".utf8))
    #endif
    let report = Suite(options: options).run()
    if options.format == "json" {
        let data = try! JSONSerialization.data(withJSONObject: report.json, options: [.prettyPrinted, .sortedKeys])
        print(String(decoding: data, as: UTF8.self))
    } else {
        print(report.text)
    }
    return 0
}

struct SuiteError: Error, CustomStringConvertible {
    let description: String
}

struct SuiteOptions {
    var corpus = "Corpus"
    var scale: Double?
    var format = "text"
    var perClass = 300
    var passes = 3
    var facetPasses = 1
    var seed: UInt64 = 42
    var dumpQueries: String?
    var saveIndex: String?
    var curve: [Double] = []
    var buildRuns = 0
    var help = false
    var coreOnly = false
    var classes: Set<String>?

    static let usage = """
        usage: soundbite-bench [suite] [--corpus DIR] [--scale HOURS] [--format text|json]
                               [--queries N] [--passes P] [--seed S] [--build-runs R]
                               [--dump-queries FILE] [--save-index FILE] [--curve H1,H2,...]
          --corpus DIR         transcripts to read (default Corpus)
          --scale HOURS        resample the corpus to this many hours first (in memory)
          --queries N          queries per class (default 300)
          --passes P           timed passes over the mix (default 3; one warm-up pass before)
          --build-runs R       builds to time, median reported (default 3 below 50 h, else 1)
          --dump-queries FILE  write the query mix as JSON lines (for Benchmarks/peers)
          --save-index FILE    keep the index written for the open-time test at FILE
          --curve H,...        run the suite at each size (child processes) and print the curve
          --core-only          time top-document retrieval and default-options search() only (skip the hit
                               and facet tables; for profiling)
          --classes C,...      only these query classes (e.g. chapter,role; for profiling one shape)
        """

    init() {}

    init(parsing arguments: [String]) throws {
        var i = 0
        func value() throws -> String {
            guard i + 1 < arguments.count else { throw SuiteError(description: "\(arguments[i]) needs a value") }
            i += 1
            return arguments[i]
        }
        while i < arguments.count {
            let a = arguments[i]
            switch a {
            case "--corpus": corpus = try value()
            case "--scale":
                guard let h = Double(try value()), h > 0 else { throw SuiteError(description: "--scale needs hours > 0") }
                scale = h
            case "--format":
                format = try value()
                guard ["text", "json"].contains(format) else { throw SuiteError(description: "--format is text or json") }
            case "--queries":
                guard let n = Int(try value()), n > 0 else { throw SuiteError(description: "--queries needs a number > 0") }
                perClass = n
            case "--passes":
                guard let n = Int(try value()), n > 0 else { throw SuiteError(description: "--passes needs a number > 0") }
                passes = n
            case "--facet-passes":
                guard let n = Int(try value()), n >= 0 else { throw SuiteError(description: "--facet-passes needs a number ≥ 0") }
                facetPasses = n
            case "--seed":
                guard let n = UInt64(try value()) else { throw SuiteError(description: "--seed needs a number") }
                seed = n
            case "--build-runs":
                guard let n = Int(try value()), n > 0 else { throw SuiteError(description: "--build-runs needs a number > 0") }
                buildRuns = n
            case "--dump-queries": dumpQueries = try value()
            case "--save-index": saveIndex = try value()
            case "--curve":
                curve = try value().split(separator: ",").map {
                    guard let h = Double($0), h > 0 else { throw SuiteError(description: "--curve takes hours like 10,100,1000") }
                    return h
                }
            case "--core-only": coreOnly = true
            case "--classes":
                let names = Set(try value().split(separator: ",").map(String.init))
                guard names.isSubset(of: QueryMix.classes) else {
                    throw SuiteError(description: "--classes takes some of \(QueryMix.classes.joined(separator: ","))")
                }
                classes = names
            case "-h", "--help": help = true
            default: throw SuiteError(description: "unknown option '\(a)'")
            }
            i += 1
        }
    }
}

/// What one run of the suite measured.
struct SuiteReport {
    var json: [String: Any] = [:]
    var text = ""
}

struct Suite {
    let options: SuiteOptions

    func run() -> SuiteReport {
        var json: [String: Any] = [:]
        var lines: [String] = []
        func line(_ s: String) { lines.append(s) }

        // Read.
        let (readSeconds, source) = Measure.time { CollectionReader().read(options.corpus) }
        let sourceHours = ScaledCorpus.hours(of: source)
        var collection = source
        var scaleSeconds = 0.0
        if let hours = options.scale {
            let scaled = Measure.time { ScaledCorpus.make(from: source, hours: hours, seed: options.seed &+ 1) }
            scaleSeconds = scaled.seconds
            collection = scaled.value
        }
        let hours = ScaledCorpus.hours(of: collection)
        let cueCount = collection.interviews.reduce(0) { $0 + $1.cues.count }
        let texts: [[UInt8]] = collection.interviews.flatMap { $0.cues.map { Array($0.text.utf8) } }
        let rawBytes = texts.reduce(0) { $0 + $1.count }

        // Analysis throughput over the cue text.
        var tokens = 0
        let analysisSeconds = medianSeconds(runs: rawBytes > 50_000_000 ? 1 : 5) { tokens = analyzeAll(texts) }

        // Build (in memory: analyse, intern, postings, serialise).
        let runs = options.buildRuns > 0 ? options.buildRuns : (hours < 50 ? 3 : 1)
        // CPU of every thread (the build reads and indexes on several), as
        // wait4 counts a `soundbite index` process; the calling thread's alone beside it.
        var buildTimes: [(cpu: Double, wall: Double, thread: Double)] = []
        var built: SearchIndex?
        for _ in 0..<runs {
            built = nil
            let b = Measure.all { SearchIndex(building: [collection], options: IndexOptions()) }
            buildTimes.append((b.processCPU, b.wall, b.cpu))
            built = b.value
        }
        buildTimes.sort { $0.cpu < $1.cpu }
        let buildSeconds = buildTimes[buildTimes.count / 2].cpu
        let buildWall = buildTimes[buildTimes.count / 2].wall
        let buildThread = buildTimes[buildTimes.count / 2].thread
        let index = built!
        let stats = index.statistics
        let rssAfterBuild = Measure.peakRSS()

        // Write, then open from disk.
        let path = options.saveIndex ?? NSTemporaryDirectory() + "/soundbite-bench-\(getpid()).sbx"
        let written = Measure.all { try! index.write(to: path) }
        let writeSeconds = written.processCPU
        let indexBytes = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? stats.bytes
        built = nil
        var openTimes: [Double] = []
        var opened: SearchIndex?
        for _ in 0..<7 {
            opened = nil
            let o = Measure.both { try! SearchIndex(contentsOf: path) }
            openTimes.append(o.cpu)
            opened = o.value
        }
        openTimes.sort()
        var openFast: [Double] = []
        for _ in 0..<7 { openFast.append(Measure.both { _ = try! SearchIndex(contentsOf: path, verify: false) }.cpu) }
        openFast.sort()
        let disk = opened!

        // Queries.
        var mix = QueryMix(collection: collection, seed: options.seed)
        var queries = mix.make(perClass: options.perClass)
        QueryMix.fitPrefixes(&queries, index: disk)
        if let only = options.classes { queries = queries.filter { only.contains($0.class) } }
        if let file = options.dumpQueries {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            let text = queries.map { String(decoding: try! encoder.encode($0), as: UTF8.self) }.joined(separator: "\n") + "\n"
            try! text.write(toFile: file, atomically: true, encoding: .utf8)
        }
        // The quote-order top 10 and search() (default options; with hits)
        // interleaved query by query, so that their ratio is not a change of
        // the machine's load between passes.
        let paired = latencies(disk, queries, modes: options.coreOnly ? [.topDocuments, .defaultOptions]
                                   : [.topDocuments, .defaultOptions, .hits], passes: options.passes)
        let topK = paired[0], defaults = paired[1], withHits = options.coreOnly ? [:] : paired[2]
        let topKBM25 = latencies(disk, queries, mode: .topDocuments, passes: options.passes, ranking: .bm25)
        let faceted = options.facetPasses > 0 && !options.coreOnly ? latencies(disk, queries, mode: .hitsAndFacets, passes: options.facetPasses) : [:]
        if options.saveIndex == nil { try? FileManager.default.removeItem(atPath: path) }
        let peak = Measure.peakRSS()

        // Report.
        let mb = Double(rawBytes) / 1e6
        json["date"] = ISO8601DateFormatter().string(from: Date())
        json["corpus"] = options.corpus
        json["scale_hours"] = options.scale as Any? ?? NSNull()
        json["source_hours"] = sourceHours
        json["hours"] = hours
        json["interviews"] = collection.interviews.count
        json["cues"] = cueCount
        json["documents"] = stats.documents
        json["terms"] = stats.terms
        json["words"] = stats.words
        json["raw_text_bytes"] = rawBytes
        json["read_seconds"] = readSeconds
        json["scale_seconds"] = scaleSeconds
        json["analysis_mb_per_s"] = mb / analysisSeconds
        json["analysis_tokens"] = tokens
        json["build_seconds"] = buildSeconds
        json["build_wall_seconds"] = buildWall
        json["build_calling_thread_seconds"] = buildThread
        json["build_runs_cpu"] = buildTimes.map(\.cpu)
        json["write_wall_seconds"] = written.wall
        json["timing"] = "seconds are thread CPU time (user+system) unless named wall"
        json["build_words_per_s"] = Double(stats.words) / buildSeconds
        json["write_seconds"] = writeSeconds
        json["index_bytes"] = indexBytes
        json["index_to_raw"] = Double(indexBytes) / Double(max(1, rawBytes))
        json["open_seconds_median"] = openTimes[openTimes.count / 2]
        json["open_no_verify_seconds_median"] = openFast[openFast.count / 2]
        json["peak_rss_after_build_bytes"] = rssAfterBuild
        json["peak_rss_bytes"] = peak
        json["queries_per_class"] = options.perClass
        json["passes"] = options.passes
        json["latency_top10"] = topK.mapValues { $0.json }
        json["latency_top10_bm25"] = topKBM25.mapValues { $0.json }
        json["latency_top10_hits"] = withHits.mapValues { $0.json }
        json["latency_default_search"] = defaults.mapValues { $0.json }
        json["latency_top10_hits_facets"] = faceted.mapValues { $0.json }

        line("Soundbite benchmark suite (one thread, \(isDebug ? "DEBUG build — figures meaningless" : "release build"))")
        line("corpus            \(options.corpus)\(options.scale.map { " resampled to \(fmt($0, 0)) h" } ?? "")")
        line("size              \(fmt(hours, 1)) h, \(collection.interviews.count) interviews, \(cueCount) cues, \(stats.documents) passages, \(stats.words) words, \(stats.terms) terms, \(fmt(mb, 1)) MB text")
        line("read              \(fmt(readSeconds, 3)) s (parse \(options.corpus))\(options.scale != nil ? ", resample \(fmt(scaleSeconds, 2)) s" : "")")
        line("analysis          \(fmt(mb / analysisSeconds, 1)) MB/s, \(fmt(Double(tokens) / analysisSeconds / 1e6, 2)) M tokens/s")
        line("build             \(fmt(buildSeconds, 3)) s CPU, all threads (\(fmt(buildThread, 3)) s calling thread, \(fmt(buildWall, 3)) s wall; median of \(runs)), \(fmt(Double(stats.words) / buildSeconds / 1e6, 2)) M words/s")
        line("write             \(fmt(writeSeconds, 3)) s CPU, all threads (\(fmt(written.wall, 3)) s wall; atomic, fsync)")
        line("index size        \(fmt(Double(indexBytes) / 1e6, 2)) MB = \(fmt(Double(indexBytes) / Double(max(1, rawBytes)), 3)) × raw text")
        line("open              \(fmt(openTimes[openTimes.count / 2] * 1e3, 3)) ms (mmap + all checksums, the default), \(fmt(openFast[openFast.count / 2] * 1e3, 3)) ms with verify: false (median of 7)")
        line("peak RSS          \(fmt(Double(rssAfterBuild) / 1_048_576, 1)) MiB after build, \(fmt(Double(peak) / 1_048_576, 1)) MiB at end")
        line("")
        line("query latency, top 10, \(options.perClass) queries/class × \(options.passes) passes after 1 warm-up pass (µs of thread CPU time; wall p50/p99 at right)")
        line("top documents only (ids + scores, as the peers are timed), default quote order:")
        line(latencyTable(topK, facets: [:]))
        line("")
        line("top documents only, --rank bm25 (score order), same run:")
        line(latencyTable(topKBM25, facets: [:]))
        line("")
        line("library search(query, options: SearchOptions(limit: 10, filters:)) — default options, hits built:")
        line(latencyTable(defaults, facets: [:]))
        line("ratio to top documents only (quote order), p50 / p99: " + (QueryMix.classes + ["all"]).compactMap { c in
            guard let d = defaults[c], let t = topK[c] else { return nil }
            return "\(c) \(fmt(d.p50 / max(t.p50, 1e-9), 2)) / \(fmt(d.p99 / max(t.p99, 1e-9), 2))"
        }.joined(separator: ", "))
        if !options.coreOnly {
            line("")
            line("public search(): hits with text, snippet and timecode; facets = countFacets on (\(options.facetPasses) passes):")
            line(latencyTable(withHits, facets: faceted))
        }
        return SuiteReport(json: json, text: lines.joined(separator: "\n"))
    }

    /// Latency per class (and "all"), in seconds per query.
    enum Mode { case topDocuments, hits, hitsAndFacets, defaultOptions }

    /// Latency per class (and "all"), in seconds per query. `.topDocuments`
    /// is top-k retrieval only (ids and scores, as the peers are timed);
    /// `.hits` is the public `search` with hits (text, snippet, timecode) and
    /// no facet counts; `.hitsAndFacets` counts every match and its facets too;
    /// `.defaultOptions` is what an embedder's `search` does with
    /// `SearchOptions(limit: 10, filters:)` and nothing else set.
    private func latencies(_ index: SearchIndex, _ queries: [BenchQuery], mode: Mode, passes: Int,
                           ranking: Ranking = .quote) -> [String: ClassLatency] {
        latencies(index, queries, modes: [mode], passes: passes, ranking: ranking)[0]
    }

    /// The same for several modes at once, interleaved: each query runs in
    /// every mode back to back (the order rotating from query to query and
    /// pass to pass), so that a change in the machine's load, or in what the
    /// caches hold, falls on every mode alike. One result per mode, in order.
    private func latencies(_ index: SearchIndex, _ queries: [BenchQuery], modes: [Mode], passes: Int,
                           ranking: Ranking = .quote) -> [[String: ClassLatency]] {
        var samples = [[String: LatencySamples]](repeating: [:], count: modes.count)
        var walls = samples
        var hits = [[String: Int]](repeating: [:], count: modes.count)
        var errors = hits
        var sink = 0
        for pass in 0...passes {
            for (n, q) in queries.enumerated() {
                for j in modes.indices {
                    let m = (n + pass + j) % modes.count, mode = modes[m]
                    let o = mode == .defaultOptions ? SearchOptions(limit: 10, filters: q.filters)
                        : SearchOptions(limit: 10, filters: q.filters, countFacets: mode == .hitsAndFacets, ranking: ranking)
                    let c0 = Measure.threadCPU()
                    let start = DispatchTime.now().uptimeNanoseconds
                    let found: Int?
                    if mode == .topDocuments {
                        found = (try? index.topDocuments(q.query, options: o))?.count
                    } else {
                        found = (try? index.search(q.query, options: o))?.hits.count
                    }
                    let wall = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
                    let elapsed = Measure.threadCPU() - c0
                    sink &+= found ?? 0
                    guard pass > 0 else { continue }
                    if found == nil { errors[m][q.class, default: 0] += 1 }
                    samples[m][q.class, default: LatencySamples()].add(elapsed)
                    samples[m]["all", default: LatencySamples()].add(elapsed)
                    walls[m][q.class, default: LatencySamples()].add(wall)
                    walls[m]["all", default: LatencySamples()].add(wall)
                    if pass == 1 { hits[m][q.class, default: 0] += found ?? 0 }
                }
            }
        }
        benchSink &+= sink
        return modes.indices.map { m in
            var result: [String: ClassLatency] = [:]
            for (c, s) in samples[m] {
                result[c] = ClassLatency(p50: s.percentile(50), p95: s.percentile(95), p99: s.percentile(99),
                                         mean: s.mean, samples: s.count, hits: hits[m][c] ?? 0, errors: errors[m][c] ?? 0,
                                         wallP50: walls[m][c]!.percentile(50), wallP99: walls[m][c]!.percentile(99))
            }
            return result
        }
    }

    private func latencyTable(_ top: [String: ClassLatency], facets: [String: ClassLatency]) -> String {
        var rows = ["class      p50      p95      p99     mean  hits/q | facets p50      p99 | wall p50 wall p99"]
        for c in QueryMix.classes + ["all"] {
            guard let l = top[c] else { continue }
            let f = facets[c]
            let hitsPerQuery = c == "all" ? "" : fmt(Double(l.hits) / Double(max(1, l.samples / options.passes)), 1)
            rows.append(spad(c, 8) + slpad(fmt(l.p50 * 1e6, 1), 7) + slpad(fmt(l.p95 * 1e6, 1), 9)
                        + slpad(fmt(l.p99 * 1e6, 1), 9) + slpad(fmt(l.mean * 1e6, 1), 9) + slpad(hitsPerQuery, 8)
                        + " |   " + slpad(f.map { fmt($0.p50 * 1e6, 1) } ?? "-", 9)
                        + slpad(f.map { fmt($0.p99 * 1e6, 1) } ?? "-", 9)
                        + " | " + slpad(fmt(l.wallP50 * 1e6, 1), 8) + slpad(fmt(l.wallP99 * 1e6, 1), 9)
                        + (l.errors > 0 ? "  (\(l.errors) errors)" : ""))
        }
        return rows.joined(separator: "\n")
    }
}

struct ClassLatency {
    var p50: Double, p95: Double, p99: Double, mean: Double
    var samples: Int, hits: Int, errors: Int
    var wallP50: Double, wallP99: Double
    var json: [String: Any] {
        ["p50_us": p50 * 1e6, "p95_us": p95 * 1e6, "p99_us": p99 * 1e6, "mean_us": mean * 1e6,
         "wall_p50_us": wallP50 * 1e6, "wall_p99_us": wallP99 * 1e6,
         "samples": samples, "hits_first_pass": hits, "errors": errors]
    }
}

#if DEBUG
let isDebug = true
#else
let isDebug = false
#endif

func fmt(_ x: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", x) }
func slpad(_ s: String, _ width: Int) -> String { s.count >= width ? s : String(repeating: " ", count: width - s.count) + s }
func spad(_ s: String, _ width: Int) -> String { s.count >= width ? s : s + String(repeating: " ", count: width - s.count) }

// MARK: The scale curve

/// Runs the suite at each size of `--curve` in a child process and prints the curve.
func runCurve(_ options: SuiteOptions) -> Int32 {
    let executable = URL(fileURLWithPath: CommandLine.arguments[0]).path
    var points: [[String: Any]] = []
    for hours in options.curve {
        FileHandle.standardError.write(Data("curve: \(fmt(hours, 0)) h …\n".utf8))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["--corpus", options.corpus, "--scale", "\(hours)", "--format", "json",
                             "--queries", "\(options.perClass)", "--passes", "\(options.passes)",
                             "--facet-passes", "0", "--seed", "\(options.seed)"] + (options.coreOnly ? ["--core-only"] : [])
        let pipe = Pipe()
        process.standardOutput = pipe
        do { try process.run() } catch {
            FileHandle.standardError.write(Data("curve: cannot run \(executable): \(error)\n".utf8))
            return 1
        }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0,
              let point = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            FileHandle.standardError.write(Data("curve: the \(fmt(hours, 0)) h run failed (status \(process.terminationStatus))\n".utf8))
            return 1
        }
        points.append(point)
    }
    // Extrapolate peak RSS linearly from the two largest points.
    let memory = Double(ProcessInfo.processInfo.physicalMemory)
    var largest: Double?
    if points.count >= 2 {
        let a = points[points.count - 2], b = points[points.count - 1]
        let ha = a["hours"] as! Double, hb = b["hours"] as! Double
        let ra = Double(a["peak_rss_bytes"] as! Int), rb = Double(b["peak_rss_bytes"] as! Int)
        let slope = (rb - ra) / (hb - ha)
        if slope > 0 { largest = hb + (memory * 0.9 - rb) / slope }
    }
    if options.format == "json" {
        var json: [String: Any] = ["points": points, "memory_bytes": memory]
        if let largest { json["largest_hours_extrapolated"] = largest }
        let data = try! JSONSerialization.data(withJSONObject: json, options: [.prettyPrinted, .sortedKeys])
        print(String(decoding: data, as: UTF8.self))
        return 0
    }
    print("scale curve: \(options.corpus) resampled; one thread, release; latency over all \(QueryMix.classes.count) classes, top 10 \(options.coreOnly ? "documents (ids + scores)" : "documents"), thread CPU time")
    print("   hours     words  passages    build s  M words/s   index MB  idx/raw   open ms  peak RSS MiB   p50 µs   p99 µs  worst-class p99 µs")
    for p in points {
        let lat = p["latency_top10"] as! [String: [String: Any]]
        let all = lat["all"]!
        let worst = lat.filter { $0.key != "all" }.max { ($0.value["p99_us"] as! Double) < ($1.value["p99_us"] as! Double) }!
        print(slpad(fmt(p["hours"] as! Double, 0), 8) + slpad("\(p["words"] as! Int)", 10) + slpad("\(p["documents"] as! Int)", 10)
              + slpad(fmt(p["build_seconds"] as! Double, 2), 11) + slpad(fmt((p["build_words_per_s"] as! Double) / 1e6, 2), 11)
              + slpad(fmt(Double(p["index_bytes"] as! Int) / 1e6, 1), 11) + slpad(fmt(p["index_to_raw"] as! Double, 3), 9)
              + slpad(fmt((p["open_seconds_median"] as! Double) * 1e3, 2), 10)
              + slpad(fmt(Double(p["peak_rss_bytes"] as! Int) / 1_048_576, 0), 14)
              + slpad(fmt(all["p50_us"] as! Double, 1), 9) + slpad(fmt(all["p99_us"] as! Double, 1), 9)
              + slpad("\(fmt(worst.value["p99_us"] as! Double, 0)) (\(worst.key))", 20))
    }
    if let largest {
        print("largest corpus that fits in \(fmt(memory / 1_073_741_824, 1)) GiB (90%): about \(fmt(largest, 0)) h, extrapolated linearly from the peak RSS of the two largest points")
    }
    return 0
}
