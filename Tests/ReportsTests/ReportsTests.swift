import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import TestSupport
@testable import Model
@testable import Reports

enum Repo {
    static var root: URL { SampleData.root }
    static var sample: String { SampleData.directory }
    static var snapshot: Snapshot { SampleData.snapshot }

    /// The built `tertial` binary (swift test builds it along with the tests).
    static var binary: String? {
        let fm = FileManager.default
        let dirs = [ProcessInfo.processInfo.environment["TERTIAL_BIN"]].compactMap { $0 }
            + [".build/debug/tertial", ".build/x86_64-unknown-linux-gnu/debug/tertial", ".build/aarch64-unknown-linux-gnu/debug/tertial"]
                .map { root.appendingPathComponent($0).path }
        return dirs.first { fm.isExecutableFile(atPath: $0) }
    }

    /// `tertial-bench`, built beside `tertial` (its store writer drives the concurrency tests).
    static var benchBinary: String? {
        guard let b = binary else { return nil }
        let p = (b as NSString).deletingLastPathComponent + "/tertial-bench"
        return FileManager.default.isExecutableFile(atPath: p) ? p : nil
    }

    static func run(_ args: [String]) throws -> (status: Int32, out: String, err: String) {
        guard let bin = binary else { try skip("tertial binary not built; run swift build first") }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: bin)
        p.arguments = args
        p.currentDirectoryURL = root
        let o = Pipe(), e = Pipe()
        p.standardOutput = o; p.standardError = e
        try p.run()
        let out = o.fileHandleForReading.readDataToEndOfFile()
        let err = e.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
    }
}

@Suite(.serialized) final class CSVReportTests: TestCase {
    func rows(_ csv: String) -> [[String]] { csv.split(separator: "\n").map { $0.split(separator: ";", omittingEmptySubsequences: false).map(String.init) } }

    @Test func testScorecardCSVParsesBackToTheReferenceFigures() {
        let s = Repo.snapshot
        let csv = Renderers.csv(s, unit: s.tree.root, periods: [.tertial(2019, 3)])
        let r = rows(csv)
        XCTAssertEqual(r.first, ["period", "unit", "indicator", "value", "target", "status", "reported"])
        func find(_ u: String, _ i: String) -> [String]? { r.first { $0[1] == u && $0[2] == i } }
        XCTAssertEqual(find("ephrt", "ip_coverage"), ["2019-T3", "ephrt", "ip_coverage", "29,4", "40,0", "yellow", ""])
        XCTAssertEqual(find("ephrt", "activity_share")?[3], "38,8")
        XCTAssertEqual(find("ephrt", "staff_user_experience"), ["2019-T3", "ephrt", "staff_user_experience", "17", "54", "red", ""])
        XCTAssertEqual(find("ph-fyllingsdalen", "staff_user_experience")?[3], "0")
        XCTAssertEqual(find("ephrt", "waitlist_total")?[3], "35")
        for row in r.dropFirst() {
            XCTAssertEqual(row.count, 7)
            // An incomplete total has no verdict.
            if !row[6].isEmpty { XCTAssertEqual(row[5], "none", row.joined(separator: ";")) }
            XCTAssertTrue(["green", "yellow", "red", "none", "missing"].contains(row[5]), row.joined(separator: ";"))
            XCTAssertFalse(row[3].contains("."), "decimal comma: \(row)")
        }
        // Units in scope: the etat and the units active at the end of 2019 (the Forvaltning has register
        // figures: no cases of its own), not the 2020 byområder.
        XCTAssertEqual(Set(r.dropFirst().map { $0[1] }), ["ephrt", "ph-arna-asane", "ph-bergenhus", "ph-fana-ytrebygda", "ph-fyllingsdalen",
                                                          "ph-laksevag", "ph-arstad", "forvaltning"])
    }

