import XCTest
@testable import Soundbite
import SoundbiteTestSupport

/// The shortcuts of a hit's fields give what the long way gives: the media
/// fragment written as bytes is the one string interpolation wrote, and the
/// best cue found without stemming (every match in one cue) is the cue the
/// distinct-term count picks.
final class HitFieldsTests: XCTestCase {
    /// The media fragment's seconds as they were written before, by interpolation.
    static func referenceSeconds(_ t: Double) -> String {
        let ms = Int((max(0, t) * 1000).rounded())
        var s = "\(ms / 1000)"
        if ms % 1000 != 0 {
            var frac = String(ms % 1000)
            frac = String(repeating: "0", count: 3 - frac.count) + frac
            while frac.hasSuffix("0") { frac.removeLast() }
            s += "." + frac
        }
        return s
    }

    func testSecondsAreWrittenAsInterpolationWroteThem() {
        var values: [Double] = [0, -3, 0.0004, 0.0005, 0.001, 0.01, 0.05, 0.1, 0.5, 0.999, 0.9995, 1, 1.5, 9.99,
                                10, 59.94, 100.05, 1125.54, 2008.96, 3599.999, 86_400, 123_456_789.012, 1e15]
        var random = SplitMix64(seed: 15)
        for _ in 0..<5_000 { values.append(Double(random.next() % 100_000_000) / Double([1, 10, 100, 1000, 7][Int(random.next() % 5)])) }
        for t in values {
            XCTAssertEqual(Searcher.seconds(t), Self.referenceSeconds(t), "\(t)")
            XCTAssertEqual(Searcher.timeFragment(t), "#t=" + Self.referenceSeconds(t), "\(t)")
        }
    }

    /// ``HitBuilder/bestCue(_:matched:tokens:utf8:analyzer:scratch:)`` as it
    /// was: every matched word stemmed, distinct terms counted per cue.
    static func referenceBestCue(_ cues: [CueRecord], matched: [Int], tokens: [Token], utf8: UnsafeBufferPointer<UInt8>,
                                 analyzer: Analyzer) -> CueRecord? {
        guard !cues.isEmpty, !matched.isEmpty else { return nil }
        var scratch: [UInt8] = []
        var terms: [[UInt8]] = [], cueOf: [Int] = []
        for t in matched {
            var term: [UInt8]?
            analyzer.forEachTerm(in: UnsafeBufferPointer(rebasing: utf8[tokens[t].start..<tokens[t].end]), scratch: &scratch) { _, bytes in
                if term == nil { term = Array(bytes) }
            }
            terms.append(term ?? [])
            cueOf.append(QuoteCollector.cueIndex(of: UInt32(tokens[t].position), in: cues))
        }
        var counts = [Int](repeating: 0, count: cues.count)
        for m in matched.indices where !(0..<m).contains(where: { cueOf[$0] == cueOf[m] && terms[$0] == terms[m] }) {
            counts[cueOf[m]] += 1
        }
        return cues[counts.firstIndex(of: counts.max()!)!]
    }

    func testBestCueIsTheCueWithTheMostDistinctMatchedTerms() {
        var random = SplitMix64(seed: 1_515)
        var checked = 0, oneCue = 0
        for analyzer in HitBuilderTests.analyzers {
            for text in HitBuilderTests.texts {
                var copy = text
                copy.withUTF8 { utf8 in
                    var tokens: [Token] = [], scratch: [UInt8] = []
                    HitBuilder.layout(utf8, analyzer: analyzer, into: &tokens, scratch: &scratch)
                    guard !tokens.isEmpty else { return }
                    let last = tokens.last!.position
                    for _ in 0..<6 {
                        // Cues starting at random positions (the first at 0); matches a random subset.
                        var firsts = [0]
                        for p in 1...max(1, last) where random.next() % 4 == 0 { firsts.append(p) }
                        let cues = firsts.enumerated().map { CueRecord(start: Double($0.offset), end: Double($0.offset) + 0.5,
                                                                       textStart: 0, firstPosition: UInt32($0.element)) }
                        let share = [1, 2, 3, 8][Int(random.next() % 4)]
                        let matched = tokens.indices.filter { _ in random.next() % UInt64(share) == 0 }
                        let cueOf = Set(matched.map { QuoteCollector.cueIndex(of: UInt32(tokens[$0].position), in: cues) })
                        if cueOf.count == 1 { oneCue += 1 }
                        XCTAssertEqual(HitBuilder.bestCue(cues, matched: matched, tokens: tokens, utf8: utf8, analyzer: analyzer,
                                                          scratch: &scratch),
                                       Self.referenceBestCue(cues, matched: matched, tokens: tokens, utf8: utf8, analyzer: analyzer),
                                       "\(analyzer.signature): \(text) cues \(firsts) matched \(matched)")
                        checked += 1
                    }
                }
            }
        }
        // Both ways were taken: matches in one cue and across several.
        XCTAssertGreaterThan(oneCue, 50)
        XCTAssertGreaterThan(checked - oneCue, 50)
    }
}
