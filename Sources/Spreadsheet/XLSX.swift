import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Model
import ZIPFoundation

// A target of its own until the loader reads .xlsx files (issue 26): linked into tertial, it
// brings libxml2 and ICU into every start (+6 million instructions of `tertial check`
// measured by callgrind) before anything uses them.

/// One sheet of an Office Open XML workbook (.xlsx), as text cells (issue 26, "Excel in"):
/// what the CSV parsers read, each row with its Excel row number and each cell with its
/// column, so that a problem is located as `file!Sheet:C14`.
///
/// The container is read with ZIPFoundation and the XML with Foundation's `XMLParser`
/// (libxml2), external entities never resolved; the workbook is read from its file, no part
/// of it is written to disk and no path inside it is used as one. Every entry's size is checked against a bound
/// before it is inflated, and counted while it is (a ZIP bomb is refused either way).
public struct XLSXSheet: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        /// The row's number in Excel (1 for the first).
        public let number: Int
        /// The cells by column (0 = A); nil where the row has no cell.
        public let cells: [String?]
    }

    public let name: String
    public let rows: [Row]
}

public enum XLSXError: Error, Equatable, Sendable {
    case notAWorkbook
    case missingPart(String)
    case tooLarge(part: String, bytes: UInt64, limit: UInt64)
    case badXML(part: String, line: Int)
    case noSheet
}

public enum XLSX {
    public struct Limits: Sendable {
        /// The most one part may hold inflated.
        public var partBytes: UInt64 = 256 << 20
        /// The most all parts read may hold inflated together.
        public var totalBytes: UInt64 = 512 << 20
        public init() {}
    }

    /// Column letters of a 0-based column: 0 → A, 26 → AA.
    public static func columnName(_ index: Int) -> String {
        var n = index + 1, s = ""
        while n > 0 { let r = (n - 1) % 26; s = String(UnicodeScalar(UInt8(65 + r))) + s; n = (n - 1) / 26 }
        return s
    }

    /// The sheet named `preferred` (any case), else the workbook's first sheet.
    public static func read(url: URL, preferring preferred: String? = nil, limits: Limits = Limits()) throws -> XLSXSheet {
        // The file itself, not its bytes in memory: ZIPFoundation 0.9.20's in-memory archive
        // traps on a central directory that points past the end and leaks its file when the
        // end record is missing (both found by the fuzz target fuzz-xlsx); its file-backed
        // archive reads with fread, which stops at the end.
        let archive: Archive
        do { archive = try Archive(url: url, accessMode: .read, pathEncoding: nil) } catch { throw XLSXError.notAWorkbook }
        var budget = limits.totalBytes
        func part(_ path: String, required: Bool = true) throws -> Data? {
            guard let entry = archive[path] else {
                if required { throw XLSXError.missingPart(path) }
                return nil
            }
            let bound = min(limits.partBytes, budget)
            guard entry.uncompressedSize <= bound else { throw XLSXError.tooLarge(part: path, bytes: entry.uncompressedSize, limit: bound) }
            var out = Data()
            out.reserveCapacity(Int(entry.uncompressedSize))
            do {
                _ = try archive.extract(entry) { chunk in
                    out.append(chunk)
                    // The header's size may lie: the bytes themselves are counted too.
                    if UInt64(out.count) > bound { throw XLSXError.tooLarge(part: path, bytes: UInt64(out.count), limit: bound) }
                }
            } catch let e as XLSXError {
                throw e
            } catch {
                throw XLSXError.notAWorkbook
            }
            budget -= UInt64(out.count)
            return out
        }
        // The workbook: its sheets in order, and where each one's part is.
        let workbook = try Parts.workbook(try part("xl/workbook.xml")!)
        let rels = try Parts.relationships(try part("xl/_rels/workbook.xml.rels")!, part: "xl/_rels/workbook.xml.rels")
        guard !workbook.sheets.isEmpty else { throw XLSXError.noSheet }
        let chosen = preferred.flatMap { p in workbook.sheets.first { $0.name.lowercased() == p.lowercased() } } ?? workbook.sheets[0]
        guard let target = rels[chosen.relationship] else { throw XLSXError.missingPart("relationship \(chosen.relationship)") }
        let sheetPath = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
        let strings = try part("xl/sharedStrings.xml", required: false).map { try Parts.sharedStrings($0) } ?? []
        let dateStyles = try part("xl/styles.xml", required: false).map { try Parts.dateStyles($0) } ?? []
        let rows = try Parts.sheet(try part(sheetPath)!, part: sheetPath, strings: strings, dateStyles: dateStyles, date1904: workbook.date1904)
        return XLSXSheet(name: chosen.name, rows: rows)
    }
}