    @Test func testSeveralPeriodsAndASubtree() {
        let s = Repo.snapshot
        let csv = Renderers.csv(s, unit: s.tree.index["ph-vest"]!, periods: [.tertial(2019, 3), .tertial(2020, 3)])
        let r = rows(csv).dropFirst()
        XCTAssertEqual(Set(r.map { $0[0] }), ["2019-T3", "2020-T3"])
        // Before Bergen Vest existed, its scope is its predecessors; afterwards only itself (it has no children).
        XCTAssertEqual(Set(r.filter { $0[0] == "2019-T3" }.map { $0[1] }), ["ph-vest", "ph-laksevag", "ph-fyllingsdalen"])
        XCTAssertEqual(Set(r.filter { $0[0] == "2020-T3" }.map { $0[1] }), ["ph-vest"])
        XCTAssertEqual(r.first { $0[0] == "2019-T3" && $0[2] == "service_users" }?[3], "461")
    }

    @Test func testWaitlistCSVHasTable7() {
        let s = Repo.snapshot
        let v = s.waitlist(unit: s.tree.root, at: Day(year: 2019, month: 12, day: 31)!)
        let r = rows(WaitlistReport.csv(v))
        XCTAssertEqual(r[0], ["living_now", "OMBPS2", "OMBPS3", "OMBPS4", "BOSENTER", "total"])
        XCTAssertEqual(r.first { $0[0] == "annet_omsorgsniva" }, ["annet_omsorgsniva", "8", "6", "6", "0", "20"])
        XCTAssertEqual(r.first { $0[0] == "waiting" }, ["waiting", "10", "10", "13", "2", "35"])
        XCTAssertEqual(r.first { $0[0] == "discharge_ready" }?.last, "9")
    }
}

@Suite(.serialized) final class TextReportTests: TestCase {
    func report(_ unit: String = "ephrt", _ p: Period = .tertial(2019, 3), _ o: ReportOptions = ReportOptions()) -> TertialReport {
        let s = Repo.snapshot
        return TertialReport(snapshot: s, unit: s.tree.index[unit]!, period: p, options: o)
    }

    @Test func testDeviationsComeBeforeTheScorecardAndNameTheStoredZero() {
        let text = report().text(markdown: false)
        let avvik = text.range(of: "\nAvvik (")!, brukere = text.range(of: "\nBrukere\n")!
        XCTAssertLessThan(avvik.lowerBound, brukere.lowerBound)
        XCTAssertTrue(text.contains("Psykisk helse Fyllingsdalen: verdien falt til 0 fra en stabil serie (typisk 12)"), text)
        XCTAssertTrue(text.hasPrefix("Tertialrapport: Etat for psykisk helse og rustjenester, 3. tertial 2019"))
        XCTAssertTrue(text.contains("Datagrunnlag til og med 31.12.2019"))
        // The first deviation is red.
        let firstRow = text[avvik.upperBound...].split(separator: "\n").dropFirst(4).first ?? ""
        XCTAssertTrue(firstRow.contains("rød"), String(firstRow))
    }

    @Test func testSectionsOfTheMeetingReport() {
        let text = report().text(markdown: false)
        for section in ["Sammendrag", "Største endringer siden forrige periode:", "Venteliste, bolig 31.12.2019", "Individuell plan (IP)", "Rapportering"] {
            XCTAssertTrue(text.contains(section), section)
        }
        // Table 7 and Table 17 in the report.
        XCTAssertTrue(text.split(separator: "\n").contains { $0.contains("Annet omsorgsnivå") && $0.split(separator: " ").suffix(5) == ["8", "6", "6", "0", "20"] }, text)
        let t3 = text.split(separator: "\n").first { $0.hasPrefix("  T3 2019") }.map(String.init) ?? ""
        for figure in ["613", "180", "257", "196", "29,4 %"] { XCTAssertTrue(t3.contains(figure), "\(figure) in \(t3)") }
    }

    @Test func testEnglishAndMarkdown() {
        let md = report("ph-vest", .tertial(2020, 3), ReportOptions(lang: .en)).text(markdown: true)
        XCTAssertTrue(md.hasPrefix("# Tertial report: Bergen Vest, 3rd tertial 2020"))
        XCTAssertTrue(md.contains("## Deviations ("))
        XCTAssertTrue(md.contains("| Indicator | Value | Target | Status | Since last | Since a year ago |"))
        // Bergen Vest typed its IP count into the report in T3 2020 and the register disagrees.
        XCTAssertTrue(md.contains("Bergen Vest reported 47, but the register gives"), md)
    }

