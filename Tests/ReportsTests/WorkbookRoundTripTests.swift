import Foundation
import Testing
import TestSupport
@testable import Model
@testable import Reports

/// LibreOffice (Debian's libreoffice-calc-nogui, headless): what it makes of the etat's CSV
/// files and of tertial's own workbooks (issue 26, "Round trip" and "Excel out"). In CI it
/// must be there (`.ci/run` installs it); elsewhere the tests say they were skipped.
enum LibreOffice {
    static var soffice: String? {
        for p in ["/usr/bin/soffice", "/usr/bin/libreoffice", "/usr/lib/libreoffice/program/soffice"] where FileManager.default.isExecutableFile(atPath: p) { return p }
        return nil
    }

    /// nil, after failing in CI, when LibreOffice is missing.
    static func required() -> String? {
        if let s = soffice { return s }
        if ProcessInfo.processInfo.environment["CI"] != nil { XCTFail("LibreOffice (soffice) is missing: apt-get install libreoffice-calc-nogui") }
        else { print("skipped: no LibreOffice (apt-get install libreoffice-calc-nogui)") }
        return nil
    }

    /// Converts files (into `outdir`) with a profile of its own, so tests may run side by side.
    static func convert(_ files: [String], to format: String, filter: String? = nil, outdir: String) throws {
        guard let soffice, !files.isEmpty else { return }
        let profile = NSTemporaryDirectory() + "tertial-lo-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: profile) }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: soffice)
        p.arguments = ["-env:UserInstallation=file://" + profile, "--headless", "--convert-to", format] + (filter.map { ["--infilter=" + $0] } ?? [])
            + ["--outdir", outdir] + files
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        XCTAssertEqual(p.terminationStatus, 0, "soffice --convert-to \(format)")
    }
}

@Suite final class WorkbookRoundTripTests: TestCase {
    /// sample-data's CSV files saved as workbooks by LibreOffice (its own CSV import, `;`,
    /// UTF-8: numbers as numbers; in waitlist.csv also ISO dates as dates, with "detect
    /// special numbers", which elsewhere would turn BrukerPlan's age band `56+` into the
    /// number 56 — an error at its cell if it were done) load to exactly the figures of the CSV files: every cell
    /// of the scorecard (every indicator, unit and period, the register and BrukerPlan
    /// measures with them), the tertial report of every tertial, and the waitlist with its
    /// forecast.
    @Test func testSampleDataSavedAsWorkbooksByLibreOfficeGivesTheSameFigures() throws {
        guard LibreOffice.required() != nil else { return }
        let copy = try SampleData.copy(prefix: "tertial-roundtrip")
        let fm = FileManager.default
        var converted = 0
        for folder in ["", "reports", "ip", "brukerplan"] {
            let dir = folder.isEmpty ? copy.path : copy.path + "/" + folder
            let csv = try fm.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".csv") }.sorted().map { dir + "/" + $0 }
            // Tokens: separator ;, quote ", UTF-8, from line 1, no column formats, language
            // default, quoted fields not forced to text, detect special numbers (dates) or not.
            let dates = csv.filter { $0.hasSuffix("/waitlist.csv") }
            try LibreOffice.convert(dates, to: "xlsx", filter: "CSV:59,34,76,1,,0,false,true", outdir: dir)
            try LibreOffice.convert(csv.filter { !dates.contains($0) }, to: "xlsx", filter: "CSV:59,34,76,1,,0,false,false", outdir: dir)
            for f in csv {
                XCTAssertTrue(fm.fileExists(atPath: String(f.dropLast(4)) + ".xlsx"), f)
                try fm.removeItem(atPath: f)
                converted += 1
            }
        }
        XCTAssertGreaterThanOrEqual(converted, 20)
        let result = Loader(directory: copy.path).load()
        XCTAssertEqual(result.diagnostics.errors.map(\.description), [])
        let xs = Engine.compute(try XCTUnwrap(result.dataset))
        let cs = SampleData.snapshot
        XCTAssertEqual(xs.dataset.reports.count, cs.dataset.reports.count)
        XCTAssertEqual(xs.dataset.waitlist.count, cs.dataset.waitlist.count)
        XCTAssertEqual(xs.dataset.ip.map(\.records.count), cs.dataset.ip.map(\.records.count))
        XCTAssertEqual(xs.dataset.brukerplan.map(\.records.count), cs.dataset.brukerplan.map(\.records.count))
        XCTAssertEqual(xs.periods, cs.periods)
        var cells = 0, differ = [String]()
        for i in cs.indicators.indices {
            for u in cs.tree.units.indices {
                for p in cs.periods {
                    let a = cs.cell(indicator: i, unit: u, period: p), b = xs.cell(indicator: i, unit: u, period: p)
                    cells += 1
                    if a?.value != b?.value || a?.status != b?.status || a?.comment != b?.comment {
                        differ.append("\(cs.indicators[i].id) \(cs.tree.units[u].id) \(p): \(String(describing: a?.value)) \(String(describing: b?.value))")
                    }
                }
            }
        }
        XCTAssertEqual(differ.prefix(10), [], "\(differ.count) of \(cells) cells differ")
        for p in cs.tertials {
            let a = TertialReport(snapshot: cs, unit: cs.tree.root, period: p).text(markdown: false)
            let b = TertialReport(snapshot: xs, unit: xs.tree.root, period: p).text(markdown: false).replacingOccurrences(of: ".xlsx", with: ".csv")
            XCTAssertEqual(a, b, "the tertial report of \(p)")
        }
        let display = Display(lang: .nb)
        XCTAssertEqual(WaitlistReport.json(cs, unit: cs.tree.root, date: cs.spanEnd, display: display, windowMonths: nil),
                       WaitlistReport.json(xs, unit: xs.tree.root, date: xs.spanEnd, display: display, windowMonths: nil))
    }
}
