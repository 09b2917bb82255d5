import Model
import Reports

/// The dashboard's pure core: `update(state, event) -> (state, effects)`.
public enum Dashboard {
    public static let minWidth = 80
    public static let minHeight = 24

    public static func update(_ state: AppState, _ event: Event, _ s: Snapshot) -> (AppState, [Effect]) {
        var st = state
        st.message = nil
        var effects = [Effect]()
        switch event {
        case let .resize(w, h):
            st.width = w; st.height = h
        case .key(let key):
            switch st.mode {
            case .help:
                st.mode = .normal
            case .filter(let text):
                filterKey(&st, text, key)
            case let .unitPicker(query, cursor):
                unitPickerKey(&st, s, query, cursor, key)
            case .export(let path):
                switch key {
                case .enter:
                    st.mode = .normal
                    if !path.isEmpty { effects.append(.export(path: path)) }
                case .escape: st.mode = .normal
                case .backspace: st.mode = .export(path: String(path.dropLast()))
                case .char(let c): st.mode = .export(path: path + String(c))
                default: break
                }
            case .normal:
                effects += normalKey(&st, s, key)
            }
        }
        normalize(&st, s)
        return (st, effects)
    }

    static func filterKey(_ st: inout AppState, _ text: String, _ key: Key) {
        switch key {
        case .enter: st.mode = .normal
        case .escape: st.mode = .normal; st.top.filter = ""
        case .backspace:
            let t = String(text.dropLast())
            st.mode = .filter(t); st.top.filter = t
        case .char(let c):
            let t = text + String(c)
            st.mode = .filter(t); st.top.filter = t
            st.top.cursor = 0; st.top.cursorKey = nil
        case .up, .down: st.mode = .normal
        default: break
        }
    }

    /// Units in tree order whose name or id contains the query.
    public static func pickerUnits(_ s: Snapshot, _ query: String) -> [Int] {
        let q = query.lowercased()
        return s.tree.preorder.filter { q.isEmpty || s.tree.units[$0].name.lowercased().contains(q) || s.tree.units[$0].id.contains(q) }
    }

    static func unitPickerKey(_ st: inout AppState, _ s: Snapshot, _ query: String, _ cursor: Int, _ key: Key) {
        let units = pickerUnits(s, query)
        switch key {
        case .escape: st.mode = .normal
        case .up: st.mode = .unitPicker(query: query, cursor: max(0, cursor - 1))
        case .down, .tab: st.mode = .unitPicker(query: query, cursor: min(max(0, units.count - 1), cursor + 1))
        case .backspace: st.mode = .unitPicker(query: String(query.dropLast()), cursor: 0)
        case .char(let c): st.mode = .unitPicker(query: query + String(c), cursor: 0)
        case .enter:
            st.mode = .normal
            guard cursor < units.count else { return }
            let kind = ViewKind.screen(st.top.kind.screenNumber) ?? .overview
            st.stack = [ViewState(kind: kind, unit: units[cursor])]
            st.deviationIndex = nil
        default: break
        }
    }

