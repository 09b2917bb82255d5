import Model
import Reports

extension Dashboard {
    /// Draws one frame. Pure: no ncurses, no clock, no files.
    public static func render(_ st: AppState, _ s: Snapshot) -> Screen {
        var scr = Screen(width: st.width, height: st.height)
        let l = L10n(st.lang)
        guard st.width >= minWidth, st.height >= minHeight else {
            tooSmall(&scr, st, l)
            return scr
        }
        let panel = Views.panel(st, s)
        let lay = Layout(st, panel)
        topBar(&scr, st, s, l)
        tabs(&scr, st, l)
        for (k, b) in st.banner.prefix(2).enumerated() {
            let text = (k == 0 ? (st.unicode ? " ⚠ " : " ! ") + l.t("Feil i dataene på disk – viser sist gyldige data: ", "Errors in the data on disk – showing the last good data: ") : "   ") + b
            scr.put(0, 2 + k, DisplayWidth.padRight(DisplayWidth.truncate(text, st.width), st.width), Style(.red, bold: true, reverse: true))
        }
        if st.top.kind == .overview { overview(&scr, st, s, l, lay) }
        else { list(&scr, st, panel, lay, l) }
        bottomLine(&scr, st, panel, l)
        switch st.mode {
        case .help: help(&scr, st, l)
        case let .unitPicker(query, cursor): unitPicker(&scr, st, s, l, query, cursor)
        default: break
        }
        return scr
    }

    static func tooSmall(_ scr: inout Screen, _ st: AppState, _ l: L10n) {
        let lines = [l.t("Vinduet er for lite.", "The window is too small."),
                     l.t("tertial trenger minst \(minWidth)×\(minHeight)", "tertial needs at least \(minWidth)×\(minHeight)"),
                     l.t("(nå \(st.width)×\(st.height)).", "(now \(st.width)×\(st.height))."),
                     l.t("q avslutter", "q quits")]
        let top = max(0, (st.height - lines.count) / 2)
        for (k, t) in lines.enumerated() {
            let text = DisplayWidth.truncate(t, st.width)
            scr.put(max(0, (st.width - DisplayWidth.of(text)) / 2), top + k, text, k == 0 ? .bold : .plain)
        }
    }

    /// Etat ▸ Bergen Vest ▸ IP-dekning ▸ Fyllingsdalen
    public static func breadcrumb(_ st: AppState, _ s: Snapshot) -> [String] {
        let l = L10n(st.lang)
        func name(_ u: Int) -> String { s.tree.units[u].shortName }
        var crumbs = s.tree.path(to: st.stack[0].unit).map(name)
        var lastUnit = st.stack[0].unit
        var lastIndicator: Int? = nil
        for v in st.stack.dropFirst() {
            var label: String? = nil
            switch v.kind {
            case .drill(let i), .history(let i):
                if lastIndicator != i { crumbs.append(s.indicators[i].name); lastIndicator = i }
            case .waitCases(let h): label = h.map { l.housing($0) } ?? l.t("Alle", "All")
            case .reportingMissing: label = l.t("Mangler", "Missing")
            default: break
            }
            if v.unit != lastUnit { crumbs.append(name(v.unit)); lastUnit = v.unit }
            if let label { crumbs.append(label) }
        }
        return crumbs
    }

