import XCTest
@testable import Soundbite

/// A posting's few positions in a chunk not yet unpacked are read straight
/// from the chunk's packed bits (branch phrase7); many, or a chunk already
/// unpacked, come from the unpacked chunk. Both must give what reading the
/// block's values one by one (``Positions/ChunkReader/value(_:)``, which
/// unpacks) gives, whatever was read before in the block.
final class PhrasePositionReadTests: XCTestCase {
    /// Reads every posting reached of `term` in `reader` twice (once into a
    /// `PositionBuffer`, the direct or unpacked read, and once value by value
    /// into an array on a second cursor), stepping `step(i)` documents at a
    /// time, sometimes reading the first position before (so the chunk is
    /// unpacked) or re-reading the posting; returns the postings compared.
    private func compareReads(_ reader: IndexReader, term: Int, seed: UInt64, maxStep: Int) -> Int {
        var rng = SyntheticCorpus.RNG(state: seed)
        let info = reader.info(term)
        let a = PostingCursor(reader: reader, info: info), b = PostingCursor(reader: reader, info: info)
        var buffer = PositionBuffer(capacity: 1)
        defer { buffer.deallocate() }
        var array: [UInt32] = []
        var compared = 0
        var target: UInt32 = 0
        while a.doc != PostingCursor.noMoreDocs {
            target = max(target, a.doc) &+ 1 &+ UInt32(rng.next() % UInt64(maxStep))
            a.advance(to: target)
            b.advance(to: target)
            guard a.doc != PostingCursor.noMoreDocs else { break }
            let mode = rng.next() % 4
            if mode == 1 { _ = a.firstPosition() }
            a.positions(into: &buffer)
            if mode == 2 { a.positions(into: &buffer) }
            b.positions(into: &array)
            XCTAssertEqual(Array(buffer.values), array, "term \(term) doc \(a.doc) mode \(mode)")
            XCTAssertEqual(buffer.count, Int(a.tf))
            XCTAssertFalse(a.isCorrupt)
            compared += 1
        }
        return compared
    }

    /// The synthetic corpus's commonest and rarer terms, steps short (most
    /// postings, chunks read in order) and long (a chunk or two a block).
    func testDirectReadsEqualValueReadsOnTheSyntheticCorpus() {
        let reader = PhraseTests.index.reader
        var compared = 0
        for (n, term) in (PhraseTests.frequent.prefix(6) + PhraseSkipTests.rarer.prefix(4)).enumerated() {
            for maxStep in [1, 3, 40, 400] { compared += compareReads(reader, term: term, seed: UInt64(n * 10 + maxStep), maxStep: maxStep) }
        }
        XCTAssertGreaterThan(compared, 5_000)
    }

    /// Postings of every tf from 1 to 40 (a word repeated, so positions rise
    /// by 1 and by larger gaps), whose values start anywhere in a chunk and
    /// cross chunk ends: some pieces of a posting read directly, some from
    /// the unpacked chunk.
    func testPostingsAcrossChunkEnds() throws {
        let index = TurnsFixture.index(count: 600, passageWords: 100) { i, w in
            let tf = 1 + (i * 7) % 40
            return (0..<tf).map { k in k % 3 == 2 ? "zebra \(w(k))" : "zebra" }.joined(separator: " ")
        }
        let reader = index.reader
        let zebra = try XCTUnwrap(reader.termID(Array("zebra".utf8)))
        XCTAssertEqual(reader.info(zebra).df, 600)
        var compared = 0
        for maxStep in [1, 2, 5, 50] {
            for seed in 1...3 { compared += compareReads(reader, term: zebra, seed: UInt64(seed * 100 + maxStep), maxStep: maxStep) }
        }
        XCTAssertGreaterThan(compared, 2_000)
    }
}
