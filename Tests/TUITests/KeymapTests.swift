import Foundation
import Testing
import TestSupport
@testable import Model
@testable import Reports
@testable import TUI

/// The key table is the one source of keys: these tests hold it, the help and the README together.
@Suite(.serialized) final class KeymapTests: TestCase {
    @Test func testNoTwoBindingsClaimTheSameKeyInTheSameScope() {
        var owner = [String: Int]()
        for (n, b) in Keymap.all.enumerated() {
            for scope in b.scopes {
                for key in b.keys {
                    let id = "\(scope) \(key)"
                    if let first = owner[id] {
                        XCTFail("\(Keymap.label(b)) (row \(n)) and row \(first) both bind \(key) in \(scope)")
                    }
                    owner[id] = n
                }
            }
        }
        XCTAssertGreaterThan(owner.count, 40)
    }

    @Test func testEveryBindingHasHelpInBothLanguages() {
        for b in Keymap.all {
            XCTAssertFalse(b.keys.isEmpty)
            XCTAssertFalse(b.scopes.isEmpty)
            for lang in Lang.allCases {
                XCTAssertFalse(L10n(lang)[b.help].trimmingCharacters(in: .whitespaces).isEmpty, "\(Keymap.label(b)) has no help in \(lang)")
                if let h = b.hint { XCTAssertFalse(L10n(lang)[h.text].isEmpty) }
            }
        }
    }

    /// Every key the help shows does what the table says, and every action the table
    /// names for the current screen is in the help.
    @Test func testHelpIsTheTableOfTheCurrentScreen() {
        var d = Driver()
        d.press(.char("2"))
        let help = Dashboard.helpLines(d.state, L10n(.nb))
        XCTAssertTrue(help.contains { $0.0 == "s" && $0.1.hasPrefix("sorter") }, "the scorecard adds s")
        XCTAssertTrue(help.contains { $0.0.contains("Home g End G") }, "g and G are documented")
        d.press(.char("3"))
        XCTAssertFalse(Dashboard.helpLines(d.state, L10n(.nb)).contains { $0.0 == "s" }, "s does nothing on the waitlist")
        d.press(.char("1"))
        let overview = Dashboard.helpLines(d.state, L10n(.nb))
        XCTAssertTrue(overview.contains { $0.0.hasPrefix("↑ ↓ ← →") && $0.1.contains("ruten") })
        XCTAssertFalse(overview.contains { $0.0.hasPrefix("Enter → l") }, "→ moves between tiles on the overview, it does not open")
    }

    @Test func testFooterHintsComeFromTheTable() {
        var d = Driver(width: 200, height: 40)
        let hints = Keymap.hints(d.state, L10n(.nb))
        XCTAssertEqual(hints.first, "←→↑↓ rute")
        XCTAssertTrue(d.text.split(separator: "\n").last!.contains("←→↑↓ rute  Enter åpne"))
        d.press(.char("2"))
        XCTAssertEqual(Array(Keymap.hints(d.state, L10n(.en)).prefix(5)), ["↑↓ select", "Enter open", "Esc back", "/ filter", "s sort"])
    }

    @Test func testDigitsFollowTheRegistry() {
        var d = Driver()
        // Digits reach the first nine; a tenth screen is reached with Tab (the meeting screen
        // of issue 24 will be one).
        for (k, spec) in Screens.all.prefix(9).enumerated() {
            d.press(.char(Character(String(k + 1))))
            XCTAssertEqual(d.state.screen, spec.id)
            XCTAssertTrue(d.text.split(separator: "\n")[1].contains("\(k + 1) \(L10n(.nb)[spec.title])"))
        }
        // A digit without a screen (past the last, or 0) does nothing.
        d.press(.char(Screens.all.count < 9 ? Character(String(Screens.all.count + 1)) : "0"))
        XCTAssertEqual(d.state.screen, Screens.all.prefix(9).last!.id, "a digit past the last screen does nothing")
    }