    @Test func testMissingReportsAreListed() {
        let text = report("ephrt", .tertial(2020, 3)).text(markdown: false)
        XCTAssertTrue(text.contains("Mangler:"))
        XCTAssertTrue(text.contains("Bergen Nord: Brukere i skole eller arbeid, T3 2020 (rapportert som ukjent)"), text)
    }

    @Test func testCaseIdsOnlyWithCases() {
        let ids = Repo.snapshot.dataset.waitlist.map(\.id)
        for text in [report().text(markdown: true), report().html(), report().text(markdown: false)] {
            XCTAssertFalse(ids.contains { text.contains($0) }, "a case id leaked into a report")
        }
        let with = report(options: ReportOptions(withCases: true)).text(markdown: true)
        XCTAssertTrue(ids.contains { with.contains($0) })
    }

    func report(options: ReportOptions) -> TertialReport { report("ephrt", .tertial(2019, 3), options) }
}

@Suite(.serialized) final class HTMLReportTests: TestCase {
    final class Collector: NSObject, XMLParserDelegate {
        var elements = [String: Int]()
        var scripts = 0
        var external = [String]()
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            elements[name, default: 0] += 1
            if name == "script" { scripts += 1 }
            for (k, v) in attributes where (k == "src" || k == "href") && (v.hasPrefix("http") || v.hasPrefix("//")) { external.append(v) }
        }
    }

    @Test func testHTMLIsWellFormedSelfContainedAndHasEveryChart() {
        let s = Repo.snapshot
        let r = TertialReport(snapshot: s, unit: s.tree.index["ph-vest"]!, period: .tertial(2019, 3))
        let html = r.html()
        let body = String(html.drop { $0 != "\n" }) // XMLParser does not take the HTML doctype line
        let parser = XMLParser(data: Data(body.utf8))
        let c = Collector()
        parser.delegate = c
        XCTAssertTrue(parser.parse(), "not well-formed XML: \(String(describing: parser.parserError))")
        XCTAssertEqual(c.scripts, 0)
        XCTAssertEqual(c.external, [])
        XCTAssertFalse(html.replacingOccurrences(of: "http://www.w3.org/", with: "").contains("http"), "only the XML namespaces may name a web address")
        // One trend per scorecard row, the waitlist chart, the IP coverage trend, and the
        // forecast's curves when a category of Bergen Vest has an estimate.
        let forecastChart = r.forecasts.values.contains { ForecastFigures($0, display: r.display, windowMonths: r.windowMonths).shown } ? 1 : 0
        XCTAssertEqual(c.elements["svg"], r.scorecard.scopeRows.count + 2 + forecastChart)
        XCTAssertTrue(html.contains("@page { size: A4"))
        XCTAssertTrue(html.contains("Tertialrapport: Bergen Vest, 3. tertial 2019"))
    }
}

@Suite(.serialized) final class SuppressionTests: TestCase {
    @Test func testSmallCountsAndRatiosBuiltOnThemAreHidden() {
        let s = Repo.snapshot
        let d = Display(lang: .nb, suppressSmall: 5)
        let fy = s.tree.index["ph-fyllingsdalen"]!, t3 = Period.tertial(2019, 3)
        let i = { (id: String) in s.dataset.indicatorIndex[id]! }
        // Fyllingsdalen T3 2019: 2 children to offer a conversation, 0 held: 2 is hidden, 0 is not, the rate is "..".
        XCTAssertEqual(s.value("children_conversation_due", "ph-fyllingsdalen", t3), 2)
        XCTAssertEqual(d.value(s, indicator: i("children_conversation_due"), unit: fy, period: t3), "<5")
        XCTAssertEqual(d.value(s, indicator: i("children_conversation_held"), unit: fy, period: t3), "0")
        XCTAssertEqual(d.value(s, indicator: i("children_conversation_rate"), unit: fy, period: t3), "..")
        XCTAssertEqual(d.plain(s, indicator: i("children_conversation_rate"), unit: fy, period: t3), "..")
        // Large counts and percentages built on them stay.
        XCTAssertEqual(d.value(s, indicator: i("service_users"), unit: fy, period: t3), "228")
        XCTAssertEqual(d.value(s, indicator: i("activity_share"), unit: fy, period: t3), "17,5 %")
        XCTAssertEqual(d.count(3), "<5")
        XCTAssertEqual(d.count(0), "0")
        XCTAssertEqual(d.wait(120, over: 2), "..")
        XCTAssertEqual(Display(lang: .nb).count(3), "3", "off by default")
    }

