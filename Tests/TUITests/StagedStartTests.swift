import Foundation
import Testing
import TestSupport
@testable import Model
@testable import Reports
@testable import TUI

/// The first frame of a start whose register files are still being read: the reported
/// figures as always, the register figures as pending (never 0 or "missing"), the waitlist,
/// IP and BrukerPlan screens saying they are coming, and the bottom line saying why.
@Suite(.serialized) final class StagedStartTests: TestCase {
    func state(_ snap: Snapshot, lang: Lang = .nb, unicode: Bool = true) -> AppState {
        var st = AppState(snapshot: snap, period: .tertial(2019, 3), lang: lang, width: 100, height: 30, dataName: "sample-data", unicode: unicode)
        st.loadedAt = "12:00:00"
        return Dashboard.update(st, .resize(width: 100, height: 30), snap).0
    }

    func press(_ st: inout AppState, _ snap: Snapshot, _ k: Key) { st = Dashboard.update(st, .key(k), snap).0 }

    @Test func testRegisterFiguresArePendingUntilTheirFilesAreRead() {
        let loader = Loader(directory: Sample.directory)
        let early = Engine.compute(loader.load(registersLaterOver: 0).dataset!)
        XCTAssertTrue(early.registersPending)
        var st = state(early)
        let overview = Dashboard.render(st, early).text
        XCTAssertTrue(overview.contains("Leser venteliste, IP og BrukerPlan: tall derfra vises som … til de er klare"), overview)
        XCTAssertTrue(overview.contains("leser venteliste og IP …"), overview)
        XCTAssertFalse(overview.contains("Venter: 0"), "no zero waitlist while it is read")
        // The scorecard keeps the waitlist's row, with a pending mark instead of a figure.
        press(&st, early, .char("2"))
        let name = early.indicators[early.dataset.indicatorIndex["waitlist_total"]!].name
        let row = Views.panel(st, early).items.first { $0.search == name }
        XCTAssertEqual(row?.cells[1].text, "…", "\(row.map { $0.cells.map(\.text) } ?? [])")
        XCTAssertEqual(row?.cells[3].text, "", "no status while pending")
        // A reported indicator has its figure.
        let reported = Views.panel(st, early).items.first { $0.search == early.indicators[early.dataset.indicatorIndex["activity_share"]!].name }
        XCTAssertNotNil(reported.flatMap { Double($0.cells[1].text.replacingOccurrences(of: ",", with: ".").replacingOccurrences(of: " %", with: "")) })
        // No report is exported with figures missing: the key says to wait.
        var ex = st
        press(&ex, early, .char("e"))
        XCTAssertEqual(ex.message, "Eksport venter til venteliste og IP er lest (et øyeblikk)")
        if case .export = ex.mode { XCTFail("the export prompt opened while figures are pending") }
        // Side by side: the waitlist's column pending too (Arbeidsprosesser is the perspective).
        var cmp = st
        press(&cmp, early, .char("8"))
        for _ in 0..<6 where !Views.panel(cmp, early).title.contains("Arbeidsprosesser") { press(&cmp, early, .char("p")) }
        let compare = Views.panel(cmp, early)
        if let col = compare.columns.firstIndex(where: { $0.title == name }) {
            XCTAssertTrue(compare.items.allSatisfy { $0.cells[col].text == "…" }, "\(compare.items.map { $0.cells[col].text })")
        } else { XCTFail("no waitlist column in \(compare.title): \(compare.columns.map(\.title))") }
        press(&st, early, .char("3"))
        XCTAssertTrue(Dashboard.render(st, early).text.contains("Leser fortsatt venteliste, IP og BrukerPlan; tallene kommer straks."), Dashboard.render(st, early).text)
        XCTAssertFalse(Dashboard.render(st, early).text.contains("Ingenting å vise her"), "the line under the list says why it is empty")

        // Read: the same row has its figure.
        let late = Engine.compute(loader.load().dataset!, previous: early)
        var st2 = state(late)
        press(&st2, late, .char("2"))
        let after = Views.panel(st2, late).items.first { $0.search == name }
        XCTAssertNotEqual(after?.cells[1].text, "…")
        XCTAssertFalse(Dashboard.render(st2, late).text.contains("Leser venteliste"))
    }

    @Test func testInEnglishAndASCII() {
        let early = Engine.compute(Loader(directory: Sample.directory).load(registersLaterOver: 0).dataset!)
        let st = state(early, lang: .en, unicode: false)
        let text = Dashboard.render(st, early).text
        // Whole at 80 columns too, in ASCII.
        let narrow = Dashboard.render(Dashboard.update(st, .resize(width: 80, height: 24), early).0, early).text
        XCTAssertTrue(narrow.contains("Reading waitlist, IP and BrukerPlan: their figures show as ... until ready"), narrow)
        let nbNarrow = Dashboard.render(Dashboard.update(state(early, unicode: false), .resize(width: 80, height: 24), early).0, early).text
        XCTAssertTrue(nbNarrow.contains("Leser venteliste, IP og BrukerPlan: tall derfra vises som ... til de er klare"), nbNarrow)
        XCTAssertTrue(text.contains("Reading waitlist, IP and BrukerPlan: their figures show as ... until ready"), text)
    }
}
