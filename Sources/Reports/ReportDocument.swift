import Model
import Store

/// The tertial report as a document: blocks that every writer (text, markdown, HTML)
/// walks. What is in the report and in which order is decided here, once.
public enum Block: Sendable {
    case title(String)
    /// A line about the report itself (data date, suppression).
    case meta(String)
    case heading(String)
    case paragraph(String)
    /// A side remark: a plain line in text, small and grey in HTML.
    case note(String)
    /// A blank line between blocks in text; HTML spaces by its stylesheet.
    case gap
    /// How many values have each status.
    case statusCounts([(Status, Int)])
    case list([ListItem])
    case table(ReportTable)
    /// A picture: drawn in HTML, left out of text (the tables carry the same figures).
    case chart(Chart, caption: String)
}

public struct ListItem: Sendable {
    public var text: String
    /// Shown after the text in parentheses, coloured in HTML when it is better or worse.
    public var aside: String?
    public var better: Bool?
}

public enum Chart: Sendable {
    /// An indicator's last periods for a unit, with the target dashed.
    case trend(indicator: Int, unit: Int)
    /// The waitlist at each month-end, stacked by housing category.
    case waitlistMonths
    /// The waitlist forecast: the share with a place by time since the decision, per category.
    case forecast
}

public struct ReportCell: Sendable {
    public var text: String
    /// Drawn as a status chip in HTML; the text is the symbol and word.
    public var status: Status?
    /// A data-quality cell (warning colour in HTML).
    public var warning = false
    /// A change: better, worse or neither.
    public var better: Bool?
    /// A tooltip in HTML.
    public var title: String?
    /// A chart in the cell (HTML only; empty in text).
    public var chart: Chart?

    public init(_ text: String, status: Status? = nil, warning: Bool = false, better: Bool? = nil, title: String? = nil, chart: Chart? = nil) {
        self.text = text; self.status = status; self.warning = warning; self.better = better; self.title = title; self.chart = chart
    }
}

public struct ReportTable: Sendable {
    public var header: [String]
    public var rows: [[ReportCell]]
    /// Right-aligned (numeric) columns.
    public var right: Set<Int> = []
    /// The last row is a sum (bold in HTML).
    public var totalRow = false
}

extension TertialReport {
    /// The sections of the tertial report, in order.
    public func document() -> [Block] {
        header() + summary() + deviationSection() + followUpSection() + scorecardSections() + waitlistSection() + ipSection() + brukerPlanSection() + reportingSection()
    }

    var l: L10n { L10n(options.lang) }

    func header() -> [Block] {
        var b: [Block] = [.title(l[.tertialReport] + ": \(snapshot.tree.units[unit].name), \(l.periodLong(period))"), .gap,
                          .meta(l[.dataUpToAndIncluding] + l.date(dataDate)
                                + " · " + l[.everyFigureRecomputed])]
        if let n = display.suppressSmall {
            b.append(.meta(l(ReportTexts.smallCountsSuppressed(below: n))))
        }
        return b
    }

    func summary() -> [Block] {
        let c = scorecard.counts, comp = scorecard.completeness, s = snapshot, f = display.format
        var b: [Block] = [.heading(l[.summary]), .statusCounts([Status.green, .yellow, .red, .missing].map { ($0, c[$0] ?? 0) }),
                          .paragraph(l[.reporting] + ": \(comp.reported) " + l[.ofWord] + " \(comp.due) " + l[.valuesDelivered]
                                     + " (\(l.percent(comp.percent)))")]
        if !biggestChanges.isEmpty {
            b += [.gap, .paragraph(l[.biggestChangesSinceThePrevious]),
                  .list(biggestChanges.map { ch in
                      let ind = s.indicators[ch.indicator]
                      return ListItem(text: "\(ind.name): \(display.value(s, indicator: ch.indicator, unit: unit, period: period))",
                                      aside: "(\(f.change(ch.change, ind.unit)))", better: ch.change.better)
                  })]
        }
        return b
    }

