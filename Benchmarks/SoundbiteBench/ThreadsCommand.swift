import Foundation
import Soundbite

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `soundbite-bench threads --index FILE --queries FILE [--threads 1,2]
/// [--rounds R] [--passes P] [--modes search,top,fields] [--spin-ms MS]
/// [--latency]`: query throughput of one open ``SearchIndex`` shared by N
/// threads, and how much of it is the engine's and how much the machine's.
///
/// For each round, each mode (`search`: the public `search()` with default
/// options and the query's filters; `fields`: the same, then every field of
/// every hit read, which builds the hits' text, snippet and the rest; `top`:
/// top-10 retrieval alone) and each thread count in turn (so 1- and N-thread
/// runs alternate and share the machine's load), N threads start together
/// and each runs the whole query mix `passes` times (thread t starting at
/// query t × count / N, so they do not walk in step); one warm-up pass runs
/// first. Each round starts with the machine's own check, `spin`: the same
/// thread counts running a loop that shares and allocates nothing (about
/// `--spin-ms` of CPU per thread, default 200), whose wall speed-up is the
/// most any code could get from N threads right then.
///
/// Per run it prints queries/s of wall time (all threads' queries over the
/// time from the common start to the last thread's end), the wall speed-up
/// over one thread of the same round, the parallelism the run got (its
/// threads' CPU seconds over its wall seconds: N when every thread had a
/// core throughout), the wall speed-up as a share of `spin`'s in the same
/// round, the threads' involuntary context switches, and each thread's CPU
/// µs per query (`CLOCK_THREAD_CPUTIME_ID`). The summary takes, per mode and
/// thread count, each thread's least CPU µs per query over the rounds: if N
/// threads each spend what one does, nothing they share contends and the
/// engine's speed-up on N free cores is N × (1-thread CPU ÷ N-thread CPU)
/// ("engine"); a higher CPU per query on N threads is contention (cache
/// lines written by both, locks, the allocator). The wall speed-up is the
/// machine's as much as the engine's: read it beside `spin`'s.
///
/// With `--latency`, one thread then times every query of every mode
/// (`passes` passes after the warm-up, thread CPU per query; the modes of
/// one query run back to back, their order rotating from query to query)
/// and prints p50 and p99 per class and mode, and each mode's ratio to `top`.
func runThreads(_ arguments: [String]) -> Int32 {
    var indexPath: String?, queriesPath: String?
    var counts = [1, 2], rounds = 3, passes = 2, spinMS = 200.0
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
        case "--spin-ms":
            guard let n = Double(v), n >= 0 else { return threadsUsage("--spin-ms needs a number ≥ 0 (0: no spin check)") }
            spinMS = n
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
    let mix = queries, timedPasses = passes
    let spinIterations = spinMS > 0 ? Spin.iterations(forCPUSeconds: spinMS / 1000) : 0
    let allModes = (spinIterations > 0 ? ["spin", "walk"] : []) + modes

    print("threads: \(queries.count) queries × \(passes) passes per thread, \(rounds) rounds, \(isDebug ? "DEBUG build" : "release build"), \(ProcessInfo.processInfo.activeProcessorCount) cores, load average \(loadAverage())")
    if spinIterations > 0 {
        print("spin: \(spinIterations) iterations per thread of a loop that shares nothing (≈ \(fmt(spinMS, 0)) ms CPU) in \(Spin.chunks) chunks; "
              + "walk: \(Walk.chunks) chunks of \(Walk.reads) reads from a \(Walk.words >> 17) MiB buffer of the thread's own; their units below are chunks")
    }
    print("mode    threads round   wall s   queries/s  speed-up  parallel  of spin  inv-cs | per-thread CPU µs per query")
    var summary: [String: [Int: [ThreadRun.Outcome]]] = [:]
    for round in 1...rounds {
        var spinSpeedUp: [Int: Double] = [:]
        for mode in allModes {
            var single: ThreadRun.Outcome?
            for n in counts {
                let units = mode == "spin" ? Double(Spin.chunks) : mode == "walk" ? Double(Walk.chunks) : Double(passes * queries.count)
                let r = mode == "spin"
                    ? ThreadRun.run(threads: n, units: units) { _, probe in
                        var sink = 0
                        for c in 0..<Spin.chunks { sink &+= probe.measure(c) { Spin.run(spinIterations / Spin.chunks, seed: c) } }
                        return sink
                    }
                    : mode == "walk" ? ThreadRun.run(threads: n, units: units) { _, probe in
                        let buffer = Walk.buffer()
                        defer { buffer.deallocate() }
                        var sink = 0
                        for c in 0..<Walk.chunks { sink &+= probe.measure(c) { Walk.run(buffer, seed: c) } }
                        return sink
                    }
                    : ThreadRun.run(threads: n, units: units) { t, probe in
                        var sink = 0
                        for _ in 0..<timedPasses {
                            let from = t * mix.count / n
                            for j in 0..<mix.count {
                                let q = (from + j) % mix.count
                                sink &+= probe.measure(q) { ThreadRun.query(mix[q], index, mode: mode) }
                            }
                        }
                        return sink
                    }
                if n == counts.first { single = r }
                let speedUp = single.map { r.throughput / $0.throughput }
                if mode == "spin", let speedUp { spinSpeedUp[n] = speedUp }
                let ofSpin = Walk.isCheck(mode) || n == counts.first ? nil : speedUp.flatMap { s in spinSpeedUp[n].map { s / $0 } }
                summary[mode, default: [:]][n, default: []].append(r)
                print(spad(mode, 8) + slpad("\(n)", 7) + slpad("\(round)", 6) + slpad(fmt(r.wall, 3), 9)
                      + slpad(fmt(r.throughput, 0), 12) + slpad(speedUp.map { fmt($0, 2) } ?? "-", 10)
                      + slpad(fmt(r.parallelism, 2), 10) + slpad(ofSpin.map { fmt($0 * 100, 0) + " %" } ?? "-", 9)
                      + slpad("\(r.preempted)", 8)
                      + " | " + r.cpuPerUnit.map { fmt($0 * 1e6, 1) }.joined(separator: " "))
            }
        }
    }
    print("")
    print(threadsSummary(summary, modes: allModes, counts: counts))
    print("")
    print(overlapSummary(summary, modes: allModes, counts: counts))
    if latency { print(""); print(latencyTable(index, queries, modes: modes, passes: passes)) }
    return 0
}

