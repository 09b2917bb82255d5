import Foundation
import Testing
import XCTestShim
@testable import Model
@testable import Reports

/// Reports on the sample data compared with reviewed golden files.
/// `UPDATE_GOLDEN=1 swift test --filter GoldenReportTests` rewrites them.
@Suite(.serialized) final class GoldenReportTests: TestCase {
    static let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("golden")

    func check(_ name: String, _ actual: String, file: StaticString = #filePath, line: UInt = #line) {
        let url = GoldenReportTests.dir.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
            try? FileManager.default.createDirectory(at: GoldenReportTests.dir, withIntermediateDirectories: true)
            try! actual.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            return XCTFail("no golden file \(name); run UPDATE_GOLDEN=1 swift test --filter GoldenReportTests and review it", file: file, line: line)
        }
        if actual != expected {
            let out = NSTemporaryDirectory() + name + ".actual"
            try? actual.write(toFile: out, atomically: true, encoding: .utf8)
            XCTFail("\(name) differs from its golden file; actual written to \(out)", file: file, line: line)
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
