import Foundation
import Testing
import TestSupport
import ZIPFoundation
@testable import Model
@testable import Reports
@testable import Spreadsheet

/// `--format xlsx` (issue 26, "Excel out"): each workbook opened by LibreOffice and saved as
/// CSV holds the values of `--format csv`, number for number; the cells are numbers in their
/// formats, the header bold and frozen, the Corporater sheet's flags in a column of their own.
@Suite final class ExcelOutTests: TestCase {
    /// Writes a workbook with `tertial` (the built binary) and returns LibreOffice's CSV of it
    /// and tertial's own CSV of the same report.
    func both(_ args: [String]) throws -> (libreOffice: CSVTable, csv: CSVTable)? {
        guard LibreOffice.required() != nil else { return nil }
        let dir = NSTemporaryDirectory() + "tertial-xlsx-out-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let book = dir + "/out.xlsx"
        let w = try Repo.run(args + ["--format", "xlsx", "--output", book])
        XCTAssertEqual(w.status, 0, w.err)
        let mode = try XCTUnwrap(FileManager.default.attributesOfItem(atPath: book)[.posixPermissions] as? Int)
        XCTAssertEqual(mode & 0o077, 0, "readable by its owner only")
        // LibreOffice's CSV: `;`, `"`, UTF-8, values as shown (its locale writes 1,664 and 44.8%).
        try LibreOffice.convert([book], to: "csv:Text - txt - csv (StarCalc):59,34,76,1", outdir: dir)
        let lo = CSVTable.parse(bytes: [UInt8](try Data(contentsOf: URL(fileURLWithPath: dir + "/out.csv"))), file: "lo.csv")
        let c = try Repo.run(args + ["--format", "csv"])
        XCTAssertEqual(c.status, 0, c.err)
        return (lo, CSVTable.parse(bytes: Array(c.out.utf8), file: "tertial.csv"))
    }

    /// Every field the same: text as text, a number the same number (LibreOffice shows a
    /// percentage as 44.8%, tertial's CSV as 44,8), and the number columns numbers.
    func assertSame(_ lo: CSVTable, _ csv: CSVTable, numbers: Set<String>, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(lo.header, csv.header, file: file, line: line)
        XCTAssertEqual(lo.rowCount, csv.rowCount, file: file, line: line)
        var differ = [String](), numbered = 0
        for r in 0..<min(lo.rowCount, csv.rowCount) {
            for (c, name) in csv.header.enumerated() {
                let a = lo.string(r, c), b = csv.string(r, c)
                if numbers.contains(name), let x = Double(b.replacingOccurrences(of: ",", with: ".")) {
                    numbered += 1
                    let shown = a.replacingOccurrences(of: ",", with: "").replacingOccurrences(of: "%", with: "")
                    if Double(shown) != x { differ.append("row \(r + 2) \(name): \(a) vs \(b)") }
                } else if a != b {
                    differ.append("row \(r + 2) \(name): \(a) vs \(b)")
                }
            }
        }
        XCTAssertEqual(Array(differ.prefix(10)), [], "\(differ.count) differ", file: file, line: line)
        XCTAssertGreaterThan(numbered, 50, "numbers were compared", file: file, line: line)
    }

    @Test func testTheCorporaterWorkbookHoldsTheCSVValues() throws {
        guard let (lo, csv) = try both(["report", "corporater", "--data", Repo.sample, "--period", "2020-T3"]) else { return }
        assertSame(lo, csv, numbers: ["value", "reported"])
        // The flags in their own column, as the CSV has them (sample-data has some).
        let flag = try XCTUnwrap(csv.column("flag"))
        XCTAssertTrue((0..<csv.rowCount).contains { !csv.string($0, flag).isEmpty }, "a flagged row to compare")
        // A percentage is shown as one.
        let value = try XCTUnwrap(lo.column("value")), ind = try XCTUnwrap(lo.column("indicator"))
        let share = try XCTUnwrap((0..<lo.rowCount).first { lo.string($0, ind) == "activity_share" })
        XCTAssertTrue(lo.string(share, value).hasSuffix("%"), lo.string(share, value))
    }

