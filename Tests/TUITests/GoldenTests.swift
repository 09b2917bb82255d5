import Foundation
import Testing
import TestSupport
@testable import Model
@testable import Reports
@testable import Store
@testable import TUI

/// Every screen rendered on the sample data, compared with a reviewed golden file
/// (text, then a style layer). `UPDATE_GOLDEN=1 swift test --filter GoldenTests` rewrites them.
@Suite(.serialized) final class GoldenTests: TestCase {
    static let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("golden")

    /// Key sequences that reach each screen, from the overview in T3 2019.
    static let scenarios: [(String, [Key])] = [
        ("overview", []),
        ("scorecard", [.char("2")]),
        ("drill-staff", [.char("2"), .char("/")] + "brukererfaring".map { .char($0) } + [.enter, .enter]),
        ("history-fyllingsdalen", [.char("2"), .char("/")] + "brukererfaring".map { .char($0) } + [.enter, .enter, .down, .down, .down, .down, .enter]),
        ("waitlist", [.char("3")]),
        ("waitlist-table7", [.char("3"), .char("t")]),
        ("waitlist-forecast-ombps3", [.char("3"), .down]),
        ("waitcases-ombps4", [.char("3"), .down, .down, .enter]),
        ("ip", [.char("4")]),
        ("ip-history", [.char("4"), .enter]),
        ("deviations", [.char("5")]),
        ("reporting", [.char("6")]),
        ("reporting-missing-2020t3", [.char("6"), .char("]"), .char("]"), .char("]"), .enter]),
        ("help", [.char("2"), .char("?")]),
        ("unit-picker", [.char("u")]),
    ]

    func check(_ name: String, _ screen: CellBuffer, file: StaticString = #filePath, line: UInt = #line) {
        let actual = screen.text + "\n--- style ---\n" + screen.styleText + "\n"
        if let problem = Golden.compare(actual, to: GoldenTests.dir.appendingPathComponent(name + ".txt"), updateHint: "GoldenTests") {
            XCTFail(problem, file: file, line: line)
        }
    }

    @Test func testEveryScreenAt80x24And160x48() {
        for (w, h) in [(80, 24), (160, 48)] {
            for (name, keys) in GoldenTests.scenarios {
                var d = Driver(width: w, height: h)
                for k in keys { d.send(k) }
                let screen = d.screen
                XCTAssertEqual(screen.width, w)
                // Nothing may be drawn past the edge or garbled: every line fits.
                for y in 0..<h { XCTAssertLessThanOrEqual(DisplayWidth.of(screen.line(y)), w, "\(name) line \(y)") }
                check("\(name)-\(w)x\(h)", screen)
            }
        }
    }

    /// The screens with state of their own (compare, follow-up, BrukerPlan), each in its
    /// states: the follow-up screen with a book of actions written for the test (fixed
    /// stamps and due dates: overdue, open, done), seen on 30.11.2026.
    static let ownStateScenarios: [(String, [Key])] = [
        ("compare", [.char("8")]),
        ("compare-perspective-sorted", [.char("8"), .char("p"), .right, .char("s")]),
        ("compare-per100", [.char("8"), .char("%"), .right]),
        ("followup", [.char("7")]),
        ("followup-all", [.char("7"), .char("t"), .down]),
        ("brukerplan", [.char("9")]),
        ("brukerplan-next-year", [.char("9"), .char("y")]),
        ("brukerplan-units", [.char("9"), .enter]),
    ]

    static func book() -> FollowUpBook {
        func key(_ unit: String, _ ind: String) -> Entry.Key { Entry.Key(unit: UnitID(unit), indicator: IndicatorID(ind), period: .tertial(2019, 3)) }
        let stamp = "2026-11-02T09:00:00Z"
        return FollowUpBook(entries: [
            Entry(id: 1, kind: .action, key: key("ph-fyllingsdalen", "sick_leave"), text: "Gå gjennom turnus med tillitsvalgt",
                  owner: "enhetsleder", due: Day(year: 2026, month: 11, day: 15), status: .planned,
                  createdAt: stamp, createdBy: "kari", updatedAt: stamp, updatedBy: "kari"),
            Entry(id: 2, kind: .action, key: key("ph-laksevag", "ip_coverage"), text: "Rydde i IP-listene", owner: "IP-koordinator",
                  due: Day(year: 2027, month: 1, day: 31), status: .inProgress, createdAt: stamp, createdBy: "ola", updatedAt: stamp, updatedBy: "ola"),
            Entry(id: 3, kind: .action, key: key("ph-arstad", "sick_leave"), text: "Ny bemanningsplan", owner: "Ola",
                  due: Day(year: 2026, month: 10, day: 1), status: .done, note: "vedtatt i oktober",
                  createdAt: stamp, createdBy: "ola", updatedAt: stamp, updatedBy: "ola"),
            Entry(id: 4, kind: .comment, key: key("ph-fyllingsdalen", "sick_leave"), text: "Langtidsfravær i to stillinger",
                  createdAt: stamp, createdBy: "kari", updatedAt: stamp, updatedBy: "kari"),
        ], token: 4)
    }

    @Test func testScreensWithTheirOwnStateAt80x24And160x48() {
        for (w, h) in [(80, 24), (160, 48)] {
            for (name, keys) in GoldenTests.ownStateScenarios {
                var d = Driver(width: w, height: h)
                d.state.store = .writable("/tmp/golden")
                d.state.followUp = GoldenTests.book()
                d.state.today = Day(year: 2026, month: 11, day: 30)!
                for k in keys { d.send(k) }
                let screen = d.screen
                for y in 0..<h { XCTAssertLessThanOrEqual(DisplayWidth.of(screen.line(y)), w, "\(name) line \(y)") }
                check("\(name)-\(w)x\(h)", screen)
            }
        }
    }

