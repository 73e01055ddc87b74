import Foundation
import Soundbite

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `soundbite-bench threads --index FILE --queries FILE [--threads 1,2]
/// [--rounds R] [--passes P] [--modes search,top,fields] [--latency]`: query
/// throughput of one open ``SearchIndex`` shared by N threads.
///
/// For each round, each mode (`search`: the public `search()` with default
/// options and the query's filters; `fields`: the same, then every field of
/// every hit read, which builds the hits' text, snippet and the rest; `top`:
/// top-10 retrieval alone) and each
/// thread count in turn (so 1- and 2-thread runs alternate and share the
/// machine's load), N threads start together and each runs the whole query
/// mix `passes` times (thread t starting at query t × count / N, so they do
/// not walk in step); one warm-up pass runs first. It prints queries/s of wall
/// time (all threads' queries over the time from the common start to the
/// last thread's end), each thread's queries per CPU-second (flat from 1 to N
/// threads when nothing is shared that contends), and the wall speed-up over
/// one thread of the same round. The machine's load shows in the wall figure,
/// not the CPU one: read both.
///
/// With `--latency`, one thread then times every query of every mode
/// (`passes` passes after the warm-up, thread CPU per query; the modes of
/// one query run back to back, their order rotating from query to query)
/// and prints p50 and p99 per class and mode, and each mode's ratio to `top`.
func runThreads(_ arguments: [String]) -> Int32 {
    var indexPath: String?, queriesPath: String?
    var counts = [1, 2], rounds = 3, passes = 2
    var modes = ["search", "top"]
    var latency = false
    var i = 0
    while i < arguments.count {
        let a = arguments[i]
        if a == "--latency" { latency = true; i += 1; continue }
        guard i + 1 < arguments.count else { return threadsUsage("\(a) needs a value") }
        let v = arguments[i + 1]
        switch a {
        case "--index": indexPath = v
        case "--queries": queriesPath = v
        case "--threads":
            let parsed = v.split(separator: ",").compactMap { Int($0) }
            guard !parsed.isEmpty, parsed.allSatisfy({ $0 > 0 }) else { return threadsUsage("--threads takes counts like 1,2") }
            counts = parsed
        case "--rounds":
            guard let n = Int(v), n > 0 else { return threadsUsage("--rounds needs a number > 0") }
            rounds = n
        case "--passes":
            guard let n = Int(v), n > 0 else { return threadsUsage("--passes needs a number > 0") }
            passes = n
        case "--modes":
            let parsed = v.split(separator: ",").map(String.init)
            guard !parsed.isEmpty, parsed.allSatisfy({ ["search", "top", "fields"].contains($0) }) else {
                return threadsUsage("--modes takes search, top, fields, or several")
            }
            modes = parsed
        default: return threadsUsage("unknown option '\(a)'")
        }
        i += 2
    }
    guard let indexPath, let queriesPath else { return threadsUsage("--index and --queries are required") }
    let index: SearchIndex
    var queries: [BenchQuery] = []
    do {
        index = try SearchIndex(contentsOf: indexPath)
        let decoder = JSONDecoder()
        for line in try String(contentsOfFile: queriesPath, encoding: .utf8).split(separator: "\n") {
            queries.append(try decoder.decode(BenchQuery.self, from: Data(line.utf8)))
        }
    } catch {
        FileHandle.standardError.write(Data("soundbite-bench threads: \(error)\n".utf8))
        return 1
    }
    guard !queries.isEmpty else { return threadsUsage("no queries in \(queriesPath)") }
    #if DEBUG
    FileHandle.standardError.write(Data("warning: debug build; use `swift run -c release soundbite-bench` for real figures\n".utf8))
    #endif
    // Warm-up: every query once in each mode, on this thread.
    for mode in modes { _ = ThreadRun.pass(index, queries, mode: mode, from: 0) }

    print("threads: \(queries.count) queries × \(passes) passes per thread, \(rounds) rounds, \(isDebug ? "DEBUG build" : "release build"), \(ProcessInfo.processInfo.activeProcessorCount) cores")
    print("mode    threads round   wall s   queries/s  speed-up | per-thread queries/CPU-s")
    var summary: [String: [Int: [(qps: Double, cpuQPS: Double)]]] = [:]
    for round in 1...rounds {
        for mode in modes {
            var single: Double?
            for n in counts {
                let r = ThreadRun.run(index, queries, mode: mode, threads: n, passes: passes)
                let qps = Double(n * passes * queries.count) / r.wall
                let perThread = r.cpu.map { Double(passes * queries.count) / $0 }
                if n == 1 { single = qps }
                summary[mode, default: [:]][n, default: []].append((qps, perThread.reduce(0, +) / Double(n)))
                print(spad(mode, 8) + slpad("\(n)", 7) + slpad("\(round)", 6) + slpad(fmt(r.wall, 3), 9)
                      + slpad(fmt(qps, 0), 12) + slpad(single.map { fmt(qps / $0, 2) } ?? "-", 10)
                      + " | " + perThread.map { fmt($0, 0) }.joined(separator: " "))
            }
        }
    }
    print("")
    print("median over rounds: mode threads queries/s (wall) · mean per-thread queries/CPU-s · wall speed-up vs 1 thread")
    for mode in modes {
        let one = summary[mode]?[1].map { Measure.median($0.map(\.qps)) }
        for n in counts {
            let runs = summary[mode]![n]!
            let qps = Measure.median(runs.map(\.qps)), cpu = Measure.median(runs.map(\.cpuQPS))
            print(spad(mode, 8) + slpad("\(n)", 3) + slpad(fmt(qps, 0), 10) + slpad(fmt(cpu, 0), 10)
                  + slpad(one.map { fmt(qps / $0, 2) } ?? "-", 8)
                  + "   (wall q/s per round: " + runs.map { fmt($0.qps, 0) }.joined(separator: ", ") + ")")
        }
    }
    if latency { print(""); print(latencyTable(index, queries, modes: modes, passes: passes)) }
    return 0
}

