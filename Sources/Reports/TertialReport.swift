import Model

/// Options for a tertial report.
public struct ReportOptions: Sendable {
    public var lang: Lang = .nb
    public var suppressSmall: Int?
    /// Case ids appear only when asked for.
    public var withCases = false
    public init(lang: Lang = .nb, suppressSmall: Int? = nil, withCases: Bool = false) {
        self.lang = lang; self.suppressSmall = suppressSmall; self.withCases = withCases
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
            guard let c = r.cell.change, c.better != nil, c.previous != 0 else { return nil }
            if s.indicators[r.indicator].unit == .count && abs(c.previous) < 10 { return nil }
            if disp.suppressed(s, indicator: r.indicator, unit: unit, period: period) || disp.suppressed(s, indicator: r.indicator, unit: unit, period: period.previous) { return nil }
            return Change(indicator: r.indicator, change: c, relative: abs(c.delta / c.previous))
        }.sorted { $0.relative > $1.relative }.prefix(5).map { $0 }
        let date = min(period.end, s.spanEnd)
        waitlist = s.waitlist(unit: unit, at: date)
        waitlistMonths = s.periods.filter { $0.kind == .month && $0.end <= date }.suffix(12).map {
            ($0, s.waitlist(unit: unit, at: $0.end))
        }
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
                if let cell = dv.cell, cell.isPartial {
                    note = l.t("delvis: \(cell.present) av \(cell.expected) verdier", "partial: \(cell.present) of \(cell.expected) values") + (note.isEmpty ? "" : "; " + note)
                }
                rows.append(DeviationRow(status: st, indicator: ind?.name ?? "", unit: unitName,
                                         value: dv.indicator.map { display.value(s, indicator: $0, unit: dv.unit, period: period) } ?? "",
                                         target: dv.cell?.target.map { f.value($0, ind?.unit ?? .count) } ?? "", note: note))
            case .quality(let w):
                if case .processingBreach = w.kind, !options.withCases { hidden += 1; continue }
                rows.append(DeviationRow(status: nil, indicator: ind?.name ?? "", unit: unitName, value: "", target: "", note: l.quality(w, snapshot: s)))
            }
        }
        return (rows, hidden)
    }

    public func text(markdown: Bool) -> String {
        let l = L10n(options.lang), d = display, f = display.format
        let s = snapshot
        var out = ""
        func line(_ x: String = "") { out += x + "\n" }
        func heading(_ h: String, level: Int = 2) {
            line()
            if markdown { line(String(repeating: "#", count: level) + " " + h); line() }
            else { line(h); line(String(repeating: level == 1 ? "=" : "-", count: DisplayWidth.of(h))) }
        }
        func table(_ header: [String], _ rows: [[String]], right: Set<Int>) {
            out += markdown ? Table.markdown(header, rows) : Table.text(header, rows, rightAligned: right)
        }
        let title = l.t("Tertialrapport", "Tertial report") + ": \(s.tree.units[unit].name), \(l.periodLong(period))"
        if markdown { line("# " + title) } else { line(title); line(String(repeating: "=", count: DisplayWidth.of(title))) }
        line()
        line(l.t("Datagrunnlag til og med ", "Data up to and including ") + (options.lang == .nb ? dataDate.norwegian : dataDate.description)
             + " · " + l.t("alle tall beregnet på nytt fra enhetenes tall og registrene", "every figure recomputed from the units' figures and the registers"))
        if let n = display.suppressSmall {
            line(l.t("Tall mellom 1 og \(n - 1) er vist som <\(n); andeler bygget på dem som ..", "Counts between 1 and \(n - 1) are shown as <\(n); ratios built on them as .."))
        }
        // Summary
        heading(l.t("Sammendrag", "Summary"))
        let c = scorecard.counts
        line([Status.green, .yellow, .red, .missing].map { "\(L10n.symbol($0)) \(c[$0] ?? 0) \(l.status($0))" }.joined(separator: " · "))
        let comp = scorecard.completeness
        line(l.t("Rapportering", "Reporting") + ": \(comp.reported) " + l.t("av", "of") + " \(comp.due) " + l.t("verdier levert", "values delivered")
             + " (\(Format.plain(comp.percent, .percent, decimalComma: options.lang == .nb)) %)")
        if !biggestChanges.isEmpty {
            line()
            line(l.t("Største endringer siden forrige periode:", "Biggest changes since the previous period:"))
            for ch in biggestChanges {
                let ind = s.indicators[ch.indicator]
                let now = d.value(s, indicator: ch.indicator, unit: unit, period: period)
                line((markdown ? "- " : "  - ") + "\(ind.name): \(now) (\(f.change(ch.change, ind.unit)))")
            }
        }
        // Deviations first
        let devs = scorecard.deviations
        heading(l.t("Avvik", "Deviations") + " (\(devs.count))")
        if devs.isEmpty { line(l.t("Ingen avvik.", "No deviations.")) }
        let (devRows, breaches) = deviationRows()
        let rows = devRows.map { r in
            [r.status.map { L10n.symbol($0) + " " + l.status($0) } ?? "⚠ " + l.t("datakvalitet", "data quality"), r.indicator, r.unit, r.value, r.target, r.note]
        }
        if !rows.isEmpty {
            table([l.t("Status", "Status"), l.t("Indikator", "Indicator"), l.t("Enhet", "Unit"), l.t("Verdi", "Value"), l.t("Mål", "Target"), l.t("Merknad", "Note")], rows, right: [3, 4])
        }
        if breaches > 0 && !options.withCases {
            line()
            line(l.t("I tillegg, søknader behandlet på over 4 uker uten foreløpig svar: \(breaches) (saksnumre vises med --with-cases).",
                     "Also, applications processed in over 4 weeks without an interim reply: \(breaches) (case ids with --with-cases)."))
        }
        // Scorecard by perspective
        for persp in scorecard.perspectives {
            let prow = scorecard.scopeRows.filter { s.indicators[$0.indicator].perspective == persp }
            guard !prow.isEmpty else { continue }
            heading(l.perspective(persp))
            let body = prow.map { r -> [String] in
                let ind = s.indicators[r.indicator]
                let flag = r.warnings.isEmpty ? "" : " ⚠"
                let partial = r.cell.isPartial ? " (\(r.cell.present)/\(r.cell.expected))" : ""
                let hide = d.suppressed(s, indicator: r.indicator, unit: unit, period: period)
                return [ind.name + flag, d.value(s, indicator: r.indicator, unit: unit, period: period) + partial,
                        r.cell.target.map { f.value($0, ind.unit) } ?? "", l.statusText(r.cell.status),
                        hide ? "" : f.change(r.cell.change, ind.unit), hide ? "" : f.change(r.cell.changeYear, ind.unit)]
            }
            table([l.t("Indikator", "Indicator"), l.t("Verdi", "Value"), l.t("Mål", "Target"), l.t("Status", "Status"),
                   l.t("Siden forrige", "Since last"), l.t("Siden i fjor", "Since a year ago")], body, right: [1, 2])
        }
        // Waitlist
        heading(l.t("Venteliste, bolig", "Housing waitlist") + " " + (options.lang == .nb ? dataDate.norwegian : dataDate.description))
        var wrows = [[String]]()
        for (liv, nums) in waitlist.matrixRows {
            wrows.append([l.living(liv)] + nums.map(d.count) + [d.count(nums.reduce(0, +))])
        }
        wrows.append([l.t("Sum", "Total")] + Housing.allCases.map { d.count(waitlist.byHousing[$0]?.waiting ?? 0) } + [d.count(waitlist.total.waiting)])
        table([l.t("Bor nå", "Living now")] + Housing.allCases.map { l.housing($0) } + [l.t("Sum", "Total")], wrows, right: Set(1...5))
        line()
        let cats: [Housing?] = Housing.allCases.map { $0 } + [nil]
        let crow = cats.map { h -> [String] in
            let cat = h.map { waitlist.byHousing[$0] ?? WaitlistView.Category() } ?? waitlist.total
            return [h.map { "\(l.housing($0)) (\(l.housingDescription($0)))" } ?? l.t("Alle", "All"), d.count(cat.waiting), d.count(cat.dischargeReady),
                    d.count(cat.homeless), d.wait(cat.medianWait, over: cat.waiting), d.wait(cat.maxWait.map(Double.init), over: cat.waiting)]
        }
        table([l.t("Kategori", "Category"), l.t("Venter", "Waiting"), l.t("Utskrivningsklare", "Discharge-ready"), l.t("Bostedsløse", "Homeless"),
               l.t("Median ventetid", "Median wait"), l.t("Lengste", "Longest")], crow, right: [1, 2, 3, 4, 5])
        line()
        line(l.t("Saksbehandling siste 12 måneder", "Case processing, last 12 months") + ": \(waitlist.decidedLastYear) " + l.t("vedtak", "decisions")
             + ", \(waitlist.breachesLastYear) " + l.t("over 4 uker uten foreløpig svar", "over 4 weeks without an interim reply"))
        if options.withCases && !waitlist.cases.isEmpty {
            line()
            let caseRows = waitlist.cases.map { c in
                [c.id, s.tree[c.unit]?.name ?? c.unit, l.housing(c.housing), options.lang == .nb ? c.granted.norwegian : c.granted.description,
                 String(dataDate - c.granted), l.living(c.livingNow)]
            }
            table([l.t("Sak", "Case"), l.t("Enhet", "Unit"), l.t("Kategori", "Category"), l.t("Vedtak", "Granted"), l.t("Dager", "Days"), l.t("Bor nå", "Living now")], caseRows, right: [4])
        }
        // IP
        let ip = s.ipIndicators
        if ip.targetGroup != nil {
            heading(l.t("Individuell plan (IP)", "Individual plan (IP)"))
            let irows = ipPeriods.map { p -> [String] in
                func v(_ i: Int?) -> String { i.map { d.value(s, indicator: $0, unit: unit, period: p) } ?? "" }
                let cell = ip.coverage.flatMap { s.cell(indicator: $0, unit: unit, period: p) }
                return [l.period(p), v(ip.targetGroup), v(ip.withPlan), v(ip.groupWithoutPlan), v(ip.declined), v(ip.coverage),
                        cell?.target.map { f.value($0, .percent) } ?? "", cell.map { l.statusText($0.status) } ?? ""]
            }
            table([l.t("Periode", "Period"), l.t("Målgruppe", "Target group"), l.t("Med IP", "With IP"), l.t("Ansvarsgruppe uten IP", "Group, no IP"),
                   l.t("Takket nei", "Declined"), l.t("Dekning", "Coverage"), l.t("Mål", "Target"), l.t("Status", "Status")], irows, right: [1, 2, 3, 4, 5, 6])
            line()
            line(l.t("Kategoriene overlapper og trenger ikke summere til målgruppen.", "The categories overlap and need not add up to the target group."))
        }
        // Reporting
        heading(l.t("Rapportering", "Reporting"))
        table([l.t("Enhet", "Unit"), l.t("Levert", "Delivered"), l.t("Av", "Of"), l.t("Andel", "Share")],
              unitCompleteness.map { [s.tree.units[$0.0].name, String($0.1.reported), String($0.1.due), Format.plain($0.1.percent, .percent, decimalComma: options.lang == .nb) + " %"] },
              right: [1, 2, 3])
        if !comp.missing.isEmpty {
            line()
            line(l.t("Mangler:", "Missing:"))
            for m in comp.missing {
                let note = m.reportedUnknown ? l.t(" (rapportert som ukjent)", " (reported as unknown)") : ""
                line((markdown ? "- " : "  - ") + "\(s.tree.units[m.unit].name): \(s.indicators[m.indicator].name), \(l.period(m.period))\(note)")
            }
        }
        return out
    }
}