    static func topBar(_ scr: inout Screen, _ st: AppState, _ s: Snapshot, _ l: L10n) {
        let sep = st.unicode ? " ▸ " : " > "
        let bar = st.unicode ? " │ " : " | "
        let wide = st.width >= 120
        let left = (wide ? " tertial · " : " ") + st.dataName + bar
        let right = bar + (wide ? l.periodLong(st.period) + bar + l.t("lastet ", "loaded ") : l.period(st.period) + bar) + st.loadedAt + " "
        scr.fill(0, 0, st.width, Style(.blue, bold: true, reverse: true))
        let room = st.width - DisplayWidth.of(left) - DisplayWidth.of(right)
        var crumbs = breadcrumb(st, s)
        var text = crumbs.joined(separator: sep)
        // Too long: shorten the crumbs between the first and the last, then drop from the left.
        var cut = 24
        while DisplayWidth.of(text) > room && cut >= 8 && crumbs.count > 2 {
            crumbs = [crumbs[0]] + crumbs.dropFirst().dropLast().map { DisplayWidth.truncate($0, cut) } + [crumbs.last!]
            text = crumbs.joined(separator: sep)
            cut -= 4
        }
        while DisplayWidth.of(text) > room && crumbs.count > 1 {
            crumbs.removeFirst()
            text = "…" + sep + crumbs.joined(separator: sep)
        }
        text = DisplayWidth.padRight(DisplayWidth.truncate(text, max(0, room)), max(0, room))
        scr.put(0, 0, left + text + right, Style(.blue, bold: true, reverse: true))
    }

    static func screenNames(_ l: L10n) -> [String] {
        [l.t("Oversikt", "Overview"), l.t("Styringskort", "Scorecard"), l.t("Venteliste", "Waitlist"), "IP",
         l.t("Avvik", "Deviations"), l.t("Rapportering", "Reporting")]
    }

    static func tabs(_ scr: inout Screen, _ st: AppState, _ l: L10n) {
        var x = 1
        for (k, name) in screenNames(l).enumerated() {
            let on = st.top.kind.screenNumber == k + 1
            x = scr.put(x, 1, " \(k + 1) \(name) ", on ? Style(.cyan, bold: true, reverse: true) : Style(.grey)) + 1
        }
    }

    // MARK: Lists

    /// Column widths for the available width: the flexible column gets what is left,
    /// at least 16; fixed columns shrink from the right when there is too little.
    static func widths(_ cols: [Column], _ avail: Int) -> [Int] {
        var w = cols.map { $0.width }
        let gaps = max(0, cols.count - 1)
        let flexIdx = cols.firstIndex { $0.width == 0 }
        let flexMin = flexIdx == nil ? 0 : 14
        var over = w.reduce(0, +) + gaps + flexMin - avail
        var k = cols.count - 1
        while over > 0 && k >= 0 {
            if k != flexIdx {
                let minW = max(4, min(cols[k].width, 6))
                let cut = min(over, max(0, w[k] - minW))
                w[k] -= cut; over -= cut
            }
            k -= 1
        }
        if let f = flexIdx { w[f] = max(4, avail - (w.reduce(0, +) - w[f]) - gaps) }
        return w
    }

    static func drawRow(_ scr: inout Screen, _ y: Int, _ cells: [Span], _ cols: [Column], _ ws: [Int], selected: Bool, width: Int) {
        var x = 1
        for (c, col) in cols.enumerated() {
            guard c < cells.count else { break }
            let span = cells[c]
            let text = DisplayWidth.truncate(span.text, ws[c])
            let padded = col.right ? DisplayWidth.padLeft(text, ws[c]) : DisplayWidth.padRight(text, ws[c])
            var style = span.style
            if selected { style.reverse = true }
            scr.put(x, y, padded, style)
            x += ws[c] + 1
        }
        if selected { scr.restyle(0, y, width, { $0.reverse = true }) }
    }

