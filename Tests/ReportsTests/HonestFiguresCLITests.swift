import Foundation
import XCTest
@testable import Model
@testable import Reports

/// Items of the issue on honest figures that the command line shows.
final class HonestFiguresCLITests: XCTestCase {
    /// A waitlist on a day the data does not cover is refused, not shown as 0 waiting or a
    /// median wait of 3465 days.
    func testWaitlistOutsideTheDataIsRefused() throws {
        for day in ["2030-01-01", "2017-01-01"] {
            let r = try Repo.run(["report", "waitlist", "--at", day])
            XCTAssertEqual(r.status, 64, r.out)
            XCTAssertTrue(r.err.contains("\(day) is outside the data (2018-01-01 to 2020-12-31)"), r.err)
        }
        XCTAssertEqual(try Repo.run(["report", "waitlist", "--at", "2019-12-31"]).status, 0)
    }

    /// Table 7 is the most identifying table: small counts are suppressed like in the tertial report.
    func testWaitlistReportSuppressesSmallCounts() throws {
        let r = try Repo.run(["report", "waitlist", "--at", "2019-12-31", "--suppress-small", "5", "--format", "csv"])
        XCTAssertEqual(r.status, 0, r.err)
        // Table 7: bostedsløs 0, 3, 1, 0 (sum 4); the 3 and 1 and the sum are below 5.
        XCTAssertTrue(r.out.contains("bostedslos;0;<5;<5;0;<5\n"), r.out)
        XCTAssertTrue(r.out.contains("waiting;10;10;13;<5;35\n"), r.out)
        XCTAssertTrue(r.out.contains("median_wait_days;") && r.out.split(separator: "\n").first { $0.hasPrefix("median_wait_days") }!.split(separator: ";")[4] == "..", r.out)
        let text = try Repo.run(["report", "waitlist", "--at", "2019-12-31", "--suppress-small", "5"])
        XCTAssertTrue(text.out.contains("bostedsløse: <5"), text.out)
        XCTAssertFalse(text.out.contains(" 3 "), "no count between 1 and 4 shown: \(text.out)")
    }

    /// ArgumentParser prints the default itself; the help text must not say it again.
    func testHelpSaysEachDefaultOnce() throws {
        for cmd in [["check", "--help"], ["report", "--help"], ["dashboard", "--help"]] {
            let r = try Repo.run(cmd)
            XCTAssertFalse(r.out.contains("(default: sample-data). (default: sample-data)"), r.out)
            XCTAssertFalse(r.out.contains("sample-data).\n") && r.out.components(separatedBy: "(default: sample-data)").count > 2, r.out)
        }
    }
}
