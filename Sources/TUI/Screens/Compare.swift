import Model
import Reports
import Store

extension ScreenID { public static let compare = ScreenID("compare") }

/// The compare screen: the units side by side. Rows are the parts of the chosen unit (its byområder,
/// or its units), then its own total and the etat's; columns are one perspective's
/// indicators; each cell is the value with its status. ←/→ move over the cells (the unit
/// column stays), `p` shows the next perspective, `s` sorts the rows by the column under
/// the cursor, Enter opens the unit's history of that indicator.
enum CompareScreen: ScreenFeature {
    struct LocalState: ScreenState {
        /// Which perspective's indicators are the columns (an index into the snapshot's perspectives).
        var perspective = 0
        /// Counts per 100 of their denominator (`per:` in the catalogue).
        var normalised = false
    }

    enum LocalAction: Hashable, Sendable {
        /// The next perspective's indicators as columns.
        case nextPerspective
        /// Counts as they are, or per 100 of their denominator.
        case toggleNormalised
    }

    /// `s` steps through these (`ViewState.sort` counts the presses).
    enum Sort: Int, CaseIterable { case catalogue, highFirst, lowFirst }

    static func reduce(_ state: inout LocalState, _ action: LocalAction, _ c: inout ScreenContext) -> [Effect] {
        switch action {
        case .nextPerspective:
            state.perspective = (state.perspective + 1) % max(1, c.snapshot.perspectives.count)
            c.column = 1
        case .toggleNormalised:
            // Offered only where some column has a denominator; elsewhere it says why not.
            let s = c.snapshot, unit = s.tree.position(c.state.top.unit) ?? s.tree.root
            let inds = s.perspectives.isEmpty ? [] : columns(s, unit: unit, period: c.state.period, s.perspectives[state.perspective % s.perspectives.count])
            if !state.normalised && !hasDenominator(s, inds) {
                c.message = c.text[.noPerHundredHere]
            } else {
                state.normalised.toggle()
            }
        }
        return []
    }

