import Foundation
import Testing
import TestSupport
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

/// The reader's rules (docs/data-format.md, "CSV conventions") written the plain way, as a
/// state machine one byte at a time: the fast scanner must split every input the same way
/// and find the same problems at the same lines.
enum ReferenceCSV {
    struct Table: Equatable {
        var header: [String]; var headerLine: Int; var rows: [[[UInt8]]]; var lines: [Int]; var problems: [CSVProblem]
    }

    enum State { case start, plain, quoted, quoteSeen, after }
    enum Outcome { case record([[UInt8]], blank: Bool, next: Int, line: Int, delimiterLine: Int?, lastLine: Int)
                   case headerOpen, refused(CSVProblem.Kind) }

    static func record(_ b: [UInt8], from start: Int, line startLine: Int, delimiter d: UInt8, header: Bool, literal: Bool) -> Outcome {
        var state = State.start, fields = [[UInt8]](), field = [UInt8]()
        var blank = true, line = startLine, openLine = startLine, delimiterLine: Int? = nil
        var i = start
        func lineBreak(_ k: Int) -> Int? { // the length of a line break at k
            if b[k] == 10 { return 1 }
            if b[k] == 13 { return k + 1 < b.count && b[k + 1] == 10 ? 2 : 1 }
            return nil
        }
        while i < b.count {
            let c = b[i]
            if c == d && line > startLine && delimiterLine == nil { delimiterLine = line }
            switch state {
            case .start where !literal && (c == 32 || c == 9):
                field.append(c); i += 1
            case .start where !literal && c == 34:
                field = []; state = .quoted; openLine = line; blank = false; i += 1
            case .start, .plain, .after:
                if c == d { fields.append(field); field = []; state = .start; blank = false; i += 1; continue }
                if let k = lineBreak(i) {
                    fields.append(field)
                    return .record(fields, blank: blank, next: i + k, line: line + 1, delimiterLine: delimiterLine, lastLine: line)
                }
                if state != .after && c != 32 && c != 9 { blank = false }
                if state == .start { state = .plain }
                field.append(c); i += 1
            case .quoted:
                if c == 34 { state = .quoteSeen; i += 1; continue }
                if let k = lineBreak(i) {
                    if header { return .headerOpen }
                    if line + 1 - openLine + 1 > CSVTable.maxQuotedLines { return .refused(.quoteTooLong(openedAt: openLine)) }
                    field.append(10); i += k; line += 1
                    continue
                }
                field.append(c); i += 1
            case .quoteSeen:
                if c == 34 { field.append(34); state = .quoted; i += 1 } else { state = .after }
            }
        }
        if state == .quoted { return header ? .headerOpen : .refused(.quoteNeverClosed(openedAt: openLine)) }
        fields.append(field)
        return .record(fields, blank: blank, next: i, line: line, delimiterLine: delimiterLine, lastLine: line)
    }

    static func parse(_ bytes: [UInt8], delimiter d: UInt8) -> Table {
        var out = Table(header: [], headerLine: 1, rows: [], lines: [], problems: [])
        var header: [String]? = nil
        var i = 0, line = 1
        while i < bytes.count {
            var outcome = record(bytes, from: i, line: line, delimiter: d, header: header == nil, literal: false)
            if case .headerOpen = outcome {
                out.problems.append(CSVProblem(line: line, kind: .headerQuoteOpen))
                outcome = record(bytes, from: i, line: line, delimiter: d, header: true, literal: true)
            }
            switch outcome {
            case .headerOpen: fatalError("a literal header always ends")
            case .refused(let kind):
                out.problems.append(CSVProblem(line: line, kind: kind))
                while i < bytes.count && bytes[i] != 10 && bytes[i] != 13 { i += 1 }
                if i < bytes.count { i += bytes[i] == 13 && i + 1 < bytes.count && bytes[i + 1] == 10 ? 2 : 1 }
                line += 1
            case let .record(fields, blank, next, nextLine, delimiterLine, lastLine):
                defer { i = next; line = nextLine }
                if blank { continue }
                var fields = fields
                if fields.count > CSVTable.maxFieldsPerRow {
                    out.problems.append(CSVProblem(line: line, kind: .tooManyFields(fields: fields.count)))
                    if header != nil { continue }
                    fields = Array(fields.prefix(CSVTable.maxFieldsPerRow))
                }
                guard let h = header else {
                    header = fields.map { String(decoding: $0, as: UTF8.self).trimmingSpaces.lowercased() }
                    out.header = header!; out.headerLine = line
                    continue
                }
                if let w = delimiterLine { out.problems.append(CSVProblem(line: line, kind: .quoteHoldsRows(lineWithDelimiter: w, lastLine: lastLine))) }
                let filled = fields.indices.filter { !fields[$0].allSatisfy { $0 == 32 || $0 == 9 } }
                if let last = filled.last, last >= h.count {
                    let first = filled.first { $0 >= h.count }!
                    out.problems.append(CSVProblem(line: line, kind: .extraFields(fields: last + 1, header: h.count,
                                                   text: String(decoding: fields[first], as: UTF8.self).trimmingSpaces)))
                }
                out.rows.append(fields); out.lines.append(line)
            }
        }
        return out
    }
}