/// The summary: per mode and thread count, each thread's least CPU per
/// query over the rounds, its ratio to one thread's, the speed-up that
/// implies on free cores, and the wall figures' medians (with `spin`'s).
private func threadsSummary(_ summary: [String: [Int: [ThreadRun.Outcome]]], modes: [String], counts: [Int]) -> String {
    var lines = ["summary: CPU µs per query = each thread's least over the rounds (spin, walk: per chunk); "
                 + "CPU ratio = mean of those ÷ 1 thread's; engine = N ÷ CPU ratio (the speed-up on N free cores); "
                 + "wall speed-up, parallelism and share of spin = medians over rounds (max in brackets)"]
    lines.append("mode    threads  CPU µs per query          CPU ratio  engine  wall speed-up   parallel   of spin")
    let base = counts.first ?? 1
    for mode in modes {
        guard let byCount = summary[mode], let one = byCount[base] else { continue }
        let oneCPU = leastCPU(one).reduce(0, +) / Double(max(1, base))
        for n in counts {
            guard let runs = byCount[n] else { continue }
            let least = leastCPU(runs)
            let ratio = least.reduce(0, +) / Double(max(1, n)) / oneCPU
            var wall: [Double] = [], ofSpin: [Double] = []
            for (j, r) in runs.enumerated() where j < one.count {
                let s = r.throughput / one[j].throughput
                wall.append(s)
                if !Walk.isCheck(mode), n != base, let spin = summary["spin"]?[n], j < spin.count, let spinOne = summary["spin"]?[base], j < spinOne.count {
                    ofSpin.append(s / (spin[j].throughput / spinOne[j].throughput))
                }
            }
            lines.append(spad(mode, 8) + slpad("\(n)", 7) + "  " + spad(least.map { fmt($0 * 1e6, 1) }.joined(separator: " "), 24)
                         + slpad(fmt(ratio, 3), 11) + slpad(fmt(Double(n) / Double(base) / ratio, 2), 8)
                         + slpad(fmt(Measure.median(wall), 2) + " (" + fmt(wall.max() ?? 0, 2) + ")", 15)
                         + slpad(fmt(Measure.median(runs.map(\.parallelism)), 2) + " (" + fmt(runs.map(\.parallelism).max() ?? 0, 2) + ")", 13)
                         + slpad(ofSpin.isEmpty ? "-" : fmt(Measure.median(ofSpin) * 100, 0) + " % (" + fmt((ofSpin.max() ?? 0) * 100, 0) + " %)", 17))
        }
    }
    return lines.joined(separator: "\n")
}

