import Foundation
import Soundbite
import SoundbiteTestSupport

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Timing, percentile and memory helpers for the benchmark suite.
enum Measure {
    /// Seconds elapsed while running `body`, with its result.
    @inline(__always)
    static func time<T>(_ body: () throws -> T) rethrows -> (seconds: Double, value: T) {
        let start = DispatchTime.now().uptimeNanoseconds
        let value = try body()
        let end = DispatchTime.now().uptimeNanoseconds
        return (Double(end - start) / 1e9, value)
    }

    /// CPU time of the calling thread in seconds (user + system): unlike wall
    /// time, it does not count time the thread waited for a core, which on a
    /// shared machine is most of a wall-clock p99.
    @inline(__always)
    static func threadCPU() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }

    /// Thread CPU seconds of `body`.
    @inline(__always)
    static func cpuSeconds(_ body: () throws -> Void) rethrows -> Double {
        let c0 = threadCPU()
        try body()
        return threadCPU() - c0
    }

    /// The median of `values` (0 for none).
    static func median(_ values: [Double]) -> Double {
        let s = values.sorted()
        guard !s.isEmpty else { return 0 }
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }

    /// CPU time of the whole process in seconds (user + system, every
    /// thread: getrusage RUSAGE_SELF), the figure `wait4` gives for a child
    /// process and `/usr/bin/time` prints.
    static func processCPU() -> Double {
        var usage = rusage()
        guard getrusage(RUSAGE_SELF.rawValue, &usage) == 0 else { return 0 }
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    /// Wall-clock, thread CPU and process CPU (every thread) seconds of `body`.
    static func all<T>(_ body: () throws -> T) rethrows -> (wall: Double, cpu: Double, processCPU: Double, value: T) {
        let p0 = processCPU()
        let (wall, cpu, value) = try both(body)
        return (wall, cpu, processCPU() - p0, value)
    }

    /// Wall-clock and thread CPU seconds of `body`.
    @inline(__always)
    static func both<T>(_ body: () throws -> T) rethrows -> (wall: Double, cpu: Double, value: T) {
        let c0 = threadCPU()
        let (wall, value) = try time(body)
        return (wall, threadCPU() - c0, value)
    }

    /// Peak resident set size of this process so far, in bytes (getrusage ru_maxrss).
    static func peakRSS() -> Int {
        var usage = rusage()
        guard getrusage(RUSAGE_SELF.rawValue, &usage) == 0 else { return 0 }
        #if canImport(Darwin)
        return Int(usage.ru_maxrss)
        #else
        return Int(usage.ru_maxrss) * 1024
        #endif
    }
}

/// Latency samples of one query class, in seconds.
struct LatencySamples {
    private(set) var values: [Double] = []

    mutating func add(_ seconds: Double) { values.append(seconds) }

    /// Nearest-rank percentile (p in 0…100) of the samples; 0 when empty.
    func percentile(_ p: Double) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        let rank = Int((p / 100 * Double(sorted.count)).rounded(.up))
        return sorted[min(sorted.count - 1, max(0, rank - 1))]
    }

    var mean: Double { values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count) }
    var count: Int { values.count }
}

/// The median thread-CPU time of `runs` runs of `body` after one warm-up run.
func medianSeconds(runs: Int, _ body: () -> Void) -> Double {
    body()
    return Measure.median((0..<max(1, runs)).map { _ in Measure.cpuSeconds(body) })
}

/// Where benchmark loops put a value that depends on all their work, so the
/// optimiser cannot drop the work.
nonisolated(unsafe) var benchSink = 0

/// Runs `analyzer` over every text; returns the number of terms.
@inline(never)
func analyzeAll(_ texts: [[UInt8]], with analyzer: Analyzer = .standard) -> Int {
    var scratch: [UInt8] = []
    scratch.reserveCapacity(64)
    var count = 0, checksum = 0
    for text in texts {
        text.withUnsafeBufferPointer { bytes in
            analyzer.forEachTerm(in: bytes, scratch: &scratch) { token, term in
                count += 1
                checksum &+= term.count &+ token.position
            }
        }
    }
    benchSink &+= checksum
    return count
}

/// True for a transcript or chapter-track file name (`.vtt`, `.srt`, `.txt`).
func isTranscriptFile(_ name: String) -> Bool {
    let l = name.lowercased()
    return l.hasSuffix(".vtt") || l.hasSuffix(".srt") || l.hasSuffix(".txt")
}

/// Every transcript file under `root` (recursively), sorted.
func transcriptFiles(under root: String) -> [String] {
    guard let enumerator = FileManager.default.enumerator(atPath: root) else { return [] }
    var files: [String] = []
    while let relative = enumerator.nextObject() as? String {
        if isTranscriptFile(relative) { files.append(root + "/" + relative) }
    }
    return files.sorted()
}

/// The library's seedable generator, so corpora and query mixes are the
/// same on every run and every machine.
typealias SeededGenerator = SplitMix64

extension SplitMix64 {
    /// A uniform integer in 0..<n (n > 0).
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    /// True with probability p.
    mutating func chance(_ p: Double) -> Bool { Double(next() >> 11) / Double(1 << 53) < p }
}
