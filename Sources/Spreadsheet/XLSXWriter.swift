import Foundation
import ZIPFoundation

/// Writes an Office Open XML workbook (.xlsx) of plain sheets (issue 26, "Excel out", and the
/// benchmark's and tests' workbooks): text as inline strings, numbers as numbers in a style
/// of their own (a number format such as `# ##0,0` or `0,0 %`), booleans, a bold header row
/// that can be frozen, column widths. The container is written by ZIPFoundation (deflated);
/// the XML is written here, every text escaped and stripped of the characters XML 1.0 cannot
/// hold. The result is bytes: the caller writes them (atomically, `Reports`' writer).
public struct XLSXWriter {
    public enum Cell: Equatable, Sendable {
        case text(String)
        /// A number in a style (an index into `styles`; 0 is the default "General").
        case number(Double, style: Int)
        case bool(Bool)
        case empty
    }

    public struct Style: Equatable, Sendable {
        /// An Excel number format code (`0`, `0.0`, `#,##0`, `0.0%`); nil for General.
        public var numberFormat: String?
        public var bold: Bool
        public init(numberFormat: String? = nil, bold: Bool = false) { self.numberFormat = numberFormat; self.bold = bold }
    }

    public struct Sheet: Sendable {
        public var name: String
        public var rows: [[Cell]]
        /// The first row stays in view when scrolling (and is bold when `boldHeader`).
        public var freezeHeader: Bool
        public var boldHeader: Bool
        /// Column widths in characters (Excel's unit); nil: the application's default.
        public var widths: [Double]?
        public init(name: String, rows: [[Cell]], freezeHeader: Bool = true, boldHeader: Bool = true, widths: [Double]? = nil) {
            self.name = name; self.rows = rows; self.freezeHeader = freezeHeader; self.boldHeader = boldHeader; self.widths = widths
        }
    }

    public var sheets: [Sheet]
    /// Style 0 is General; more are added by `style(_:)`.
    public private(set) var styles: [Style] = [Style()]

    public init(sheets: [Sheet] = []) { self.sheets = sheets }

    /// The index of a style, added when new.
    public mutating func style(_ s: Style) -> Int {
        if let k = styles.firstIndex(of: s) { return k }
        styles.append(s)
        return styles.count - 1
    }

