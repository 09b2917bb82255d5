import Foundation
import Testing
import TestSupport
@testable import Model
@testable import Reports

/// Reports on the sample data compared with reviewed golden files.
/// `UPDATE_GOLDEN=1 swift test --filter GoldenReportTests` rewrites them.
@Suite(.serialized) final class GoldenReportTests: TestCase {
    static let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("golden")

    func check(_ name: String, _ actual: String, file: StaticString = #filePath, line: UInt = #line) {
        if let problem = Golden.compare(actual, to: GoldenReportTests.dir.appendingPathComponent(name), updateHint: "GoldenReportTests") {
            XCTFail(problem, file: file, line: line)
        }
    }

    @Test func testGoldenReports() {
        let s = Repo.snapshot
        let vest = s.tree.index["ph-vest"]!, t3 = Period.tertial(2019, 3)
        check("vest-2019-T3.md", TertialReport(snapshot: s, unit: vest, period: t3).text(markdown: true))
        check("etat-2020-T3.txt", TertialReport(snapshot: s, unit: s.tree.root, period: .tertial(2020, 3)).text(markdown: false))
        check("vest-2020-T3-en-suppressed.md", TertialReport(snapshot: s, unit: vest, period: .tertial(2020, 3), options: ReportOptions(lang: .en, suppressSmall: 5)).text(markdown: true))
        check("etat-2019-T3.csv", Renderers.csv(s, unit: s.tree.root, periods: [t3]))
        check("corporater-vest-2020-T3.csv", CorporaterSheet(snapshot: s, unit: vest, period: .tertial(2020, 3), display: Display(lang: .nb)).csv(lang: .nb))
        check("waitlist-2019-12-31.txt", WaitlistReport.text(s.waitlist(unit: s.tree.root, at: Day(year: 2019, month: 12, day: 31)!), snapshot: s, lang: .nb, markdown: false))
    }
}
