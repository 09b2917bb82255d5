import Model
import Reports

/// Text with a style.
public struct Span: Hashable, Sendable {
    public var text: String
    public var style: Style
    public init(_ text: String, _ style: Style = .plain) { self.text = text; self.style = style }
}

public struct Column: Sendable {
    public var title: String
    /// Width in columns; 0 = takes the remaining width.
    public var width: Int
    public var right: Bool
    public init(_ title: String, _ width: Int, right: Bool = false) { self.title = title; self.width = width; self.right = right }
}

/// One row of a panel.
public struct Item: Sendable {
    public var cells: [Span]
    public var key: String
    public var selectable = true
    public var header = false
    /// The view Enter opens.
    public var action: ViewState?
    /// Lines shown under the list for the selected item.
    public var detail: [String] = []
    public var search: String = ""

    public init(_ cells: [Span], key: String) { self.cells = cells; self.key = key; search = cells.first?.text ?? "" }
}

/// A list view: what `update` moves through and `render` draws.
public struct Panel: Sendable {
    public var title: String
    public var columns: [Column]
    public var items: [Item]
    /// Extra lines under the list (the waitlist's Table 7 matrix).
    public var below: [[Span]] = []
    public var sortNames: [String] = []
}

/// Builds the panel of a view from the state and the snapshot. Pure.
public enum Views {
    static func statusStyle(_ s: Status) -> Style {
        switch s {
        case .green: Style(.green)
        case .yellow: Style(.yellow, bold: true)
        case .red: Style(.red, bold: true)
        case .missing: Style(.magenta, bold: true)
        case .none: Style(.grey)
        }
    }

    static func statusSpan(_ s: Status, _ l: L10n, unicode: Bool) -> Span {
        Span(l.statusText(s, unicode: unicode), s == .none ? .plain : statusStyle(s))
    }

    /// A change on screen: an arrow for the direction of the value, the judgement in colour.
    static func changeSpan(_ c: Change?, _ unit: ValueUnit, _ f: Format, unicode: Bool) -> Span {
        guard let c else { return Span("") }
        let p = f.changeParts(c, unit)
        if p.roundsToNothing { return Span("= ±" + p.magnitude) }
        let arrow = c.delta > 0 ? (unicode ? "↑" : "^") : (unicode ? "↓" : "v")
        let style: Style = c.better == true ? Style(.green) : (c.better == false ? Style(.red) : .plain)
        return Span("\(arrow) \(p.sign)\(p.magnitude)\(p.judgement)", style)
    }

