import XCTest
import Soundbite

/// A client file that imports Soundbite must still be able to write generics
/// over `Swift.Collection` without qualifying it: the library must not
/// declare a type of that name. (This file did not compile while the library
/// had `public struct Collection`.)
final class SwiftCollectionGenericsAPITests: XCTestCase {
    /// Counts the elements of any collection that satisfy `isIncluded`.
    private func count<C: Collection>(_ items: C, where isIncluded: (C.Element) -> Bool) -> Int {
        var n = 0
        for item in items where isIncluded(item) { n += 1 }
        return n
    }

    /// The first and last element of any non-empty bidirectional collection.
    private func ends<C: BidirectionalCollection>(_ items: C) -> (C.Element, C.Element)? {
        guard let first = items.first, let last = items.last else { return nil }
        return (first, last)
    }

    func testSwiftCollectionGenericsCompileNextToSoundbite() throws {
        let collection = InterviewCollection(name: "generics", interviews: [
            Interview(id: "one", cues: [Cue(start: 0, end: 2, speaker: "Ann Lowe", text: "the laptops came home"),
                                        Cue(start: 2, end: 4, speaker: "Ben Ode", text: "and stayed home")]),
        ])
        let index = SearchIndex(building: [collection])
        let results = try index.search("home")
        XCTAssertEqual(count(results.hits) { $0.speaker == "Ann Lowe" }, 1)
        XCTAssertEqual(count(collection.interviews[0].cues) { $0.text.contains("home") }, 2)
        XCTAssertEqual(ends(collection.interviews[0].cues)?.1.speaker, "Ben Ode")
        XCTAssertEqual(count("a b c".split(separator: " ")) { $0 != "b" }, 2)
    }
}