/// Contention seen query by query, whatever the load: each query of an
/// N-thread run is timed with its thread's CPU clock and, around it, the
/// CPU clock of the next thread; it ran `both` when that thread's clock
/// advanced by ≥ 80 % of the query's own CPU time, `alone` when by < 5 %
/// (only queries that kept their core throughout are counted).
/// Over the queries (spin, walk: the chunks) seen both ways, the sum of each
/// one's least CPU when both ran ÷ the same when alone; 1 thread's sum over
/// the same queries beside them. Spin's and walk's ratios are the machine's
/// (a core or cache shared with the other vCPU, the clock read itself): a
/// mode's ratio is an upper bound on the engine's contention, and a ratio
/// near walk's says the rest is the machine's.
private func overlapSummary(_ summary: [String: [Int: [ThreadRun.Outcome]]], modes: [String], counts: [Int]) -> String {
    var lines = ["overlap: least CPU per query when the next thread ran beside it (both) and when it did not (alone), "
                 + "summed over the queries seen both ways (and on 1 thread); both/alone above 1 is what a query pays for the other thread "
                 + "running beside it, the engine's contention and the machine's (spin's both/alone: code that shares nothing) together"]
    lines.append("mode    threads  queries  1 thread ms  alone ms    both ms  both/alone  alone/1-thread  ÷ spin's  ÷ walk's")
    let base = counts.first ?? 1
    var spinRatio: [Int: Double] = [:], walkRatio: [Int: Double] = [:]
    for mode in modes {
        guard let byCount = summary[mode] else { continue }
        var one: [Int: Double] = [:]
        for r in byCount[base] ?? [] { for s in r.samples where s.uninterrupted { one[s.unit] = min(one[s.unit] ?? .infinity, s.cpu) } }
        for n in counts where n > 1 {
            var alone: [Int: Double] = [:], both: [Int: Double] = [:]
            for r in byCount[n] ?? [] {
                for s in r.samples where s.uninterrupted {
                    if s.other >= 0.8 * s.cpu { both[s.unit] = min(both[s.unit] ?? .infinity, s.cpu) }
                    else if s.other < 0.05 * s.cpu { alone[s.unit] = min(alone[s.unit] ?? .infinity, s.cpu) }
                }
            }
            let seen = both.keys.filter { alone[$0] != nil && one[$0] != nil }
            let a = seen.reduce(0) { $0 + alone[$1]! }, b = seen.reduce(0) { $0 + both[$1]! }
            let o = seen.reduce(0) { $0 + one[$1]! }
            let ratio = a > 0 ? b / a : .nan
            if mode == "spin" { spinRatio[n] = ratio }
            if mode == "walk" { walkRatio[n] = ratio }
            let engine = Walk.isCheck(mode) ? "-" : spinRatio[n].map { fmt(ratio / $0, 3) } ?? "-"
            let engineWalk = Walk.isCheck(mode) ? "-" : walkRatio[n].map { fmt(ratio / $0, 3) } ?? "-"
            lines.append(spad(mode, 8) + slpad("\(n)", 7) + slpad("\(seen.count)", 9) + slpad(fmt(o * 1e3, 2), 13)
                         + slpad(fmt(a * 1e3, 2), 10) + slpad(fmt(b * 1e3, 2), 11) + slpad(fmt(ratio, 3), 12)
                         + slpad(fmt(a / o, 3), 16) + slpad(engine, 10) + slpad(engineWalk, 10))
        }
    }
    return lines.joined(separator: "\n")
}

/// Each thread's least CPU seconds per unit over `runs` (thread t of every run).
private func leastCPU(_ runs: [ThreadRun.Outcome]) -> [Double] {
    guard let first = runs.first else { return [] }
    return first.cpuPerUnit.indices.map { t in runs.map { $0.cpuPerUnit[t] }.min() ?? 0 }
}

