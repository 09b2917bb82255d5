import Foundation
import Testing
import TestSupport
@testable import Model
@testable import Reports

/// Issue 9, items 4 and 6: one definition per count, and annual indicators in a tertial.
@Suite(.serialized) final class CountsAndAnnualTests: TestCase {
    var dir = ""

    override func setUpWithError() throws {
        dir = NSTemporaryDirectory() + "tertial-annual-" + UUID().uuidString
        let files = [
            "units.csv": """
            id;name;parent;kind;from;to;successor
            root;Etaten;;etat;;;
            a;Enhet A;root;resultatenhet;;;
            b;Enhet B;root;resultatenhet;;;
            """,
            "indicators.yaml": """
            indicators:
              - id: users
                reported_by: [resultatenhet]
              - id: due
                frequency: year
                reported_by: [resultatenhet]
              - id: held
                frequency: year
                reported_by: [resultatenhet]
              - id: rate
                source: formula
                formula: held / due
                unit: percent
                direction: higher
                target: 90
                warn: 75
            """,
            // Two years of annual figures; tertials of 2020 with users.
            "reports/2019-aarlig.csv": """
            period;unit;indicator;value;comment
            2019;a;due;10;
            2019;b;due;10;
            2019;a;held;6;
            2019;b;held;8;
            """,
            "reports/2020-aarlig.csv": """
            period;unit;indicator;value;comment
            2020;a;due;10;
            2020;b;due;10;
            2020;a;held;9;
            2020;b;held;10;
            """,
            "reports/2020-T1.csv": "period;unit;indicator;value;comment\n2020-T1;a;users;5;\n2020-T1;b;users;7;\n",
            "reports/2020-T2.csv": "period;unit;indicator;value;comment\n2020-T2;a;users;5;\n2020-T2;b;users;7;\n",
            "reports/2020-T3.csv": "period;unit;indicator;value;comment\n2020-T3;a;users;5;\n",
        ]
        for (name, text) in files {
            let path = dir + "/" + name
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        }
    }

    deinit { try? FileManager.default.removeItem(atPath: dir) }

    func snapshot() throws -> Snapshot {
        let r = Loader(directory: dir, today: Day(civil: 2021, 2, 1)).load()
        return Engine.compute(try XCTUnwrap(r.dataset, r.diagnostics.map(\.description).joined(separator: "\n")))
    }

    /// A share of two annual counts is annual (it was a tertial figure that was always empty).
    @Test func testAFormulaOverAnnualCountsIsAnnual() throws {
        let s = try snapshot()
        XCTAssertEqual(s.indicators[s.dataset.indicatorIndex["rate"]!].frequency, .year)
        // (9 + 10) / (10 + 10) = 95 % for 2020; (6 + 8) / 20 = 70 % for 2019.
        XCTAssertEqual(try XCTUnwrap(s.value("rate", "root", .year(2020))), 95, accuracy: 1e-9)
        XCTAssertEqual(try XCTUnwrap(s.value("rate", "root", .year(2019))), 70, accuracy: 1e-9)
    }

    /// In a tertial, an annual indicator shows its latest year that has ended by then: T3 2020
    /// ends with 2020, T1 2020 shows 2019; each with that year's status.
    @Test func testAnAnnualIndicatorInATertialShowsItsLatestYear() throws {
        let s = try snapshot()
        let rate = s.dataset.indicatorIndex["rate"]!
        XCTAssertEqual(s.shownPeriod(indicator: rate, for: .tertial(2020, 3)), .year(2020))
        XCTAssertEqual(s.shownPeriod(indicator: rate, for: .tertial(2020, 1)), .year(2019))
        XCTAssertEqual(s.shownPeriod(indicator: s.dataset.indicatorIndex["users"]!, for: .tertial(2020, 1)), .tertial(2020, 1))

        let t1 = try XCTUnwrap(ScorecardReport.rows(s, unit: s.tree.root, period: .tertial(2020, 1)).first { $0.indicator == rate })
        XCTAssertEqual(t1.period, .year(2019))
        XCTAssertEqual(try XCTUnwrap(t1.cell.value), 70, accuracy: 1e-9)
        XCTAssertEqual(t1.cell.status, .red)
        let t3 = try XCTUnwrap(ScorecardReport.rows(s, unit: s.tree.root, period: .tertial(2020, 3)).first { $0.indicator == rate })
        XCTAssertEqual(t3.period, .year(2020))
        XCTAssertEqual(t3.cell.status, .green)

        // The report names the year beside the indicator; the CSV lists it once, under 2020.
        let text = TertialReport(snapshot: s, unit: s.tree.root, period: .tertial(2020, 1)).text(markdown: false)
        let line = try XCTUnwrap(text.split(separator: "\n").first { $0.contains("rate (2019)") }, text)
        XCTAssertTrue(line.contains("70,0 %"), String(line))
        let csv = Renderers.csv(s, unit: s.tree.root, periods: [.tertial(2020, 1), .tertial(2020, 2), .tertial(2020, 3)])
        XCTAssertFalse(csv.contains(";rate;"), "an annual value is not repeated under each tertial:\n" + csv)
    }

    /// The overview's count, the scorecard's rows and the status counts all come from one
    /// definition; the incomplete total is counted as such, not as missing and not left out.
    @Test func testCountsShareOneDefinition() throws {
        let s = try snapshot()
        let rows = ScorecardReport.rows(s, unit: s.tree.root, period: .tertial(2020, 3))
        // users (incomplete: b did not report in T3), due, held, rate = 4 indicators.
        XCTAssertEqual(rows.count, 4)
        let users = try XCTUnwrap(rows.first { s.indicators[$0.indicator].id == "users" })
        XCTAssertTrue(users.cell.isPartial)
        XCTAssertEqual(users.cell.status, Status.none)
        let comp = s.completeness(unit: s.tree.root, period: .tertial(2020, 3))
        XCTAssertEqual(comp.missing.count, 1, "b's users value is the one missing report")
    }
}
