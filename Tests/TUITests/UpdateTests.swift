import XCTest
@testable import Model
@testable import Reports
@testable import TUI

final class UpdateTests: XCTestCase {
    func testStartsOnTheOverviewOfTheEtat() {
        let d = Driver()
        XCTAssertEqual(d.state.stack.count, 1)
        XCTAssertEqual(d.state.top.kind, .overview)
        XCTAssertEqual(d.state.top.unit, d.snapshot.tree.root)
        XCTAssertEqual(d.state.period, .tertial(2019, 3))
        XCTAssertEqual(Driver(period: nil).state.period, .tertial(2020, 3), "default: the latest tertial")
    }

    func testDrillFromScorecardToFyllingsdalensStoredZero() {
        var d = Driver()
        d.press(.char("2"), .char("/"))
        d.type("brukererfaring")
        d.press(.enter)
        XCTAssertEqual(d.state.top.kind, .scorecard)
        XCTAssertEqual(d.state.top.filter, "brukererfaring")
        XCTAssertEqual(d.selected?.key, "staff_user_experience")
        d.press(.enter)
        let staff = d.snapshot.dataset.indicatorIndex["staff_user_experience"]!
        XCTAssertEqual(d.state.top.kind, .drill(indicator: staff))
        XCTAssertEqual(d.selected?.key, "ephrt")
        // The etat's total 17 against 54, built on the 0.
        XCTAssertTrue(d.text.contains("Σ Etaten"))
        let total = d.text.split(separator: "\n").first { $0.contains("Σ Etaten") }!
        XCTAssertTrue(total.contains(" 17 ") && total.contains(" 54 ") && total.contains("rød"), String(total))
        while d.selected?.key != "ph-fyllingsdalen" { d.press(.down) }
        d.press(.enter)
        XCTAssertEqual(d.state.top.kind, .history(indicator: staff))
        XCTAssertEqual(d.state.top.unit, d.snapshot.tree.index["ph-fyllingsdalen"])
        let t3 = d.text.split(separator: "\n").first { $0.hasPrefix(" T3 2019") }!
        XCTAssertTrue(t3.contains(" 0 ") && t3.contains("⚠"), String(t3))
        XCTAssertTrue(d.text.contains("verdien falt til 0 fra en stabil serie (typisk 12)"))
        XCTAssertEqual(Dashboard.breadcrumb(d.state, d.snapshot), ["Etaten", "Ansatte med brukererfaring", "Fyllingsdalen"])
        // Back twice: the scorecard, cursor where it was.
        d.press(.escape, .escape)
        XCTAssertEqual(d.state.top.kind, .scorecard)
        XCTAssertEqual(d.selected?.key, "staff_user_experience")
        d.press(.escape)
        XCTAssertEqual(d.state.top.kind, .overview)
    }

    func testPeriodKeysStepThroughTertialsAndStopAtTheEnds() {
        var d = Driver()
        d.press(.char("]"))
        XCTAssertEqual(d.state.period, .tertial(2020, 1))
        d.press(.char("["), .char("["))
        XCTAssertEqual(d.state.period, .tertial(2019, 2))
        for _ in 0..<10 { d.press(.char("[")) }
        XCTAssertEqual(d.state.period, .tertial(2018, 1))
        XCTAssertNotNil(d.state.message)
    }

    func testUnitPickerSearchesTheTree() {
        var d = Driver()
        d.press(.char("3"), .char("u"))
        d.type("vest")
        XCTAssertEqual(Dashboard.pickerUnits(d.snapshot, "vest").map { d.snapshot.tree.units[$0].id }, ["ph-vest"])
        d.press(.enter)
        XCTAssertEqual(d.state.stack.count, 1)
        XCTAssertEqual(d.state.top.kind, .waitlist, "the same screen, now for the chosen unit")
        XCTAssertEqual(d.state.top.unit, d.snapshot.tree.index["ph-vest"])
        d.press(.char("u"), .escape)
        XCTAssertEqual(d.state.mode, .normal)
    }

    func testScreensTabAndBack() {
        var d = Driver()
        for (k, kind) in [(1, ViewKind.overview), (2, .scorecard), (3, .waitlist), (4, .ip), (5, .deviations), (6, .reporting)] {
            d.press(.char(Character(String(k))))
            XCTAssertEqual(d.state.top.kind, kind)
        }
        d.press(.tab)
        XCTAssertEqual(d.state.top.kind, .overview)
        d.press(.tab)
        XCTAssertEqual(d.state.top.cursor, 1, "on the overview Tab moves between tiles")
        d.press(.enter)
        XCTAssertEqual(d.state.top.kind, .waitlist)
    }

