import Foundation
import Testing
import TestSupport
@testable import Model

/// Issue 21, items 1 and 2, on copies of the sample data: a stray quote or a lone CR never
/// drops a row; what cannot be read is an error at its line, and the rows after it are read.
@Suite(.serialized) final class StrayQuoteTests: TestCase {
    static var sample: String { SampleData.directory }

    var dir = ""
    override func setUpWithError() throws {
        dir = NSTemporaryDirectory() + "tertial-quote-" + UUID().uuidString
        try FileManager.default.copyItem(atPath: Self.sample, toPath: dir)
    }
    deinit { try? FileManager.default.removeItem(atPath: dir) }

    func lines(_ file: String) throws -> [String] {
        try String(contentsOfFile: dir + "/" + file, encoding: .utf8).components(separatedBy: "\n")
    }
    func write(_ file: String, _ lines: [String], ending: String = "\n") throws {
        try lines.joined(separator: ending).write(toFile: dir + "/" + file, atomically: true, encoding: .utf8)
    }
    /// Replaces the last field of line `n` (1-based) of `file`.
    func setLastField(_ file: String, line n: Int, _ text: String) throws {
        var l = try lines(file)
        var f = l[n - 1].components(separatedBy: ";")
        f[f.count - 1] = text
        l[n - 1] = f.joined(separator: ";")
        try write(file, l)
    }
    func set(_ file: String, line n: Int, field k: Int, _ text: String) throws {
        var l = try lines(file)
        var f = l[n - 1].components(separatedBy: ";")
        f[k] = text
        l[n - 1] = f.joined(separator: ";")
        try write(file, l)
    }

    static let whole = Loader(directory: sample).load().dataset!

    /// `skjerm 24" levert` in a comment made the rest of reports/2020-T1.csv vanish (68
    /// values) while check said ok.
    @Test func testAQuoteInsideACommentIsAnOrdinaryCharacter() throws {
        try setLastField("reports/2020-T1.csv", line: 3, "skjerm 24\" levert")
        let r = Loader(directory: dir).load()
        XCTAssertEqual(r.diagnostics.errors, [])
        let ds = try XCTUnwrap(r.dataset)
        XCTAssertEqual(ds.reports.count, Self.whole.reports.count, "every value is read")
        XCTAssertTrue((0..<ds.reports.count).contains { ds.reports[$0].comment == "skjerm 24\" levert" })
    }

    /// `flyttet til "annen kommune` in left_reason left 10 of 134 cases.
    @Test func testAQuoteInLeftReasonKeepsEveryCase() throws {
        let l = try lines("waitlist.csv")
        let n = try XCTUnwrap(l.firstIndex { $0.contains(";Flyttet fra kommunen;") }) + 1
        try set("waitlist.csv", line: n, field: 8, "flyttet til \"annen kommune")
        let ds = try XCTUnwrap(Loader(directory: dir).load().dataset)
        XCTAssertEqual(ds.waitlist.count, Self.whole.waitlist.count)
        XCTAssertEqual(ds.waitlist.count, 134)
    }

    /// A quote in a header name (`comme"nt`) dropped the whole file.
    @Test func testAQuoteInAHeaderNameKeepsTheFile() throws {
        var l = try lines("reports/2020-T1.csv")
        l[0] = "period;unit;indicator;value;comme\"nt"
        try write("reports/2020-T1.csv", l)
        let r = Loader(directory: dir).load()
        let ds = try XCTUnwrap(r.dataset, r.diagnostics.map(\.description).joined(separator: "\n"))
        XCTAssertEqual(ds.reports.count, Self.whole.reports.count)
    }

