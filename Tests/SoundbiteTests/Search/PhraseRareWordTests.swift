import XCTest
@testable import Soundbite

/// The rare-word side of a lone phrase's walk (branch phrase4): the words'
/// cursors move by ``PostingCursor/seekDocuments(to:)`` (a binary search in
/// the block, a block's tfs unpacked only when read), the rarest word's candidates have their lengths loaded a block at
/// a time, a candidate whose rarest word lies only in the next passage is
/// tested by that word's first position there before any bound, and,
/// without slop, a later rarest word absent from the next passage bounds
/// the candidate's matches by its own tf there (no `reach` added for the
/// matches across the cut).
final class PhraseRareWordTests: XCTestCase {
    /// `seekDocuments(to:)` lands where `advance(to:)` does and, after
    /// `loadTFs()` when it entered a new block, has the same tf and positions, on the commonest terms (dozens of blocks) and rarer ones,
    /// for steps short and long (within a block and past several).
    func testSeekLandsWhereAdvanceDoes() {
        let reader = PhraseTests.index.reader
        var rng = SyntheticCorpus.RNG(state: 31)
        var landings = 0
        for term in PhraseTests.frequent.prefix(6) + PhraseSkipTests.rarer.prefix(4) {
            let info = reader.info(term)
            for maxStep in [2, 40, 400, 3_000] {
                let a = PostingCursor(reader: reader, info: info), b = PostingCursor(reader: reader, info: info)
                var p = PositionBuffer(), q = PositionBuffer()
                defer { p.deallocate(); q.deallocate() }
                var target: UInt32 = 0
                while a.doc != PostingCursor.noMoreDocs {
                    target = max(target, a.doc) &+ 1 &+ UInt32(rng.next() % UInt64(maxStep))
                    a.advance(to: target)
                    let block = b.block
                    b.seekDocuments(to: target)
                    XCTAssertEqual(b.doc, a.doc, "term \(term) target \(target)")
                    guard a.doc == b.doc, a.doc != PostingCursor.noMoreDocs else { break }
                    XCTAssertEqual(b.block, a.block)
                    if b.block != block { b.loadTFs() }
                    XCTAssertEqual(b.tf, a.tf)
                    a.positions(into: &p)
                    b.positions(into: &q)
                    XCTAssertEqual(Array(q.values), Array(p.values))
                    XCTAssertEqual(b.nextPosting(is: b.doc + 1), a.nextPosting(is: a.doc + 1))
                    landings += 1
                }
            }
        }
        XCTAssertGreaterThan(landings, 2_000)
    }

    /// Cue `i`, by Ann (even `turn`) or Bob: a turn of one cue is a passage
    /// of its own; two cues of one turn, 9 words each and the first ending a
    /// sentence, are two passages of it.
    private static func cue(_ i: Int, _ text: String, turn: Int? = nil) -> Cue {
        let ann = (turn ?? i) % 2 == 0
        return Cue(start: Double(i) * 10, end: Double(i) * 10 + 9, speaker: ann ? "Ann" : "Bob",
                   role: ann ? "guest" : "host", chapter: "One", text: text, line: i + 1)
    }

    /// Passages where the rare word lies in a candidate and in the passage
    /// after it, a match inside the candidate and one across the cut (tf 2
    /// while the rare word's tf there is 1), after two slightly shorter
    /// passages holding one match each: the top k must hold the tf-2
    /// passage, which a bound that left out the matches across the cut would
    /// pass once two are kept. Pruned == exhaustive, k = 1 … 4, several (k1, b).
    func testRareWordInTheNextPassageKeepsTheMatchesAcrossTheCut() throws {
        let filler = ["morning walk in town", "we talked about money", "a long bus ride home",
                      "reading late at night", "music and drama after school"]
        var cues: [Cue] = []
        for i in 0..<300 {
            switch i {
            case 20: cues.append(Self.cue(i, "we saw the zebra by an old gate"))
            case 60: cues.append(Self.cue(i, "then the zebra ran off down a lane"))
            // One turn of two 9-word cues: "the" ends the first passage and "zebra" starts the next.
            case 150: cues.append(Self.cue(i, "one two three the zebra four five six the.", turn: 150))
            case 151: cues.append(Self.cue(i, "zebra seven eight nine ten eleven twelve thirteen fourteen", turn: 150))
            case 200: cues.append(Self.cue(i, "and only the zebra was left there now"))
            default: cues.append(Self.cue(i, filler[i % filler.count] + (i % 3 == 0 ? " the end" : "")))
            }
        }
        let interview = Interview(id: "zoo", path: "zoo.vtt", title: "Zoo", media: "https://example.org/zoo.mp4", cues: cues)
        let index = SearchIndex(building: [InterviewCollection(name: "zoo", interviews: [interview])],
                                options: IndexOptions(passageWords: 9))
        let reader = index.reader
        let tokens = reader.analyzer.analyze("the zebra")
        let terms = try tokens.map { t in
            (term: try XCTUnwrap(reader.termID(Array(t.term.utf8))), offset: t.position - tokens[0].position)
        }
        // The shape the test needs: some passage holds two matches, one across its cut.
        let reference = ReferencePhraseScorer(reader: reader, terms: terms, slop: 0, bm25: BM25(k1: 1.2, b: 0.75, avgdl: reader.avgdl, documentCount: reader.docCount))
        var twice: UInt32?
        while reference.doc != PostingCursor.noMoreDocs {
            var e: [ExplainedTerm] = []
            reference.explain(into: &e)
            if e.first?.tf == 2 { twice = reference.doc }
            reference.next()
        }
        let d = try XCTUnwrap(twice, "a passage with a match inside and one across its cut")
        XCTAssertTrue(reader.continuesTurn(after: d))
        let checked = PhrasePrunedCheck.compare(reader, terms, parameters: [(1.2, 0.75), (2.0, 1.0), (0.9, 0.4)], ks: 1...4) {
            $0.contains { $0.doc == d }
        }
        XCTAssertEqual(checked, 12, "the tf-2 passage is in every top k")
    }
}
