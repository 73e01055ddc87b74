import Foundation
import Soundbite

/// `soundbite-bench cues FILE...`: reads each transcript file (or collection
/// folder) as the indexer does (through ``CollectionReader``) and prints one
/// JSON object per line: `{"file": …, "cues": [{"start", "end", "speaker",
/// "role", "chapter", "line", "text"}, …], "diagnostics": ["file:line:
/// warning: …", …]}`. For checkers that compare what Soundbite reads with
/// another parser's answer (`Benchmarks/webvtt/check_wpt.py`), and for
/// before/after dumps of a corpus when a reader changes (`diff` the output).
func runCues(_ arguments: [String]) -> Int32 {
    guard !arguments.isEmpty, !arguments.contains(where: { $0.hasPrefix("-") }) else {
        FileHandle.standardError.write(Data("usage: soundbite-bench cues FILE...\n".utf8))
        return 2
    }
    let reader = CollectionReader()
    for file in arguments {
        let collection = reader.read(file)
        let cues: [[String: Any]] = collection.interviews.flatMap(\.cues).map {
            ["start": $0.start, "end": $0.end, "speaker": $0.speaker, "role": $0.role, "chapter": $0.chapter,
             "line": $0.line, "text": $0.text]
        }
        let object: [String: Any] = ["file": file, "cues": cues, "diagnostics": collection.diagnostics.map(\.description)]
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) else { return 1 }
        FileHandle.standardOutput.write(data + Data("\n".utf8))
    }
    return 0
}
