import Foundation
import Testing
import TestSupport
@testable import Model
@testable import Reports
@testable import Store

/// Issue 21, item 3: every CSV tertial writes goes through `CSVWriter`, and what it writes
/// reads back as written, with tertial's own reader and with Python's csv module.
@Suite(.serialized) final class CSVRoundTripTests: TestCase {
    /// The records Python's csv module reads from `text` (`;`, the file opened with newline='').
    static func python(_ text: String) throws -> [[String]] {
        let dir = NSTemporaryDirectory() + "tertial-csv-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let file = dir + "/t.csv"
        try Data(text.utf8).write(to: URL(fileURLWithPath: file))
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", "import csv, json, sys; print(json.dumps(list(csv.reader(open(sys.argv[1], newline='', encoding='utf-8'), delimiter=';'))))", file]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        XCTAssertEqual(p.terminationStatus, 0, "python3's csv module ran")
        return try JSONDecoder().decode([[String]].self, from: data)
    }

    /// Tertial's reader: the header and the rows, each field untrimmed.
    static func tertial(_ text: String) -> [[String]] {
        let t = CSVTable.parse(bytes: Array(text.utf8), file: "t.csv")
        // A text over lines that holds `;` is warned of (it may hide rows); nothing else.
        XCTAssertEqual(t.problems.filter { if case .quoteHoldsRows = $0.kind { false } else { true } }, [], "no problem reading what tertial wrote")
        var rows = [t.header]
        for r in 0..<t.rowCount {
            var fields = [String](), c = 0
            while let range = t.range(r, c) { fields.append(String(decoding: t.storage[range], as: UTF8.self)); c += 1 }
            rows.append(fields)
        }
        return rows
    }

    @Test func testRandomFieldsComeBackAsWrittenWithBothReaders() throws {
        var seed: UInt64 = 21
        func next(_ n: Int) -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int((seed >> 33) % UInt64(n))
        }
        let pieces = [";", "\"", "\n", "\t", ",", "a", "Å", "ø", " ", "12,5", "\"\"", "; \"x", "skjerm 24\" levert", "=SUM(A1)"]
        var records = [["header_a", "header_b", "header_c"]]
        for _ in 0..<400 {
            records.append((0..<3).map { c in
                var s = c == 0 ? "r" : "" // a row never blank
                for _ in 0..<next(6) { s += pieces[next(pieces.count)] }
                return s
            })
        }
        let text = records.map(CSVWriter.line).joined()
        let mine = Self.tertial(text)
        XCTAssertEqual(mine.dropFirst().map { $0 }, records.dropFirst().map { $0 })
        XCTAssertEqual(try Self.python(text), records)
    }

    @Test func testControlCharactersAreWrittenVisibly() {
        let line = CSVWriter.line(["own\u{1B}]0;HACKED\u{07}", "a\rb", "\u{9B}2J", "x\u{202E}y", "tab\there\nnext"])
        XCTAssertFalse(line.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x0D || $0.value == 0x9B || $0.value == 0x202E })
        XCTAssertTrue(line.contains("own\\u001b]0;HACKED\\u0007"), line)
        XCTAssertTrue(line.contains("a\\u000db"), line)
        XCTAssertTrue(line.contains("\"tab\there\nnext\""), line)
    }

    /// `report corporater` changed `;` to `,` and line breaks to spaces in a comment; now the
    /// comment reaches Corporater's field as it was written.
    @Test func testTheCorporaterSheetKeepsAComment() throws {
        let s = Repo.snapshot
        let vest = s.tree.index["ph-vest"]!
        let comment = "Tiltak: a; b\n\"Skjerm 24\" levert\""
        let key = Entry.Key(unit: "ph-vest", indicator: "service_users", period: .tertial(2020, 3))
        let book = FollowUpBook(entries: [Entry(id: 1, kind: .comment, key: key, text: comment, createdAt: "2020-12-01T10:00:00Z",
                                                createdBy: "leder", updatedAt: "2020-12-01T10:00:00Z", updatedBy: "leder")], token: 1)
        let csv = CorporaterSheet(snapshot: s, unit: vest, period: .tertial(2020, 3), display: Display(lang: .nb), followUp: book).csv(lang: .nb)
        for rows in [Self.tertial(csv), try Self.python(csv)] {
            XCTAssertEqual(rows[0], ["period", "unit", "indicator", "name", "value", "source", "reported", "flag", "comment"])
            let row = rows.first { $0.count > 2 && $0[1] == "ph-vest" && $0[2] == "service_users" }
            XCTAssertEqual(row?.last, comment)
            XCTAssertTrue(rows.dropFirst().allSatisfy { $0.count == 9 }, "every row has the header's fields")
        }
    }

    /// The follow-up list and the store's export: a text with `;`, quotes and a line break.
    @Test func testTheFollowUpListAndTheExportKeepTheirTexts() throws {
        let text = "Møte 3; \"avklart\"\nneste linje"
        let key = Entry.Key(unit: "ph-vest", indicator: "staff", period: .tertial(2020, 3))
        let e = Entry(id: 7, kind: .action, key: key, text: text, owner: "Kari; Nordmann", due: Day(year: 2021, month: 1, day: 15), status: .planned,
                      note: "x\"y", createdAt: "2020-12-01T10:00:00Z", createdBy: "leder", updatedAt: "2020-12-01T10:00:00Z", updatedBy: "leder")
        let list = FollowUpReport.render([e], snapshot: nil, format: .csv, lang: .nb, today: Day(year: 2020, month: 12, day: 3)!)
        for rows in [Self.tertial(list), try Self.python(list)] {
            XCTAssertEqual(rows.count, 2)
            XCTAssertEqual(rows[1][5], text)
            XCTAssertEqual(rows[1][6], "Kari; Nordmann")
            XCTAssertEqual(rows[1][10], "x\"y")
        }
        let row = FollowUpExport.Row(entryID: 7, kind: .action, key: key, change: .created, at: "2020-12-01T10:00:00Z", by: "leder", text: text,
                                     owner: "Kari; Nordmann", due: Day(year: 2021, month: 1, day: 15), status: .planned, note: "x\"y", supersededBy: nil)
        let export = FollowUpExport.csv([row])
        XCTAssertEqual(try FollowUpExport.parse(Array(export.utf8), file: "e.csv"), [row])
        XCTAssertEqual(try Self.python(export)[1][8], text)
    }
}