    /// ▁▂▃▄▅▆▇█ scaled between the series' min and max; a gap where there is no value.
    public static func sparkline(_ values: [Double?], unicode: Bool) -> String {
        let blocks: [Character] = unicode ? ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"] : ["_", ".", "-", "~", "=", "+", "*", "#"]
        let present = values.compactMap { $0 }
        guard let lo = present.min(), let hi = present.max() else { return String(repeating: " ", count: values.count) }
        return String(values.map { v -> Character in
            guard let v else { return " " }
            if hi == lo { return blocks[3] }
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

    /// What a panel depends on: not the cursor, so moving it reuses the built panel.
    struct PanelKey: Hashable {
        let kind: ViewKind, unit: Int, period: Period, filter: String, sort: Int, lang: Lang, unicode: Bool
    }

    public static func panel(_ st: AppState, _ s: Snapshot) -> Panel {
        let v = st.top
        let key = PanelKey(kind: v.kind, unit: v.unit, period: st.period, filter: v.filter, sort: v.sort, lang: st.lang, unicode: st.unicode)
        return s.memo(key) { buildPanel(st, s) }
    }

    static func buildPanel(_ st: AppState, _ s: Snapshot) -> Panel {
        var p = rawPanel(st, st.top, s)
        let f = st.top.filter.lowercased()
        if !f.isEmpty {
            // Keep group headers only when something under them matches.
            var kept = [Item]()
            var pendingHeader: Item? = nil
            for it in p.items {
                if it.header { pendingHeader = it; continue }
                if it.search.lowercased().contains(f) {
                    if let h = pendingHeader { kept.append(h); pendingHeader = nil }
                    kept.append(it)
                }
            }
            p.items = kept
        }
        return p
    }

    static func rawPanel(_ st: AppState, _ v: ViewState, _ s: Snapshot) -> Panel {
        let l = L10n(st.lang)
        switch v.kind {
        case .overview: return overview(st, v, s, l)
        case .scorecard: return scorecard(st, v, s, l)
        case .drill(let i): return drill(st, v, s, l, i)
        case .history(let i): return history(st, v, s, l, i)
        case .waitlist: return waitlist(st, v, s, l)
        case .waitCases(let h): return waitCases(st, v, s, l, h)
        case .ip: return ip(st, v, s, l)
        case .ipHistory: return ipHistory(st, v, s, l)
        case .deviations: return deviations(st, v, s, l)
        case .reporting: return reporting(st, v, s, l)
        case .reportingMissing: return reportingMissing(st, v, s, l)
        }
    }

    // MARK: Overview

    /// The overview's tiles, in cursor order. Their content is drawn by the renderer.
    static func overview(_ st: AppState, _ v: ViewState, _ s: Snapshot, _ l: L10n) -> Panel {
        let tiles: [(String, ViewKind)] = [
            (l.t("Status", "Status"), .scorecard), (l.t("Venteliste", "Waitlist"), .waitlist),
            (l.t("IP-dekning", "IP coverage"), .ip), (l.t("Største avvik", "Worst deviations"), .deviations),
            (l.t("Rapportering", "Reporting"), .reporting)]
        let items = tiles.map { t -> Item in
            var it = Item([Span(t.0)], key: t.0)
            it.action = ViewState(kind: t.1, unit: v.unit)
            return it
        }
        return Panel(title: l.t("Oversikt", "Overview"), columns: [], items: items)
    }

    // MARK: Scorecard

    static let scorecardSorts = 4

    static func indicatorRow(_ st: AppState, _ s: Snapshot, _ l: L10n, indicator i: Int, unit u: Int, label: String, key: String) -> Item? {
        let per = st.period
        guard let c = s.cell(indicator: i, unit: u, period: per) else { return nil }
        let ind = s.indicators[i]
        let f = Format(lang: st.lang)
        let warns = s.warnings(indicator: i, unit: u, period: per)
        let hk = historyKind(ind, per)
        let spark = sparkline(recent(s, hk, upTo: per, 6).map { s.cell(indicator: i, unit: u, period: $0)?.value }, unicode: st.unicode)
        var value = f.value(c.value, ind.unit)
        if c.isPartial { value = "\(c.present)/\(c.expected) " + value }
        let flag = warns.isEmpty ? "" : (st.unicode ? " ⚠" : " !")
        var it = Item([Span(label + flag, warns.isEmpty ? .plain : Style(.yellow)),
                       Span(value, c.isPartial ? Style(.magenta) : .plain),
                       Span(c.target.map { f.value($0, ind.unit) } ?? ""),
                       statusSpan(c.status, l, unicode: st.unicode),
                       changeSpan(c.change, ind.unit, f, unicode: st.unicode),
                       Span(spark, Style(.cyan))], key: key)
        it.search = label
        var detail = [String]()
        detail.append(ind.name + " · " + l.origin(c.origin) + (c.isPartial ? " · " + l.t("delvis: \(c.present) av \(c.expected) verdier levert", "partial: \(c.present) of \(c.expected) values delivered") : ""))
        if let cm = c.comment { detail.append(l.t("Kommentar", "Comment") + ": " + cm) }
        for w in warns { detail.append("⚠ " + l.quality(w, snapshot: s)) }
        it.detail = detail
        return it
    }

    static func scorecard(_ st: AppState, _ v: ViewState, _ s: Snapshot, _ l: L10n) -> Panel {
        var items = [Item]()
        var perspectives = [String]()
        for ind in s.indicators where !perspectives.contains(ind.perspective) { perspectives.append(ind.perspective) }
        let hasKids = !s.parts(of: v.unit, in: st.period).isEmpty
        for persp in perspectives {
            var rows = [(Item, Cell, String)]()
            for (i, ind) in s.indicators.enumerated() where ind.perspective == persp {
                guard var it = indicatorRow(st, s, l, indicator: i, unit: v.unit, label: ind.name, key: ind.id),
                      let c = s.cell(indicator: i, unit: v.unit, period: st.period) else { continue }
                var next = ViewState(kind: hasKids ? .drill(indicator: i) : .history(indicator: i), unit: v.unit)
                next.cursorKey = nil
                it.action = next
                rows.append((it, c, ind.name))
            }
            switch v.sort % scorecardSorts {
            case 1: rows.sort { ($0.1.status, $0.2) < ($1.1.status, $1.2) }
            case 2: rows.sort { $0.2.lowercased() < $1.2.lowercased() }
            case 3: rows.sort { abs($0.1.change?.delta ?? 0) > abs($1.1.change?.delta ?? 0) }
            default: break
            }
            guard !rows.isEmpty else { continue }
            var h = Item([Span(l.perspective(persp), Style(.blue, bold: true))], key: "§" + persp)
            h.selectable = false; h.header = true
            items.append(h)
            items += rows.map(\.0)
        }
        var p = Panel(title: l.t("Styringskort", "Scorecard"), columns: indicatorColumns(l), items: items)
        p.sortNames = [l.t("katalog", "catalogue"), l.t("status", "status"), l.t("navn", "name"), l.t("endring", "change")]
        return p
    }

    static func indicatorColumns(_ l: L10n, first: String? = nil) -> [Column] {
        [Column(first ?? l.t("Indikator", "Indicator"), 0), Column(l.t("Verdi", "Value"), 11, right: true),
         Column(l.t("Mål", "Target"), 8, right: true), Column(l.t("Status", "Status"), 9),
         Column(l.t("Endring", "Change"), 13), Column(l.t("Trend", "Trend"), 6)]
    }

    // MARK: Drill-down and history

    static func drill(_ st: AppState, _ v: ViewState, _ s: Snapshot, _ l: L10n, _ i: Int) -> Panel {
        var items = [Item]()
        let u = v.unit
        if var total = indicatorRow(st, s, l, indicator: i, unit: u, label: "Σ " + s.tree.units[u].shortName, key: s.tree.units[u].id) {
            total.cells[0].style.bold = true
            total.action = ViewState(kind: .history(indicator: i), unit: u)
            items.append(total)
        }
        for c in s.parts(of: u, in: st.period) {
            guard var it = indicatorRow(st, s, l, indicator: i, unit: c, label: "  " + s.tree.units[c].shortName, key: s.tree.units[c].id) else { continue }
            // A unit with neither a value nor a status for this indicator has nothing to show.
            if let cell = s.cell(indicator: i, unit: c, period: st.period), cell.status == .none, cell.value == nil { continue }
            it.search = s.tree.units[c].name + " " + s.tree.units[c].shortName
            let kids = !s.parts(of: c, in: st.period).isEmpty
            it.action = ViewState(kind: kids ? .drill(indicator: i) : .history(indicator: i), unit: c)
            items.append(it)
        }
        return Panel(title: s.indicators[i].name, columns: indicatorColumns(l, first: l.t("Enhet", "Unit")), items: items)
    }

    static func history(_ st: AppState, _ v: ViewState, _ s: Snapshot, _ l: L10n, _ i: Int) -> Panel {
        let ind = s.indicators[i]
        let f = Format(lang: st.lang)
        let kind = historyKind(ind, st.period)
        let periods = s.periods.filter { $0.kind == kind && $0.end <= st.period.end }.reversed()
        var items = [Item]()
        for p in periods {
            guard let c = s.cell(indicator: i, unit: v.unit, period: p) else { continue }
            let warns = s.warnings(indicator: i, unit: v.unit, period: p)
            var note = [String]()
            if c.origin == .carried { note.append(l.t("fra forgjengerne", "from predecessors")) }
            if c.isPartial { note.append("\(c.present)/\(c.expected)") }
            if !warns.isEmpty { note.append((st.unicode ? "⚠ " : "! ") + l.quality(warns[0], snapshot: s)) }
            if let cm = c.comment { note.append("“\(cm)”") }
            var it = Item([Span(l.period(p)), Span(f.value(c.value, ind.unit)), Span(c.target.map { f.value($0, ind.unit) } ?? ""),
                           statusSpan(c.status, l, unicode: st.unicode), changeSpan(c.change, ind.unit, f, unicode: st.unicode),
                           Span(note.joined(separator: " · "), warns.isEmpty ? .plain : Style(.yellow))], key: p.description)
            var detail = [l.origin(c.origin) + (c.reportSource.map { " · \($0)" } ?? "")]
            if let cm = c.comment { detail.append(l.t("Kommentar", "Comment") + ": " + cm) }
            for w in warns { detail.append("⚠ " + l.quality(w, snapshot: s)) }
            if let r = c.reported, c.origin != .reported { detail.append(l.t("Rapportert av enheten", "Reported by the unit") + ": " + f.value(r, ind.unit)) }
            it.detail = detail
            items.append(it)
        }
        return Panel(title: ind.name + " · " + s.tree.units[v.unit].name,
                     columns: [Column(l.t("Periode", "Period"), 9), Column(l.t("Verdi", "Value"), 10, right: true),
                               Column(l.t("Mål", "Target"), 9, right: true), Column(l.t("Status", "Status"), 10),
                               Column(l.t("Endring", "Change"), 15), Column(l.t("Merknad", "Note"), 0)], items: items)
    }

    // MARK: Waitlist

    static func waitlist(_ st: AppState, _ v: ViewState, _ s: Snapshot, _ l: L10n) -> Panel {
        let f = Format(lang: st.lang)
        let date = min(st.period.end, s.spanEnd)
        let view = s.waitlist(unit: v.unit, at: date)
        let months = recent(s, .month, upTo: st.period, 12)
        let monthly = months.map { s.waitlist(unit: v.unit, at: $0.end) }
        var items = [Item]()
        for h in Housing.allCases + [nil] as [Housing?] {
            let c = h.map { view.byHousing[$0] ?? WaitlistView.Category() } ?? view.total
            let series = monthly.map { m -> Double? in Double(h.map { m.byHousing[$0]?.waiting ?? 0 } ?? m.total.waiting) }
            let name = h.map { "\(l.housing($0)) · \(l.housingDescription($0))" } ?? l.t("Alle kategorier", "All categories")
            var it = Item([Span(name, h == nil ? .bold : .plain), Span(String(c.waiting)), Span(String(c.dischargeReady)),
                           Span(String(c.homeless)), Span(f.value(c.medianWait, .days)), Span(f.value(c.maxWait.map(Double.init), .days)),
                           Span(sparkline(series, unicode: st.unicode), Style(.cyan))], key: h?.rawValue ?? "all")
            it.action = ViewState(kind: .waitCases(housing: h), unit: v.unit)
            it.detail = [l.t("Månedsslutt siste 12 måneder", "Month-ends, last 12 months") + ": " + series.map { String(Int($0 ?? 0)) }.joined(separator: " ")]
            items.append(it)
        }
        var p = Panel(title: l.t("Venteliste per", "Waitlist on") + " " + (st.lang == .nb ? date.norwegian : date.description),
                      columns: [Column(l.t("Kategori", "Category"), 0), Column(l.t("Venter", "Waiting"), 7, right: true),
                                Column(l.t("Utskr.", "Disch."), 7, right: true), Column(l.t("Uten bolig", "Homeless"), 10, right: true),
                                Column(l.t("Median", "Median"), 9, right: true), Column(l.t("Lengste", "Longest"), 9, right: true),
                                Column(l.t("12 mnd", "12 mo"), 12)], items: items)
        // Table 7: where applicants live now.
        var below: [[Span]] = [[Span("")], [Span(l.t("Hvor søkerne bor nå", "Where applicants live now"), .bold)]]
        let head = DisplayWidth.padRight(l.t("Bor nå", "Living now"), 20) + Housing.allCases.map { DisplayWidth.padLeft(l.housing($0), 10) }.joined() + DisplayWidth.padLeft(l.t("Sum", "Total"), 8)
        below.append([Span(head, Style(.blue, bold: true))])
        for (liv, nums) in view.matrixRows {
            below.append([Span(DisplayWidth.padRight(l.living(liv), 20) + nums.map { DisplayWidth.padLeft(String($0), 10) }.joined() + DisplayWidth.padLeft(String(nums.reduce(0, +)), 8))])
        }
        below.append([Span(l.t("Saksbehandling siste 12 mnd", "Case processing, last 12 months") + ": \(view.decidedLastYear) " + l.t("vedtak", "decisions") + ", \(view.breachesLastYear) " + l.t("over 4 uker uten foreløpig svar", "over 4 weeks without interim reply"), view.breachesLastYear > 0 ? Style(.yellow) : .plain)])
        p.below = below
        return p
    }

    static func waitCases(_ st: AppState, _ v: ViewState, _ s: Snapshot, _ l: L10n, _ h: Housing?) -> Panel {
        let date = min(st.period.end, s.spanEnd)
        let view = s.waitlist(unit: v.unit, at: date)
        let cases = view.cases.filter { h == nil || $0.housing == h }
        let items = cases.map { c -> Item in
            let unit = s.tree[c.unit]?.shortName ?? c.unit
            var it = Item([Span(c.id), Span(unit), Span(l.housing(c.housing)),
                           Span(st.lang == .nb ? c.granted.norwegian : c.granted.description), Span(String(date - c.granted)),
                           Span(l.living(c.livingNow), c.livingNow == .bostedslos ? Style(.red) : .plain),
                           Span(c.dischargeReady ? l.t("ja", "yes") : "", Style(.yellow))], key: c.id)
            it.search = c.id + " " + unit + " " + l.living(c.livingNow)
            var d = [String]()
            if let r = c.received { d.append(l.t("Mottatt", "Received") + " " + (st.lang == .nb ? r.norwegian : r.description) + ", " + l.t("behandlet på", "processed in") + " \(c.processingDays ?? 0) " + l.t("dager", "days")) }
            if c.isProcessingBreach { d.append("⚠ " + l.t("Over 4 uker uten foreløpig svar", "Over 4 weeks without an interim reply")) }
            it.detail = d
            return it
        }
        return Panel(title: (h.map { l.housing($0) } ?? l.t("Alle", "All")) + " · " + l.t("ventende saker, lengst ventetid først", "waiting cases, longest wait first"),
                     columns: [Column(l.t("Sak", "Case"), 14), Column(l.t("Enhet", "Unit"), 0), Column(l.t("Kategori", "Category"), 9),
                               Column(l.t("Vedtak", "Granted"), 11), Column(l.t("Dager", "Days"), 6, right: true),
                               Column(l.t("Bor nå", "Living now"), 18), Column(l.t("Utskr.klar", "Disch.ready"), 10)], items: items)
    }

    // MARK: IP

    static func ipRow(_ st: AppState, _ s: Snapshot, _ l: L10n, _ k: IPIndicatorSet, unit u: Int, period p: Period, label: String, key: String) -> Item {
        let f = Format(lang: st.lang)
        func n(_ i: Int?) -> String { i.flatMap { s.cell(indicator: $0, unit: u, period: p)?.value }.map { f.value($0, .count) } ?? "–" }
        let cov = k.coverage.flatMap { s.cell(indicator: $0, unit: u, period: p) }
        let covText = cov.map { f.value($0.value, .percent) } ?? "–"
        let tgt = cov?.target.map { f.value($0, .percent) } ?? ""
        return Item([Span(label), Span(n(k.targetGroup)), Span(n(k.withPlan)), Span(n(k.groupWithoutPlan)), Span(n(k.declined)), Span(n(k.withCoordinator)),
                     Span(covText, .bold), Span(tgt), statusSpan(cov?.status ?? .none, l, unicode: st.unicode), Span(n(k.evaluationOverdue))], key: key)
    }

    static func ipColumns(_ l: L10n, first: String) -> [Column] {
        [Column(first, 0), Column(l.t("Målgr", "Group"), 5, right: true), Column("IP", 4, right: true),
         Column(l.t("Ansv.gr", "Resp.gr"), 7, right: true), Column(l.t("Nei", "Decl"), 4, right: true),
         Column(l.t("Koord", "Coord"), 5, right: true), Column(l.t("Dekning", "Coverage"), 8, right: true),
         Column(l.t("Mål", "Target"), 6, right: true), Column(l.t("Status", "Status"), 7), Column(l.t("Ikke ev", "Overdue"), 7, right: true)]
    }

    static func ip(_ st: AppState, _ v: ViewState, _ s: Snapshot, _ l: L10n) -> Panel {
        let k = s.ipIndicators
        var items = [Item]()
        var total = ipRow(st, s, l, k, unit: v.unit, period: st.period, label: "Σ " + s.tree.units[v.unit].shortName, key: s.tree.units[v.unit].id)
        total.cells[0].style = .bold
        total.action = ViewState(kind: .ipHistory, unit: v.unit)
        items.append(total)
        for c in s.parts(of: v.unit, in: st.period) {
            guard k.targetGroup.flatMap({ s.cell(indicator: $0, unit: c, period: st.period)?.value }) ?? 0 > 0 else { continue }
            var it = ipRow(st, s, l, k, unit: c, period: st.period, label: "  " + s.tree.units[c].shortName, key: s.tree.units[c].id)
            it.search = s.tree.units[c].name
            it.action = ViewState(kind: .ipHistory, unit: c)
            items.append(it)
        }
        var p = Panel(title: l.t("Individuell plan (IP) og ansvarsgruppe", "Individual plan (IP) and responsibility group"), columns: ipColumns(l, first: l.t("Enhet", "Unit")), items: items)
        p.below = [[Span("")], [Span(l.t("Kategoriene overlapper og trenger ikke summere til målgruppen.",
                                        "The categories overlap and need not add up to the target group."), .dim)]]
        return p
    }

    static func ipHistory(_ st: AppState, _ v: ViewState, _ s: Snapshot, _ l: L10n) -> Panel {
        let k = s.ipIndicators
        let items = s.tertials.filter { $0.end <= st.period.end }.reversed().map {
            ipRow(st, s, l, k, unit: v.unit, period: $0, label: l.period($0), key: $0.description)
        }
        return Panel(title: "IP · " + s.tree.units[v.unit].name, columns: ipColumns(l, first: l.t("Periode", "Period")), items: items)
    }

    // MARK: Deviations

    /// Where Enter (and n/N) on a deviation goes: the indicator's drill-down at the
    /// unit's parent within the scope (Bergen Vest for Fyllingsdalen in 2019, when the
    /// scope is Bergen Vest), with the unit selected; the history when it is the scope itself.
    static func target(of d: Deviation, _ s: Snapshot, base: Int) -> ViewState? {
        guard let i = d.indicator else { return nil }
        let scope = s.scope(base, d.period)
        if let parent = scope.first(where: { s.parts(of: $0, in: d.period).contains(d.unit) }) ?? s.tree.parent[d.unit] {
            return ViewState(kind: .drill(indicator: i), unit: parent, cursorKey: s.tree.units[d.unit].id)
        }
        return ViewState(kind: .history(indicator: i), unit: d.unit)
    }

    static func deviations(_ st: AppState, _ v: ViewState, _ s: Snapshot, _ l: L10n) -> Panel {
        let f = Format(lang: st.lang)
        let devs = s.deviations(unit: v.unit, period: st.period)
        var items = [Item]()
        for (k, d) in devs.enumerated() {
            let ind = d.indicator.map { s.indicators[$0] }
            let unit = s.tree.units[d.unit].shortName
            var it: Item
            switch d.kind {
            case .status(let status):
                var note = d.cell?.comment ?? ""
                if d.cell?.isPartial == true, let c = d.cell { note = "\(c.present)/\(c.expected) " + l.t("levert", "delivered") + (note.isEmpty ? "" : " · " + note) }
                it = Item([statusSpan(status, l, unicode: st.unicode), Span(ind?.name ?? ""), Span(unit),
                           Span(f.value(d.cell?.value, ind?.unit ?? .count)), Span(d.cell?.target.map { f.value($0, ind?.unit ?? .count) } ?? ""),
                           Span(note)], key: "\(k)")
            case .quality(let w):
                it = Item([Span((st.unicode ? "⚠ " : "! ") + l.t("data", "data"), Style(.yellow, bold: true)), Span(ind?.name ?? ""), Span(unit),
                           Span(""), Span(""), Span(l.quality(w, snapshot: s))], key: "\(k)")
                it.detail = [l.quality(w, snapshot: s) + (w.source.map { " (\($0))" } ?? "")]
            }
            it.search = (ind?.name ?? "") + " " + unit
            it.action = target(of: d, s, base: v.unit)
            items.append(it)
        }
        return Panel(title: l.t("Avvik", "Deviations") + " (\(devs.count))",
                     columns: [Column(l.t("Status", "Status"), 9), Column(l.t("Indikator", "Indicator"), 0), Column(l.t("Enhet", "Unit"), 14),
                               Column(l.t("Verdi", "Value"), 8, right: true), Column(l.t("Mål", "Target"), 7, right: true),
                               Column(l.t("Merknad", "Note"), 12)], items: items)
    }

    // MARK: Reporting

    static func reporting(_ st: AppState, _ v: ViewState, _ s: Snapshot, _ l: L10n) -> Panel {
        let periods = recent(s, .tertial, upTo: st.period, 6)
        var items = [Item]()
        for u in [v.unit] + s.activeUnits(under: v.unit, period: st.period).filter({ $0 != v.unit }) {
            var cells = [Span((u == v.unit ? "Σ " : "  ") + s.tree.units[u].shortName, u == v.unit ? .bold : .plain)]
            var anyDue = false
            for p in periods {
                let c = s.completeness(unit: u, period: p)
                if c.due == 0 { cells.append(Span("·", .dim)); continue }
                anyDue = true
                let pct = Int(c.percent.rounded(.down))
                let style: Style = pct >= 100 ? Style(.green) : (pct >= 90 ? Style(.yellow) : Style(.red, bold: true))
                cells.append(Span("\(pct) %" + (c.missing.isEmpty ? "" : " (\(c.missing.count))"), style))
            }
            guard anyDue || u == v.unit else { continue }
            var it = Item(cells, key: s.tree.units[u].id)
            it.search = s.tree.units[u].name
            it.action = ViewState(kind: .reportingMissing, unit: u)
            items.append(it)
        }
        return Panel(title: l.t("Rapportering: andel levert (antall mangler)", "Reporting: share delivered (missing)"),
                     columns: [Column(l.t("Enhet", "Unit"), 0)] + periods.map { Column(l.period($0), 9) }, items: items)
    }

    static func reportingMissing(_ st: AppState, _ v: ViewState, _ s: Snapshot, _ l: L10n) -> Panel {
        let c = s.completeness(unit: v.unit, period: st.period)
        let items = c.missing.map { m -> Item in
            var it = Item([Span(s.indicators[m.indicator].name), Span(s.tree.units[m.unit].shortName), Span(l.period(m.period)),
                           Span(m.reportedUnknown ? l.t("rapportert som ukjent", "reported as unknown") : l.t("ikke levert", "not delivered"), Style(.magenta))],
                          key: "\(m.unit)-\(m.indicator)-\(m.period)")
            it.action = ViewState(kind: .history(indicator: m.indicator), unit: m.unit)
            return it
        }
        return Panel(title: l.t("Mangler", "Missing") + " · " + s.tree.units[v.unit].name + " · " + l.period(st.period) + " (\(c.reported)/\(c.due))",
                     columns: [Column(l.t("Indikator", "Indicator"), 0), Column(l.t("Enhet", "Unit"), 16), Column(l.t("Periode", "Period"), 8),
                               Column(l.t("Hva", "What"), 21)], items: items)
    }
}
