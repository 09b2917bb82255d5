import Model
import Reports

extension ScreenID { public static let brukerplan = ScreenID("brukerplan") }

/// The BrukerPlan screen: the BrukerPlan mapping of the chosen unit (its subtree and predecessors) in one
/// year: the overall level and the seven areas as stacked bars, against the etat and the
/// previous mapping; under them the work/activity × overall table and the figure that
/// links the mapping to IP (yellow or red without any plan). Enter lists the units, most
/// without a plan first; `y` steps through the mapping years.
enum BrukerPlanScreen: ScreenFeature {
    struct LocalState: ScreenState {
        /// The mapping year shown; nil = the one that belongs to the period.
        var year: Int? = nil
    }

    enum LocalAction: Hashable, Sendable {
        /// The next mapping year (wrapping).
        case nextYear
    }

    enum SubPage: Hashable, Sendable {
        /// The units of the mapping, most yellow or red without a plan first.
        case units
    }

    static func reduce(_ state: inout LocalState, _ action: LocalAction, _ c: inout ScreenContext) -> [Effect] {
        switch action {
        case .nextYear:
            let ds = c.snapshot.dataset
            let years = BrukerPlanView.years(ds)
            guard !years.isEmpty else { return [] }
            let now = state.year ?? BrukerPlanView.year(for: c.state.period, in: ds) ?? years[0]
            state.year = years.first { $0 > now } ?? years[0]
        }
        return []
    }

    static func label(_ page: SubPage, _ l: L10n) -> String? { l[.bpMapped] }

    static func build(_ c: ViewContext) -> Panel {
        let ds = c.snapshot.dataset, l = c.text
        guard let year = state(c).year ?? BrukerPlanView.year(for: c.period, in: ds) else {
            var p = Panel(title: l[.screenBrukerPlan], columns: [Column(l[.bpArea], 0)], items: [])
            p.below = [[Span(l[.bpNone], .dim)]]
            return p
        }
        let coverage = Coverage(ds.tree)
        let view = BrukerPlanView(dataset: ds, unit: c.unit, year: year, coverage: coverage)
        return subPage(c) == .units ? units(c, view) : areas(c, view, coverage)
    }

    static func parts(_ r: BrukerPlanRow) -> [BarPart] {
        [BarPart(Double(r.counts[level: .green]), Style(.green), glyph: "█", ascii: "#"),
         BarPart(Double(r.counts[level: .yellow]), Style(.yellow), glyph: "▓", ascii: "="),
         BarPart(Double(r.counts[level: .red]), Style(.red), glyph: "▒", ascii: "-"),
         BarPart(Double(r.counts[level: .bloodRed]), Style(.magenta), glyph: "░", ascii: ".")]
    }

