import Foundation
import Testing
import TestSupport
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

    /// `%`: counts per 100 of the denominator the catalogue names (`per: service_users` for
    /// users in school or work), so units of different size are compared on one footing.
    @Test func testNormalisedPerHundredOfTheDenominator() throws {
        var d = compare(unit: "ph-vest")
        d.press(.char("%"))
        XCTAssertTrue(Views.panel(d.state, d.snapshot).title.hasSuffix("per 100"))
        // Laksevåg's own reported figures in T3 2019: users in school or work and service users.
        let r = d.snapshot.dataset.reports
        func reported(_ i: String) throws -> Double {
            try XCTUnwrap(r.first { $0.period == .tertial(2019, 3) && $0.unit == "ph-laksevag" && $0.indicator == i }?.value)
        }
        let expected = Format.plain(try reported("users_school_work") / reported("service_users") * 100, .percent, decimalComma: true)
        XCTAssertEqual(cell(d, row: "ph-laksevag", indicator: "users_school_work"), expected)
        // An indicator without `per:` keeps its value.
        XCTAssertEqual(cell(d, row: "ph-laksevag", indicator: "service_users"), Format.plain(try reported("service_users"), .count, decimalComma: true))
    }

    /// Per 100, `s` sorts by what the column shows (issue 23, 1): the evening, night and
    /// weekend needs per 100 service users, highest first, Bergenhus's 2,0 last of the
    /// districts (it sorted by the counts 89/85/58/6 before, so 18,5 came above 26,5).
    @Test func testPerHundredSortsByTheRates() throws {
        var d = compare()
        let name = d.snapshot.indicators[d.snapshot.dataset.indicatorIndex["evening_weekend_needs"]!].name
        while !Views.panel(d.state, d.snapshot).columns.contains(where: { $0.title == name }) { d.press(.char("p")) }
        d.press(.char("%"))
        let col = try XCTUnwrap(Views.panel(d.state, d.snapshot).columns.firstIndex { $0.title == name })
        while d.state.top.column < col { d.press(.right) }
        d.press(.char("s"))
        let p = Views.panel(d.state, d.snapshot)
        let rows = p.items.prefix { !$0.cells[0].text.hasPrefix("Σ") }
        let shown = rows.map { Double($0.cells[col].text.split(separator: " ")[0].replacingOccurrences(of: ",", with: ".")) }
        let rates = shown.compactMap { $0 }
        XCTAssertGreaterThan(rates.count, 4)
        XCTAssertEqual(rates, rates.sorted(by: >), "highest first by the shown rate: \(rows.map { $0.cells[0].text + "=" + $0.cells[col].text })")
        // A unit without a rate (Forvaltningen reports none) comes after every rate.
        XCTAssertEqual(Array(shown.prefix(rates.count)), rates.map { Optional($0) })
        XCTAssertEqual(rows.last { $0.cells[col].text != "–" }?.key, .unit(UnitID("ph-bergenhus")))
    }

    /// "per 100" is offered only where a column has a denominator: on a perspective without
    /// one, % says so and nothing claims to be per 100; the perspective with one still turns.
    @Test func testPerHundredNeedsADenominatorInThePerspective() throws {
        var d = compare()
        var seen = 0
        for _ in d.snapshot.perspectives.indices {
            let p = Views.panel(d.state, d.snapshot)
            let names = Set(p.columns.map(\.title))
            let hasPer = d.snapshot.indicators.contains { names.contains($0.name) && $0.per != nil }
            d.press(.char("%"))
            let after = Views.panel(d.state, d.snapshot)
            if hasPer {
                XCTAssertTrue(after.title.contains("per 100"), after.title)
                d.press(.char("%"))
            } else {
                XCTAssertFalse(after.title.contains("per 100"), after.title)
                XCTAssertTrue(d.text.contains("kan vises per 100 (ingen per:)"), "said why: \(d.text)")
                seen += 1
            }
            d.press(.char("p"))
        }
        XCTAssertGreaterThan(seen, 0, "the sample has a perspective without a denominator")
    }

    /// At 80 columns every shown head tells its column ("Barnesamtaler gjennomført" and
    /// "… ikke gjennomført" both cut to "Barnesamt…" before), and a sort names its column:
    /// ↓ on the head and the indicator's name in the sort label.
    @Test func testEveryHeadTellsItsColumnAndTheSortNamesIt() throws {
        var d = compare(width: 80)
        for _ in d.snapshot.perspectives.indices {
            for _ in 0..<12 {
                let p = Views.panel(d.state, d.snapshot)
                let ws = Dashboard.matrixWindow(p, d.state).widths
                let heads = Dashboard.matrixHeaders(p, ws, ascii: false)
                let shown = ws.keys.filter { $0 > 0 }.sorted().map { heads[$0] }
                XCTAssertEqual(Set(shown).count, shown.count, "heads repeat: \(shown)")
                // And they are what the screen shows.
                for h in shown { XCTAssertTrue(d.text.split(separator: "\n")[3].contains(h), "\(h) drawn") }
                d.press(.right)
            }
            d.press(.char("p"))
        }
        d = compare(width: 80)
        d.press(.right, .char("s"))
        let p = Views.panel(d.state, d.snapshot)
        let name = p.columns[d.state.top.column].title
        let label = p.sortNames[d.state.top.sort % p.sortNames.count]
        XCTAssertTrue(label.contains(name), "\(label) names \(name)")
        XCTAssertTrue(d.text.split(separator: "\n")[3].contains("↓"), String(d.text.split(separator: "\n")[3]))
    }

    /// The audit's finding: one district counting 6 users with evening, night and weekend
    /// needs while the others count everyone. Bergenhus (6 of 306 service users in T3 2019,
    /// 2 per 100) is an outlier against the other districts' median; none of them is.
    @Test func testTheOutlierIsFlaggedAndOnlyIt() throws {
        let s = Sample.snapshot
        let i = try XCTUnwrap(s.dataset.indicatorIndex["evening_weekend_needs"])
        let flagged = s.warnings.filter { $0.indicator == i && $0.period == .tertial(2019, 3) }.compactMap { w -> String? in
            if case .outlier = w.kind { return s.tree.units[w.unit].id } else { return nil }
        }
        XCTAssertEqual(flagged, ["ph-bergenhus"])
        let w = try XCTUnwrap(s.warnings(indicator: i, unit: s.tree.index["ph-bergenhus"]!, period: .tertial(2019, 3)).first)
        guard case let .outlier(rate, peers) = w.kind else { return XCTFail("\(w.kind)") }
        XCTAssertEqual(rate, 6.0 / 306 * 100, accuracy: 0.01)
        XCTAssertGreaterThan(peers, 4 * rate, "more than four times as many per 100 at the others")
        XCTAssertTrue(L10n(.nb).quality(w, snapshot: s).contains("uteligger – 2,0 per 100 brukere med tjenester mot median"), L10n(.nb).quality(w, snapshot: s))
        // On Avvik, as a data-quality warning.
        var d = compare()
        d.press(.char("5"))
        XCTAssertTrue(Views.panel(d.state, d.snapshot).items.contains { $0.cells.last?.text.contains("uteligger") == true })
    }
}
