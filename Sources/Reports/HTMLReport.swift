import Model

/// The tertial report as one self-contained HTML file: inline CSS and SVG, no scripts,
/// nothing fetched from the network, well-formed XML, and a print stylesheet for A4.
/// Status colours differ in lightness and always come with a symbol and a word, so a
/// grey print still reads.
extension TertialReport {
    static func esc(_ s: String) -> String {
        var o = ""
        o.reserveCapacity(s.count)
        for ch in s {
            switch ch {
            case "&": o += "&amp;"
            case "<": o += "&lt;"
            case ">": o += "&gt;"
            case "\"": o += "&quot;"
            default: o.append(ch)
            }
        }
        return o
    }

    static func num(_ v: Double) -> String { Format.fixed(v, 1) }

    static let css = """
    :root { --green: #1b7f3b; --yellow: #e0a800; --red: #b3261e; --missing: #6a3d9a; --ink: #1d1d1f; --muted: #666; --line: #d0d0d0; }
    body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color: var(--ink); margin: 24px auto; max-width: 1040px; font-size: 13px; line-height: 1.4; }
    h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 16px; margin: 22px 0 6px; border-bottom: 2px solid var(--ink); padding-bottom: 2px; }
    .meta { color: var(--muted); margin: 0 0 12px; }
    table { border-collapse: collapse; width: 100%; margin: 4px 0 8px; }
    th, td { text-align: left; padding: 3px 6px; border-bottom: 1px solid var(--line); vertical-align: middle; }
    th { font-size: 12px; color: var(--muted); font-weight: 600; }
    td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
    .st { display: inline-block; min-width: 64px; padding: 1px 6px; border-radius: 3px; font-weight: 600; font-size: 12px; white-space: nowrap; }
    .st-green { background: #dff3e4; color: var(--green); border: 1px solid var(--green); }
    .st-yellow { background: #fff4cc; color: #6b5000; border: 1px dashed #6b5000; }
    .st-red { background: var(--red); color: #fff; border: 1px solid var(--red); }
    .st-missing { background: #fff; color: var(--missing); border: 1px dotted var(--missing); }
    .st-none { color: var(--muted); }
    .chips span { margin-right: 10px; }
    .warn { color: #8a5a00; }
    .better { color: var(--green); } .worse { color: var(--red); }
    svg text { font-family: inherit; font-size: 10px; fill: var(--muted); }
    .legend rect { stroke: var(--ink); stroke-width: 0.5; }
    @page { size: A4; margin: 14mm 12mm; }
    @media print {
      body { margin: 0; max-width: none; font-size: 10.5px; }
      h2 { break-after: avoid; } tr, svg { break-inside: avoid; }
      section { break-inside: auto; }
      .st-red { background: #555; color: #fff; } .st-yellow { background: #e6e6e6; color: #000; } .st-green { background: #fff; color: #000; }
    }
    """

    static func statusChip(_ st: Status, _ l: L10n) -> String {
        st == .none ? "<span class=\"st st-none\">–</span>"
            : "<span class=\"st st-\(st.rawValue)\">\(L10n.symbol(st)) \(esc(l.status(st)))</span>"
    }

    static func statusColor(_ st: Status) -> String {
        switch st { case .green: "#1b7f3b"; case .yellow: "#e0a800"; case .red: "#b3261e"; case .missing: "#6a3d9a"; case .none: "#888888" }
    }

