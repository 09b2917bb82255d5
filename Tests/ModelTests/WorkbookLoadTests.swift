import Foundation
import Testing
import TestSupport
@testable import Model
@testable import Spreadsheet

/// The loader reading .xlsx files (issue 26, "Excel in"): the same figures as from the CSV
/// files they hold, errors located at their cell, and every hardening rule on the workbook.
@Suite final class WorkbookLoadTests: TestCase {
    /// A CSV text as a workbook, typed as Excel keeps it: numbers as numbers, the `dates`
    /// columns' ISO dates as serial days in a date style (a text date left as text), `ja`/`nei`
    /// in the `booleans` columns as Excel booleans, the rest as text.
    static func workbook(_ csv: String, sheet: String = "Ark1", dates: Set<String> = [], booleans: Set<String> = []) -> [UInt8] {
        let t = CSVTable.parse(bytes: Array(csv.utf8), file: "x.csv")
        var w = XLSXWriter()
        let date = w.style(.init(numberFormat: "dd.mm.yyyy"))
        var rows: [[XLSXWriter.Cell]] = [t.header.map { .text($0) }]
        for r in 0..<t.rowCount {
            rows.append(t.header.indices.map { c in
                let s = t.string(r, c), name = t.header[c]
                if s.isEmpty { return .empty }
                if dates.contains(name), s.count == 10, s.dropFirst(4).first == "-", let d = Day(parsing: s) {
                    return .number(Double(d - Day(year: 1899, month: 12, day: 30)!), style: date)
                }
                if booleans.contains(name), let b = Fields.bool(s) { return .bool(b) }
                if case .value(let v) = t.number(r, c) { return .number(v, style: 0) }
                return .text(s)
            })
        }
        w.sheets = [XLSXWriter.Sheet(name: sheet, rows: rows)]
        return [UInt8](try! w.data())
    }

    func waitlistFixture(units: String = Fixture.mergingUnits, reports: String = "period;unit;indicator;value\n2019-T1;a;staff;1\n2020-T1;n;staff;1\n") -> Fixture {
        let f = Fixture(["indicators.yaml": WaitlistTests.catalogue])
        f.writeBytes("units.xlsx", Self.workbook(units, dates: ["from", "to"]))
        f.writeBytes("waitlist.xlsx", Self.workbook(WaitlistTests.waitlist, sheet: "waitlist", dates: ["received", "granted", "interim_reply", "allocated", "left"],
                                                    booleans: ["discharge_ready"]))
        f.writeBytes("reports/r.xlsx", Self.workbook(reports))
        return f
    }

    /// WaitlistTests' figures (worked out by hand there) from the same rows as workbooks:
    /// dates as Excel serial days and as text (c3's 01.03.2019), booleans as Excel's.
    @Test func testTheWaitlistFiguresOfWorkbooksAreThoseOfTheCSVFiles() throws {
        let f = waitlistFixture()
        let r = f.load()
        XCTAssertEqual(r.diagnostics.errors.map(\.description), [])
        let snap = try XCTUnwrap(f.snapshot())
        let june = Period.month(2019, 6), dec = Period.month(2019, 12)
        XCTAssertEqual(snap.value("w_total", "root", june), 2)
        XCTAssertEqual(snap.value("w_o2", "root", june), 1)
        XCTAssertEqual(snap.value("w_median", "root", june), 135)
        XCTAssertEqual(snap.value("w_dr", "root", june), 1)
        XCTAssertEqual(snap.value("w_homeless", "root", june), 1)
        XCTAssertEqual(snap.value("w_median", "root", dec), 166.5)
        XCTAssertEqual(snap.value("w_total", "n", .month(2020, 4)), 3)
        XCTAssertNil(snap.value("w_total", "a", .month(2020, 4)), "a closed unit (its to date a serial day) has no waitlist")
        XCTAssertEqual(snap.value("staff", "a", .tertial(2019, 1)), 1)
        // A source line is the row's number in its sheet.
        XCTAssertEqual(snap.dataset.waitlist.first { $0.id == "c3" }?.source, SourceRef(file: "waitlist.xlsx", line: 4))
    }

    @Test func testAValueErrorIsLocatedAtItsCell() throws {
        let f = waitlistFixture(reports: "period;unit;indicator;value\n2019-T1;a;staff;1\n2019-T1;b;staff;fire\n2019-T1;x;staff;2\n")
        let r = f.load()
        XCTAssertNil(r.dataset)
        let value = try XCTUnwrap(r.diagnostics.first { $0.field == "value" })
        XCTAssertEqual(value.text(.nb), "reports/r.xlsx!Ark1:D3: value: «fire» er ikke et tall (forventet et tall som 12, 12.5, 12,5 eller 1 408)")
        // A check across files (the unit is in no units file) is located the same way.
        let unit = try XCTUnwrap(r.diagnostics.first { $0.field == "unit" })
        XCTAssertEqual(unit.location, "reports/r.xlsx!Ark1:B4")
        XCTAssertTrue(unit.text(.en).hasPrefix("reports/r.xlsx!Ark1:B4: unit: "), unit.text(.en))
        // The dashboard starts on what is sound: the row without an error.
        XCTAssertEqual(r.partial.map { Engine.compute($0) }?.value("staff", "a", .tertial(2019, 1)), 1)
    }