    @Test func testTheScorecardWorkbookHoldsTheCSVValuesAlsoSuppressed() throws {
        guard let (lo, csv) = try both(["report", "--data", Repo.sample, "--period", "2020-T3", "--period", "2020-T2"]) else { return }
        assertSame(lo, csv, numbers: ["value", "target"])
        guard let (slo, scsv) = try both(["report", "--data", Repo.sample, "--period", "2020-T3", "--suppress-small", "5"]) else { return }
        assertSame(slo, scsv, numbers: ["value", "target"])
        let value = try XCTUnwrap(slo.column("value"))
        XCTAssertTrue((0..<slo.rowCount).contains { slo.string($0, value) == "<5" }, "a suppressed count stays <5")
    }

    /// The parts themselves: a number cell is a number in its format, the header row bold and
    /// frozen, the sheet named in the user's language; and tertial's own reader reads it back.
    @Test func testCellsAreNumbersInFormatsUnderABoldFrozenHeader() throws {
        let s = Repo.snapshot
        let bytes = try ExcelReports.scorecard(s, unit: s.tree.root, periods: [.tertial(2019, 3)], display: Display(lang: .nb), sheetName: ReportTexts.scorecardSheet.text(.nb))
        let archive = try Archive(data: Data(bytes), accessMode: .read, pathEncoding: nil)
        func part(_ p: String) throws -> String {
            var d = Data()
            _ = try archive.extract(try XCTUnwrap(archive[p])) { d.append($0) }
            return String(decoding: d, as: UTF8.self)
        }
        let sheet = try part("xl/worksheets/sheet1.xml"), styles = try part("xl/styles.xml"), book = try part("xl/workbook.xml")
        XCTAssertTrue(sheet.contains(#"<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"#))
        XCTAssertTrue(book.contains(#"<sheet name="Styringskort""#))
        XCTAssertTrue(styles.contains(#"formatCode="0.0%""#) && styles.contains(##"formatCode="#,##0""##))
        XCTAssertTrue(styles.contains("<font><b/>"))
        // ip_coverage of the etat in 2019-T3 is 29,4 % (CSVReportTests): the fraction, in the percent style.
        let fmt = try XCTUnwrap(styles.range(of: #"numFmtId="(\d+)" formatCode="0.0%""#, options: .regularExpression).map { String(styles[$0].dropFirst(10).prefix { $0 != "\"" }) })
        let xfs = styles.components(separatedBy: "<cellXfs")[1].components(separatedBy: "<xf ").dropFirst()
        let percent = try XCTUnwrap(xfs.firstIndex { $0.hasPrefix(#"numFmtId="\#(fmt)""#) }) - 1
        XCTAssertTrue(sheet.contains(#"s="\#(percent)"><v>0.294</v>"#), "29,4 % as 0.294 in the percent format (style \(percent))")
        let url = URL(fileURLWithPath: NSTemporaryDirectory() + "tertial-xlsx-" + UUID().uuidString + ".xlsx")
        try Data(bytes).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let back = try XLSX.read(url: url)
        let csv = CSVTable.parse(bytes: Array(Renderers.csv(s, unit: s.tree.root, periods: [.tertial(2019, 3)]).utf8), file: "x.csv")
        XCTAssertEqual(back.rows.count, csv.rowCount + 1)
        XCTAssertEqual(back.rows[0].cells.compactMap { $0 }, csv.header)
    }

    @Test func testAWorkbookIsNotWrittenToATerminal() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/script"), let bin = Repo.binary else { return }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        p.arguments = ["-qec", "\(bin) report --data \(Repo.sample) --format xlsx", "/dev/null"]
        let o = Pipe()
        p.standardOutput = o
        try p.run()
        let out = String(decoding: o.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        XCTAssertEqual(p.terminationStatus, 64)
        XCTAssertTrue(out.contains("en Excel-fil skrives ikke til terminalen: bruk --output FIL.xlsx"), out)
        XCTAssertFalse(out.contains("PK"), "no workbook bytes on the terminal")
    }
}
