import XCTest
final class TUITestsPlaceholder: XCTestCase { func testNothing() {} }
