import Foundation
import Testing
import TestSupport
@testable import Model

/// Every kind of bad input: refused with a message naming file, line and field.
@Suite(.serialized) final class LoaderErrorTests: TestCase {
    let catalogue = Fixture.catalogue("""
      - id: staff
        name: Ansatte
        direction: higher
        reported_by: [resultatenhet, byomrade]
    """)

    func fixture(reports: String, extra: [String: String] = [:]) -> Fixture {
        var files = ["units.csv": Fixture.mergingUnits, "indicators.yaml": catalogue, "reports/a.csv": reports]
        for (k, v) in extra { files[k] = v }
        return Fixture(files)
    }

    func onlyError(_ r: LoadResult, file: StaticString = #filePath, line: UInt = #line) -> Diagnostic? {
        XCTAssertNil(r.dataset, "an error must stop the load", file: file, line: line)
        XCTAssertEqual(r.diagnostics.errors.count, 1, r.diagnostics.map(\.description).joined(separator: "\n"), file: file, line: line)
        return r.diagnostics.errors.first
    }

    @Test func testValidFixtureLoads() {
        let f = fixture(reports: "period;unit;indicator;value\n2019-T3;a;staff;12\n")
        XCTAssertNotNil(f.load().dataset)
    }

    /// A file that tertial does not read is named in a warning and never parsed as data
    /// (a stray file in ip/ is not an IP snapshot); hidden, lock and README files are quiet.
    @Test func testUnknownFilesAreNamedNotGuessedAt() {
        let f = fixture(reports: "period;unit;indicator;value\n2019-T3;a;staff;12\n",
                        extra: ["ip/notater.txt": "user;unit\nx;a\n", "budsjett.xlsx": "x", "reports/2019-T3.csv.bak": "garbage",
                                "README.md": "# data", "reports/.~lock.a.csv#": "", "reports/~$a.csv": ""])
        let r = f.load()
        XCTAssertNotNil(r.dataset, r.diagnostics.map(\.description).joined(separator: "\n"))
        XCTAssertEqual(r.diagnostics.warnings.map(\.file).sorted(), ["budsjett.xlsx", "ip/notater.txt", "reports/2019-T3.csv.bak"])
        XCTAssertTrue(r.diagnostics.warnings.allSatisfy { $0.message.contains("does not read") })
        XCTAssertEqual(r.dataset?.ip.count, 0)
        XCTAssertEqual(r.dataset?.reports.count, 1)
    }

    /// Every kind of file comes from the one table: each required one is refused when missing.
    @Test func testRequiredSourcesComeFromTheTable() {
        for kind in DataSources.all where kind.required {
            guard case .file(let name) = kind.place else { continue }
            let f = fixture(reports: "period;unit;indicator;value\n2019-T3;a;staff;12\n")
            f.remove(name)
            XCTAssertTrue(f.load().diagnostics.errors.contains { $0.file == name && $0.message.contains("missing") }, name)
        }
        XCTAssertEqual(DataSources.folders, ["", "reports", "ip", "brukerplan"])
        XCTAssertEqual(DataSources.kind(of: "ip/2019-T3.csv")?.name, "ip")
        XCTAssertNil(DataSources.kind(of: "ip/old/2019-T3.csv"))
        XCTAssertNil(DataSources.kind(of: "extra.csv"))
    }

    @Test func testBadNumberNamesFileLineFieldAndExpectation() {
        let f = fixture(reports: "period;unit;indicator;value\n2019-T3;a;staff;12\n2019-T3;b;staff;12x\n")
        let d = onlyError(f.load())
        XCTAssertEqual(d?.file, "reports/a.csv")
        XCTAssertEqual(d?.line, 3)
        XCTAssertEqual(d?.field, "value")
        XCTAssertEqual(d?.description.hasPrefix("reports/a.csv:3: value: \"12x\" is not a number (expected a number"), true, d?.description ?? "")
    }

    @Test func testAllProblemsOfAFileAreCollected() {
        let f = fixture(reports: "period;unit;indicator;value\n2019-T3;a;staff;x\n2019-T9;b;staff;1\n2019-T3;a;staff;\n")
        let r = f.load()
        XCTAssertNil(r.dataset)
        XCTAssertEqual(r.diagnostics.errors.map(\.line), [2, 3])
        XCTAssertEqual(r.diagnostics.errors.map(\.field), ["value", "period"])
    }

