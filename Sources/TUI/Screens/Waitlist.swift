import Model
import Reports

extension ScreenID { public static let waitlist = ScreenID("waitlist") }

/// The waitlist screen: the housing waitlist by category, with waits, a 12-month trend and Table 7;
/// Enter lists the waiting cases of a category.
enum WaitlistScreen: ScreenFeature {
    struct LocalState: ScreenState {
        /// Under the list: Table 7 (where applicants live) instead of the selected category's forecast.
        var table7 = false
    }

    enum LocalAction: Hashable, Sendable {
        /// Between the forecast and Table 7.
        case toggleTable7
    }

    static func reduce(_ state: inout LocalState, _ action: LocalAction, _ c: inout ScreenContext) -> [Effect] {
        switch action {
        case .toggleTable7: state.table7.toggle()
        }
        return []
    }

    enum SubPage: Hashable, Sendable {
        /// The cases waiting in one housing category (nil = all).
        case cases(Housing?)
    }

    static func build(_ c: ViewContext) -> Panel {
        switch subPage(c) {
        case .cases(let h): return cases(c, h)
        case nil: return categories(c)
        }
    }

    static func label(_ page: SubPage, _ l: L10n) -> String? {
        switch page { case .cases(let h): h.map { l.housing($0) } ?? l[.all] }
    }

    static func categories(_ c: ViewContext) -> Panel {
        let s = c.snapshot, l = c.text, f = c.format
        let date = min(c.period.end, s.spanEnd)
        let view = s.waitlist(unit: c.unit, at: date)
        let monthly = Views.recent(s, .month, upTo: c.period, 12).map { s.waitlist(unit: c.unit, at: $0.end) }
        let table7 = state(c).table7
        let window = c.input.forecastWindow ?? s.dataset.settings.forecastWindowMonths
        let forecasts = table7 ? [:] : s.forecasts(unit: c.unit, at: date, windowMonths: window)
        var items = [Item]()
        for h in Housing.allCases + [nil] as [Housing?] {
            let cat = h.map { view.byHousing[$0] ?? WaitlistView.Category() } ?? view.total
            let series = monthly.map { m -> Double? in Double(h.map { m.byHousing[$0]?.waiting ?? 0 } ?? m.total.waiting) }
            let name = h.map { "\(l.housing($0)) · \(l.housingDescription($0))" } ?? l[.allCategories]
            var it = Item([Span(name, h == nil ? .bold : .plain), Span(String(cat.waiting)), Span(String(cat.dischargeReady)),
                           Span(String(cat.homeless)), Span(f.value(cat.medianWait, .days)), Span(f.value(cat.maxWait.map(Double.init), .days)),
                           Span(Views.sparkline(series, unicode: c.unicode), Style(.cyan))], key: .housing(h))
            it.action = Self.view(.cases(h), unit: c.input.unit)
            // Which category the month ends are of (issue 23, 18: the line did not say).
            it.detail = [l[.monthEndsLast12Months] + " (" + (h.map { l.housing($0) } ?? l[.allCategories]) + "): " + series.map { String(Int($0 ?? 0)) }.joined(separator: " ")]
            if let fc = forecasts[h] {
                let figures = ForecastFigures(fc, display: Display(lang: c.input.lang), windowMonths: window)
                it.below = forecastLines(figures, h.map { l.housing($0) } ?? l[.allCategories], c)
                // Little's law's warning, where a warning is read: over the month-ends.
                if let w = figures.littleWarning { it.detail.insert(w, at: 0) }
            }
            items.append(it)
        }
        var p = Panel(title: l[.waitlistOn] + " " + l.date(date),
                      columns: [Column(l[.category], 0), Column(l[.colWaiting], 7, right: true),
                                Column(l[.disch], 7, right: true), Column(l[.colHomelessShort], 10, right: true),
                                Column(l[.median], 9, right: true), Column(l[.colLongest], 9, right: true),
                                Column(l[.col12Months], 12)], items: items)
        if table7 {
            p.below = Self.table7(view, l)
        } else {
            // The rows the tallest forecast needs, reserved; each category draws its own.
            p.below = Array(repeating: [Span("")], count: items.map { $0.below?.count ?? 0 }.max() ?? 0)
        }
        return p
    }