    /// The tab line at 80 columns with one screen more than there is (a trial "Prognose", the
    /// forecast screen to come; issue 23, 20a): the current screen's name whole, the others
    /// as their keys (the meeting screen's `M`), in both languages and ASCII, on the overview
    /// and on screen 9.
    @Test func testTabLineWithATrialScreenAt80x24() {
        for (name, lang, unicode, keys) in [("tabs-trial", Lang.nb, true, [Key]()), ("tabs-trial-screen9", .nb, true, [.char("9")]),
                                            ("tabs-trial-en-ascii", .en, false, [.char("5")])] {
            var d = Driver(width: 80, height: 24, lang: lang, unicode: unicode)
            for k in keys { d.send(k) }
            var screen = d.screen
            screen.put(0, 1, String(repeating: " ", count: 80))
            Dashboard.tabs(&screen, d.state, L10n(lang), trial: [lang == .nb ? "Prognose" : "Forecast"])
            let line = screen.line(1)
            XCTAssertTrue(line.contains(" M ") && line.contains("11"), "the meeting's tab and the eleventh are there: \(line)")
            XCTAssertLessThanOrEqual(DisplayWidth.of(line), 80, line)
            check("\(name)-80x24", screen)
        }
    }

    @Test func testTooSmallAt40x12() {
        check("too-small-40x12", Driver(width: 40, height: 12).screen)
    }

    /// The README's screen examples are the reviewed golden screens (issue 23, 27: the
    /// README showed 8 tabs and older figures); `scripts/update-readme-screens.sh` rewrites them.
    @Test func testReadmeScreensAreTheGoldenScreens() throws {
        let readme = try String(contentsOf: Sample.root.appendingPathComponent("README.md"), encoding: .utf8)
        let marker = try NSRegularExpression(pattern: #"<!-- screen: ([\w-]+) -->\n\n```\n(.*?)\n```"#, options: [.dotMatchesLineSeparators])
        let found = marker.matches(in: readme, range: NSRange(readme.startIndex..., in: readme))
        XCTAssertGreaterThan(found.count, 0, "README.md has a screen example")
        for m in found {
            let name = String(readme[Range(m.range(at: 1), in: readme)!]), shown = String(readme[Range(m.range(at: 2), in: readme)!])
            let golden = try String(contentsOf: GoldenTests.dir.appendingPathComponent(name + ".txt"), encoding: .utf8)
            XCTAssertEqual(shown, golden.components(separatedBy: "\n--- style ---")[0],
                           "README.md's \(name) differs from its golden screen: run scripts/update-readme-screens.sh")
        }
    }

    @Test func testEnglishAndASCII() {
        check("overview-en-80x24", Driver(width: 80, height: 24, lang: .en).screen)
        var d = Driver(width: 80, height: 24, unicode: false)
        d.press(.char("2"))
        let scr = d.screen
        // Plain ASCII, with Norwegian letters spelled out (grønn -> gronn, Største -> Storste), none dropped.
        XCTAssertFalse(scr.text.unicodeScalars.contains { $0.value > 0x7F }, scr.text)
        XCTAssertTrue(scr.text.contains("rod") || scr.text.contains("gronn"), scr.text)
        check("scorecard-ascii-80x24", scr)
    }

    /// The figures on screen are the domain's, not just whatever the code printed last time.
    @Test func testReferenceFiguresOnScreen() {
        var d = Driver(width: 160, height: 48)
        d.press(.char("4"))
        let ip = d.text.split(separator: "\n").first { $0.contains("Σ Etat") }.map(String.init) ?? ""
        for figure in ["613", "180", "257", "196", "29,4 %", "40,0 %"] { XCTAssertTrue(ip.contains(figure), "\(figure) in \(ip)") }
        d.press(.char("3"))
        d.type("t") // Table 7 under the list instead of the forecast
        let row = d.text.split(separator: "\n").first { $0.hasPrefix(" Annet omsorgsnivå") }.map(String.init) ?? ""
        XCTAssertEqual(row.split(separator: " ").suffix(5), ["8", "6", "6", "0", "20"])
        let all = d.text.split(separator: "\n").first { $0.contains("Alle kategorier") }.map(String.init) ?? ""
        XCTAssertTrue(all.contains(" 35 ") && all.contains(" 9 "), all)
    }

    /// Numbers are never cut: on every screen at 80x24 (and in 2020, with budget figures in
    /// kroner), every value of a numeric column fits its column; names give way instead.
    @Test func testNoNumberIsCutAt80x24() {
        for period in [Period.tertial(2019, 3), .tertial(2020, 3), .year(2020)] {
            for (name, keys) in GoldenTests.scenarios where name != "help" && name != "unit-picker" {
                var d = Driver(width: 80, height: 24, period: period)
                for k in keys { d.send(k) }
                let p = Views.panel(d.state, d.snapshot)
                guard !p.columns.isEmpty else { continue }
                let ws = Dashboard.widths(p.columns, d.state.width - 3, content: p.contentWidths)
                for it in p.items where !it.header {
                    for (c, col) in p.columns.enumerated() where col.whole && it.cells.indices.contains(c) {
                        XCTAssertLessThanOrEqual(DisplayWidth.of(it.cells[c].text), ws[c], "\(name) \(period): \(it.cells[c].text) cut to \(ws[c])")
                    }
                }
            }
        }
    }
}