    static func build(_ c: ViewContext) -> Panel {
        let s = c.snapshot, l = c.text, f = c.format, local = state(c)
        let perspectives = s.perspectives
        guard !perspectives.isEmpty else { return Panel(title: l[.screenCompare], columns: [Column(l[.unit], 0)], items: []) }
        let persp = perspectives[local.perspective % perspectives.count]
        // The indicators of the perspective that the scope has a figure for (one definition:
        // the scorecard's rows).
        let inds = columns(s, unit: c.unit, period: c.period, persp)
        let parts = s.parts(of: c.unit, in: c.period)
        // Per 100 only on a perspective where some indicator has a denominator.
        let normalisedHere = local.normalised && hasDenominator(s, inds)
        func row(_ u: Int, label: String, bold: Bool) -> Item {
            var cells = [Span(label, bold ? Style(.normal, bold: true) : .plain)]
            var it = Item([], key: .unit(s.tree.id(u)))
            for (k, i) in inds.enumerated() {
                let per = s.shownPeriod(indicator: i, for: c.period)
                let cell = s.cell(indicator: i, unit: u, period: per)
                let ind = s.indicators[i]
                var text = Views.figure(s, i, cell?.value, f)
                // An outlier among the units (per 100 of its denominator): marked in its cell.
                let outliers = s.warnings(indicator: i, unit: u, period: per).filter { if case .outlier = $0.kind { return true } else { return false } }
                // Normalised: the count per 100 of its denominator, so a district with 6 and one
                // with 100 are seen on the same footing.
                if normalisedHere, let rate = normalised(c, i, u, per) {
                    let flagged = !outliers.isEmpty
                    cells.append(Span(Format.plain(rate, .percent, decimalComma: c.input.lang == .nb) + (flagged ? " " + Views.warnMark(c.unicode) : ""),
                                      flagged ? Style(.yellow, bold: true) : Style(.cyan)))
                    it.cellActions[k + 1] = ViewState(ViewKind(.compare, .history(s.id(indicator: i))), unit: s.tree.id(u))
                    it.cellDetail[k + 1] = [s.tree.units[u].name + " · " + ind.name + ": " + f.value(cell?.value, ind.unit) + " = "
                                            + Format.plain(rate, .percent, decimalComma: c.input.lang == .nb) + " " + l(DashboardTexts.perHundred(per100Name(c, i)))]
                    continue
                }
                if let cell, cell.isPartial { text = "\(cell.present)/\(cell.expected) " + text }
                let status = cell?.status ?? .none
                let mark = status == .none ? "" : " " + L10n.symbol(status, unicode: c.unicode)
                let flag = outliers.isEmpty ? "" : " " + Views.warnMark(c.unicode)
                cells.append(Span(text + mark + flag, !outliers.isEmpty ? Style(.yellow, bold: true)
                                  : cell?.isPartial == true ? Style(.grey) : (status == .none ? .plain : Views.statusStyle(status))))
                it.cellActions[k + 1] = ViewState(ViewKind(.compare, .history(s.id(indicator: i))), unit: s.tree.id(u))
                it.cellFollowUp[k + 1] = Entry.Key(unit: UnitID(s.tree.units[u].id), indicator: IndicatorID(ind.id), period: per)
                var detail = [s.tree.units[u].name + " · " + ind.name + (per == c.period ? "" : " (" + l.period(per) + ")") + ": "
                              + f.value(cell?.value, ind.unit) + (cell?.target.map { " · " + l[.target].lowercased() + " " + f.value($0, ind.unit) } ?? "")
                              + (status == .none ? "" : " · " + l.status(status))]
                if let cell, cell.isPartial { detail.append(l(DashboardTexts.incomplete(present: cell.present, expected: cell.expected))) }
                for w in outliers { detail.append("⚠ " + l.quality(w, snapshot: s, withCases: true)) }
                it.cellDetail[k + 1] = detail + Views.followUpLines(c, Entry.Key(unit: UnitID(s.tree.units[u].id), indicator: IndicatorID(ind.id), period: per))
            }
            it.cells = cells
            it.search = s.tree.units[u].name + " " + s.tree.units[u].shortName
            return it
        }
        var rows = parts.map { row($0, label: s.tree.units[$0].shortName, bold: false) }
        // s: by the column under the cursor, highest first (then by name); again: lowest first.
        let col = max(1, min(c.sortColumn, inds.count))
        let sort = Sort(rawValue: c.sort % Sort.allCases.count) ?? .catalogue
        if sort != .catalogue, inds.indices.contains(col - 1) {
            let i = inds[col - 1]
            // By what the column shows: per 100 when that is shown (a row without a rate last).
            func value(_ it: Item) -> Double? {
                guard case .unit(let id) = it.key, let u = s.tree.position(id) else { return nil }
                let per = s.shownPeriod(indicator: i, for: c.period)
                if normalisedHere, s.indicators[i].per != nil { return normalised(c, i, u, per) }
                return s.cell(indicator: i, unit: u, period: per)?.value
            }
            let desc = sort == .highFirst
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
        var p = Panel(title: l[.screenCompare] + " · " + l.perspective(persp) + " (" + "\(inds.count) " + l[.indicatorsWord] + ")"
                      + (normalisedHere ? " · " + l[.normalisedTitle] : ""), columns: columns, items: items)
        p.matrix = true
        // The sort names its column: in the title, and by ↓/↑ on the column's header.
        let by = inds.indices.contains(col - 1) ? " · " + s.indicators[inds[col - 1]].name : ""
        p.sortNames = [l[.sortCatalogue], l[.sortHighFirst] + by, l[.sortLowFirst] + by]
        if sort != .catalogue, inds.indices.contains(col - 1) { p.sortedColumn = SortedColumn(col, descending: sort == .highFirst) }
        return p
    }

    /// The perspective's indicators that the scope has a figure for (one definition: the
    /// scorecard's rows), in catalogue order: the matrix's columns.
    static func columns(_ s: Snapshot, unit: Int, period: Period, _ persp: Perspective) -> [Int] {
        ScorecardReport.rows(s, unit: unit, period: period).map(\.indicator).filter { s.indicators[$0].perspective == persp }
    }

    /// Some column has a denominator (`per:`), so "per 100" means something here.
    static func hasDenominator(_ s: Snapshot, _ inds: [Int]) -> Bool { inds.contains { s.indicators[$0].per != nil } }

    /// A count per 100 of the indicator the catalogue names in `per:`, for one unit; nil
    /// without a `per:`, a value or a denominator above 0.
    static func normalised(_ c: ViewContext, _ i: Int, _ u: Int, _ p: Period) -> Double? {
        let s = c.snapshot
        guard let per = s.indicators[i].per, let d = s.dataset.indicatorIndex[per],
              let v = s.cell(indicator: i, unit: u, period: p)?.value, !(s.cell(indicator: i, unit: u, period: p)?.isPartial ?? false),
              let base = s.cell(indicator: d, unit: u, period: s.shownPeriod(indicator: d, for: p))?.value, base > 0 else { return nil }
        return v / base * 100
    }

    static func per100Name(_ c: ViewContext, _ i: Int) -> String {
        c.snapshot.indicators[i].per.flatMap { c.snapshot.dataset.indicatorIndex[$0] }.map { c.snapshot.indicators[$0].name.lowercased() } ?? ""
    }

    static let id = ScreenID.compare
    static let title = Msg.screenCompare
    static let keys: [Binding] = [Binding([.left: .moveColumn(.back), .right: .moveColumn(.forward), .char("h"): .moveColumn(.back), .char("l"): .moveColumn(.forward)], [.screen(.compare)], help: .keyMoveColumn, hint: (11, .hintColumn)),
               Binding([.char("p")], [.screen(.compare)], local(.nextPerspective), help: .keyNextPerspective, hint: (12, .hintPerspective)),
               Binding([.char("s")], [.screen(.compare)], .sort, help: .keySortColumn, hint: (14, .hintSort)),
               Binding([.char("%")], [.screen(.compare)], local(.toggleNormalised), help: .keyNormalised, hint: (13, .hintNormalised))]
    static let legend: [Msg] = [.legendCompare]
}
