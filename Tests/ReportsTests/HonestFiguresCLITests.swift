import Foundation
import Testing
import TestSupport
@testable import Model
@testable import Reports

/// Items of the issue on honest figures that the command line shows.
@Suite(.serialized) final class HonestFiguresCLITests: TestCase {
    /// A waitlist on a day the data does not cover is refused, not shown as 0 waiting or a
    /// median wait of 3465 days.
    @Test func testWaitlistOutsideTheDataIsRefused() throws {
        for day in ["2030-01-01", "2017-01-01"] {
            let r = try Repo.run(["report", "waitlist", "--at", day, "--lang", "en"])
            XCTAssertEqual(r.status, 64, r.out)
            XCTAssertTrue(r.err.contains("\(day) is outside the data (2018-01-01 to 2020-12-31)"), r.err)
        }
        XCTAssertEqual(try Repo.run(["report", "waitlist", "--at", "2019-12-31"]).status, 0)
    }

    /// Table 7 is the most identifying table: small counts are suppressed like in the tertial report.
    @Test func testWaitlistReportSuppressesSmallCounts() throws {
        let r = try Repo.run(["report", "waitlist", "--at", "2019-12-31", "--suppress-small", "5", "--format", "csv"])
        XCTAssertEqual(r.status, 0, r.err)
        // Table 7: bostedsløs 0, 3, 1, 0 (sum 4); the 3 and 1 and the sum are below 5.
        XCTAssertTrue(r.out.contains("bostedslos;0;<5;<5;0;<5\n"), r.out)
        XCTAssertTrue(r.out.contains("waiting;10;10;13;<5;35\n"), r.out)
        XCTAssertTrue(r.out.contains("median_wait_days;") && r.out.split(separator: "\n").first { $0.hasPrefix("median_wait_days") }!.split(separator: ";")[4] == "..", r.out)
        let text = try Repo.run(["report", "waitlist", "--at", "2019-12-31", "--suppress-small", "5"])
        XCTAssertTrue(text.out.contains("bostedsløse: <5"), text.out)
        // (The forecast's headings name months: "Innen 3 mnd"; its counts are checked in ForecastReportTests.)
        let tables = text.out.components(separatedBy: "Prognose:")[0]
        XCTAssertFalse(tables.contains(" 3 "), "no count between 1 and 4 shown: \(tables)")
    }

    /// Both sheets check `--suppress-small` the same way (one option group): Corporater took 1
    /// (nothing suppressed, no word said) before issue 22.
    @Test func testBothSheetsRefuseASuppressionBelowTwo() throws {
        for sheet in ["waitlist", "corporater"] {
            let r = try Repo.run(["report", sheet, "--suppress-small", "1"])
            XCTAssertEqual(r.status, 64, "\(sheet): \(r.err)")
            XCTAssertTrue(r.err.contains("--suppress-small"), r.err)
        }
    }

    /// ArgumentParser prints the default itself; the help text must not say it again.
    @Test func testHelpSaysEachDefaultOnce() throws {
        for cmd in [["check", "--help"], ["report", "--help"], ["dashboard", "--help"]] {
            let r = try Repo.run(cmd)
            XCTAssertLessThanOrEqual(r.out.components(separatedBy: "(default: sample-data)").count - 1, 1, r.out)
        }
    }

    /// A total built on fewer units than are due is incomplete: no verdict, no change, never
    /// among the biggest changes, and the CSV says how many were there (was "83 ▲ gul −52 verre").
    @Test func testAnIncompleteTotalGetsNoVerdictAndNoChange() throws {
        let s = Repo.snapshot
        let c = try XCTUnwrap(s.cell("staff_external_supervision", "ephrt", .tertial(2020, 3)))
        XCTAssertTrue(c.isPartial)
        XCTAssertEqual(c.present, 4)
        XCTAssertEqual(c.expected, 5)
        XCTAssertEqual(c.status, Status.none, "83 against a target of 100 is not yellow when a unit is missing")
        XCTAssertNil(c.change)
        XCTAssertNil(c.changeYear)
        let report = TertialReport(snapshot: s, unit: s.tree.root, period: .tertial(2020, 3))
        XCTAssertFalse(report.biggestChanges.contains { s.indicators[$0.indicator].id == "staff_external_supervision" })
        XCTAssertFalse(report.scorecard.deviations.contains { $0.indicator.map { s.indicators[$0].id } == "staff_external_supervision" && $0.unit == s.tree.root })
        let line = report.text(markdown: false).split(separator: "\n").first { $0.hasPrefix("  Ansatte i regelmessig ekstern veiledning") }.map(String.init) ?? ""
        XCTAssertEqual(line.split(separator: " ", omittingEmptySubsequences: true).suffix(4), ["83", "(4/5)", "100", "ufullstendig"], line)
        let r = try Repo.run(["report", "--period", "2020-T3", "--format", "csv"])
        XCTAssertTrue(r.out.contains("2020-T3;ephrt;staff_external_supervision;83;100;none;4/5\n"), r.out)
        // A complete total keeps its verdict and change.
        let full = try XCTUnwrap(s.cell("staff_user_experience", "ephrt", .tertial(2020, 3)))
        XCTAssertFalse(full.isPartial)
        XCTAssertEqual(full.status, .yellow)
        XCTAssertNotNil(full.change)
    }

