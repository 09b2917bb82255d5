import Foundation
import Testing

// The tests are run by Swift Testing, so that `swift test` ends with one line that counts
// every test that ran (XCTest's count came first and Swift Testing's "0 tests" last). They
// were written against XCTest's assertions; these functions keep that spelling and record
// a Swift Testing issue at the caller's file and line. Nothing else of XCTest is used.

/// A test class: `setUpWithError()` runs when the test's instance is made (Swift Testing
/// makes one per test); teardown blocks run when it goes away (a test class's own cleanup
/// is its `deinit`).
open class TestCase {
    private var teardownBlocks: [() -> Void] = []
    public required init() throws { try setUpWithError() }
    open func setUpWithError() throws {}
    public func addTeardownBlock(_ block: @escaping () -> Void) { teardownBlocks.append(block) }
    deinit { for b in teardownBlocks.reversed() { b() } }
}

/// Ends the test as skipped, with the reason (shown in the run's output).
public func skip(_ reason: String, fileID: String = #fileID, file: StaticString = #filePath, line: UInt = #line) throws -> Never {
    try Test.cancel(Comment(rawValue: reason), sourceLocation: location(fileID, file, line))
}

func location(_ fileID: String, _ file: StaticString, _ line: UInt) -> SourceLocation {
    SourceLocation(fileID: fileID, filePath: "\(file)", line: Int(line), column: 1)
}

func fail(_ what: String, _ message: String, _ fileID: String, _ file: StaticString, _ line: UInt) {
    Issue.record(Comment(rawValue: message.isEmpty ? what : what + " - " + message), sourceLocation: location(fileID, file, line))
}

/// Evaluates an assertion's operands; an error they throw is the assertion's failure.
func evaluate<T>(_ body: () throws -> T, _ fileID: String, _ file: StaticString, _ line: UInt) -> T? {
    do { return try body() } catch {
        Issue.record(error, Comment(rawValue: "threw \(error)"), sourceLocation: location(fileID, file, line))
        return nil
    }
}

public func XCTFail(_ message: String = "", fileID: String = #fileID, file: StaticString = #filePath, line: UInt = #line) {
    fail("failed", message, fileID, file, line)
}

public func XCTAssertTrue(_ e: @autoclosure () throws -> Bool, _ message: @autoclosure () -> String = "", fileID: String = #fileID, file: StaticString = #filePath, line: UInt = #line) {
    guard let v = evaluate(e, fileID, file, line) else { return }
    if !v { fail("XCTAssertTrue failed", message(), fileID, file, line) }
}

public func XCTAssertFalse(_ e: @autoclosure () throws -> Bool, _ message: @autoclosure () -> String = "", fileID: String = #fileID, file: StaticString = #filePath, line: UInt = #line) {
    guard let v = evaluate(e, fileID, file, line) else { return }
    if v { fail("XCTAssertFalse failed", message(), fileID, file, line) }
}

public func XCTAssertEqual<T: Equatable>(_ a: @autoclosure () throws -> T, _ b: @autoclosure () throws -> T, _ message: @autoclosure () -> String = "",
                                         fileID: String = #fileID, file: StaticString = #filePath, line: UInt = #line) {
    guard let x = evaluate(a, fileID, file, line), let y = evaluate(b, fileID, file, line) else { return }
    if x != y { fail("XCTAssertEqual failed: (\"\(x)\") is not equal to (\"\(y)\")", message(), fileID, file, line) }
}

public func XCTAssertEqual<T: FloatingPoint>(_ a: @autoclosure () throws -> T, _ b: @autoclosure () throws -> T, accuracy: T, _ message: @autoclosure () -> String = "",
                                             fileID: String = #fileID, file: StaticString = #filePath, line: UInt = #line) {
    guard let x = evaluate(a, fileID, file, line), let y = evaluate(b, fileID, file, line) else { return }
    if !(abs(x - y) <= accuracy) { fail("XCTAssertEqual failed: (\"\(x)\") is not equal to (\"\(y)\") +/- (\"\(accuracy)\")", message(), fileID, file, line) }
}

public func XCTAssertNotEqual<T: Equatable>(_ a: @autoclosure () throws -> T, _ b: @autoclosure () throws -> T, _ message: @autoclosure () -> String = "",
                                            fileID: String = #fileID, file: StaticString = #filePath, line: UInt = #line) {
    guard let x = evaluate(a, fileID, file, line), let y = evaluate(b, fileID, file, line) else { return }
    if x == y { fail("XCTAssertNotEqual failed: (\"\(x)\") is equal to (\"\(y)\")", message(), fileID, file, line) }
}