@Suite(.serialized) final class CSVScannerTests: TestCase {
    /// The fast scanner's table as the reference's kind of table.
    static func table(_ t: CSVTable) -> ReferenceCSV.Table {
        var rows = [[[UInt8]]]()
        for r in 0..<t.rowCount {
            var fields = [[UInt8]]()
            var c = 0
            while let range = t.range(r, c) { fields.append(Array(t.storage[range])); c += 1 }
            rows.append(fields)
        }
        return ReferenceCSV.Table(header: t.header, headerLine: t.headerLine, rows: rows, lines: (0..<t.rowCount).map(t.line), problems: t.problems)
    }

    /// A field's text is made by copying its bytes into a new string (issue 27): it must be
    /// the text `String(decoding:as:)` gives, invalid UTF-8 repaired the same way, for
    /// random bytes (ASCII, æøå, stray continuation and lead bytes, a 4-byte letter cut
    /// short), short and long, at any offset.
    @Test func testAFieldsTextIsTheDecodedBytes() {
        var rng = SystemRandomNumberGenerator()
        let pieces: [[UInt8]] = [[97], [48], [32], Array("æ".utf8), Array("ø".utf8), [0x80], [0xC3], [0xFF], Array("😀".utf8), [0xF0, 0x9F, 0x98], [0xED, 0xA0, 0x80], [0]]
        for _ in 0..<20_000 {
            let bytes = (0..<Int.random(in: 0...24, using: &rng)).flatMap { _ in pieces.randomElement(using: &rng)! }
            let a = Int.random(in: 0...bytes.count, using: &rng), b = Int.random(in: a...bytes.count, using: &rng)
            XCTAssertEqual(Array(CSVTable.text(bytes, a..<b).unicodeScalars), Array(String(decoding: bytes[a..<b], as: UTF8.self).unicodeScalars), "\(bytes[a..<b])")
        }
    }

