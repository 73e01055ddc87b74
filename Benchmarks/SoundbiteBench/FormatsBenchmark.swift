// soundbite-bench formats [--corpus DIR] [--runs N] [--limit N]
//
// Reading speed of each transcript format beside WebVTT's, on the same
// words: the corpus's WebVTT transcripts are read once, their cues written
// out in memory in every other layout (SRT, untimed plain text, Otter, Rev,
// Descript/Trint, Premiere Pro, Whisper TSV), and each set is read through
// the public `CollectionReader.read(name:transcripts:manifest:)` — format
// detection, decoding, parsing and interview assembly — `runs` times. The
// median thread CPU time is reported as MB/s of input and as cues per second, with the words
// read, which must equal WebVTT's (a layout that lost or added words would
// show). Build in release:
//
//     swift run -c release --scratch-path .build-release soundbite-bench formats --corpus /work/shared/corpora/seenunseen

import Foundation
import Soundbite

/// Entry point of the `formats` subcommand.
func runFormatsBenchmark(_ arguments: [String]) -> Int32 {
    var corpus = "Corpus/innovative-schools"
    var runs = 5
    var limit = Int.max
    guard readOptions(arguments, usage: "formats [--corpus DIR] [--runs N] [--limit N]", [
        "--corpus": { corpus = $0 },
        "--runs": { runs = atLeastOne($0, or: runs) },
        "--limit": { limit = atLeastOne($0, or: limit) },
    ]) else { return 2 }
    let source = CollectionReader().read(corpus)
    let interviews = source.interviews.filter { $0.format == .webVTT }.prefix(limit)
    guard !interviews.isEmpty else {
        FileHandle.standardError.write(Data("formats benchmark: no WebVTT transcripts in \(corpus)\n".utf8))
        return 1
    }
    let root = source.root
    var sets: [(name: String, files: [(path: String, text: String)])] = []
    sets.append(("WebVTT", interviews.map { ($0.path, (try? String(contentsOfFile: root + "/" + $0.path, encoding: .utf8)) ?? "") }))
    for layout in LayoutWriter.allCases {
        sets.append((layout.name, interviews.map { ($0.id + layout.fileExtension, layout.render($0.cues)) }))
    }
    sets.append(("Whisper JSON", interviews.map { ($0.id + ".json", RecogniserSamples.whisper($0.cues, speakers: false)) }))
    sets.append(("WhisperX JSON", interviews.map { ($0.id + ".json", RecogniserSamples.whisper($0.cues, speakers: true)) }))
    sets.append(("Amazon Transcribe", interviews.map { ($0.id + ".json", RecogniserSamples.amazon($0.cues)) }))
    sets.append(("OHMS XML", interviews.map { ($0.id + ".xml", RecogniserSamples.ohms($0.cues)) }))
    let webVTTWords = words(CollectionReader().read(name: "bench", transcripts: sets[0].files, manifest: nil))
    print("formats: \(interviews.count) interviews of \(corpus), \(runs) runs, median thread CPU time (\(Date()))")
    print(pad("format", 20) + pad("MB", 8) + pad("MB/s", 8) + pad("kcues/s", 10) + pad("cues", 9) + pad("words", 10) + "detected")
    for set in sets {
        let bytes = set.files.reduce(0) { $0 + $1.text.utf8.count }
        var seconds: [Double] = []
        var last = InterviewCollection(name: "")
        for _ in 0..<runs {
            // Thread CPU time: on a shared machine wall time mostly measures waiting for a core.
            let (_, cpu, collection) = Measure.both { CollectionReader().read(name: "bench", transcripts: set.files, manifest: nil) }
            seconds.append(cpu)
            last = collection
        }
        let median = Measure.median(seconds)
        let cues = last.interviews.reduce(0) { $0 + $1.cues.count }
        let formats = Set(last.interviews.compactMap { $0.format?.rawValue }).sorted().joined(separator: ",")
        let w = words(last)
        print(pad(set.name, 20) + pad(String(format: "%.1f", Double(bytes) / 1e6), 8)
              + pad(String(format: "%.1f", Double(bytes) / 1e6 / median), 8)
              + pad(String(format: "%.0f", Double(cues) / 1e3 / median), 10) + pad("\(cues)", 9)
              + pad("\(w)\(w == webVTTWords ? "" : "≠")", 10) + formats)
    }
    return 0
}

