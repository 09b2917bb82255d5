import Foundation
import Model
import Spreadsheet

/// The reports as Excel workbooks (issue 26, "Excel out"): the rows of `--format csv`, with
/// every figure a number cell in a number format (`#,##0`, `#,##0.0`, percentages as
/// `0.0%` of the fraction, so Excel shows `45,5 %` in a Norwegian locale), the header row bold
/// and frozen, columns wide enough for their text. A suppressed figure (`<5`, `..`) stays
/// text, as in every format. The same columns and order as the CSV file, so either may be
/// compared with the other (the LibreOffice test does).
public enum ExcelReports {
    /// The number formats, one per kind of value.
    struct Styles {
        var whole = 0, decimal = 0, percent = 0
        init(_ w: inout XLSXWriter) {
            whole = w.style(.init(numberFormat: "#,##0"))
            decimal = w.style(.init(numberFormat: "#,##0.0"))
            percent = w.style(.init(numberFormat: "0.0%"))
        }

        /// A figure as its CSV text writes it (`Format.plain`, decimal comma), as a cell: the
        /// same rounded number, or the text when it is none (suppressed).
        func cell(_ text: String, _ unit: ValueUnit) -> XLSXWriter.Cell {
            guard !text.isEmpty else { return .empty }
            guard let v = Double(text.replacingOccurrences(of: ",", with: ".")) else { return .text(text) }
            if unit == .percent { return .number(v / 100, style: percent) }
            return .number(v, style: v.rounded() == v ? whole : decimal)
        }
    }

    /// `tertial report --format xlsx`: the scorecard rows of `Renderers.csv`.
    public static func scorecard(_ snapshot: Snapshot, unit: Int, periods: [Period], display: Display, sheetName: String) throws -> [UInt8] {
        try workbook(sheetName, columns: Renderers.scorecardColumns, numbers: [3, 4], // value, target
                     rows: Renderers.scorecardRows(snapshot, unit: unit, periods: periods, display: display))
    }

    /// `tertial report corporater --format xlsx`: the rows of `CorporaterSheet.csv`, the
    /// flags in their own column.
    public static func corporater(_ sheet: CorporaterSheet, lang: Lang, sheetName: String) throws -> [UInt8] {
        let s = sheet.snapshot
        return try workbook(sheetName, columns: CorporaterSheet.columns, numbers: [4, 6], // value, reported
                     rows: sheet.csvRows(lang: lang).map { ($0.fields, s.indicators[$0.row.indicator].unit) })
    }

    /// One sheet of a CSV file's rows: the `numbers` columns as number cells in their
    /// indicator's format, every other field as text (an empty one as no cell).
    static func workbook(_ sheetName: String, columns: [String], numbers: Set<Int>, rows csv: [(fields: [String], unit: ValueUnit)]) throws -> [UInt8] {
        var w = XLSXWriter()
        let st = Styles(&w)
        var rows: [[XLSXWriter.Cell]] = [columns.map { .text($0) }]
        rows.reserveCapacity(csv.count + 1)
        for r in csv {
            rows.append(r.fields.enumerated().map { k, f in
                numbers.contains(k) ? st.cell(f, r.unit) : (f.isEmpty ? .empty : .text(f))
            })
        }
        w.sheets = [XLSXWriter.Sheet(name: sheetName, rows: rows, widths: widths(rows))]
        return [UInt8](try w.data())
    }

    /// Column widths in characters: the longest text of the first 500 rows, 6 to 60.
    static func widths(_ rows: [[XLSXWriter.Cell]]) -> [Double] {
        var w = [Double]()
        for row in rows.prefix(500) {
            for (c, cell) in row.enumerated() {
                let n: Int
                switch cell {
                case .text(let t): n = DisplayWidth.of(t)
                case .number(let v, _): n = XLSXWriter.number(v).count + 2
                case .bool: n = 5
                case .empty: n = 0
                }
                while w.count <= c { w.append(6) }
                w[c] = min(60, max(w[c], Double(n) + 2))
            }
        }
        return w
    }
}