    /// A help longer than the window scrolls and says so (issue 23, 11): at 80x24 the
    /// legends below the keys are reached with PgDn, "↑↓ mer" marks that there is more, "▲"
    /// that there is some above; the box covers the panels' edges (no "┌┌").
    @Test func testALongHelpScrollsAndSaysSo() {
        var d = Driver(width: 80, height: 24)
        d.press(.char("7"), .char("?"))
        var lines = d.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        XCTAssertFalse(d.text.contains("Andeler: én desimal"), d.text)
        XCTAssertTrue(lines.contains { $0.contains("↑↓ mer") }, d.text)
        XCTAssertFalse(lines.contains { $0.contains("┌┌") || $0.contains("││") }, d.text)
        d.press(.pageDown)
        lines = d.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        XCTAssertEqual(d.state.mode, .help, "PgDn scrolls, it does not close the help")
        XCTAssertTrue(d.text.contains("Andeler: én desimal"), d.text)
        XCTAssertTrue(lines.contains { $0.contains("▲") }, d.text)
        // Past the end it stays at the end: one PgUp is back at the top.
        d.press(.pageDown, .pageDown, .pageDown, .pageDown, .pageUp)
        XCTAssertEqual(d.state.helpScroll, 0)
        XCTAssertTrue(d.text.contains("↑↓ mer"), d.text)
        d.press(.char("x"))
        XCTAssertEqual(d.state.mode, .normal, "any other key closes it")
        // A help that fits has no sign.
        var wide = Driver(width: 200, height: 60)
        wide.press(.char("?"))
        XCTAssertFalse(wide.text.contains("↑↓ mer"), wide.text)
        XCTAssertTrue(wide.text.contains("Andeler: én desimal"), wide.text)
    }

    /// The tab line stays readable at 80 columns with any number of screens (issue 23, 20a):
    /// the current screen's name whole, the others' numbers (no `Sty…`), and with more than
    /// fit, the numbers nearest the current one and `…`. Eleven screens (one more than the
    /// meeting screen will make) and forty.
    @Test func testTheTabLineKeepsTheCurrentNameWholeForAnyNumberOfScreens() {
        let names = Screens.all.map { L10n(.nb)[$0.title] } + ["Møte", "Prognose"]
        for current in [0, 1, 10] {
            let tabs = Dashboard.tabLayout(names, current: current, width: 80, ascii: false)
            let line = tabs.map(\.text).joined()
            XCTAssertTrue(line.contains(" \(current + 1) \(names[current]) "), line)
            XCTAssertFalse(line.contains("…"), "eleven fit as numbers: \(line)")
            XCTAssertEqual(tabs.filter(\.current).count, 1)
            for k in names.indices where k != current { XCTAssertTrue(line.contains(" \(k + 1) "), "\(k + 1) in \(line)") }
            XCTAssertLessThanOrEqual((tabs.last.map { $0.x + DisplayWidth.of($0.text) } ?? 0), 80)
        }
        let many = (1...40).map { "Skjerm \($0)" }
        let tabs = Dashboard.tabLayout(many, current: 30, width: 80, ascii: false)
        let line = tabs.map(\.text).joined()
        XCTAssertTrue(line.contains(" 31 Skjerm 31 ") && line.contains("…"), line)
        XCTAssertLessThanOrEqual((tabs.last.map { $0.x + DisplayWidth.of($0.text) } ?? 0), 80, line)
        // Wide enough: every name whole.
        XCTAssertEqual(Dashboard.tabLayout(names, current: 0, width: 200, ascii: false).map(\.text).joined().filter { $0 == "…" }.count, 0)
        XCTAssertTrue(Dashboard.tabLayout(names, current: 0, width: 200, ascii: false).map(\.text).joined().contains(" 2 Styringskort "))
    }

    /// After Enter on an overview tile the tab of the screen it opened is marked (issue 23, 12).
    @Test func testTheTabOfTheScreenInViewIsMarked() {
        var d = Driver(width: 160, height: 40)
        d.press(.right, .enter)
        XCTAssertNotEqual(d.state.top.kind.screen, .overview)
        let shown = d.state.top.kind.screen
        let n = Screens.number(shown)
        let tabs = Dashboard.tabLayout(Screens.all.map { L10n(.nb)[$0.title] }, current: n - 1, width: 160, ascii: false)
        let marked = d.screen
        let x = tabs[n - 1].x + 1
        XCTAssertTrue(marked[x, 1].style.reverse, "the tab of \(shown) is marked: \(d.text.split(separator: "\n")[1])")
        XCTAssertFalse(marked[tabs[0].x + 1, 1].style.reverse, "the overview's tab is not")
    }