    func testNextDeviationFromAnywhere() {
        var d = Driver(unit: "ph-vest")
        d.press(.char("3"), .char("n"))
        XCTAssertEqual(d.state.stack.map(\.kind).first, .deviations)
        XCTAssertEqual(d.state.stack.count, 2)
        guard case .drill = d.state.top.kind else { return XCTFail("expected a drill-down, got \(d.state.top.kind)") }
        // The worst deviation of Bergen Vest in T3 2019 is Fyllingsdalen's, shown inside Bergen Vest.
        XCTAssertEqual(d.state.top.unit, d.snapshot.tree.index["ph-vest"])
        XCTAssertEqual(d.selected?.key, "ph-fyllingsdalen")
        let first = d.state.deviationIndex
        d.press(.char("n"))
        XCTAssertNotEqual(d.state.deviationIndex, first)
        d.press(.char("N"))
        XCTAssertEqual(d.state.deviationIndex, first)
        d.press(.escape)
        XCTAssertEqual(d.state.top.kind, .deviations)
        XCTAssertEqual(d.state.top.cursor, first)
    }

    func testFilterAndSort() {
        var d = Driver()
        d.press(.char("2"), .char("/"))
        d.type("venteliste")
        XCTAssertTrue(Views.panel(d.state, d.snapshot).items.filter(\.selectable).allSatisfy { $0.search.lowercased().contains("venteliste") })
        d.press(.escape)
        XCTAssertEqual(d.state.top.filter, "")
        d.press(.char("s"))
        XCTAssertEqual(d.state.message, "Sortert etter status")
        // Sorted by status: within each perspective red comes before green.
        let p = Views.panel(d.state, d.snapshot)
        let first = p.items.first { $0.selectable }!
        XCTAssertTrue(first.cells[3].text.contains("rød"), first.cells[3].text)
    }

    func testExportAsksForAPathAndReturnsAnEffect() {
        var d = Driver(unit: "ph-vest")
        d.press(.char("e"))
        XCTAssertEqual(d.state.mode, .export(path: "tertial-ph-vest-2019-T3.md"))
        d.press(.backspace, .backspace, .backspace)
        d.type(".md")
        d.press(.enter)
        XCTAssertEqual(d.effects, [.export(path: "tertial-ph-vest-2019-T3.md")])
        d.press(.char("q"))
        XCTAssertEqual(d.effects.last, .quit)
    }

    func testPageKeysAndCursorStaysVisible() {
        var d = Driver(width: 80, height: 24)
        d.press(.char("5"), .end)
        let p = Views.panel(d.state, d.snapshot)
        XCTAssertEqual(d.state.top.cursor, p.items.count - 1)
        let rows = Layout(d.state, p).listRows
        XCTAssertTrue(d.state.top.cursor >= d.state.top.offset && d.state.top.cursor < d.state.top.offset + rows)
        d.press(.home)
        XCTAssertEqual(d.state.top.cursor, 0)
        d.press(.pageDown)
        XCTAssertEqual(d.state.top.cursor, rows - 1)
    }

    func testReloadKeepsTheCursorOnTheSameItem() throws {
        // A copy of the sample data where a new unit is added first: indices shift, ids do not.
        let dir = NSTemporaryDirectory() + "tertial-tui-" + UUID().uuidString
        try FileManager.default.copyItem(atPath: Sample.directory, toPath: dir)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var d = Driver()
        d.press(.char("2"))
        while d.selected?.key != "ip_coverage" { d.press(.down) }
        d.press(.enter)
        while d.selected?.key != "ph-laksevag" { d.press(.down) }
        var units = try String(contentsOfFile: dir + "/units.csv", encoding: .utf8)
        units = units.replacingOccurrences(of: "ephrt;Etat for psykisk helse og rustjenester;;etat;;;\n",
                                           with: "ephrt;Etat for psykisk helse og rustjenester;;etat;;;\nph-ny;Ny enhet;ephrt;resultatenhet;2021-01-01;;\n")
        try units.write(toFile: dir + "/units.csv", atomically: true, encoding: .utf8)
        let new = Engine.compute(Loader(directory: dir).load().dataset!)
        let st = Dashboard.reloaded(d.state, from: d.snapshot, to: new)
        XCTAssertEqual(st.stack.count, 2)
        XCTAssertEqual(new.tree.units[st.top.unit].id, "ephrt")
        guard case .drill(let i) = st.top.kind else { return XCTFail() }
        XCTAssertEqual(new.indicators[i].id, "ip_coverage")
        XCTAssertEqual(st.top.cursorKey, "ph-laksevag")
    }

    func testTooSmallSaysHowLargeItNeedsToBe() {
        var d = Driver(width: 40, height: 12)
        XCTAssertTrue(d.text.contains("tertial trenger minst 80×24"), d.text)
        XCTAssertTrue(d.text.contains("(nå 40×12)."))
        d.send(.char("2"))
        XCTAssertTrue(d.text.contains("Vinduet er for lite."))
    }
}
