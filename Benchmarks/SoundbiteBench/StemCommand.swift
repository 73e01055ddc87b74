import Foundation
import Soundbite

/// `soundbite-bench stem`: reads one word per line from standard input and
/// writes the Porter2 stem of each, one per line, in the same order. The
/// words are stemmed as given (no lower-casing, no tokenizing), so the output
/// can be compared line by line with another Snowball implementation (see
/// `Benchmarks/stemmer/compare_stemmer.py`).
func runStem(_ arguments: [String]) -> Int32 {
    if !arguments.isEmpty {
        FileHandle.standardError.write(Data("usage: soundbite-bench stem < words.txt\n".utf8))
        return 2
    }
    let input = FileHandle.standardInput.readDataToEndOfFile()
    let stemmer = EnglishStemmer()
    var output: [UInt8] = []
    output.reserveCapacity(input.count + input.count / 4)
    var word: [UInt8] = []
    input.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
        let bytes = raw.bindMemory(to: UInt8.self)
        var start = 0
        let n = bytes.count
        while start < n {
            var end = start
            while end < n && bytes[end] != 0x0A { end += 1 }
            var stop = end
            if stop > start && bytes[stop - 1] == 0x0D { stop -= 1 }
            word.removeAll(keepingCapacity: true)
            word.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<stop]))
            stemmer.stem(&word)
            output.append(contentsOf: word)
            output.append(0x0A)
            start = end + 1
        }
    }
    FileHandle.standardOutput.write(Data(output))
    return 0
}