    static func areas(_ c: ViewContext, _ v: BrukerPlanView, _ coverage: Coverage) -> Panel {
        let ds = c.snapshot.dataset, l = c.text, f = c.format, tree = ds.tree
        let name = tree.units[c.unit].shortName
        let title = l(BrukerPlanTexts.title(unit: name, year: v.year, mapped: f.value(Double(v.mapped), .count)))
        // The etat's column only below the etat (for the etat it would repeat the row).
        let atRoot = c.unit == tree.root
        var columns = [Column(l[.bpArea], 17, whole: true), Column(l[.bpDistribution], 0, weight: 3),
                       Column(l[.bpGreen], 7, right: true), Column(l[.bpYellow], 7, right: true), Column(l[.bpRed], 7, right: true),
                       Column(l[.bpBloodRed], 7, right: true)]
        if !atRoot { columns.append(Column(l[.bpEtatRed], 8, right: true)) }
        columns.append(Column(l[.bpChange], 9, right: true))
        guard v.mapped > 0 else {
            var p = Panel(title: title, columns: columns, items: [])
            p.below = [[Span(l(BrukerPlanTexts.noneMapped(year: v.year, unit: tree.units[c.unit].name)), .dim)]]
            return p
        }
        let etat = tree.root == c.unit ? v : BrukerPlanView(dataset: ds, unit: tree.root, year: v.year, coverage: coverage)
        let prevYear = BrukerPlanView.previous(v.year, in: ds)
        let prev = prevYear.map { BrukerPlanView(dataset: ds, unit: c.unit, year: $0, coverage: coverage, unitsAsOf: Period.year(v.year).end) }.flatMap { $0.mapped > 0 ? $0 : nil }
        let rows = BrukerPlanRow.rows(v), etatRows = BrukerPlanRow.rows(etat), prevRows = prev.map(BrukerPlanRow.rows)
        var items = [Item]()
        for (k, r) in rows.enumerated() {
            func share(_ lvl: FunctionLevel) -> String { r.area != nil && lvl == .bloodRed ? "" : r.share(lvl).map(l.percent) ?? "–" }
            let change = prevRows.flatMap { p -> Double? in
                guard let a = r.redShare, let b = p[k].redShare else { return nil }
                return a - b
            }
            var cells = [Span(r.area == nil ? l[.bpOverallShort] : l.area(r.area), r.area == nil ? .bold : .plain), Span(String(repeating: " ", count: 40)),
                         Span(share(.green)), Span(share(.yellow)), Span(share(.red)), Span(share(.bloodRed))]
            // Like with like: the etat's share red, as the Red column counts it (blood-red has
            // its own column); it mixed in blood-red before (issue 23, 4).
            if !atRoot { cells.append(Span(etatRows[k].share(.red).map(l.percent) ?? "–", .dim)) }
            cells.append(Span(change.map(l.shortPoints) ?? "", change.map { $0 > 0.05 ? Style(.red) : ($0 < -0.05 ? Style(.green) : .plain) } ?? .plain))
            var it = Item(cells, key: .heading("bp-\(r.area?.column ?? "overall")"))
            it.search = l.area(r.area)
            it.bar = parts(r)
            it.action = view(.units, unit: tree.id(c.unit), state: LocalState(year: v.year))
            func n(_ level: FunctionLevel) -> String { f.value(Double(r.counts[level: level]), .count) }
            it.detail = [l(BrukerPlanTexts.counts(green: n(.green), yellow: n(.yellow), red: n(.red), bloodRed: r.area == nil ? n(.bloodRed) : nil,
                                                  total: f.value(Double(r.total), .count), notMapped: r.unmapped))]
            if let p = prevRows?[k], let py = prev?.year {
                it.detail.append(l(BrukerPlanTexts.previousShares(year: py, p)))
            } else {
                it.detail.append(l[.bpNoPrev])
            }
            if etat.unit != v.unit { it.detail.append(l(BrukerPlanTexts.etatShares(year: v.year, etatRows[k]))) }
            items.append(it)
        }
        var p = Panel(title: title, columns: columns, items: items)
        p.barColumn = 1
        p.below = below(c, v)
        return p
    }