    @Test func testACellRightOfTheHeaderAndAMissingColumnAreLocated() throws {
        let f = waitlistFixture()
        var w = XLSXWriter()
        w.sheets = [.init(name: "Tertial", rows: [
            [.text("period"), .text("unit"), .text("indicator")],
            [.text("2019-T1"), .text("a"), .text("staff"), .empty, .text("notat")],
        ])]
        f.writeBytes("reports/r.xlsx", [UInt8](try w.data()))
        let r = f.load()
        let texts = r.diagnostics.errors.map { $0.text(.en) }
        XCTAssertTrue(texts.contains { $0.hasPrefix("reports/r.xlsx!Tertial:1: value: ") }, "\(texts)")
        XCTAssertTrue(texts.contains { $0.hasPrefix("reports/r.xlsx!Tertial:E2: the row has a cell in column E, right of the header's 3 columns: \"notat\"") }, "\(texts)")
    }

    @Test func testACSVAndAWorkbookForTheSameThingIsAnErrorNamingBoth() throws {
        let f = waitlistFixture()
        f.write("units.csv", Fixture.mergingUnits)
        f.write("reports/r.csv", "period;unit;indicator;value\n2019-T1;a;staff;1\n")
        let r = f.load()
        let both = r.diagnostics.filter { $0.problem.problem == .bothCSVAndXLSX }
        XCTAssertEqual(both.map { $0.text(.nb) }.sorted(), [
            "reports/r.xlsx: reports/r.csv er også her: de to filene gjelder det samme, og bare reports/r.csv leses (forventet én av dem: flytt eller slett den du ikke bruker)",
            "units.xlsx: units.csv er også her: de to filene gjelder det samme, og bare units.csv leses (forventet én av dem: flytt eller slett den du ikke bruker)",
        ])
        XCTAssertNil(r.dataset)
        XCTAssertFalse(r.diagnostics.contains { $0.problem.problem == .fileNotRead }, "the workbook is named once, not also as a file not read")
    }

    /// An identity number in any cell refuses its row and is never shown: as text, and as a
    /// number whose leading 0 Excel dropped (01017012343 → 1017012343).
    @Test func testAnIdentityNumberInAnyCellRefusesItsRow() throws {
        let f = waitlistFixture(reports: "period;unit;indicator;value;comment\n2019-T1;a;staff;1;ring 010170 12343\n2019-T1;b;staff;2;\n")
        var w = XLSXWriter()
        w.sheets = [.init(name: "Ark1", rows: [
            [.text("period"), .text("unit"), .text("indicator"), .text("value")],
            [.text("2020-T1"), .text("n"), .text("staff"), .number(1017012343, style: 0)],
        ])]
        f.writeBytes("reports/s.xlsx", [UInt8](try w.data()))
        let r = f.load()
        let ids = r.diagnostics.filter { $0.problem.problem == .identityNumber }
        XCTAssertEqual(ids.map(\.location).sorted(), ["reports/r.xlsx!Ark1:E2", "reports/s.xlsx!Ark1:D2"])
        for d in r.diagnostics {
            for lang in [Lang.nb, .en] {
                XCTAssertFalse(d.text(lang).contains("12343") || d.text(lang).contains("1017012343"), d.text(lang))
            }
        }
        let partial = try XCTUnwrap(r.partial)
        XCTAssertEqual(partial.reports.count, 1, "the rows with a number are not read; the other one is")
    }

    @Test func testWhatIsNoWorkbookAndABombAreRefusedNamingTheFile() throws {
        let f = waitlistFixture()
        f.write("reports/r.xlsx", "period;unit;indicator;value\n2019-T1;a;staff;1\n")
        // 4 MiB of one cell packs into a few KiB: refused by its declared size (the bound made
        // 1 MiB here; it is 256 MiB).
        var w = XLSXWriter()
        w.sheets = [.init(name: "Ark1", rows: [[.text("period")], [.text(String(repeating: "a", count: 4 << 20))]])]
        f.writeBytes("reports/bomb.xlsx", [UInt8](try w.data()))
        let loader = Loader(directory: f.dir)
        loader.workbookLimits.partBytes = 1 << 20
        let r = loader.load()
        let texts = r.diagnostics.errors.map { $0.text(.en) }
        XCTAssertTrue(texts.contains("reports/r.xlsx: is not an Excel workbook (.xlsx) tertial can read (expected an .xlsx file saved by Excel or LibreOffice (not .xls, not password-protected))"), "\(texts)")
        XCTAssertTrue(texts.contains { $0.hasPrefix("reports/bomb.xlsx: the part xl/worksheets/sheet1.xml is 4.0 MiB unpacked, more than the 1.0 MiB tertial reads") }, "\(texts)")
    }

    @Test func testAChangedWorkbookIsReadAgainAndAnUnchangedOneNot() throws {
        let f = waitlistFixture()
        let loader = Loader(directory: f.dir)
        XCTAssertNotNil(loader.load().dataset)
        XCTAssertEqual(loader.load().parsedFiles, [])
        f.writeBytes("reports/r.xlsx", Self.workbook("period;unit;indicator;value\n2019-T1;a;staff;7\n"))
        let again = loader.load()
        XCTAssertEqual(again.parsedFiles, ["reports/r.xlsx"])
        XCTAssertEqual(Engine.compute(try XCTUnwrap(again.dataset)).value("staff", "a", .tertial(2019, 1)), 7)
    }
}