    @Test func testTheWaitlistBreakdownIsSuppressedInEveryFormat() {
        let s = Repo.snapshot
        let r = TertialReport(snapshot: s, unit: s.tree.root, period: .tertial(2019, 3), options: ReportOptions(suppressSmall: 3))
        let text = r.text(markdown: false)
        // Table 7's Helse Bergen row is 2, 0, 4, 1 (7): the 2 and the 1 become <3.
        let row = text.split(separator: "\n").first { $0.contains("Helse Bergen") && !$0.contains("(") }.map(String.init) ?? ""
        XCTAssertEqual(row.split(separator: " ").suffix(5), ["<3", "0", "4", "<3", "7"], row)
        XCTAssertTrue(text.contains("Tall mellom 1 og 2 er vist som <3"))
        let html = r.html()
        XCTAssertTrue(html.contains("&lt;3"))
        let csv = Renderers.csv(s, unit: s.tree.root, periods: [.tertial(2019, 3)], display: Display(lang: .nb, suppressSmall: 3))
        XCTAssertTrue(csv.contains("2019-T3;ph-bergenhus;staff_user_experience;<3;9;red"), csv)
    }
}

@Suite(.serialized) final class CorporaterTests: TestCase {
    @Test func testTheSheetFlagsFyllingsdalenAndCarriesTable17() {
        let s = Repo.snapshot
        let sheet = CorporaterSheet(snapshot: s, unit: s.tree.root, period: .tertial(2019, 3), display: Display(lang: .nb))
        let csv = sheet.csv(lang: .nb).split(separator: "\n").map { $0.split(separator: ";", omittingEmptySubsequences: false).map(String.init) }
        XCTAssertEqual(csv[0], ["period", "unit", "indicator", "name", "value", "source", "reported", "flag", "comment"])
        func row(_ u: String, _ i: String) -> [String]? { csv.first { $0[1] == u && $0[2] == i } }
        let fy = row("ph-fyllingsdalen", "staff_user_experience")!
        XCTAssertEqual(fy[4], "0")
        XCTAssertTrue(fy[7].contains("falt til 0"), fy[7])
        for (id, v) in [("ip_with_plan", "180"), ("ip_group_without_plan", "257"), ("ip_declined", "196"), ("ip_target_group", "613")] {
            XCTAssertEqual(row("ephrt", id)?[4], v, id)
            XCTAssertEqual(row("ephrt", id)?[5], "register", id)
        }
        // Arna/Åsane counted its target group by hand (128); the register says 118.
        XCTAssertEqual(row("ph-arna-asane", "ip_target_group")?[4], "118")
        XCTAssertEqual(row("ph-arna-asane", "ip_target_group")?[6], "128")
        // Catalogue order within a unit.
        let order = csv.dropFirst().filter { $0[1] == "ph-laksevag" }.map { s.dataset.indicatorIndex[$0[2]]! }
        XCTAssertEqual(order, order.sorted())
    }

    /// `report --help` names all three reports (it said "the scorecard or the waitlist").
    @Test func testReportHelpNamesEveryReport() throws {
        let r = try Repo.run(["report", "--help"])
        // The overview, its wrapped lines joined.
        let overview = r.out.components(separatedBy: "USAGE:")[0].split(whereSeparator: \.isWhitespace).joined(separator: " ")
        XCTAssertTrue(overview.contains("scorecard") && overview.contains("waitlist") && overview.contains("Corporater"), overview)
    }