    /// 20 000 random inputs over the bytes that matter (delimiters, quotes, CR, LF, CRLF,
    /// spaces, tabs, letters, a two-byte letter, long plain runs): every field's bytes, every row's line,
    /// the header, and every problem with its line.
    @Test func testTheFastScannerSplitsLikeTheByteAtATimeOne() {
        var seed: UInt64 = 11
        func next(_ n: Int) -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int((seed >> 33) % UInt64(n))
        }
        // With runs of 10 and 17 plain bytes: fields longer than the eight bytes the scanner
        // reads at a time, ended by each of the delimiters, LF or CR at any place in a word.
        let alphabet: [[UInt8]] = [[59], [44], [34], [34, 34], [13], [10], [13, 10], [32], [9], [97], [49], [0xC3, 0xA5], [98, 99, 100], [59, 34], [10, 34],
                                   Array("abcdefghij".utf8), Array("klmnopqrstuvwxyz0".utf8)]
        var withQuotes = 0, withBlankLines = 0, withProblems = Set<String>()
        for _ in 0..<20_000 {
            var bytes = [UInt8]()
            for _ in 0..<next(60) { bytes += alphabet[next(alphabet.count)] }
            let t = CSVTable.parse(bytes: bytes, file: "r.csv")
            let ref = ReferenceCSV.parse(bytes, delimiter: t.delimiter)
            FuzzEntry.csv(bytes) // what the fuzz target asserts holds here too (a violation traps)
            let got = Self.table(t)
            XCTAssertEqual(got, ref, "input \(bytes)")
            if got != ref { return }
            if bytes.contains(34) { withQuotes += 1 }
            if ref.lines.count > 1 && zip(ref.lines, ref.lines.dropFirst()).contains(where: { $1 - $0 > 1 }) { withBlankLines += 1 }
            for p in ref.problems { withProblems.insert("\(p.kind)".prefix(while: { $0 != "(" }).description) }
        }
        XCTAssertGreaterThan(withQuotes, 1000)
        XCTAssertGreaterThan(withBlankLines, 100)
        // Every kind of problem but the one that needs 100 lines came up.
        XCTAssertEqual(withProblems, ["quoteNeverClosed", "quoteHoldsRows", "headerQuoteOpen", "extraFields"])
    }

    /// The property of issue 21: no row is lost without a diagnostic. Files are generated
    /// from the rows meant (the ground truth, not a reader), with stray quotes (in a field,
    /// and opening a field that is never closed), quoted fields over lines, LF, CRLF and
    /// lone CR endings, blank lines, and rows shorter and longer than the header. Every row
    /// meant is read at its line, or a problem names a span of lines that holds it; a row
    /// that is clean and follows only clean rows is read exactly, with an error exactly
    /// when it has more filled fields than the header; and before the first stray quote
    /// nothing is read that was not meant.
    @Test func testNoRowIsLostWithoutALocatedProblem() {
        var seed: UInt64 = 2026
        func next(_ n: Int) -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int((seed >> 33) % UInt64(n))
        }
        let endings: [[UInt8]] = [[10], [13, 10], [13]]
        let letters: [[UInt8]] = [[97], [98], [49], [0xC3, 0xA5], [32], [45]]
        var refusedSeen = 0, warnedSeen = 0, extraSeen = 0, rowsChecked = 0
        for _ in 0..<3_000 {
            let d: UInt8 = next(2) == 0 ? 59 : 44
            let columns = 2 + next(5)
            var bytes = Array((0..<columns).map { "c\($0)" }.joined(separator: String(UnicodeScalar(d))).utf8) + endings[next(3)]
            var line = 2
            struct Meant { var line: Int; var span: ClosedRange<Int>; var fields: [[UInt8]]; var clean: Bool; var extra: Bool; var delimiterInside: Bool }
            var meant = [Meant]()
            let rowCount = 1 + next(25)
            for r in 0..<rowCount {
                if next(8) == 0 { bytes += [32, 9]; bytes += endings[next(3)]; line += 1 }
                let count = max(2, columns - 2 + next(5))
                var fields = [Array("r\(r)".utf8)], raw = Array("r\(r)".utf8), clean = true
                let first = line
                for _ in 1..<count {
                    raw.append(d)
                    var text = [UInt8]()
                    switch next(40) {
                    case 0...3: // quoted, with the delimiter, quotes and line breaks inside
                        raw.append(34)
                        for _ in 0..<next(6) {
                            switch next(5) {
                            case 0: text.append(d); raw.append(d)
                            case 1: text.append(34); raw += [34, 34]
                            case 2: // a lone CR is kept apart from a following LF
                                let k = next(3)
                                text += [[10], [10], [10, 97]][k]; raw += [[10], [13, 10], [13, 97]][k]; line += 1
                            default: let l = letters[next(letters.count)]; text += l; raw += l
                            }
                        }
                        raw.append(34)
                    case 4: // a stray quote that opens the field and is never closed
                        text += [34, 115]; raw += [34, 115]; clean = false
                    case 5...7: // a stray quote inside a field: an ordinary character
                        text += [50, 52, 34, 32, 108]; raw += [50, 52, 34, 32, 108]
                    default:
                        for _ in 0..<next(4) { let l = letters[next(letters.count)]; text += l; raw += l }
                    }
                    fields.append(text)
                }
                // The delimiter on a line after the row's first (the reader's warning).
                var k = 0, onLaterLine = false, delimiterInside = false
                while k < raw.count {
                    if raw[k] == 10 || (raw[k] == 13 && !(k + 1 < raw.count && raw[k + 1] == 10)) { onLaterLine = true }
                    if raw[k] == d && onLaterLine { delimiterInside = true }
                    k += 1
                }
                let filled = fields.indices.filter { !fields[$0].allSatisfy { $0 == 32 || $0 == 9 } }
                meant.append(Meant(line: first, span: first...line, fields: fields, clean: clean,
                                   extra: (filled.last ?? 0) >= columns, delimiterInside: delimiterInside))
                bytes += raw
                if r < rowCount - 1 || next(2) == 0 { bytes += endings[next(3)]; line += 1 }
            }
            let t = CSVTable.parse(bytes: bytes, file: "p.csv")
            XCTAssertEqual(t.delimiter, d)
            let got = Self.table(t)
            func span(_ p: CSVProblem) -> ClosedRange<Int> {
                if case .quoteHoldsRows(_, let last) = p.kind { return p.line...last }
                return p.line...p.line
            }
            var allClean = true
            for m in meant {
                rowsChecked += 1
                let k = got.lines.firstIndex(of: m.line)
                let covered = got.problems.contains { span($0).contains(m.line) }
                XCTAssertTrue(k != nil || covered, "row at line \(m.line) neither read nor named: \(bytes)")
                allClean = allClean && m.clean
                if allClean {
                    XCTAssertNotNil(k, "a clean row at line \(m.line) is read: \(bytes)")
                    if let k { XCTAssertEqual(got.rows[k], m.fields, "row at line \(m.line): \(bytes)") }
                    let extra = got.problems.contains { $0.line == m.line && { if case .extraFields = $0.kind { true } else { false } }($0) }
                    XCTAssertEqual(extra, m.extra, "extra fields at line \(m.line): \(bytes)")
                    let warned = got.problems.contains { $0.line == m.line && { if case .quoteHoldsRows = $0.kind { true } else { false } }($0) }
                    XCTAssertEqual(warned, m.delimiterInside, "a quoted text over lines with the delimiter at line \(m.line): \(bytes)")
                    if m.extra { extraSeen += 1 }
                    if m.delimiterInside { warnedSeen += 1 }
                }
                if !m.clean, got.problems.contains(where: { $0.line == m.line && $0.refusesRecord }) { refusedSeen += 1 }
            }
            for l in got.lines {
                // Only after a stray quote can a row be read where none starts (the rest of a
                // row that the quote took in, read again after the refused record).
                XCTAssertTrue(meant.contains { m in m.line == l || (!m.clean && m.line <= l) },
                              "line \(l) was read as a row but no row starts there: \(bytes)")
            }
            if got.lines.count + got.problems.count == 0 && !meant.isEmpty { XCTFail("nothing read: \(bytes)"); return }
        }
        XCTAssertGreaterThan(rowsChecked, 20_000)
        XCTAssertGreaterThan(refusedSeen, 200)
        XCTAssertGreaterThan(warnedSeen, 100)
        XCTAssertGreaterThan(extraSeen, 500)
    }

    /// Issue 21, item 17: a line of 50 million fields took 1.6 GB; a row over the bound is
    /// refused at its line (and the rows after it read), a header keeps its first names.
    @Test func testARowWithTooManyFieldsIsRefusedAndTheRestRead() {
        let wide = Array(repeating: "x", count: 1_500).joined(separator: ";")
        let text = "a;b;c\n1;2;3\n" + wide + "\n\"q\";" + wide + "\n4;5;6\n"
        let t = CSVTable.parse(bytes: Array(text.utf8), file: "w.csv")
        XCTAssertEqual(t.problems, [CSVProblem(line: 3, kind: .tooManyFields(fields: 1_500)), CSVProblem(line: 4, kind: .tooManyFields(fields: 1_501))])
        XCTAssertEqual((0..<t.rowCount).map(t.line), [2, 5])
        XCTAssertEqual(t.string(1, 2), "6")
        XCTAssertEqual(Self.table(t), ReferenceCSV.parse(Array(text.utf8), delimiter: 59))
        let header = CSVTable.parse(bytes: Array((wide + "\n1;2\n").utf8), file: "h.csv")
        XCTAssertEqual(header.header.count, CSVTable.maxFieldsPerRow)
        XCTAssertEqual(header.rowCount, 1)
        XCTAssertEqual(header.diagnostics.map(\.severity), [.error])
    }
}
