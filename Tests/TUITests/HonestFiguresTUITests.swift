import Foundation
import Testing
import TestSupport
@testable import Model
@testable import Reports
@testable import TUI

/// Issue 9, item 4: a count has one definition and one rounding on every screen.
@Suite(.serialized) final class HonestFiguresTUITests: TestCase {
    /// One rounding for every share (issue 23, 2): to the nearest tenth, so 89 of 94 is 94,7 %
    /// on the overview, screen 6 and both places in the report (the report's summary said
    /// 94,6 % and its own table 94,7 %); rounded down only where it would otherwise read
    /// 100,0 % for less than all (1 999 of 2 000 is 99,9 %).
    @Test func testTheDeliveredShareIsTheSameOnEveryScreen() throws {
        let l = L10n(.nb)
        XCTAssertEqual(l.percent(89.0 / 94 * 100), "94,7 %")
        XCTAssertEqual(l.percent(89.0 / 90 * 100), "98,9 %")
        XCTAssertEqual(l.percent(1999.0 / 2000 * 100), "99,9 %")
        XCTAssertEqual(l.percent(99.96), "99,9 %")
        XCTAssertEqual(l.percent(100), "100,0 %")
        XCTAssertEqual(l.percent(103.14), "103,1 %")
        // The sample's T3 2020: five values are missing (sample-data/README.md); the overview,
        // the reporting screen and the report show the same share for them.
        var d = Driver(width: 120, height: 40, period: .tertial(2020, 3))
        let comp = d.snapshot.completeness(unit: d.snapshot.tree.root, period: .tertial(2020, 3))
        XCTAssertEqual(comp.missing.count, 5)
        XCTAssertEqual([comp.reported, comp.due], [89, 94])
        let share = "94,7 %"
        XCTAssertTrue(d.text.contains("Levert: \(share) (\(comp.reported) av \(comp.due) verdier)"), d.text)
        // Each count says what it counts (issue 23, 6): the status tile counts indicators (no
        // indicator of the etat is missing: its totals are incomplete), the reporting tile
        // values (five of them, from the units).
        XCTAssertTrue(d.text.contains("Indikatorer etter status · Etaten"), d.text)
        XCTAssertTrue(d.text.contains("verdier mangler") || d.text.contains("verdi mangler"), d.text)
        d.press(.char("6"))
        let etat = try XCTUnwrap(Views.panel(d.state, d.snapshot).items.first)
        XCTAssertEqual(etat.cells.last?.text, "\(share) (5)", "\(etat.cells.map(\.text))")
        let report = TertialReport(snapshot: d.snapshot, unit: d.snapshot.tree.root, period: .tertial(2020, 3)).text(markdown: false)
        XCTAssertTrue(report.contains("\(comp.reported) av \(comp.due) verdier levert (\(share))"), report)
        // The report's table of units says the same for the etat.
        XCTAssertTrue(report.split(separator: "\n").contains { $0.contains("Etat for psykisk helse") && $0.hasSuffix("89  94   \(share)") }, report)
    }
}