    static func list(_ scr: inout Screen, _ st: AppState, _ panel: Panel, _ lay: Layout, _ l: L10n) {
        let v = st.top
        var title = panel.title
        if !v.filter.isEmpty { title += "  [/\(v.filter)]" }
        if !panel.sortNames.isEmpty && v.sort % panel.sortNames.count != 0 {
            title += "  [" + l.t("sortert: ", "sorted: ") + panel.sortNames[v.sort % panel.sortNames.count] + "]"
        }
        let count = panel.items.filter(\.selectable).count
        let pos = panel.items.indices.contains(v.cursor) ? panel.items[..<v.cursor].filter(\.selectable).count + 1 : 0
        let counter = count > 0 ? "\(pos)/\(count) " : ""
        scr.put(1, lay.contentTop, DisplayWidth.truncate(title, st.width - DisplayWidth.of(counter) - 3), .bold)
        scr.put(st.width - DisplayWidth.of(counter), lay.contentTop, counter, .dim)
        let ws = widths(panel.columns, st.width - 2)
        drawRow(&scr, lay.contentTop + 1, panel.columns.map { Span($0.title, Style(.blue, bold: true, underline: true)) },
                panel.columns, ws, selected: false, width: st.width)
        if panel.items.isEmpty {
            let empty = v.filter.isEmpty ? l.t("Ingenting å vise her.", "Nothing to show here.") : l.t("Ingen treff for filteret. Esc fjerner det.", "Nothing matches the filter. Esc clears it.")
            scr.put(2, lay.listTop, empty, .dim)
        }
        for row in 0..<lay.listRows {
            let i = v.offset + row
            guard i < panel.items.count else { break }
            let it = panel.items[i]
            if it.header {
                scr.put(1, lay.listTop + row, DisplayWidth.truncate(it.cells[0].text, st.width - 2), it.cells[0].style)
            } else {
                drawRow(&scr, lay.listTop + row, it.cells, panel.columns, ws, selected: i == v.cursor, width: st.width)
            }
        }
        // Scroll marks.
        if v.offset > 0 { scr.put(st.width - 1, lay.listTop, st.unicode ? "▲" : "^", .dim) }
        if v.offset + lay.listRows < panel.items.count { scr.put(st.width - 1, lay.listTop + lay.listRows - 1, st.unicode ? "▼" : "v", .dim) }
        if panel.items.indices.contains(v.cursor) {
            for (k, d) in panel.items[v.cursor].detail.prefix(lay.detailRows).enumerated() {
                scr.put(1, lay.detailTop + k, DisplayWidth.truncate(d, st.width - 2), d.hasPrefix("⚠") ? Style(.yellow) : .dim)
            }
        }
        for (k, line) in panel.below.enumerated() where lay.belowTop + k < lay.bottom {
            var x = 1
            for span in line { x = scr.put(x, lay.belowTop + k, span.text, span.style, maxWidth: st.width - 1 - x) }
        }
    }

    // MARK: Overview

    static func box(_ scr: inout Screen, _ x: Int, _ y: Int, _ w: Int, _ h: Int, _ title: String, focused: Bool, unicode: Bool) {
        guard w >= 4, h >= 2 else { return }
        let style = focused ? Style(.cyan, bold: true) : Style(.grey)
        let (tl, tr, bl, br, hz, vt) = unicode ? ("┌", "┐", "└", "┘", "─", "│") : ("+", "+", "+", "+", "-", "|")
        scr.put(x, y, tl + String(repeating: hz, count: w - 2) + tr, style)
        for r in 1..<(h - 1) { scr.put(x, y + r, vt, style); scr.put(x + w - 1, y + r, vt, style) }
        scr.put(x, y + h - 1, bl + String(repeating: hz, count: w - 2) + br, style)
        scr.put(x + 2, y, " " + DisplayWidth.truncate(title, w - 6) + " ", focused ? Style(.cyan, bold: true, reverse: true) : .bold)
    }

