import Model
import Store

/// `tertial report corporater`: every figure a unit leader types into the Corporater
/// form, computed, with where it came from and a flag where something does not add up.
public struct CorporaterSheet: Sendable {
    public struct Row: Sendable {
        public let unit: Int
        public let indicator: Int
        public let value: String
        public let origin: ValueOrigin
        /// What the unit reported itself, where that differs from the value shown.
        public let reported: Double?
        public let flags: [QualityWarning]
        /// The figure's follow-up comment, for Corporater's comment field ("" when none).
        public let comment: String
    }

    public let snapshot: Snapshot
    public let period: Period
    public let rows: [Row]
    public let display: Display

    public init(snapshot s: Snapshot, unit: Int, period: Period, display: Display, followUp: FollowUpBook? = nil) {
        self.snapshot = s; self.period = period; self.display = display
        var rows = [Row]()
        for u in s.scope(unit, period) {
            for (i, _) in s.indicators.enumerated() {
                guard let c = s.cell(indicator: i, unit: u, period: period), c.value != nil || c.hasReportRow || c.due else { continue }
                let reported = (c.origin != .reported && c.reported != nil) ? c.reported : nil
                rows.append(Row(unit: u, indicator: i, value: display.plain(s, indicator: i, unit: u, period: period), origin: c.origin,
                                reported: reported, flags: s.warnings(indicator: i, unit: u, period: period).filter {
                                    if case .processingBreach = $0.kind { return false }
                                    return true
                                }, comment: followUp?.comment(for: Entry.Key(unit: UnitID(s.tree.units[u].id), indicator: IndicatorID(s.indicators[i].id), period: period))?.text ?? ""))
            }
        }
        self.rows = rows
    }

    func source(_ o: ValueOrigin, _ l: L10n) -> String {
        switch o {
        case .reported: l[.reported]
        case .register: l[.register]
        case .formula: l[.formula]
        case .dividedByZero: l.origin(.dividedByZero)
        case .operandsIncomplete: l.origin(.operandsIncomplete)
        case .aggregated: l[.sumOfUnits]
        case .carried: l[.predecessors]
        case .overTime: l[.overThePeriod]
        case .none: l[.missingWord]
        }
    }

    /// `period;unit;indicator;name;value;source;reported;flag;comment` (the follow-up comment, for
    /// Corporater's comment field), written by `CSVWriter`: a text with `;`, a quote or a line
    /// break is quoted, never changed.
    public func csv(lang: Lang) -> String {
        var out = CSVWriter.line(CorporaterSheet.columns)
        for r in csvRows(lang: lang) { out += CSVWriter.line(r.fields) }
        return out
    }

    /// The columns of the CSV file and the workbook (`ExcelReports.corporater`).
    public static let columns = ["period", "unit", "indicator", "name", "value", "source", "reported", "flag", "comment"]

    /// Each row's fields, as the CSV file writes them.
    func csvRows(lang: Lang) -> [(row: Row, fields: [String])] {
        let l = L10n(lang), s = snapshot
        return rows.map { r in
            let ind = s.indicators[r.indicator]
            let flag = r.flags.map { l.quality($0, snapshot: s) }.joined(separator: " | ")
            return (r, [period.description, s.tree.units[r.unit].id, ind.id, ind.name, r.value, source(r.origin, l),
                        r.reported.map { Format.plain($0, ind.unit, decimalComma: true) } ?? "", flag, r.comment])
        }
    }

    public func text(lang: Lang, markdown: Bool) -> String {
        let l = L10n(lang), s = snapshot, f = Format(lang: lang)
        var out = ""
        let title = "Corporater: " + l[.figuresToEnter] + ", \(l.periodLong(period))"
        out += markdown ? "# \(title)\n\n" : "\(title)\n\(String(repeating: "=", count: DisplayWidth.of(title)))\n\n"
        out += l[.corporaterIntro] + "\n"
        var unit: Int? = nil
        var body = [[String]]()
        let withComments = rows.contains { !$0.comment.isEmpty }
        func flush() {
            guard let u = unit, !body.isEmpty else { return }
            out += markdown ? "\n## \(s.tree.units[u].name)\n\n" : "\n\(s.tree.units[u].name)\n\(String(repeating: "-", count: DisplayWidth.of(s.tree.units[u].name)))\n"
            let header = [l[.indicator], l[.value], l[.source], l[.colReported], l[.note]] + (withComments ? [l[.comment]] : [])
            out += markdown ? Table.markdown(header, body) : Table.text(header, body, rightAligned: [1, 3])
            body = []
        }
        for r in rows {
            if r.unit != unit { flush(); unit = r.unit }
            let ind = s.indicators[r.indicator]
            let shown = display.value(s, indicator: r.indicator, unit: r.unit, period: period)
            body.append([ind.name + (r.flags.isEmpty ? "" : " ⚠"), shown, source(r.origin, l), r.reported.map { f.value($0, ind.unit) } ?? "",
                         r.flags.map { l.quality($0, snapshot: s) }.joined(separator: "; ")] + (withComments ? [r.comment] : []))
        }
        flush()
        return out
    }
}
