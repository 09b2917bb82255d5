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

@Suite(.serialized) final class OverlayEdgeTests: TestCase {
    /// A box drawn over a list (the help, the unit picker) hides the list under it: its
    /// edges are whole and no scroll or column mark of the list shows on them or in
    /// their padding.
    @Test func testBoxesOverListsHideTheListsMarks() {
        for (w, h) in [(80, 24), (100, 30), (160, 48)] {
            for screen in ["2", "5", "8"] {
                for open in ["?", "u"] {
                    var d = Driver(width: w, height: h)
                    d.type(screen)
                    d.type(open)
                    let rows = d.text.split(separator: "\n", omittingEmptySubsequences: false).map { Array(String($0)) }
                    guard let top = rows.firstIndex(where: { $0.contains("┌") }), let left = rows[top].firstIndex(of: "┌"),
                          let right = rows[top].lastIndex(of: "┐") else { XCTFail("\(w)x\(h) \(screen)\(open): no box"); continue }
                    guard let bottom = rows.indices.first(where: { $0 > top && rows[$0].count > left && rows[$0][left] == "└" }) else {
                        XCTFail("\(w)x\(h) \(screen)\(open): no bottom edge"); continue
                    }
                    for r in (top + 1)..<bottom {
                        XCTAssertEqual(rows[r][left], "│", "\(w)x\(h) screen \(screen) \(open) row \(r): \(String(rows[r]))")
                        XCTAssertEqual(rows[r].count > right ? rows[r][right] : " ", "│", "\(w)x\(h) screen \(screen) \(open) row \(r): \(String(rows[r]))")
                        // The padding inside each edge is blank: a list's mark would land there.
                        XCTAssertEqual(rows[r][left + 1], " ", "\(w)x\(h) screen \(screen) \(open) row \(r): \(String(rows[r]))")
                        XCTAssertEqual(rows[r][right - 1], " ", "\(w)x\(h) screen \(screen) \(open) row \(r): \(String(rows[r]))")
                    }
                }
            }
        }
    }
}

@Suite(.serialized) final class ASCIIColumnTests: TestCase {
    /// On an ASCII terminal a cut cell ends in one "." inside its column: it never runs
    /// into the next column ("Soknader behandlet..Etaten").
    @Test func testACutCellKeepsItsColumnInASCII() throws {
        let runTogether = try Regex("[^ .]\\.\\.[A-Za-z]")
        for (w, h) in [(80, 24), (100, 30)] {
            for screen in ["1", "2", "3", "4", "5", "6", "7", "8", "9"] {
                var d = Driver(width: w, height: h, unicode: false)
                d.type(screen)
                for line in d.text.split(separator: "\n") {
                    XCTAssertNil(String(line).firstMatch(of: runTogether), "\(w)x\(h) screen \(screen): \(line)")
                }
            }
        }
    }
}
