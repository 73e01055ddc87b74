import Foundation
import XCTest
@testable import Soundbite

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Helpers shared by the storage and update tests.
enum StorageFixtures {
    /// Queries covering every query form: terms, must/must-not, boolean,
    /// phrase, proximity, prefix, fuzzy, fields.
    static let queries = [
        "laptops", "laptops home", "+parents -dinner", "school AND (broadband OR video) NOT exams",
        "\"the laptops\"", "\"parents home\"~3", "lapt*", "schol~", "teacher~1", "role:parent laptops",
        "chapter:\"use of ict\" computers", "school:hillside learning", "naïve café", "zoë", "ICT Ofsted",
        "the", "a to and of", "really actually obviously", "wonderful difficult", "nothingmatchesthis",
    ]

    /// One answer: the top hits as (document, score, interview, start) per query.
    struct Answer: Equatable {
        var hits: [[String]]
    }

    /// The top 10 of every query, with exact scores.
    static func answers(_ index: SearchIndex) -> [[String]] {
        queries.map { q in
            guard let r = try? index.search(q, options: SearchOptions(limit: 10)) else { return ["error"] }
            return ["total=\(r.total)"] + r.hits.map { "\($0.document) \($0.score.bitPattern) \($0.interview) \($0.start) \($0.text.utf8.count)" }
        }
    }

    /// Runs every query and reads every stored record, ignoring the results:
    /// on a damaged image this must neither crash nor hang.
    static func exercise(_ index: SearchIndex) {
        for q in queries { _ = try? index.search(q, options: SearchOptions(limit: 10, explain: true, context: 1)) }
        _ = index.statistics
        for d in 0..<min(index.documentCount, 200) { _ = index.document(d) }
        for id in index.interviewIDs.prefix(5) { _ = index.transcript(of: id) }
    }

    /// A small in-memory index (a few kB).
    static func smallIndex(interviews: Int = 3, cues: Int = 12, seed: UInt64 = 7) -> SearchIndex {
        SearchIndex(building: [SyntheticCorpus.collection(interviews: interviews, cuesEach: cues, seed: seed)])
    }

    /// The image of an index as bytes.
    static func bytes(_ index: SearchIndex) -> [UInt8] { Array(index.image) }

    /// Opens an image held in memory the way a file is opened.
    static func open(_ bytes: [UInt8], verify: Bool) throws(StorageError) -> SearchIndex {
        try SearchIndex(storage: ByteStorage(copying: bytes), path: "test.sbx", verifying: verify)
    }
}

/// A file layer that fails its `failAt`-th call (counting create, write,
/// sync, rename and openDirectory, from 1), like a crash or an I/O error
/// at that point; every other call goes to POSIX.
final class FailingFileLayer: FileLayer, @unchecked Sendable {
    let failAt: Int
    private(set) var calls = 0
    /// The operations seen, in order ("create", "write", "sync", "rename", "openDirectory").
    private(set) var log: [String] = []
    private let posix = PosixFileLayer()

    init(failAt: Int) { self.failAt = failAt }

    private func tick(_ operation: String, _ path: String) throws(StorageError) {
        calls += 1
        log.append(operation)
        if calls == failAt { throw .io(path: path, operation: operation, errno: EIO) }
    }

    func create(_ path: String) throws(StorageError) -> Int32 { try tick("create", path); return try posix.create(path) }
    func write(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, path: String) throws(StorageError) -> Int {
        try tick("write", path)
        return try posix.write(fd, bytes, path: path)
    }
    func sync(_ fd: Int32, path: String) throws(StorageError) { try tick("sync", path); try posix.sync(fd, path: path) }
    func close(_ fd: Int32) { posix.close(fd) }
    func rename(_ from: String, _ to: String) throws(StorageError) { try tick("rename", to); try posix.rename(from, to) }
    func openDirectory(_ path: String) throws(StorageError) -> Int32 { try tick("openDirectory", path); return try posix.openDirectory(path) }
    func remove(_ path: String) { posix.remove(path) }
}

/// A file layer whose disk fills up after `capacity` bytes: the write that
/// crosses it writes what fits, the next fails with ENOSPC.
final class FullDiskFileLayer: FileLayer, @unchecked Sendable {
    let capacity: Int
    private(set) var written = 0
    private let posix = PosixFileLayer()

    init(capacity: Int) { self.capacity = capacity }

    func create(_ path: String) throws(StorageError) -> Int32 { try posix.create(path) }
    func write(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, path: String) throws(StorageError) -> Int {
        let room = capacity - written
        guard room > 0 else { throw .io(path: path, operation: "write", errno: ENOSPC) }
        let n = min(room, bytes.count)
        let w = try posix.write(fd, UnsafeRawBufferPointer(rebasing: bytes[0..<n]), path: path)
        written += w
        return w
    }
    func sync(_ fd: Int32, path: String) throws(StorageError) { try posix.sync(fd, path: path) }
    func close(_ fd: Int32) { posix.close(fd) }
    func rename(_ from: String, _ to: String) throws(StorageError) { try posix.rename(from, to) }
    func openDirectory(_ path: String) throws(StorageError) -> Int32 { try posix.openDirectory(path) }
    func remove(_ path: String) { posix.remove(path) }
}