    @Test func testUnknownUnitAndIndicator() {
        let f = fixture(reports: "period;unit;indicator;value\n2019-T3;zz;staff;1\n2019-T3;a;nope;1\n")
        let r = f.load()
        XCTAssertNil(r.dataset)
        XCTAssertEqual(r.diagnostics.errors.first(field: "unit")?.line, 2)
        XCTAssertEqual(r.diagnostics.errors.first(field: "indicator")?.line, 3)
        XCTAssertTrue(r.diagnostics.errors.first(field: "indicator")!.message.contains("\"nope\" is not in indicators.yaml"))
    }

    @Test func testDuplicateAcrossFilesNamesBothPlaces() {
        let f = fixture(reports: "period;unit;indicator;value\n2019-T3;a;staff;1\n",
                        extra: ["reports/b.csv": "period;unit;indicator;value\n2019-T2;a;staff;1\n2019-T3;a;staff;2\n"])
        let d = onlyError(f.load())
        XCTAssertEqual(d?.file, "reports/b.csv")
        XCTAssertEqual(d?.line, 3)
        XCTAssertTrue(d?.message.contains("reports/a.csv:2") == true, d?.message ?? "")
    }

    /// Three rows for one figure, among others: each later row is an error that names the
    /// first row (not the one before it), in the order of the rows.
    @Test func testEveryLaterCopyNamesTheFirstRow() {
        let f = fixture(reports: "period;unit;indicator;value\n2019-T2;b;staff;1\n2019-T3;a;staff;1\n2019-T2;a;staff;5\n",
                        extra: ["reports/b.csv": "period;unit;indicator;value\n2019-T3;a;staff;2\n2019-T2;b;staff;3\n2019-T3;a;staff;4\n"])
        let r = f.load()
        XCTAssertNil(r.dataset)
        let errors = r.diagnostics.errors
        XCTAssertEqual(errors.map { "\($0.file):\($0.line ?? 0)" }, ["reports/b.csv:2", "reports/b.csv:3", "reports/b.csv:4"])
        XCTAssertTrue(errors[0].message.contains("reports/a.csv:3"), errors[0].message)
        XCTAssertTrue(errors[1].message.contains("reports/a.csv:2"), errors[1].message)
        XCTAssertTrue(errors[2].message.contains("reports/a.csv:3"), errors[2].message)
        XCTAssertTrue(errors.allSatisfy { $0.field == "indicator" && $0.message.contains("staff") })
    }

    @Test func testMissingColumn() {
        let f = fixture(reports: "period;unit;indicator\n2019-T3;a;staff\n")
        let d = onlyError(f.load())
        XCTAssertEqual(d?.line, 1)
        XCTAssertEqual(d?.field, "value")
        XCTAssertEqual(d?.message, "the column is missing")
    }

    @Test func testPeriodOfTheWrongKind() {
        let f = fixture(reports: "period;unit;indicator;value\n2019-11;a;staff;1\n")
        let d = onlyError(f.load())
        XCTAssertEqual(d?.field, "period")
        XCTAssertEqual(d?.message, "2019-11 is a month, but staff is reported per tertial")
    }

    @Test func testBadEnumInCatalogueNamesItsLine() {
        let f = fixture(reports: "period;unit;indicator;value\n", extra: ["indicators.yaml": """
        indicators:
          - id: staff
            name: Ansatte
            direction: up
        """])
        let d = onlyError(f.load())
        XCTAssertEqual(d?.file, "indicators.yaml")
        XCTAssertEqual(d?.line, 4)
        XCTAssertEqual(d?.field, "direction")
        XCTAssertEqual(d?.expected, "higher | lower | none")
    }

    @Test func testYAMLSyntaxError() {
        let f = fixture(reports: "period;unit;indicator;value\n", extra: ["indicators.yaml": "indicators:\n  - id: a\n    name: [unclosed\n"])
        let r = f.load()
        XCTAssertNil(r.dataset)
        XCTAssertEqual(r.diagnostics.errors.first?.file, "indicators.yaml")
        XCTAssertNotNil(r.diagnostics.errors.first?.line)
    }

    @Test func testFormulaWithUnknownOperandAndCycle() {
        let f = fixture(reports: "period;unit;indicator;value\n", extra: ["indicators.yaml": """
        indicators:
          - id: x
            source: formula
            formula: y / nothing
          - id: y
            source: formula
            formula: x / x
        """])
        let r = f.load()
        XCTAssertNil(r.dataset)
        let msgs = r.diagnostics.errors.map(\.message)
        XCTAssertTrue(msgs.contains("\"nothing\" is not an indicator in the catalogue"), msgs.joined(separator: "\n"))
        XCTAssertTrue(msgs.contains { $0.contains("cycle") })
    }

