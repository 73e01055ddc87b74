import XCTest
import Soundbite

/// `SearchOptions(limit: 0)` asks for counts alone: no hits, but the total
/// and the facets a search that counts them gives.
final class ZeroLimitAPITests: XCTestCase {
    func testLimitZeroGivesNoHitsButTheTotalAndFacets() throws {
        let index = SearchIndexAPITests.index
        // One-term (block-max), disjunction (MaxScore), conjunction (exhaustive) and filtered queries.
        for query in ["laptops", "laptops dinner", "+laptops +home", "\"the laptops\"", "laptops role:parent"] {
            let full = try index.search(query, options: SearchOptions(limit: 10, countFacets: true))
            XCTAssertGreaterThan(full.total, 0, query)
            for offset in [0, 1, 50] {
                let none = try index.search(query, options: SearchOptions(limit: 0, offset: offset))
                XCTAssertEqual(none.hits.count, 0, query)
                XCTAssertEqual(none.total, full.total, query)
                XCTAssertEqual(none.facets, full.facets, query)
            }
            let exhaustive = try index.search(query, options: SearchOptions(limit: 0, exhaustive: true))
            XCTAssertEqual(exhaustive.total, full.total, query)
            XCTAssertEqual(exhaustive.hits.count, 0, query)
        }
    }
}