    func deviationSection() -> [Block] {
        let devs = scorecard.deviations
        var b: [Block] = [.heading(l[.deviations] + " (\(devs.count))")]
        if devs.isEmpty { b.append(.paragraph(l[.noDeviations])) }
        let (rows, breaches) = deviationRows()
        if !rows.isEmpty {
            b.append(.table(ReportTable(
                header: [l[.status], l[.indicator], l[.unit], l[.value], l[.target], l[.note]],
                rows: rows.map { r in
                    [r.status.map { ReportCell(L10n.symbol($0) + " " + l.status($0), status: $0) } ?? ReportCell("⚠ " + l[.dataQuality], warning: true),
                     ReportCell(r.indicator), ReportCell(r.unit), ReportCell(r.value), ReportCell(r.target), ReportCell(r.note, warning: r.status == nil)]
                }, right: [3, 4])))
            // What the meeting said about them: each deviation's comment and open actions.
            let followed = rows.filter { !$0.followUp.isEmpty }
            if !followed.isEmpty {
                b += [.gap, .paragraph(l[.fuOfDeviations]),
                      .list(followed.map { r in ListItem(text: r.indicator + " · " + r.unit + ": " + r.followUp, aside: nil, better: nil) })]
            }
        }
        if breaches > 0 && !options.withCases {
            b += [.gap, .paragraph(l(ReportTexts.applicationsOverFourWeeks(breaches)))]
        }
        return b
    }

    /// The actions on this period's figures in the scope: overdue, open, done (only with a store).
    func followUpSection() -> [Block] {
        guard options.followUp != nil else { return [] }
        let g = followUpGroups(), s = snapshot
        func items(_ es: [Entry]) -> [Block] {
            if es.isEmpty { return [.paragraph(l[.fuNothing])] }
            return [.list(es.map { a in
                let where_ = (s.tree[a.key.unit.rawValue]?.name ?? a.key.unit.rawValue) + " · " + (s.dataset.indicatorIndex[a.key.indicator.rawValue].map { s.indicators[$0].name } ?? a.key.indicator.rawValue)
                return ListItem(text: actionText(a, l) + (a.note.map { " — " + $0 } ?? ""), aside: "(" + where_ + ")", better: nil)
            })]
        }
        return [.heading(l[.fuSection]), .paragraph(l[.fuOverdueList] + ":")] + items(g.overdue)
            + [.gap, .paragraph(l[.fuOpenList] + ":")] + items(g.open) + [.gap, .paragraph(l[.fuDoneList] + ":")] + items(g.done)
    }

    func scorecardSections() -> [Block] {
        let s = snapshot, d = display, f = display.format
        return scorecard.perspectives.flatMap { persp -> [Block] in
            let rows = scorecard.scopeRows.filter { s.indicators[$0.indicator].perspective == persp }
            guard !rows.isEmpty else { return [] }
            let body = rows.map { r -> [ReportCell] in
                let ind = s.indicators[r.indicator]
                let partial = r.cell.isPartial ? " (\(r.cell.present)/\(r.cell.expected))" : ""
                let hide = d.suppressed(s, indicator: r.indicator, unit: unit, period: r.period)
                func change(_ c: Model.Change?) -> ReportCell { hide || c == nil ? ReportCell("") : ReportCell(f.change(c, ind.unit), better: c?.better) }
                // An annual indicator in a tertial report: its latest year, named.
                let year = r.period == period ? "" : " (" + l.period(r.period) + ")"
                return [ReportCell(ind.name + year + (r.warnings.isEmpty ? "" : " ⚠"), title: r.warnings.isEmpty ? nil : r.warnings.map { l.quality($0, snapshot: s, withCases: options.withCases) }.joined(separator: "; ")),
                        ReportCell(d.value(s, indicator: r.indicator, unit: unit, period: r.period) + partial),
                        ReportCell(r.cell.target.map { f.value($0, ind.unit) } ?? ""), r.cell.isPartial && r.cell.status == .none ? ReportCell(l[.incomplete]) : ReportCell(l.statusText(r.cell.status), status: r.cell.status),
                        // For an annual value "since last" is the year before: one column says it.
                        r.period == period ? change(r.cell.change) : ReportCell(""), change(r.cell.changeYear), ReportCell("", chart: .trend(indicator: r.indicator, unit: unit))]
            }
            // A change counted across a merge carries "*": said once under its table.
            let merged = rows.contains { r in [r.cell.change, r.cell.changeYear].contains { $0?.acrossMerge == true } }
            return [.heading(l.perspective(persp)),
                    .table(ReportTable(header: [l[.indicator], l[.value], l[.target], l[.status],
                                                l[.sinceLast], l[.sinceAYearAgo], l[.trend]],
                                       rows: body, right: [1, 2]))] + (merged ? [.note(l[.legendMerged])] : [])
        }
    }

