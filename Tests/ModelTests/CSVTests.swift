import Foundation
import Testing
import XCTestShim
@testable import Model

@Suite(.serialized) final class CSVTests: TestCase {
    func parse(_ s: String) -> CSVTable { CSVTable.parse(bytes: Array(s.utf8), file: "t.csv") }

    @Test func testSemicolonAndCommaAreDetectedFromTheHeader() {
        let a = parse("a;b;c\n1;2,5;3\n")
        XCTAssertEqual(a.delimiter, UInt8(ascii: ";"))
        XCTAssertEqual(a.number(0, 1), .value(2.5))
        let b = parse("a,b,c\n1,2.5,3\n")
        XCTAssertEqual(b.delimiter, UInt8(ascii: ","))
        XCTAssertEqual(b.number(0, 1), .value(2.5))
    }

    @Test func testHeaderIsCaseInsensitiveAndTrimmed() {
        let t = parse(" Period ;UNIT\n2019-T3;x\n")
        XCTAssertEqual(t.header, ["period", "unit"])
        XCTAssertEqual(t.column("unit"), 1)
    }

    @Test func testBOMIsSkipped() {
        let t = CSVTable.parse(bytes: [0xEF, 0xBB, 0xBF] + Array("id;name\nx;y\n".utf8), file: "t.csv")
        XCTAssertEqual(t.header, ["id", "name"])
        XCTAssertFalse(t.decodedAsWindows1252)
    }

    @Test func testWindows1252FallbackDecodesNorwegianLetters() {
        // "Årstad" and "Laksevåg" as Norwegian Excel writes them: Å = 0xC5, å = 0xE5.
        let bytes: [UInt8] = Array("id;name\nx;".utf8) + [0xC5] + Array("rstad Laksev".utf8) + [0xE5] + Array("g\n".utf8)
        let t = CSVTable.parse(bytes: bytes, file: "t.csv")
        XCTAssertTrue(t.decodedAsWindows1252)
        XCTAssertEqual(t.string(0, 1), "Årstad Laksevåg")
    }

    @Test func testQuotedFieldsWithDelimitersQuotesAndNewlines() {
        let t = parse("a;b;c\n\"x;y\";\"he said \"\"hei\"\"\";\"two\nlines\"\nnext;2;3\n")
        XCTAssertEqual(t.rowCount, 2)
        XCTAssertEqual(t.string(0, 0), "x;y")
        XCTAssertEqual(t.string(0, 1), "he said \"hei\"")
        XCTAssertEqual(t.string(0, 2), "two\nlines")
        // The second record starts on physical line 4 (the quoted newline spans lines 2-3).
        XCTAssertEqual(t.line(1), 4)
    }

    @Test func testCRLFAndBlankLines() {
        let t = parse("a;b\r\n1;2\r\n\r\n   \r\n3;4\r\n")
        XCTAssertEqual(t.rowCount, 2)
        XCTAssertEqual(t.line(1), 5)
        XCTAssertEqual(t.string(1, 1), "4")
    }

    @Test func testNumbers() {
        func n(_ s: String, comma: Bool = true) -> CSVTable.NumberField { CSVTable.parseNumber(ArraySlice(s.utf8), decimalComma: comma) }
        XCTAssertEqual(n("12"), .value(12))
        XCTAssertEqual(n("12,5"), .value(12.5))
        XCTAssertEqual(n("12.5"), .value(12.5))
        XCTAssertEqual(n("1 408"), .value(1408))
        XCTAssertEqual(n("1\u{00A0}408,25"), .value(1408.25))
        XCTAssertEqual(n("-3"), .value(-3))
        XCTAssertEqual(n(""), .empty)
        XCTAssertEqual(n("  "), .empty)
        XCTAssertEqual(n("12x"), .invalid)
        XCTAssertEqual(n("1,2,3"), .invalid)
        XCTAssertEqual(n("12,5", comma: false), .invalid)
    }

    @Test func testDatesInBothForms() {
        XCTAssertEqual(Day(parsing: "2019-12-31"), Day(year: 2019, month: 12, day: 31))
        XCTAssertEqual(Day(parsing: "31.12.2019"), Day(year: 2019, month: 12, day: 31))
        XCTAssertNil(Day(parsing: "2019-02-30"))
        XCTAssertNil(Day(parsing: "12/31/2019"))
        XCTAssertEqual(Day(year: 2020, month: 3, day: 1)! - Day(year: 2020, month: 2, day: 28)!, 2) // leap year
        XCTAssertEqual(Day(year: 1970, month: 1, day: 1)!.ordinal, 0)
        XCTAssertEqual(Day(ordinal: 18262).description, "2020-01-01")
    }

