import Model
import Reports
import Store

extension ScreenID { public static let overview = ScreenID("overview") }

/// The overview: five tiles that answer the first questions of a meeting, each opening the
/// screen that explains it.
enum OverviewScreen: ScreenFeature {
    static func build(_ c: ViewContext) -> Panel {
        let s = c.snapshot, l = c.text, f = c.format, u = c.unit, p = c.period
        let unitID = s.tree.id(u)
        func target(_ id: ScreenID) -> ViewState { ViewState(ViewKind(id), unit: unitID) }
        let date = min(p.end, s.spanEnd)
        let devs = s.deviations(unit: u, period: p)
        var tiles = [
            Tile(id: "status", title: l[.statusTileTitle] + " · " + s.tree.units[u].shortName, target: target(.scorecard), column: 0, height: 7, lines: statusLines(c, devs)),
            Tile(id: "ip", title: l[.ipCoverage], target: target(.ip), column: 0, height: 7, lines: ipLines(c)),
            Tile(id: "reporting", title: l[.reporting], target: target(.reporting), column: 0, height: nil, lines: reportingLines(c)),
            Tile(id: "waitlist", title: l[.waitlist] + " · " + l.date(date), target: target(.waitlist), column: 1, height: 11, lines: waitlistLines(c, date)),
            Tile(id: "deviations", title: l[.worstDeviations] + " (\(devs.count))", target: target(.deviations), column: 1, height: nil, lines: deviationLines(c, devs, f)),
        ]
        // Follow-up, when there is a store: open and overdue actions, and what was done lately.
        if c.input.store != .none {
            tiles.insert(Tile(id: "followup", title: l[.fuTile], target: target(.followUp), column: 1, height: 4, lines: followUpLines(c)), at: 4)
        }
        return Panel(title: l[.overview], tiles: tiles)
    }

    static func statusLines(_ c: ViewContext, _ devs: [Deviation]) -> [[Span]] {
        let l = c.text
        let rows = ScorecardReport.rows(c.snapshot, unit: c.unit, period: c.period)
        var counts = [Status: Int]()
        for r in rows { counts[r.cell.status, default: 0] += 1 }
        // Every row is counted once: by its status, or as incomplete (no verdict yet).
        let incomplete = rows.filter { $0.cell.isPartial && $0.cell.status == .none }.count
        let quality = devs.filter { if case .quality = $0.kind { return true } else { return false } }.count
        func count(_ stt: Status) -> [Span] {
            [Views.statusSpan(stt, l, unicode: c.unicode), Span(" \(counts[stt] ?? 0)", .bold), Span(String(repeating: " ", count: max(2, 14 - DisplayWidth.of(l.status(stt)))))]
        }
        // A unit that was closed before the period ends: say so, and where it went.
        if let closed = closedNote(c) { return closed }
        return [count(.green) + count(.yellow), count(.red) + count(.missing),
                [Span(Views.incompleteMark(c.unicode) + " " + l[.incompleteWord], Style(.grey)), Span(" \(incomplete)", .bold)],
                [Span(Views.warnMark(c.unicode) + " \(quality) " + l[.dataQualityWarnings] + (c.snapshot.registersPending ? " …" : ""), quality > 0 ? Style(.yellow) : .dim)],
                [Span(l(DashboardTexts.indicatorsOnScorecard(rows.count)), .dim)]]
    }

    /// For a unit closed before the period's end: when, what took over, and the key to go there.
    static func closedNote(_ c: ViewContext) -> [[Span]]? {
        let unit = c.snapshot.tree.units[c.unit]
        guard let to = unit.to, to < c.period.end else { return nil }
        var lines = [[Span(c.text(DashboardTexts.closed(on: to)), Style(.yellow, bold: true))]]
        if let next = unit.successor.flatMap({ c.snapshot.tree[$0] }) {
            lines.append([Span(c.text(DashboardTexts.continuesIn(next.shortName)))])
            lines.append([Span(c.text(DashboardTexts.goToSuccessor(next.shortName)), .dim)])
        }
        return lines
    }

