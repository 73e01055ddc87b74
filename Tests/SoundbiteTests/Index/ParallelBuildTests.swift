import XCTest
@testable import Soundbite
import SoundbiteTestSupport

/// The parallel build: segments indexed on their own and appended in order
/// give the same index file, byte for byte, whatever the thread count and
/// the segment size.
final class ParallelBuildTests: XCTestCase {
    private var corpus: [String] {
        ["innovative-schools", "redesigning-schooling"].map { ReadmeExamples.packageRoot + "/Corpus/" + $0 }
    }

    private func image(_ old: SearchIndex? = nil, threads: Int, filesPerSegment: Int, budget: Int = .max,
                       paths: [String]? = nil) -> (bytes: [UInt8], report: IndexUpdateReport) {
        let (index, report) = SearchIndex.update(old, paths: paths ?? corpus,
                                                 options: IndexOptions(threads: threads, memoryBudget: budget),
                                                 reader: CollectionReader(), filesPerSegment: filesPerSegment)
        return (Array(index.reader.storage.bytes), report)
    }

    func testTheFileIsTheSameWhateverTheThreadCountAndSegmentSize() throws {
        let reference = image(threads: 1, filesPerSegment: .max)
        XCTAssertGreaterThan(reference.report.added, 20, "the corpus is too small to split")
        for (threads, files) in [(1, 1), (2, 1), (2, 4), (4, 1), (4, 3), (3, 2)] {
            let other = image(threads: threads, filesPerSegment: files)
            XCTAssertEqual(other.bytes.count, reference.bytes.count, "\(threads) threads, \(files) files per segment")
            XCTAssertTrue(other.bytes == reference.bytes, "\(threads) threads, \(files) files per segment")
            XCTAssertEqual(other.report.diagnostics.map(\.description), reference.report.diagnostics.map(\.description))
            XCTAssertEqual(other.report.skipped, reference.report.skipped)
            XCTAssertEqual(other.report.added, reference.report.added)
        }
    }

    /// An update that keeps some interviews and reads others, on several
    /// threads, equals a fresh one-thread build.
    func testAParallelUpdateEqualsAFreshBuild() throws {
        let temp = try TemporaryFolder("parallel")
        defer { temp.remove() }
        try temp.copy(ReadmeExamples.packageRoot + "/Corpus", to: "Corpus")
        let paths = ["innovative-schools", "redesigning-schooling"].map { temp.path + "/Corpus/" + $0 }
        let first = image(threads: 1, filesPerSegment: .max, paths: paths)
        let old = SearchIndex(image: first.bytes)
        let changed = temp.path + "/Corpus/innovative-schools/riverside/04-learning-outcomes.vtt"
        let text = try String(contentsOfFile: changed, encoding: .utf8)
        try (text + "\n99:00:00.000 --> 99:00:04.000\nA brand new closing remark about the orchard.\n").write(toFile: changed, atomically: false, encoding: .utf8)
        try FileManager.default.removeItem(atPath: temp.path + "/Corpus/redesigning-schooling/07-student-voice.txt")
        let fresh = image(threads: 1, filesPerSegment: .max, paths: paths)
        for (threads, files, budget) in [(2, 1, Int.max), (4, 2, Int.max), (2, 1, 0), (1, 3, 20_000)] {
            let updated = image(old, threads: threads, filesPerSegment: files, budget: budget, paths: paths)
            XCTAssertEqual(updated.report.updated, 1)
            XCTAssertEqual(updated.report.removed, 1)
            XCTAssertGreaterThan(updated.report.unchanged, 20)
            XCTAssertTrue(updated.bytes == fresh.bytes, "\(threads) threads, \(files) files per segment, budget \(budget)")
        }
    }

    /// A tiny memory budget moves the postings to disk after every segment
    /// (many runs, merged when the file is laid out): the file is the same.
    func testTheFileIsTheSameWhateverTheMemoryBudget() {
        let reference = image(threads: 1, filesPerSegment: .max)
        for (threads, files, budget) in [(1, 1, 0), (2, 1, 0), (2, 2, 50_000), (1, 4, 400_000)] {
            let other = image(threads: threads, filesPerSegment: files, budget: budget)
            XCTAssertTrue(other.bytes == reference.bytes, "\(threads) threads, \(files) files per segment, budget \(budget)")
        }
    }

    /// Runs on disk hold what was spilled: a builder spilling after every
    /// interview holds little in memory, and the merge gives back every term.
    func testSpilledRunsComeBackInTermOrder() {
        let collections = corpus.map { CollectionReader().read($0) }
        var spilled = IndexBuilder()
        spilled.memoryBudget = 0
        var plain = IndexBuilder()
        for (c, collection) in collections.enumerated() {
            for interview in collection.interviews {
                spilled.add(interview, collection: UInt32(c), warnings: 0)
                spilled.spillIfOverBudget()
                plain.add(interview, collection: UInt32(c), warnings: 0)
            }
        }
        XCTAssertGreaterThan(spilled.runs?.runs.count ?? 0, 20)
        XCTAssertLessThan(spilled.terms.count, plain.terms.count / 4)
        var merged: [(String, Int, Int)] = []
        spilled.forEachTermInByteOrder { term, p in merged.append((String(decoding: term, as: UTF8.self), p.docs.count, p.positions.count)) }
        var expected: [(String, Int, Int)] = []
        plain.forEachTermInByteOrder { term, p in expected.append((String(decoding: term, as: UTF8.self), p.docs.count, p.positions.count)) }
        XCTAssertEqual(merged.count, plain.terms.count)
        XCTAssertTrue(merged.elementsEqual(expected, by: { $0 == $1 }))
        XCTAssertTrue(IndexWriter.serialize(spilled) == IndexWriter.serialize(plain))
    }

    /// Appending segments equals adding their interviews to one builder.
    func testAppendingSegmentsEqualsOneBuilder() {
        let collections = corpus.map { CollectionReader().read($0) }
        var one = IndexBuilder()
        var appended = IndexBuilder()
        for (c, collection) in collections.enumerated() {
            var segment = IndexBuilder.segment()
            for (k, interview) in collection.interviews.enumerated() {
                one.add(interview, collection: UInt32(c), warnings: k % 3)
                segment.add(interview, collection: UInt32(c), warnings: k % 3)
                // Every other segment grouped where it was built, as a build does; the rest by `append`.
                if k % 4 == 1 { segment.groupPostingLog() }
                if k % 2 == 1 { appended.append(segment); segment = IndexBuilder.segment() }
            }
            appended.append(segment)
        }
        XCTAssertGreaterThan(one.docs.count, 100)
        XCTAssertTrue(IndexWriter.serialize(one) == IndexWriter.serialize(appended))
    }
}
