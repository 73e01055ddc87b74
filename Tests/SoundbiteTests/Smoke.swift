import XCTest
final class SoundbiteTestsSmoke: XCTestCase { func testTargetBuilds() { XCTAssertEqual(1 + 1, 2) } }
