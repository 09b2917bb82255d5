import Foundation
import Testing
import XCTestShim
@testable import Model
@testable import Reports
@testable import TUI

/// The cursor names its row, not its position: after a reload that inserts rows before
/// it, every screen still has the same row selected.
@Suite(.serialized) final class ReloadTests: TestCase {
    /// A copy of the sample data with rows that sort before the ones the tests select:
    /// a new unit "Aaa" first under the etat (due to report, and so missing, with an IP
    /// user and the longest-waiting case), and a new indicator first in the catalogue.
    static let changed: Snapshot = {
        let dir = NSTemporaryDirectory() + "tertial-reload-" + UUID().uuidString
        try! FileManager.default.copyItem(atPath: Sample.directory, toPath: dir)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        func edit(_ rel: String, _ f: (String) -> String) {
            let path = dir + "/" + rel
            try! f(try! String(contentsOfFile: path, encoding: .utf8)).write(toFile: path, atomically: true, encoding: .utf8)
        }
        edit("units.csv") { $0.replacingOccurrences(of: ";etat;;;;Etaten\n", with: ";etat;;;;Etaten\nph-aaa;Aaa enhet;ephrt;resultatenhet;2018-01-01;;;Aaa\n") }
        edit("indicators.yaml") { $0.replacingOccurrences(of: "indicators:\n", with: "indicators:\n  - id: aaa_first\n    name: Aaa første indikator\n    perspective: Brukere\n    reported_by: [ph-aaa]\n") }
        edit("ip/2019-T3.csv") { $0 + "B99999;ph-aaa;ja;ja;nei;nei;ja;2019-02-04\n" }
        edit("waitlist.csv") { $0 + "VL-2010-0001;ph-aaa;OMBPS4;2009-12-01;2010-01-04;2009-12-20;;;;dps;nei\n" }
        let r = Loader(directory: dir).load()
        XCTAssertNotNil(r.dataset, r.diagnostics.errors.map(\.description).joined(separator: "\n"))
        return Engine.compute(r.dataset!)
    }()

    /// Goes to a screen, puts the cursor on the last selectable row, reloads, and checks
    /// that the same row is selected and that rows were inserted before it.
    func check(_ name: String, _ keys: [Key], file: StaticString = #filePath, line: UInt = #line) {
        var d = Driver(width: 100, height: 30)
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
