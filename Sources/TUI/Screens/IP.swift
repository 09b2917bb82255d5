import Model
import Reports

extension ScreenID { public static let ip = ScreenID("ip") }

/// The IP screen: individual plans and responsibility groups, side by side (they overlap);
/// Enter shows a unit's counts over the tertials.
enum IPScreen: ScreenFeature {
    enum SubPage: Hashable, Sendable {
        /// IP counts over the tertials for one unit.
        case history
    }

    static func build(_ c: ViewContext) -> Panel {
        subPage(c) == .history ? history(c) : units(c)
    }

    static func row(_ c: ViewContext, unit u: Int, period p: Period, label: String, key: RowKey) -> Item {
        let s = c.snapshot, f = c.format, k = s.ipIndicators
        func n(_ i: Int?) -> String { i.flatMap { s.cell(indicator: $0, unit: u, period: p)?.value }.map { f.value($0, .count) } ?? "–" }
        let cov = k.coverage.flatMap { s.cell(indicator: $0, unit: u, period: p) }
        return Item([Span(label), Span(n(k.targetGroup)), Span(n(k.withPlan)), Span(n(k.groupWithoutPlan)), Span(n(k.declined)), Span(n(k.withCoordinator)),
                     Span(cov.map { f.value($0.value, .percent) } ?? "–", .bold), Span(cov?.target.map { f.value($0, .percent) } ?? ""),
                     Views.statusSpan(cov?.status ?? .none, c.text, unicode: c.unicode), Span(n(k.evaluationOverdue))], key: key)
    }

    static func columns(_ l: L10n, first: String) -> [Column] {
        [Column(first, 0), Column(l[.group], 5, right: true), Column("IP", 4, right: true),
         Column(l[.respGr], 7, right: true), Column(l[.decl], 4, right: true),
         Column(l[.coord], 5, right: true), Column(l[.coverage], 8, right: true),
         Column(l[.target], 6, right: true), Column(l[.status], 9, whole: true), Column(l[.overdue], 7, right: true)]
    }

    static func units(_ c: ViewContext) -> Panel {
        let s = c.snapshot, l = c.text, k = s.ipIndicators
        func history(_ u: Int) -> ViewState { view(.history, unit: s.tree.id(u)) }
        var total = row(c, unit: c.unit, period: c.period, label: "Σ " + s.tree.units[c.unit].shortName, key: .unit(s.tree.id(c.unit)))
        total.cells[0].style = .bold
        total.action = history(c.unit)
        var items = [total]
        for part in s.parts(of: c.unit, in: c.period) {
            guard k.targetGroup.flatMap({ s.cell(indicator: $0, unit: part, period: c.period)?.value }) ?? 0 > 0 else { continue }
            var it = row(c, unit: part, period: c.period, label: "  " + s.tree.units[part].shortName, key: .unit(s.tree.id(part)))
            it.search = s.tree.units[part].name
            it.action = history(part)
            items.append(it)
        }
        var p = Panel(title: l[.individualPlanIpAndResponsibility], columns: columns(l, first: l[.unit]), items: items)
        p.below = [[Span("")], [Span(l[.ipCategoriesOverlap], .dim)]]
        return p
    }

    static func history(_ c: ViewContext) -> Panel {
        let items = c.snapshot.tertials.filter { $0.end <= c.period.end }.reversed().map {
            row(c, unit: c.unit, period: $0, label: c.text.period($0), key: .period($0))
        }
        return Panel(title: "IP · " + c.snapshot.tree.units[c.unit].name, columns: columns(c.text, first: c.text[.period]), items: items)
    }

    static let id = ScreenID.ip
    static let title = Msg.screenIP
    static let legend: [Msg] = [.legendIP]
    static let showsRegisters = true
    static let rowsTakeFollowUp = false
}