    static func normalKey(_ st: inout AppState, _ s: Snapshot, _ key: Key) -> [Effect] {
        let isOverview = st.top.kind == .overview
        switch key {
        case .char("q"), .ctrl("c"): return [.quit]
        case .char("?"): st.mode = .help
        case .char(let c) where ("1"..."6").contains(c):
            let n = Int(String(c))!
            st.stack = [ViewState(kind: ViewKind.screen(n)!, unit: st.top.unit)]
        case .tab where isOverview, .right where isOverview, .char("l") where isOverview: move(&st, s, 1)
        case .backTab where isOverview, .left where isOverview: move(&st, s, -1)
        case .tab, .backTab:
            let n = st.top.kind.screenNumber + (key == .tab ? 1 : 5)
            st.stack = [ViewState(kind: ViewKind.screen((n - 1) % 6 + 1)!, unit: st.top.unit)]
        case .char("["), .char("]"):
            let ts = s.tertials
            let cur = st.period.kind == .tertial ? st.period : st.period.enclosing(.tertial)
            if let i = ts.firstIndex(of: cur) {
                let j = key == .char("[") ? i - 1 : i + 1
                if ts.indices.contains(j) { st.period = ts[j] }
                else { st.message = L10n(st.lang).t("Ingen flere perioder i dataene", "No more periods in the data") }
            } else if let last = ts.last { st.period = last }
            st.deviationIndex = nil
        case .char("u"):
            let units = pickerUnits(s, "")
            st.mode = .unitPicker(query: "", cursor: units.firstIndex(of: st.top.unit) ?? 0)
        case .char("/"): st.mode = .filter(st.top.filter)
        case .char("s"):
            st.top.sort += 1
            let p = Views.panel(st, s)
            if !p.sortNames.isEmpty { st.message = L10n(st.lang).t("Sortert etter ", "Sorted by ") + p.sortNames[st.top.sort % p.sortNames.count] }
        case .char("r"): return [.reload]
        case .char("e"):
            st.mode = .export(path: "tertial-\(s.tree.units[st.top.unit].id)-\(st.period).md")
        case .char("n"), .char("N"): jumpToDeviation(&st, s, forward: key == .char("n"))
        case .up, .char("k"): move(&st, s, -1)
        case .down, .char("j"): move(&st, s, 1)
        case .pageUp: move(&st, s, -max(1, Layout(st, Views.panel(st, s)).listRows - 1))
        case .pageDown: move(&st, s, max(1, Layout(st, Views.panel(st, s)).listRows - 1))
        case .home, .char("g"): move(&st, s, -1_000_000)
        case .end, .char("G"): move(&st, s, 1_000_000)
        case .enter, .right, .char("l"): activate(&st, s)
        case .escape, .backspace, .left, .char("h"):
            if st.stack.count > 1 { st.stack.removeLast() }
            else if st.top.kind != .overview { st.stack = [ViewState(kind: .overview, unit: st.top.unit)] }
        default: break
        }
        return []
    }

    static func move(_ st: inout AppState, _ s: Snapshot, _ delta: Int) {
        let items = Views.panel(st, s).items
        let selectable = items.indices.filter { items[$0].selectable }
        guard !selectable.isEmpty else { return }
        let pos = selectable.firstIndex { $0 >= st.top.cursor } ?? 0
        let next = selectable[min(selectable.count - 1, max(0, pos + delta))]
        st.top.cursor = next
        st.top.cursorKey = items[next].key
    }

    static func activate(_ st: inout AppState, _ s: Snapshot) {
        let items = Views.panel(st, s).items
        guard items.indices.contains(st.top.cursor), let next = items[st.top.cursor].action else { return }
        st.stack.append(next)
    }

    static func jumpToDeviation(_ st: inout AppState, _ s: Snapshot, forward: Bool) {
        let devs = s.deviations(unit: st.baseUnit, period: st.period)
        let targets = devs.indices.filter { Views.target(of: devs[$0], s, base: st.baseUnit) != nil }
        guard !targets.isEmpty else {
            st.message = L10n(st.lang).t("Ingen avvik i perioden", "No deviations in the period"); return
        }
        let cur = st.deviationIndex.flatMap { targets.firstIndex(of: $0) }
        let k = cur.map { (forward ? $0 + 1 : $0 - 1 + targets.count) % targets.count } ?? (forward ? 0 : targets.count - 1)
        let d = targets[k]
        st.deviationIndex = d
        var list = ViewState(kind: .deviations, unit: st.baseUnit, cursorKey: "\(d)")
        list.cursor = d
        st.stack = [list, Views.target(of: devs[d], s, base: st.baseUnit)!]
        st.message = L10n(st.lang).t("Avvik \(k + 1) av \(targets.count)", "Deviation \(k + 1) of \(targets.count)")
    }