    /// A small trend line of the last periods, with the target as a dashed line.
    func sparkSVG(indicator i: Int, unit u: Int) -> String {
        let s = snapshot
        let ind = s.indicators[i]
        let kind = max(ind.frequency.periodKind, .tertial)
        let ps = s.periods.filter { $0.kind == kind && $0.end <= period.end }.suffix(6)
        let vals: [Double?] = ps.map { display.suppressed(s, indicator: i, unit: u, period: $0) ? nil : s.cell(indicator: i, unit: u, period: $0)?.value }
        let target = s.cell(indicator: i, unit: u, period: period)?.target
        let present = vals.compactMap { $0 } + (target.map { [$0] } ?? [])
        let w = 120.0, h = 28.0, pad = 3.0
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"120\" height=\"28\" viewBox=\"0 0 120 28\" role=\"img\" aria-label=\"\(TertialReport.esc(ind.name))\">"
        guard let lo = present.min(), let hi = present.max(), vals.contains(where: { $0 != nil }) else { return svg + "</svg>" }
        let span = hi - lo == 0 ? 1 : hi - lo
        func x(_ k: Int) -> Double { pad + Double(k) * (w - 2 * pad) / Double(max(1, vals.count - 1)) }
        func y(_ v: Double) -> Double { h - pad - (v - lo) / span * (h - 2 * pad) }
        if let t = target {
            svg += "<line x1=\"0\" y1=\"\(TertialReport.num(y(t)))\" x2=\"120\" y2=\"\(TertialReport.num(y(t)))\" stroke=\"#888\" stroke-dasharray=\"3 2\" stroke-width=\"1\"/>"
        }
        let pts = vals.enumerated().compactMap { k, v in v.map { "\(TertialReport.num(x(k))),\(TertialReport.num(y($0)))" } }
        svg += "<polyline fill=\"none\" stroke=\"#1d1d1f\" stroke-width=\"1.5\" points=\"\(pts.joined(separator: " "))\"/>"
        if let lastK = vals.lastIndex(where: { $0 != nil }), let v = vals[lastK] {
            let st = s.cell(indicator: i, unit: u, period: ps[ps.startIndex + lastK])?.status ?? .none
            svg += "<circle cx=\"\(TertialReport.num(x(lastK)))\" cy=\"\(TertialReport.num(y(v)))\" r=\"3\" fill=\"\(TertialReport.statusColor(st))\" stroke=\"#000\" stroke-width=\"0.5\"/>"
        }
        return svg + "</svg>"
    }

    /// Month-end waitlist by category: stacked bars, fills that differ in lightness.
    func waitlistChart(_ l: L10n) -> String {
        let months = waitlistMonths
        let fills: [Housing: String] = [.ombps2: "#c6dbef", .ombps3: "#6baed6", .ombps4: "#2171b5", .bosenter: "#08306b"]
        let w = 640.0, h = 200.0, left = 30.0, bottom = 30.0, top = 18.0
        let maxTotal = max(1, months.map { $0.1.total.waiting }.max() ?? 1)
        let step = (w - left - 10) / Double(max(1, months.count))
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"640\" height=\"230\" viewBox=\"0 0 640 230\" role=\"img\" aria-label=\"\(TertialReport.esc(l.t("Venteliste per måned", "Waitlist by month")))\">"
        for k in 0...4 {
            let v = Double(maxTotal) * Double(k) / 4
            let y = h - bottom - (h - bottom - top) * Double(k) / 4
            svg += "<line x1=\"\(TertialReport.num(left))\" y1=\"\(TertialReport.num(y))\" x2=\"\(TertialReport.num(w - 10))\" y2=\"\(TertialReport.num(y))\" stroke=\"#e0e0e0\"/>"
            svg += "<text x=\"2\" y=\"\(TertialReport.num(y + 3))\">\(Int(v.rounded()))</text>"
        }
        for (k, (p, v)) in months.enumerated() {
            var y = h - bottom
            let x = left + Double(k) * step + step * 0.15
            for hh in Housing.allCases {
                let n = v.byHousing[hh]?.waiting ?? 0
                guard n > 0 else { continue }
                let bh = Double(n) / Double(maxTotal) * (h - bottom - top)
                y -= bh
                let shown = display.isSmall(Double(n)) ? "<\(display.suppressSmall!)" : "\(n)"
                svg += "<rect x=\"\(TertialReport.num(x))\" y=\"\(TertialReport.num(y))\" width=\"\(TertialReport.num(step * 0.7))\" height=\"\(TertialReport.num(bh))\" fill=\"\(fills[hh]!)\" stroke=\"#fff\" stroke-width=\"0.5\"><title>\(TertialReport.esc(l.housing(hh) + " " + l.period(p) + ": " + shown))</title></rect>"
            }
            let total = display.isSmall(Double(v.total.waiting)) ? "<\(display.suppressSmall!)" : "\(v.total.waiting)"
            svg += "<text x=\"\(TertialReport.num(x + step * 0.35))\" y=\"\(TertialReport.num(y - 3))\" text-anchor=\"middle\">\(TertialReport.esc(total))</text>"
            svg += "<text x=\"\(TertialReport.num(x + step * 0.35))\" y=\"\(TertialReport.num(h - bottom + 14))\" text-anchor=\"middle\">\(TertialReport.esc(l.period(p)))</text>"
        }
        var lx = left
        for hh in Housing.allCases {
            svg += "<g class=\"legend\"><rect x=\"\(TertialReport.num(lx))\" y=\"214\" width=\"10\" height=\"10\" fill=\"\(fills[hh]!)\"/><text x=\"\(TertialReport.num(lx + 14))\" y=\"223\">\(TertialReport.esc(l.housing(hh)))</text></g>"
            lx += 90
        }
        return svg + "</svg>"
    }