    /// The forecast of the selected category (issue 25): what it rests on, the chance of a
    /// place within 3/6/12 months, the median and leaving, the flow, and the step curve of
    /// the share with a place over the window, in block characters.
    static func forecastLines(_ x: ForecastFigures, _ category: String, _ c: ViewContext) -> [[Span]] {
        let l = c.text, w = max(20, c.width - 2)
        let basis = l(ForecastTexts.basis(cases: String(x.forecast.casesInWindow), months: x.windowMonths))
        // Wrapped as drawn: on an ASCII terminal transliterated first (å → aa), so that the
        // longer line is wrapped, not cut at the edge.
        func drawn(_ s: String) -> String { c.unicode ? s : CellBuffer.transliterated(s) }
        var out: [[Span]] = DisplayWidth.wrap(drawn(l(ForecastTexts.panelTitle(category, basis: basis))), w).map { [Span($0, .bold)] }
        for line in x.lines where !line.hasPrefix("⚠") {
            out += DisplayWidth.wrap(drawn(line), w).map { [Span($0)] }
        }
        guard x.shown, let ci = x.forecast.estimate else { return out }
        // Wide terminals get a taller, finer curve.
        let wide = c.width >= 120
        let rows = wide ? 6 : 3, columns = x.windowMonths * (wide ? 4 : 2)
        let curve = ForecastCurve.rows(ci, months: x.windowMonths, columns: columns, rows: rows, unicode: c.unicode)
        // Where the data end, beside the curve's top row when it fits (the curve stops there).
        var ends = ""
        if let last = x.forecast.longestObserved, Double(last) < Double(x.windowMonths) * 30.4 {
            let note = " " + l(ForecastTexts.curveEnds(days: last))
            if 7 + columns + DisplayWidth.of(note) <= w { ends = note }
        }
        for (k, line) in curve.enumerated() {
            var spans = [Span(DisplayWidth.padLeft(k == 0 ? "100 %" : "", 6) + (c.unicode ? "│" : "|"), .dim), Span(line, Style(.cyan))]
            if k == 0 && !ends.isEmpty { spans.append(Span(ends, .dim)) }
            out.append(spans)
        }
        out.append([Span(DisplayWidth.padLeft("0 %", 6) + ForecastCurve.axis(months: x.windowMonths, columns: columns, unit: l(ForecastTexts.monthsShort), unicode: c.unicode), .dim)])
        return out
    }

    /// Table 7: where applicants live now, by housing category; and case processing.
    static func table7(_ view: WaitlistView, _ l: L10n) -> [[Span]] {
        var below: [[Span]] = [[Span("")], [Span(l[.whereApplicantsLiveNow], .bold)]]
        let head = DisplayWidth.padRight(l[.livingNow], 20) + Housing.allCases.map { DisplayWidth.padLeft(l.housing($0), 10) }.joined() + DisplayWidth.padLeft(l[.total], 8)
        below.append([Span(head, Style(.blue, bold: true))])
        for (liv, nums) in view.matrixRows {
            below.append([Span(DisplayWidth.padRight(l.living(liv), 20) + nums.map { DisplayWidth.padLeft(String($0), 10) }.joined() + DisplayWidth.padLeft(String(nums.reduce(0, +)), 8))])
        }
        // The sum row, as the CLI's Table 7 has it (issue 23, 18).
        let sums = Housing.allCases.indices.map { k in view.matrixRows.reduce(0) { $0 + $1.1[k] } }
        below.append([Span(DisplayWidth.padRight(l[.total], 20) + sums.map { DisplayWidth.padLeft(String($0), 10) }.joined() + DisplayWidth.padLeft(String(sums.reduce(0, +)), 8), .bold)])
        below.append([Span(l[.caseProcessingLast12Months] + ": \(view.decidedLastYear) " + l[.decisions] + ", \(view.breachesLastYear) " + l[.over4WeeksWithoutInterim], view.breachesLastYear > 0 ? Style(.yellow) : .plain)])
        return below
    }

    static func cases(_ c: ViewContext, _ h: Housing?) -> Panel {
        let s = c.snapshot, l = c.text
        let date = min(c.period.end, s.spanEnd)
        let view = s.waitlist(unit: c.unit, at: date)
        let items = view.cases.filter { h == nil || $0.housing == h }.map { cs -> Item in
            let unit = s.tree[cs.unit]?.shortName ?? cs.unit
            var it = Item([Span(cs.id), Span(unit), Span(l.housing(cs.housing)), Span(l.date(cs.granted)), Span(String(date - cs.granted)),
                           Span(l.living(cs.livingNow), cs.livingNow == .bostedslos ? Style(.red) : .plain),
                           Span(cs.dischargeReady ? l[.yes] : "", Style(.yellow))], key: .waitCase(cs.id))
            it.search = cs.id + " " + unit + " " + l.living(cs.livingNow)
            var d = [String]()
            if let r = cs.received { d.append(l[.received] + " " + l.date(r) + ", " + l[.processedIn] + " \(cs.processingDays ?? 0) " + l[.days]) }
            if cs.isProcessingBreach { d.append("⚠ " + l[.breachHeading]) }
            it.detail = d
            return it
        }
        return Panel(title: (h.map { l.housing($0) } ?? l[.all]) + " · " + l[.waitingCasesLongestWaitFirst],
                     columns: [Column(l[.colCase], 14), Column(l[.unit], 0), Column(l[.category], 9),
                               Column(l[.granted], 11), Column(l[.colDays], 6, right: true),
                               Column(l[.livingNow], 18), Column(l[.dischReady], 10)], items: items)
    }

    static let id = ScreenID.waitlist
    static let title = Msg.screenWaitlist
    static let legend: [Msg] = [.legendWaitlist, .legendForecast, .legendForecastChance, .legendForecastMedian, .legendForecastLeft,
                                .legendForecastTrend, .legendForecastCurve, .legendForecastLittle]
    static let keys: [Binding] = [Binding([.char("t")], [.screen(.waitlist)], local(.toggleTable7), help: .keyForecastOrTable7, hint: (18, .hintTable7))]
    static let showsRegisters = true
    static let rowsTakeFollowUp = false
}