    /// Without Unicode (issue 23, 17): the footer's arrow words are bokmål in bokmål, yellow
    /// and data quality have different marks, and Å is written Aa ("Aapne tiltak", not "AApne").
    @Test func testASCIIModeSpeaksTheUsersLanguage() {
        var d = Driver(width: 100, height: 30, unicode: false)
        let footer = d.text.split(separator: "\n").last.map(String.init) ?? ""
        XCTAssertTrue(footer.contains("Piltaster rute"), footer)
        XCTAssertFalse(footer.contains("Arrows"), footer)
        d.press(.char("2"))
        XCTAssertTrue(d.text.contains("Opp/Ned velg"), d.text)
        XCTAssertNotEqual(L10n.symbol(.yellow, unicode: false), Views.warnMark(false))
        XCTAssertEqual(CellBuffer.transliterated("Åpne tiltak · Ærlig"), "Aapne tiltak . Aerlig")
        var en = Driver(width: 100, height: 30, lang: .en, unicode: false)
        en.press(.char("2"))
        XCTAssertTrue(en.text.contains("Up/Dn select"), en.text)
    }

    /// Columns stand apart (issue 23, 14): the IP screen in English has one column called
    /// Target (the target group's is Group), and the reporting screen's shares are
    /// right-aligned under their periods with room between them.
    @Test func testColumnsStandApart() {
        var en = Driver(width: 120, height: 30, lang: .en)
        en.press(.char("4"))
        let titles = Views.panel(en.state, en.snapshot).columns.map(\.title)
        XCTAssertEqual(titles.count, Set(titles).count, "\(titles)")
        var d = Driver(width: 120, height: 30, period: .tertial(2020, 3))
        d.press(.char("6"))
        let cols = Views.panel(d.state, d.snapshot).columns.dropFirst()
        XCTAssertTrue(cols.allSatisfy { $0.right && $0.width >= 12 }, "\(cols.map { ($0.title, $0.width, $0.right) })")
        XCTAssertFalse(d.text.contains("T3 2019 T1 2020"), d.text)
        // At 80 columns, fewer periods rather than shares run together.
        var narrow = Driver(width: 80, height: 24, period: .tertial(2020, 3))
        narrow.press(.char("6"))
        let head = narrow.text.split(separator: "\n")[3]
        XCTAssertNil(head.range(of: #"T\d \d{4} T\d"#, options: .regularExpression), String(head))
    }

    /// The scroll marks stand apart from the rows' last column (issue 23, 10: `▼` sat against
    /// the scorecard's sparkline).
    @Test func testScrollMarksHaveASpaceBeforeThem() {
        var d = Driver(width: 80, height: 24)
        d.press(.char("2"))
        for _ in 0..<30 { d.press(.down) }
        let b = d.screen
        var marks = 0
        for y in 0..<b.height where ["▲", "▼"].contains(b[b.width - 1, y].text) {
            marks += 1
            XCTAssertEqual(b[b.width - 2, y].text, " ", "row \(y): \(b.line(y))")
        }
        XCTAssertEqual(marks, 2, d.text)
    }

    /// The README's key table is the key table.
    @Test func testReadmeKeyTableIsGeneratedFromTheTable() throws {
        let readme = try String(contentsOf: Sample.root.appendingPathComponent("README.md"), encoding: .utf8)
        let table = Keymap.markdown(.en)
        XCTAssertTrue(readme.contains(table), "README.md's key table differs from Keymap; paste this between the key-table markers:\n\(table)")
    }

    /// Footer hints that do not fit are dropped least important first, and `?` always stays.
    @Test func testFooterDropsTheLeastImportantAndKeepsHelp() {
        let hints = ["↑↓ velg", "Enter åpne", "Esc tilbake", "/ filter", "s sorter", "[ ] periode", "? hjelp", "q avslutt"]
        XCTAssertEqual(Dashboard.fitting(hints, 200), hints.joined(separator: "  "))
        let narrow = Dashboard.fitting(hints, 60)
        XCTAssertTrue(narrow.hasSuffix("? hjelp"), narrow)
        XCTAssertTrue(narrow.hasPrefix("↑↓ velg  Enter åpne"), narrow)
        XCTAssertFalse(narrow.contains("q avslutt"))
        XCTAssertLessThanOrEqual(DisplayWidth.of(narrow) + 1, 60)
    }

    /// At the smallest size the help still shows every key of every screen, none cut off.
    @Test func testHelpShowsEveryKeyAt80x24() {
        for (k, spec) in Screens.all.enumerated() {
            let n = k + 1
            var d = Driver(width: 80, height: 24)
            // Digits reach the first nine; the meeting's screen is `M` (or Tab).
            d.state.stack = [ViewState(ViewKind(spec.id), unit: d.state.top.unit)]
            d.press(.char("?"))
            let text = d.text
            for (label, _) in Dashboard.helpLines(d.state, L10n(.nb)) {
                XCTAssertTrue(text.contains(label), "screen \(n): \(label) missing from the help:\n\(text)")
            }
        }
    }
}