/// p50 / p99 of thread CPU µs per query, per class and mode, on this thread
/// (`passes` timed passes after one warm-up pass per mode), with each mode's
/// ratio to `top` when it ran.
private func latencyTable(_ index: SearchIndex, _ queries: [BenchQuery], modes: [String], passes: Int) -> String {
    var samples: [String: [String: LatencySamples]] = [:]
    for mode in modes { _ = ThreadRun.pass(index, queries, mode: mode, from: 0) }
    // Interleaved: each query runs in every mode back to back, the order
    // rotating from query to query, so a change in the machine's load (or
    // in what the caches hold) hits every mode alike.
    for pass in 0..<passes {
        for (n, q) in queries.enumerated() {
            for j in modes.indices {
                let mode = modes[(n + pass + j) % modes.count]
                let c0 = Measure.threadCPU()
                benchSink &+= ThreadRun.query(q, index, mode: mode)
                let t = Measure.threadCPU() - c0
                samples[mode, default: [:]][q.class, default: LatencySamples()].add(t)
                samples[mode, default: [:]]["all", default: LatencySamples()].add(t)
            }
        }
    }
    var classes: [String] = []
    for q in queries where !classes.contains(q.class) { classes.append(q.class) }
    classes.append("all")
    var lines = ["latency, 1 thread, µs of thread CPU per query, p50 / p99 (\(passes) passes after a warm-up)" + (modes.contains("top") ? "; ratio = mode ÷ top" : "")]
    lines.append("class   " + modes.map { spad($0, 18) }.joined() + (modes.contains("top") ? modes.filter { $0 != "top" }.map { spad("\($0)/top", 14) }.joined() : ""))
    for c in classes {
        var row = spad(c, 8)
        var p: [String: (Double, Double)] = [:]
        for mode in modes {
            let s = samples[mode]?[c] ?? LatencySamples()
            p[mode] = (s.percentile(50) * 1e6, s.percentile(99) * 1e6)
            row += spad(fmt(p[mode]!.0, 1) + " / " + fmt(p[mode]!.1, 1), 18)
        }
        if let top = p["top"] {
            for mode in modes where mode != "top" {
                row += spad(fmt(p[mode]!.0 / max(top.0, 1e-9), 2) + " / " + fmt(p[mode]!.1 / max(top.1, 1e-9), 2), 14)
            }
        }
        lines.append(row)
    }
    return lines.joined(separator: "\n")
}