/// The XML parts of a workbook, each read by one SAX pass.
enum Parts {
    struct Workbook { var sheets: [(name: String, relationship: String)] = []; var date1904 = false }

    static func parse(_ data: Data, part: String, _ delegate: XMLParserDelegate) throws {
        let p = XMLParser(data: data)
        p.shouldResolveExternalEntities = false
        p.delegate = delegate
        // swift-corelibs-foundation's parse() returns true after libxml2 reported an error
        // (an unclosed element, a mismatched tag): the error is read as well.
        guard p.parse(), p.parserError == nil else { throw XLSXError.badXML(part: part, line: p.lineNumber) }
    }

    /// Local names: the parts use prefixes (`x:row`) in some writers.
    static func local(_ name: String) -> Substring { name.split(separator: ":").last ?? Substring(name) }

    final class Collect: NSObject, XMLParserDelegate {
        let start: (Substring, [String: String]) -> Void
        let end: (Substring) -> Void
        let text: (String) -> Void
        init(start: @escaping (Substring, [String: String]) -> Void, end: @escaping (Substring) -> Void = { _ in }, text: @escaping (String) -> Void = { _ in }) {
            self.start = start; self.end = end; self.text = text
        }
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            start(Parts.local(name), attributes)
        }
        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) { end(Parts.local(name)) }
        func parser(_ parser: XMLParser, foundCharacters string: String) { text(string) }
    }

    /// An attribute by its local name (`r:id` and `id` alike).
    static func attribute(_ attributes: [String: String], _ name: String) -> String? {
        attributes[name] ?? attributes.first { local($0.key) == name }?.value
    }

    static func workbook(_ data: Data) throws -> Workbook {
        var w = Workbook()
        try parse(data, part: "xl/workbook.xml", Collect(start: { name, a in
            if name == "sheet", let n = a["name"], let id = attribute(a, "id") { w.sheets.append((n, id)) }
            if name == "workbookPr", let d = a["date1904"] { w.date1904 = d == "1" || d == "true" }
        }))
        return w
    }

    static func relationships(_ data: Data, part: String) throws -> [String: String] {
        var out = [String: String]()
        try parse(data, part: part, Collect(start: { name, a in
            if name == "Relationship", let id = a["Id"], let t = a["Target"] { out[id] = t }
        }))
        return out
    }

    /// The shared strings: each `si`'s text, its runs (`r/t`) joined; phonetic runs left out.
    static func sharedStrings(_ data: Data) throws -> [String] {
        var out = [String](), current = "", inText = false, phonetic = 0
        try parse(data, part: "xl/sharedStrings.xml", Collect(start: { name, _ in
            switch name {
            case "si": current = ""
            case "t": inText = phonetic == 0
            case "rPh": phonetic += 1
            default: break
            }
        }, end: { name in
            switch name {
            case "si": out.append(current)
            case "t": inText = false
            case "rPh": phonetic -= 1
            default: break
            }
        }, text: { if inText { current += $0 } }))
        return out
    }

    /// The cell styles (`cellXfs`, by index) whose number format is a date.
    static func dateStyles(_ data: Data) throws -> [Bool] {
        var custom = [Int: String](), xfs = [Int](), inXfs = false
        try parse(data, part: "xl/styles.xml", Collect(start: { name, a in
            if name == "numFmt", let id = a["numFmtId"].flatMap(Int.init), let code = a["formatCode"] { custom[id] = code }
            if name == "cellXfs" { inXfs = true }
            if name == "xf", inXfs { xfs.append(a["numFmtId"].flatMap(Int.init) ?? 0) }
        }, end: { name in if name == "cellXfs" { inXfs = false } }))
        return xfs.map { id in
            if (14...22).contains(id) || (45...47).contains(id) { return true }
            guard let code = custom[id] else { return false }
            // A custom format is a date when it has day, month or year codes outside quotes
            // and brackets (`[Red]`, `"kr"`).
            var inQuote = false, inBracket = false
            for ch in code.lowercased() {
                if ch == "\"" { inQuote.toggle(); continue }
                if ch == "[" { inBracket = true } else if ch == "]" { inBracket = false }
                if !inQuote && !inBracket && (ch == "d" || ch == "y" || ch == "m") { return true }
            }
            return false
        }
    }

    /// The rows of a worksheet part as text: shared and inline strings as written, numbers as
    /// the shortest decimal that reads back the same (`12`, `12.5`), numbers in a date style
    /// as ISO dates, booleans as `true`/`false`, errors as written (`#N/A`), a formula as its
    /// cached value.
    static func sheet(_ data: Data, part: String, strings: [String], dateStyles: [Bool], date1904: Bool) throws -> [XLSXSheet.Row] {
        var rows = [XLSXSheet.Row]()
        var rowNumber = 0, cells = [String?](), column = 0
        var type = "n", style = 0, value = "", inline = "", inValue = false, inInline = false
        var failed: XLSXError?
        try parse(data, part: part, Collect(start: { name, a in
            switch name {
            case "row":
                rowNumber = a["r"].flatMap(Int.init) ?? rowNumber + 1
                cells = []; column = 0
            case "c":
                if let r = a["r"], let c = Parts.column(r) { column = c }
                type = a["t"] ?? "n"; style = a["s"].flatMap(Int.init) ?? 0
                value = ""; inline = ""
            case "v": inValue = true
            case "t" where type == "inlineStr": inInline = true
            default: break
            }
        }, end: { name in
            switch name {
            case "v": inValue = false
            case "t": inInline = false
            case "c":
                var text: String?
                switch type {
                case "s":
                    if let k = Int(value), strings.indices.contains(k) { text = strings[k] }
                    else { failed = failed ?? .badXML(part: part, line: rowNumber) }
                case "inlineStr": text = inline
                case "str", "e": text = value
                case "b": text = value == "1" ? "true" : value == "0" ? "false" : value
                default:
                    if value.isEmpty { text = nil }
                    else if let d = Double(value) {
                        text = dateStyles.indices.contains(style) && dateStyles[style] ? Parts.isoDate(serial: d, date1904: date1904) ?? value : Parts.number(d)
                    } else { text = value }
                }
                if let text {
                    if cells.count <= column { cells += [String?](repeating: nil, count: column - cells.count + 1) }
                    cells[column] = text
                }
                column += 1
            case "row":
                rows.append(XLSXSheet.Row(number: rowNumber, cells: cells))
            default: break
            }
        }, text: { s in
            if inValue { value += s } else if inInline { inline += s }
        }))
        if let failed { throw failed }
        return rows
    }

    /// The column of a cell reference: `C14` → 2.
    static func column(_ ref: String) -> Int? {
        var n = 0, any = false
        for u in ref.unicodeScalars {
            guard u.value >= 65 && u.value <= 90 else { break }
            n = n * 26 + Int(u.value - 64); any = true
        }
        return any ? n - 1 : nil
    }

    /// The shortest text that reads back as the same number; whole numbers without a point.
    static func number(_ d: Double) -> String {
        if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
        return "\(d)"
    }

    /// An Excel serial day as an ISO date: in the 1900 system day 1 is 1900-01-01 and day 60
    /// the 29 February 1900 that never was (Lotus's error, kept by Excel); in the 1904 system
    /// day 0 is 1904-01-01. A time of day is dropped; nil outside 1900–9999.
    static func isoDate(serial: Double, date1904: Bool) -> String? {
        let whole = Int(serial.rounded(.down))
        guard whole >= 1 || date1904 else { return nil }
        // Days since 1899-12-30 (the 1900 system, from day 61 on), or since 1904-01-01.
        let base = date1904 ? Day(year: 1904, month: 1, day: 1)! : Day(year: 1899, month: 12, day: 30)!
        let d = (!date1904 && whole < 61) ? base + (whole + 1) : base + whole
        let c = d.components
        guard (1900...9999).contains(c.year) else { return nil }
        return d.description
    }
}

/// The fuzz target's entry (Fuzz/XLSX): any bytes as an .xlsx workbook, read or refused with
/// an `XLSXError`, never a crash, never more text than the bound let be inflated, and the
/// same bytes read the same.
public enum SpreadsheetFuzz {
    public static func xlsx(_ bytes: [UInt8]) {
        var limits = XLSX.Limits()
        limits.partBytes = 4 << 20; limits.totalBytes = 8 << 20
        // The reader takes a file (as the loader will give it): the input is one, for the fuzzer only.
        let url = URL(fileURLWithPath: NSTemporaryDirectory() + "fuzz-xlsx-\(getpid()).xlsx")
        guard (try? Data(bytes).write(to: url)) != nil else { return }
        defer { try? FileManager.default.removeItem(at: url) }
        guard let sheet = try? XLSX.read(url: url, preferring: "reports", limits: limits) else { return }
        precondition((try? XLSX.read(url: url, preferring: "reports", limits: limits)) == sheet, "the same bytes read the same")
        precondition(sheet.rows.reduce(0) { $0 + $1.cells.reduce(0) { $0 + ($1?.utf8.count ?? 0) } } <= Int(limits.totalBytes), "no more text than was inflated")
    }
}
