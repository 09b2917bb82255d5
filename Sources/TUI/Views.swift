import Model
import Reports
import Store

/// Builds the panel of a view from the state and the snapshot, through the screen
/// registry. Pure, and memoised per snapshot.
public enum Views {
    /// The panel of the view in front. Built from a `PanelInput` only (not the cursor, so
    /// moving it reuses the built panel), which is also its memo key.
    public static func panel(_ st: AppState, _ s: Snapshot) -> Panel {
        let input = PanelInput(st)
        return s.memo(input) { buildPanel(input, s) }
    }

    static func buildPanel(_ input: PanelInput, _ s: Snapshot) -> Panel {
        // A view whose unit is gone from the data shows nothing (a reload drops it).
        guard let u = s.tree.position(input.unit) else { return .empty }
        let ctx = ViewContext(input: input, snapshot: s, text: L10n(input.lang), unit: u)
        var p: Panel
        switch input.kind.page {
        case .drill(let id): p = s.position(id).map { Pages.drill(ctx, $0) } ?? .empty
        case .history(let id): p = s.position(id).map { Pages.history(ctx, $0) } ?? .empty
        default:
            guard let spec = Screens.spec(input.kind.screen) else { p = .empty; break }
            if s.registersPending && spec.showsRegisters {
                // Their files are still being read: no figures rather than zeros.
                p = Panel(title: ctx.text[spec.title], columns: [Column("", 0)], items: [])
                p.below = [[Span(ctx.text[.registersPendingPanel], .dim)]]
            } else {
                p = spec.build(ctx)
            }
        }
        p.items = filtered(p.items, input.filter)
        p.measure(ascii: !input.unicode)
        return p
    }

    /// The rows whose text contains the filter: a name, a unit, a status word (`rød`,
    /// `mangler`), a figure; a heading stays when a row under it does.
    static func filtered(_ items: [Item], _ filter: String) -> [Item] {
        let f = filter.lowercased()
        guard !f.isEmpty else { return items }
        var kept = [Item]()
        var pendingHeader: Item? = nil
        for it in items {
            if it.header { pendingHeader = it; continue }
            if (it.search + " " + it.cells.map(\.text).joined(separator: " ")).lowercased().contains(f) {
                if let h = pendingHeader { kept.append(h); pendingHeader = nil }
                kept.append(it)
            }
        }
        return kept
    }

    // MARK: Pieces every screen uses

    static func statusStyle(_ s: Status) -> Style {
        switch s {
        case .green: Style(.green)
        case .yellow: Style(.yellow, bold: true)
        case .red: Style(.red, bold: true)
        case .missing: Style(.magenta, bold: true)
        case .none: Style(.grey)
        }
    }

    /// A cell's figure as text; `…` while the register it comes from is still being read.
    static func figure(_ s: Snapshot, _ i: Int, _ value: Double?, _ f: Format) -> String {
        s.isPending(indicator: i) ? "…" : f.value(value, s.indicators[i].unit)
    }

    static func statusSpan(_ s: Status, _ l: L10n, unicode: Bool) -> Span {
        Span(l.statusText(s, unicode: unicode), s == .none ? .plain : statusStyle(s))
    }

    /// A change on screen: an arrow for the direction of the value, the judgement in colour.
    static func changeSpan(_ c: Change?, _ unit: ValueUnit, _ f: Format, unicode: Bool) -> Span {
        guard let c else { return Span("") }
        let p = f.changeParts(c, unit)
        if p.roundsToNothing { return Span("= ±" + p.magnitude + Format.mergedMark(c)) }
        let arrow = c.delta > 0 ? (unicode ? "↑" : "^") : (unicode ? "↓" : "v")
        let style: Style = c.better == true ? Style(.green) : (c.better == false ? Style(.red) : .plain)
        return Span("\(arrow) \(p.sign)\(p.magnitude)\(p.judgement)\(Format.mergedMark(c))", style)
    }