func compare<T: Comparable>(_ a: () throws -> T, _ b: () throws -> T, _ holds: (T, T) -> Bool, _ name: String, _ message: String,
                            _ fileID: String, _ file: StaticString, _ line: UInt) {
    guard let x = evaluate(a, fileID, file, line), let y = evaluate(b, fileID, file, line) else { return }
    if !holds(x, y) { fail("\(name) failed: (\"\(x)\") \(name.dropFirst(8)) (\"\(y)\")", message, fileID, file, line) }
}

public func XCTAssertGreaterThan<T: Comparable>(_ a: @autoclosure () throws -> T, _ b: @autoclosure () throws -> T, _ message: @autoclosure () -> String = "",
                                                fileID: String = #fileID, file: StaticString = #filePath, line: UInt = #line) {
    compare(a, b, >, "XCTAssertGreaterThan", message(), fileID, file, line)
}

public func XCTAssertGreaterThanOrEqual<T: Comparable>(_ a: @autoclosure () throws -> T, _ b: @autoclosure () throws -> T, _ message: @autoclosure () -> String = "",
                                                       fileID: String = #fileID, file: StaticString = #filePath, line: UInt = #line) {
    compare(a, b, >=, "XCTAssertGreaterThanOrEqual", message(), fileID, file, line)
}

public func XCTAssertLessThan<T: Comparable>(_ a: @autoclosure () throws -> T, _ b: @autoclosure () throws -> T, _ message: @autoclosure () -> String = "",
                                             fileID: String = #fileID, file: StaticString = #filePath, line: UInt = #line) {
    compare(a, b, <, "XCTAssertLessThan", message(), fileID, file, line)
}

public func XCTAssertLessThanOrEqual<T: Comparable>(_ a: @autoclosure () throws -> T, _ b: @autoclosure () throws -> T, _ message: @autoclosure () -> String = "",
                                                    fileID: String = #fileID, file: StaticString = #filePath, line: UInt = #line) {
    compare(a, b, <=, "XCTAssertLessThanOrEqual", message(), fileID, file, line)
}

public func XCTAssertNil<T>(_ e: @autoclosure () throws -> T?, _ message: @autoclosure () -> String = "", fileID: String = #fileID, file: StaticString = #filePath, line: UInt = #line) {
    guard let v = evaluate(e, fileID, file, line) else { return }
    if let v { fail("XCTAssertNil failed: \"\(v)\"", message(), fileID, file, line) }
}

public func XCTAssertNotNil<T>(_ e: @autoclosure () throws -> T?, _ message: @autoclosure () -> String = "", fileID: String = #fileID, file: StaticString = #filePath, line: UInt = #line) {
    guard let v = evaluate(e, fileID, file, line) else { return }
    if v == nil { fail("XCTAssertNotNil failed", message(), fileID, file, line) }
}

/// The value, or a recorded failure and a thrown error that ends the test.
public func XCTUnwrap<T>(_ e: @autoclosure () throws -> T?, _ message: @autoclosure () -> String = "", fileID: String = #fileID, file: StaticString = #filePath, line: UInt = #line) throws -> T {
    if let v = try e() { return v }
    fail("XCTUnwrap failed: expected non-nil value of type \"\(T.self)\"", message(), fileID, file, line)
    throw UnwrapFailed()
}

struct UnwrapFailed: Error {}

public func XCTAssertThrowsError<T>(_ e: @autoclosure () throws -> T, _ message: @autoclosure () -> String = "", fileID: String = #fileID, file: StaticString = #filePath,
                                    line: UInt = #line, _ handler: (Error) -> Void = { _ in }) {
    do { _ = try e(); fail("XCTAssertThrowsError failed: did not throw an error", message(), fileID, file, line) }
    catch { handler(error) }
}

/// Test data shared by the test targets.
public enum TestData {
    /// A fødselsnummer whose two mod-11 control digits hold (born 24.03.1985): what the
    /// privacy rules must refuse wherever text is accepted.
    public static func validIdentityNumber() -> String? {
        let w1 = [3, 7, 6, 1, 8, 9, 4, 5, 2], w2 = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2]
        for n in 100...499 {
            let base = [2, 4, 0, 3, 8, 5, n / 100, n / 10 % 10, n % 10]
            var k1 = 11 - zip(base, w1).map(*).reduce(0, +) % 11
            if k1 == 11 { k1 = 0 }
            guard k1 < 10 else { continue }
            var k2 = 11 - zip(base + [k1], w2).map(*).reduce(0, +) % 11
            if k2 == 11 { k2 = 0 }
            guard k2 < 10 else { continue }
            return (base + [k1, k2]).map(String.init).joined()
        }
        return nil
    }
}