    func waitlistSection() -> [Block] {
        let s = snapshot, d = display
        var matrix = waitlist.matrixRows.map { liv, nums in [ReportCell(l.living(liv))] + (nums + [nums.reduce(0, +)]).map { ReportCell(d.count($0)) } }
        matrix.append([ReportCell(l[.total])] + (Housing.allCases.map { waitlist.byHousing[$0]?.waiting ?? 0 } + [waitlist.total.waiting]).map { ReportCell(d.count($0)) })
        let cats = (Housing.allCases.map { $0 } + [nil] as [Housing?]).map { h -> [ReportCell] in
            let cat = h.map { waitlist.byHousing[$0] ?? WaitlistView.Category() } ?? waitlist.total
            return [h.map { "\(l.housing($0)) (\(l.housingDescription($0)))" } ?? l[.all], d.count(cat.waiting), d.count(cat.dischargeReady),
                    d.count(cat.homeless), d.wait(cat.medianWait, over: cat.waiting), d.wait(cat.maxWait.map(Double.init), over: cat.waiting)].map { ReportCell($0) }
        }
        var b: [Block] = [
            .heading(l[.housingWaitlist] + " " + l.date(dataDate)),
            .table(ReportTable(header: [l[.livingNow]] + Housing.allCases.map { l.housing($0) } + [l[.total]], rows: matrix, right: Set(1...5), totalRow: true)),
            .gap,
            .table(ReportTable(header: [l[.category], l[.colWaiting], l[.colDischargeReady], l[.colHomeless],
                                        l[.colMedianWait], l[.colLongest]], rows: cats, right: [1, 2, 3, 4, 5])),
            .chart(.waitlistMonths, caption: l[.waitlistAtMonthEndLast]),
            .gap,
            .paragraph(l[.caseProcessingHeading] + ": \(waitlist.decidedLastYear) " + l[.decisions]
                       + ", \(waitlist.breachesLastYear) " + l[.breachPhrase]),
        ]
        // The forecast (issue 25): how long someone granted a place now will wait.
        let (header, rows, notes) = WaitlistReport.forecastTable(forecasts, d, windowMonths)
        b += [.gap, .heading(l(ForecastTexts.reportHeading)),
              .table(ReportTable(header: header, rows: rows.map { $0.map { ReportCell($0) } }, right: Set(1...6))), .gap,
              .paragraph(l(ForecastTexts.method(months: windowMonths, minimum: WaitlistForecast.minimumCases)))]
        for n in notes { b += [.gap, .note(n)] }
        if forecasts.values.contains(where: { ForecastFigures($0, display: d, windowMonths: windowMonths).shown }) {
            b.append(.chart(.forecast, caption: l(ForecastTexts.curveCaption(months: windowMonths))))
        }
        if options.withCases && !waitlist.cases.isEmpty {
            b += [.gap, .table(ReportTable(
                header: [l[.colCase], l[.unit], l[.category], l[.granted], l[.colDays], l[.livingNow]],
                rows: waitlist.cases.map { c in
                    [c.id, s.tree[c.unit]?.name ?? c.unit, l.housing(c.housing), l.date(c.granted), String(dataDate - c.granted), l.living(c.livingNow)].map { ReportCell($0) }
                }, right: [4]))]
        }
        return b
    }

    func ipSection() -> [Block] {
        let s = snapshot, d = display, f = display.format, ip = s.ipIndicators
        guard ip.targetGroup != nil else { return [] }
        let rows = ipPeriods.map { p -> [ReportCell] in
            func v(_ i: Int?) -> ReportCell { ReportCell(i.map { d.value(s, indicator: $0, unit: unit, period: p) } ?? "") }
            let cell = ip.coverage.flatMap { s.cell(indicator: $0, unit: unit, period: p) }
            return [ReportCell(l.period(p)), v(ip.targetGroup), v(ip.withPlan), v(ip.groupWithoutPlan), v(ip.declined), v(ip.coverage),
                    ReportCell(cell?.target.map { f.value($0, .percent) } ?? ""), ReportCell(cell.map { l.statusText($0.status) } ?? "", status: cell?.status ?? Status.none)]
        }
        var b: [Block] = [.heading(l[.individualPlanIp]),
                          .table(ReportTable(header: [l[.period], l[.targetGroup], l[.colWithIP], l[.groupNoIp],
                                                      l[.colDeclined], l[.coverage], l[.target], l[.status]], rows: rows, right: [1, 2, 3, 4, 5, 6]))]
        if let ci = ip.coverage { b.append(.chart(.trend(indicator: ci, unit: unit), caption: l[.ipCoverageOverTimeDashed])) }
        b += [.gap, .note(l[.ipCategoriesOverlap])]
        return b
    }