    /// The actions on this period's figures (issue 23, 8: the tile showed today's actions
    /// and a date from the wall clock in every period).
    static func followUpLines(_ c: ViewContext) -> [[Span]] {
        let l = c.text
        if case .failed(let why) = c.input.store { return [[Span(why, .dim)]] }
        let scope = c.snapshot.tree.scopeIDs(c.unit)
        let n = c.followUp.counts(units: scope, period: c.period, today: c.today)
        if n.open == 0 && n.overdue == 0 && n.done == 0 {
            return [[Span(c.followUp.actions(units: scope, openOnly: false, today: c.today).isEmpty ? l[.fuTileNone] : l(DashboardTexts.noActionsIn(c.period)), .dim)]]
        }
        return [[Span(l[.fuTitleOpen] + ": "), Span("\(n.open)", .bold), Span(" · " + l[.fuOverdue] + ": "), Span("\(n.overdue)", n.overdue > 0 ? Style(.red, bold: true) : .bold)],
                [Span(l(DashboardTexts.doneIn(c.period)) + ": "), Span("\(n.done)", Style(.green, bold: true))]]
    }

    static func ipLines(_ c: ViewContext) -> [[Span]] {
        let s = c.snapshot, l = c.text, f = c.format, u = c.unit, p = c.period
        let k = s.ipIndicators
        if s.registersPending { return [[Span(l[.registersLoadingShort], .dim)]] }
        guard let ci = k.coverage, let cov = s.cell(indicator: ci, unit: u, period: p) else {
            return [[Span(l[.noIPDataForPeriod], .dim)]]
        }
        func n(_ i: Int?) -> String { f.value(i.flatMap { s.cell(indicator: $0, unit: u, period: p)?.value }, .count) }
        let ts = Views.recent(s, .tertial, upTo: p, 6)
        let series = ts.map { s.cell(indicator: ci, unit: u, period: $0)?.value }
        // The numbers in the sparkline's order, oldest to newest (issue 23, 10: they ran the
        // other way); in a narrow tile the oldest go first, so the latest is always there.
        let numbers = series.map { $0.map { Format.plain($0, .percent, decimalComma: c.input.lang == .nb) } ?? "–" }
        // The tile's line is half the width less its frame (`TileLayout.frames`, `drawLine`).
        let room = c.width / 2 - 4 - series.count - 2 - DisplayWidth.of(l[.oldestToNewest]) - 2
        var shown = numbers
        while shown.count > 1 && DisplayWidth.of(shown.joined(separator: " ")) + (shown.count < numbers.count ? 2 : 0) > room { shown.removeFirst() }
        var lines: [[Span]] = [
            [Span(f.value(cov.value, .percent), .bold), Span("  " + l[.targetWord] + " " + f.value(cov.target, .percent) + "  "), Views.statusSpan(cov.status, l, unicode: c.unicode)],
            [Span(Views.sparkline(series, unicode: c.unicode), Style(.cyan)),
             Span("  " + l[.oldestToNewest] + ": " + (shown.count < numbers.count ? (c.unicode ? "… " : "... ") : "") + shown.joined(separator: " "), .dim)]]
        if k.withPlan != nil, k.targetGroup != nil {
            lines.append([Span(l[.withIp] + n(k.withPlan) + l[.ofJoin] + n(k.targetGroup) + l[.inTheTargetGroup])])
        }
        if k.groupWithoutPlan != nil, k.declined != nil {
            // Two lines, so that neither count is cut in a narrow panel.
            lines.append([Span(l[.groupWithoutIp] + n(k.groupWithoutPlan), .dim)])
            lines.append([Span(l[.declinedInline] + n(k.declined), .dim)])
        }
        return lines
    }