    /// The warning mark: ⚠, or ! without Unicode.
    static func warnMark(_ unicode: Bool) -> String { unicode ? "⚠" : "!" }
    /// The mark of an incomplete total: ◌, or ~ without Unicode.
    static func incompleteMark(_ unicode: Bool) -> String { unicode ? "◌" : "~" }

    /// A text that uses the marks (a legend) as an ASCII terminal shows them: each mark by
    /// the same function the lists draw it with.
    static func asciiMarks(_ text: String) -> String {
        var t = text
        for s in [Status.green, .yellow, .red] { t = t.replacingOccurrences(of: L10n.symbol(s), with: L10n.symbol(s, unicode: false)) }
        return t.replacingOccurrences(of: warnMark(true), with: warnMark(false)).replacingOccurrences(of: incompleteMark(true), with: incompleteMark(false))
    }

    /// ▁▂▃▄▅▆▇█ scaled between the series' min and max; a gap where there is no value.
    public static func sparkline(_ values: [Double?], unicode: Bool) -> String {
        let blocks: [Character] = unicode ? ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"] : ["_", ".", "-", "~", "=", "+", "*", "#"]
        let present = values.compactMap { $0 }
        guard let lo = present.min(), let hi = present.max() else { return String(repeating: " ", count: values.count) }
        return String(values.map { v -> Character in
            guard let v else { return " " }
            // A flat series: at the bottom when it is all zeros (issue 23, 10: `0 ▄▄▄▄` looked
            // like something), mid-height otherwise.
            if hi == lo { return hi == 0 ? blocks[0] : blocks[3] }
            return blocks[min(7, Int((v - lo) / (hi - lo) * 7.999))]
        })
    }

    /// The last `n` periods of a kind up to the state's period.
    static func recent(_ s: Snapshot, _ kind: Period.Kind, upTo p: Period, _ n: Int) -> [Period] {
        Array(s.periods.filter { $0.kind == kind && $0.end <= p.end }.suffix(n))
    }

    static func historyKind(_ ind: Indicator, _ p: Period) -> Period.Kind {
        max(ind.frequency.periodKind, p.kind == .year ? .year : .tertial)
    }

    /// A unit's row for one indicator: value, target, status, change and trend.
    static func indicatorRow(_ c: ViewContext, indicator i: Int, unit u: Int, label: String, key: RowKey) -> Item? {
        let s = c.snapshot, l = c.text, f = c.format
        // An annual indicator in a tertial shows its latest year (named in the label).
        let per = s.shownPeriod(indicator: i, for: c.period)
        guard let cell = s.cell(indicator: i, unit: u, period: per) else { return nil }
        let ind = s.indicators[i]
        let annual = per == c.period ? [] : [l(DashboardTexts.annualValueFor(per))]
        let warns = s.warnings(indicator: i, unit: u, period: per)
        // An incomplete total is a gap in the trend, not a fall.
        let spark = sparkline(recent(s, historyKind(ind, per), upTo: per, trendPeriods(c.width)).map { q in
            s.cell(indicator: i, unit: u, period: q).flatMap { $0.isPartial ? nil : $0.value }
        }, unicode: c.unicode)
        let pending = s.isPending(indicator: i)
        var value = figure(s, i, cell.value, f)
        if cell.isPartial { value = "\(cell.present)/\(cell.expected) " + value }
        // The year of an annual value shown in a tertial, beside the value it qualifies.
        if per != c.period { value = "(" + l.period(per) + ") " + value }
        let flag = warns.isEmpty ? "" : " " + warnMark(c.unicode)
        var it = Item([Span(label + flag, warns.isEmpty ? .plain : Style(.yellow)),
                       Span(value, cell.isPartial ? Style(.grey) : .plain),
                       Span(cell.target.map { f.value($0, ind.unit) } ?? ""),
                       statusSpan(cell.status, l, unicode: c.unicode),
                       changeSpan(cell.change, ind.unit, f, unicode: c.unicode),
                       Span(spark, Style(.cyan))], key: key)
        it.search = label
        let key = Entry.Key(unit: UnitID(s.tree.units[u].id), indicator: IndicatorID(ind.id), period: per)
        it.followUp = key
        var detail = [ind.name + " · " + (pending ? l[.registersLoadingShort] : l.origin(cell.origin)) + (cell.isPartial ? " · " + l(DashboardTexts.incomplete(present: cell.present, expected: cell.expected)) : "")] + annual
        if let cm = cell.comment { detail.append(l[.comment] + ": " + cm) }
        for w in warns { detail.append("⚠ " + l.quality(w, snapshot: s, withCases: true)) }
        it.detail = detail + followUpLines(c, key)
        return it
    }

