import Spreadsheet
import Foundation

/// A parsed CSV file: the header and every non-blank row, as byte ranges into one buffer.
///
/// Hand-written rather than SwiftCSV / CSV.swift: those build a `String` per field and
/// per row, while the loader needs bytes (numbers parsed without allocating), the
/// physical line number of every row for diagnostics, delimiter detection from the
/// header, and a Windows-1252 fallback. The `tertial-bench` benchmark measures it
/// against the floor of reading the files.
public struct CSVTable: Sendable {
    public let file: String
    public let delimiter: UInt8
    /// Column names, lower-cased and trimmed.
    public let header: [String]
    public let headerLine: Int
    /// True when the file was not valid UTF-8 and was decoded as Windows-1252.
    public let decodedAsWindows1252: Bool
    /// What the reader found wrong, in the order of the file (see `diagnostics`).
    public let problems: [CSVProblem]
    /// True when the header's last column is free text, which takes the rest of a long row
    /// (`freeTextColumns`), and a row is longer than the header.
    public let lastColumnTakesRest: Bool

    @usableFromInline let storage: [UInt8]
    @usableFromInline let fieldStart: [Int32]
    @usableFromInline let fieldEnd: [Int32]
    @usableFromInline let rowFirst: [Int32]
    @usableFromInline let rowLine: [Int32]

    public var rowCount: Int { rowLine.count }

    public func line(_ row: Int) -> Int { Int(rowLine[row]) }

    public func column(_ name: String) -> Int? { header.firstIndex(of: name) }

    @inline(__always) @inlinable func range(_ row: Int, _ col: Int) -> Range<Int>? {
        let first = Int(rowFirst[row])
        let next = row + 1 < rowFirst.count ? Int(rowFirst[row + 1]) : fieldStart.count
        guard col >= 0, first + col < next else { return nil }
        return Int(fieldStart[first + col])..<Int(fieldEnd[first + col])
    }

    /// Free-text columns that, as the last column of a file, take the rest of a row that has
    /// more fields than the header (a comment with an unquoted `;`, typed by hand).
    public static let freeTextColumns: Set<String> = ["comment", "left_reason", "name"]


    /// The trimmed text of a field; empty when the row is shorter than the header. The last
    /// column, when free text, holds the rest of a row longer than the header, joined by the
    /// delimiter (with a warning, see `diagnostics`).
    public func string(_ row: Int, _ col: Int?) -> String {
        guard let col, let r = range(row, col) else { return "" }
        if lastColumnTakesRest, col == header.count - 1, range(row, col + 1) != nil { return rest(row, from: col) }
        return CSVTable.text(storage, trimmed(r))
    }

    /// A field's range without the spaces and tabs at its ends (every text field's trimming).
    @inline(__always)
    func trimmed(_ r: Range<Int>) -> Range<Int> {
        storage.withUnsafeBufferPointer { buf -> Range<Int> in
            // `range` is within the storage: the bytes are read unchecked.
            guard let b = buf.baseAddress else { return r }
            var lo = r.lowerBound, hi = r.upperBound
            while lo < hi, b[lo] == 32 || b[lo] == 9 { lo &+= 1 }
            while lo < hi, b[hi &- 1] == 32 || b[hi &- 1] == 9 { hi &-= 1 }
            return lo..<hi
        }
    }

    /// A field's trimmed range (spaces and tabs off both ends, as `string` trims) when it can be
    /// taken as a key by its bytes alone: not empty, all ASCII (its own normal form), with
    /// fewer than eleven digits (so it holds no identity number: `IdentityNumber.quickDigits`
    /// on the same bytes), and not a long row's last free-text column. Nil sends the field the
    /// `String` way, which decides the rest (issue 27: the pseudonyms of 800 000 register rows).
    @inline(__always)
    func plainASCIIKey(_ row: Int, _ col: Int) -> Range<Int>? {
        guard let whole = range(row, col), !(lastColumnTakesRest && col == header.count - 1) else { return nil }
        let r = trimmed(whole)
        guard !r.isEmpty else { return nil }
        return storage.withUnsafeBufferPointer { buf -> Range<Int>? in
            guard let b = buf.baseAddress else { return nil }
            var digits = 0, high: UInt8 = 0, k = r.lowerBound
            while k < r.upperBound {
                let c = b[k]
                high |= c
                digits &+= c &- 48 < 10 ? 1 : 0
                k &+= 1
            }
            return digits < 11 && high < 0x80 ? r : nil
        }
    }

