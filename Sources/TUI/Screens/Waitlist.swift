import Model
import Reports

extension ScreenID { public static let waitlist = ScreenID("waitlist") }

/// The waitlist screen: the housing waitlist by category, with waits, a 12-month trend and Table 7;
/// Enter lists the waiting cases of a category.
enum WaitlistScreen: ScreenFeature {
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
            items.append(it)
        }
        var p = Panel(title: l[.waitlistOn] + " " + l.date(date),
                      columns: [Column(l[.category], 0), Column(l[.colWaiting], 7, right: true),
                                Column(l[.disch], 7, right: true), Column(l[.colHomelessShort], 10, right: true),
                                Column(l[.median], 9, right: true), Column(l[.colLongest], 9, right: true),
                                Column(l[.col12Months], 12)], items: items)
        p.below = table7(view, l)
        return p
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
    static let legend: [Msg] = [.legendWaitlist]
    static let showsRegisters = true
    static let rowsTakeFollowUp = false
}