    /// No change against a period before the unit existed (the bosentre unit, created
    /// 1.3.2020, showed "Siden i fjor +24"), unless its predecessors existed then (Bergen Vest
    /// in 2019 is Laksevåg and Fyllingsdalen).
    @Test func testNoChangeAgainstAPeriodBeforeTheUnitExisted() throws {
        let s = Repo.snapshot
        var withYearChange = 0, withChange = 0
        for ind in s.indicators {
            guard let c = s.cell(ind.id, "ph-bosenter", .tertial(2020, 3)) else { continue }
            if c.changeYear != nil { withYearChange += 1 }
            if c.change != nil { withChange += 1 }
            XCTAssertNil(s.cell(ind.id, "ph-bosenter", .tertial(2020, 1))?.change, "\(ind.id): T3 2019 is before the unit")
        }
        XCTAssertEqual(withYearChange, 0)
        XCTAssertGreaterThan(withChange, 0, "T2 2020 is comparable: the unit existed")
        let vest = try XCTUnwrap(s.cell("ip_coverage", "ph-vest", .tertial(2019, 3)))
        XCTAssertNotNil(vest.change, "Bergen Vest's predecessors existed in T2 2019")
    }

    /// One message for a data directory that is missing or is a file, with its path once
    /// and no follow-on errors (was `/nonexistent//nonexistent: …` and a false
    /// `units.csv: parent: no unit without a parent`).
    @Test func testOneClearMessageForAMissingDataDirectory() throws {
        let r = try Repo.run(["report", "--data", "/nonexistent", "--lang", "en"])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.err.hasPrefix("error: /nonexistent: the data directory does not exist or is not a directory (expected"), r.err)
        XCTAssertFalse(r.err.contains("no unit without a parent"), r.err)
        XCTAssertEqual(r.err.split(separator: "\n").count, 2, "the error and the hint to run check: \(r.err)")
        let c = try Repo.run(["check", "README.md", "--lang", "en"])
        XCTAssertEqual(c.status, 1)
        XCTAssertTrue(c.out.hasPrefix("error: README.md: the data directory does not exist or is not a directory"), c.out)
        XCTAssertFalse(c.out.contains("README.md/README.md"), c.out)
    }

    /// Every command-line message in bokmål by default and English with --lang en, the
    /// argument parser's frame included (issue 9, item 21); an error that only the data
    /// reveals has no usage line of the root command.
    @Test func testTheCommandLineSpeaksTheUsersLanguage() throws {
        let r = try Repo.run(["report", "--foo"])
        XCTAssertEqual(r.status, 64)
        XCTAssertTrue(r.err.hasPrefix("Feil: Ukjent valg «--foo»."), r.err)
        XCTAssertTrue(r.err.contains("Bruk: tertial report scorecard"), r.err)
        XCTAssertFalse(r.err.contains("Error:") || r.err.contains("Usage:") || r.err.contains("Unknown option"), r.err)
        // Without a suggestion ArgumentParser ends the sentence without a stop; it was left in English.
        let plain = try Repo.run(["report", "--bogus"])
        XCTAssertTrue(plain.err.hasPrefix("Feil: Ukjent valg «--bogus»\n"), plain.err)
        let en = try Repo.run(["report", "--foo", "--lang", "en"])
        XCTAssertTrue(en.err.hasPrefix("Error: Unknown option '--foo'."), en.err)
        let format = try Repo.run(["report", "--format", "xyz"])
        XCTAssertTrue(format.err.hasPrefix("Feil: Verdien «xyz» passer ikke for «--format <format>». Bruk en av"), format.err)
        let unit = try Repo.run(["report", "--unit", "zz"])
        XCTAssertEqual(unit.status, 64)
        XCTAssertTrue(unit.err.hasPrefix("tertial: ukjent enhet «zz»; enhetene er: ephrt, "), unit.err)
        XCTAssertFalse(unit.err.contains("Bruk:"), unit.err)
        let period = try Repo.run(["report", "--period", "2030-T1"])
        XCTAssertEqual(period.err, "tertial: 2030-T1 ligger utenfor dataene (01.01.2018 til 31.12.2020)\n")
    }
}