    /// Keeps every view's cursor on a selectable item, on the same item (by key) when it
    /// still exists, and scrolled into view.
    static func normalize(_ st: inout AppState, _ s: Snapshot) {
        let saved = st.stack
        for k in saved.indices {
            var probe = st
            probe.stack = Array(saved[...k])
            let panel = Views.panel(probe, s)
            var v = saved[k]
            let items = panel.items
            if let key = v.cursorKey, let i = items.firstIndex(where: { $0.key == key && $0.selectable }) {
                v.cursor = i
            } else if !items.isEmpty {
                v.cursor = min(max(0, v.cursor), items.count - 1)
                if !items[v.cursor].selectable {
                    v.cursor = items.indices.first { $0 >= v.cursor && items[$0].selectable } ?? items.indices.last { items[$0].selectable } ?? 0
                }
            } else {
                v.cursor = 0
            }
            v.cursorKey = items.indices.contains(v.cursor) ? items[v.cursor].key : nil
            let rows = max(1, Layout(probe, panel).listRows)
            if v.cursor < v.offset { v.offset = v.cursor }
            if v.cursor >= v.offset + rows { v.offset = v.cursor - rows + 1 }
            v.offset = max(0, min(v.offset, max(0, items.count - rows)))
            st.stack[k] = v
        }
    }

    /// Builds, into the snapshot's cache, the queries and the six screens' panels for where
    /// the user is, so that the first visit to a screen is as quick as the next. For a
    /// background thread after data loads.
    public static func warm(_ state: AppState, _ s: Snapshot) {
        s.warm(unit: state.baseUnit, period: state.period)
        let ts = s.tertials
        let k = ts.firstIndex(of: state.period) ?? ts.count - 1
        for p in [k, k - 1, k + 1].filter({ ts.indices.contains($0) }).map({ ts[$0] }) {
            for n in 1...6 {
                var st = state
                st.period = p
                st.stack = [ViewState(kind: ViewKind.screen(n)!, unit: state.baseUnit)]
                _ = Views.panel(st, s)
            }
        }
    }

    /// After a reload: the same units and indicators (by id) in the new snapshot; views
    /// whose unit or indicator is gone are dropped. Cursors follow their items' keys.
    public static func reloaded(_ state: AppState, from old: Snapshot, to new: Snapshot) -> AppState {
        var st = state
        func unit(_ u: Int) -> Int? { old.tree.units.indices.contains(u) ? new.tree.index[old.tree.units[u].id] : nil }
        func ind(_ i: Int) -> Int? { old.indicators.indices.contains(i) ? new.dataset.indicatorIndex[old.indicators[i].id] : nil }
        var stack = [ViewState]()
        for v in st.stack {
            let kind: ViewKind?
            switch v.kind {
            case .drill(let i): kind = ind(i).map { .drill(indicator: $0) }
            case .history(let i): kind = ind(i).map { .history(indicator: $0) }
            default: kind = v.kind
            }
            // A unit or indicator that is gone ends the stack here.
            guard let u = unit(v.unit), let k = kind else { break }
            var w = v
            w.unit = u
            w.kind = k
            stack.append(w)
        }
        st.stack = stack.isEmpty ? [ViewState(kind: .overview, unit: new.tree.root)] : stack
        if new.periodIndex[st.period] == nil { st.period = new.tertials.last ?? st.period }
        normalize(&st, new)
        return st
    }
}

/// Where things go on the screen; shared by `update` (how many rows a page is) and `render`.
public struct Layout {
    public let bannerRows: Int
    public let contentTop: Int
    public let listTop: Int
    public let listRows: Int
    public let detailTop: Int
    public let detailRows: Int
    public let belowTop: Int
    public let bottom: Int

    public init(_ st: AppState, _ panel: Panel) {
        bannerRows = min(st.banner.count, 2)
        contentTop = 2 + bannerRows
        bottom = st.height - 1
        detailRows = st.height >= 30 ? 3 : 2
        let belowCount = min(panel.below.count, max(0, st.height - 12))
        listTop = contentTop + 2 // title and column header
        listRows = max(1, bottom - listTop - detailRows - belowCount)
        detailTop = listTop + listRows
        belowTop = detailTop + detailRows
    }
}