/// The 1-minute load average, as `uptime` prints it ("?" when unknown).
private func loadAverage() -> String {
    var loads = [Double](repeating: 0, count: 3)
    return getloadavg(&loads, 3) == 3 ? loads.map { fmt($0, 2) }.joined(separator: " ") : "?"
}

/// A loop that shares nothing and allocates nothing: what N threads get
/// from the machine when the code cannot contend.
/// Reads from a buffer of the thread's own, larger than a core's L2 cache:
/// what N threads get from the machine's shared cache and memory (and from
/// a core shared with the other vCPU, if it is) when the code shares no
/// data, for code that, like a search, waits on memory.
private enum Walk {
    static let chunks = 2_000
    /// 4 MiB of words.
    static let words = 1 << 19
    static let reads = 8_192

    /// Whether `mode` is one of the machine's checks, not a search.
    static func isCheck(_ mode: String) -> Bool { mode == "spin" || mode == "walk" }

    /// A buffer of ``words`` words, written (so its pages are the thread's).
    static func buffer() -> UnsafeMutableBufferPointer<UInt64> {
        let b = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: words)
        for i in 0..<words { b[i] = UInt64(i) &* 0x9E37_79B9_7F4A_7C15 }
        return b
    }

    /// ``reads`` reads at addresses from an LCG seeded by `seed` (independent
    /// of the values read, so several are in flight at once), summed.
    @inline(never)
    static func run(_ b: UnsafeMutableBufferPointer<UInt64>, seed: Int) -> Int {
        var h = UInt64(truncatingIfNeeded: seed) &* 0x9E37_79B9_7F4A_7C15, sum: UInt64 = 0
        let mask = UInt64(b.count - 1)
        for _ in 0..<reads {
            h = h &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            sum &+= b[Int(truncatingIfNeeded: (h >> 24) & mask)]
        }
        return Int(truncatingIfNeeded: sum)
    }
}

private enum Spin {
    /// Pieces a thread's spin is timed in (each about a query's length, so
    /// that the next thread's clock tells whether it ran beside it).
    static let chunks = 2_000
    /// Iterations of ``run(_:)`` taking about `seconds` of CPU on this thread.
    static func iterations(forCPUSeconds seconds: Double) -> Int {
        var n = 1 << 20, cpu = 0.0
        while true {
            let c0 = Measure.threadCPU()
            benchSink &+= run(n, seed: n)
            cpu = Measure.threadCPU() - c0
            if cpu >= 0.02 || n >= 1 << 40 { break }
            n *= 2
        }
        return max(1, Int(Double(n) * seconds / max(cpu, 1e-9)))
    }

    /// `n` steps of a 64-bit LCG from `seed` with a data-dependent branch,
    /// in registers (a pure function: a call with the same arguments as the
    /// last may be hoisted out of a loop, hence the seed).
    @inline(never)
    static func run(_ n: Int, seed: Int) -> Int {
        var x = 0x9E37_79B9_7F4A_7C15 ^ UInt64(truncatingIfNeeded: seed), odd = 0
        for _ in 0..<n {
            x = x &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            if x >> 63 == 1 { odd &+= 1 }
        }
        return odd &+ Int(truncatingIfNeeded: x)
    }
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
        usage: soundbite-bench threads --index FILE --queries FILE [--threads 1,2] [--rounds R] [--passes P] [--modes search,top,fields] [--spin-ms MS] [--latency]

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

    /// What one run measured.
    struct Outcome {
        var threads: Int
        /// From the common start to the last thread's end.
        var wall: Double
        /// Each thread's CPU seconds.
        var cpu: [Double]
        /// Units (queries, or spin's million iterations) each thread ran.
        var units: Double
        /// The threads' involuntary context switches, summed.
        var preempted: Int
        /// Every unit timed on its own, all threads'.
        var samples: [Probe.Sample]
        /// Units per wall second, all threads together.
        var throughput: Double { Double(threads) * units / wall }
        /// The threads' CPU seconds over the wall seconds.
        var parallelism: Double { cpu.reduce(0, +) / wall }
        /// Each thread's CPU seconds per unit.
        var cpuPerUnit: [Double] { cpu.map { $0 / units } }
    }