    /// The follow-up of a figure under the list: its current comment and its actions.
    static func followUpLines(_ c: ViewContext, _ key: Entry.Key) -> [String] {
        let book = c.followUp, l = c.text
        var lines = [String]()
        if let cm = book.comment(for: key) { lines.append(l(DashboardTexts.comment(by: cm.updatedBy, on: shortDate(cm.createdAt, l), cm.text))) }
        for a in book.actions(for: key) {
            lines.append(actionLine(a, l, today: c.today))
        }
        return lines
    }

    static func actionLine(_ a: Entry, _ l: L10n, today: Day) -> String {
        var line = l(DashboardTexts.action(a.text, owner: a.owner, due: a.due, status: a.status, overdue: a.isOverdue(on: today)))
        if let n = a.note { line += " · " + n }
        return line
    }

    /// `2026-11-30T12:00:00Z` as the user writes a date.
    static func shortDate(_ stamp: String, _ l: L10n) -> String {
        Day(parsing: String(stamp.prefix(10))).map { l.date($0) } ?? stamp
    }

    /// A figure's follow-up in a few characters, for a list column (the legend explains
    /// them, the lines under the list say it in words): `▶ 2` open actions (red when one is
    /// overdue), `✎` a comment, `–` none.
    static func followUpMark(_ c: ViewContext, _ key: Entry.Key) -> Span {
        let book = c.followUp
        let open = book.openActions(for: key)
        let comment = book.comment(for: key) != nil ? (c.unicode ? " ✎" : " *") : ""
        if !open.isEmpty {
            let overdue = open.contains { $0.isOverdue(on: c.today) }
            return Span((c.unicode ? "▶ " : "> ") + "\(open.count)" + comment, overdue ? Style(.red, bold: true) : Style(.green, bold: true))
        }
        if !comment.isEmpty { return Span(String(comment.dropFirst()), Style(.cyan)) }
        return Span(c.unicode ? "–" : "-", .dim)
    }

    /// How many periods a trend shows: more history where the terminal is wide.
    static func trendPeriods(_ width: Int) -> Int { width >= 140 ? 12 : 6 }

    static func indicatorColumns(_ l: L10n, first: String? = nil, width: Int = 80) -> [Column] {
        [Column(first ?? l[.indicator], 0), Column(l[.value], 11, right: true),
         Column(l[.target], 8, right: true), Column(l[.status], 9),
         Column(l[.change], 13, whole: true), Column(l[.trend], trendPeriods(width))]
    }

    /// Where Enter on a unit's row for an indicator goes: its units, or its history when it has none.
    static func drillOrHistory(_ c: ViewContext, unit u: Int, indicator i: Int) -> ViewState {
        let kids = !c.snapshot.parts(of: u, in: c.period).isEmpty
        let id = c.snapshot.id(indicator: i)
        return ViewState(ViewKind(c.kind.screen, kids ? .drill(id) : .history(id)), unit: c.snapshot.tree.id(u))
    }
}

