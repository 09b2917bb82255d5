import Foundation
import Testing
import TestSupport
import ZIPFoundation
@testable import Model
@testable import Spreadsheet

/// The .xlsx reader (issue 26, "Excel in", first part: the workbook to text cells; the loader
/// does not read .xlsx files yet). Workbooks written here part by part, as Excel and
/// LibreOffice write them.
@Suite final class XLSXTests: TestCase {
    var files = [URL]()
    deinit { for f in files { try? FileManager.default.removeItem(at: f) } }

    /// A workbook of the given parts (path → XML text), in a file of its own.
    func workbook(_ parts: [String: String], compressed: Bool = true) throws -> URL {
        let url = URL(fileURLWithPath: NSTemporaryDirectory() + "tertial-xlsx-" + UUID().uuidString + ".xlsx")
        try workbookData(parts, compressed: compressed).write(to: url)
        files.append(url)
        return url
    }

    func workbookData(_ parts: [String: String], compressed: Bool = true) throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create, pathEncoding: nil)
        for (path, text) in parts.sorted(by: { $0.key < $1.key }) {
            let bytes = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(bytes.count),
                                 compressionMethod: compressed ? .deflate : .none) { position, size in
                bytes.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return try XCTUnwrap(archive.data)
    }

    let ns = "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""

    func book(sheets: [(String, String)], strings: [String] = [], styles: String? = nil, date1904: Bool = false) -> [String: String] {
        var parts = [String: String]()
        parts["xl/workbook.xml"] = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook \(ns)><workbookPr\(date1904 ? " date1904=\"1\"" : "")/><sheets>"
            + sheets.enumerated().map { k, s in "<sheet name=\"\(s.0)\" sheetId=\"\(k + 1)\" r:id=\"rId\(k + 1)\"/>" }.joined() + "</sheets></workbook>"
        parts["xl/_rels/workbook.xml.rels"] = "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
            + sheets.indices.map { k in "<Relationship Id=\"rId\(k + 1)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet\(k + 1).xml\"/>" }.joined()
            + "</Relationships>"
        for (k, s) in sheets.enumerated() {
            parts["xl/worksheets/sheet\(k + 1).xml"] = "<?xml version=\"1.0\"?><worksheet \(ns)><sheetData>\(s.1)</sheetData></worksheet>"
        }
        if !strings.isEmpty {
            parts["xl/sharedStrings.xml"] = "<?xml version=\"1.0\"?><sst \(ns) count=\"\(strings.count)\">" + strings.map { "<si>\($0)</si>" }.joined() + "</sst>"
        }
        if let styles { parts["xl/styles.xml"] = "<?xml version=\"1.0\"?><styleSheet \(ns)>\(styles)</styleSheet>" }
        return parts
    }

    @Test func testCellsOfEveryKindAsText() throws {
        // Row 1: shared strings (one in two runs); row 2: a number, a decimal, a boolean, an
        // inline string with æøå, an error, a formula's cached value; row 4 (row 3 absent):
        // a cell in column D only; a date in a built-in (14) and a custom (dd.mm.yyyy) style.
        let styles = "<numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"dd\\.mm\\.yyyy\"/><numFmt numFmtId=\"165\" formatCode=\"0.0&quot;d&quot;\"/></numFmts>"
            + "<cellXfs count=\"4\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/><xf numFmtId=\"164\"/><xf numFmtId=\"165\"/></cellXfs>"
        let sheet = """
        <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>
        <row r="2"><c r="A2"><v>12</v></c><c r="B2"><v>12.5</v></c><c r="C2" t="b"><v>1</v></c>\
        <c r="D2" t="inlineStr"><is><t>Årstad, Fyllingsdalen</t></is></c><c r="E2" t="e"><v>#N/A</v></c>\
        <c r="F2"><f>A2*2</f><v>24</v></c><c r="G2" t="str"><f>"a"&amp;"b"</f><v>ab</v></c></row>
        <row r="4"><c r="C4" t="d"><v>2019-12-31T00:00:00</v></c><c r="D4"><v>7</v></c><c r="E4" s="1"><v>43831</v></c><c r="F4" s="2"><v>44196</v></c><c r="G4" s="3"><v>4.5</v></c></row>
        """
        let data = try workbook(book(sheets: [("Ark1", sheet)], strings: ["<t>period</t>", "<r><t>en</t></r><r><t>het</t></r>"], styles: styles))
        let s = try XLSX.read(url: data)
        XCTAssertEqual(s.name, "Ark1")
        XCTAssertEqual(s.rows.map(\.number), [1, 2, 4])
        XCTAssertEqual(s.rows[0].cells, ["period", "enhet"])
        XCTAssertEqual(s.rows[1].cells, ["12", "12.5", "true", "Årstad, Fyllingsdalen", "#N/A", "24", "ab"])
        // 43831 is 1 January 2020 and 44196 31 December 2020 in Excel's 1900 system; a
        // number format with "d" in quotes is no date.
        XCTAssertEqual(s.rows[2].cells, [nil, nil, "2019-12-31", "7", "2020-01-01", "2020-12-31", "4.5"])
    }

    @Test func testTheSheetNamedLikeTheFileKindElseTheFirst() throws {
        let data = try workbook(book(sheets: [("Forside", "<row r=\"1\"><c t=\"inlineStr\"><is><t>les meg</t></is></c></row>"),
                                              ("Waitlist", "<row r=\"1\"><c t=\"inlineStr\"><is><t>case</t></is></c></row>")]))
        XCTAssertEqual(try XLSX.read(url: data, preferring: "waitlist").rows.first?.cells, ["case"])
        XCTAssertEqual(try XLSX.read(url: data, preferring: "reports").name, "Forside")
        XCTAssertEqual(try XLSX.read(url: data).name, "Forside")
    }

    @Test func testTheSerialDaysOfBothSystems() {
        XCTAssertEqual(Parts.isoDate(serial: 1, date1904: false), "1900-01-01")
        XCTAssertEqual(Parts.isoDate(serial: 59, date1904: false), "1900-02-28")
        XCTAssertEqual(Parts.isoDate(serial: 61, date1904: false), "1900-03-01")
        XCTAssertEqual(Parts.isoDate(serial: 43891.75, date1904: false), "2020-03-01", "a time of day is dropped")
        XCTAssertEqual(Parts.isoDate(serial: 0, date1904: true), "1904-01-01")
        XCTAssertEqual(Parts.isoDate(serial: 42369, date1904: true), "2020-01-01")
        XCTAssertNil(Parts.isoDate(serial: -5, date1904: false))
        XCTAssertEqual(XLSX.columnName(0), "A")
        XCTAssertEqual(XLSX.columnName(25), "Z")
        XCTAssertEqual(XLSX.columnName(26), "AA")
        XCTAssertEqual(Parts.column("AB12"), 27)
        // Numbers to at most 15 digits (Excel keeps 15 significant ones; the CSV reader reads
        // 15 digits), no exponent.
        XCTAssertEqual(Parts.number(0.38799999999999996), "0.388")
        XCTAssertEqual(Parts.number(38.8 / 100), "0.388")
        XCTAssertEqual(Parts.number(1.2345678901234501E-2), "0.01234567890123")
        XCTAssertEqual(Parts.number(123456.78901234567), "123456.789012346")
        XCTAssertEqual(Parts.number(1e-5), "0.00001")
        XCTAssertEqual(Parts.number(-2.5), "-2.5")
        XCTAssertEqual(Parts.number(1664), "1664")
    }

    @Test func testAZipBombIsRefusedBeforeAndWhileInflating() throws {
        // 4 MiB of one byte deflates to a few KiB; with a 1 MiB bound it is refused.
        let big = "<row r=\"1\"><c t=\"inlineStr\"><is><t>" + String(repeating: "a", count: 4 << 20) + "</t></is></c></row>"
        let data = try workbook(book(sheets: [("Ark1", big)]))
        XCTAssertLessThan(try XCTUnwrap(FileManager.default.attributesOfItem(atPath: data.path)[.size] as? Int), 64 << 10)
        var limits = XLSX.Limits()
        limits.partBytes = 1 << 20
        XCTAssertThrowsError(try XLSX.read(url: data, limits: limits)) { error in
            guard case XLSXError.tooLarge(let part, let bytes, let limit) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(part, "xl/worksheets/sheet1.xml")
            XCTAssertGreaterThan(bytes, limit)
        }
        XCTAssertEqual(try XLSX.read(url: data).rows.first?.cells.first??.count, 4 << 20, "within the default bound it is read")
    }

    @Test func testWhatIsNoWorkbookIsSaidSo() throws {
        let csv = URL(fileURLWithPath: NSTemporaryDirectory() + "tertial-xlsx-" + UUID().uuidString + ".xlsx")
        try Data("period;unit\n".utf8).write(to: csv)
        files.append(csv)
        XCTAssertThrowsError(try XLSX.read(url: csv)) { XCTAssertEqual($0 as? XLSXError, .notAWorkbook) }
        var parts = book(sheets: [("Ark1", "")])
        parts["xl/workbook.xml"] = nil
        XCTAssertThrowsError(try XLSX.read(url: try workbook(parts))) { XCTAssertEqual($0 as? XLSXError, .missingPart("xl/workbook.xml")) }
        parts = book(sheets: [("Ark1", "")])
        parts["xl/worksheets/sheet1.xml"] = "<?xml version=\"1.0\"?><worksheet \(ns)><sheetData><row r=\"1\"><c><v>1</v>"
        XCTAssertThrowsError(try XLSX.read(url: try workbook(parts))) { error in
            guard case XLSXError.badXML(let part, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(part, "xl/worksheets/sheet1.xml")
        }
        // A shared string that does not exist.
        parts = book(sheets: [("Ark1", "<row r=\"3\"><c r=\"A3\" t=\"s\"><v>9</v></c></row>")], strings: ["<t>a</t>"])
        XCTAssertThrowsError(try XLSX.read(url: try workbook(parts))) { XCTAssertEqual($0 as? XLSXError, .badCell(part: "xl/worksheets/sheet1.xml", cell: "A3")) }
    }

    /// An external entity is never resolved (no file of the server read into a cell).
    @Test func testExternalEntitiesAreNotResolved() throws {
        let sheet = "<row r=\"1\"><c t=\"inlineStr\"><is><t>&xxe;</t></is></c></row>"
        var parts = book(sheets: [("Ark1", sheet)])
        parts["xl/worksheets/sheet1.xml"] = "<?xml version=\"1.0\"?><!DOCTYPE w [<!ENTITY xxe SYSTEM \"file:///etc/hostname\">]><worksheet \(ns)><sheetData>\(sheet)</sheetData></worksheet>"
        let host = (try? String(contentsOfFile: "/etc/hostname", encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "no-such-host-name"
        // The part that declares a document type is refused outright, so nothing of the file
        // can reach a cell.
        XCTAssertThrowsError(try XLSX.read(url: try workbook(parts))) { error in
            guard case XLSXError.badXML(let part, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(part, "xl/worksheets/sheet1.xml")
        }
        if let s = try? XLSX.read(url: try workbook(parts)) {
            XCTAssertFalse(s.rows.flatMap(\.cells).contains { $0?.contains(host) == true }, "\(s.rows)")
        }
        // Without the declaration, an entity that is none of the five predefined is refused too.
        parts["xl/worksheets/sheet1.xml"] = "<?xml version=\"1.0\"?><worksheet \(ns)><sheetData>\(sheet)</sheetData></worksheet>"
        XCTAssertThrowsError(try XLSX.read(url: try workbook(parts)))
    }

    /// What the fuzz target found (Fuzz/regressions/): each is refused with an error, at once
    /// (ZIPFoundation's own inflate never returned on the first).
    @Test func testFuzzFindingsEndWithAnError() throws {
        let folder = SampleData.root.appendingPathComponent("Fuzz/regressions")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".xlsx") }
        XCTAssertFalse(files.isEmpty)
        for f in files {
            XCTAssertThrowsError(try XLSX.read(url: folder.appendingPathComponent(f)), f)
        }
    }
}
