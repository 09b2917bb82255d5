import Model
import Reports
import Store

extension ScreenID { public static let compare = ScreenID("compare") }

/// Screen 8: the units side by side. Rows are the parts of the chosen unit (its byområder,
/// or its units), then its own total and the etat's; columns are one perspective's
/// indicators; each cell is the value with its status. ←/→ move over the cells (the unit
/// column stays), `p` shows the next perspective, `s` sorts the rows by the column under
/// the cursor, Enter opens the unit's history of that indicator.
enum CompareScreen {
    @Sendable static func build(_ c: ViewContext) -> Panel {
        let s = c.s, l = c.l, f = c.f
        let perspectives = s.perspectives
        guard !perspectives.isEmpty else { return Panel(title: l[.screenCompare], columns: [Column(l[.unit], 0)], items: []) }
        let persp = perspectives[c.v.perspective % perspectives.count]
        // The indicators of the perspective that the scope has a figure for (one definition:
        // the scorecard's rows).
        let inds = ScorecardReport.rows(s, unit: c.unit, period: c.period).map(\.indicator).filter { s.indicators[$0].perspective == persp }
        let parts = s.parts(of: c.unit, in: c.period)
        func row(_ u: Int, label: String, bold: Bool) -> Item {
            var cells = [Span(label, bold ? Style(.normal, bold: true) : .plain)]
            var it = Item([], key: .unit(s.tree.id(u)))
            for (k, i) in inds.enumerated() {
                let per = s.shownPeriod(indicator: i, for: c.period)
                let cell = s.cell(indicator: i, unit: u, period: per)
                let ind = s.indicators[i]
                var text = f.value(cell?.value, ind.unit)
                if let cell, cell.isPartial { text = "\(cell.present)/\(cell.expected) " + text }
                let status = cell?.status ?? .none
                let mark = status == .none ? "" : " " + L10n.symbol(status, unicode: c.unicode)
                cells.append(Span(text + mark, cell?.isPartial == true ? Style(.grey) : (status == .none ? .plain : Views.statusStyle(status))))
                it.cellActions[k + 1] = ViewState(ViewKind(.compare, .history(s.id(indicator: i))), unit: s.tree.id(u))
                it.cellFollowUp[k + 1] = Entry.Key(unit: s.tree.units[u].id, indicator: ind.id, period: per)
                var detail = [s.tree.units[u].name + " · " + ind.name + (per == c.period ? "" : " (" + l.period(per) + ")") + ": "
                              + f.value(cell?.value, ind.unit) + (cell?.target.map { " · " + l[.target].lowercased() + " " + f.value($0, ind.unit) } ?? "")
                              + (status == .none ? "" : " · " + l.status(status))]
                if let cell, cell.isPartial { detail.append(l(.partialOfValuesDelivered, cell.present, cell.expected)) }
                it.cellDetail[k + 1] = detail + Views.followUpLines(c, Entry.Key(unit: s.tree.units[u].id, indicator: ind.id, period: per))
            }
            it.cells = cells
            it.search = s.tree.units[u].name + " " + s.tree.units[u].shortName
            return it
        }
        var rows = parts.map { row($0, label: s.tree.units[$0].shortName, bold: false) }
        // s: by the column under the cursor, highest first (then by name); again: lowest first.
        let col = max(1, min(c.v.column, inds.count))
        if c.v.sort % 3 != 0, inds.indices.contains(col - 1) {
            let i = inds[col - 1]
            func value(_ it: Item) -> Double? {
                guard case .unit(let id) = it.key, let u = s.tree.position(id) else { return nil }
                return s.cell(indicator: i, unit: u, period: s.shownPeriod(indicator: i, for: c.period))?.value
            }
            let desc = c.v.sort % 3 == 1
            rows.sort { a, b in
                switch (value(a), value(b)) {
                case let (x?, y?) where x != y: return desc ? x > y : x < y
                case (nil, _?): return false
                case (_?, nil): return true
                default: return a.cells[0].text < b.cells[0].text
                }
            }
        }
        var items = rows
        items.append(row(c.unit, label: "Σ " + s.tree.units[c.unit].shortName, bold: true))
        if c.unit != s.tree.root { items.append(row(s.tree.root, label: "Σ " + s.tree.units[s.tree.root].shortName, bold: true)) }
        let columns = [Column(l[.unit], 0)] + inds.map { Column(s.indicators[$0].name, 8, right: true, whole: true) }
        var p = Panel(title: l[.screenCompare] + " · " + l.perspective(persp) + " (" + "\(inds.count) " + l[.indicatorsWord] + ")", columns: columns, items: items)
        p.matrix = true
        p.sortNames = [l[.sortCatalogue], l[.sortHighFirst], l[.sortLowFirst]]
        return p
    }

    static let spec = ScreenSpec(
        id: .compare, title: .screenCompare,
        keys: [Binding([.left, .right, .char("h"), .char("l")], [.screen(.compare)], .moveColumn(1), help: .keyMoveColumn, hint: (11, .hintColumn)),
               Binding([.char("p")], [.screen(.compare)], .nextPerspective, help: .keyNextPerspective, hint: (12, .hintPerspective)),
               Binding([.char("s")], [.screen(.compare)], .sort, help: .keySortColumn, hint: (14, .hintSort))],
        legend: [.legendCompare], build: build)
}
