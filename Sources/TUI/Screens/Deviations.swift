import Model
import Reports
import Store

extension ScreenID { public static let deviations = ScreenID("deviations") }

/// The deviations screen: every red, yellow and missing value and every data-quality warning in the
/// scope, worst first; Enter (and n/N from anywhere) opens the figure behind it.
enum DeviationsScreen: ScreenFeature {
    /// Where Enter (and n/N) on a deviation goes: the indicator's drill-down at the
    /// unit's parent within the scope (Bergen Vest for Fyllingsdalen in 2019, when the
    /// scope is Bergen Vest), with the unit selected; the history when it is the scope itself.
    static func target(of d: Deviation, _ s: Snapshot, base: Int) -> ViewState? {
        guard let i = d.indicator else { return nil }
        let id = s.id(indicator: i)
        let scope = s.scope(base, d.period)
        // A deviation of the unit in view itself opens its history, not its parent's list
        // (issue 23, 13: Enter on Bergen Vest's own deviation went up to the etat first).
        guard d.unit != base else { return ViewState(ViewKind(.deviations, .history(id)), unit: s.tree.id(d.unit)) }
        if let parent = scope.first(where: { s.parts(of: $0, in: d.period).contains(d.unit) }) ?? s.tree.parent[d.unit] {
            return ViewState(ViewKind(.deviations, .drill(id)), unit: s.tree.id(parent), cursorKey: .unit(s.tree.id(d.unit)))
        }
        return ViewState(ViewKind(.deviations, .history(id)), unit: s.tree.id(d.unit))
    }

    static func build(_ c: ViewContext) -> Panel {
        let s = c.snapshot, l = c.text, f = c.format
        let devs = s.deviations(unit: c.unit, period: c.period)
        // The follow-up column only where there is a store to say something.
        let withFollowUp = c.input.store != .none
        let items = devs.map { d -> Item in
            let ind = d.indicator.map { s.indicators[$0] }
            let unit = s.tree.units[d.unit].shortName
            let key = RowKey.deviation(DeviationKey(d, s))
            var it: Item
            switch d.kind {
            case .status(let status):
                var note = d.cell?.comment ?? ""
                if d.cell?.isPartial == true, let cell = d.cell { note = "\(cell.present)/\(cell.expected) " + l[.deliveredWord] + (note.isEmpty ? "" : " · " + note) }
                it = Item([Views.statusSpan(status, l, unicode: c.unicode), Span(ind?.name ?? ""), Span(unit),
                           Span(f.value(d.cell?.value, ind?.unit ?? .count)), Span(d.cell?.target.map { f.value($0, ind?.unit ?? .count) } ?? ""),
                           Span(note)], key: key)
                it.detail = explanation(c, d, status)
            case .quality(let w):
                it = Item([Span(Views.warnMark(c.unicode) + " " + l[.data], Style(.yellow, bold: true)), Span(ind?.name ?? ""), Span(unit),
                           Span(""), Span(""), Span(l.quality(w, snapshot: s, withCases: true))], key: key)
                it.detail = [l.quality(w, snapshot: s, withCases: true) + (w.source.map { " (\($0))" } ?? "")]
            }
            it.search = (ind?.name ?? "") + " " + unit
            it.action = target(of: d, s, base: c.unit)
            // Follow-up: an open action, a comment, or none (the deviations nobody has taken up).
            if let ind {
                let key = Entry.Key(unit: UnitID(s.tree.units[d.unit].id), indicator: IndicatorID(ind.id), period: d.period)
                it.followUp = key
                if withFollowUp {
                    let mark = Views.followUpMark(c, key)
                    it.cells.insert(mark, at: 5)
                    it.search += " " + mark.text
                    it.detail += Views.followUpLines(c, key)
                }
            } else if withFollowUp {
                it.cells.insert(Span(""), at: 5)
            }
            return it
        }
        return Panel(title: l[.deviations] + " (\(devs.count))",
                     columns: [Column(l[.status], 9), Column(l[.indicator], 0, weight: 2), Column(l[.unit], 14),
                               Column(l[.value], 8, right: true), Column(l[.target], 7, right: true),
                               ] + (withFollowUp ? [Column(l[.fuColShort], 5)] : []) + [Column(l[.note], 0)], items: items)
    }

    /// The why of a deviation in words, under the list: what is missing, or the value against
    /// its target, and the unit's own comment in full.
    static func explanation(_ c: ViewContext, _ d: Deviation, _ status: Status) -> [String] {
        let s = c.snapshot, l = c.text, f = c.format
        guard let i = d.indicator else { return [] }
        let ind = s.indicators[i], unit = s.tree.units[d.unit].name
        var lines = [String]()
        if status == .missing {
            lines.append(d.cell?.hasReportRow == true ? l(DashboardTexts.reportedUnknown(unit: unit, indicator: ind.name, period: d.period))
                                                      : l(DashboardTexts.notDelivered(unit: unit, indicator: ind.name, period: d.period)))
        } else if let v = d.cell?.value, let t = d.cell?.target {
            lines.append(l(DashboardTexts.againstTarget(unit: unit, indicator: ind.name, value: f.value(v, ind.unit), target: f.value(t, ind.unit), status: status)))
        }
        if let cm = d.cell?.comment { lines.append(l[.comment] + ": " + cm) }
        return lines
    }

    static let id = ScreenID.deviations
    static let title = Msg.screenDeviations
    static let legend: [Msg] = [.legendDeviations, .legendFollowUpMarks]
}
