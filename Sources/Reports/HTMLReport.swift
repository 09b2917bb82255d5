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
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"640\" height=\"230\" viewBox=\"0 0 640 230\" role=\"img\" aria-label=\"\(TertialReport.esc(l[.waitlistByMonth]))\">"
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
    /// The forecast's step curves: the share with a place (0–100 %) by months since the
    /// decision, one line per category with an estimate, each ending where its data end.
    func forecastChart(_ l: L10n) -> String {
        let colors: [Housing?: String] = [.ombps2: "#9ecae1", .ombps3: "#4292c6", .ombps4: "#08519c", .bosenter: "#e6550d", nil: "#1d1d1f"]
        let w = 640.0, h = 220.0, left = 40.0, bottom = 30.0, top = 10.0, right = 10.0
        let days = Double(windowMonths) * 365.25 / 12
        func x(_ d: Double) -> Double { left + (w - left - right) * min(d, days) / days }
        func y(_ p: Double) -> Double { h - bottom - (h - bottom - top) * p }
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"640\" height=\"250\" viewBox=\"0 0 640 250\" role=\"img\" aria-label=\"\(TertialReport.esc(l(ForecastTexts.curveCaption(months: windowMonths))))\">"
        for k in 0...4 {
            let p = Double(k) / 4
            svg += "<line x1=\"\(TertialReport.num(left))\" y1=\"\(TertialReport.num(y(p)))\" x2=\"\(TertialReport.num(w - right))\" y2=\"\(TertialReport.num(y(p)))\" stroke=\"#e0e0e0\"/>"
            svg += "<text x=\"2\" y=\"\(TertialReport.num(y(p) + 3))\">\(k * 25) %</text>"
        }
        for m in stride(from: 0, through: windowMonths, by: windowMonths > 24 ? 6 : 3) {
            svg += "<text x=\"\(TertialReport.num(x(Double(m) * 365.25 / 12)))\" y=\"\(TertialReport.num(h - bottom + 14))\" text-anchor=\"middle\">\(m)</text>"
        }
        svg += "<text x=\"\(TertialReport.num(w - right))\" y=\"\(TertialReport.num(h - bottom + 26))\" text-anchor=\"end\">\(TertialReport.esc(l(ForecastTexts.monthsShort)))</text>"
        var lx = left
        for cat in Housing.allCases.map({ Optional($0) }) + [nil] {
            guard let fc = forecasts[cat], ForecastFigures(fc, display: display, windowMonths: windowMonths).shown, let ci = fc.estimate else { continue }
            // A step curve: flat to each day with an allocation, then up.
            var pts = ["\(TertialReport.num(x(0))),\(TertialReport.num(y(0)))"], last = 0.0
            for st in ci.steps where Double(st.day) <= days {
                let p = st.incidence[0]
                pts.append("\(TertialReport.num(x(Double(st.day)))),\(TertialReport.num(y(last)))")
                pts.append("\(TertialReport.num(x(Double(st.day)))),\(TertialReport.num(y(p)))")
                last = p
            }
            let end = Double(min(ci.lastDay ?? 0, Int(days)))
            pts.append("\(TertialReport.num(x(end))),\(TertialReport.num(y(last)))")
            let name = cat.map { l.housing($0) } ?? l[.all]
            svg += "<polyline fill=\"none\" stroke=\"\(colors[cat]!)\" stroke-width=\"\(cat == nil ? 2.5 : 1.5)\"\(cat == nil ? " stroke-dasharray=\"4 2\"" : "") points=\"\(pts.joined(separator: " "))\"><title>\(TertialReport.esc(name))</title></polyline>"
            svg += "<g class=\"legend\"><rect x=\"\(TertialReport.num(lx))\" y=\"234\" width=\"10\" height=\"10\" fill=\"\(colors[cat]!)\"/><text x=\"\(TertialReport.num(lx + 14))\" y=\"243\">\(TertialReport.esc(name))</text></g>"
            lx += 90
        }
        return svg + "</svg>"
    }

    public func html() -> String {
        let l = L10n(options.lang)
        return BlockWriter.html(document(), lang: options.lang) { self.chart($0, l) }
    }

    static func tone(_ better: Bool?) -> String { better == true ? "better" : (better == false ? "worse" : "") }

    func chart(_ c: Chart, _ l: L10n) -> String {
        switch c {
        case let .trend(i, u): sparkSVG(indicator: i, unit: u)
        case .waitlistMonths: waitlistChart(l)
        case .forecast: forecastChart(l)
        }
    }

}

