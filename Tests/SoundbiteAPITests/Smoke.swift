import XCTest
final class SoundbiteAPITestsSmoke: XCTestCase { func testTargetBuilds() { XCTAssertEqual(1 + 1, 2) } }
