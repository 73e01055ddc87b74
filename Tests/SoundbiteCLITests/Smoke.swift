import XCTest
final class SoundbiteCLITestsSmoke: XCTestCase { func testTargetBuilds() { XCTAssertEqual(1 + 1, 2) } }
