import Model
import Reports

extension ScreenID { public static let scorecard = ScreenID("scorecard") }

/// The scorecard: every indicator of the unit by perspective, with target, status, change and
/// trend; Enter drills into its units.
enum ScorecardScreen: ScreenFeature {
    /// The orders `s` steps through.
    enum Sort: Int, CaseIterable { case catalogue, status, name, change }

    /// |change| as a share of the earlier value (0 without one).
    static func relative(_ c: Change?) -> Double {
        guard let c, c.previous != 0 else { return 0 }
        return abs(c.delta / c.previous)
    }

    /// The column each order sorts by (marked in the header).
    static let sortColumn: [Sort: Int] = [.status: 3, .name: 0, .change: 4]

    static func build(_ c: ViewContext) -> Panel {
        let s = c.snapshot, l = c.text
        var items = [Item]()
        let sort = Sort(rawValue: c.sort % Sort.allCases.count) ?? .catalogue
        for persp in s.perspectives {
            var rows = [(item: Item, cell: Cell, name: String)]()
            // The same rows as the overview counts and the reports list (one definition).
            for r in ScorecardReport.rows(s, unit: c.unit, period: c.period) where s.indicators[r.indicator].perspective == persp {
                let i = r.indicator, ind = s.indicators[i], cell = r.cell
                guard var it = Views.indicatorRow(c, indicator: i, unit: c.unit, label: ind.name, key: .indicator(s.id(indicator: i))) else { continue }
                it.action = Views.drillOrHistory(c, unit: c.unit, indicator: i)
                rows.append((it, cell, ind.name))
            }
            switch sort {
            case .status: rows.sort { ($0.cell.status, $0.name) < ($1.cell.status, $1.name) }
            case .name: rows.sort { $0.name.lowercased() < $1.name.lowercased() }
            // Relative change: a count's +60 and a share's +3 p.p. are put on one footing.
            case .change: rows.sort { relative($0.cell.change) > relative($1.cell.change) }
            case .catalogue: break
            }
            guard !rows.isEmpty else { continue }
            items.append(.heading(l.perspective(persp)))
            items += rows.map(\.item)
        }
        var columns = Views.indicatorColumns(l, width: c.width)
        if let k = sortColumn[sort] { columns[k].title += c.unicode ? " ▼" : " v" }
        var p = Panel(title: l[.scorecard], columns: columns, items: items)
        p.sortNames = [l[.sortCatalogue], l[.sortStatus], l[.sortName], l[.sortChange]]
        return p
    }

    static let id = ScreenID.scorecard
    static let title = Msg.screenScorecard
    static let keys: [Binding] = [Binding([.char("s")], [.screen(.scorecard)], .sort, help: .keySortScorecard, hint: (14, .hintSort))]
    static let legend: [Msg] = [.legendScorecard, .legendMerged]
}
