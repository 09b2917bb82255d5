import Model
import Store

/// Options for a tertial report.
public struct ReportOptions: Sendable {
    public var lang: Lang = .nb
    public var suppressSmall: Int?
    /// Case ids appear only when asked for.
    public var withCases = false
    /// Comments and actions to show with the deviations (none: the report has no follow-up).
    public var followUp: FollowUpBook?
    /// For overdue actions.
    public var today: Day = Day.today()
    /// Months of grants the waitlist forecast is built on (nil: the catalogue's setting).
    public var windowMonths: Int?
    public init(lang: Lang = .nb, suppressSmall: Int? = nil, withCases: Bool = false, followUp: FollowUpBook? = nil) {
        self.lang = lang; self.suppressSmall = suppressSmall; self.withCases = withCases; self.followUp = followUp
    }
}

/// The tertial report for one unit and period: the content every format shows.
public struct TertialReport: Sendable {
    public struct Change: Sendable {
        public let indicator: Int
        public let change: Model.Change
        public let relative: Double
    }

    public let scorecard: ScorecardReport
    public let options: ReportOptions
    public let display: Display
    /// Largest relative changes since the previous period that are better or worse.
    public let biggestChanges: [Change]
    public let waitlist: WaitlistView
    public let waitlistMonths: [(Period, WaitlistView)]
    /// The waitlist forecast of every category and of all, on the data date.
    public let forecasts: [Housing?: WaitlistForecast]
    public let windowMonths: Int
    public let ipPeriods: [Period]
    /// Completeness of each unit in scope.
    public let unitCompleteness: [(Int, Completeness)]

    public var snapshot: Snapshot { scorecard.snapshot }
    public var unit: Int { scorecard.unit }
    public var period: Period { scorecard.period }
    public var dataDate: Day { min(period.end, snapshot.spanEnd) }

    public init(snapshot s: Snapshot, unit: Int, period: Period, options: ReportOptions = ReportOptions()) {
        scorecard = ScorecardReport(snapshot: s, unit: unit, period: period)
        self.options = options
        display = Display(lang: options.lang, suppressSmall: options.suppressSmall)
        // Relative change, over values large enough to mean something (a count from 1 to 3 is not +200 %),
        // and never over suppressed figures.
        let disp = display
        biggestChanges = scorecard.scopeRows.compactMap { r -> Change? in
            guard r.period == period, let c = r.cell.change, c.better != nil, c.previous != 0 else { return nil }
            if s.indicators[r.indicator].unit == .count && abs(c.previous) < 10 { return nil }
            if disp.suppressed(s, indicator: r.indicator, unit: unit, period: period) || disp.suppressed(s, indicator: r.indicator, unit: unit, period: period.previous) { return nil }
            return Change(indicator: r.indicator, change: c, relative: abs(c.delta / c.previous))
        }.sorted { $0.relative > $1.relative }.prefix(5).map { $0 }
        let date = min(period.end, s.spanEnd)
        waitlist = s.waitlist(unit: unit, at: date)
        waitlistMonths = s.periods.filter { $0.kind == .month && $0.end <= date }.suffix(12).map {
            ($0, s.waitlist(unit: unit, at: $0.end))
        }
        windowMonths = options.windowMonths ?? s.dataset.settings.forecastWindowMonths
        forecasts = s.forecasts(unit: unit, at: date, windowMonths: windowMonths)
        ipPeriods = s.tertials.filter { $0.end <= period.end }.suffix(6).map { $0 }
        unitCompleteness = s.scope(unit, period).map { ($0, s.completeness(unit: $0, period: period)) }.filter { $0.1.due > 0 }
    }
}

// MARK: - Text and markdown

extension TertialReport {
    /// One line of the deviation table, as every format shows it.
    struct DeviationRow {
        /// nil for a data-quality warning.
        let status: Status?
        let indicator: String, unit: String, value: String, target: String, note: String
        /// The figure's comment and its open actions, in words ("" when none).
        var followUp = ""
    }

    /// The follow-up of one figure in a report: its comment and its open actions.
    func followUpText(unit: Int, indicator: Int) -> String {
        guard let book = options.followUp else { return "" }
        let l = L10n(options.lang), s = snapshot
        let key = Entry.Key(unit: UnitID(s.tree.units[unit].id), indicator: IndicatorID(s.indicators[indicator].id), period: period)
        var parts = [String]()
        if let c = book.comment(for: key) { parts.append(l[.comment] + ": " + c.text) }
        for a in book.openActions(for: key) { parts.append(actionText(a, l)) }
        return parts.joined(separator: "; ")
    }

    func actionText(_ a: Entry, _ l: L10n) -> String {
        var parts = [String]()
        if let o = a.owner { parts.append(o) }
        if let d = a.due { parts.append(l[.fuDue].lowercased() + " " + l.date(d)) }
        if let st = a.status { parts.append(l.status(st)) }
        if a.isOverdue(on: options.today) { parts.append(l[.fuOverdue]) }
        return l[.fuWhat] + ": " + a.text + " (" + parts.joined(separator: ", ") + ")"
    }

    /// The scope's actions on this period's figures: overdue, open, done.
    func followUpGroups() -> (overdue: [Entry], open: [Entry], done: [Entry]) {
        guard let book = options.followUp else { return ([], [], []) }
        let all = book.actions(units: snapshot.tree.scopeIDs(unit), openOnly: false, today: options.today).filter { $0.key.period == period }
        return (all.filter { $0.isOverdue(on: options.today) }, all.filter { $0.status?.isOpen == true && !$0.isOverdue(on: options.today) },
                all.filter { $0.status == .done })
    }

    /// The deviation rows and how many processing breaches were left out (their case ids
    /// appear only with `--with-cases`).
    func deviationRows() -> (rows: [DeviationRow], hiddenBreaches: Int) {
        let l = L10n(options.lang), s = snapshot, f = display.format
        var rows = [DeviationRow](), hidden = 0
        for dv in scorecard.deviations {
            let unitName = s.tree.units[dv.unit].name
            let ind = dv.indicator.map { s.indicators[$0] }
            switch dv.kind {
            case .status(let st):
                var note = dv.cell?.comment ?? ""
                if let cell = dv.cell, cell.isPartial, cell.status != .missing {
                    note = l(ReportTexts.incomplete(present: cell.present, expected: cell.expected)) + (note.isEmpty ? "" : "; " + note)
                }
                rows.append(DeviationRow(status: st, indicator: ind?.name ?? "", unit: unitName,
                                         value: dv.indicator.map { display.value(s, indicator: $0, unit: dv.unit, period: period) } ?? "",
                                         target: dv.cell?.target.map { f.value($0, ind?.unit ?? .count) } ?? "", note: note,
                                         followUp: dv.indicator.map { followUpText(unit: dv.unit, indicator: $0) } ?? ""))
            case .quality(let w):
                if case .processingBreach = w.kind, !options.withCases { hidden += 1; continue }
                rows.append(DeviationRow(status: nil, indicator: ind?.name ?? "", unit: unitName, value: "", target: "", note: l.quality(w, snapshot: s, withCases: options.withCases)))
            }
        }
        return (rows, hidden)
    }
}
