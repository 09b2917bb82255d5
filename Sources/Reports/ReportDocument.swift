import Model

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
        header() + summary() + deviationSection() + scorecardSections() + waitlistSection() + ipSection() + reportingSection()
    }

    var l: L10n { L10n(options.lang) }

    func header() -> [Block] {
        var b: [Block] = [.title(l.t("Tertialrapport", "Tertial report") + ": \(snapshot.tree.units[unit].name), \(l.periodLong(period))"), .gap,
                          .meta(l.t("Datagrunnlag til og med ", "Data up to and including ") + l.date(dataDate)
                                + " · " + l.t("alle tall beregnet på nytt fra enhetenes tall og registrene", "every figure recomputed from the units' figures and the registers"))]
        if let n = display.suppressSmall {
            b.append(.meta(l.t("Tall mellom 1 og \(n - 1) er vist som <\(n); andeler bygget på dem som ..", "Counts between 1 and \(n - 1) are shown as <\(n); ratios built on them as ..")))
        }
        return b
    }

    func summary() -> [Block] {
        let c = scorecard.counts, comp = scorecard.completeness, s = snapshot, f = display.format
        var b: [Block] = [.heading(l.t("Sammendrag", "Summary")), .statusCounts([Status.green, .yellow, .red, .missing].map { ($0, c[$0] ?? 0) }),
                          .paragraph(l.t("Rapportering", "Reporting") + ": \(comp.reported) " + l.t("av", "of") + " \(comp.due) " + l.t("verdier levert", "values delivered")
                                     + " (\(l.percent(comp.percent)))")]
        if !biggestChanges.isEmpty {
            b += [.gap, .paragraph(l.t("Største endringer siden forrige periode:", "Biggest changes since the previous period:")),
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
        var b: [Block] = [.heading(l.t("Avvik", "Deviations") + " (\(devs.count))")]
        if devs.isEmpty { b.append(.paragraph(l.t("Ingen avvik.", "No deviations."))) }
        let (rows, breaches) = deviationRows()
        if !rows.isEmpty {
            b.append(.table(ReportTable(
                header: [l.t("Status", "Status"), l.t("Indikator", "Indicator"), l.t("Enhet", "Unit"), l.t("Verdi", "Value"), l.t("Mål", "Target"), l.t("Merknad", "Note")],
                rows: rows.map { r in
                    [r.status.map { ReportCell(L10n.symbol($0) + " " + l.status($0), status: $0) } ?? ReportCell("⚠ " + l.t("datakvalitet", "data quality"), warning: true),
                     ReportCell(r.indicator), ReportCell(r.unit), ReportCell(r.value), ReportCell(r.target), ReportCell(r.note, warning: r.status == nil)]
                }, right: [3, 4])))
        }
        if breaches > 0 && !options.withCases {
            b += [.gap, .paragraph(l.t("I tillegg, søknader behandlet på over 4 uker uten foreløpig svar: \(breaches) (saksnumre vises med --with-cases).",
                                       "Also, applications processed in over 4 weeks without an interim reply: \(breaches) (case ids with --with-cases)."))]
        }
        return b
    }

    func scorecardSections() -> [Block] {
        let s = snapshot, d = display, f = display.format
        return scorecard.perspectives.flatMap { persp -> [Block] in
            let rows = scorecard.scopeRows.filter { s.indicators[$0.indicator].perspective == persp }
            guard !rows.isEmpty else { return [] }
            let body = rows.map { r -> [ReportCell] in
                let ind = s.indicators[r.indicator]
                let partial = r.cell.isPartial ? " (\(r.cell.present)/\(r.cell.expected))" : ""
                let hide = d.suppressed(s, indicator: r.indicator, unit: unit, period: period)
                func change(_ c: Model.Change?) -> ReportCell { hide || c == nil ? ReportCell("") : ReportCell(f.change(c, ind.unit), better: c?.better) }
                return [ReportCell(ind.name + (r.warnings.isEmpty ? "" : " ⚠"), title: r.warnings.isEmpty ? nil : r.warnings.map { l.quality($0, snapshot: s) }.joined(separator: "; ")),
                        ReportCell(d.value(s, indicator: r.indicator, unit: unit, period: period) + partial),
                        ReportCell(r.cell.target.map { f.value($0, ind.unit) } ?? ""), ReportCell(l.statusText(r.cell.status), status: r.cell.status),
                        change(r.cell.change), change(r.cell.changeYear), ReportCell("", chart: .trend(indicator: r.indicator, unit: unit))]
            }
            return [.heading(l.perspective(persp)),
                    .table(ReportTable(header: [l.t("Indikator", "Indicator"), l.t("Verdi", "Value"), l.t("Mål", "Target"), l.t("Status", "Status"),
                                                l.t("Siden forrige", "Since last"), l.t("Siden i fjor", "Since a year ago"), l.t("Trend", "Trend")],
                                       rows: body, right: [1, 2]))]
        }
    }

    func waitlistSection() -> [Block] {
        let s = snapshot, d = display
        var matrix = waitlist.matrixRows.map { liv, nums in [ReportCell(l.living(liv))] + (nums + [nums.reduce(0, +)]).map { ReportCell(d.count($0)) } }
        matrix.append([ReportCell(l.t("Sum", "Total"))] + (Housing.allCases.map { waitlist.byHousing[$0]?.waiting ?? 0 } + [waitlist.total.waiting]).map { ReportCell(d.count($0)) })
        let cats = (Housing.allCases.map { $0 } + [nil] as [Housing?]).map { h -> [ReportCell] in
            let cat = h.map { waitlist.byHousing[$0] ?? WaitlistView.Category() } ?? waitlist.total
            return [h.map { "\(l.housing($0)) (\(l.housingDescription($0)))" } ?? l.t("Alle", "All"), d.count(cat.waiting), d.count(cat.dischargeReady),
                    d.count(cat.homeless), d.wait(cat.medianWait, over: cat.waiting), d.wait(cat.maxWait.map(Double.init), over: cat.waiting)].map { ReportCell($0) }
        }
        var b: [Block] = [
            .heading(l.t("Venteliste, bolig", "Housing waitlist") + " " + l.date(dataDate)),
            .table(ReportTable(header: [l.t("Bor nå", "Living now")] + Housing.allCases.map { l.housing($0) } + [l.t("Sum", "Total")], rows: matrix, right: Set(1...5), totalRow: true)),
            .gap,
            .table(ReportTable(header: [l.t("Kategori", "Category"), l.t("Venter", "Waiting"), l.t("Utskrivningsklare", "Discharge-ready"), l.t("Bostedsløse", "Homeless"),
                                        l.t("Median ventetid", "Median wait"), l.t("Lengste", "Longest")], rows: cats, right: [1, 2, 3, 4, 5])),
            .chart(.waitlistMonths, caption: l.t("Venteliste ved månedsslutt, siste 12 måneder", "Waitlist at month-end, last 12 months")),
            .gap,
            .paragraph(l.t("Saksbehandling siste 12 måneder", "Case processing, last 12 months") + ": \(waitlist.decidedLastYear) " + l.t("vedtak", "decisions")
                       + ", \(waitlist.breachesLastYear) " + l.t("over 4 uker uten foreløpig svar", "over 4 weeks without an interim reply")),
        ]
        if options.withCases && !waitlist.cases.isEmpty {
            b += [.gap, .table(ReportTable(
                header: [l.t("Sak", "Case"), l.t("Enhet", "Unit"), l.t("Kategori", "Category"), l.t("Vedtak", "Granted"), l.t("Dager", "Days"), l.t("Bor nå", "Living now")],
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
        var b: [Block] = [.heading(l.t("Individuell plan (IP)", "Individual plan (IP)")),
                          .table(ReportTable(header: [l.t("Periode", "Period"), l.t("Målgruppe", "Target group"), l.t("Med IP", "With IP"), l.t("Ansvarsgruppe uten IP", "Group, no IP"),
                                                      l.t("Takket nei", "Declined"), l.t("Dekning", "Coverage"), l.t("Mål", "Target"), l.t("Status", "Status")], rows: rows, right: [1, 2, 3, 4, 5, 6]))]
        if let ci = ip.coverage { b.append(.chart(.trend(indicator: ci, unit: unit), caption: l.t("IP-dekning over tid (stiplet: mål)", "IP coverage over time (dashed: target)"))) }
        b += [.gap, .note(l.t("Kategoriene overlapper og trenger ikke summere til målgruppen.", "The categories overlap and need not add up to the target group."))]
        return b
    }

    func reportingSection() -> [Block] {
        let s = snapshot, comp = scorecard.completeness
        var b: [Block] = [.heading(l.t("Rapportering", "Reporting")),
                          .table(ReportTable(header: [l.t("Enhet", "Unit"), l.t("Levert", "Delivered"), l.t("Av", "Of"), l.t("Andel", "Share")],
                                             rows: unitCompleteness.map { [s.tree.units[$0.0].name, String($0.1.reported), String($0.1.due), l.percent($0.1.percent)].map { ReportCell($0) } },
                                             right: [1, 2, 3]))]
        if !comp.missing.isEmpty {
            b += [.gap, .paragraph(l.t("Mangler:", "Missing:")), .list(comp.missing.map { m in
                ListItem(text: "\(s.tree.units[m.unit].name): \(s.indicators[m.indicator].name), \(l.period(m.period))" + (m.reportedUnknown ? l.t(" (rapportert som ukjent)", " (reported as unknown)") : ""))
            })]
        }
        return b
    }
}

// MARK: - Writers

extension TertialReport {
    /// Plain text (underlined headings, aligned tables) or markdown.
    public func text(markdown: Bool) -> String {
        var out = ""
        func line(_ x: String = "") { out += x + "\n" }
        for block in document() {
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
