import Foundation
import Testing
import TestSupport
@testable import Model
@testable import Reports
@testable import TUI

/// Issue 9, item 4: a count has one definition and one rounding on every screen.
@Suite(.serialized) final class HonestFiguresTUITests: TestCase {
    /// A share delivered is rounded down to one decimal everywhere: 89 of 90 is 98,8 % (not
    /// 98 % on one screen and 98,9 % on another), 1 999 of 2 000 is 99,9 % (never 100 %).
    @Test func testTheDeliveredShareIsTheSameOnEveryScreen() throws {
        let l = L10n(.nb)
        XCTAssertEqual(l.delivered(89.0 / 90 * 100), "98,8 %")
        XCTAssertEqual(l.delivered(1999.0 / 2000 * 100), "99,9 %")
        XCTAssertEqual(l.delivered(100), "100,0 %")
        // The sample's T3 2020: five values are missing (sample-data/README.md); the overview,
        // the reporting screen and the report show the same share for them.
        var d = Driver(width: 120, height: 40, period: .tertial(2020, 3))
        let comp = d.snapshot.completeness(unit: d.snapshot.tree.root, period: .tertial(2020, 3))
        XCTAssertEqual(comp.missing.count, 5)
        let share = l.delivered(comp.percent)
        XCTAssertTrue(share.hasPrefix("94,"), share)
        XCTAssertTrue(d.text.contains("Levert: \(share) (\(comp.reported) av \(comp.due))"), d.text)
        d.press(.char("6"))
        let etat = try XCTUnwrap(Views.panel(d.state, d.snapshot).items.first)
        XCTAssertEqual(etat.cells.last?.text, "\(share) (5)", "\(etat.cells.map(\.text))")
        let report = TertialReport(snapshot: d.snapshot, unit: d.snapshot.tree.root, period: .tertial(2020, 3)).text(markdown: false)
        XCTAssertTrue(report.contains("\(comp.reported) av \(comp.due) verdier levert (\(share))"), report)
    }
}