/// The drill-down and history pages, shared by every screen that leads to an indicator.
enum Pages {
    /// One indicator for a unit and its parts.
    static func drill(_ c: ViewContext, _ i: Int) -> Panel {
        let s = c.snapshot, u = c.unit
        var items = [Item]()
        if var total = Views.indicatorRow(c, indicator: i, unit: u, label: "Σ " + s.tree.units[u].shortName, key: .unit(s.tree.id(u))) {
            total.cells[0].style.bold = true
            total.action = ViewState(ViewKind(c.kind.screen, .history(s.id(indicator: i))), unit: s.tree.id(u))
            items.append(total)
        }
        for part in s.parts(of: u, in: c.period) {
            guard var it = Views.indicatorRow(c, indicator: i, unit: part, label: "  " + s.tree.units[part].shortName, key: .unit(s.tree.id(part))) else { continue }
            // A unit with neither a value nor a status for this indicator has nothing to show.
            if let cell = s.cell(indicator: i, unit: part, period: s.shownPeriod(indicator: i, for: c.period)), cell.status == .none, cell.value == nil { continue }
            it.search = s.tree.units[part].name + " " + s.tree.units[part].shortName
            it.action = Views.drillOrHistory(c, unit: part, indicator: i)
            items.append(it)
        }
        return Panel(title: s.indicators[i].name, columns: Views.indicatorColumns(c.text, first: c.text[.unit], width: c.width), items: items)
    }

    /// One indicator's values for a unit, newest first, with origin, comments and warnings.
    static func history(_ c: ViewContext, _ i: Int) -> Panel {
        let s = c.snapshot, l = c.text, f = c.format, u = c.unit
        let ind = s.indicators[i]
        let kind = Views.historyKind(ind, c.period)
        let periods = s.periods.filter { $0.kind == kind && $0.end <= c.period.end }.reversed()
        var items = [Item]()
        for p in periods {
            guard let cell = s.cell(indicator: i, unit: u, period: p) else { continue }
            let warns = s.warnings(indicator: i, unit: u, period: p)
            var note = [String]()
            if cell.origin == .carried || s.isBuiltFromPredecessors(unit: u, period: p) { note.append(l[.fromPredecessors]) }
            if cell.change?.acrossMerge == true {
                let m = s.merged(into: u, between: p.previous, and: p)
                note.append(l(DashboardTexts.changeWithMerged(m.compactMap { s.tree.index[$0].map { s.tree.units[$0].shortName } })))
            }
            if cell.isPartial { note.append("\(cell.present)/\(cell.expected)") }
            if !warns.isEmpty { note.append(Views.warnMark(c.unicode) + " " + l.quality(warns[0], snapshot: s, withCases: true)) }
            if let cm = cell.comment { note.append("“\(cm)”") }
            let key = Entry.Key(unit: UnitID(s.tree.units[u].id), indicator: IndicatorID(ind.id), period: p)
            if c.followUp.comment(for: key) != nil { note.append(c.unicode ? "✎" : "*") }
            let open = c.followUp.openActions(for: key).count
            if open > 0 { note.append((c.unicode ? "▶ " : "> ") + l(DashboardTexts.openActions(open))) }
            var it = Item([Span(l.period(p)), Span(Views.figure(s, i, cell.value, f)), Span(cell.target.map { f.value($0, ind.unit) } ?? ""),
                           Views.statusSpan(cell.status, l, unicode: c.unicode), Views.changeSpan(cell.change, ind.unit, f, unicode: c.unicode),
                           Span(note.joined(separator: " · "), warns.isEmpty ? .plain : Style(.yellow))], key: .period(p))
            var detail = [l.origin(cell.origin) + (cell.reportSource.map { " · \($0)" } ?? "")]
            if let cm = cell.comment { detail.append(l[.comment] + ": " + cm) }
            for w in warns { detail.append("⚠ " + l.quality(w, snapshot: s, withCases: true)) }
            if let r = cell.reported, cell.origin != .reported { detail.append(l[.reportedByTheUnit] + ": " + f.value(r, ind.unit)) }
            it.detail = detail + Views.followUpLines(c, key)
            it.followUp = key
            items.append(it)
        }
        return Panel(title: ind.name + " · " + s.tree.units[u].name,
                     columns: [Column(l[.period], 9), Column(l[.value], 10, right: true),
                               Column(l[.target], 9, right: true), Column(l[.status], 10),
                               Column(l[.change], 15, whole: true), Column(l[.note], 0)], items: items)
    }
}