    /// The workbook's bytes.
    public func data() throws -> Data {
        var w = self
        let bold = w.style(Style(bold: true))
        let archive = try Archive(data: Data(), accessMode: .create, pathEncoding: nil)
        var parts: [(String, String)] = [
            ("[Content_Types].xml", contentTypes()),
            ("_rels/.rels", #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#),
            ("xl/workbook.xml", workbook()),
            ("xl/_rels/workbook.xml.rels", relationships()),
        ]
        for (k, s) in w.sheets.enumerated() { parts.append(("xl/worksheets/sheet\(k + 1).xml", XLSXWriter.sheetXML(s, boldStyle: bold))) }
        parts.append(("xl/styles.xml", w.stylesXML()))
        for (path, text) in parts {
            let bytes = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(bytes.count), compressionMethod: .deflate) { position, size in
                bytes.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        guard let data = archive.data else { throw XLSXError.notAWorkbook }
        return data
    }

    func contentTypes() -> String {
        var s = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#
        s += #"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>"#
        s += #"<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#
        for k in sheets.indices {
            s += #"<Override PartName="/xl/worksheets/sheet\#(k + 1).xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#
        }
        s += #"<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>"#
        return s
    }

    func workbook() -> String {
        var s = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>"#
        var used = Set<String>()
        for (k, sheet) in sheets.enumerated() {
            // Excel's rules for a sheet's name: at most 31 characters, none of : \ / ? * [ ], unique.
            var name = String(sheet.name.filter { !":\\/?*[]".contains($0) }.prefix(31))
            if name.isEmpty || used.contains(name.lowercased()) { name = "Ark\(k + 1)" }
            used.insert(name.lowercased())
            s += #"<sheet name="\#(XLSXWriter.escape(name))" sheetId="\#(k + 1)" r:id="rId\#(k + 1)"/>"#
        }
        return s + "</sheets></workbook>"
    }

    func relationships() -> String {
        var s = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
        for k in sheets.indices {
            s += #"<Relationship Id="rId\#(k + 1)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet\#(k + 1).xml"/>"#
        }
        s += #"<Relationship Id="rId\#(sheets.count + 1)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>"#
        return s + "</Relationships>"
    }

    func stylesXML() -> String {
        var formats = [String: Int]()
        for s in styles { if let f = s.numberFormat, formats[f] == nil { formats[f] = 164 + formats.count } }
        var x = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#
        if !formats.isEmpty {
            x += #"<numFmts count="\#(formats.count)">"#
            for (code, id) in formats.sorted(by: { $0.value < $1.value }) { x += #"<numFmt numFmtId="\#(id)" formatCode="\#(XLSXWriter.escape(code))"/>"# }
            x += "</numFmts>"
        }
        x += #"<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>"#
        x += #"<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>"#
        x += #"<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"#
        x += #"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#
        x += #"<cellXfs count="\#(styles.count)">"#
        for s in styles {
            let fmt = s.numberFormat.flatMap { formats[$0] } ?? 0
            x += #"<xf numFmtId="\#(fmt)" fontId="\#(s.bold ? 1 : 0)" fillId="0" borderId="0" xfId="0""#
            x += (fmt != 0 ? #" applyNumberFormat="1""# : "") + (s.bold ? #" applyFont="1""# : "") + "/>"
        }
        x += "</cellXfs>"
        x += #"<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>"#
        return x
    }

    static func sheetXML(_ sheet: Sheet, boldStyle: Int) -> String {
        var x = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#
        if sheet.freezeHeader && !sheet.rows.isEmpty {
            x += #"<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft"/></sheetView></sheetViews>"#
        }
        if let widths = sheet.widths, !widths.isEmpty {
            x += "<cols>"
            for (k, w) in widths.enumerated() { x += #"<col min="\#(k + 1)" max="\#(k + 1)" width="\#(w)" customWidth="1"/>"# }
            x += "</cols>"
        }
        x += "<sheetData>"
        x.reserveCapacity(sheet.rows.count * 120)
        for (r, row) in sheet.rows.enumerated() {
            x += #"<row r="\#(r + 1)">"#
            for (c, cell) in row.enumerated() {
                let ref = XLSX.columnName(c) + String(r + 1)
                let header = r == 0 && sheet.boldHeader
                let s = header ? #" s="\#(boldStyle)""# : ""
                switch cell {
                case .empty: continue
                case .text(let t):
                    x += #"<c r="\#(ref)" t="inlineStr"\#(s)><is><t xml:space="preserve">\#(escape(t))</t></is></c>"#
                case .number(let v, let style):
                    guard v.isFinite else { continue }
                    let st = header ? boldStyle : style
                    x += #"<c r="\#(ref)"\#(st != 0 ? #" s="\#(st)""# : "")><v>\#(number(v))</v></c>"#
                case .bool(let b):
                    x += #"<c r="\#(ref)" t="b"\#(s)><v>\#(b ? 1 : 0)</v></c>"#
                }
            }
            x += "</row>"
        }
        return x + "</sheetData></worksheet>"
    }

    /// A number as the cell holds it: whole numbers without a point, else to 15 significant
    /// digits, as Excel keeps them (38,8 % is 0.388, not 0.38799999999999996).
    public static func number(_ v: Double) -> String { Parts.number(v) }

    /// Text for XML: `& < > "` escaped; characters XML 1.0 cannot hold (C0 controls but tab,
    /// line feed and carriage return; U+FFFE, U+FFFF) left out, and DEL and the C1 controls
    /// too (no escape sequence reaches a terminal that shows a cell).
    static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for u in s.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\t", "\n", "\r": out.unicodeScalars.append(u)
            default:
                if u.value < 0x20 || (0x7F...0x9F).contains(u.value) || u.value == 0xFFFE || u.value == 0xFFFF { continue }
                out.unicodeScalars.append(u)
            }
        }
        return out
    }
}