    /// The work/activity × overall table and the plans, under the bars.
    static func below(_ c: ViewContext, _ v: BrukerPlanView) -> [[Span]] {
        let l = c.text, f = c.format
        // A column as wide as its head and a space ("Blood-red" is nine letters), eight at least.
        let cw = max(8, (FunctionLevel.allCases.map { DisplayWidth.of(l.level($0)) }.max() ?? 0) + 1)
        func n(_ x: Int) -> String { DisplayWidth.padLeft(f.value(Double(x), .count), cw) }
        let label = [l[.bpWorkGreen], l[.bpWorkYellow], l[.bpWorkRed]]
        let lw = max(DisplayWidth.of(l[.bpCross]), label.map(DisplayWidth.of).max() ?? 0) + 2
        var lines: [[Span]] = [[Span(DisplayWidth.padRight(l[.bpCross], lw), .bold)] + FunctionLevel.allCases.map { Span(DisplayWidth.padLeft(l.level($0), cw), Style(.blue, bold: true)) }]
        for w in [2, 1, 0] {
            lines.append([Span(DisplayWidth.padRight("  " + label[w], lw))] + FunctionLevel.allCases.map { Span(n(v.workByOverall[w][level: $0])) })
        }
        let yr = v.yellowOrRed
        // Wrapped at word boundaries, so no figure is ever cut at the edge.
        let width = max(20, c.width - 3)
        let plan = l(BrukerPlanTexts.withoutPlan(f.value(Double(v.yellowOrRedWithoutPlan), .count), of: f.value(Double(yr), .count),
                                               share: yr > 0 ? l.percent(Double(v.yellowOrRedWithoutPlan) / Double(yr) * 100) : "–",
                                               bloodRedWithout: f.value(Double(v.bloodRedWithoutPlan), .count)))
        func keep(_ s: String) -> String { s.replacingOccurrences(of: " %", with: "\u{00A0}%") }
        lines += DisplayWidth.wrap(keep(plan) + " · " + l[.bpEnterUnits], width).map { [Span($0, .bold)] }
        let plans = l(BrukerPlanTexts.plans(ip: f.value(Double(v.withIP), .count), otherPlans: f.value(Double(v.otherPlan), .count), group: f.value(Double(v.group), .count),
                                          coordinatorOnly: f.value(Double(v.coordinatorOnly), .count), crisis: f.value(Double(v.crisis), .count),
                                          men: f.value(Double(v.men), .count), women: f.value(Double(v.women), .count)))
        lines += DisplayWidth.wrap(plans, width).map { [Span($0, .dim)] }
        return lines
    }

    /// The units with mapped recipients under the chosen one, most yellow or red without a
    /// plan first; Enter shows a unit's own mapping.
    static func units(_ c: ViewContext, _ v: BrukerPlanView) -> Panel {
        let ds = c.snapshot.dataset, l = c.text, f = c.format, tree = ds.tree
        let columns = [Column(l[.unit], 0), Column(l[.bpMapped], 8, right: true), Column(l[.bpRedPlus], 11, right: true),
                       Column(l[.bpWithoutPlanCol], 9, right: true), Column(l[.bpWithoutPlanShare], 15, right: true)]
        func row(_ label: String, _ x: BrukerPlanView, _ key: RowKey) -> Item {
            let red = x.mapped > 0 ? l.percent(Double(x.overall[level: .red] + x.overall[level: .bloodRed]) / Double(x.mapped) * 100) : "–"
            let share = x.yellowOrRed > 0 ? l.percent(Double(x.yellowOrRedWithoutPlan) / Double(x.yellowOrRed) * 100) : "–"
            return Item([Span(label), Span(f.value(Double(x.mapped), .count)), Span(red), Span(f.value(Double(x.yellowOrRedWithoutPlan), .count), .bold), Span(share)], key: key)
        }
        var total = row("Σ " + tree.units[c.unit].shortName, v, .unit(tree.id(c.unit)))
        total.cells[0].style = .bold
        var items = [total]
        let parts = v.parts(ds).sorted { ($0.view.yellowOrRedWithoutPlan, tree.units[$1.unit].name) > ($1.view.yellowOrRedWithoutPlan, tree.units[$0.unit].name) }
        for (u, x) in parts {
            var it = row("  " + tree.units[u].name, x, .unit(tree.id(u)))
            it.search = tree.units[u].name
            it.action = view(unit: tree.id(u), state: LocalState(year: v.year))
            items.append(it)
        }
        return Panel(title: l(BrukerPlanTexts.unitsTitle(year: v.year, unit: tree.units[c.unit].name)), columns: columns, items: items)
    }

    static let id = ScreenID.brukerplan
    static let title = Msg.screenBrukerPlan
    static let keys: [Binding] = [Binding([.char("y")], [.screen(.brukerplan)], local(.nextYear), help: .keyNextMappingYear, hint: (12, .hintMappingYear))]
    static let legend: [Msg] = [.legendBrukerPlan]
    static let showsRegisters = true
    static let rowsTakeFollowUp = false
}