private func threadsUsage(_ message: String) -> Int32 {
    FileHandle.standardError.write(Data("""
        soundbite-bench threads: \(message)
        usage: soundbite-bench threads --index FILE --queries FILE [--threads 1,2] [--rounds R] [--passes P] [--modes search,top,fields] [--latency]

        """.utf8))
    return 2
}

/// One timed multi-thread run.
private enum ThreadRun {
    /// Runs every query once from `from` (wrapping); the sum of hits, so nothing is optimised away.
    static func pass(_ index: SearchIndex, _ queries: [BenchQuery], mode: String, from: Int) -> Int {
        var sink = 0
        for j in 0..<queries.count { sink &+= query(queries[(from + j) % queries.count], index, mode: mode) }
        return sink
    }

    /// One query in `mode`: its hit count (`fields`: plus the size of every field of every hit).
    @inline(__always)
    static func query(_ q: BenchQuery, _ index: SearchIndex, mode: String) -> Int {
        let o = SearchOptions(limit: 10, filters: q.filters)
        if mode == "top" { return (try? index.topDocuments(q.query, options: o))?.count ?? 0 }
        guard let hits = (try? index.search(q.query, options: o))?.hits else { return 0 }
        guard mode == "fields" else { return hits.count }
        var n = hits.count
        for h in hits { n &+= everyField(h) }
        return n
    }

    /// Reads every public field of `hit`; a number that depends on all of them.
    static func everyField(_ hit: Hit) -> Int {
        var n = hit.rank &+ hit.document &+ Int(hit.score) &+ (hit.placement?.tier.rawValue ?? 0)
        for s in [hit.interview, hit.title, hit.speaker, hit.role, hit.chapter, hit.text, hit.snippet.text, hit.media] {
            n &+= s.utf8.count
        }
        n &+= Int(hit.start) &+ Int(hit.end) &+ hit.highlights.count &+ hit.snippet.highlights.count
        n &+= hit.fields.count &+ (hit.explanation?.terms.count ?? 0) &+ hit.before.count &+ hit.after.count
        return n
    }

    /// `threads` threads, started together, each running `passes` passes;
    /// the wall time from the start to the last end, and each thread's CPU seconds.
    static func run(_ index: SearchIndex, _ queries: [BenchQuery], mode: String, threads: Int, passes: Int)
        -> (wall: Double, cpu: [Double]) {
        let results = Results(threads)
        let ready = DispatchSemaphore(value: 0), go = DispatchSemaphore(value: 0), done = DispatchGroup()
        for t in 0..<threads {
            done.enter()
            let thread = Thread {
                ready.signal()
                go.wait()
                let c0 = Measure.threadCPU()
                var sink = 0
                for _ in 0..<passes { sink &+= pass(index, queries, mode: mode, from: t * queries.count / threads) }
                results.set(t, cpu: Measure.threadCPU() - c0, sink: sink)
                done.leave()
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
        for _ in 0..<threads { ready.wait() }
        let start = DispatchTime.now().uptimeNanoseconds
        for _ in 0..<threads { go.signal() }
        done.wait()
        let wall = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        benchSink &+= results.sink
        return (wall, results.cpu)
    }

    /// Per-thread results, behind a lock.
    final class Results: @unchecked Sendable {
        private let lock = NSLock()
        private var cpus: [Double]
        private var sinks = 0
        init(_ n: Int) { cpus = Array(repeating: 0, count: n) }
        func set(_ t: Int, cpu: Double, sink: Int) { lock.withLock { cpus[t] = cpu; sinks &+= sink } }
        var cpu: [Double] { lock.withLock { cpus } }
        var sink: Int { lock.withLock { sinks } }
    }
}