    /// The BrukerPlan mapping that belongs to the period (the latest in or before its year):
    /// the levels with counts and shares, against the previous mapping; work/activity by
    /// overall level; yellow or red without any plan, and the units where it lies.
    func brukerPlanSection() -> [Block] {
        let ds = snapshot.dataset, d = display
        guard let year = BrukerPlanView.year(for: period, in: ds) else { return [] }
        let coverage = Coverage(ds.tree)
        let v = BrukerPlanView(dataset: ds, unit: unit, year: year, coverage: coverage)
        guard v.mapped > 0 else { return [] }
        let prev = BrukerPlanView.previous(year, in: ds).map { BrukerPlanView(dataset: ds, unit: unit, year: $0, coverage: coverage, unitsAsOf: Period.year(year).end) }.flatMap { $0.mapped > 0 ? $0 : nil }
        let rows = BrukerPlanRow.rows(v), prevRows = prev.map(BrukerPlanRow.rows)
        // A count with its share; a share built on a suppressed count is not shown.
        func cell(_ r: BrukerPlanRow, _ lvl: FunctionLevel) -> ReportCell {
            if r.area != nil && lvl == .bloodRed { return ReportCell("") }
            let n = r.counts[level: lvl]
            return ReportCell(d.isSmall(Double(n)) ? d.count(n) : d.count(n) + " (" + (r.share(lvl).map(l.percent) ?? "–") + ")")
        }
        var header = [l[.bpArea], l[.bpGreen], l[.bpYellow], l[.bpRed], l[.bpBloodRed]]
        if let p = prev { header += [l[.bpRed] + " \(p.year)", l[.bpChange]] }
        let table = rows.enumerated().map { k, r -> [ReportCell] in
            var cells = [ReportCell(l.area(r.area))] + FunctionLevel.allCases.map { cell(r, $0) }
            if let p = prevRows?[k] {
                let small = d.isSmall(Double(r.counts[level: .red] + r.counts[level: .bloodRed])) || d.isSmall(Double(p.counts[level: .red] + p.counts[level: .bloodRed]))
                let delta = r.redShare.flatMap { a in p.redShare.map { a - $0 } }
                cells += [ReportCell(small ? ".." : p.redShare.map(l.percent) ?? "–"),
                          ReportCell(small ? ".." : delta.map(l.points) ?? "", better: delta.flatMap { abs($0) < 0.05 ? nil : $0 < 0 })]
            }
            return cells
        }
        var b: [Block] = [.heading(l[.bpSection]),
                          .paragraph(l(BrukerPlanTexts.reportIntro(year: year, unit: snapshot.tree.units[unit].name, mapped: d.count(v.mapped)))),
                          .table(ReportTable(header: header, rows: table, right: Set(1..<header.count)))]
        if let p = prev { b.append(.note(l(BrukerPlanTexts.reportPrevious(year: p.year)) + " " + l[.legendBrukerPlanChange])) }
        let cross = [2, 1, 0].map { w in
            [ReportCell([l[.bpWorkGreen], l[.bpWorkYellow], l[.bpWorkRed]][w])] + FunctionLevel.allCases.map { ReportCell(d.count(v.workByOverall[w][level: $0])) }
                + [ReportCell(d.count(v.workByOverall[w].reduce(0, +)))]
        }
        b += [.gap, .paragraph(l[.bpCross]),
              .table(ReportTable(header: [l[.bpWorkActivity]] + FunctionLevel.allCases.map(l.level) + [l[.total]], rows: cross, right: [1, 2, 3, 4, 5]))]
        let yr = v.yellowOrRed
        let share = yr > 0 && !d.isSmall(Double(v.yellowOrRedWithoutPlan)) ? l.percent(Double(v.yellowOrRedWithoutPlan) / Double(yr) * 100) : ".."
        b += [.gap, .paragraph(l(BrukerPlanTexts.withoutPlan(d.count(v.yellowOrRedWithoutPlan), of: d.count(yr), share: share, bloodRedWithout: d.count(v.bloodRedWithoutPlan))))]
        let parts = v.parts(ds).sorted { ($0.view.yellowOrRedWithoutPlan, snapshot.tree.units[$1.unit].name) > ($1.view.yellowOrRedWithoutPlan, snapshot.tree.units[$0.unit].name) }
        if parts.count > 1 {
            b.append(.table(ReportTable(header: [l[.unit], l[.bpMapped], l[.bpWithoutPlanCol], l[.bpWithoutPlanShare]], rows: parts.map { u, x in
                let sh = x.yellowOrRed > 0 && !d.isSmall(Double(x.yellowOrRedWithoutPlan)) ? l.percent(Double(x.yellowOrRedWithoutPlan) / Double(x.yellowOrRed) * 100) : ".."
                return [ReportCell(snapshot.tree.units[u].name), ReportCell(d.count(x.mapped)), ReportCell(d.count(x.yellowOrRedWithoutPlan)), ReportCell(sh)]
            }, right: [1, 2, 3])))
        }
        b += [.gap, .note(l(BrukerPlanTexts.plans(ip: d.count(v.withIP), otherPlans: d.count(v.otherPlan), group: d.count(v.group), coordinatorOnly: d.count(v.coordinatorOnly),
                                                   crisis: d.count(v.crisis), men: d.count(v.men), women: d.count(v.women))))]
        return b
    }

