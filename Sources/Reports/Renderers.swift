import Model

/// Output formats of `tertial report` and of the dashboard's export: the CLI's choices
/// and help, and which file names the export accepts, all come from here.
public enum ReportFormat: String, Sendable, CaseIterable {
    case text, md, csv, json, html, xlsx

    /// File name endings of each format (the first is the one suggested).
    public var fileExtensions: [String] {
        switch self {
        case .text: ["txt"]
        case .md: ["md", "markdown"]
        case .csv: ["csv"]
        case .json: ["json"]
        case .html: ["html", "htm"]
        case .xlsx: ["xlsx"]
        }
    }

    /// The format a file name asks for, nil when its ending is none of ours.
    public static func forFile(_ path: String) -> ReportFormat? {
        let ext = (path.split(separator: "/").last ?? "").split(separator: ".", omittingEmptySubsequences: false).dropFirst().last.map { $0.lowercased() }
        return ext.flatMap { e in allCases.first { $0.fileExtensions.contains(e) } }
    }

    /// Every ending, for messages: `.txt, .md, .xlsx, …` (Excel early: a narrow prompt cuts the end).
    public static var allExtensions: String {
        let first: [ReportFormat] = [.text, .md, .xlsx]
        return (first + allCases.filter { !first.contains($0) }).flatMap { $0.fileExtensions.prefix(1) }.map { "." + $0 }.joined(separator: ", ")
    }

    /// Only one period fits in this format.
    public var singlePeriod: Bool { self == .html }

    /// A workbook, not text: written to a file (or a pipe), never to a terminal.
    public var isBinary: Bool { self == .xlsx }

    /// The report as the bytes of its file: UTF-8 text, or the workbook.
    public func bytes(_ s: Snapshot, unit: Int, periods: [Period], options: ReportOptions) throws -> [UInt8] {
        guard self == .xlsx else { return Array(render(s, unit: unit, periods: periods, options: options).utf8) }
        return try ExcelReports.scorecard(s, unit: unit, periods: periods, display: Display(lang: options.lang, suppressSmall: options.suppressSmall),
                                          sheetName: ReportTexts.scorecardSheet.text(options.lang))
    }

    /// The report of a unit in these periods, in this format (a workbook's rows as CSV; its
    /// file is `bytes`).
    public func render(_ s: Snapshot, unit: Int, periods: [Period], options: ReportOptions) -> String {
        switch self {
        case .csv, .xlsx: Renderers.csv(s, unit: unit, periods: periods, display: Display(lang: options.lang, suppressSmall: options.suppressSmall))
        case .json: JSONReport.render(s, unit: unit, periods: periods, lang: options.lang, withCases: options.withCases)
        case .html: periods.map { TertialReport(snapshot: s, unit: unit, period: $0, options: options).html() }.joined()
        case .text, .md: periods.map { TertialReport(snapshot: s, unit: unit, period: $0, options: options).text(markdown: self == .md) }.joined(separator: "\n")
        }
    }
}

public enum Renderers {
    /// `period;unit;indicator;value;target;status;reported`, one row per unit and indicator, for
    /// each period. `reported` is `4/5` for a total built on 4 of the 5 values due (its status
    /// is then `none`: no verdict on an incomplete total), empty when complete.
    public static func csv(_ snapshot: Snapshot, unit: Int, periods: [Period], display: Display? = nil) -> String {
        var out = CSVWriter.line(scorecardColumns)
        for r in scorecardRows(snapshot, unit: unit, periods: periods, display: display ?? Display(lang: .nb)) { out += CSVWriter.line(r.fields) }
        return out
    }

    static let scorecardColumns = ["period", "unit", "indicator", "value", "target", "status", "reported"]

    /// The scorecard's rows as the CSV file writes them, each with its indicator's unit (the
    /// workbook makes numbers of the value and target, `ExcelReports.scorecard`).
    static func scorecardRows(_ snapshot: Snapshot, unit: Int, periods: [Period], display d: Display) -> [(fields: [String], unit: ValueUnit)] {
        var out = [(fields: [String], unit: ValueUnit)]()
        for p in periods {
            let units = [unit] + snapshot.activeUnits(under: unit, period: p).filter { $0 != unit }
            for u in units {
                for r in ScorecardReport.rows(snapshot, unit: u, period: p, sameKind: true) {
                    let ind = snapshot.indicators[r.indicator]
                    let v = d.plain(snapshot, indicator: r.indicator, unit: u, period: p)
                    let t = r.cell.target.map { Format.plain($0, ind.unit, decimalComma: true) } ?? ""
                    let reported = r.cell.isPartial ? "\(r.cell.present)/\(r.cell.expected)" : ""
                    out.append(([p.description, snapshot.tree.units[u].id, ind.id, v, t, r.cell.status.rawValue, reported], ind.unit))
                }
            }
        }
        return out
    }
}

/// Plain-text and markdown tables, padded by display width.
public enum Table {
    public static func text(_ header: [String], _ rows: [[String]], rightAligned: Set<Int> = []) -> String {
        let all = [header] + rows
        let widths = header.indices.map { c in all.map { DisplayWidth.of($0[c]) }.max() ?? 0 }
        var out = ""
        for (k, r) in all.enumerated() {
            let cells = r.enumerated().map { c, v in
                rightAligned.contains(c) ? DisplayWidth.padLeft(v, widths[c]) : DisplayWidth.padRight(v, widths[c])
            }
            out += "  " + cells.joined(separator: "  ").trimmingTrailingSpaces + "\n"
            if k == 0 { out += "  " + widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n" }
        }
        return out
    }

    public static func markdown(_ header: [String], _ rows: [[String]]) -> String {
        func esc(_ s: String) -> String { s.replacingOccurrences(of: "|", with: "\\|") }
        var out = "| " + header.map(esc).joined(separator: " | ") + " |\n"
        out += "|" + header.map { _ in "---|" }.joined() + "\n"
        for r in rows { out += "| " + r.map(esc).joined(separator: " | ") + " |\n" }
        return out
    }
}

extension String {
    var trimmingTrailingSpaces: String {
        var s = Substring(self)
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
