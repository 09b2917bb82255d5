import Model
import Reports

extension ScreenID { public static let scorecard = ScreenID("scorecard") }

/// Screen 2: every indicator of the unit by perspective, with target, status, change and
/// trend; Enter drills into its units.
enum ScorecardScreen {
    /// The orders `s` steps through.
    enum Sort: Int, CaseIterable { case catalogue, status, name, change }

    @Sendable static func build(_ c: ViewContext) -> Panel {
        let s = c.s, l = c.l
        var items = [Item]()
        let sort = Sort(rawValue: c.v.sort % Sort.allCases.count) ?? .catalogue
        for persp in s.perspectives {
            var rows = [(item: Item, cell: Cell, name: String)]()
            for (i, ind) in s.indicators.enumerated() where ind.perspective == persp {
                guard var it = Views.indicatorRow(c, indicator: i, unit: c.unit, label: ind.name, key: .indicator(s.id(indicator: i))),
                      let cell = s.cell(indicator: i, unit: c.unit, period: c.period) else { continue }
                it.action = Views.drillOrHistory(c, unit: c.unit, indicator: i)
                rows.append((it, cell, ind.name))
            }
            switch sort {
            case .status: rows.sort { ($0.cell.status, $0.name) < ($1.cell.status, $1.name) }
            case .name: rows.sort { $0.name.lowercased() < $1.name.lowercased() }
            case .change: rows.sort { abs($0.cell.change?.delta ?? 0) > abs($1.cell.change?.delta ?? 0) }
            case .catalogue: break
            }
            guard !rows.isEmpty else { continue }
            items.append(.heading(l.perspective(persp)))
            items += rows.map(\.item)
        }
        var p = Panel(title: l[.scorecard], columns: Views.indicatorColumns(l), items: items)
        p.sortNames = [l[.sortCatalogue], l[.sortStatus], l[.sortName], l[.sortChange]]
        return p
    }

    static let spec = ScreenSpec(
        id: .scorecard, title: .screenScorecard,
        keys: [Binding([.char("s")], [.screen(.scorecard)], .sort, help: .keySortScorecard, hint: (14, .hintSort))],
        legend: [.legendScorecard], build: build)
}