    func reportingSection() -> [Block] {
        let s = snapshot, comp = scorecard.completeness
        var b: [Block] = [.heading(l[.reporting]),
                          .table(ReportTable(header: [l[.unit], l[.colDelivered], l[.colOutOf], l[.share]],
                                             rows: unitCompleteness.map { [s.tree.units[$0.0].name, String($0.1.reported), String($0.1.due), l.percent($0.1.percent)].map { ReportCell($0) } },
                                             right: [1, 2, 3]))]
        if !comp.missing.isEmpty {
            b += [.gap, .paragraph(l[.missingHeading]), .list(comp.missing.map { m in
                ListItem(text: "\(s.tree.units[m.unit].name): \(s.indicators[m.indicator].name), \(l.period(m.period))" + (m.reportedUnknown ? l[.reportedAsUnknownNote] : ""))
            })]
        }
        return b
    }
}

// MARK: - Writers

extension TertialReport {
    /// Plain text (underlined headings, aligned tables) or markdown.
    public func text(markdown: Bool) -> String { BlockWriter.text(document(), lang: options.lang, markdown: markdown) }
}

/// Writes a document's blocks as plain text, markdown or one self-contained HTML file: the
/// tertial report and the meeting's minutes are written by the same code.
public enum BlockWriter {
    /// Plain text (underlined headings, aligned tables) or markdown.
    public static func text(_ blocks: [Block], lang: Lang, markdown: Bool) -> String {
        let l = L10n(lang)
        var out = ""
        func line(_ x: String = "") { out += x + "\n" }
        for block in blocks {
            switch block {
            case .title(let t):
                if markdown { line("# " + t) } else { line(t); line(String(repeating: "=", count: DisplayWidth.of(t))) }
            case .meta(let t), .paragraph(let t), .note(let t): line(t)
            case .heading(let h):
                line()
                if markdown { line("## " + h); line() } else { line(h); line(String(repeating: "-", count: DisplayWidth.of(h))) }
            case .gap: line()
            case .statusCounts(let counts): line(counts.map { "\(L10n.symbol($0.0)) \($0.1) \(l.status($0.0))" }.joined(separator: " · "))
            case .list(let items):
                for it in items { line((markdown ? "- " : "  - ") + it.text + (it.aside.map { " " + $0 } ?? "")) }
            case .table(let t):
                // Chart columns have no text: left out.
                let keep = t.header.indices.filter { c in !t.rows.allSatisfy { $0[c].chart != nil } }
                let header = keep.map { t.header[$0] }, rows = t.rows.map { r in keep.map { r[$0].text } }
                out += markdown ? Table.markdown(header, rows) : Table.text(header, rows, rightAligned: Set(keep.indices.filter { t.right.contains(keep[$0]) }))
            case .chart: break
            }
        }
        return out
    }
}
