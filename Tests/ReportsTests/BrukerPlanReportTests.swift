import Foundation
import Testing
import TestSupport
@testable import Model
@testable import Reports

/// The tertial report's BrukerPlan section: the 2014 figures of the seed in text and HTML,
/// the change against the previous mapping, and counts suppressed for sharing.
@Suite(.serialized) final class BrukerPlanReportTests: TestCase {
    static var snapshot: Snapshot { SampleData.snapshot }

    func report(_ unit: String, _ p: Period, lang: Lang = .nb, suppress: Int? = nil) throws -> TertialReport {
        let s = BrukerPlanReportTests.snapshot
        return TertialReport(snapshot: s, unit: try XCTUnwrap(s.tree.index[unit]), period: p,
                             options: ReportOptions(lang: lang, suppressSmall: suppress))
    }

    @Test func testThe2014FiguresInTheReport() throws {
        let text = try report("ephrt", .tertial(2019, 3)).text(markdown: true)
        XCTAssertTrue(text.contains("BrukerPlan: funksjonsnivå"), text)
        XCTAssertTrue(text.contains("Kartleggingen 2014 for Etat for psykisk helse og rustjenester: 1\u{00A0}845 tjenestemottakere"), text)
        XCTAssertTrue(text.contains("| Samlet funksjonsnivå | 79 (4,3 %) | 1\u{00A0}229 (66,6 %) | 523 (28,3 %) | 14 (0,8 %) |"), text)
        XCTAssertTrue(text.contains("| Arbeid/aktivitet | 663 (35,9 %) | 737 (39,9 %) | 445 (24,1 %) |"), text)
        XCTAssertTrue(text.contains("| rød: ingen | 0 | 96 | 336 | 13 | 445 |"), text)
        XCTAssertTrue(text.contains("549 av 1\u{00A0}752 (31,3 %) · blodrød uten plan: 2"), text)
        XCTAssertTrue(text.contains("IP 206 · andre planer 629 · ansvarsgruppe 390"), text)
        let html = try report("ephrt", .tertial(2019, 3)).html()
        XCTAssertTrue(html.contains("BrukerPlan: funksjonsnivå") && html.contains("549 av 1\u{00A0}752"), "HTML carries the section")
    }

    /// 2020 against 2014 for Bergen Vest: its predecessors' mapping is the comparison.
    @Test func testTheChangeAgainstThePreviousMapping() throws {
        let s = BrukerPlanReportTests.snapshot, ds = s.dataset
        let u = ds.tree.index["ph-vest"]!
        let now = BrukerPlanRow.rows(BrukerPlanView(dataset: ds, unit: u, year: 2020))[0]
        let then = BrukerPlanRow.rows(BrukerPlanView(dataset: ds, unit: u, year: 2014))[0]
        let l = L10n(.en)
        let text = try report("ph-vest", .tertial(2020, 3), lang: .en).text(markdown: true)
        XCTAssertTrue(text.contains("The 2020 mapping for Bergen Vest"), text)
        XCTAssertTrue(text.contains("| Red 2014 | Change |"), text)
        XCTAssertTrue(text.contains(l.percent(then.redShare!) + " | " + l.points(now.redShare! - then.redShare!) + " |"), text)
    }

    /// With --suppress-small 5 a count under 5 is `<5` and its share is not given.
    @Test func testSmallCountsAreSuppressed() throws {
        let text = try report("ph-vest", .tertial(2020, 3), lang: .en, suppress: 5).text(markdown: true)
        let overall = text.split(separator: "\n").first { $0.hasPrefix("| Overall functional level |") }.map(String.init) ?? ""
        XCTAssertTrue(overall.contains("| <5 |"), overall)   // 3 blood-red in Bergen Vest
        XCTAssertFalse(overall.contains("<5 ("), "no share next to a suppressed count: \(overall)")
    }
}