    /// `threads` threads, started together, each running `body(t)` (`units`
    /// units of work); the wall time from the start to the last end, and
    /// each thread's CPU seconds and involuntary context switches.
    static func run(threads: Int, units: Double, _ body: @escaping @Sendable (Int, inout Probe) -> Int) -> Outcome {
        let results = Results(threads)
        // With one thread, the clock watched is this (waiting) thread's.
        results.setClock(threads, Probe.ownClock())
        let ready = DispatchSemaphore(value: 0), go = DispatchSemaphore(value: 0), done = DispatchGroup()
        for t in 0..<threads {
            done.enter()
            let thread = Thread {
                results.setClock(t, Probe.ownClock())
                ready.signal()
                go.wait()
                var probe = Probe(watching: results.clock(threads == 1 ? threads : (t + 1) % threads))
                let c0 = Measure.threadCPU(), s0 = involuntarySwitches()
                let sink = body(t, &probe)
                results.set(t, cpu: Measure.threadCPU() - c0, preempted: involuntarySwitches() - s0, sink: sink,
                            samples: probe.samples)
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
        return Outcome(threads: threads, wall: wall, cpu: results.cpu, units: units, preempted: results.preempted,
                       samples: results.samples)
    }

    /// Times units of work on the calling thread, each with the CPU time
    /// another thread got meanwhile.
    struct Probe {
        /// One unit: which (a query's place in the mix, a spin chunk), its
        /// CPU seconds, and the watched thread's CPU seconds around it.
        struct Sample {
            var unit: Int, cpu: Double, other: Double, wall: Double
            /// Whether the thread ran the unit without losing its core
            /// (wall time ≈ CPU time): a unit cut by a context switch pays
            /// refilled caches, and the other thread may have run in the gap.
            var uninterrupted: Bool { wall - cpu <= 0.05 * cpu + 2e-6 }
        }
        let other: clockid_t
        var samples: [Sample] = []
        init(watching other: clockid_t) {
            self.other = other
            samples.reserveCapacity(1 << 14)
        }

        /// `work()`, timed as unit `unit`.
        @inline(__always)
        mutating func measure(_ unit: Int, _ work: () -> Int) -> Int {
            let o0 = Self.read(other), c0 = Measure.threadCPU(), w0 = Self.read(CLOCK_MONOTONIC)
            let value = work()
            let w1 = Self.read(CLOCK_MONOTONIC), c1 = Measure.threadCPU(), o1 = Self.read(other)
            samples.append(Sample(unit: unit, cpu: c1 - c0, other: o1 - o0, wall: w1 - w0))
            return value
        }

        /// The calling thread's CPU clock, for another thread to read.
        static func ownClock() -> clockid_t {
            var id = clockid_t()
            return pthread_getcpuclockid(pthread_self(), &id) == 0 ? id : clockid_t(CLOCK_THREAD_CPUTIME_ID)
        }

        @inline(__always)
        static func read(_ clock: clockid_t) -> Double {
            var t = timespec()
            clock_gettime(clock, &t)
            return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
        }
    }

    /// The calling thread's involuntary context switches so far (0 where unknown).
    static func involuntarySwitches() -> Int {
        #if os(Linux)
        var usage = rusage()
        guard getrusage(__rusage_who_t(1), &usage) == 0 else { return 0 }   // RUSAGE_THREAD
        return usage.ru_nivcsw
        #else
        return 0
        #endif
    }

    /// Per-thread results, behind a lock.
    final class Results: @unchecked Sendable {
        private let lock = NSLock()
        private var cpus: [Double]
        private var clocks: [clockid_t]
        private var all: [Probe.Sample] = []
        private var switches = 0
        private var sinks = 0
        init(_ n: Int) { cpus = Array(repeating: 0, count: n); clocks = Array(repeating: 0, count: n + 1) }
        func set(_ t: Int, cpu: Double, preempted: Int, sink: Int, samples: [Probe.Sample]) {
            lock.withLock { cpus[t] = cpu; switches += preempted; sinks &+= sink; all += samples }
        }
        /// Thread `t`'s CPU clock (`t` = the thread count: the calling thread's).
        func setClock(_ t: Int, _ id: clockid_t) { lock.withLock { clocks[t] = id } }
        func clock(_ t: Int) -> clockid_t { lock.withLock { clocks[t] } }
        var samples: [Probe.Sample] { lock.withLock { all } }
        var cpu: [Double] { lock.withLock { cpus } }
        var preempted: Int { lock.withLock { switches } }
        var sink: Int { lock.withLock { sinks } }
    }
}
