// soundbite-bench read [--corpus DIR]... [--runs N]
//
// Reading speed of the transcript readers: a collection read from memory
// (decoding, parsing, markup, speaker labels, assembly; no file system, no
// index), in MB/s of transcript bytes and cues/s, per format found in the
// corpus. Build in release:
//
//     swift run -c release soundbite-bench read --corpus /work/shared/corpora/seenunseen

import Foundation
import Soundbite

/// Entry point of the `read` subcommand.
func runReadBenchmark(_ arguments: [String]) -> Int32 {
    var corpora: [String] = []
    var runs = 5
    guard readOptions(arguments, usage: "read [--corpus DIR]... [--runs N]", [
        "--corpus": { corpora.append($0) },
        "--runs": { runs = atLeastOne($0, or: runs) },
    ]) else { return 2 }
    if corpora.isEmpty { corpora = ["Corpus"] }
    #if DEBUG
    print("warning: debug build; use `swift run -c release soundbite-bench read` for real figures")
    #endif
    let reader = CollectionReader()
    for corpus in corpora {
        // Transcripts by extension, chapter tracks left out (they are read
        // with their transcript by the indexer, not on their own).
        var byFormat: [String: [(path: String, text: String)]] = [:]
        for path in transcriptFiles(under: corpus) where !path.lowercased().hasSuffix(".chapters.vtt") {
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            let ext = (path as NSString).pathExtension.lowercased()
            byFormat[ext, default: []].append(((path as NSString).lastPathComponent, String(decoding: data, as: UTF8.self)))
        }
        print("read: \(corpus): median of \(runs) runs, thread CPU time, one thread")
        for (format, files) in byFormat.sorted(by: { $0.key < $1.key }) {
            let bytes = files.reduce(0) { $0 + $1.text.utf8.count }
            let passes = max(1, Int((20_000_000 / Double(max(bytes, 1))).rounded(.up)))
            var times: [Double] = []
            var cues = 0
            for run in 0...runs {
                let t = Measure.cpuSeconds {
                    for _ in 0..<passes {
                        let c = reader.read(name: "bench", transcripts: files, manifest: nil)
                        cues = c.interviews.reduce(0) { $0 + $1.cues.count }
                    }
                }
                if run > 0 { times.append(t) }   // run 0 warms up
            }
            let seconds = Measure.median(times) / Double(passes)
            print("  \(format): \(files.count) files, \(String(format: "%.2f", Double(bytes) / 1e6)) MB, \(cues) cues: "
                  + "\(String(format: "%.1f", Double(bytes) / 1e6 / seconds)) MB/s, "
                  + "\(String(format: "%.2f", Double(cues) / seconds / 1e6)) M cues/s")
        }
    }
    return 0
}