    /// A field that opens with a quote and never closes: an error at its line; the row is
    /// not read, every row after it is, and the dashboard's partial data keeps them.
    @Test func testAnOpenQuoteIsAnErrorAtItsLineAndTheRowsAfterItAreRead() throws {
        let before = try lines("reports/2020-T1.csv").filter { !$0.isEmpty }.count - 1
        try setLastField("reports/2020-T1.csv", line: 5, "\"skjerm 24 levert")
        let r = Loader(directory: dir).load()
        XCTAssertNil(r.dataset)
        XCTAssertEqual(r.diagnostics.errors.map { "\($0.file):\($0.line ?? 0)" }, ["reports/2020-T1.csv:5"])
        XCTAssertTrue(r.diagnostics.errors[0].text(norwegian: false).contains("never closed"), r.diagnostics.errors[0].description)
        let partial = try XCTUnwrap(r.partial)
        let rows = (0..<partial.reports.count).filter { partial.reports[$0].source.file == "reports/2020-T1.csv" }
        XCTAssertEqual(rows.count, before - 1, "only the row with the open quote is missing")
        XCTAssertEqual(partial.reports.count, Self.whole.reports.count - 1)
    }

    /// A quote that opens a field in one row and closes in a later one: the rows between
    /// are taken into the text (as any RFC 4180 reader reads them) and a warning names them.
    @Test func testRowsTakenIntoAQuotedTextAreNamed() throws {
        try setLastField("reports/2020-T1.csv", line: 5, "\"skjerm 24")
        try setLastField("reports/2020-T1.csv", line: 8, "levert\"")
        let r = Loader(directory: dir).load()
        let w = r.diagnostics.warnings.filter { $0.file == "reports/2020-T1.csv" }
        XCTAssertEqual(w.map { $0.line ?? 0 }, [5])
        XCTAssertTrue(w.first?.text(norwegian: false).contains("from line 5 to line 8") ?? false, w.first?.description ?? "")
    }

    /// A lone CR (old Mac, mixed endings) glued the next row into a comment.
    @Test func testALoneCRIsALineEnd() throws {
        let l = try lines("reports/2020-T1.csv").filter { !$0.isEmpty }
        // Mixed: CR, CRLF and LF in turn.
        var text = ""
        for (k, x) in l.enumerated() { text += x + ["\r", "\r\n", "\n"][k % 3] }
        try text.write(toFile: dir + "/reports/2020-T1.csv", atomically: true, encoding: .utf8)
        let r = Loader(directory: dir).load()
        XCTAssertEqual(r.diagnostics.errors, [])
        let ds = try XCTUnwrap(r.dataset)
        XCTAssertEqual(ds.reports.count, Self.whole.reports.count)
        // Line numbers count a lone CR as a line end.
        let last = (0..<ds.reports.count).map { ds.reports[$0].source }.filter { $0.file == "reports/2020-T1.csv" }.map(\.line).max()
        XCTAssertEqual(last, l.count)
    }

    /// A row with more fields than the header: an error naming the field over, unless the
    /// last column is free text (a comment), which then takes the rest, with a warning.
    @Test func testARowWithMoreFieldsThanTheHeaderIsNeverSilent() throws {
        try setLastField("reports/2020-T1.csv", line: 2, "god; bedre")
        var r = Loader(directory: dir).load()
        var ds = try XCTUnwrap(r.dataset)
        XCTAssertEqual(r.diagnostics.warnings.map { "\($0.file):\($0.line ?? 0):\($0.field ?? "")" }, ["reports/2020-T1.csv:2:comment"])
        XCTAssertTrue((0..<ds.reports.count).contains { ds.reports[$0].comment == "god; bedre" })
        // targets.csv ends in a number: a field over is an error.
        let t = try lines("targets.csv")
        try write("targets.csv", [t[0], t[1] + ";7"] + t.dropFirst(2))
        r = Loader(directory: dir).load()
        XCTAssertEqual(r.diagnostics.errors.map { "\($0.file):\($0.line ?? 0)" }, ["targets.csv:2"])
        XCTAssertTrue(r.diagnostics.errors[0].text(norwegian: false).contains("\"7\""), r.diagnostics.errors[0].description)
        ds = try XCTUnwrap(r.partial)
        XCTAssertEqual(ds.targets.count, Self.whole.targets.count - 1)
    }
}