    static func overview(_ scr: inout Screen, _ st: AppState, _ s: Snapshot, _ l: L10n, _ lay: Layout) {
        let f = Format(lang: st.lang)
        let u = st.top.unit, p = st.period
        let top = lay.contentTop, bottom = lay.bottom
        let h = bottom - top
        let lw = st.width / 2, rw = st.width - lw
        let cur = st.top.cursor
        let titles = Views.overview(st, st.top, s, l).items.map { $0.cells[0].text }
        func inner(_ x: Int, _ y: Int, _ w: Int, _ lines: [[Span]], _ maxLines: Int) {
            for (k, line) in lines.prefix(maxLines).enumerated() {
                var cx = x
                for span in line { cx = scr.put(cx, y + k, span.text, span.style, maxWidth: max(0, x + w - cx)) }
            }
        }
        // Tile 0: status counts.
        let rows = ScorecardReport.rows(s, unit: u, period: p)
        var counts = [Status: Int]()
        for r in rows { counts[r.cell.status, default: 0] += 1 }
        let devs = s.deviations(unit: u, period: p)
        let quality = devs.filter { if case .quality = $0.kind { return true } else { return false } }.count
        let statusH = 6
        box(&scr, 0, top, lw, statusH, titles[0] + " · " + s.tree.units[u].shortName, focused: cur == 0, unicode: st.unicode)
        func count(_ stt: Status) -> [Span] {
            [Views.statusSpan(stt, l, unicode: st.unicode), Span(" \(counts[stt] ?? 0)", .bold), Span(String(repeating: " ", count: max(2, 14 - DisplayWidth.of(l.status(stt)))))]
        }
        inner(2, top + 1, lw - 4, [count(.green) + count(.yellow), count(.red) + count(.missing), [Span((st.unicode ? "⚠ " : "! ") + "\(quality) " + l.t("datakvalitetsvarsler", "data-quality warnings"), quality > 0 ? Style(.yellow) : .dim)],
                                   [Span(l.t("\(rows.count) indikatorer · Enter: styringskortet", "\(rows.count) indicators · Enter: scorecard"), .dim)]], 4)
        // Tile 2: IP coverage.
        let ipH = 6
        box(&scr, 0, top + statusH, lw, ipH, titles[2], focused: cur == 2, unicode: st.unicode)
        let k = s.ipIndicators
        var ipLines: [[Span]] = []
        if let ci = k.coverage, let c = s.cell(indicator: ci, unit: u, period: p) {
            ipLines.append([Span(f.value(c.value, .percent), .bold), Span("  " + l.t("mål", "target") + " " + f.value(c.target, .percent) + "  "), Views.statusSpan(c.status, l, unicode: st.unicode)])
            let ts = Views.recent(s, .tertial, upTo: p, 6)
            let series = ts.map { s.cell(indicator: ci, unit: u, period: $0)?.value }
            ipLines.append([Span(Views.sparkline(series, unicode: st.unicode), Style(.cyan)),
                            Span("  " + (ts.first.map { l.period($0) } ?? "") + "–" + (ts.last.map { l.period($0) } ?? "") + ": " + series.map { $0.map { Format.plain($0, .percent, decimalComma: st.lang == .nb) } ?? "–" }.joined(separator: " "), .dim)])
            if let pi = k.withPlan, let ti = k.targetGroup {
                ipLines.append([Span(l.t("Med IP: ", "With IP: ") + f.value(s.cell(indicator: pi, unit: u, period: p)?.value, .count) + l.t(" av ", " of ")
                                     + f.value(s.cell(indicator: ti, unit: u, period: p)?.value, .count) + l.t(" i målgruppen", " in the target group"))])
            }
            if let gi = k.groupWithoutPlan, let di = k.declined {
                ipLines.append([Span(l.t("Ansvarsgruppe uten IP: ", "Group without IP: ") + f.value(s.cell(indicator: gi, unit: u, period: p)?.value, .count)
                                     + l.t(" · takket nei: ", " · declined: ") + f.value(s.cell(indicator: di, unit: u, period: p)?.value, .count), .dim)])
            }
        } else {
            ipLines.append([Span(l.t("Ingen IP-data for perioden.", "No IP data for the period."), .dim)])
        }
        inner(2, top + statusH + 1, lw - 4, ipLines, ipH - 2)
        // Tile 4: reporting.
        let repTop = top + statusH + ipH
        box(&scr, 0, repTop, lw, h - statusH - ipH, titles[4], focused: cur == 4, unicode: st.unicode)
        let comp = s.completeness(unit: u, period: p)
        var repLines: [[Span]] = [[Span(l.t("Levert: ", "Delivered: ")), Span(Format.plain(comp.percent, .percent, decimalComma: st.lang == .nb) + " %", comp.missing.isEmpty ? Style(.green, bold: true) : Style(.yellow, bold: true)),
                                   Span(" (\(comp.reported) " + l.t("av", "of") + " \(comp.due))")]]
        var byUnit = [Int: Int]()
        for m in comp.missing { byUnit[m.unit, default: 0] += 1 }
        for (unit, n) in byUnit.sorted(by: { $0.value > $1.value }) {
            repLines.append([Span("  " + s.tree.units[unit].shortName + ": "), Span("\(n) " + l.t("mangler", "missing"), Style(.magenta))])
        }
        if byUnit.isEmpty { repLines.append([Span(l.t("Alle enheter har levert.", "Every unit has reported."), Style(.green))]) }
        inner(2, repTop + 1, lw - 4, repLines, h - statusH - ipH - 2)
        // Tile 1: waitlist.
        let wlH = 11
        box(&scr, lw, top, rw, wlH, titles[1] + " · " + (st.lang == .nb ? min(p.end, s.spanEnd).norwegian : min(p.end, s.spanEnd).description), focused: cur == 1, unicode: st.unicode)
        let wv = s.waitlist(unit: u, at: min(p.end, s.spanEnd))
        let maxN = max(1, Housing.allCases.map { wv.byHousing[$0]?.waiting ?? 0 }.max() ?? 1)
        let barW = max(4, rw - 20)
        var wl: [[Span]] = []
        for hh in Housing.allCases {
            let n = wv.byHousing[hh]?.waiting ?? 0
            let len = Int((Double(n) / Double(maxN) * Double(barW)).rounded())
            wl.append([Span(DisplayWidth.padRight(l.housing(hh), 9)), Span(String(repeating: st.unicode ? "█" : "#", count: len), Style(.cyan)), Span(" \(n)", .bold)])
        }
        wl.append([Span(l.t("Venter: ", "Waiting: ") + "\(wv.total.waiting)", .bold), Span(l.t(" · utskrivningsklare ", " · discharge-ready ") + "\(wv.total.dischargeReady)")])
        wl.append([Span(l.t("Bostedsløse: ", "Homeless: ") + "\(wv.total.homeless)", wv.total.homeless > 0 ? Style(.red) : .plain)])
        wl.append([Span(l.t("Ventetid median ", "Median wait ") + f.value(wv.total.medianWait, .days) + l.t(", lengste ", ", longest ") + f.value(wv.total.maxWait.map(Double.init), .days))])
        wl.append([Span(l.t("Uten foreløpig svar > 4 uker: ", "No interim reply > 4 weeks: ") + "\(wv.breachesLastYear)" + l.t(" (12 mnd)", " (12 mo)"), wv.breachesLastYear > 0 ? Style(.yellow) : .dim)])
        inner(lw + 2, top + 1, rw - 4, wl, wlH - 2)
        // Tile 3: worst deviations.
        box(&scr, lw, top + wlH, rw, h - wlH, titles[3] + " (\(devs.count))", focused: cur == 3, unicode: st.unicode)
        var dl: [[Span]] = []
        for d in devs.prefix(max(0, h - wlH - 2)) {
            let name = d.indicator.map { s.indicators[$0].name } ?? ""
            let unitName = s.tree.units[d.unit].shortName
            switch d.kind {
            case .status(let stt):
                let ind = d.indicator.map { s.indicators[$0] }
                dl.append([Span(L10n.symbol(stt, unicode: st.unicode) + " ", Views.statusStyle(stt)),
                           Span(DisplayWidth.padLeft(f.value(d.cell?.value, ind?.unit ?? .count), 8) + " ", .bold), Span(unitName + " · " + name)])
            case .quality:
                dl.append([Span((st.unicode ? "⚠" : "!") + " ", Style(.yellow, bold: true)), Span(String(repeating: " ", count: 9)), Span(unitName + " · " + name)])
            }
        }
        if devs.isEmpty { dl.append([Span(l.t("Ingen avvik.", "No deviations."), Style(.green))]) }
        inner(lw + 2, top + wlH + 1, rw - 4, dl, h - wlH - 2)
    }