    @Test func testPeriods() {
        let t3 = Period(parsing: "2019-T3")!
        XCTAssertEqual(t3.start.description, "2019-09-01")
        XCTAssertEqual(t3.end.description, "2019-12-31")
        XCTAssertEqual(t3.previous, Period.tertial(2019, 2))
        XCTAssertEqual(Period.tertial(2019, 1).previous, Period.tertial(2018, 3))
        XCTAssertEqual(Period(parsing: "2019-11"), Period.month(2019, 11))
        XCTAssertEqual(Period(parsing: "2019"), Period.year(2019))
        XCTAssertNil(Period(parsing: "2019-T4"))
        XCTAssertNil(Period(parsing: "2019-13"))
        XCTAssertEqual(Period.year(2019).parts(.tertial).count, 3)
        XCTAssertEqual(Period.tertial(2019, 2).parts(.month).map(\.index), [5, 6, 7, 8])
        XCTAssertEqual(Period.containing(Day(year: 2020, month: 4, day: 30)!, kind: .tertial), Period.tertial(2020, 1))
    }
}

/// The scanner's rules written the plain way, one byte at a time (the loader's scanner
/// before it learnt to skip to the next delimiter): the fast one must split every input
/// the same way.
enum ReferenceCSV {
    struct Table: Equatable { var header: [String]; var headerLine: Int; var rows: [[[UInt8]]]; var lines: [Int] }

    static func parse(_ bytes: [UInt8], delimiter delim: UInt8) -> Table {
        var out = Table(header: [], headerLine: 1, rows: [], lines: [])
        var haveHeader = false
        var line = 1, i = 0
        let n = bytes.count
        while i < n {
            let recordLine = line
            var fields = [[UInt8]](), field = [UInt8]()
            var blank = true, inQuotes = false, endOfRecord = false
            while i < n && !endOfRecord {
                let b = bytes[i]
                if inQuotes {
                    if b == 34 {
                        if i + 1 < n && bytes[i + 1] == 34 { field.append(34); i += 2; continue }
                        inQuotes = false; i += 1; continue
                    }
                    if b == 10 { line += 1 }
                    field.append(b); i += 1; blank = false
                    continue
                }
                switch b {
                case 34: inQuotes = true; blank = false; i += 1
                case delim: fields.append(field); field = []; blank = false; i += 1
                case 13 where i + 1 < n && bytes[i + 1] == 10: i += 1
                case 10: line += 1; i += 1; endOfRecord = true
                default:
                    if b != 32 && b != 9 && b != 13 { blank = false }
                    field.append(b); i += 1
                }
            }
            if blank { continue }
            fields.append(field)
            if !haveHeader {
                haveHeader = true
                out.header = fields.map { String(decoding: $0, as: UTF8.self).trimmingSpaces.lowercased() }
                out.headerLine = recordLine
                continue
            }
            out.rows.append(fields); out.lines.append(recordLine)
        }
        return out
    }
}

@Suite(.serialized) final class CSVScannerTests: TestCase {
    /// 20 000 random inputs over the bytes that matter (delimiters, quotes, CR, LF, spaces,
    /// tabs, letters, a two-byte letter): every field's bytes, every row's line, the header.
    @Test func testTheFastScannerSplitsLikeTheByteAtATimeOne() {
        var seed: UInt64 = 11
        func next(_ n: Int) -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int((seed >> 33) % UInt64(n))
        }
        let alphabet: [[UInt8]] = [[59], [44], [34], [34, 34], [13], [10], [13, 10], [32], [9], [97], [49], [0xC3, 0xA5], [98, 99, 100]]
        var withQuotes = 0, withBlankLines = 0
        for _ in 0..<20_000 {
            var bytes = [UInt8]()
            for _ in 0..<next(60) { bytes += alphabet[next(alphabet.count)] }
            let t = CSVTable.parse(bytes: bytes, file: "r.csv")
            let ref = ReferenceCSV.parse(bytes, delimiter: t.delimiter)
            var rows = [[[UInt8]]]()
            for r in 0..<t.rowCount {
                var fields = [[UInt8]]()
                var c = 0
                while let range = t.range(r, c) { fields.append(Array(t.storage[range])); c += 1 }
                rows.append(fields)
            }
            let got = ReferenceCSV.Table(header: t.header, headerLine: t.headerLine, rows: rows, lines: (0..<t.rowCount).map(t.line))
            XCTAssertEqual(got, ref, "input \(bytes)")
            if got != ref { return }
            if bytes.contains(34) { withQuotes += 1 }
            if ref.lines.count > 1 && zip(ref.lines, ref.lines.dropFirst()).contains(where: { $1 - $0 > 1 }) { withBlankLines += 1 }
        }
        XCTAssertGreaterThan(withQuotes, 1000)
        XCTAssertGreaterThan(withBlankLines, 100)
    }
}
