import Foundation
import Testing
import TestSupport
@testable import Model
@testable import Reports
@testable import TUI

@Suite(.serialized) final class UpdateTests: TestCase {
    @Test func testStartsOnTheOverviewOfTheEtat() {
        let d = Driver()
        XCTAssertEqual(d.state.stack.count, 1)
        XCTAssertEqual(d.state.top.kind, ViewKind(.overview))
        XCTAssertEqual(d.state.top.unit, d.snapshot.tree.id(d.snapshot.tree.root))
        XCTAssertEqual(d.state.period, .tertial(2019, 3))
        XCTAssertEqual(Driver(period: nil).state.period, .tertial(2020, 3), "default: the latest tertial")
    }

    @Test func testDrillFromScorecardToFyllingsdalensStoredZero() {
        var d = Driver()
        d.press(.char("2"), .char("/"))
        d.type("brukererfaring")
        d.press(.enter)
        XCTAssertEqual(d.state.top.kind, ViewKind(.scorecard))
        XCTAssertEqual(d.state.top.filter, "brukererfaring")
        XCTAssertEqual(d.selected?.key, .indicator("staff_user_experience"))
        d.press(.enter)
        let staff = d.indicator("staff_user_experience")
        XCTAssertEqual(d.state.top.kind, ViewKind(.scorecard, .drill(staff)))
        XCTAssertEqual(d.selected?.key, .unit("ephrt"))
        // The etat's total 17 against 54, built on the 0.
        XCTAssertTrue(d.text.contains("Σ Etaten"))
        let total = d.text.split(separator: "\n").first { $0.contains("Σ Etaten") }!
        XCTAssertTrue(total.contains(" 17 ") && total.contains(" 54 ") && total.contains("rød"), String(total))
        while d.selected?.key != .unit("ph-fyllingsdalen") { d.press(.down) }
        d.press(.enter)
        XCTAssertEqual(d.state.top.kind, ViewKind(.scorecard, .history(staff)))
        XCTAssertEqual(d.state.top.unit, d.unit("ph-fyllingsdalen"))
        let t3 = d.text.split(separator: "\n").first { $0.hasPrefix(" T3 2019") }!
        XCTAssertTrue(t3.contains(" 0 ") && t3.contains("⚠"), String(t3))
        XCTAssertTrue(d.text.contains("verdien falt til 0 fra en stabil serie (typisk 12)"))
        XCTAssertEqual(Dashboard.breadcrumb(d.state, d.snapshot), ["Etaten", "Ansatte med brukererfaring", "Fyllingsdalen"])
        // Back twice: the scorecard, cursor where it was.
        // Esc first clears the filter that is still set, then goes back.
        d.press(.escape, .escape)
        XCTAssertEqual(d.state.top.kind, ViewKind(.scorecard))
        XCTAssertEqual(d.state.top.filter, "brukererfaring")
        XCTAssertEqual(d.selected?.key, .indicator("staff_user_experience"))
        d.press(.escape)
        XCTAssertEqual(d.state.top.filter, "")
        XCTAssertEqual(d.state.top.kind, ViewKind(.scorecard), "clearing the filter does not leave the screen")
        XCTAssertEqual(d.selected?.key, .indicator("staff_user_experience"), "and the cursor stays on its row")
        d.press(.escape)
        XCTAssertEqual(d.state.top.kind, ViewKind(.overview))
    }

    @Test func testPeriodKeysStepThroughTertialsAndStopAtTheEnds() {
        var d = Driver()
        d.press(.char("]"))
        XCTAssertEqual(d.state.period, .tertial(2020, 1))
        d.press(.char("["), .char("["))
        XCTAssertEqual(d.state.period, .tertial(2019, 2))
        for _ in 0..<10 { d.press(.char("[")) }
        XCTAssertEqual(d.state.period, .tertial(2018, 1))
        XCTAssertNotNil(d.state.message)
    }

