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

    @usableFromInline let storage: [UInt8]
    @usableFromInline let fieldStart: [Int32]
    @usableFromInline let fieldEnd: [Int32]
    @usableFromInline let rowFirst: [Int32]
    @usableFromInline let rowLine: [Int32]

    public var rowCount: Int { rowLine.count }

    public func line(_ row: Int) -> Int { Int(rowLine[row]) }

    public func column(_ name: String) -> Int? { header.firstIndex(of: name) }

    @inlinable func range(_ row: Int, _ col: Int) -> Range<Int>? {
        let first = Int(rowFirst[row])
        let next = row + 1 < rowFirst.count ? Int(rowFirst[row + 1]) : fieldStart.count
        guard col >= 0, first + col < next else { return nil }
        return Int(fieldStart[first + col])..<Int(fieldEnd[first + col])
    }

    /// The trimmed text of a field; empty when the row is shorter than the header.
    public func string(_ row: Int, _ col: Int?) -> String {
        guard let col, var r = range(row, col) else { return "" }
        while r.lowerBound < r.upperBound, storage[r.lowerBound] == 32 || storage[r.lowerBound] == 9 { r = (r.lowerBound + 1)..<r.upperBound }
        while r.lowerBound < r.upperBound, storage[r.upperBound - 1] == 32 || storage[r.upperBound - 1] == 9 { r = r.lowerBound..<(r.upperBound - 1) }
        return String(decoding: storage[r], as: UTF8.self)
    }

    public enum NumberField: Equatable, Sendable { case empty, value(Double), invalid }

    /// Parses `12`, `-3`, `12.5`, `12,5` (only with `;` as delimiter) and `1 408`.
    public func number(_ row: Int, _ col: Int?) -> NumberField {
        guard let col, let r = range(row, col) else { return .empty }
        return CSVTable.parseNumber(storage[r], decimalComma: delimiter == UInt8(ascii: ";"))
    }

    /// Parses a date field from its bytes (`2019-12-31` or `31.12.2019`); `.empty`, or nil when malformed.
    public func date(_ row: Int, _ col: Int?) -> (empty: Bool, day: Day?) {
        guard let col, var r = range(row, col) else { return (true, nil) }
        while r.lowerBound < r.upperBound, storage[r.lowerBound] == 32 { r = (r.lowerBound + 1)..<r.upperBound }
        while r.lowerBound < r.upperBound, storage[r.upperBound - 1] == 32 { r = r.lowerBound..<(r.upperBound - 1) }
        if r.isEmpty { return (true, nil) }
        guard r.count == 10 else { return (false, nil) }
        let b = r.lowerBound
        @inline(__always) func d(_ i: Int) -> Int? { let c = storage[b + i]; return c >= 48 && c <= 57 ? Int(c - 48) : nil }
        if storage[b + 4] == 45, storage[b + 7] == 45,
           let y0 = d(0), let y1 = d(1), let y2 = d(2), let y3 = d(3), let m0 = d(5), let m1 = d(6), let d0 = d(8), let d1 = d(9) {
            return (false, Day(year: y0 * 1000 + y1 * 100 + y2 * 10 + y3, month: m0 * 10 + m1, day: d0 * 10 + d1))
        }
        if storage[b + 2] == 46, storage[b + 5] == 46,
           let d0 = d(0), let d1 = d(1), let m0 = d(3), let m1 = d(4), let y0 = d(6), let y1 = d(7), let y2 = d(8), let y3 = d(9) {
            return (false, Day(year: y0 * 1000 + y1 * 100 + y2 * 10 + y3, month: m0 * 10 + m1, day: d0 * 10 + d1))
        }
        return (false, nil)
    }

    /// Parses the common boolean spellings from bytes; nil for anything else (the slow path decides).
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

    private struct Parser {
        let bytes: [UInt8]
        let file: String
        let cp1252: Bool

        func detectDelimiter() -> UInt8 {
            var semis = 0, commas = 0, inQuotes = false
            for b in bytes {
                if b == 34 { inQuotes.toggle() }
                else if !inQuotes {
                    if b == 10 { break }
                    if b == 59 { semis += 1 } else if b == 44 { commas += 1 }
                }
            }
            return semis >= commas && semis > 0 ? 59 : (commas > 0 ? 44 : 59)
        }

        /// The byte-level scanner. A field without a quote (nearly all of them) is not
        /// copied: its range points into the file's own bytes, found by a scan for the
        /// delimiter, newline or quote. A field with a quote is unescaped into `extra`, which
        /// follows the file's bytes in `storage` (ranges from `bytes.count` on). The same
        /// rules as a byte-at-a-time scanner (kept in the tests, compared on random input):
        /// quotes toggle anywhere in a field, `""` inside quotes is a quote, a CR before a
        /// newline outside quotes is dropped, a line of spaces, tabs and CRs is skipped.
        func run() -> CSVTable {
            let delim = detectDelimiter()
            var extra = [UInt8]()
            var fStart = [Int32](), fEnd = [Int32](), rFirst = [Int32](), rLine = [Int32]()
            let estimate = bytes.count / 8
            fStart.reserveCapacity(estimate); fEnd.reserveCapacity(estimate)
            rFirst.reserveCapacity(estimate / 4); rLine.reserveCapacity(estimate / 4)
            var header: [String]? = nil
            var headerLine = 1
            var line = 1
            let n = bytes.count
            var recStarts = [Int32](), recEnds = [Int32]()
            bytes.withUnsafeBufferPointer { buf in
                guard let p = buf.baseAddress, n > 0 else { return }
                func text(_ a: Int32, _ b: Int32) -> String {
                    Int(a) >= n ? String(decoding: extra[(Int(a) - n)..<(Int(b) - n)], as: UTF8.self)
                        : String(decoding: UnsafeBufferPointer(start: p + Int(a), count: Int(b - a)), as: UTF8.self)
                }
                var i = 0
                while i < n {
                    let recordLine = line
                    recStarts.removeAll(keepingCapacity: true); recEnds.removeAll(keepingCapacity: true)
                    var blank = true
                    let extraAtStart = extra.count
                    while true {
                        let fieldBegin = i
                        while i < n { let b = p[i]; if b == delim || b == 10 || b == 34 { break }; i += 1 }
                        if i < n && p[i] == 34 {
                            // A field with a quote: again from its start, unescaped into `extra`.
                            let start = n + extra.count
                            i = fieldBegin
                            var inQuotes = false
                            scan: while i < n {
                                let b = p[i]
                                if inQuotes {
                                    if b == 34 {
                                        if i + 1 < n && p[i + 1] == 34 { extra.append(34); i += 2; continue }
                                        inQuotes = false; i += 1; continue
                                    }
                                    if b == 10 { line += 1 }
                                    extra.append(b); i += 1; blank = false
                                    continue
                                }
                                switch b {
                                case 34: inQuotes = true; blank = false; i += 1
                                case delim, 10: break scan
                                case 13 where i + 1 < n && p[i + 1] == 10: i += 1
                                default:
                                    if b != 32 && b != 9 && b != 13 { blank = false }
                                    extra.append(b); i += 1
                                }
                            }
                            recStarts.append(Int32(start)); recEnds.append(Int32(n + extra.count))
                        } else {
                            var end = i
                            if i < n, p[i] == 10, end > fieldBegin, p[end - 1] == 13 { end -= 1 } // CR before the newline
                            if blank {
                                var k = fieldBegin
                                while k < end { let b = p[k]; if b != 32 && b != 9 && b != 13 { blank = false; break }; k += 1 }
                            }
                            recStarts.append(Int32(fieldBegin)); recEnds.append(Int32(end))
                        }
                        if i < n && p[i] == delim { blank = false; i += 1; continue }
                        if i < n { line += 1; i += 1 } // the newline
                        break
                    }
                    if blank { extra.removeSubrange(extraAtStart...); continue }
                    if header == nil {
                        header = zip(recStarts, recEnds).map { text($0, $1).trimmingSpaces.lowercased() }
                        headerLine = recordLine
                        continue
                    }
                    rFirst.append(Int32(fStart.count)); rLine.append(Int32(recordLine))
                    fStart.append(contentsOf: recStarts); fEnd.append(contentsOf: recEnds)
                }
            }
            // Nearly always no field had a quote: the file's bytes are the storage, uncopied.
            let storage = extra.isEmpty ? bytes : bytes + extra
            return CSVTable(file: file, delimiter: delim, header: header ?? [], headerLine: headerLine,
                            decodedAsWindows1252: cp1252, storage: storage, fieldStart: fStart,
                            fieldEnd: fEnd, rowFirst: rFirst, rowLine: rLine)
        }
    }
}
