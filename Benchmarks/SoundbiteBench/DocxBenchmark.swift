// soundbite-bench docx --corpus DIR --docx DIR [--runs N]
//
// Reading speed of the Word-document path beside WebVTT's (issue 13), in a
// release build:
// - WebVTT: every transcript of --corpus read by CollectionReader (detection,
//   decoding, parsing, assembly): MB/s of file bytes and files/s;
// - DOCX: every .docx of --docx read the same way: files/s, MB/s of file
//   bytes and of the document text they hold;
// - DEFLATE: the word/document.xml entry of every .docx inflated
//   (ZipArchive, CRC-32 checked): MB/s of inflated output.
// Each figure is the median thread CPU time of --runs runs (the machine is
// shared: CPU time does not count waiting for a core). Make the documents from the
// same corpus first (they stay outside the repository):
//
//     python3 Benchmarks/docx/make_docx_corpus.py /work/shared/corpora/seenunseen /tmp/docx-bench
//     swift run -c release soundbite-bench docx --corpus /work/shared/corpora/seenunseen --docx /tmp/docx-bench

import Foundation
import Soundbite

/// Entry point of the `docx` subcommand.
func runDocxBenchmark(_ arguments: [String]) -> Int32 {
    var corpus = "Corpus"
    var docx: String?
    var runs = 5
    guard readOptions(arguments, usage: "docx --corpus DIR --docx DIR [--runs N]", [
        "--corpus": { corpus = $0 },
        "--docx": { docx = $0 },
        "--runs": { runs = atLeastOne($0, or: runs) },
    ]) else { return 2 }
    guard let docx else {
        FileHandle.standardError.write(Data("docx: --docx DIR is required (make it with Benchmarks/docx/make_docx_corpus.py)\n".utf8))
        return 2
    }
    do { return try DocxBenchmark(corpus: corpus, docx: docx, runs: runs).run() } catch {
        FileHandle.standardError.write(Data("docx benchmark: \(error)\n".utf8))
        return 1
    }
}

private struct DocxBenchmark {
    let corpus: String
    let docx: String
    let runs: Int
    let fm = FileManager.default

    /// The bytes of the files of `folder` whose names pass `keep`.
    func files(_ folder: String, _ keep: (String) -> Bool) throws -> [[UInt8]] {
        try fm.contentsOfDirectory(atPath: folder).filter(keep).sorted().map {
            [UInt8](try Data(contentsOf: URL(fileURLWithPath: folder + "/" + $0)))
        }
    }

    /// Median CPU seconds of reading `folder` with CollectionReader, and the collection.
    func readFolder(_ folder: String) -> (seconds: Double, collection: InterviewCollection) {
        var times: [Double] = []
        var last: InterviewCollection?
        for _ in 0..<runs {
            let (_, cpu, collection) = Measure.both { CollectionReader().read(folder) }
            times.append(cpu)
            last = collection
        }
        return (Measure.median(times), last!)
    }

    func run() throws -> Int32 {
        // Every .vtt is read (chapter tracks with their transcripts), so every one counts its bytes.
        let vttFiles = try files(corpus) { $0.hasSuffix(".vtt") }
        let docxFiles = try files(docx) { $0.hasSuffix(".docx") }
        guard !vttFiles.isEmpty, !docxFiles.isEmpty else {
            FileHandle.standardError.write(Data("docx: no .vtt in \(corpus) or no .docx in \(docx)\n".utf8))
            return 1
        }
        let vttBytes = vttFiles.reduce(0) { $0 + $1.count }
        let docxBytes = docxFiles.reduce(0) { $0 + $1.count }

        let vtt = readFolder(corpus)
        let word = readFolder(docx)
        let textBytes = word.collection.interviews.reduce(0) { total, interview in
            total + interview.cues.reduce(0) { $0 + $1.text.utf8.count + 1 }
        }

        // DEFLATE alone: the document part of every file, inflated and CRC-checked.
        var inflated = 0
        var times: [Double] = []
        for _ in 0..<runs {
            inflated = 0
            let seconds = Measure.cpuSeconds {
                for bytes in docxFiles {
                    if let archive = try? ZipArchive(bytes), let xml = try? archive.contents(of: "word/document.xml") {
                        inflated += xml.count
                    }
                }
            }
            times.append(seconds)
        }
        let deflateSeconds = Measure.median(times)

        func mb(_ bytes: Int, _ seconds: Double) -> String { String(format: "%8.1f MB/s", Double(bytes) / 1e6 / max(seconds, 1e-9)) }
        func perSecond(_ n: Int, _ seconds: Double) -> String { String(format: "%8.0f files/s", Double(n) / max(seconds, 1e-9)) }
        let vttCues = vtt.collection.interviews.reduce(0) { $0 + $1.cues.count }
        let wordCues = word.collection.interviews.reduce(0) { $0 + $1.cues.count }
        print("docx (release, thread CPU time, median of \(runs) runs)")
        print("WebVTT   \(vtt.collection.interviews.count) files, \(vttBytes) bytes, \(vttCues) cues: "
              + "\(mb(vttBytes, vtt.seconds))  \(perSecond(vtt.collection.interviews.count, vtt.seconds))")
        print("DOCX     \(word.collection.interviews.count) files, \(docxBytes) bytes, \(wordCues) turns: "
              + "\(mb(docxBytes, word.seconds)) of .docx, \(mb(textBytes, word.seconds)) of text  \(perSecond(docxFiles.count, word.seconds))")
        print("DEFLATE  \(docxFiles.count) document parts, \(inflated) bytes inflated: \(mb(inflated, deflateSeconds)) of output")
        let problems = word.collection.diagnostics.filter { $0.severity == .error }
        if !problems.isEmpty { print("DOCX errors: \(problems.count), first: \(problems[0])") }
        return problems.isEmpty ? 0 : 1
    }
}
