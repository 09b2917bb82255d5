import Model
import Reports

extension ScreenID { public static let waitlist = ScreenID("waitlist") }

/// Screen 3: the housing waitlist by category, with waits, a 12-month trend and Table 7;
/// Enter lists the waiting cases of a category.
enum WaitlistScreen {
    @Sendable static func build(_ c: ViewContext) -> Panel {
        switch c.v.kind.page {
        case .cases(let h): return cases(c, h)
        default: return categories(c)
        }
    }

    static func categories(_ c: ViewContext) -> Panel {
        let s = c.s, l = c.l, f = c.f
        let date = min(c.period.end, s.spanEnd)
        let view = s.waitlist(unit: c.unit, at: date)
        let monthly = Views.recent(s, .month, upTo: c.period, 12).map { s.waitlist(unit: c.unit, at: $0.end) }
        var items = [Item]()
        for h in Housing.allCases + [nil] as [Housing?] {
            let cat = h.map { view.byHousing[$0] ?? WaitlistView.Category() } ?? view.total
            let series = monthly.map { m -> Double? in Double(h.map { m.byHousing[$0]?.waiting ?? 0 } ?? m.total.waiting) }
            let name = h.map { "\(l.housing($0)) · \(l.housingDescription($0))" } ?? l.t("Alle kategorier", "All categories")
            var it = Item([Span(name, h == nil ? .bold : .plain), Span(String(cat.waiting)), Span(String(cat.dischargeReady)),
                           Span(String(cat.homeless)), Span(f.value(cat.medianWait, .days)), Span(f.value(cat.maxWait.map(Double.init), .days)),
                           Span(Views.sparkline(series, unicode: c.unicode), Style(.cyan))], key: .housing(h))
            it.action = ViewState(ViewKind(.waitlist, .cases(h)), unit: c.v.unit)
            it.detail = [l.t("Månedsslutt siste 12 måneder", "Month-ends, last 12 months") + ": " + series.map { String(Int($0 ?? 0)) }.joined(separator: " ")]
            items.append(it)
        }
        var p = Panel(title: l.t("Venteliste per", "Waitlist on") + " " + l.date(date),
                      columns: [Column(l.t("Kategori", "Category"), 0), Column(l.t("Venter", "Waiting"), 7, right: true),
                                Column(l.t("Utskr.", "Disch."), 7, right: true), Column(l.t("Uten bolig", "Homeless"), 10, right: true),
                                Column(l.t("Median", "Median"), 9, right: true), Column(l.t("Lengste", "Longest"), 9, right: true),
                                Column(l.t("12 mnd", "12 mo"), 12)], items: items)
        p.below = table7(view, l)
        return p
    }

    /// Table 7: where applicants live now, by housing category; and case processing.
    static func table7(_ view: WaitlistView, _ l: L10n) -> [[Span]] {
        var below: [[Span]] = [[Span("")], [Span(l.t("Hvor søkerne bor nå", "Where applicants live now"), .bold)]]
        let head = DisplayWidth.padRight(l.t("Bor nå", "Living now"), 20) + Housing.allCases.map { DisplayWidth.padLeft(l.housing($0), 10) }.joined() + DisplayWidth.padLeft(l.t("Sum", "Total"), 8)
        below.append([Span(head, Style(.blue, bold: true))])
        for (liv, nums) in view.matrixRows {
            below.append([Span(DisplayWidth.padRight(l.living(liv), 20) + nums.map { DisplayWidth.padLeft(String($0), 10) }.joined() + DisplayWidth.padLeft(String(nums.reduce(0, +)), 8))])
        }
        below.append([Span(l.t("Saksbehandling siste 12 mnd", "Case processing, last 12 months") + ": \(view.decidedLastYear) " + l.t("vedtak", "decisions") + ", \(view.breachesLastYear) " + l.t("over 4 uker uten foreløpig svar", "over 4 weeks without interim reply"), view.breachesLastYear > 0 ? Style(.yellow) : .plain)])
        return below
    }

    static func cases(_ c: ViewContext, _ h: Housing?) -> Panel {
        let s = c.s, l = c.l
        let date = min(c.period.end, s.spanEnd)
        let view = s.waitlist(unit: c.unit, at: date)
        let items = view.cases.filter { h == nil || $0.housing == h }.map { cs -> Item in
            let unit = s.tree[cs.unit]?.shortName ?? cs.unit
            var it = Item([Span(cs.id), Span(unit), Span(l.housing(cs.housing)), Span(l.date(cs.granted)), Span(String(date - cs.granted)),
                           Span(l.living(cs.livingNow), cs.livingNow == .bostedslos ? Style(.red) : .plain),
                           Span(cs.dischargeReady ? l.t("ja", "yes") : "", Style(.yellow))], key: .waitCase(cs.id))
            it.search = cs.id + " " + unit + " " + l.living(cs.livingNow)
            var d = [String]()
            if let r = cs.received { d.append(l.t("Mottatt", "Received") + " " + l.date(r) + ", " + l.t("behandlet på", "processed in") + " \(cs.processingDays ?? 0) " + l.t("dager", "days")) }
            if cs.isProcessingBreach { d.append("⚠ " + l.t("Over 4 uker uten foreløpig svar", "Over 4 weeks without an interim reply")) }
            it.detail = d
            return it
        }
        return Panel(title: (h.map { l.housing($0) } ?? l.t("Alle", "All")) + " · " + l.t("ventende saker, lengst ventetid først", "waiting cases, longest wait first"),
                     columns: [Column(l.t("Sak", "Case"), 14), Column(l.t("Enhet", "Unit"), 0), Column(l.t("Kategori", "Category"), 9),
                               Column(l.t("Vedtak", "Granted"), 11), Column(l.t("Dager", "Days"), 6, right: true),
                               Column(l.t("Bor nå", "Living now"), 18), Column(l.t("Utskr.klar", "Disch.ready"), 10)], items: items)
    }

    static let spec = ScreenSpec(id: .waitlist, title: .screenWaitlist, legend: [.legendWaitlist], build: build)
}