    // MARK: Bottom line and overlays

    /// Key hints for the bottom line, most important first; as many as fit are shown.
    static func hints(_ st: AppState, _ l: L10n) -> [String] {
        let nav = st.unicode ? "↑↓" : "Up/Dn"
        switch st.top.kind {
        case .overview:
            return [(st.unicode ? "←→ " : "<> ") + l.t("flis", "tile"), "Enter " + l.t("åpne", "open"), "[ ] " + l.t("periode", "period"),
                    "u " + l.t("enhet", "unit"), "n " + l.t("avvik", "deviation"), "? " + l.t("hjelp", "help"), "q " + l.t("avslutt", "quit"),
                    "e " + l.t("eksport", "export"), "r " + l.t("les inn", "reload")]
        default:
            var h = ["\(nav) " + l.t("velg", "select"), "Enter " + (st.top.kind == .scorecard ? "drill" : l.t("åpne", "open")),
                     "Esc " + l.t("tilbake", "back"), "/ filter", "[ ] " + l.t("periode", "period"), "? " + l.t("hjelp", "help"),
                     "q " + l.t("avslutt", "quit"), "u " + l.t("enhet", "unit"), "n/N " + l.t("avvik", "deviation")]
            if st.top.kind == .scorecard { h.insert("s " + l.t("sorter", "sort"), at: 4) }
            h.append("e " + l.t("eksport", "export"))
            return h
        }
    }