    @Test func testUnitTreeErrors() {
        let f = fixture(reports: "period;unit;indicator;value\n", extra: ["units.csv": """
        id;name;parent;kind;from;to;successor
        root;Etaten;;etat;;;
        other;Another root;;etat;;;
        a;A;ghost;resultatenhet;;;
        c1;C1;c2;avdeling;;;
        c2;C2;c1;avdeling;;;
        Bad_ID;Bad;root;avdeling;;;
        d;D;root;avdeling;2020-01-01;2019-01-01;
        """])
        let r = f.load()
        XCTAssertNil(r.dataset)
        let errs = r.diagnostics.errors
        // Per-file checks come first: the bad id (line 7) and to-before-from (line 8).
        XCTAssertEqual(errs.first(field: "id")?.line, 7)
        XCTAssertEqual(errs.first(field: "to")?.line, 8)
    }

    @Test func testUnitTreeStructureErrors() {
        let f = fixture(reports: "period;unit;indicator;value\n", extra: ["units.csv": """
        id;name;parent;kind;from;to;successor
        root;Etaten;;etat;;;
        other;Another root;;etat;;;
        a;A;ghost;resultatenhet;;;x
        c1;C1;c2;avdeling;;;
        c2;C2;c1;avdeling;;;
        """])
        let r = f.load()
        XCTAssertNil(r.dataset)
        let errs = r.diagnostics.errors
        XCTAssertTrue(errs.contains { $0.field == "parent" && $0.message.contains("2 units without a parent") })
        XCTAssertTrue(errs.contains { $0.line == 4 && $0.field == "parent" && $0.message == "\"ghost\" is not a unit in units.csv" })
        XCTAssertTrue(errs.contains { $0.line == 4 && $0.field == "successor" })
        XCTAssertTrue(errs.contains { $0.line == 5 && $0.message.contains("cycle") })
    }

    @Test func testNationalIdentityNumbersAreRefusedAndNeverShown() {
        // 010170 12343 has valid control digits (a real-looking number); ids are refused
        // whatever their control digits.
        let f = fixture(reports: "period;unit;indicator;value;comment\n2019-T3;a;staff;1;Gjelder 010170 12343\n", extra: [
            "waitlist.csv": "case;unit;housing;granted\n01019012345;a;OMBPS2;2019-05-01\nVL-1;a;OMBPS2;2019-05-01\n",
            "ip/2019-T3.csv": "user;unit;target_group;plan\n31129912345;a;ja;nei\n",
        ])
        let r = f.load()
        XCTAssertNil(r.dataset)
        let errs = r.diagnostics.errors
        XCTAssertEqual(errs.count, 3)
        XCTAssertTrue(errs.contains { $0.file == "waitlist.csv" && $0.line == 2 && $0.field == "case" })
        XCTAssertTrue(errs.contains { $0.file == "ip/2019-T3.csv" && $0.line == 2 && $0.field == "user" })
        XCTAssertTrue(errs.contains { $0.file == "reports/a.csv" && $0.field == "comment" })
        for e in errs {
            XCTAssertFalse(e.description.contains("01019012345"))
            XCTAssertFalse(e.description.contains("12343"), e.description)
            XCTAssertFalse(e.description.contains("31129912345"))
        }
    }

    @Test func testWaitlistFieldErrors() {
        let f = fixture(reports: "period;unit;indicator;value\n", extra: [
            "waitlist.csv": "case;unit;housing;received;granted;living_now;discharge_ready\nVL-1;a;OMBPS9;2019-01-01;2019-02-30;ute;kanskje\nVL-2;a;OMBPS2;;01.02.2019;dps;ja\nVL-2;b;OMBPS3;;01.03.2019;dps;nei\n",
        ])
        let r = f.load()
        XCTAssertNil(r.dataset)
        let fields = r.diagnostics.errors.map { "\($0.line!):\($0.field!)" }
        XCTAssertEqual(fields, ["2:housing", "2:granted", "2:living_now", "2:discharge_ready", "4:case"])
    }

