// soundbite-bench storage --corpus DIR [--runs N]
//
// Figures of the index file on one corpus (issue 5): index size as a fraction
// of the raw transcript bytes (with a per-section breakdown), time to open
// (with and without verifying every checksum), first-query latency after
// open, and an incremental update adding one interview against a full
// rebuild, as a ratio. Build in release:
//
//     swift run -c release soundbite-bench storage --corpus /work/shared/corpora/seenunseen

import Foundation
import Soundbite

/// Entry point of the `storage` subcommand.
func runStorageBenchmark(_ arguments: [String]) -> Int32 {
    var corpus = "Corpus"
    var runs = 5
    guard readOptions(arguments, usage: "storage --corpus DIR [--runs N]", [
        "--corpus": { corpus = $0 },
        "--runs": { runs = atLeastOne($0, or: runs) },
    ]) else { return 2 }
    do { return try StorageBenchmark(corpus: corpus, runs: runs).run() } catch {
        FileHandle.standardError.write(Data("storage benchmark: \(error)\n".utf8))
        return 1
    }
}

private struct StorageBenchmark {
    let corpus: String
    let runs: Int
    let fm = FileManager.default

    func run() throws -> Int32 {
        let work = fm.temporaryDirectory.appendingPathComponent("sb-storage-bench-\(getpid())").path
        try? fm.removeItem(atPath: work)
        try fm.createDirectory(atPath: work, withIntermediateDirectories: true)
        defer { try? fm.removeItem(atPath: work) }

        // The corpus without its last interview, to add it back incrementally.
        let copy = work + "/corpus"
        try fm.copyItem(atPath: corpus, toPath: copy)
        let transcripts = try fm.contentsOfDirectory(atPath: copy).filter(isTranscriptFile).sorted()
        guard let held = transcripts.last(where: { !$0.hasSuffix(".chapters.vtt") }) else {
            print("no transcripts in \(corpus)")
            return 1
        }
        let stem = String(held[..<held.lastIndex(of: ".")!])
        let moved = transcripts.filter { $0 == held || $0 == stem + ".chapters.vtt" }
        try fm.createDirectory(atPath: work + "/held", withIntermediateDirectories: true)
        for name in moved { try fm.moveItem(atPath: copy + "/" + name, toPath: work + "/held/" + name) }

        let rawBytes = try transcripts.reduce(0) { sum, name in
            sum + ((try fm.attributesOfItem(atPath: corpus + "/" + name)[.size] as? Int) ?? 0)
        }
        let indexPath = work + "/index.sbx"

        // Full build of the corpus minus one interview (what the update starts from).
        let (before, _) = SearchIndex.update(nil, paths: [copy])
        try before.write(to: indexPath)
        for name in moved { try fm.moveItem(atPath: work + "/held/" + name, toPath: copy + "/" + name) }

        // Full rebuild of the whole corpus: read, analyse, serialise, write.
        let fullPath = work + "/full.sbx"
        var fullReport = IndexUpdateReport()
        let fullTimes = try (0..<runs).map { _ in
            try Measure.time {
                let (index, report) = SearchIndex.update(nil, paths: [copy])
                try index.write(to: fullPath)
                fullReport = report
            }.seconds
        }
        // Incremental update adding one interview: open the old index, list,
        // read one transcript, merge, serialise, write. Restored after each run.
        let oldImage = try Data(contentsOf: URL(fileURLWithPath: indexPath))
        var updateReport = IndexUpdateReport()
        var updateTimes: [Double] = []
        for _ in 0..<runs {
            try oldImage.write(to: URL(fileURLWithPath: indexPath))
            updateTimes.append(try Measure.time {
                let old = try SearchIndex(contentsOf: indexPath)
                let (index, report) = SearchIndex.update(old, paths: [copy])
                try index.write(to: indexPath)
                updateReport = report
            }.seconds)
        }
        let identical = try Data(contentsOf: URL(fileURLWithPath: indexPath)) == Data(contentsOf: URL(fileURLWithPath: fullPath))

        // What telling unchanged files from changed ones costs: listing and
        // stat of every file (enough to compare size, mtime, ctime, inode)
        // against reading and hashing every file's bytes; and a whole update
        // where nothing changed (open, compare, copy every interview, write).
        let reader = CollectionReader()
        var hashed = 0
        let scanTimes = (0..<max(runs, 10)).map { _ in Measure.time { _ = reader.scan(copy) }.seconds }
        let hashTimes = (0..<max(runs, 10)).map { _ in
            Measure.time {
                let scan = reader.scan(copy)
                hashed = scan.files.count
                for file in scan.files { _ = SearchIndex.contentHash(file, limit: reader.limits.maxFileBytes) }
            }.seconds
        }
        var sameReport = IndexUpdateReport()
        let sameTimes = try (0..<runs).map { _ in
            try Measure.time {
                let old = try SearchIndex(contentsOf: fullPath)
                let (index, report) = SearchIndex.update(old, paths: [copy])
                try index.write(to: fullPath)
                sameReport = report
            }.seconds
        }

        // Open, verify, first query (page cache warm: the file was just written).
        let size = try (fm.attributesOfItem(atPath: fullPath)[.size] as? Int) ?? 0
        let openVerified = try (0..<max(runs, 20)).map { _ in try Measure.time { _ = try SearchIndex(contentsOf: fullPath) }.seconds }
        let openLazy = try (0..<max(runs, 20)).map { _ in try Measure.time { _ = try SearchIndex(contentsOf: fullPath, verify: false) }.seconds }
        let index = try SearchIndex(contentsOf: fullPath, verify: false)
        let verifyTimes = try (0..<max(runs, 20)).map { _ in try Measure.time { try index.verify() }.seconds }
        let queries = ["laptops", "economy india", "\"free market\"", "democracy AND (vote OR election)", "gover*", "polcy~"]
        var firstQuery: [String: [Double]] = [:]
        for q in queries {
            firstQuery[q] = try (0..<max(runs, 10)).map { _ in
                try Measure.time {
                    let fresh = try SearchIndex(contentsOf: fullPath)
                    _ = try fresh.search(q, options: SearchOptions(limit: 10))
                }.seconds
            }
        }

        func ms(_ t: [Double]) -> String { String(format: "%.2f ms", Measure.median(t) * 1000) }
        print("corpus               \(corpus)")
        print("transcripts          \(transcripts.count) files, \(rawBytes) bytes (transcripts + chapter tracks)")
        print("index                \(size) bytes = \(String(format: "%.3f", Double(size) / Double(rawBytes))) × the raw transcript bytes")
        for (name, length) in try SearchIndex(contentsOf: fullPath, verify: false).sectionSizes {
            print("  \(name.padding(toLength: 12, withPad: " ", startingAt: 0)) \(String(format: "%10d", length)) bytes  \(String(format: "%5.1f", 100 * Double(length) / Double(size))) %")
        }
        print("open (verify all)    \(ms(openVerified))   median of \(openVerified.count)")
        print("open (no verify)     \(ms(openLazy))")
        print("verify() alone       \(ms(verifyTimes))  = \(String(format: "%.0f", Double(size) / Measure.median(verifyTimes) / 1e6)) MB/s CRC-32C")
        for q in queries { print("open + first query   \(ms(firstQuery[q]!))  \(q)") }
        print("full rebuild         \(ms(fullTimes))   (\(fullReport.added) interviews added)")
        print("update, +1 interview \(ms(updateTimes))   (added \(updateReport.added), unchanged \(updateReport.unchanged))")
        print("ratio update/full    \(String(format: "%.3f", Measure.median(updateTimes) / Measure.median(fullTimes)))")
        print("update == rebuild    \(identical ? "byte-identical" : "DIFFERENT")")
        print("list + stat          \(ms(scanTimes))   (\(hashed) transcripts)")
        print("list + read + hash   \(ms(hashTimes))")
        print("update, no change    \(ms(sameTimes))   (unchanged \(sameReport.unchanged), updated \(sameReport.updated))")
        return identical ? 0 : 1
    }
}