    static func fitting(_ hints: [String], _ width: Int) -> String {
        var out = ""
        var used = 1
        var taken = [String]()
        for h in hints {
            let w = DisplayWidth.of(h) + 2
            if used + w > width { continue }
            taken.append(h); used += w
        }
        // Keep the priority order's selection but show them in the order given.
        out = taken.joined(separator: "  ")
        return out
    }

    static func bottomLine(_ scr: inout Screen, _ st: AppState, _ panel: Panel, _ l: L10n) {
        let y = st.height - 1
        let text: String
        var style = Style(.grey, reverse: true)
        switch st.mode {
        case .filter(let f): text = " / " + f + "▏  " + l.t("(Enter beholder, Esc fjerner)", "(Enter keeps, Esc clears)"); style = Style(.cyan, bold: true, reverse: true)
        case .export(let path): text = " " + l.t("Eksporter til (.md eller .html): ", "Export to (.md or .html): ") + path + "▏  " + l.t("(Enter lagrer, Esc avbryter)", "(Enter saves, Esc cancels)"); style = Style(.cyan, bold: true, reverse: true)
        case .unitPicker: text = " " + l.t("Skriv for å søke · ↑↓ velg · Enter bytt enhet · Esc avbryt", "Type to search · ↑↓ select · Enter switch unit · Esc cancel")
        case .help: text = " " + l.t("Trykk en tast for å lukke hjelpen", "Press a key to close help")
        case .normal:
            if let m = st.message { text = " " + m; style = Style(.yellow, bold: true, reverse: true) }
            else { text = " " + fitting(hints(st, l), st.width - 1) }
        }
        scr.fill(0, y, st.width, style)
        scr.put(0, y, DisplayWidth.truncate(text, st.width), style)
    }

    /// Every key of the current screen, both languages.
    public static func helpLines(_ st: AppState, _ l: L10n) -> [(String, String)] {
        var keys: [(String, String)] = [
            ("↑ ↓  k j", l.t("flytt markøren", "move the cursor")),
            ("PgUp PgDn  Home End", l.t("bla en side, til start/slutt", "page, to the start/end")),
            ("Enter  →  l", l.t("åpne (drill ned)", "open (drill down)")),
            ("Esc  ←  h  Backspace", l.t("tilbake", "back")),
            ("1-6", l.t("Oversikt, Styringskort, Venteliste, IP, Avvik, Rapportering", "Overview, Scorecard, Waitlist, IP, Deviations, Reporting")),
            ("Tab  Shift-Tab", st.top.kind == .overview ? l.t("neste/forrige flis", "next/previous tile") : l.t("neste/forrige skjerm", "next/previous screen")),
            ("[  ]", l.t("forrige/neste tertial", "previous/next tertial")),
            ("u", l.t("velg enhet (søkbar liste)", "choose unit (searchable list)")),
            ("n  N", l.t("neste/forrige avvik, fra hvor som helst", "next/previous deviation, from anywhere")),
            ("/", l.t("filtrer listen på navn", "filter the list by name")),
        ]
        if st.top.kind == .scorecard { keys.append(("s", l.t("sorter: katalog, status, navn, endring", "sort: catalogue, status, name, change"))) }
        keys += [("r", l.t("les dataene på nytt nå", "reload the data now")),
                 ("e", l.t("eksporter som rapport (.md eller .html)", "export as a report (.md or .html)")),
                 ("?", l.t("denne hjelpen", "this help")),
                 ("q  Ctrl-C", l.t("avslutt", "quit"))]
        return keys
    }