    /// The sheet's legend ends its line; it printed a literal `\n` (issue 23, 26).
    @Test func testTheLegendHasNoLiteralBackslashN() {
        let s = Repo.snapshot
        let sheet = CorporaterSheet(snapshot: s, unit: s.tree.root, period: .tertial(2019, 3), display: Display(lang: .nb))
        for lang in Lang.allCases {
            for md in [false, true] {
                let t = sheet.text(lang: lang, markdown: md)
                XCTAssertFalse(t.contains("\\n"), "\(lang) markdown \(md)")
                XCTAssertTrue(t.contains(lang == .nb ? "sjekk før innlegging.\n\n" : "check before entering.\n\n"), t)
            }
        }
    }
}

@Suite(.serialized) final class FormatTests: TestCase {
    @Test func testNumbers() {
        let nb = Format(lang: .nb), en = Format(lang: .en)
        XCTAssertEqual(nb.value(29.3637, .percent), "29,4 %")
        XCTAssertEqual(en.value(29.3637, .percent), "29.4 %")
        XCTAssertEqual(nb.value(1603, .count), "1\u{00A0}603")     // four digits and more are grouped (issue 23, 16)
        XCTAssertEqual(nb.value(999, .count), "999")
        XCTAssertEqual(Format.plain(1603, .count, decimalComma: true), "1603", "CSV and JSON are not grouped")
        XCTAssertEqual(nb.value(16030, .count), "16\u{00A0}030")
        XCTAssertEqual(nb.value(166.5, .days), "166,5 d")
        XCTAssertEqual(nb.value(12_345_678, .kr), "12\u{00A0}345\u{00A0}678 kr")
        XCTAssertEqual(Format.plain(50, .percent, decimalComma: true), "50,0")
        XCTAssertEqual(Format.plain(-2.25, .count, decimalComma: false), "-2.3")
        XCTAssertEqual(nb.change(Change(from: 10, to: 12, direction: .higher), .count), "+2 bedre")
        XCTAssertEqual(en.change(Change(from: 30, to: 27.5, direction: .higher), .percent), "−2.5 pp worse")
        XCTAssertEqual(nb.change(Change(from: 3, to: 3, direction: .lower), .count), "±0")
    }

    @Test func testDisplayWidth() {
        XCTAssertEqual(DisplayWidth.of("Årstad"), 6)
        XCTAssertEqual(DisplayWidth.of("e\u{0301}"), 1)   // e + combining acute
        XCTAssertEqual(DisplayWidth.of("日本"), 4)
        XCTAssertEqual(DisplayWidth.padRight("æøå", 5), "æøå  ")
        XCTAssertEqual(DisplayWidth.truncate("Laksevåg og Fyllingsdalen", 10), "Laksevåg …")
        XCTAssertEqual(DisplayWidth.of(DisplayWidth.truncate("日本語のテキスト", 7)), 7)
    }
}

@Suite(.serialized) final class FileOutputTests: TestCase {
    @Test func testWritesOwnerOnlyAndNeverOverwritesWithoutForce() throws {
        let dir = NSTemporaryDirectory() + "tertial-out-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/rapport.md"
        try FileOutput.write("første", to: path, force: false)
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        XCTAssertEqual(mode, 0o600)
        XCTAssertThrowsError(try FileOutput.write("andre", to: path, force: false))
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "første")
        try FileOutput.write("andre", to: path, force: true)
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "andre")
        // A failed write (the directory is gone) leaves nothing half-written behind.
        XCTAssertThrowsError(try FileOutput.write("x", to: dir + "/missing/r.md", force: true))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir), ["rapport.md"])
        // A write interrupted after the temporary file and before the rename: the old file is intact, no temporary file is left.
        struct Interrupted: Error {}
        XCTAssertThrowsError(try FileOutput.write("tredje", to: path, force: true, beforePublish: { throw Interrupted() }))
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "andre")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir), ["rapport.md"])
    }
}

