import XCTest
final class ReportsTestsPlaceholder: XCTestCase { func testNothing() {} }
