import Foundation
import Testing
import TestSupport
@testable import Model
@testable import Reports
@testable import Store
@testable import TUI

/// The cursor names its row, not its position: after a reload that inserts rows before
/// it, every screen still has the same row selected.
@Suite(.serialized) final class ReloadTests: TestCase {
    /// A copy of the sample data with rows that sort before the ones the tests select:
    /// a new unit "Aaa" first under the etat (due to report, and so missing, with an IP
    /// user and the longest-waiting case), and a new indicator first in the catalogue.
    static let changed: Snapshot = {
        let copy = try! SampleData.copy(prefix: "tertial-reload")
        let dir = copy.path
        func edit(_ rel: String, _ f: (String) -> String) { try! copy.edit(rel, f) }
        edit("units.csv") { $0.replacingOccurrences(of: ";etat;;;;Etaten\n", with: ";etat;;;;Etaten\nph-aaa;Aaa enhet;ephrt;resultatenhet;2018-01-01;;;Aaa\n") }
        edit("indicators.yaml") { $0.replacingOccurrences(of: "indicators:\n", with: "indicators:\n  - id: aaa_first\n    name: Aaa første indikator\n    perspective: Brukere\n    reported_by: [ph-aaa]\n") }
        edit("ip/2019-T3.csv") { $0 + "B99999;ph-aaa;ja;ja;nei;nei;ja;2019-02-04\n" }
        edit("waitlist.csv") { $0 + "VL-2010-0001;ph-aaa;OMBPS4;2009-12-01;2010-01-04;2009-12-20;;;;dps;nei\n" }
        // 200 mapped in 2014, yellow, none with a plan: first on BrukerPlan's list of units.
        edit("brukerplan/2014.csv") { text in
            text + (1...200).map { String(format: "K14A%04d;ph-aaa;26-35;mann;1;2;2;1;2;2;2;gul;nei;nei;nei;nei;nei\n", $0) }.joined()
        }
        let r = Loader(directory: dir).load()
        XCTAssertNotNil(r.dataset, r.diagnostics.errors.map(\.description).joined(separator: "\n"))
        return Engine.compute(r.dataset!)
    }()

    /// Goes to a screen, puts the cursor on the last selectable row, reloads, and checks
    /// that the same row is selected and that rows were inserted before it.
    func check(_ name: String, _ keys: [Key], setUp: (inout Driver) -> Void = { _ in }, file: StaticString = #filePath, line: UInt = #line) {
        var d = Driver(width: 100, height: 30)
        setUp(&d)
        for k in keys { d.send(k) }
        d.send(.end)
        guard let before = d.selected?.key else { return XCTFail("\(name): nothing selected", file: file, line: line) }
        let oldCursor = d.state.top.cursor
        let st = Dashboard.reloaded(d.state, to: ReloadTests.changed)
        XCTAssertEqual(st.stack.map(\.kind), d.state.stack.map(\.kind), name, file: file, line: line)
        let items = Views.panel(st, ReloadTests.changed).items
        XCTAssertEqual(st.top.cursorKey, before, name, file: file, line: line)
        XCTAssertEqual(items.indices.contains(st.top.cursor) ? items[st.top.cursor].key : nil, before, name, file: file, line: line)
        XCTAssertGreaterThan(st.top.cursor, oldCursor, "\(name): no row was inserted before the cursor, so this proves nothing", file: file, line: line)
    }

    @Test func testScorecard() { check("scorecard", [.char("2")]) }
    @Test func testDrillDown() { check("drill", [.char("2"), .enter]) }
    @Test func testWaitingCases() { check("cases", [.char("3"), .down, .down, .enter]) }
    @Test func testIP() { check("ip", [.char("4")]) }
    @Test func testDeviations() { check("deviations", [.char("5")]) }
    @Test func testReporting() { check("reporting", [.char("6")]) }
    @Test func testCompare() { check("compare", [.char("8")]) }
    @Test func testBrukerPlanUnits() { check("brukerplan units", [.char("9"), .enter]) }

    /// The follow-up screen: an action on the new unit is due first, so after the reload it
    /// is listed before the one selected (before it, its unit was not in the data).
    @Test func testFollowUp() {
        check("follow-up", [.char("7")]) { d in
            let stamp = "2026-11-02T09:00:00Z"
            func action(_ id: Int64, _ unit: String, due: Int) -> Entry {
                Entry(id: id, kind: .action, key: Entry.Key(unit: UnitID(unit), indicator: "sick_leave", period: .tertial(2019, 3)), text: "Tiltak \(id)",
                      owner: "leder", due: Day(year: 2027, month: 1, day: due), status: .planned,
                      createdAt: stamp, createdBy: "kari", updatedAt: stamp, updatedBy: "kari")
            }
            d.state.store = .writable("/tmp/reload-test")
            d.state.today = Day(year: 2026, month: 11, day: 30)!
            d.state.followUp = FollowUpBook(entries: [action(1, "ph-arstad", due: 20), action(2, "ph-aaa", due: 5), action(3, "ph-vest", due: 25)], token: 3)
        }
    }

    /// The BrukerPlan screen keeps its chosen year, and the follow-up screen its "all actions",
    /// across a reload (they are the views' own state).
    @Test func testScreenStateSurvivesAReload() {
        var d = Driver(width: 100, height: 30)
        d.press(.char("9"), .char("y"))
        let year = d.text.split(separator: "\n")[2]
        let st = Dashboard.reloaded(d.state, to: ReloadTests.changed)
        XCTAssertEqual(st.top.local, d.state.top.local)
        XCTAssertEqual(Dashboard.render(st, ReloadTests.changed).text.split(separator: "\n")[2].prefix(40), year.prefix(40))
    }

    @Test func testUnitAndIndicatorIdsSurviveAReload() {
        var d = Driver()
        d.press(.char("2"))
        while d.selected?.key != .indicator("ip_coverage") { d.press(.down) }
        d.press(.enter)
        while d.selected?.key != .unit("ph-laksevag") { d.press(.down) }
        let st = Dashboard.reloaded(d.state, to: ReloadTests.changed)
        XCTAssertEqual(st.stack.count, 2)
        XCTAssertEqual(st.top.kind, ViewKind(.scorecard, .drill("ip_coverage")))
        XCTAssertEqual(st.top.cursorKey, .unit("ph-laksevag"))
        XCTAssertNotEqual(ReloadTests.changed.position(IndicatorID("ip_coverage")), d.snapshot.position(IndicatorID("ip_coverage")), "positions shifted")
    }
}
