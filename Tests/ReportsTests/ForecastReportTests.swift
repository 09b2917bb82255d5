import Foundation
import Testing
import TestSupport
@testable import Model
@testable import Reports

/// Issue 25: the waitlist forecast in `report waitlist` (csv, json, text), `--window`, the
/// catalogue's `forecast_window_months`, `--suppress-small`, and the tertial report. The
/// figures are ForecastFixture's, computed by hand.
@Suite(.serialized) final class ForecastReportTests: TestCase {
    func rows(_ csv: String) -> [String: [String]] {
        var out = [String: [String]]()
        for line in csv.split(separator: "\n") {
            let cells = line.split(separator: ";", omittingEmptySubsequences: false).map(String.init)
            out[cells[0]] = Array(cells.dropFirst())
        }
        return out
    }

    func number(_ s: String) -> Double? { Double(s.replacingOccurrences(of: ",", with: ".")) }

    @Test func testTheCSVRowsAreTheHandComputedFigures() throws {
        let fx = try ForecastFixture.write()
        let r = try Repo.run(["report", "waitlist", "--data", fx.path, "--at", "2020-08-31", "--format", "csv"])
        XCTAssertEqual(r.status, 0, r.err)
        let t = rows(r.out)
        // Columns: OMBPS2, OMBPS3, OMBPS4, BOSENTER, total.
        XCTAssertEqual(t["living_now"], ["OMBPS2", "OMBPS3", "OMBPS4", "BOSENTER", "total"])
        XCTAssertEqual(t["p_allocated_3m"]?[1], "0,300000")
        XCTAssertEqual(t["p_allocated_6m"]?[1], "0,500000")
        XCTAssertEqual(t["p_allocated_12m"]?[1], "0,500000")
        XCTAssertEqual(t["median_days_to_allocation"]?[1], "100")
        XCTAssertEqual(t["p_left_12m"]?[1], "0,100000")
        XCTAssertEqual(t["grants_12m"]?[1], "10")
        XCTAssertEqual(t["allocations_12m"]?[1], "5")
        XCTAssertEqual(t["cases_in_window"]?[1], "10")
        // Every category together: B is censored on day 91, before the allocations of day 100.
        XCTAssertEqual(try XCTUnwrap(number(t["p_allocated_3m"]?[4] ?? "")), 3.0 / 11, accuracy: 1e-6)
        XCTAssertEqual(try XCTUnwrap(number(t["p_allocated_6m"]?[4] ?? "")), 37.0 / 77, accuracy: 1e-6)
        XCTAssertEqual(t["cases_in_window"]?[4], "11")
        // The interval holds the estimate.
        for m in ["3m", "6m", "12m"] {
            let p = try XCTUnwrap(number(t["p_allocated_\(m)"]?[1] ?? "")), lo = try XCTUnwrap(number(t["p_allocated_\(m)_low"]?[1] ?? "")),
                hi = try XCTUnwrap(number(t["p_allocated_\(m)_high"]?[1] ?? ""))
            XCTAssertTrue(lo < p && p < hi, "\(m): \(lo) \(p) \(hi)")
        }
        // OMBPS2 has one case: no estimate, its count still given.
        XCTAssertEqual(t["p_allocated_3m"]?[0], "")
        XCTAssertEqual(t["median_days_to_allocation"]?[0], "")
        XCTAssertEqual(t["cases_in_window"]?[0], "1")
        // The rows before the forecast are as they were (a reader of them is not affected).
        XCTAssertEqual(t["waiting"], ["1", "4", "0", "0", "5"])
    }