extension BlockWriter {
    /// One self-contained HTML file (inline CSS; `chart` draws a chart block as inline SVG).
    public static func html(_ blocks: [Block], lang: Lang, chart: (Chart) -> String = { _ in "" }) -> String {
        let l = L10n(lang), e = TertialReport.esc
        var o = "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"\(lang.rawValue)\">\n<head>\n<meta charset=\"utf-8\"/>\n"
        var inSection = false, inHeader = false
        func close() { if inSection { o += "</section>\n"; inSection = false } }
        for block in blocks {
            switch block {
            case .title(let t):
                o += "<title>\(e(t))</title>\n<style>\n\(TertialReport.css)\n</style>\n</head>\n<body>\n<header><h1>\(e(t))</h1>"
                inHeader = true
            case .meta(let t): o += "<p class=\"meta\">\(e(t))</p>"
            case .heading(let h):
                if inHeader { o += "</header>\n"; inHeader = false }
                close()
                o += "<section><h2>\(e(h))</h2>"
                inSection = true
            case .paragraph(let t): o += "<p>\(e(t))</p>"
            case .note(let t): o += "<p class=\"meta\">\(e(t))</p>"
            case .gap: break
            case .statusCounts(let counts): o += "<p class=\"chips\">" + counts.map { "<span>\(TertialReport.statusChip($0.0, l)) \($0.1)</span>" }.joined() + "</p>"
            case .list(let items):
                o += "<ul>" + items.map { it in
                    "<li>\(e(it.text))" + (it.aside.map { " <span class=\"\(TertialReport.tone(it.better))\">\(e($0))</span>" } ?? "") + "</li>"
                }.joined() + "</ul>"
            case .table(let t): o += htmlTable(t, l, chart: chart)
            case .chart(let c, let caption): o += "<p>\(e(caption))</p>" + chart(c)
            }
        }
        if inHeader { o += "</header>\n" }
        close()
        return o + "</body>\n</html>\n"
    }

    static func htmlTable(_ t: ReportTable, _ l: L10n, chart: (Chart) -> String) -> String {
        let e = TertialReport.esc
        func cls(_ c: Int) -> String { t.right.contains(c) ? " class=\"n\"" : "" }
        var o = "<table><thead><tr>" + t.header.enumerated().map { "<th\(cls($0.offset))>\(e($0.element))</th>" }.joined() + "</tr></thead><tbody>"
        for (r, row) in t.rows.enumerated() {
            let tag = t.totalRow && r == t.rows.count - 1 ? "th" : "td"
            o += "<tr>" + row.enumerated().map { c, cell -> String in
                let content: String
                if let ch = cell.chart { content = chart(ch) }
                else if let st = cell.status { content = TertialReport.statusChip(st, l) }
                else if cell.warning && c == 0 { content = "<span class=\"st warn\">\(e(cell.text))</span>" }
                else if let b = cell.better { content = "<span class=\"\(TertialReport.tone(b))\">\(e(cell.text))</span>" }
                else { content = e(cell.text) }
                var attrs = cls(c)
                if cell.warning && c > 0 { attrs += " class=\"warn\"" }
                if let title = cell.title {
                    return "<\(tag)\(attrs)>\(e(cell.text.replacingOccurrences(of: " ⚠", with: ""))) <span class=\"warn\" title=\"\(e(title))\">⚠</span></\(tag)>"
                }
                return "<\(tag)\(attrs)>\(content)</\(tag)>"
            }.joined() + "</tr>"
        }
        return o + "</tbody></table>"
    }
}