@Suite(.serialized) final class CLITests: TestCase {
    @Test func testCheckAcceptsTheSampleData() throws {
        let r = try Repo.run(["check", "sample-data"])
        XCTAssertEqual(r.status, 0, r.out + r.err)
        // Bokmål by default, English with --lang en (issue 9, item 21).
        XCTAssertTrue(r.out.contains("sample-data: ok: 13 enheter, 52 indikatorer i katalogen"), r.out)
        let en = try Repo.run(["check", "sample-data", "--lang", "en"])
        XCTAssertTrue(en.out.contains("sample-data: ok: 13 units, 52 indicators in the catalogue"), en.out)
    }

    @Test func testCheckRefusesABrokenCopyWithLocatedMessages() throws {
        let dir = NSTemporaryDirectory() + "tertial-broken-" + UUID().uuidString
        try FileManager.default.copyItem(atPath: Repo.sample, toPath: dir)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/reports/2019-T3.csv"
        var text = try String(contentsOfFile: path, encoding: .utf8)
        text = text.replacingOccurrences(of: "2019-T3;ph-fyllingsdalen;staff_user_experience;0;", with: "2019-T3;ph-fyllingsdalen;staff_user_experience;null;")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let line = text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains(";null;") }! + 1
        let r = try Repo.run(["check", dir, "--lang", "en"])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.out.contains("error: \(dir)/reports/2019-T3.csv:\(line): value: \"null\" is not a number"), r.out)
        let nb = try Repo.run(["check", dir])
        XCTAssertTrue(nb.out.contains("feil: \(dir)/reports/2019-T3.csv:\(line): value: «null» er ikke et tall"), nb.out)
    }

    @Test func testReportCSVFromTheCommandLine() throws {
        let r = try Repo.run(["report", "--period", "2019-T3", "--format", "csv"])
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertTrue(r.out.contains("2019-T3;ephrt;ip_coverage;29,4;40,0;yellow;\n"))
        XCTAssertTrue(r.out.contains("2019-T3;ephrt;activity_share;38,8;50,0;red;\n"))
        let w = try Repo.run(["report", "waitlist", "--at", "31.12.2019", "--format", "csv"])
        XCTAssertTrue(w.out.contains("waiting;10;10;13;2;35\n"), w.out)
        let bad = try Repo.run(["report", "--period", "2019-T4"])
        XCTAssertNotEqual(bad.status, 0)
        XCTAssertTrue(bad.err.contains("Feil: --period 2019-T4 er ikke en periode"), bad.err)
    }

    /// The export and the CLI choose a writer from one enum; an ending it cannot write is refused.
    @Test func testFormatFromFileName() {
        XCTAssertEqual(ReportFormat.forFile("out/vest.md"), .md)
        XCTAssertEqual(ReportFormat.forFile("Vest.HTML"), .html)
        XCTAssertEqual(ReportFormat.forFile("vest.htm"), .html)
        XCTAssertEqual(ReportFormat.forFile("vest.txt"), .text)
        XCTAssertEqual(ReportFormat.forFile("tall.csv"), .csv)
        XCTAssertNil(ReportFormat.forFile("vest.docx"))
        XCTAssertNil(ReportFormat.forFile("vest"))
        XCTAssertNil(ReportFormat.forFile("data.v2/vest"), "a dot in a folder name is not an ending")
        let s = Repo.snapshot
        let vest = s.tree.index["ph-vest"]!
        XCTAssertEqual(ReportFormat.md.render(s, unit: vest, periods: [.tertial(2019, 3)], options: ReportOptions()),
                       TertialReport(snapshot: s, unit: vest, period: .tertial(2019, 3)).text(markdown: true))
        XCTAssertTrue(ReportFormat.csv.render(s, unit: vest, periods: [.tertial(2019, 3)], options: ReportOptions()).hasPrefix("period;unit;indicator;value;target;status;reported\n"))
    }
}