    @Test func testUnitPickerSearchesTheTree() {
        var d = Driver()
        d.press(.char("3"), .char("u"))
        d.type("vest")
        XCTAssertEqual(Dashboard.pickerUnits(d.snapshot, "vest").map { d.snapshot.tree.units[$0].id }, ["ph-vest"])
        d.press(.enter)
        XCTAssertEqual(d.state.stack.count, 1)
        XCTAssertEqual(d.state.top.kind, ViewKind(.waitlist), "the same screen, now for the chosen unit")
        XCTAssertEqual(d.state.top.unit, d.unit("ph-vest"))
        d.press(.char("u"), .escape)
        XCTAssertEqual(d.state.mode, .normal)
    }

    @Test func testScreensTabCyclesTheSameWayEverywhere() {
        var d = Driver()
        let ids: [ScreenID] = [.overview, .scorecard, .waitlist, .ip, .deviations, .reporting, .followUp, .compare, .brukerplan]
        for (k, id) in ids.enumerated() {
            d.press(.char(Character(String(k + 1))))
            XCTAssertEqual(d.state.top.kind, ViewKind(id))
        }
        // Tab: the next screen (after BrukerPlan the meeting's, which M opens), wrapping from
        // the last to the first; Shift-Tab back.
        d.press(.tab)
        XCTAssertEqual(d.state.top.kind, ViewKind(.meeting))
        d.press(.tab)
        XCTAssertEqual(d.state.top.kind, ViewKind(.overview))
        d.press(.tab)
        XCTAssertEqual(d.state.top.kind, ViewKind(.scorecard), "Tab on the overview goes to the next screen too")
        d.press(.backTab, .backTab)
        XCTAssertEqual(d.state.top.kind, ViewKind(.meeting))
    }

    @Test func testArrowsMoveSpatiallyBetweenTilesAndHLAreSymmetric() {
        var d = Driver()
        XCTAssertEqual(d.selected?.key, .tile("status"))
        d.press(.down)
        XCTAssertEqual(d.selected?.key, .tile("ip"), "↓ from Status goes to the tile below it")
        d.press(.down)
        XCTAssertEqual(d.selected?.key, .tile("reporting"))
        d.press(.down)
        XCTAssertEqual(d.selected?.key, .tile("reporting"), "nothing below the last tile")
        d.press(.right)
        XCTAssertEqual(d.selected?.key, .tile("deviations"), "→ goes to the tile beside it")
        d.press(.up)
        XCTAssertEqual(d.selected?.key, .tile("waitlist"))
        d.press(.char("h"))
        XCTAssertEqual(d.selected?.key, .tile("status"), "h moves left as l moves right")
        d.press(.char("l"))
        XCTAssertEqual(d.selected?.key, .tile("waitlist"))
        d.press(.enter)
        XCTAssertEqual(d.state.top.kind, ViewKind(.waitlist))
        // On a list, l opens and h goes back.
        d.press(.char("l"))
        XCTAssertEqual(d.state.top.kind, WaitlistScreen.view(.cases(.ombps2), unit: d.state.top.unit).kind)
        d.press(.char("h"))
        XCTAssertEqual(d.state.top.kind, ViewKind(.waitlist))
        d.press(.char("h"))
        XCTAssertEqual(d.state.top.kind, ViewKind(.overview))
    }

    @Test func testNextDeviationFromAnywhere() {
        var d = Driver(unit: "ph-vest")
        d.press(.char("3"), .char("n"))
        XCTAssertEqual(d.state.stack.first?.kind, ViewKind(.deviations))
        XCTAssertEqual(d.state.stack.count, 2)
        guard case .drill = d.state.top.kind.page else { return XCTFail("expected a drill-down, got \(d.state.top.kind)") }
        // The worst deviation of Bergen Vest in T3 2019 is Fyllingsdalen's, shown inside Bergen Vest.
        XCTAssertEqual(d.state.top.unit, d.unit("ph-vest"))
        XCTAssertEqual(d.selected?.key, .unit("ph-fyllingsdalen"))
        let first = d.state.lastDeviation
        XCTAssertNotNil(first)
        d.press(.char("n"))
        XCTAssertNotEqual(d.state.lastDeviation, first)
        d.press(.char("N"))
        XCTAssertEqual(d.state.lastDeviation, first)
        d.press(.escape)
        XCTAssertEqual(d.state.top.kind, ViewKind(.deviations))
        XCTAssertEqual(d.selected?.key, first)
    }

