import Model
import Reports

extension Dashboard {
    /// Draws one frame. Pure: no ncurses, no clock, no files.
    public static func render(_ st: AppState, _ s: Snapshot) -> CellBuffer {
        var scr = CellBuffer(width: st.width, height: st.height)
        scr.ascii = !st.unicode
        let l = L10n(st.lang)
        guard st.width >= minWidth, st.height >= minHeight else {
            tooSmall(&scr, st, l)
            return scr
        }
        let panel = Views.panel(st, s)
        let lay = Layout(st, panel)
        topBar(&scr, st, s, l)
        tabs(&scr, st, l)
        // The banner's two rows: what is shown instead, then the errors, wrapped rather than
        // cut after the lead (the file:line must be readable).
        if !st.banner.isEmpty {
            let lead = (st.unicode ? "⚠ " : "! ") + l[st.bannerPartial ? .errorsRowsLeftOut : .bannerDataErrors]
            let rows = DisplayWidth.wrap(lead + st.banner.joined(separator: " · "), st.width - 2)
            for k in 0..<min(2, rows.count) {
                let text = " " + (k == 1 && rows.count > 2 ? DisplayWidth.truncate(rows[1] + " " + rows[2...].joined(separator: " "), st.width - 2) : rows[k])
                scr.put(0, 2 + k, DisplayWidth.padRight(text, st.width), Style(.red, bold: true, reverse: true))
            }
        }
        if panel.tiles.isEmpty { list(&scr, st, panel, lay, l) }
        else { tiles(&scr, st, panel, lay) }
        bottomLine(&scr, st, panel, l, pending: s.registersPending)
        switch st.mode {
        case .help: help(&scr, st, l)
        case let .unitPicker(query, cursor): unitPicker(&scr, st, s, l, query, cursor)
        default: break
        }
        return scr
    }

    static func tooSmall(_ scr: inout CellBuffer, _ st: AppState, _ l: L10n) {
        let lines = [l[.windowTooSmall],
                     l(DashboardTexts.needsAtLeast(width: minWidth, height: minHeight)),
                     l(DashboardTexts.windowNow(width: st.width, height: st.height)),
                     l[.qQuits]]
        let top = max(0, (st.height - lines.count) / 2)
        for (k, t) in lines.enumerated() {
            let text = DisplayWidth.truncate(t, st.width)
            scr.put(max(0, (st.width - DisplayWidth.of(text)) / 2), top + k, text, k == 0 ? .bold : .plain)
        }
    }

    /// Etat ▸ Bergen Vest ▸ IP-dekning ▸ Fyllingsdalen
    public static func breadcrumb(_ st: AppState, _ s: Snapshot) -> [String] {
        let l = L10n(st.lang)
        func name(_ u: UnitID) -> String { s.tree.position(u).map { s.tree.units[$0].shortName } ?? u.rawValue }
        var crumbs = s.tree.position(st.stack[0].unit).map { s.tree.path(to: $0).map { s.tree.units[$0].shortName } } ?? [name(st.stack[0].unit)]
        var lastUnit = st.stack[0].unit
        var lastIndicator: IndicatorID? = nil
        for v in st.stack.dropFirst() {
            var label: String? = nil
            switch v.kind.page {
            case .drill(let i), .history(let i):
                if lastIndicator != i { crumbs.append(s.position(i).map { s.indicators[$0].name } ?? i.rawValue); lastIndicator = i }
            case .sub(let page): label = Screens.spec(v.kind.screen)?.label(page, l)
            case .root: break
            }
            if v.unit != lastUnit { crumbs.append(name(v.unit)); lastUnit = v.unit }
            if let label { crumbs.append(label) }
        }
        return crumbs
    }