    /// Whether two ranges of the storage hold the same bytes.
    @inline(__always)
    func sameBytes(_ a: Range<Int>, _ b: Range<Int>) -> Bool {
        a.count == b.count && storage.withUnsafeBufferPointer { buf in
            guard let p = buf.baseAddress else { return true }
            return memcmp(p + a.lowerBound, p + b.lowerBound, a.count) == 0
        }
    }

    /// The bytes of a range of the storage, to a body (a key's look-up).
    @inline(__always)
    func withBytes<R>(_ r: Range<Int>, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        storage.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[r])) }
    }

    /// The bytes as a `String`, invalid UTF-8 repaired as `String(decoding:as:)` repairs it.
    /// Copied into the string's own storage in one move: `String(decoding:)` over an
    /// `ArraySlice` took 310 instructions a field and this 190 (issue 27; 3.6 million
    /// fields in the generated data). A test holds the two equal on random bytes.
    @inline(__always)
    static func text(_ bytes: [UInt8], _ r: Range<Int>) -> String {
        guard !r.isEmpty else { return "" }
        return bytes.withUnsafeBufferPointer { b in
            String(unsafeUninitializedCapacity: r.count) { out in
                out.baseAddress!.initialize(from: b.baseAddress! + r.lowerBound, count: r.count)
                return r.count
            }
        }
    }

    /// A long row's last column and every field after it, joined by the delimiter.
    @inline(never)
    func rest(_ row: Int, from col: Int) -> String {
        var parts = [String](), c = col
        while let x = range(row, c) { parts.append(String(decoding: storage[x], as: UTF8.self)); c += 1 }
        return parts.joined(separator: String(UnicodeScalar(delimiter))).trimmingSpaces
    }

    public enum NumberField: Equatable, Sendable { case empty, value(Double), invalid }

    /// Parses `12`, `-3`, `12.5`, `12,5` (only with `;` as delimiter) and `1 408`.
    public func number(_ row: Int, _ col: Int?) -> NumberField {
        guard let col, let r = range(row, col) else { return .empty }
        return CSVTable.parseNumber(storage[r], decimalComma: delimiter == UInt8(ascii: ";"))
    }

    /// Parses a date field from its bytes (`2019-12-31` or `31.12.2019`); `.empty`, or nil when malformed.
    /// The bytes read through a pointer, each digit checked by one unsigned compare (issue 27:
    /// 1.8 million date fields in the generated data, 200 instructions each through the
    /// array's checked subscripts). A test holds it to `Day(parsing:)` on random fields.
    @inline(__always)
    public func date(_ row: Int, _ col: Int?) -> (empty: Bool, day: Day?) {
        guard let col, let r = range(row, col) else { return (true, nil) }
        return storage.withUnsafeBufferPointer { buf -> (empty: Bool, day: Day?) in
            // `range` is within the storage.
            guard let b = buf.baseAddress else { return (true, nil) }
            var lo = r.lowerBound, hi = r.upperBound
            while lo < hi, b[lo] == 32 { lo &+= 1 }
            while lo < hi, b[hi &- 1] == 32 { hi &-= 1 }
            if lo == hi { return (true, nil) }
            guard hi &- lo == 10 else { return (false, nil) }
            let p = b + lo
            @inline(__always) func d(_ i: Int) -> UInt { UInt(p[i]) &- 48 } // a non-digit wraps to 10 or more
            let iso = p[4] == 45 && p[7] == 45
            guard iso || (p[2] == 46 && p[5] == 46) else { return (false, nil) }
            let (y0, y1, y2, y3, m0, m1, d0, d1) = iso ? (d(0), d(1), d(2), d(3), d(5), d(6), d(8), d(9))
                                                       : (d(6), d(7), d(8), d(9), d(3), d(4), d(0), d(1))
            guard y0 < 10, y1 < 10, y2 < 10, y3 < 10, m0 < 10, m1 < 10, d0 < 10, d1 < 10 else { return (false, nil) }
            return (false, Day(year: Int(y0 &* 1000 &+ y1 &* 100 &+ y2 &* 10 &+ y3), month: Int(m0 &* 10 &+ m1), day: Int(d0 &* 10 &+ d1)))
        }
    }

    /// Parses the common boolean spellings from bytes; nil for anything else (the slow path decides).
    @inline(__always)
    public func quickBool(_ row: Int, _ col: Int?) -> Bool?? {
        guard let col, let r = range(row, col) else { return .some(nil) }
        switch r.count {
        case 0: return .some(nil)
        case 1:
            switch storage[r.lowerBound] { case 49, 106, 74, 121, 89: return .some(true); case 48, 110, 78: return .some(false); default: return nil }
        case 2 where storage[r.lowerBound] | 0x20 == 106 && storage[r.lowerBound + 1] | 0x20 == 97: return .some(true) // ja
        case 3 where storage[r.lowerBound] | 0x20 == 110 && storage[r.lowerBound + 1] | 0x20 == 101 && storage[r.lowerBound + 2] | 0x20 == 105: return .some(false) // nei
        default: return nil
        }
    }

    static func parseNumber(_ bytes: ArraySlice<UInt8>, decimalComma: Bool) -> NumberField {
        var intPart: Int64 = 0, frac: Int64 = 0, fracDigits = 0
        var negative = false, seenDigit = false, seenSep = false, seenSign = false
        var i = bytes.startIndex
        let end = bytes.endIndex
        var digitsSinceStart = 0
        while i < end {
            let b = bytes[i]
            switch b {
            case 48...57:
                seenDigit = true
                digitsSinceStart += 1
                if digitsSinceStart > 15 { return .invalid }
                if seenSep { frac = frac * 10 + Int64(b - 48); fracDigits += 1 } else { intPart = intPart * 10 + Int64(b - 48) }
            case 32, 9:
                break // thousands separator or padding
            case 0xC2 where i + 1 < end && bytes[i + 1] == 0xA0: // no-break space
                i += 1
            case 0xE2 where i + 2 < end && bytes[i + 1] == 0x80 && bytes[i + 2] == 0xAF: // narrow no-break space
                i += 2
            case 45, 0x2B: // - +
                if seenDigit || seenSign || seenSep { return .invalid }
                seenSign = true; negative = b == 45
            case 46: // .
                if seenSep { return .invalid }
                seenSep = true
            case 44: // ,
                if seenSep || !decimalComma { return .invalid }
                seenSep = true
            default:
                return .invalid
            }
            i += 1
        }
        if !seenDigit { return seenSign || seenSep ? .invalid : .empty }
        var v = Double(intPart)
        if fracDigits > 0 { v += Double(frac) / pow(10, Double(fracDigits)) }
        return .value(negative ? -v : v)
    }

    public static func parse(bytes input: [UInt8], file: String) -> CSVTable {
        var bytes = input
        var cp1252 = false
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        if !isValidUTF8(bytes) {
            bytes = windows1252ToUTF8(bytes)
            cp1252 = true
        }
        return Parser(bytes: bytes, file: file, cp1252: cp1252).run()
    }

    static func isValidUTF8(_ bytes: [UInt8]) -> Bool {
        // Fast path: pure ASCII, eight bytes at a time.
        let ascii = bytes.withUnsafeBytes { raw -> Bool in
            var i = 0
            let n = raw.count
            while i + 8 <= n {
                if raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { return false }
                i += 8
            }
            while i < n { if raw[i] >= 0x80 { return false }; i += 1 }
            return true
        }
        if ascii { return true }
        return String(validating: bytes, as: UTF8.self) != nil
    }

    static let cp1252High: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
        0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ]

    static func windows1252ToUTF8(_ bytes: [UInt8]) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(bytes.count + bytes.count / 8)
        for b in bytes {
            if b < 0x80 { out.append(b); continue }
            let scalar = b < 0xA0 ? cp1252High[Int(b - 0x80)] : UInt32(b)
            out.append(contentsOf: Array(String(Character(Unicode.Scalar(scalar)!)).utf8))
        }
        return out
    }

    /// The longest a quoted field may run, in lines: one still open after this many lines
    /// is taken for a stray quote (docs/data-format.md).
    public static let maxQuotedLines = 100
    /// The most fields a row may have (a header keeps its first this many names).
    public static let maxFieldsPerRow = 1_000

    private struct Parser {
        let bytes: [UInt8]
        let file: String
        let cp1252: Bool

        /// The first line after a record's first that holds the delimiter (a line a quoted
        /// field spans), or nil.
        @inline(never)
        static func lineWithDelimiter(_ p: UnsafePointer<UInt8>, _ r: Range<Int>, recordLine: Int, delimiter: UInt8) -> Int? {
            var k = r.lowerBound, at = recordLine
            while k < r.upperBound {
                let b = p[k]
                if b == 10 || (b == 13 && !(k + 1 < r.upperBound && p[k + 1] == 10)) { at += 1 }
                else if b == delimiter && at > recordLine { return at }
                k += 1
            }
            return nil
        }

        /// A row's fields over the header, when any is filled: how many up to the last filled
        /// one, and the first filled one's text.
        @inline(never)
        static func extraFields(_ p: UnsafePointer<UInt8>, n: Int, extra: [UInt8], starts: [Int32], ends: [Int32], columns: Int, line: Int) -> CSVProblem? {
            func bytes(_ f: Int) -> [UInt8] {
                let a = Int(starts[f]), b = Int(ends[f])
                return a >= n ? Array(extra[(a - n)..<(b - n)]) : Array(UnsafeBufferPointer(start: p + a, count: b - a))
            }
            func blank(_ f: Int) -> Bool { bytes(f).allSatisfy { $0 == 32 || $0 == 9 } }
            guard let last = (columns..<starts.count).last(where: { !blank($0) }) else { return nil }
            let first = (columns...last).first { !blank($0) }!
            return CSVProblem(line: line, kind: .extraFields(fields: last + 1, header: columns,
                                                              text: String(decoding: bytes(first), as: UTF8.self).trimmingSpaces))
        }

        /// `;` or `,`, whichever occurs more often in the first line that is not blank
        /// (outside a field that opens with a quote).
        func detectDelimiter() -> UInt8 {
            var semis = 0, commas = 0, inQuotes = false, fieldStart = true, seen = false
            for b in bytes {
                if inQuotes { if b == 34 { inQuotes = false }; continue }
                if b == 10 || b == 13 { if seen { break }; fieldStart = true; continue }
                if b == 34 && fieldStart { inQuotes = true; seen = true; continue }
                if b == 32 || b == 9 { continue }
                seen = true
                fieldStart = b == 59 || b == 44
                if b == 59 { semis += 1 } else if b == 44 { commas += 1 }
            }
            return semis >= commas && semis > 0 ? 59 : (commas > 0 ? 44 : 59)
        }

        /// The byte-level scanner, by the rules of docs/data-format.md ("CSV conventions"):
        /// a record ends at LF, CRLF or a lone CR; a field is quoted only when a quote is its
        /// first character (after spaces or tabs), and then `""` is a quote and the field may
        /// span lines; any other quote is an ordinary character. A quoted field still open at
        /// the end of the file or after `maxQuotedLines` lines refuses its record, located at
        /// the record's line, and reading goes on from the next line, so no row after it is
        /// lost. A line break inside a quoted field (LF, CRLF or CR) is kept as LF. In the
        /// header a quoted name may not span lines (its quote is then read as
        /// text). A field without a leading quote (nearly all of them) is not copied: its
        /// range points into the file's own bytes, found by a scan for the delimiter, LF or
        /// CR. A quoted field is unescaped into `extra`, which follows the file's bytes in
        /// `storage` (ranges from `bytes.count` on). A line of only spaces and tabs is skipped.
        /// The tests keep the same rules written one byte at a time and compare the two.
        /// One function on purpose: the scanner's hot loop keeps its state in locals (the
        /// `ends` table, the cursor, the field start); docs/performance.md, issue 21.
        func run() -> CSVTable {
            let delim = detectDelimiter()
            let maxLines = CSVTable.maxQuotedLines, maxFields = CSVTable.maxFieldsPerRow
            var extra = [UInt8]()
            let estimate = bytes.count / 8
            var fStart = Int32Buffer(capacity: estimate), fEnd = Int32Buffer(capacity: estimate)
            var rFirst = Int32Buffer(capacity: estimate / 4), rLine = Int32Buffer(capacity: estimate / 4)
            defer { fStart.free(); fEnd.free(); rFirst.free(); rLine.free() }
            var header: [String]? = nil
            var headerLine = 1
            var problems = [CSVProblem]()
            var line = 1
            let n = bytes.count
            // The bytes that end a field without a leading quote (delimiter, LF, CR), as a table:
            // one load and test per byte in the scan below.
            let ends = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
            ends.initialize(repeating: 0, count: 256)
            ends[Int(delim)] = 1; ends[10] = 1; ends[13] = 1
            defer { ends.deallocate() }
            // The same three bytes in every byte of a word, for the scan eight bytes at a time.
            let onesWord: UInt64 = 0x0101_0101_0101_0101, highsWord: UInt64 = 0x8080_8080_8080_8080
            let delimWord = onesWord &* UInt64(delim), lfWord = onesWord &* 10, crWord = onesWord &* 13
            bytes.withUnsafeBufferPointer { buf in
                guard let p = buf.baseAddress, n > 0 else { return }
                func text(_ a: Int32, _ b: Int32) -> String {
                    Int(a) >= n ? String(decoding: extra[(Int(a) - n)..<(Int(b) - n)], as: UTF8.self)
                        : String(decoding: UnsafeBufferPointer(start: p + Int(a), count: Int(b - a)), as: UTF8.self)
                }
                var i = 0
                var literalQuotes = false
                var columns = -1 // the header's fields, once read
                // A record refused: 1 never closed, 2 too long, with the quote's line (plain
                // integers: an optional problem per record cost a copy and release each).
                var refused = 0, refusedOpenLine = 0
                while i < n {
                    let recordStart = i, recordLine = line
                    // The record's fields go straight into the table's arrays from here on
                    // (issue 27: a record's own arrays, emptied and copied over for every row,
                    // cost 270 million instructions on the generated data); a record not
                    // kept is cut off again.
                    let recBase = fStart.count
                    var blank = true, spansLines = false
                    refused = 0
                    var headerQuoteOpen = false
                    var fieldsOver = 0 // fields past `maxFields`, counted, not kept
                    let extraAtStart = extra.count
                    fields: while true {
                        let fieldBegin = i
                        // Nearly every field starts with neither a quote nor a space: one test.
                        var q = i
                        let first: UInt8 = i < n ? p[i] : 0
                        if (first == 32 || first == 9) && !literalQuotes { while q < n && (p[q] == 32 || p[q] == 9) { q += 1 } }
                        if (first == 34 || q != i) && q < n && p[q] == 34 && !literalQuotes {
                            // A quoted field, unescaped into `extra`.
                            let start = n + extra.count
                            let openLine = line
                            var closed = false
                            i = q + 1
                            while i < n {
                                let b = p[i]
                                if b == 34 {
                                    if i + 1 < n && p[i + 1] == 34 { extra.append(34); i += 2; continue }
                                    closed = true; i += 1; break
                                }
                                if b == 10 || b == 13 {
                                    if columns < 0 { headerQuoteOpen = true; break }
                                    if line + 1 - openLine >= maxLines { refused = 2; refusedOpenLine = openLine; break }
                                    // Every line break inside is kept as LF.
                                    line += 1; spansLines = true
                                    if b == 13 && i + 1 < n && p[i + 1] == 10 { i += 1 }
                                    extra.append(10); i += 1
                                    continue
                                }
                                extra.append(p[i]); i += 1
                            }
                            if !closed && refused == 0 && !headerQuoteOpen {
                                if columns < 0 { headerQuoteOpen = true } else { refused = 1; refusedOpenLine = openLine }
                            }
                            if refused != 0 || headerQuoteOpen { break fields }
                            blank = false
                            // After the closing quote, text up to the delimiter or the line's end.
                            while i < n { let b = p[i]; if b == delim || b == 10 || b == 13 { break }; extra.append(b); i += 1 }
                            if fStart.count - recBase < maxFields { fStart.append(Int32(start)); fEnd.append(Int32(n + extra.count)) }
                            else { fieldsOver += 1; extra.removeSubrange((start - n)...) }
                        } else {
                            // Eight bytes at a time while eight remain (issue 27: the byte loop
                            // was six instructions a byte and a third of the scanner's time): a
                            // byte equal to the delimiter, LF or CR is a zero byte of the word
                            // xor-ed with it; the lowest such byte is found exactly (the
                            // zero-byte test's false positives lie only above a true zero).
                            while i &+ 8 <= n {
                                let w = UInt64(littleEndian: UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self))
                                let a = w ^ delimWord, b = w ^ lfWord, c = w ^ crWord
                                let hit = ((a &- onesWord) & ~a | (b &- onesWord) & ~b | (c &- onesWord) & ~c) & highsWord
                                if hit != 0 { i &+= hit.trailingZeroBitCount &>> 3; break }
                                i &+= 8
                            }
                            while i < n && ends[Int(p[i])] == 0 { i += 1 }
                            if blank {
                                var k = fieldBegin
                                while k < i { let b = p[k]; if b != 32 && b != 9 { blank = false; break }; k += 1 }
                            }
                            if fStart.count - recBase < maxFields { fStart.append(Int32(fieldBegin)); fEnd.append(Int32(i)) } else { fieldsOver += 1 }
                        }
                        if i < n && p[i] == delim { blank = false; i += 1; continue }
                        if i < n { i += p[i] == 13 && i + 1 < n && p[i + 1] == 10 ? 2 : 1; line += 1 } // the line end
                        break
                    }
                    if headerQuoteOpen {
                        // The header once more, its quotes as ordinary characters.
                        problems.append(CSVProblem(line: recordLine, kind: .headerQuoteOpen))
                        extra.removeSubrange(extraAtStart...); fStart.cut(recBase); fEnd.cut(recBase)
                        i = recordStart; line = recordLine; literalQuotes = true
                        continue
                    }
                    literalQuotes = false
                    if refused != 0 {
                        // The record is refused; reading goes on at the line after its first.
                        problems.append(CSVProblem(line: recordLine, kind: refused == 1 ? .quoteNeverClosed(openedAt: refusedOpenLine)
                                                                                      : .quoteTooLong(openedAt: refusedOpenLine)))
                        extra.removeSubrange(extraAtStart...); fStart.cut(recBase); fEnd.cut(recBase)
                        i = recordStart
                        while i < n && p[i] != 10 && p[i] != 13 { i += 1 }
                        if i < n { i += p[i] == 13 && i + 1 < n && p[i + 1] == 10 ? 2 : 1 }
                        line = recordLine + 1
                        continue
                    }
                    if blank { extra.removeSubrange(extraAtStart...); fStart.cut(recBase); fEnd.cut(recBase); continue }
                    if fieldsOver > 0 {
                        // Memory stays bounded by the data: a row of 50 million fields is refused
                        // (a header keeps its first names), counted, not kept.
                        problems.append(CSVProblem(line: recordLine, kind: .tooManyFields(fields: maxFields + fieldsOver)))
                        if columns >= 0 { extra.removeSubrange(extraAtStart...); fStart.cut(recBase); fEnd.cut(recBase); continue }
                    }
                    if columns < 0 {
                        header = zip(fStart.array(from: recBase), fEnd.array(from: recBase)).map { text($0, $1).trimmingSpaces.lowercased() }
                        headerLine = recordLine
                        columns = fStart.count - recBase
                        fStart.cut(recBase); fEnd.cut(recBase)
                        continue
                    }
                    // The rare checks, out of this loop (kept small for the compiler).
                    if spansLines, let w = Parser.lineWithDelimiter(p, recordStart..<i, recordLine: recordLine, delimiter: delim) {
                        let last = i > 0 && (p[i - 1] == 10 || p[i - 1] == 13) ? line - 1 : line
                        problems.append(CSVProblem(line: recordLine, kind: .quoteHoldsRows(lineWithDelimiter: w, lastLine: last)))
                    }
                    if fStart.count - recBase > columns,
                       let x = Parser.extraFields(p, n: n, extra: extra, starts: fStart.array(from: recBase), ends: fEnd.array(from: recBase),
                                                  columns: columns, line: recordLine) {
                        problems.append(x)
                    }
                    rFirst.append(Int32(recBase)); rLine.append(Int32(recordLine))
                }
            }
            // Nearly always no field had a quote: the file's bytes are the storage, uncopied.
            let storage = extra.isEmpty ? bytes : bytes + extra
            let names = header ?? []
            return CSVTable(file: file, delimiter: delim, header: names, headerLine: headerLine,
                            decodedAsWindows1252: cp1252, problems: problems,
                            lastColumnTakesRest: problems.contains { if case .extraFields = $0.kind { true } else { false } }
                                && (names.last.map(CSVTable.freeTextColumns.contains) ?? false),
                            storage: storage, fieldStart: fStart.array(from: 0),
                            fieldEnd: fEnd.array(from: 0), rowFirst: rFirst.array(from: 0), rowLine: rLine.array(from: 0))
        }
    }
}

