import Foundation
import Testing
import TestSupport
@testable import Model
@testable import Reports
@testable import TUI

/// Screen 9, BrukerPlan, as a leader reads it: the 2014 mix of the etat with the 549 figure,
/// the units where it lies, another year with its change, and every figure whole at 80x24.
@Suite(.serialized) final class BrukerPlanScreenTests: TestCase {
    func lines(_ d: Driver) -> [String] { d.text.split(separator: "\n").map(String.init) }

    @Test func testThe2014MixOfTheEtat() {
        var d = Driver(width: 80, height: 24, period: .tertial(2019, 3))
        d.press(.char("9"))
        let t = d.text
        XCTAssertTrue(t.contains("BrukerPlan · Etaten · kartlegging 2014 · 1\u{00A0}845 kartlagt"), t)
        let overall = lines(d).first { $0.hasPrefix(" Samlet ") } ?? ""
        // 79 / 1229 / 523 / 14 of 1845.
        XCTAssertTrue(overall.contains("4,3 %") && overall.contains("66,6 %") && overall.contains("28,3 %") && overall.contains("0,8 %"), overall)
        let work = lines(d).first { $0.hasPrefix(" Arbeid/aktivitet ") } ?? ""
        XCTAssertTrue(work.contains("35,9 %") && work.contains("39,9 %") && work.contains("24,1 %"), work)
        // The cross-table's red row and the figure that links the mapping to IP.
        XCTAssertTrue(lines(d).contains { $0.contains("rød: ingen") && $0.hasSuffix("0      96     336      13") }, t)
        XCTAssertTrue(t.contains("549 av 1\u{00A0}752") && t.contains("31,3") && t.contains("blodrød uten plan: 2"), t)
        XCTAssertTrue(t.contains("IP 206") && t.contains("andre planer 629") && t.contains("ansvarsgruppe 390") && t.contains("kortvarig"), t)
        // The selected row's counts.
        XCTAssertTrue(t.contains("Grønn 79 · gul 1\u{00A0}229 · rød 523 · blodrød 14 av 1\u{00A0}845 kartlagt"), t)
        // The bar's parts, each in its glyph (blood-red, 0.8 %, is under half a column here).
        let row = d.screen
        let y = (0..<row.height).first { row.line($0).hasPrefix(" Samlet ") }!
        let glyphs = Set((0..<row.width).map { row[$0, y].text }.filter { "█▓▒░".contains($0) })
        XCTAssertTrue(glyphs.contains("█") && glyphs.contains("▓") && glyphs.contains("▒"), "\(glyphs)")
    }

    /// Enter: the districts, most yellow or red without a plan first, adding up to 549.
    @Test func testEnterListsTheUnitsWhereItIsLargest() {
        var d = Driver(width: 100, height: 30, period: .tertial(2019, 3))
        d.press(.char("9"), .enter)
        let p = Views.panel(d.state, d.snapshot)
        XCTAssertEqual(p.items.count, 7, "Σ and six districts")
        XCTAssertEqual(p.items.first?.cells[3].text, "549")
        let counts = p.items.dropFirst().map { Int($0.cells[3].text) ?? -1 }
        XCTAssertEqual(counts, counts.sorted(by: >), "most without a plan first")
        XCTAssertEqual(counts.reduce(0, +), 549)
        // Enter on a district: its own mapping of the same year.
        d.press(.down, .enter)
        XCTAssertTrue(d.text.contains("kartlegging 2014"), d.text)
        XCTAssertEqual(d.state.top.kind, ViewKind(.brukerplan))
        XCTAssertNotEqual(d.state.top.unit, d.unit("ephrt"))
    }

    /// y steps to 2020; Bergen Vest is compared with its predecessors' 2014 mapping and the etat.
    @Test func testAnotherYearWithItsChangeAndTheEtat() {
        var d = Driver(width: 100, height: 30, unit: "ph-vest", period: .tertial(2019, 3))
        d.press(.char("9"), .char("y"))
        let ds = d.snapshot.dataset, tree = ds.tree
        let now = BrukerPlanView(dataset: ds, unit: tree.index["ph-vest"]!, year: 2020)
        let then = BrukerPlanView(dataset: ds, unit: tree.index["ph-vest"]!, year: 2014)
        XCTAssertTrue(then.mapped > 0 && now.mapped > 0)
        let change = (Double(now.overall[2] + now.overall[3]) / Double(now.mapped) - Double(then.overall[2] + then.overall[3]) / Double(then.mapped)) * 100
        let shown = L10n(.nb).shortPoints(change)
        let overall = lines(d).first { $0.hasPrefix(" Samlet ") } ?? ""
        XCTAssertTrue(d.text.contains("Bergen Vest · kartlegging 2020"), d.text)
        XCTAssertTrue(overall.hasSuffix(shown), "\(overall) should end in \(shown)")
        XCTAssertTrue(d.text.contains("Kartlegging 2014: grønn"), d.text)
        XCTAssertTrue(d.text.contains("Etaten 2020:"), d.text)
        d.press(.char("y"))
        XCTAssertTrue(d.text.contains("kartlegging 2014"), "y wraps around")
    }

