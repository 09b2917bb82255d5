import Model
import Reports

extension ScreenID { public static let reporting = ScreenID("reporting") }

/// The reporting screen: who has reported how much over the last tertials; Enter lists what a unit
/// has not delivered.
enum ReportingScreen: ScreenFeature {
    enum SubPage: Hashable, Sendable {
        /// The values a unit has not delivered in the period.
        case missing
    }

    static func build(_ c: ViewContext) -> Panel {
        subPage(c) == .missing ? missing(c) : shares(c)
    }

    static func label(_ page: SubPage, _ l: L10n) -> String? { l[.missing] }

    static func shares(_ c: ViewContext) -> Panel {
        let s = c.snapshot, l = c.text
        // As many tertials as have room for a whole share with a gap (six from 100 columns;
        // at 80, four), so neighbouring periods never run together (issue 23, 14).
        let periods = Views.recent(s, .tertial, upTo: c.period, max(2, min(6, (c.width - 22) / 13)))
        var items = [Item]()
        for u in [c.unit] + s.activeUnits(under: c.unit, period: c.period).filter({ $0 != c.unit }) {
            var cells = [Span((u == c.unit ? "Σ " : "  ") + s.tree.units[u].shortName, u == c.unit ? .bold : .plain)]
            var anyDue = false
            for p in periods {
                let comp = s.completeness(unit: u, period: p)
                if comp.due == 0 { cells.append(Span("·", .dim)); continue }
                anyDue = true
                // The same share as the overview and the report (`Format.plain`'s one rounding).
                let style: Style = comp.missing.isEmpty ? Style(.green) : (comp.percent >= 90 ? Style(.yellow) : Style(.red, bold: true))
                cells.append(Span(l.percent(comp.percent) + (comp.missing.isEmpty ? "" : " (\(comp.missing.count))"), style))
            }
            guard anyDue || u == c.unit else { continue }
            var it = Item(cells, key: .unit(s.tree.id(u)))
            it.search = s.tree.units[u].name
            it.action = view(.missing, unit: s.tree.id(u))
            items.append(it)
        }
        return Panel(title: l[.reportingShareDeliveredMissing],
                     columns: [Column(l[.unit], 0)] + periods.map { Column(l.period($0), 12, right: true, whole: true) }, items: items)
    }

    static func missing(_ c: ViewContext) -> Panel {
        let s = c.snapshot, l = c.text
        let comp = s.completeness(unit: c.unit, period: c.period)
        let items = comp.missing.map { m -> Item in
            let ind = s.id(indicator: m.indicator), unit = s.tree.id(m.unit)
            var it = Item([Span(s.indicators[m.indicator].name), Span(s.tree.units[m.unit].shortName), Span(l.period(m.period)),
                           Span(m.reportedUnknown ? l[.reportedAsUnknown] : l[.notDelivered], Style(.magenta))],
                          key: .missing(unit: unit, indicator: ind, period: m.period))
            it.action = ViewState(ViewKind(.reporting, .history(ind)), unit: unit)
            return it
        }
        return Panel(title: l[.missing] + " · " + s.tree.units[c.unit].name + " · " + l.period(c.period) + " (\(comp.reported)/\(comp.due))",
                     columns: [Column(l[.indicator], 0), Column(l[.unit], 16), Column(l[.period], 8),
                               Column(l[.what], 21)], items: items)
    }

    static let id = ScreenID.reporting
    static let title = Msg.screenReporting
    static let legend: [Msg] = [.legendReporting]
}