    @Test func testFilterAndSort() {
        var d = Driver()
        d.press(.char("2"), .char("/"))
        d.type("venteliste")
        XCTAssertEqual(d.state.top.kind, ViewKind(.scorecard))
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

    @Test func testExportAsksForAPathAndReturnsAnEffect() {
        var d = Driver(unit: "ph-vest")
        d.press(.char("e"))
        XCTAssertEqual(d.state.mode, .export(LineEditor("tertial-ph-vest-2019-T3.md")))
        d.press(.backspace, .backspace, .backspace)
        d.type(".md")
        d.press(.enter)
        XCTAssertEqual(d.effects, [.export(path: "tertial-ph-vest-2019-T3.md", overwrite: false)])
        d.press(.char("q"))
        XCTAssertEqual(d.effects.last, .quit)
    }

    @Test func testPageKeysAndCursorStaysVisible() {
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

    @Test func testTooSmallSaysHowLargeItNeedsToBe() {
        var d = Driver(width: 40, height: 12)
        XCTAssertTrue(d.text.contains("tertial trenger minst 80×24"), d.text)
        XCTAssertTrue(d.text.contains("(nå 40×12)."))
        d.send(.char("2"))
        XCTAssertTrue(d.text.contains("Vinduet er for lite."))
    }

    /// The reporting tile lists units with the most missing first, then in tree order: the
    /// same order on every start (it changed between runs with the hash seed).
    @Test func testReportingTileOrderIsDeterministic() {
        let d = Driver(period: .tertial(2020, 3))
        let tile = Views.panel(d.state, d.snapshot).tiles.first { $0.id == "reporting" }!
        let units = tile.lines.dropFirst().compactMap { line -> String? in
            line.first.map { $0.text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ":", with: "") }
        }
        let comp = d.snapshot.completeness(unit: d.snapshot.tree.root, period: .tertial(2020, 3))
        var counts = [Int: Int]()
        for m in comp.missing { counts[m.unit, default: 0] += 1 }
        let order = Dictionary(uniqueKeysWithValues: d.snapshot.tree.preorder.enumerated().map { ($1, $0) })
        let expected = counts.keys.sorted { (counts[$1]!, order[$0]!) < (counts[$0]!, order[$1]!) }.map { d.snapshot.tree.units[$0].shortName }
        XCTAssertGreaterThan(expected.count, 1)
        XCTAssertEqual(units, expected)
    }

    /// The export prompt edits like a shell line: Ctrl-U clears what the default name put
    /// there (typing used to append to it), ←/→ move, Ctrl-W deletes a word, Delete.
    @Test func testExportPromptLineEditing() {
        var d = Driver(unit: "ph-vest")
        d.press(.char("e"), .ctrl("u"))
        d.type("~/rapporter/vest.html")
        guard case .export(let line) = d.state.mode else { return XCTFail("\(d.state.mode)") }
        XCTAssertEqual(line.string, "~/rapporter/vest.html")
        d.press(.ctrl("w"))
        guard case .export(let l2) = d.state.mode else { return XCTFail() }
        XCTAssertEqual(l2.string, "~/rapporter/")
        d.type("x.md")
        d.press(.home, .delete, .end, .left, .left, .left, .backspace)
        guard case .export(let l3) = d.state.mode else { return XCTFail() }
        XCTAssertEqual(l3.string, "/rapporter/.md")
        XCTAssertTrue(d.text.split(separator: "\n").last!.contains("Eksporter til: /rapporter/▏.md"), d.text)
        d.press(.escape)
        XCTAssertEqual(d.state.mode, .normal)
        XCTAssertTrue(d.effects.isEmpty, "Esc saves nothing")
        XCTAssertEqual(App.expandingTilde("~/x.md"), (ProcessInfo.processInfo.environment["HOME"] ?? "") + "/x.md")
        XCTAssertEqual(App.expandingTilde("a~/x.md"), "a~/x.md")
    }

    /// An existing file is not a dead end: the dashboard asks before it writes over it.
    @Test func testOverwriteIsAskedAndOnlyJWritesOver() {
        var d = Driver()
        d.state.mode = .confirmOverwrite(path: "x.md")
        XCTAssertTrue(d.text.contains("x.md finnes allerede. Skrive over? (j/N)"), d.text)
        d.press(.char("n"))
        XCTAssertEqual(d.state.mode, .normal)
        XCTAssertTrue(d.effects.isEmpty)
        d.state.mode = .confirmOverwrite(path: "x.md")
        d.press(.char("j"))
        XCTAssertEqual(d.effects, [.export(path: "x.md", overwrite: true)])
    }

    /// `/` matches what the row shows: a status word finds the red rows, a unit name its rows.
    @Test func testFilterMatchesStatusWordsAndUnits() {
        var d = Driver()
        d.press(.char("2"), .char("/"))
        d.type("rød")
        let rows = Views.panel(d.state, d.snapshot).items.filter(\.selectable)
        XCTAssertEqual(rows.count, 5, "the 5 red values of the etat in T3 2019 (domain: status tile)")
        XCTAssertTrue(rows.allSatisfy { $0.cells[3].text.contains("rød") })
        d.press(.escape, .char("5"), .char("/"))
        d.type("fyllingsdalen")
        let devs = Views.panel(d.state, d.snapshot).items.filter(\.selectable)
        XCTAssertFalse(devs.isEmpty)
        XCTAssertTrue(devs.allSatisfy { $0.cells.map(\.text).joined().lowercased().contains("fyllingsdalen") })
        XCTAssertTrue(devs.contains { $0.cells[2].text == "Fyllingsdalen" })
        XCTAssertLessThan(devs.count, 66, "a filter, not everything")
    }

    /// The overview's IP numbers run as its sparkline does, oldest to newest (issue 23, 10),
    /// and a narrow tile leaves out the oldest, marked, so T3 2019's 29,4 is always there; the
    /// unit picker marks the unit the user is in.
    @Test func testTilesNewestFirstAndPickerMarksTheCurrentUnit() {
        var d = Driver(width: 80, height: 24)
        let ipLine = d.text.split(separator: "\n").first { $0.contains("eldst → nyest") }.map(String.init) ?? ""
        XCTAssertTrue(ipLine.contains("eldst → nyest: … 27,8 29,4 "), "T3 2019 last: \(ipLine)")
        let wide = Driver(width: 160, height: 48).text.split(separator: "\n").first { $0.contains("eldst → nyest") }.map(String.init) ?? ""
        XCTAssertTrue(wide.contains("eldst → nyest: 26,5 28,3 29,8 27,8 27,8 29,4"), wide)
        // A series of zeros lies at the bottom, not at mid-height.
        XCTAssertEqual(Views.sparkline([0, 0, 0, 0], unicode: true), "▁▁▁▁")
        XCTAssertEqual(Views.sparkline([3, 3], unicode: true), "▄▄")
        d.press(.char("u"))
        XCTAssertTrue(d.text.contains("Etat for psykisk helse og rustjenester (valgt nå)"), d.text)
    }

    /// The sorted column is marked, and sorting by change puts counts and shares on one
    /// footing (relative change), not +60 people before +22 percentage points.
    @Test func testSortedColumnIsMarkedAndChangeIsRelative() {
        var d = Driver()
        // From row 25, `s` goes to the top of the new order (issue 23, 19).
        d.press(.char("2"))
        for _ in 0..<24 { d.press(.down) }
        XCTAssertGreaterThan(d.state.top.cursor, 20)
        d.press(.char("s"))
        XCTAssertEqual(d.state.top.cursor, Views.panel(d.state, d.snapshot).items.firstIndex { $0.selectable })
        d.press(.char("s"), .char("s"))
        // The order says what it sorts by, and the legend explains it (issue 23, 19).
        XCTAssertEqual(d.state.message, "Sortert etter endring i prosent av forrige verdi, størst først")
        d.press(.char("?"))
        XCTAssertTrue(d.text.contains("endringen i prosent av forrige verdi"), d.text)
        d.press(.escape)
        let p = Views.panel(d.state, d.snapshot)
        XCTAssertEqual(p.columns[4].title, "Endring ▼")
        XCTAssertFalse(p.columns[3].title.contains("▼"))
        let firstBrukere = p.items.first { $0.selectable }!
        // In T3 2019 the children's conversations share rose from 4,4 % to 26,7 % (×6): the largest relative change among Brukere.
        XCTAssertEqual(firstBrukere.key, .indicator("children_conversation_rate"))
    }

    /// A dissolved unit does not look healthy: it says when it closed and what took over,
    /// `f` goes there, and "every unit has reported" only when something was due.
    @Test func testAClosedUnitSaysSoAndLeadsToItsSuccessor() {
        var d = Driver(width: 100, height: 30, unit: "ph-laksevag", period: .tertial(2020, 3))
        let text = d.text
        XCTAssertTrue(text.contains("Lagt ned 29.02.2020"), text)
        XCTAssertTrue(text.contains("Videreført i Bergen Vest"), text)
        // The reporting tile: why nothing is due, and no share (issue 23, 7: it read
        // "Levert: 100,0 % (0 av 0)").
        XCTAssertTrue(text.contains("nedlagt 29.02.2020 – ingen rapportering"), text)
        XCTAssertFalse(text.contains("(0 av 0)") || text.contains("Levert:"), text)
        XCTAssertFalse(text.contains("Alle enheter har levert"), text)
        d.press(.char("f"))
        XCTAssertEqual(d.state.top.unit, d.unit("ph-vest"))
        XCTAssertEqual(d.state.top.kind, ViewKind(.overview))
        XCTAssertFalse(d.text.contains("Lagt ned"))
        d.press(.char("f"))
        XCTAssertEqual(d.state.message, "Enheten er ikke lagt ned i perioden")
        // In 2019 Laksevåg was open: no such note.
        XCTAssertFalse(Driver(unit: "ph-laksevag").text.contains("Lagt ned"))
    }

    /// Enter on the unit's own deviation opens its history straight away (issue 23, 13: the
    /// breadcrumb went Etaten ▸ Bergen Vest ▸ … ▸ Etaten ▸ Bergen Vest).
    @Test func testEnterOnTheUnitsOwnDeviationOpensItsHistory() throws {
        var d = Driver(width: 120, height: 40, unit: "ph-vest", period: .tertial(2019, 3))
        d.press(.char("5"))
        while let sel = d.selected, sel.cells[2].text != "Bergen Vest" { d.press(.down); if d.state.top.cursor + 1 >= Views.panel(d.state, d.snapshot).items.count { break } }
        XCTAssertEqual(d.selected?.cells[2].text, "Bergen Vest", "Bergen Vest has a deviation of its own in T3 2019")
        d.press(.enter)
        guard case .history = d.state.top.kind.page else { return XCTFail("\(d.state.top.kind)") }
        XCTAssertEqual(d.state.top.unit, d.unit("ph-vest"))
        XCTAssertEqual(d.state.stack.count, 2, "one step from the list: \(d.state.stack.map(\.kind))")
        XCTAssertFalse(d.text.split(separator: "\n")[0].contains("Etaten ▸ Bergen Vest ▸ Etaten"), d.text)
    }

    /// Screen 3's where-applicants-live table has its sum row, as the CLI's Table 7 has: the
    /// 35 waiting at 31.12.2019 (10, 10, 13 and 2 by category, README's overview); the month
    /// ends say which category they are of (issue 23, 18).
    @Test func testTheWaitlistTableHasItsSumRow() throws {
        var d = Driver(width: 120, height: 50, period: .tertial(2019, 3))
        d.press(.char("3"))
        d.type("t") // Table 7 under the list instead of the forecast
        let sum = try XCTUnwrap(d.text.split(separator: "\n").first { $0.hasPrefix(" Sum ") || $0.hasPrefix(" Totalt ") || $0.hasPrefix(" I alt ") }.map(String.init), d.text)
        let numbers = sum.split(separator: " ").compactMap { Int($0) }
        XCTAssertEqual(numbers, [10, 10, 13, 2, 35], sum)
        XCTAssertTrue(d.selected?.detail.first?.contains("(OMBPS2)") == true, "\(d.selected?.detail ?? [])")
    }

    /// The why of a deviation is on the Avvik screen: the note column gets the spare width,
    /// and the selected row says in words what is missing, with the unit's comment in full.
    @Test func testDeviationsExplainInWords() {
        var d = Driver(width: 200, height: 60, period: .tertial(2020, 3))
        d.press(.char("5"))
        let p = Views.panel(d.state, d.snapshot)
        let ws = Dashboard.widths(p.columns, 197, content: p.contentWidths)
        XCTAssertGreaterThan(ws[5], 40, "the note column is not stuck at 12 at 200 columns")
        while let sel = d.selected, !(sel.cells[2].text == "Bergen Nord" && sel.cells[1].text == "Brukere i skole eller arbeid") {
            let before = d.state.top.cursor
            d.press(.down)
            if d.state.top.cursor == before { return XCTFail("no missing row for Bergen Nord") }
        }
        XCTAssertEqual(d.selected?.detail.first, "Bergen Nord har levert «Brukere i skole eller arbeid» for T3 2020 uten verdi (rapportert som ukjent).")
        XCTAssertTrue(d.text.contains("Kommentar: Tallet kan ikke hentes ut av Profil denne perioden."), d.text)
    }

    /// On a wide terminal the figures sit next to the names (no 140-column gap), and the
    /// trend shows more history.
    @Test func testWideTerminalsKeepFiguresNearNamesAndShowMoreHistory() {
        var d = Driver(width: 200, height: 60, period: .tertial(2020, 3))
        d.press(.char("2"))
        let p = Views.panel(d.state, d.snapshot)
        let ws = Dashboard.widths(p.columns, 197, content: p.contentWidths)
        let longest = p.items.filter { !$0.header }.map { DisplayWidth.of($0.cells[0].text) }.max()!
        XCTAssertLessThanOrEqual(ws[0], longest + 1, "the name column is as wide as its longest name")
        let trend = p.items.first { $0.key == .indicator("ip_coverage") }!.cells[5].text
        XCTAssertEqual(trend.count, 9, "T1 2018 to T3 2020: nine tertials at 200 columns (six at 80)")
        // T3 2020's total of users in school or work is incomplete (2 of 4): a gap, not a fall.
        let school = p.items.first { $0.key == .indicator("users_school_work") }!.cells[5].text
        XCTAssertEqual(school.last, " ", school)
        var narrow = Driver(width: 80, height: 24, period: .tertial(2020, 3))
        narrow.press(.char("2"))
        XCTAssertEqual(Views.panel(narrow.state, narrow.snapshot).items.first { $0.key == .indicator("ip_coverage") }!.cells[5].text.count, 6)
    }
}

@Suite(.serialized) final class PredecessorNoteTests: TestCase {
    /// Bergen Vest began on 1 Mar 2020: its 2019 history rows are Laksevåg's and
    /// Fyllingsdalen's, whatever the figure's origin (a formula, an IP count, a report).
    @Test func testHistoryRowsBeforeTheUnitStartedSaySoForEveryOrigin() {
        for id in ["activity_share", "ip_target_group", "service_users"] {
            var d = Driver(width: 160, height: 48, unit: "ph-vest", period: .tertial(2020, 3))
            d.state.stack.append(ViewState(ViewKind(.scorecard, .history(d.indicator(id))), unit: d.unit("ph-vest")))
            let lines = d.text.split(separator: "\n")
            let t3 = lines.first { $0.hasPrefix(" T3 2019") }, t3now = lines.first { $0.hasPrefix(" T3 2020") }
            XCTAssertTrue(t3?.contains("fra forgjengerne") == true, "\(id): \(t3 ?? "no T3 2019 row")")
            XCTAssertFalse(t3now?.contains("fra forgjengerne") ?? true, "\(id): \(t3now ?? "no T3 2020 row")")
        }
    }
}