    @Test func testIPFileMustBeNamedByPeriod() {
        let f = fixture(reports: "period;unit;indicator;value\n", extra: ["ip/desember.csv": "user;unit;target_group;plan\nB1;a;ja;ja\n"])
        let d = onlyError(f.load())
        XCTAssertEqual(d?.file, "ip/desember.csv")
        XCTAssertEqual(d?.expected, "a file named by its period, e.g. ip/2019-T3.csv")
    }

    @Test func testMissingRequiredFiles() {
        let f = Fixture(["indicators.yaml": catalogue])
        let d = onlyError(f.load())
        XCTAssertEqual(d?.file, "units.csv")
        XCTAssertEqual(d?.message, "the file is missing")
        let none = Loader(directory: "/nonexistent/tertial").load()
        XCTAssertNil(none.dataset)
        XCTAssertEqual(none.diagnostics.errors.map(\.message), ["the data directory does not exist or is not a directory"], "one message, no follow-on errors")
        XCTAssertEqual(none.diagnostics.errors.first?.text(in: "/nonexistent/tertial"), "/nonexistent/tertial: the data directory does not exist or is not a directory (expected a directory with units.csv and indicators.yaml)")
        let file = Loader(directory: Fixture(["units.csv": "x"]).dir + "/units.csv").load()
        XCTAssertEqual(file.diagnostics.errors.map(\.message), ["the data directory does not exist or is not a directory"])
    }

    @Test func testTargetsErrors() {
        let f = fixture(reports: "period;unit;indicator;value\n", extra: [
            "targets.csv": "indicator;unit;from;target;warn\nstaff;zz;;9;5\nnope;*;;1;\nstaff;*;2019-T7;9;\n",
        ])
        let r = f.load()
        XCTAssertNil(r.dataset)
        let fields = r.diagnostics.errors.map { "\($0.line!):\($0.field!)" }.sorted()
        XCTAssertEqual(fields, ["2:unit", "3:indicator", "4:from"])
    }

    @Test func testWindows1252FileLoadsWithANotice() {
        let f = fixture(reports: "period;unit;indicator;value\n")
        f.writeBytes("reports/b.csv", Array("period;unit;indicator;value;comment\n2019-T3;a;staff;3;Tilsyn p".utf8) + [0xE5] + Array(" avdeling\n".utf8))
        let r = f.load()
        XCTAssertNotNil(r.dataset)
        XCTAssertTrue(r.diagnostics.contains { $0.severity == .notice && $0.file == "reports/b.csv" })
        XCTAssertEqual(r.dataset?.reports.first?.comment, "Tilsyn på avdeling")
    }

    @Test func testUnknownCatalogueKeyIsAWarningNotAnError() {
        let f = fixture(reports: "period;unit;indicator;value\n", extra: ["indicators.yaml": "indicators:\n  - id: staff\n    colour: red\n"])
        let r = f.load()
        XCTAssertNotNil(r.dataset)
        XCTAssertEqual(r.diagnostics.warnings.first?.field, "colour")
        XCTAssertEqual(r.diagnostics.warnings.first?.line, 3)
    }

    @Test func testReloadReparsesOnlyChangedFiles() throws {
        let f = fixture(reports: "period;unit;indicator;value\n2019-T3;a;staff;1\n", extra: ["reports/b.csv": "period;unit;indicator;value\n2019-T3;b;staff;2\n"])
        let loader = Loader(directory: f.dir)
        XCTAssertEqual(Set(loader.load().parsedFiles), ["units.csv", "indicators.yaml", "reports/a.csv", "reports/b.csv"])
        XCTAssertEqual(loader.load().parsedFiles, [])
        f.write("reports/b.csv", "period;unit;indicator;value\n2019-T3;b;staff;5\n")
        let r = loader.load()
        XCTAssertEqual(r.parsedFiles, ["reports/b.csv"])
        XCTAssertEqual(Engine.compute(r.dataset!).value("staff", "root", .tertial(2019, 3)), 6)
        // A broken file: no dataset, and fixing it brings it back.
        f.write("reports/b.csv", "period;unit;indicator;value\n2019-T3;b;staff;five\n")
        XCTAssertNil(loader.load().dataset)
        f.write("reports/b.csv", "period;unit;indicator;value\n2019-T3;b;staff;7\n")
        XCTAssertEqual(Engine.compute(loader.load().dataset!).value("staff", "root", .tertial(2019, 3)), 8)
    }
}