    static func topBar(_ scr: inout CellBuffer, _ st: AppState, _ s: Snapshot, _ l: L10n) {
        let sep = st.unicode ? " ▸ " : " > "
        let bar = st.unicode ? " │ " : " | "
        let wide = st.width >= 120
        let left = (wide ? " tertial · " : " ") + st.dataName + bar
        // The time of the last load is labelled where there is room, and left out where there
        // is not (a bare time reads as a clock that has stopped).
        let right = (st.storeOffline ? bar + l[.fuOffline] : "") + bar + (wide ? l.periodLong(st.period) + bar + l[.loaded] + st.loadedAt : l.period(st.period)) + " "
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

    /// The tab line; `trial` adds screens' titles after the real ones (the golden test of a
    /// tab line with one screen more than there is).
    static func tabs(_ scr: inout CellBuffer, _ st: AppState, _ l: L10n, trial: [String] = []) {
        // The tab of the screen in view: after Enter on an overview tile that is the tile's
        // screen, not the overview (issue 23, 12).
        let current = Screens.all.firstIndex { $0.id == st.top.kind.screen } ?? Screens.all.firstIndex { $0.id == st.screen } ?? 0
        let keys = trial.isEmpty ? Screens.tabKeys : Screens.tabKeys + trial.indices.map { "\(Screens.all.count + $0 + 1)" }
        for (x, text, on) in tabLayout(Screens.all.map { l[$0.title] } + trial, current: current, width: st.width, ascii: scr.ascii, keys: keys) {
            scr.put(x, 1, text, on ? Style(.cyan, bold: true, reverse: true) : Style(.grey))
        }
    }

    /// The tab line for any number of screens (issue 23, 20a): every name whole when they
    /// fit; else the current screen's whole name and the others' numbers (`2`, `3`: the
    /// digit is the key); with still too many, the numbers nearest the current one and
    /// `…` where some are left out. Names are never cut to three letters.
    /// `keys`: the key of each tab (its number when none is given; the meeting screen's `M`).
    static func tabLayout(_ titles: [String], current: Int, width: Int, ascii: Bool, keys: [String]? = nil) -> [(x: Int, text: String, current: Bool)] {
        // Measured as drawn: ASCII terminals get the transliterated names (ø → o, å → aa).
        let names = titles.map { ascii ? CellBuffer.transliterated($0) : $0 }
        func key(_ k: Int) -> String { keys.map { $0[k] } ?? "\(k + 1)" }
        func full(_ k: Int) -> String { " \(key(k)) \(names[k]) " }
        func layout(_ texts: [(Int, String)], gap: Int) -> [(x: Int, text: String, current: Bool)] {
            var x = 1, out = [(x: Int, text: String, current: Bool)]()
            for (k, t) in texts { out.append((x, t, k == current)); x += DisplayWidth.of(t) + gap }
            return out
        }
        func span(_ texts: [(Int, String)], gap: Int) -> Int { texts.map { DisplayWidth.of($0.1) + gap }.reduce(0, +) + 1 }
        let all = names.indices.map { ($0, full($0)) }
        for gap in [1, 0] where span(all, gap: gap) <= width { return layout(all, gap: gap) }
        let numbers = names.indices.map { ($0, $0 == current ? full($0) : " \(key($0)) ") }
        if span(numbers, gap: 0) <= width { return layout(numbers, gap: 0) }
        // Too many even as numbers: a window around the current one, `…` for the rest.
        var lo = current, hi = current
        func windowed() -> [(Int, String)] {
            (lo > 0 ? [(-1, "…")] : []) + (lo...hi).map { numbers[$0] } + (hi < names.count - 1 ? [(-1, "…")] : [])
        }
        var grew = true
        while grew {
            grew = false
            if hi < names.count - 1 { hi += 1; if span(windowed(), gap: 0) > width { hi -= 1 } else { grew = true } }
            if lo > 0 { lo -= 1; if span(windowed(), gap: 0) > width { lo += 1 } else { grew = true } }
        }
        return layout(windowed(), gap: 0)
    }

    // MARK: Lists

    /// Column widths for the available width: the flexible column gets what is left,
    /// at least 16; fixed columns shrink from the right when there is too little.
    /// Numbers are never cut: a right-aligned (numeric) column is at least as wide as its
    /// widest value, and never shrinks below it; the name column gives way instead.
    /// `content` is each column's widest text (`Panel.contentWidths`, measured once when the
    /// panel is built, not on every frame).
    static func widths(_ cols: [Column], _ avail: Int, content: [Int] = []) -> [Int] {
        let need = cols.indices.map { content.indices.contains($0) ? content[$0] : 0 }
        var w = cols.enumerated().map { c, col in col.whole ? max(col.width, need[c]) : col.width }
        let gaps = max(0, cols.count - 1)
        // Flexible columns (width 0) share what is left, at least 14 each.
        let flex = cols.indices.filter { cols[$0].width == 0 }
        var over = w.reduce(0, +) + gaps + 14 * flex.count - avail
        var k = cols.count - 1
        while over > 0 && k >= 0 {
            if !flex.contains(k) {
                let minW = cols[k].whole ? need[k] : max(4, min(cols[k].width, 6))
                let cut = min(over, max(0, w[k] - minW))
                w[k] -= cut; over -= cut
            }
            k -= 1
        }
        // On a wide terminal a name column is no wider than its longest name, so the figures
        // sit next to the names; what is left stays empty at the right.
        // Capped at the content (and at least 14), when the content is known: a column that
        // needs less than its share keeps only what it needs, and the rest goes to the
        // others (a long note beside short names gets the width the names leave).
        var rest = max(4 * flex.count, avail - w.reduce(0, +) - gaps)
        var open = flex
        while !open.isEmpty {
            let total = open.map { cols[$0].weight }.reduce(0, +)
            let capped = content.isEmpty ? [] : open.filter { max(need[$0] + 1, 14) < rest * cols[$0].weight / max(1, total) }
            if capped.isEmpty {
                var given = 0
                for (n, f) in open.enumerated() {
                    w[f] = n == open.count - 1 ? rest - given : rest * cols[f].weight / max(1, total)
                    w[f] = max(4, w[f]); given += w[f]
                }
                break
            }
            for f in capped { w[f] = max(need[f] + 1, 14); rest -= w[f] }
            open.removeAll { capped.contains($0) }
        }
        // What no column needs stays empty at the right.
        if !content.isEmpty { for f in flex { w[f] = min(w[f], max(need[f] + 1, 14)) } }
        return w
    }

    static func drawRow(_ scr: inout CellBuffer, _ y: Int, _ cells: [Span], _ cols: [Column], _ ws: [Int], selected: Bool, width: Int,
                        bar: [BarPart] = [], barColumn: Int? = nil) {
        var x = 1
        for (c, col) in cols.enumerated() {
            guard c < cells.count else { break }
            if c == barColumn, !bar.isEmpty {
                var bx = x
                for (part, w) in zip(bar, BarPart.widths(bar, ws[c] - 1)) where w > 0 {
                    bx = scr.put(bx, y, String(repeating: scr.ascii ? part.asciiGlyph : part.glyph, count: w), part.style)
                }
                x += ws[c] + 1
                continue
            }
            let span = cells[c]
            let text = fit(span.text, ws[c], ascii: scr.ascii)
            let padded = col.right ? DisplayWidth.padLeft(text, ws[c]) : DisplayWidth.padRight(text, ws[c])
            var style = span.style
            if selected { style.reverse = true }
            scr.put(x, y, padded, style)
            x += ws[c] + 1
        }
        if selected { scr.restyle(0, y, width, { $0.reverse = true }) }
    }

    static func list(_ scr: inout CellBuffer, _ st: AppState, _ panel: Panel, _ lay: Layout, _ l: L10n) {
        let v = st.top
        var title = panel.title
        if !v.filter.isEmpty { title += "  [/\(v.filter)]" }
        if !panel.sortNames.isEmpty && v.sort % panel.sortNames.count != 0 {
            title += "  [" + l[.sorted] + panel.sortNames[v.sort % panel.sortNames.count] + "]"
        }
        let count = panel.items.filter(\.selectable).count
        let pos = panel.items.indices.contains(v.cursor) ? panel.items[..<v.cursor].filter(\.selectable).count + 1 : 0
        let counter = count > 0 ? "\(pos)/\(count) " : ""
        scr.put(1, lay.contentTop, DisplayWidth.truncate(title, st.width - DisplayWidth.of(counter) - 3), .bold)
        scr.put(st.width - DisplayWidth.of(counter), lay.contentTop, counter, .dim)
        if panel.matrix { return matrix(&scr, st, panel, lay, l) }
        // One column kept free before the scroll marks, so they never touch a figure or a
        // sparkline (issue 23, 10).
        let ws = widths(panel.columns, st.width - 3, content: panel.contentWidths)
        drawRow(&scr, lay.contentTop + 1, panel.columns.map { Span($0.title, Style(.blue, bold: true, underline: true)) },
                panel.columns, ws, selected: false, width: st.width)
        // An empty list says so, unless the lines under it say why.
        if panel.items.isEmpty && (panel.below.isEmpty || !v.filter.isEmpty) {
            let empty = v.filter.isEmpty ? l[.nothingToShowHere] : l[.nothingMatchesTheFilterEsc]
            scr.put(2, lay.listTop, empty, .dim)
        }
        for row in 0..<lay.listRows {
            let i = v.offset + row
            guard i < panel.items.count else { break }
            let it = panel.items[i]
            if it.header {
                scr.put(1, lay.listTop + row, DisplayWidth.truncate(it.cells[0].text, st.width - 2), it.cells[0].style)
            } else {
                drawRow(&scr, lay.listTop + row, it.cells, panel.columns, ws, selected: i == v.cursor, width: st.width,
                        bar: it.bar, barColumn: panel.barColumn)
            }
        }
        // Scroll marks.
        if v.offset > 0 { scr.put(st.width - 1, lay.listTop, st.unicode ? "▲" : "^", .dim) }
        if v.offset + lay.listRows < panel.items.count { scr.put(st.width - 1, lay.listTop + lay.listRows - 1, st.unicode ? "▼" : "v", .dim) }
        if panel.items.indices.contains(v.cursor) {
            // The selected row's explanation, wrapped over the detail rows rather than cut.
            let lines = panel.items[v.cursor].detail.flatMap { d in
                DisplayWidth.wrap(scr.ascii ? CellBuffer.transliterated(d) : d, st.width - 2).map { ($0, d.hasPrefix("⚠")) }
            }
            for (k, (text, warn)) in lines.prefix(lay.detailRows).enumerated() {
                let last = k == lay.detailRows - 1 && lines.count > lay.detailRows
                scr.put(1, lay.detailTop + k, last ? DisplayWidth.truncate(text + " …", st.width - 2) : text, warn ? Style(.yellow) : .dim)
            }
        }
        let below = panel.items.indices.contains(v.cursor) ? panel.items[v.cursor].below ?? panel.below : panel.below
        for (k, line) in below.enumerated() where lay.belowTop + k < lay.bottom {
            var x = 1
            for span in line { x = scr.put(x, lay.belowTop + k, span.text, span.style, maxWidth: st.width - 1 - x) }
        }
    }

    /// The columns of a matrix that fit beside its first: a window that holds the selected
    /// column, each column as wide as its widest text (figures are never cut).
    static func matrixWindow(_ panel: Panel, _ st: AppState) -> (first: Int, widths: [Int: Int], nameWidth: Int) {
        let content = panel.contentWidths
        // A column is as wide as its widest figure; its title is cut to that (at least 10),
        // and the selected column's whole name is in the line under the matrix.
        func w(_ c: Int) -> Int { max(min(DisplayWidth.of(panel.columns[c].title), 10), panel.columns[c].width, cellWidths(panel, c)) }
        let nameWidth = min(max(12, content.first ?? 12), max(12, st.width / 4))
        let avail = st.width - 2 - nameWidth - 1
        let selected = max(1, min(st.top.column, panel.columns.count - 1))
        // Start at the first column, moving right until the selected one fits.
        var first = 1
        while true {
            var used = 0, last = first - 1
            for c in first..<panel.columns.count {
                if used + w(c) + 1 > avail { break }
                used += w(c) + 1; last = c
            }
            if selected <= last || first >= selected { break }
            first += 1
        }
        var widths = [Int: Int](), used = 0
        for c in first..<max(first, panel.columns.count) {
            if used + w(c) + 1 > avail && !widths.isEmpty { break }
            widths[c] = w(c); used += w(c) + 1
        }
        return (first, widths, nameWidth)
    }

    /// Text cut to a width as it will be drawn: on an ASCII terminal transliterated first
    /// (ø → o, å → aa) and cut with a `.`, so that it still fits after the drawing's own
    /// transliteration (which turns `…` into three dots).
    static func fit(_ s: String, _ width: Int, ascii: Bool) -> String {
        guard ascii else { return DisplayWidth.truncate(s, width) }
        let t = CellBuffer.transliterated(s)
        return t.count <= width ? t : String(t.prefix(max(0, width - 1))) + "."
    }

    /// A matrix's column heads as drawn in their widths (`ws`, the shown columns): the
    /// sorted column's head starts with ↓ (highest first) or ↑; heads that would read the
    /// same once cut ("Barnesamt…" twice) shorten their shared leading words to initials
    /// ("B. gjenno…", "B. ikke g…"), else show their ends, so every head tells its column.
    static func matrixHeaders(_ panel: Panel, _ ws: [Int: Int], ascii: Bool) -> [String] {
        var heads = panel.columns.map(\.title)
        func mark(_ c: Int) -> String {
            guard let s = panel.sortedColumn, s.index == c else { return "" }
            return s.descending ? (ascii ? "v" : "↓") : (ascii ? "^" : "↑")
        }
        func cut(_ c: Int, _ title: String) -> String {
            let m = mark(c), w = ws[c] ?? 0
            return m + fit(title, max(0, w - DisplayWidth.of(m)), ascii: ascii)
        }
        let shown = ws.keys.filter { $0 > 0 }.sorted()
        var drawn = [Int: String]()
        for c in shown { drawn[c] = cut(c, heads[c]) }
        for group in Dictionary(grouping: shown, by: { c in fit(heads[c], ws[c] ?? 0, ascii: ascii) }).values where group.count > 1 {
            let words = group.map { heads[$0].split(separator: " ").map(String.init) }
            var shared = 0
            while words.allSatisfy({ $0.count > shared + 1 }) && Set(words.map { $0[shared] }).count == 1 { shared += 1 }
            var tried = [Int: String]()
            for (k, c) in group.enumerated() {
                let w = words[k]
                let short = w.prefix(shared).map { $0.count > 3 ? String($0.prefix(1)) + "." : $0 } + w.dropFirst(shared)
                tried[c] = cut(c, short.joined(separator: " "))
            }
            if Set(tried.values).count == group.count, shared > 0 {
                for c in group { drawn[c] = tried[c] }
            } else {
                // Their ends, then: "…ikke gjennomført" against "…gjennomført".
                for c in group {
                    let m = mark(c), room = max(1, (ws[c] ?? 0) - DisplayWidth.of(m) - 1)
                    let t = ascii ? CellBuffer.transliterated(heads[c]) : heads[c]
                    drawn[c] = m + (ascii ? "." : "…") + String(t.suffix(room))
                }
            }
        }
        for c in shown { heads[c] = drawn[c]! }
        return heads
    }

    /// The widest cell of a matrix column (its title left out).
    static func cellWidths(_ panel: Panel, _ c: Int) -> Int {
        panel.items.reduce(0) { $1.header || !$1.cells.indices.contains(c) ? $0 : max($0, DisplayWidth.of($1.cells[c].text)) }
    }

    /// A matrix: the first column fixed, the others scrolled so the selected cell shows; the
    /// selected cell in reverse, its row and column marked.
    static func matrix(_ scr: inout CellBuffer, _ st: AppState, _ panel: Panel, _ lay: Layout, _ l: L10n) {
        let v = st.top
        let (first, ws, nameW) = matrixWindow(panel, st)
        let shown = ws.keys.sorted()
        func draw(_ y: Int, _ cells: [Span], header: Bool, row: Int?) {
            let name = cells.first ?? Span("")
            var style = name.style
            if header { style = Style(.blue, bold: true, underline: true) }
            if row == v.cursor { style.bold = true }
            scr.put(1, y, DisplayWidth.padRight(fit(name.text, nameW, ascii: scr.ascii), nameW), style)
            var x = 1 + nameW + 1
            for c in shown {
                let span = c < cells.count ? cells[c] : Span("")
                let text = DisplayWidth.padLeft(scr.ascii ? CellBuffer.transliterated(span.text) : span.text, ws[c]!)
                var st2 = header ? Style(.blue, bold: true, underline: true) : span.style
                if header && c == v.column { st2.reverse = true }
                if row == v.cursor && c == v.column { st2.reverse = true; st2.bold = true }
                scr.put(x, y, text, st2)
                x += ws[c]! + 1
            }
        }
        draw(lay.contentTop + 1, matrixHeaders(panel, ws, ascii: scr.ascii).map { Span($0) }, header: true, row: nil)
        for row in 0..<lay.listRows {
            let i = v.offset + row
            guard i < panel.items.count else { break }
            let it = panel.items[i]
            if it.header { scr.put(1, lay.listTop + row, DisplayWidth.truncate(it.cells[0].text, st.width - 2), it.cells[0].style) }
            else { draw(lay.listTop + row, it.cells, header: false, row: i) }
        }
        // Sideways: marks where more columns are.
        if first > 1 { scr.put(1 + nameW, lay.contentTop + 1, st.unicode ? "◀" : "<", .dim) }
        if let last = shown.last, last < panel.columns.count - 1 { scr.put(st.width - 1, lay.contentTop + 1, st.unicode ? "▶" : ">", .dim) }
        if panel.items.indices.contains(v.cursor) {
            let it = panel.items[v.cursor]
            let lines = (it.cellDetail[v.column] ?? it.detail).flatMap { DisplayWidth.wrap($0, st.width - 2) }
            for (k, text) in lines.prefix(lay.detailRows).enumerated() { scr.put(1, lay.detailTop + k, text, .dim) }
        }
    }

    // MARK: Overview

    static func box(_ scr: inout CellBuffer, _ x: Int, _ y: Int, _ w: Int, _ h: Int, _ title: String, focused: Bool, unicode: Bool) {
        guard w >= 4, h >= 2 else { return }
        let style = focused ? Style(.cyan, bold: true) : Style(.grey)
        let (tl, tr, bl, br, hz, vt) = unicode ? ("┌", "┐", "└", "┘", "─", "│") : ("+", "+", "+", "+", "-", "|")
        scr.put(x, y, tl + String(repeating: hz, count: w - 2) + tr, style)
        for r in 1..<(h - 1) { scr.put(x, y + r, vt, style); scr.put(x + w - 1, y + r, vt, style) }
        scr.put(x, y + h - 1, bl + String(repeating: hz, count: w - 2) + br, style)
        scr.put(x + 2, y, " " + DisplayWidth.truncate(title, w - 6) + " ", focused ? Style(.cyan, bold: true, reverse: true) : .bold)
    }

    /// The overview: each tile in its frame, its lines clipped to the box.
    static func tiles(_ scr: inout CellBuffer, _ st: AppState, _ panel: Panel, _ lay: Layout) {
        let frames = TileLayout.frames(panel.tiles, width: st.width, top: lay.contentTop, bottom: lay.bottom)
        for (k, (tile, r)) in zip(panel.tiles, frames).enumerated() {
            box(&scr, r.x, r.y, r.w, r.h, tile.title, focused: k == st.top.cursor, unicode: st.unicode)
            for (row, line) in tile.lines.prefix(max(0, r.h - 2)).enumerated() {
                drawLine(&scr, line, x: r.x + 2, y: r.y + 1 + row, width: r.w - 4)
            }
        }
    }

    /// Spans side by side in a width; a line too long ends in "…" where it is cut, never
    /// mid-word without a mark.
    static func drawLine(_ scr: inout CellBuffer, _ line: [Span], x: Int, y: Int, width: Int) {
        let total = line.map { DisplayWidth.of(scr.ascii ? CellBuffer.transliterated($0.text) : $0.text) }.reduce(0, +)
        var cx = x
        var room = width
        for span in line {
            guard room > 0 else { break }
            let text = scr.ascii ? CellBuffer.transliterated(span.text) : span.text
            let w = DisplayWidth.of(text)
            let shown = total > width && w >= room ? DisplayWidth.truncate(text, room, ellipsis: scr.ascii ? "." : "…") : text
            cx = scr.put(cx, y, shown, span.style, maxWidth: room)
            room = width - (cx - x)
        }
    }

    // MARK: Bottom line and overlays

    /// The hints that fit, most important first: the least important go first, and the
    /// help key (`?`) is always kept, so every other key can be found.
    static func fitting(_ hints: [String], _ width: Int) -> String {
        // Each hint measured once, the running width kept (it was measured again with every
        // hint added: the keys benchmark spent 7 % of its instructions in DisplayWidth).
        let widths = hints.map { DisplayWidth.of($0) + 2 }
        var taken = [Int](), used = 1
        for k in hints.indices {
            guard used + widths[k] <= width else { break }
            taken.append(k); used += widths[k]
        }
        if let help = hints.firstIndex(where: { $0.hasPrefix("? ") }), !taken.contains(help) {
            while let last = taken.last, used + widths[help] > width { taken.removeLast(); used -= widths[last] }
            taken.append(help)
        }
        return taken.map { hints[$0] }.joined(separator: "  ")
    }

    /// A meeting question in words.
    static func confirmation(_ q: Confirmation, _ st: AppState, _ l: L10n) -> String {
        switch q {
        case let .openMeeting(_, period, name):
            return l(DashboardTexts.confirmOpenMeeting(name + ", " + l.period(period)))
        case .endMeeting(let id): return l(DashboardTexts.confirmEndMeeting(id, left: st.meeting?.left ?? 0))
        case let .resumeMeeting(id, scope):
            return l(DashboardTexts.meetingLeftOpen(id, scope))
        }
    }

    static func bottomLine(_ scr: inout CellBuffer, _ st: AppState, _ panel: Panel, _ l: L10n, pending: Bool = false) {
        let y = st.height - 1
        let text: String
        var style = Style(.grey, reverse: true)
        switch st.mode {
        case .filter(let f): text = " / " + f + "▏  " + l[.enterKeepsEscClears]; style = Style(.cyan, bold: true, reverse: true)
        case .export(let line):
            text = " " + l[st.minutesFor == nil ? .exportPrompt : .minutesPrompt] + ": " + line.shown(bar: st.unicode ? "▏" : "|") + "  " + l(DashboardTexts.exportKeys(endings: ReportFormat.allExtensions))
            style = Style(.cyan, bold: true, reverse: true)
            // Why the last name was refused, above the prompt that holds it again.
            if let m = st.message ?? st.promptNote, y > 0 {
                let tone = st.message == nil ? Style(.cyan, bold: true, reverse: true) : Style(.red, bold: true, reverse: true)
                scr.fill(0, y - 1, st.width, tone)
                scr.put(0, y - 1, DisplayWidth.truncate(" " + m, st.width), tone)
            }
        case .confirmOverwrite(let path): text = " " + l(DashboardTexts.confirmOverwrite(path)); style = Style(.yellow, bold: true, reverse: true)
        case .followUp(let form): return followUpForm(&scr, st, form, l)
        case .confirm(let q): text = " " + confirmation(q, st, l); style = Style(.yellow, bold: true, reverse: true)
        case .unitPicker: text = " " + l[.typeToSearchSelectEnter]
        case .help: text = " " + l[.pressAKeyToClose]
        case .normal:
            if let m = st.message { text = " " + m; style = Style(.yellow, bold: true, reverse: true) }
            else if pending { text = " " + l[.registersLoading]; style = Style(.cyan, bold: true, reverse: true) }
            else { text = " " + fitting(Keymap.hints(st, l), st.width - 1) }
        }
        scr.fill(0, y, st.width, style)
        scr.put(0, y, DisplayWidth.truncate(text, st.width), style)
    }

    /// The comment/action input over the bottom rows: a line with the privacy reminder (or
    /// why the last save was refused), then the field being typed, wrapped (never cut) over
    /// up to three rows, and the fields already filled in.
    static func followUpForm(_ scr: inout CellBuffer, _ st: AppState, _ form: FollowUpForm, _ l: L10n) {
        let w = st.width
        var rows = [(String, Style)]()
        let input = Style(.cyan, bold: true, reverse: true)
        for (k, field) in form.fields.enumerated() {
            let counter = form.fields.count > 1 ? " \(k + 1)/\(form.fields.count)" : ""
            let label = " " + l[form.labels[k]] + counter + ": "
            let body = k == form.index ? field.shown(bar: st.unicode ? "▏" : "|") : field.string
            let wrapped = DisplayWidth.wrap(label + body, w - 1)
            // The current field shows its end (where one types); the others their start.
            let shown = k == form.index ? Array(wrapped.suffix(3)) : Array(wrapped.prefix(1))
            for line in shown { rows.append((line, k == form.index ? input : Style(.grey, reverse: true))) }
        }
        // Why a save was refused, wrapped (the reason must be read whole).
        let top: [(String, Style)] = form.error.map { e in DisplayWidth.wrap(e, w - 2).prefix(2).map { (" " + $0, Style(.red, bold: true, reverse: true)) } }
            ?? [(" " + l[.fuNoPrivacy] + " · " + l[.fuFormKeys], Style(.yellow, reverse: true))]
        rows.insert(contentsOf: top, at: 0)
        let first = st.height - rows.count
        for (k, (text, style)) in rows.enumerated() where first + k >= 2 {
            scr.put(0, first + k, DisplayWidth.padRight(DisplayWidth.truncate(text, w), w), style)
        }
    }

    /// Every key of the current screen, from the key table.
    public static func helpLines(_ st: AppState, _ l: L10n) -> [(String, String)] {
        var normal = st
        normal.mode = .normal
        return Keymap.active(normal).map { (Keymap.label($0, unicode: st.unicode, l), Keymap.helpText($0, l, short: true)) }
    }

    /// Where the help's parts go: worked out once for the frame and for the keys that
    /// scroll it, so a scroll never goes past the last line.
    struct HelpLayout {
        var w = 0, h = 0, x = 0, y = 0, colW = 0, keyRows = 0
        var columns = [(labelW: Int, rows: [(String, String)])]()
        var legend = [String]()
        var total: Int { keyRows + legend.count }
        var visible: Int { h - 2 }
        /// The furthest the help scrolls: its last line at the bottom.
        var maxScroll: Int { max(0, total - visible) }
    }

    static func helpLayout(_ st: AppState, _ l: L10n) -> HelpLayout {
        let spec = Screens.spec(st.screen)
        var lay = HelpLayout()
        // As wide as the window up to 100 columns: on a narrow one it covers the panels' edges.
        let w = st.width <= 102 ? st.width : 100
        // Legends wrap as well: a definition cut in the middle explains nothing.
        lay.legend = ((spec?.legend ?? []).map { l[$0] } + [l[.legendStatus], l[.legendShares]]).flatMap { DisplayWidth.wrap($0, w - 4) }
        let entries = helpLines(st, l)
        // A key's text wraps under itself rather than being cut; when one column of keys
        // does not fit the height, they go in two.
        func column(_ part: ArraySlice<(String, String)>, width: Int) -> (labelW: Int, rows: [(String, String)]) {
            let labelW = min(22, part.map { DisplayWidth.of($0.0) }.max() ?? 0)
            var rows = [(String, String)]()
            for (key, what) in part {
                for (k, line) in DisplayWidth.wrap(what, max(8, width - labelW - 1)).enumerated() { rows.append((k == 0 ? key : "", line)) }
            }
            return (labelW, rows)
        }
        lay.columns = [column(entries[...], width: w - 4)]
        if lay.columns[0].rows.count + lay.legend.count > st.height - 4 {
            let half = (entries.count + 1) / 2
            let colW = (w - 6) / 2
            lay.columns = [column(entries[..<half], width: colW), column(entries[half...], width: colW)]
        }
        lay.keyRows = lay.columns.map(\.rows.count).max() ?? 0
        // The keys, then the legends; longer than the window, the help scrolls (↑↓, PgUp/PgDn)
        // and says so at its edge: nothing is cut without a sign.
        lay.w = w
        lay.h = min(st.height - 2, lay.total + 2)
        lay.x = (st.width - w) / 2; lay.y = (st.height - lay.h) / 2
        lay.colW = lay.columns.count == 1 ? w - 4 : (w - 6) / 2
        return lay
    }

    static func help(_ scr: inout CellBuffer, _ st: AppState, _ l: L10n) {
        let title = l[.helpTitle] + ": " + (Screens.spec(st.screen).map { l[$0.title] } ?? "")
        let lay = helpLayout(st, l)
        let (w, h, x, y, colW) = (lay.w, lay.h, lay.x, lay.y, lay.colW)
        let offset = min(st.helpScroll, lay.maxScroll)
        for r in 0..<h { scr.put(x, y + r, String(repeating: " ", count: w)) ; scr.fill(x, y + r, w, .plain) }
        box(&scr, x, y, w, h, title, focused: true, unicode: st.unicode)
        for row in offset..<min(lay.total, offset + lay.visible) {
            let sy = y + 1 + row - offset
            if row < lay.keyRows {
                for (c, col) in lay.columns.enumerated() where row < col.rows.count {
                    let cx = x + 2 + c * (colW + 2), (key, what) = col.rows[row]
                    scr.put(cx, sy, DisplayWidth.padRight(scr.ascii ? CellBuffer.transliterated(key) : key, col.labelW), Style(.cyan, bold: true))
                    scr.put(cx + col.labelW + 1, sy, fit(what, colW - col.labelW - 1, ascii: scr.ascii))
                }
            } else {
                let line = lay.legend[row - lay.keyRows]
                let text = st.unicode ? line : Views.asciiMarks(line)
                scr.put(x + 2, sy, DisplayWidth.truncate(text, w - 4), .dim)
            }
        }
        if offset > 0 { scr.put(x + w - 2, y + 1, st.unicode ? "▲" : "^", Style(.yellow, bold: true)) }
        if offset + lay.visible < lay.total {
            let more = " " + (st.unicode ? "↑↓" : l[.asciiUpDown]) + " " + l[.helpMore] + " "
            scr.put(x + w - 2 - DisplayWidth.of(more), y + h - 1, more, Style(.yellow, bold: true))
        }
    }

    static func unitPicker(_ scr: inout CellBuffer, _ st: AppState, _ s: Snapshot, _ l: L10n, _ query: String, _ cursor: Int) {
        let units = pickerUnits(s, query)
        let w = min(st.width - 8, 60), h = min(st.height - 4, max(6, units.count + 4))
        let x = (st.width - w) / 2, y = (st.height - h) / 2
        for r in 0..<h { scr.put(x, y + r, String(repeating: " ", count: w)); scr.fill(x, y + r, w, .plain) }
        box(&scr, x, y, w, h, l[.chooseUnit], focused: true, unicode: st.unicode)
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
            if s.tree.id(u) == st.top.unit { label += " " + l[.currentUnitMark] }
            if !active {
                label += unit.to.map { l[.until] + l.date($0) + ")" }
                    ?? unit.from.map { l[.from] + l.date($0) + ")" } ?? ""
            }
            var style: Style = active ? .plain : .dim
            if i == cursor { style.reverse = true }
            scr.put(x + 2, y + 2 + k, DisplayWidth.padRight(DisplayWidth.truncate(label, w - 4), w - 4), style)
        }
    }
}