    static func reportingLines(_ c: ViewContext) -> [[Span]] {
        let s = c.snapshot, l = c.text
        let comp = s.completeness(unit: c.unit, period: c.period)
        // Nothing due: no share (a closed unit's "100,0 % (0 av 0)" read as complete).
        if comp.due == 0 {
            if let to = s.tree.units[c.unit].to, to < c.period.end {
                return [[Span(l(DashboardTexts.closedNothingToReport(on: to)), Style(.yellow))]]
            }
            return [[Span(l[.nothingDue], .dim)]]
        }
        var lines: [[Span]] = [[Span(l[.deliveredLabel]), Span(l.percent(comp.percent), comp.missing.isEmpty ? Style(.green, bold: true) : Style(.yellow, bold: true)),
                                Span(" " + l(DashboardTexts.valuesOf(comp.reported, comp.due)))]]
        var byUnit = [Int: Int]()
        for m in comp.missing { byUnit[m.unit, default: 0] += 1 }
        // Most missing first, then in tree order: the same order on every start and reload.
        let order = Dictionary(uniqueKeysWithValues: s.tree.preorder.enumerated().map { ($1, $0) })
        for (unit, n) in byUnit.sorted(by: { ($1.value, order[$0.key] ?? 0) < ($0.value, order[$1.key] ?? 0) }) {
            lines.append([Span("  " + s.tree.units[unit].shortName + ": "), Span(l(DashboardTexts.valuesMissing(n)), Style(.magenta))])
        }
        // "Every unit has reported" only when something was due.
        if byUnit.isEmpty { lines.append(comp.due > 0 ? [Span(l[.everyUnitHasReported], Style(.green))] : [Span(l[.nothingDue], .dim)]) }
        return lines
    }

    static func waitlistLines(_ c: ViewContext, _ date: Day) -> [[Span]] {
        let l = c.text, f = c.format
        if c.snapshot.registersPending { return [[Span(l[.registersLoadingShort], .dim)]] }
        let wv = c.snapshot.waitlist(unit: c.unit, at: date)
        let maxN = max(1, Housing.allCases.map { wv.byHousing[$0]?.waiting ?? 0 }.max() ?? 1)
        let barW = max(4, (c.width - c.width / 2) - 20)
        var wl: [[Span]] = Housing.allCases.map { hh in
            let n = wv.byHousing[hh]?.waiting ?? 0
            let len = Int((Double(n) / Double(maxN) * Double(barW)).rounded())
            return [Span(DisplayWidth.padRight(l.housing(hh), 9)), Span(String(repeating: c.unicode ? "█" : "#", count: len), Style(.cyan)), Span(" \(n)", .bold)]
        }
        wl.append([Span(l[.waitingLabel] + "\(wv.total.waiting)", .bold), Span(l[.dischargeReady] + "\(wv.total.dischargeReady)")])
        wl.append([Span(l[.homelessLabel] + "\(wv.total.homeless)", wv.total.homeless > 0 ? Style(.red) : .plain)])
        wl.append([Span(l[.medianWait] + f.value(wv.total.medianWait, .days) + l[.longestInline] + f.value(wv.total.maxWait.map(Double.init), .days))])
        wl.append([Span(l(DashboardTexts.breachesLastYear(wv.breachesLastYear)), wv.breachesLastYear > 0 ? Style(.yellow) : .dim)])
        return wl
    }

    static func deviationLines(_ c: ViewContext, _ devs: [Deviation], _ f: Format) -> [[Span]] {
        let s = c.snapshot
        guard !devs.isEmpty else { return [[Span(c.text[.noDeviations], Style(.green))]] }
        return devs.map { d in
            let name = d.indicator.map { s.indicators[$0].name } ?? ""
            let unitName = s.tree.units[d.unit].shortName
            switch d.kind {
            case .status(let stt):
                let ind = d.indicator.map { s.indicators[$0] }
                return [Span(L10n.symbol(stt, unicode: c.unicode) + " ", Views.statusStyle(stt)),
                        Span(DisplayWidth.padLeft(f.value(d.cell?.value, ind?.unit ?? .count), 8) + " ", .bold), Span(unitName + " · " + name)]
            case .quality:
                return [Span(Views.warnMark(c.unicode) + " ", Style(.yellow, bold: true)), Span(String(repeating: " ", count: 9)), Span(unitName + " · " + name)]
            }
        }
    }

    static let id = ScreenID.overview
    static let title = Msg.screenOverview
    static let legend: [Msg] = [.legendOverview]
}