/// The scanner's growing tables of field and row positions: `Array.append` checked the
/// array's uniqueness and capacity on each of 15 million appends in the generated data
/// (issue 27); here an append is a compare and a store, and the tables become arrays once,
/// at the end. Owned by one scanner run, freed by it (`free`).
struct Int32Buffer {
    private var base: UnsafeMutablePointer<Int32>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int) {
        self.capacity = Swift.max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    @inline(__always) mutating func append(_ x: Int32) {
        if count == capacity { grow() }
        base[count] = x
        count &+= 1
    }

    @inline(never) private mutating func grow() {
        let bigger = capacity * 2
        let next = UnsafeMutablePointer<Int32>.allocate(capacity: bigger)
        next.moveInitialize(from: base, count: count)
        base.deallocate()
        base = next; capacity = bigger
    }

    /// Forgets the entries from `k` on (a record not kept).
    @inline(__always) mutating func cut(_ k: Int) { if count > k { count = k } }

    /// The entries from `k` on, as an array.
    func array(from k: Int) -> [Int32] { Array(UnsafeBufferPointer(start: base + k, count: count - k)) }

    func free() { base.deallocate() }
}

/// What the CSV reader itself found wrong in a file, at the line of the record concerned.
public struct CSVProblem: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        /// A quoted field opened on `openedAt` is still open at the end of the file: the record is not read.
        case quoteNeverClosed(openedAt: Int)
        /// A quoted field opened on `openedAt` runs past `CSVTable.maxQuotedLines`: the record is not read.
        case quoteTooLong(openedAt: Int)
        /// A quoted field spans lines and line `lineWithDelimiter` (of those up to `lastLine`)
        /// holds the delimiter: perhaps rows taken in by a stray quote (the record is read).
        case quoteHoldsRows(lineWithDelimiter: Int, lastLine: Int)
        /// A quote in the header does not close on the header's line: read as an ordinary character.
        case headerQuoteOpen
        /// The record has `fields` fields up to its last non-empty one, the header `header`;
        /// `text` is the first non-empty one over (the record is read, without them).
        case extraFields(fields: Int, header: Int, text: String)
        /// More than `CSVTable.maxFieldsPerRow` fields: a row is not read; a header keeps its first names.
        case tooManyFields(fields: Int)
        /// A workbook's row has a cell right of the header's columns (the first one's column and text).
        case cellOutsideHeader(column: Int, header: Int, text: String)
        /// A workbook's row has a cell past `CSVTable.maxFieldsPerRow`: the row is not read.
        case cellTooFarRight(column: Int)
        /// A cell holds what looks like a national identity number: the row is not read.
        case identityNumber(column: Int)
    }
    public let line: Int
    public let kind: Kind

    /// A problem that refuses its record (the record is not in the table).
    public var refusesRecord: Bool {
        switch kind { case .quoteNeverClosed, .quoteTooLong, .tooManyFields, .cellTooFarRight, .identityNumber: true; default: false }
    }
}