    static func help(_ scr: inout Screen, _ st: AppState, _ l: L10n) {
        let keys = helpLines(st, l)
        let title = l.t("Hjelp: ", "Help: ") + screenNames(l)[st.top.kind.screenNumber - 1]
        let legend = l.t("Status: ● grønn  ▲ gul  ✖ rød  ? mangler  ⚠ datakvalitet", "Status: ● green  ▲ yellow  ✖ red  ? missing  ⚠ data quality")
        let w = min(st.width - 4, 76), h = min(st.height - 2, keys.count + 5)
        let x = (st.width - w) / 2, y = (st.height - h) / 2
        for r in 0..<h { scr.put(x, y + r, String(repeating: " ", count: w)) ; scr.fill(x, y + r, w, .plain) }
        box(&scr, x, y, w, h, title, focused: true, unicode: st.unicode)
        for (k, (key, what)) in keys.prefix(h - 4).enumerated() {
            scr.put(x + 2, y + 1 + k, DisplayWidth.padRight(key, 22), Style(.cyan, bold: true))
            scr.put(x + 25, y + 1 + k, DisplayWidth.truncate(what, w - 27))
        }
        scr.put(x + 2, y + h - 2, DisplayWidth.truncate(st.unicode ? legend : legend.replacingOccurrences(of: "●", with: "+").replacingOccurrences(of: "▲", with: "!").replacingOccurrences(of: "✖", with: "x").replacingOccurrences(of: "⚠", with: "!"), w - 4), .dim)
    }

    static func unitPicker(_ scr: inout Screen, _ st: AppState, _ s: Snapshot, _ l: L10n, _ query: String, _ cursor: Int) {
        let units = pickerUnits(s, query)
        let w = min(st.width - 8, 60), h = min(st.height - 4, max(6, units.count + 4))
        let x = (st.width - w) / 2, y = (st.height - h) / 2
        for r in 0..<h { scr.put(x, y + r, String(repeating: " ", count: w)); scr.fill(x, y + r, w, .plain) }
        box(&scr, x, y, w, h, l.t("Velg enhet", "Choose unit"), focused: true, unicode: st.unicode)
        scr.put(x + 2, y + 1, "/ " + query + "▏", Style(.cyan, bold: true))
        let rows = h - 3
        let off = max(0, min(cursor - rows + 1, units.count - rows))
        for k in 0..<rows {
            let i = off + k
            guard i < units.count else { break }
            let u = units[i]
            let unit = s.tree.units[u]
            let active = unit.isActive(on: st.period.end)
            var label = String(repeating: "  ", count: s.tree.depth[u]) + unit.name
            if !active {
                label += unit.to.map { l.t("  (til ", "  (until ") + (st.lang == .nb ? $0.norwegian : $0.description) + ")" }
                    ?? unit.from.map { l.t("  (fra ", "  (from ") + (st.lang == .nb ? $0.norwegian : $0.description) + ")" } ?? ""
            }
            var style: Style = active ? .plain : .dim
            if i == cursor { style.reverse = true }
            scr.put(x + 2, y + 2 + k, DisplayWidth.padRight(DisplayWidth.truncate(label, w - 4), w - 4), style)
        }
    }
}
