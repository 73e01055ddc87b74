// soundbite-bench textblocks --corpus DIR [--runs N] [--sizes KiB,...] [--chains N,...]
//
// The stored-text block codec (LZBlock) on a corpus's passage texts, cut
// into blocks of whole passages the way the index cuts them: per block size
// and match-finder depth, the compressed size and ratio, compression and
// decompression speed (thread CPU, MB/s of uncompressed text) and the time
// to decompress one block (what a snippet of a hit in an uncached block
// costs). Build in release:
//
//     swift run -c release --scratch-path .build-release soundbite-bench textblocks \
//         --corpus /work/shared/corpora/seenunseen

import Foundation
import Soundbite

/// Entry point of the `textblocks` subcommand.
func runTextBlockBenchmark(_ arguments: [String]) -> Int32 {
    var corpus = "Corpus"
    var runs = 5
    var sizes = [8, 16, 32, 64, 128]
    var chains = [8, 24, 64]
    func list(_ s: String) -> [Int] { s.split(separator: ",").compactMap { Int($0) }.filter { $0 > 0 } }
    guard readOptions(arguments, usage: "textblocks --corpus DIR [--runs N] [--sizes KiB,...] [--chains N,...]", [
        "--corpus": { corpus = $0 },
        "--runs": { runs = atLeastOne($0, or: runs) },
        "--sizes": { sizes = list($0) },
        "--chains": { chains = list($0) },
    ]) else { return 2 }
    let index = SearchIndex(building: [CollectionReader().read(corpus)])
    let texts = (0..<index.documentCount).map { index.document($0).map { Array($0.passage.text.utf8) } ?? [] }
    let total = texts.reduce(0) { $0 + $1.count }
    print("corpus \(corpus): \(texts.count) passages, \(total) bytes of text; \(runs) runs, medians, thread CPU")
    print("block KiB  chain  blocks  compressed   ratio  compress MB/s  decompress MB/s  µs per block")
    for kib in sizes {
        let blocks = StoredTextBlocking.blocks(of: texts, target: kib * 1024)
        for chain in chains {
            var encoder = LZBlockEncoder(maxChain: chain)
            var packed: [[UInt8]] = []
            let compress = (0..<runs).map { _ in
                Measure.cpuSeconds { packed = blocks.map { encoder.compress($0) } }
            }
            let compressed = packed.reduce(0) { $0 + $1.count }
            var check = 0
            let decompress = (0..<runs).map { _ in
                Measure.cpuSeconds {
                    for (b, block) in packed.enumerated() {
                        let out = block.withUnsafeBytes { try? LZBlock.decompress($0, count: blocks[b].count) }
                        check &+= out?.count ?? -1_000_000
                    }
                }
            }
            precondition(check == total * runs, "a block did not decompress")
            let mb = Double(total) / 1e6
            print(String(format: "%9d  %5d  %6d  %10d  %6.2f  %13.0f  %15.0f  %12.1f", kib, chain, blocks.count,
                         compressed, Double(total) / Double(max(1, compressed)), mb / Measure.median(compress),
                         mb / Measure.median(decompress), Measure.median(decompress) * 1e6 / Double(max(1, blocks.count))))
        }
    }
    return 0
}

/// Passages grouped into blocks of about `target` bytes, as the index groups them.
enum StoredTextBlocking {
    static func blocks(of texts: [[UInt8]], target: Int) -> [[UInt8]] {
        var result: [[UInt8]] = []
        var current: [UInt8] = []
        for t in texts {
            current.append(contentsOf: t)
            if current.count >= target { result.append(current); current = [] }
        }
        if !current.isEmpty { result.append(current) }
        return result
    }
}