extension CSVTable {
    /// The reader's problems as diagnostics: a record that could not be read, or a row with
    /// more fields than the header, is an error; a quoted text over lines that hold the
    /// delimiter, a quote left open in the header, or a long row whose last column is free
    /// text (which takes the rest, see `string`), a warning.
    public var diagnostics: [Diagnostic] {
        let d = String(UnicodeScalar(delimiter))
        // A workbook's are located at its sheet with the rest of its file's (`Loader.locate`).
        return problems.map { diagnostic($0, delimiter: d) }
    }

    private func diagnostic(_ p: CSVProblem, delimiter d: String) -> Diagnostic {
            switch p.kind {
            case .quoteNeverClosed(let opened):
                return Diagnostic(.error, file: file, line: p.line, Phrase.csvQuoteNeverClosed(openedOnLine: opened), expected: Phrase(.expectClosingQuote))
            case .quoteTooLong(let opened):
                return Diagnostic(.error, file: file, line: p.line, Phrase.csvQuoteTooLong(openedOnLine: opened, limit: CSVTable.maxQuotedLines),
                                  expected: Phrase(.expectClosingQuote))
            case .quoteHoldsRows(let at, let last):
                return Diagnostic(.warning, file: file, line: p.line, Phrase.csvQuoteHoldsRows(from: p.line, to: last, delimiterOnLine: at, delimiter: d),
                                  expected: Phrase(.expectQuoteClosedOnItsLine))
            case .tooManyFields(let fields):
                return Diagnostic(.error, file: file, line: p.line, Phrase.csvTooManyFields(fields, limit: CSVTable.maxFieldsPerRow),
                                  expected: Phrase.expectFewerFields(CSVTable.maxFieldsPerRow))
            case .headerQuoteOpen:
                return Diagnostic(.warning, file: file, line: p.line, Phrase(.csvHeaderQuoteOpen), expected: Phrase(.expectPlainColumnNames))
            case .extraFields(let fields, let header, let text):
                if let last = self.header.last, CSVTable.freeTextColumns.contains(last) {
                    return Diagnostic(.warning, file: file, line: p.line, field: last, Phrase.csvExtraFieldsJoined(fields, header: header, into: last),
                                      expected: Phrase.expectFieldsOfHeader(delimiter: d))
                }
                return Diagnostic(.error, file: file, line: p.line, Phrase.csvExtraFields(fields, header: header, first: Fields.shown(text)),
                                  expected: Phrase.expectFieldsOfHeader(delimiter: d))
            case .cellOutsideHeader(let column, let header, let text):
                var x = Diagnostic(.error, file: file, line: p.line, Phrase.xlsxExtraCells(column: XLSX.columnName(column), header: header, text: Fields.shown(text)),
                                   expected: Phrase(.expectCellsUnderHeader))
                x.column = column
                return x
            case .cellTooFarRight(let column):
                var x = Diagnostic(.error, file: file, line: p.line, Phrase.xlsxTooManyColumns(column: XLSX.columnName(column), limit: CSVTable.maxFieldsPerRow),
                                   expected: Phrase.expectFewerFields(CSVTable.maxFieldsPerRow))
                x.column = column
                return x
            case .identityNumber(let column):
                var x = Diagnostic(.error, file: file, line: p.line, field: self.header.indices.contains(column) ? self.header[column] : nil,
                                   Phrase(.identityNumber), expected: Phrase(.expectPseudonym))
                x.column = column
                return x
            }
    }
}