    /// The etat's column counts as the Red column does (issue 23, 4): for Bergen Vest in 2020
    /// the overall row's Red is 99 of 390 (25,4 %), and beside it the etat's red alone, not
    /// its red and blood-red (584 of 1 912, 30,5 %), under a head that says so.
    @Test func testTheEtatColumnCountsAsTheRedColumn() throws {
        var d = Driver(width: 120, height: 30, unit: "ph-vest", period: .tertial(2019, 3))
        d.press(.char("9"), .char("y"))
        let ds = d.snapshot.dataset, tree = ds.tree
        let etat = BrukerPlanView(dataset: ds, unit: tree.root, year: 2020), vest = BrukerPlanView(dataset: ds, unit: tree.index["ph-vest"]!, year: 2020)
        XCTAssertEqual([vest.overall[2], vest.mapped], [99, 390])
        XCTAssertEqual([etat.overall[2] + etat.overall[3], etat.mapped], [584, 1912])
        let l = L10n(.nb)
        let p = Views.panel(d.state, d.snapshot)
        let col = try XCTUnwrap(p.columns.firstIndex { $0.title == "Etat rød" })
        let overall = try XCTUnwrap(p.items.first)
        XCTAssertEqual(overall.cells[2 + 2].text, l.percent(99.0 / 390 * 100))
        XCTAssertEqual(overall.cells[col].text, l.percent(Double(etat.overall[2]) / 1912 * 100))
        XCTAssertNotEqual(overall.cells[col].text, "30,5 %")
    }

    /// Every figure whole at 80x24, in both languages and in ASCII.
    @Test func testNothingIsCutAt80x24() {
        for (lang, unicode) in [(Lang.nb, true), (.en, true), (.nb, false)] {
            var d = Driver(width: 80, height: 24, unit: "ph-vest", period: .tertial(2020, 3), lang: lang, unicode: unicode)
            d.press(.char("9"))
            let t = d.text
            // A figure cut at a column's or the screen's edge ends in a digit followed by the
            // cut mark (… or, on an ASCII terminal, ..): `+/-0,0..` was one.
            for line in lines(d) {
                XCTAssertNil(line.range(of: #"[0-9](…|\.\.)"#, options: .regularExpression), "cut figure: \(line)")
            }
            XCTAssertFalse(t.contains("Sosial kompeta…") || t.contains("Arbeid/aktivit…"), t)
            XCTAssertTrue(t.contains(lang == .nb ? "Sosial kompetanse" : "Social skills"), t)
        }
    }

    /// The cross table's heads are words apart in English too ("Blood-red" is nine letters:
    /// it ran into "Red" in an eight-wide column), and the counts stay under their heads.
    @Test func testTheCrossTableHeadsStandApartInEnglish() {
        var d = Driver(width: 100, height: 40, unit: "ph-vest", period: .tertial(2019, 3), lang: .en)
        d.press(.char("9"))
        let head = lines(d).first { $0.contains("Work/activity x overall") || $0.contains("Work/activity × overall") } ?? ""
        XCTAssertTrue(head.hasSuffix(" Green    Yellow       Red Blood-red"), "[\(head)]")
        let red = lines(d).first { $0.contains("red: none") } ?? ""
        XCTAssertEqual(red.count, head.count, "the counts end where their heads end: [\(red)] [\(head)]")
    }

    @Test func testWithoutAMappingTheScreenSaysWhereItComesFrom() throws {
        let dir = NSTemporaryDirectory() + "tertial-bp-" + UUID().uuidString
        try FileManager.default.copyItem(atPath: Sample.directory, toPath: dir)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.removeItem(atPath: dir + "/brukerplan")
        let snap = Engine.compute(try XCTUnwrap(Loader(directory: dir).load().dataset))
        var st = AppState(snapshot: snap, unit: nil, period: nil, lang: .nb, width: 100, height: 30, dataName: "x", unicode: true)
        st = Dashboard.update(st, .key(.char("9")), snap).0
        XCTAssertTrue(Dashboard.render(st, snap).text.contains("Ingen BrukerPlan-kartlegging i dataene (brukerplan/ÅR.csv"), Dashboard.render(st, snap).text)
    }
}