    @Test func testJSONGivesEveryUnitUnderTheOneAskedFor() throws {
        let fx = try ForecastFixture.write()
        let r = try Repo.run(["report", "waitlist", "--data", fx.path, "--at", "2020-08-31", "--format", "json"])
        XCTAssertEqual(r.status, 0, r.err)
        let doc = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any])
        XCTAssertEqual(doc["window_months"] as? Int, 24)
        XCTAssertEqual(doc["minimum_cases"] as? Int, 10)
        let units = try XCTUnwrap(doc["units"] as? [[String: Any]])
        XCTAssertEqual(units.map { $0["unit"] as? String }, ["root", "a", "b"])
        func cat(_ u: Int, _ c: String) -> [String: Any] { ((units[u]["categories"] as? [String: Any])?[c] as? [String: Any]) ?? [:] }
        XCTAssertEqual(try XCTUnwrap(cat(0, "OMBPS3")["p_allocated_3m"] as? Double), 0.3, accuracy: 1e-9)
        XCTAssertEqual(try XCTUnwrap(cat(1, "OMBPS3")["p_left_12m"] as? Double), 0.1, accuracy: 1e-9)
        XCTAssertEqual(cat(1, "OMBPS3")["median_days_to_allocation"] as? Int, 100)
        XCTAssertEqual(try XCTUnwrap(cat(0, "all")["p_allocated_6m"] as? Double), 37.0 / 77, accuracy: 1e-9)
        // Unit B alone has one case: no estimate (null), its count said.
        XCTAssertTrue(cat(2, "OMBPS2")["p_allocated_3m"] is NSNull)
        XCTAssertEqual(cat(2, "OMBPS2")["cases_in_window"] as? Int, 1)
        XCTAssertEqual(cat(2, "OMBPS2")["waiting"] as? Int, 1)
    }

    @Test func testTheWindowComesFromTheOptionOrTheCatalogue() throws {
        let fx = try ForecastFixture.write()
        // Six months back from 31 August 2020 is 29 February: the grants of 1 February are out.
        var r = try Repo.run(["report", "waitlist", "--data", fx.path, "--at", "2020-08-31", "--format", "csv", "--window", "6"])
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertEqual(rows(r.out)["cases_in_window"]?[1], "0")
        XCTAssertEqual(rows(r.out)["p_allocated_3m"]?[1], "")
        XCTAssertEqual(rows(r.out)["cases_in_window"]?[4], "1")
        r = try Repo.run(["report", "waitlist", "--data", fx.path, "--window", "2"])
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.err.contains("--window 2"), r.err)
        let six = try ForecastFixture.write(window: "6")
        r = try Repo.run(["report", "waitlist", "--data", six.path, "--at", "2020-08-31", "--format", "json"])
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertTrue(r.out.contains("\"window_months\": 6"), r.out)
        r = try Repo.run(["report", "waitlist", "--data", six.path, "--at", "2020-08-31", "--format", "csv"])
        XCTAssertEqual(rows(r.out)["cases_in_window"]?[1], "0")
        // The option wins over the catalogue.
        r = try Repo.run(["report", "waitlist", "--data", six.path, "--at", "2020-08-31", "--format", "csv", "--window", "24"])
        XCTAssertEqual(rows(r.out)["cases_in_window"]?[1], "10")
        // A setting out of range is an error naming the file, line and key.
        let bad = try ForecastFixture.write(window: "two")
        r = try Repo.run(["check", bad.path])
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue((r.out + r.err).contains("indicators.yaml:1: forecast_window_months"), r.out + r.err)
    }

    @Test func testSuppressSmallHidesEstimatesOnFewCases() throws {
        let fx = try ForecastFixture.write()
        let r = try Repo.run(["report", "waitlist", "--data", fx.path, "--at", "2020-08-31", "--format", "csv", "--suppress-small", "11"])
        XCTAssertEqual(r.status, 0, r.err)
        let t = rows(r.out)
        XCTAssertEqual(t["cases_in_window"]?[1], "<11")
        XCTAssertEqual(t["p_allocated_3m"]?[1], "..")
        XCTAssertEqual(t["median_days_to_allocation"]?[1], "..")
        XCTAssertEqual(t["grants_12m"]?[1], "<11")
        // Eleven cases together are not small.
        XCTAssertEqual(t["cases_in_window"]?[4], "11")
        XCTAssertEqual(try XCTUnwrap(number(t["p_allocated_3m"]?[4] ?? "")), 3.0 / 11, accuracy: 1e-6)
    }

    @Test func testTextAndTheTertialReportSayTheFiguresInWords() throws {
        let fx = try ForecastFixture.write()
        for lang in ["nb", "en"] {
            let r = try Repo.run(["report", "waitlist", "--data", fx.path, "--at", "2020-08-31", "--lang", lang])
            XCTAssertEqual(r.status, 0, r.err)
            let row = r.out.split(separator: "\n").first { $0.contains("OMBPS3") && $0.contains("%") }.map(String.init) ?? ""
            XCTAssertTrue(row.contains(lang == "nb" ? "30,0 % (" : "30.0 % ("), row)
            XCTAssertTrue(row.contains("100 d"), row)
            XCTAssertTrue(r.out.contains("Aalen–Johansen"), r.out)
        }
        let s = Engine.compute(Loader(directory: fx.path).load().dataset!)
        let report = TertialReport(snapshot: s, unit: s.tree.root, period: .tertial(2020, 2))
        let md = report.text(markdown: true)
        XCTAssertTrue(md.contains("## Prognose: tid fra vedtak til tildelt bolig"), md)
        XCTAssertTrue(md.contains("| OMBPS3 | 10 | 30,0 % ("), md)
        let html = report.html()
        // The curve as inline SVG: OMBPS3's line rises to half, drawn with a title per line.
        XCTAssertTrue(html.contains("<title>OMBPS3</title></polyline>"), html)
        XCTAssertFalse(html.contains("<title>OMBPS2</title></polyline>"), "one case: no curve")
        // Every point of the curve is a pair of numbers, in order, inside the plot (x 40–630,
        // y 10–190); OMBPS3's ends at half (y 190 − 180 · 0.5 = 100) on day 212, where its
        // data end (x 40 + 590 · 212 / 730.5).
        let polyline = try XCTUnwrap(html.range(of: "points=\"[^\"]*\"><title>OMBPS3</title>", options: .regularExpression).map { String(html[$0]) })
        let points = try polyline.dropFirst("points=\"".count).prefix { $0 != "\"" }.split(separator: " ").map { pair -> (Double, Double) in
            let xy = pair.split(separator: ",").compactMap { Double($0) }
            XCTAssertEqual(xy.count, 2, String(pair))
            return (try XCTUnwrap(xy.first), try XCTUnwrap(xy.last))
        }
        XCTAssertTrue(zip(points, points.dropFirst()).allSatisfy { $0.0 <= $1.0 && $0.1 >= $1.1 }, "\(points)")
        XCTAssertTrue(points.allSatisfy { (40...630).contains($0.0) && (10...190).contains($0.1) }, "\(points)")
        XCTAssertEqual(try XCTUnwrap(points.last).1, 100, accuracy: 0.05)
        XCTAssertEqual(try XCTUnwrap(points.last).0, 40 + 590 * 212 / 730.5, accuracy: 0.05)
        // `report --window 6`: the February grants are out of the window.
        var opts = ReportOptions()
        opts.windowMonths = 6
        let six = TertialReport(snapshot: s, unit: s.tree.root, period: .tertial(2020, 2), options: opts).text(markdown: true)
        XCTAssertTrue(six.contains("| OMBPS3 | 0 | – |"), six)
        XCTAssertTrue(six.contains("de siste 6 månedene"), six)
    }
}

/// The width of the characters the dashboard draws most is taken without a Unicode lookup
/// (a speed-up for the forecast's block curve and every æøå): each of them is one column,
/// as the lookup would say (none is a combining mark, a format character or wide).
@Suite final class DisplayWidthFastPathTests: TestCase {
    @Test func testTheFastRangesAreOneColumnByTheirProperties() throws {
        var checked = 0
        for range in [0xA0..<0x300, 0x2010..<0x2028, 0x2190..<0x2200, 0x2500..<0x25A0] {
            for v in range {
                let u = try XCTUnwrap(Unicode.Scalar(v))
                let category = u.properties.generalCategory
                let zero = [.nonspacingMark, .enclosingMark, .format].contains(category)
                XCTAssertEqual(DisplayWidth.width(u), zero ? 0 : 1, String(format: "U+%04X", v))
                checked += 1
            }
        }
        XCTAssertEqual(checked, 0x260 + 0x18 + 0x70 + 0xA0)
        XCTAssertEqual(DisplayWidth.of("Bolig innen 3 mnd 30,0 % · ▁▂█ æøå"), 34)
        XCTAssertEqual(DisplayWidth.of("\u{00AD}"), 0, "the soft hyphen is a format character")
    }
}