    public func html() -> String {
        let l = L10n(options.lang), d = display, f = display.format
        let s = snapshot
        let e = TertialReport.esc
        var o = "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"\(options.lang == .nb ? "nb" : "en")\">\n<head>\n<meta charset=\"utf-8\"/>\n"
        let title = l.t("Tertialrapport", "Tertial report") + ": \(s.tree.units[unit].name), \(l.periodLong(period))"
        o += "<title>\(e(title))</title>\n<style>\n\(TertialReport.css)\n</style>\n</head>\n<body>\n"
        o += "<header><h1>\(e(title))</h1><p class=\"meta\">" + e(l.t("Datagrunnlag til og med ", "Data up to and including ") + (options.lang == .nb ? dataDate.norwegian : dataDate.description))
            + " · " + e(l.t("alle tall beregnet på nytt fra enhetenes tall og registrene", "every figure recomputed from the units' figures and the registers")) + "</p>"
        if let n = d.suppressSmall {
            o += "<p class=\"meta\">" + e(l.t("Tall mellom 1 og \(n - 1) er vist som <\(n); andeler bygget på dem som ..", "Counts between 1 and \(n - 1) are shown as <\(n); ratios built on them as ..")) + "</p>"
        }
        o += "</header>\n"
        // Summary
        let c = scorecard.counts, comp = scorecard.completeness
        o += "<section><h2>\(e(l.t("Sammendrag", "Summary")))</h2><p class=\"chips\">"
        for st in [Status.green, .yellow, .red, .missing] { o += "<span>\(TertialReport.statusChip(st, l)) \(c[st] ?? 0)</span>" }
        o += "</p><p>" + e(l.t("Rapportering", "Reporting") + ": \(comp.reported) " + l.t("av", "of") + " \(comp.due) " + l.t("verdier levert", "values delivered")
                           + " (\(Format.plain(comp.percent, .percent, decimalComma: options.lang == .nb)) %)") + "</p>"
        if !biggestChanges.isEmpty {
            o += "<p>\(e(l.t("Største endringer siden forrige periode:", "Biggest changes since the previous period:")))</p><ul>"
            for ch in biggestChanges {
                let ind = s.indicators[ch.indicator]
                let cls = ch.change.better == true ? "better" : "worse"
                o += "<li>\(e(ind.name)): \(e(d.value(s, indicator: ch.indicator, unit: unit, period: period))) <span class=\"\(cls)\">(\(e(f.change(ch.change, ind.unit))))</span></li>"
            }
            o += "</ul>"
        }
        o += "</section>\n"
        // Deviations
        let devs = scorecard.deviations
        o += "<section><h2>\(e(l.t("Avvik", "Deviations"))) (\(devs.count))</h2><table><thead><tr><th>\(e(l.t("Status", "Status")))</th><th>\(e(l.t("Indikator", "Indicator")))</th><th>\(e(l.t("Enhet", "Unit")))</th><th class=\"n\">\(e(l.t("Verdi", "Value")))</th><th class=\"n\">\(e(l.t("Mål", "Target")))</th><th>\(e(l.t("Merknad", "Note")))</th></tr></thead><tbody>"
        let (rows, breaches) = deviationRows()
        for r in rows {
            if let st = r.status {
                o += "<tr><td>\(TertialReport.statusChip(st, l))</td><td>\(e(r.indicator))</td><td>\(e(r.unit))</td><td class=\"n\">\(e(r.value))</td><td class=\"n\">\(e(r.target))</td><td>\(e(r.note))</td></tr>"
            } else {
                o += "<tr><td><span class=\"st warn\">⚠ \(e(l.t("datakvalitet", "data quality")))</span></td><td>\(e(r.indicator))</td><td>\(e(r.unit))</td><td></td><td></td><td class=\"warn\">\(e(r.note))</td></tr>"
            }
        }
        o += "</tbody></table>"
        if breaches > 0 {
            o += "<p>" + e(l.t("I tillegg, søknader behandlet på over 4 uker uten foreløpig svar: \(breaches).", "Also, applications processed in over 4 weeks without an interim reply: \(breaches).")) + "</p>"
        }
        o += "</section>\n"
        // Scorecard
        for persp in scorecard.perspectives {
            let rows = scorecard.scopeRows.filter { s.indicators[$0.indicator].perspective == persp }
            guard !rows.isEmpty else { continue }
            o += "<section><h2>\(e(l.perspective(persp)))</h2><table><thead><tr><th>\(e(l.t("Indikator", "Indicator")))</th><th class=\"n\">\(e(l.t("Verdi", "Value")))</th><th class=\"n\">\(e(l.t("Mål", "Target")))</th><th>\(e(l.t("Status", "Status")))</th><th class=\"n\">\(e(l.t("Siden forrige", "Since last")))</th><th class=\"n\">\(e(l.t("Siden i fjor", "Since a year ago")))</th><th>\(e(l.t("Trend", "Trend")))</th></tr></thead><tbody>"
            for r in rows {
                let ind = s.indicators[r.indicator]
                let hide = d.suppressed(s, indicator: r.indicator, unit: unit, period: period)
                func ch(_ c: Model.Change?) -> String {
                    guard !hide, let c else { return "" }
                    return "<span class=\"\(c.better == true ? "better" : (c.better == false ? "worse" : ""))\">\(e(f.change(c, ind.unit)))</span>"
                }
                let flag = r.warnings.isEmpty ? "" : " <span class=\"warn\" title=\"\(e(r.warnings.map { l.quality($0, snapshot: s) }.joined(separator: "; ")))\">⚠</span>"
                let partial = r.cell.isPartial ? " (\(r.cell.present)/\(r.cell.expected))" : ""
                o += "<tr><td>\(e(ind.name))\(flag)</td><td class=\"n\">\(e(d.value(s, indicator: r.indicator, unit: unit, period: period) + partial))</td><td class=\"n\">\(e(r.cell.target.map { f.value($0, ind.unit) } ?? ""))</td><td>\(TertialReport.statusChip(r.cell.status, l))</td><td class=\"n\">\(ch(r.cell.change))</td><td class=\"n\">\(ch(r.cell.changeYear))</td><td>\(sparkSVG(indicator: r.indicator, unit: unit))</td></tr>"
            }
            o += "</tbody></table></section>\n"
        }
        // Waitlist
        o += "<section><h2>\(e(l.t("Venteliste, bolig", "Housing waitlist") + " " + (options.lang == .nb ? dataDate.norwegian : dataDate.description)))</h2>"
        o += "<table><thead><tr><th>\(e(l.t("Bor nå", "Living now")))</th>" + Housing.allCases.map { "<th class=\"n\">\(e(l.housing($0)))</th>" }.joined() + "<th class=\"n\">\(e(l.t("Sum", "Total")))</th></tr></thead><tbody>"
        for (liv, nums) in waitlist.matrixRows {
            o += "<tr><td>\(e(l.living(liv)))</td>" + nums.map { "<td class=\"n\">\(e(d.count($0)))</td>" }.joined() + "<td class=\"n\">\(e(d.count(nums.reduce(0, +))))</td></tr>"
        }
        o += "<tr><th>\(e(l.t("Sum", "Total")))</th>" + Housing.allCases.map { "<th class=\"n\">\(e(d.count(waitlist.byHousing[$0]?.waiting ?? 0)))</th>" }.joined() + "<th class=\"n\">\(e(d.count(waitlist.total.waiting)))</th></tr></tbody></table>"
        o += "<table><thead><tr><th>\(e(l.t("Kategori", "Category")))</th><th class=\"n\">\(e(l.t("Venter", "Waiting")))</th><th class=\"n\">\(e(l.t("Utskrivningsklare", "Discharge-ready")))</th><th class=\"n\">\(e(l.t("Bostedsløse", "Homeless")))</th><th class=\"n\">\(e(l.t("Median ventetid", "Median wait")))</th><th class=\"n\">\(e(l.t("Lengste", "Longest")))</th></tr></thead><tbody>"
        for h in Housing.allCases.map({ Optional($0) }) + [nil] {
            let cat = h.map { waitlist.byHousing[$0] ?? WaitlistView.Category() } ?? waitlist.total
            o += "<tr><td>\(e(h.map { "\(l.housing($0)) (\(l.housingDescription($0)))" } ?? l.t("Alle", "All")))</td><td class=\"n\">\(e(d.count(cat.waiting)))</td><td class=\"n\">\(e(d.count(cat.dischargeReady)))</td><td class=\"n\">\(e(d.count(cat.homeless)))</td><td class=\"n\">\(e(d.wait(cat.medianWait, over: cat.waiting)))</td><td class=\"n\">\(e(d.wait(cat.maxWait.map(Double.init), over: cat.waiting)))</td></tr>"
        }
        o += "</tbody></table>"
        o += "<p>\(e(l.t("Venteliste ved månedsslutt, siste 12 måneder", "Waitlist at month-end, last 12 months")))</p>" + waitlistChart(l)
        o += "<p>" + e(l.t("Saksbehandling siste 12 måneder", "Case processing, last 12 months") + ": \(waitlist.decidedLastYear) " + l.t("vedtak", "decisions") + ", \(waitlist.breachesLastYear) " + l.t("over 4 uker uten foreløpig svar", "over 4 weeks without an interim reply")) + "</p>"
        if options.withCases && !waitlist.cases.isEmpty {
            o += "<table><thead><tr><th>\(e(l.t("Sak", "Case")))</th><th>\(e(l.t("Enhet", "Unit")))</th><th>\(e(l.t("Kategori", "Category")))</th><th>\(e(l.t("Vedtak", "Granted")))</th><th class=\"n\">\(e(l.t("Dager", "Days")))</th><th>\(e(l.t("Bor nå", "Living now")))</th></tr></thead><tbody>"
            for cs in waitlist.cases {
                o += "<tr><td>\(e(cs.id))</td><td>\(e(s.tree[cs.unit]?.name ?? cs.unit))</td><td>\(e(l.housing(cs.housing)))</td><td>\(e(options.lang == .nb ? cs.granted.norwegian : cs.granted.description))</td><td class=\"n\">\(dataDate - cs.granted)</td><td>\(e(l.living(cs.livingNow)))</td></tr>"
            }
            o += "</tbody></table>"
        }
        o += "</section>\n"
        // IP
        let ip = s.ipIndicators
        if ip.targetGroup != nil {
            o += "<section><h2>\(e(l.t("Individuell plan (IP)", "Individual plan (IP)")))</h2><table><thead><tr><th>\(e(l.t("Periode", "Period")))</th><th class=\"n\">\(e(l.t("Målgruppe", "Target group")))</th><th class=\"n\">\(e(l.t("Med IP", "With IP")))</th><th class=\"n\">\(e(l.t("Ansvarsgruppe uten IP", "Group, no IP")))</th><th class=\"n\">\(e(l.t("Takket nei", "Declined")))</th><th class=\"n\">\(e(l.t("Dekning", "Coverage")))</th><th class=\"n\">\(e(l.t("Mål", "Target")))</th><th>\(e(l.t("Status", "Status")))</th></tr></thead><tbody>"
            for p in ipPeriods {
                func v(_ i: Int?) -> String { i.map { d.value(s, indicator: $0, unit: unit, period: p) } ?? "" }
                let cell = ip.coverage.flatMap { s.cell(indicator: $0, unit: unit, period: p) }
                o += "<tr><td>\(e(l.period(p)))</td><td class=\"n\">\(e(v(ip.targetGroup)))</td><td class=\"n\">\(e(v(ip.withPlan)))</td><td class=\"n\">\(e(v(ip.groupWithoutPlan)))</td><td class=\"n\">\(e(v(ip.declined)))</td><td class=\"n\">\(e(v(ip.coverage)))</td><td class=\"n\">\(e(cell?.target.map { f.value($0, .percent) } ?? ""))</td><td>\(TertialReport.statusChip(cell?.status ?? .none, l))</td></tr>"
            }
            o += "</tbody></table>"
            if let ci = ip.coverage { o += "<p>\(e(l.t("IP-dekning over tid (stiplet: mål)", "IP coverage over time (dashed: target)")))</p>" + sparkSVG(indicator: ci, unit: unit) }
            o += "<p class=\"meta\">\(e(l.t("Kategoriene overlapper og trenger ikke summere til målgruppen.", "The categories overlap and need not add up to the target group.")))</p></section>\n"
        }
        // Reporting
        o += "<section><h2>\(e(l.t("Rapportering", "Reporting")))</h2><table><thead><tr><th>\(e(l.t("Enhet", "Unit")))</th><th class=\"n\">\(e(l.t("Levert", "Delivered")))</th><th class=\"n\">\(e(l.t("Av", "Of")))</th><th class=\"n\">\(e(l.t("Andel", "Share")))</th></tr></thead><tbody>"
        for (u, cmp) in unitCompleteness {
            o += "<tr><td>\(e(s.tree.units[u].name))</td><td class=\"n\">\(cmp.reported)</td><td class=\"n\">\(cmp.due)</td><td class=\"n\">\(e(Format.plain(cmp.percent, .percent, decimalComma: options.lang == .nb))) %</td></tr>"
        }
        o += "</tbody></table>"
        if !comp.missing.isEmpty {
            o += "<ul>" + comp.missing.map { m in
                "<li>\(e(s.tree.units[m.unit].name)): \(e(s.indicators[m.indicator].name)), \(e(l.period(m.period)))\(m.reportedUnknown ? e(l.t(" (rapportert som ukjent)", " (reported as unknown)")) : "")</li>"
            }.joined() + "</ul>"
        }
        o += "</section>\n</body>\n</html>\n"
        return o
    }
}
