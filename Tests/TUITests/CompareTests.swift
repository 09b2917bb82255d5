import Foundation
import Testing
import XCTestShim
@testable import Model
@testable import Reports
@testable import TUI

/// Screen 8 (issue 14, the matrix): units side by side, one perspective's indicators as
/// columns, the scope's and the etat's totals below.
@Suite(.serialized) final class CompareTests: TestCase {
    func compare(unit: String? = nil, width: Int = 100) -> Driver {
        var d = Driver(width: width, height: 30, unit: unit, period: .tertial(2019, 3))
        d.press(.char(Character(String(Screens.number(.compare)))))
        XCTAssertEqual(d.state.screen, .compare)
        return d
    }

    func cell(_ d: Driver, row unit: String, indicator: String) -> String? {
        let p = Views.panel(d.state, d.snapshot)
        guard let col = p.columns.firstIndex(where: { $0.title == d.snapshot.indicators[d.snapshot.dataset.indicatorIndex[indicator]!].name }),
              let item = p.items.first(where: { $0.key == .unit(UnitID(unit)) }) else { return nil }
        return item.cells[col].text
    }

    /// Bergen Vest in T3 2019: its two districts of then, its total and the etat's; the
    /// figures are the sample's published ones (Fyllingsdalen's stored 0 stands out).
    @Test func testTheDistrictsSideBySideWithTheirTotals() throws {
        var d = compare(unit: "ph-vest")
        let p = Views.panel(d.state, d.snapshot)
        XCTAssertTrue(p.matrix)
        XCTAssertEqual(p.items.map(\.cells.first?.text), ["Fyllingsdalen", "Laksevåg", "Σ Bergen Vest", "Σ Etaten"])
        // Medarbeidere: staff with user experience, 0 and 5 in the districts, 5 of 18 in total.
        while !Views.panel(d.state, d.snapshot).title.contains("Medarbeidere") { d.press(.char("p")) }
        XCTAssertEqual(cell(d, row: "ph-fyllingsdalen", indicator: "staff_user_experience"), "0 ✖")
        XCTAssertEqual(cell(d, row: "ph-laksevag", indicator: "staff_user_experience"), "5 ▲")
        XCTAssertEqual(cell(d, row: "ph-vest", indicator: "staff_user_experience"), "5 ✖")
        XCTAssertEqual(cell(d, row: "ephrt", indicator: "staff_user_experience"), "17 ✖")
    }

    /// ←/→ move over the cells, s sorts the rows by the column under the cursor, Enter opens
    /// the unit's history of that indicator.
    @Test func testMoveSortAndOpenACell() throws {
        var d = compare()
        let p = Views.panel(d.state, d.snapshot)
        XCTAssertEqual(d.state.top.column, 1)
        d.press(.right, .right)
        XCTAssertEqual(d.state.top.column, 3)
        let indicator = p.columns[3].title
        d.press(.char("s"))
        let sorted = Views.panel(d.state, d.snapshot)
        // Highest first over the units (the totals stay below).
        let values = sorted.items.prefix { !$0.cells[0].text.hasPrefix("Σ") }.compactMap { item -> Double? in
            guard case .unit(let id) = item.key, let u = d.snapshot.tree.position(id) else { return nil }
            return d.snapshot.cell(indicator: d.snapshot.indicators.firstIndex { $0.name == indicator }!, unit: u, period: .tertial(2019, 3))?.value
        }
        XCTAssertEqual(values, values.sorted(by: >), "\(indicator): \(values)")
        XCTAssertGreaterThan(values.count, 3)
        d.press(.enter)
        guard case .history(let id) = d.state.top.kind.page else { return XCTFail("Enter opens a history: \(d.state.top.kind)") }
        XCTAssertEqual(d.snapshot.indicators[d.snapshot.position(id)!].name, indicator)
    }

    /// At 80 columns the unit column stays and the others scroll; no figure is cut.
    @Test func testNarrowScrollsSidewaysWithoutCuttingFigures() throws {
        var d = compare(width: 80)
        for _ in 0..<12 { d.press(.right) }
        let text = d.text
        XCTAssertTrue(text.contains("Arna/Åsane"), text)
        XCTAssertTrue(text.contains("◀"), "more columns to the left: \(text)")
        for line in text.split(separator: "\n") where line.contains("…") && line.first == " " && !line.contains("Enhet") {
            // Only titles and names may be shortened, never a figure: a line of figures has no "…".
            XCTAssertFalse(line.contains(where: { $0.isNumber }) && line.split(separator: " ").contains { $0.hasSuffix("…") && $0.first!.isNumber }, String(line))
        }
    }

    /// `%`: counts per 100 of the denominator the catalogue names (`per: staff_fte` for staff
    /// with user experience), so units of different size are compared on one footing.
    @Test func testNormalisedPerHundredOfTheDenominator() throws {
        var d = compare(unit: "ph-vest")
        while !Views.panel(d.state, d.snapshot).title.contains("Medarbeidere") { d.press(.char("p")) }
        d.press(.char("%"))
        XCTAssertTrue(Views.panel(d.state, d.snapshot).title.hasSuffix("per 100"))
        // Laksevåg reported 5 staff with user experience and its own årsverk (staff_fte) in T3 2019.
        let r = d.snapshot.dataset.reports
        let fte = try XCTUnwrap(r.first { $0.period == .tertial(2019, 3) && $0.unit == "ph-laksevag" && $0.indicator == "staff_fte" }?.value)
        let expected = Format.plain(5 / fte * 100, .percent, decimalComma: true)
        XCTAssertEqual(cell(d, row: "ph-laksevag", indicator: "staff_user_experience"), expected)
        // An indicator without `per:` keeps its value.
        XCTAssertEqual(cell(d, row: "ph-laksevag", indicator: "staff_fte")?.hasPrefix(Format.plain(fte, .count, decimalComma: true)), true)
    }
}