/// Issue 9, item 17: what can be shown when some rows have errors.
@Suite(.serialized) final class PartialLoadTests: TestCase {
    static let units = """
    id;name;parent;kind;from;to;successor
    root;Etaten;;etat;;;
    a;Enhet A;root;resultatenhet;;;
    b;Enhet B;root;resultatenhet;;;
    """
    static let catalogue = Fixture.catalogue("""
      - id: staff
        reported_by: [resultatenhet]
    """)

    @Test func testRowsWithErrorsAreLeftOutOfThePartialDataset() throws {
        let f = Fixture(["units.csv": Self.units, "indicators.yaml": Self.catalogue,
                         "reports/2019-T3.csv": "period;unit;indicator;value;comment\n2019-T3;a;staff;4;\n2019-T3;b;staff;fire;\n2019-T3;zz;staff;3;\n"])
        let r = f.load()
        XCTAssertNil(r.dataset, "a dataset with errors is not the good dataset")
        XCTAssertEqual(r.diagnostics.errors.count, 2, r.diagnostics.map(\.description).joined(separator: "\n"))
        let partial = try XCTUnwrap(r.partial)
        XCTAssertEqual(partial.reports.map(\.unit), ["a"], "only the row without an error")
        let s = Engine.compute(partial)
        // The etat's total is a's 4 alone, marked as built on 1 of the 2 values due.
        let c = try XCTUnwrap(s.cell("staff", "root", .tertial(2019, 3)))
        XCTAssertEqual(c.value, 4)
        XCTAssertEqual(c.present, 1)
        XCTAssertEqual(c.expected, 2)
    }

    @Test func testABrokenOrganisationOrCatalogueLeavesNothingToShow() {
        let badUnits = Fixture(["units.csv": Self.units + "\nc;Enhet C;nowhere;resultatenhet;;;\n", "indicators.yaml": Self.catalogue,
                                "reports/2019-T3.csv": "period;unit;indicator;value;comment\n2019-T3;a;staff;4;\n"])
        XCTAssertNil(badUnits.load().dataset)
        XCTAssertNil(badUnits.load().partial)
        let badCatalogue = Fixture(["units.csv": Self.units, "indicators.yaml": Self.catalogue + "\n  - id: x\n    unit: pounds\n",
                                    "reports/2019-T3.csv": "period;unit;indicator;value;comment\n2019-T3;a;staff;4;\n"])
        XCTAssertNil(badCatalogue.load().partial)
    }
}

/// `per:` (the compare screen's denominator) names an indicator of the catalogue.
@Suite(.serialized) final class PerKeyTests: TestCase {
    @Test func testPerMustNameAnIndicator() {
        let units = "id;name;parent;kind;from;to;successor\nroot;Etaten;;etat;;;\na;A;root;resultatenhet;;;\n"
        let ok = Fixture(["units.csv": units, "indicators.yaml": Fixture.catalogue("  - id: users\n  - id: staff\n    per: users\n")])
        XCTAssertEqual(ok.load().dataset?.indicators.last?.per, "users")
        let bad = Fixture(["units.csv": units, "indicators.yaml": Fixture.catalogue("  - id: users\n  - id: staff\n    per: nobody\n")])
        let d = bad.load().diagnostics.first(field: "per")
        XCTAssertEqual(d?.severity, .error)
        XCTAssertEqual(d?.line, 3, "the line of the indicator whose per: is wrong")
        XCTAssertTrue(d?.description.contains("\"nobody\" is not an indicator in the catalogue") == true, d?.description ?? "")
    }
}

/// A kind of data file is one declaration (`DataSources.all`): the fuzzer's seed dataset,
/// the "not read" warning and the register flag follow from it.
@Suite final class DataSourceDeclarationTests: TestCase {
    @Test func testEveryKindHasAFuzzSeedAndIsNamedInTheWarning() {
        for kind in DataSources.all {
            XCTAssertTrue(FuzzEntry.seedFiles.contains { kind.matches($0.0) }, "\(kind.name) has no seed file in FuzzEntry.seedFiles")
            XCTAssertTrue(Phrase.expectKnownFiles(DataSources.fileNames).text(norwegian: false).contains(kind.pattern), kind.name)
        }
        XCTAssertEqual(DataSources.all.filter(\.register).map(\.name), ["waitlist", "ip", "brukerplan"])
        XCTAssertEqual(IndicatorSource.allCases.filter(\.isRegister), [.ip, .waitlist, .brukerplan])
    }
}
