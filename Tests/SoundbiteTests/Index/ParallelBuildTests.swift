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

    private func image(_ old: SearchIndex? = nil, threads: Int, filesPerSegment: Int,
                       paths: [String]? = nil) -> (bytes: [UInt8], report: IndexUpdateReport) {
        let (index, report) = SearchIndex.update(old, paths: paths ?? corpus, options: IndexOptions(threads: threads),
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
        for (threads, files) in [(2, 1), (4, 2)] {
            let updated = image(old, threads: threads, filesPerSegment: files, paths: paths)
            XCTAssertEqual(updated.report.updated, 1)
            XCTAssertEqual(updated.report.removed, 1)
            XCTAssertGreaterThan(updated.report.unchanged, 20)
            XCTAssertTrue(updated.bytes == fresh.bytes, "\(threads) threads, \(files) files per segment")
        }
    }

    /// Appending segments equals adding their interviews to one builder.
    func testAppendingSegmentsEqualsOneBuilder() {
        let collections = corpus.map { CollectionReader().read($0) }
        var one = IndexBuilder()
        var appended = IndexBuilder()
        for (c, collection) in collections.enumerated() {
            var segment = IndexBuilder()
            for (k, interview) in collection.interviews.enumerated() {
                one.add(interview, collection: UInt32(c), warnings: k % 3)
                segment.add(interview, collection: UInt32(c), warnings: k % 3)
                if k % 2 == 1 { appended.append(segment); segment = IndexBuilder() }
            }
            appended.append(segment)
        }
        XCTAssertGreaterThan(one.docs.count, 100)
        XCTAssertTrue(IndexWriter.serialize(one) == IndexWriter.serialize(appended))
    }
}