private func words(_ collection: InterviewCollection) -> Int {
    // OHMS index cues (role "index") hold the index's titles and keywords, not speech.
    collection.interviews.reduce(0) { sum, i in sum + i.cues.reduce(0) { $0 + ($1.role == "index" ? 0 : $1.text.split(separator: " ").count) } }
}

private func pad(_ s: String, _ width: Int) -> String {
    s.count >= width ? s + " " : s + String(repeating: " ", count: width - s.count)
}

/// The layouts the benchmark writes cues in, each as its tool does.
private enum LayoutWriter: CaseIterable {
    case srt, plainText, otter, rev, descript, premiere, whisperTSV

    var name: String {
        switch self {
        case .srt: "SRT"
        case .plainText: "plain text"
        case .otter: "Otter.ai text"
        case .rev: "Rev text"
        case .descript: "Descript/Trint"
        case .premiere: "Premiere Pro text"
        case .whisperTSV: "Whisper TSV"
        }
    }

    var fileExtension: String { self == .srt ? ".srt" : self == .whisperTSV ? ".tsv" : ".txt" }

    func render(_ cues: [Cue]) -> String {
        var out = ""
        out.reserveCapacity(cues.reduce(0) { $0 + $1.text.utf8.count + 40 })
        if self == .whisperTSV { out += "start\tend\ttext\n" }
        for (k, cue) in cues.enumerated() {
            let speaker = cue.speaker.isEmpty ? "Unknown" : cue.speaker
            switch self {
            case .srt:
                out += "\(k + 1)\n\(clock(cue.start, fraction: ",")) --> \(clock(cue.end, fraction: ","))\n\(speaker): \(cue.text)\n\n"
            case .plainText:
                out += "\(speaker): \(cue.text)\n"
            case .otter:
                out += "\(speaker)  \(otterClock(cue.start))\n\(cue.text)\n\n"
            case .rev:
                out += "\(speaker) (\(clock(cue.start, fraction: nil))):\n\(cue.text)\n\n"
            case .descript:
                out += "[\(clock(cue.start, fraction: nil))] \(speaker): \(cue.text)\n"
            case .premiere:
                out += "\(timecode(cue.start)) - \(timecode(cue.end))\n\(speaker)\n\(cue.text)\n\n"
            case .whisperTSV:
                out += "\(Int((cue.start * 1000).rounded()))\t\(Int((cue.end * 1000).rounded()))\t\(cue.text)\n"
            }
        }
        return out
    }

    private func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }

    /// `hh:mm:ss` with an optional `.mmm` / `,mmm` fraction.
    private func clock(_ t: Double, fraction: String?) -> String {
        let ms = Int((max(0, t) * 1000).rounded())
        let s = ms / 1000
        let base = "\(two(s / 3600)):\(two(s / 60 % 60)):\(two(s % 60))"
        guard let fraction else { return base }
        let f = ms % 1000
        return base + fraction + (f < 10 ? "00\(f)" : f < 100 ? "0\(f)" : "\(f)")
    }

    /// Otter's `m:ss`, `h:mm:ss` past an hour.
    private func otterClock(_ t: Double) -> String {
        let s = Int(max(0, t))
        return s >= 3600 ? "\(s / 3600):\(two(s / 60 % 60)):\(two(s % 60))" : "\(s / 60):\(two(s % 60))"
    }

    /// `hh:mm:ss:ff` at 30 frames per second.
    private func timecode(_ t: Double) -> String {
        let frames = Int((max(0, t) * 30).rounded(.down))
        return clock(Double(frames / 30), fraction: nil) + ":" + two(frames % 30)
    }
}
