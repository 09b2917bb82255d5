import Model
import Reports
import Store

/// The dashboard's pure core: `update(state, event) -> (state, effects)`. A key is looked
/// up in the key table (`Keymap`); the action it names is performed here.
public enum Dashboard {
    public static let minWidth = 80
    public static let minHeight = 24

    public static func update(_ state: AppState, _ event: Event, _ s: Snapshot) -> (AppState, [Effect]) {
        var st = state
        var effects = [Effect]()
        switch event {
        case let .resize(w, h):
            st.message = nil
            st.width = w; st.height = h
        case .outcome(let outcome):
            // A message stays until the next key: an outcome only says its own.
            apply(&st, s, outcome)
        case .key(let key):
            st.message = nil
            st.promptNote = nil
            if let action = Keymap.action(for: key, in: Keymap.chain(st)) {
                effects = perform(&st, s, action)
            } else if case .char(let c) = key {
                type(&st, s, c)
            } else if st.mode == .help {
                st.mode = .normal // any other key closes the help
            }
        }
        normalize(&st, s)
        return (st, effects)
    }

    /// A character typed into the filter, the unit picker's search or the export prompt.
    static func type(_ st: inout AppState, _ s: Snapshot, _ c: Character) {
        switch st.mode {
        case .filter(let text):
            st.mode = .filter(text + String(c)); st.top.filter = text + String(c)
            st.top.cursor = 0; st.top.cursorKey = nil
        case .unitPicker(let query, _): st.mode = .unitPicker(query: query + String(c), cursor: 0)
        case .export(var line): line.insert(c); st.mode = .export(line)
        case .followUp(var form): form.current.insert(c); form.error = nil; st.mode = .followUp(form)
        case .confirmOverwrite, .confirm: st.mode = .normal
        case .help: st.mode = .normal
        case .normal: break
        }
    }

    static func perform(_ st: inout AppState, _ s: Snapshot, _ action: Action) -> [Effect] {
        switch st.mode {
        case .normal: return normal(&st, s, action)
        case .help:
            // ↑↓ and PgUp/PgDn scroll a help longer than the window; any other key closes it.
            switch action {
            // Kept between the top and the last line, so the way back up is as long as the way down.
            case .move(let d): st.helpScroll = min(max(0, st.helpScroll + (d == .up ? -1 : 1)), helpLayout(st, L10n(st.lang)).maxScroll)
            case .page(let d): st.helpScroll = min(max(0, st.helpScroll + d.sign * max(1, st.height - 6)), helpLayout(st, L10n(st.lang)).maxScroll)
            default: st.mode = .normal
            }
        case .filter(let text): filter(&st, s, text, action)
        case let .unitPicker(query, cursor): unitPicker(&st, s, query, cursor, action)
        case .export(var line):
            switch action {
            case .accept:
                st.mode = .normal
                if !line.string.isEmpty { return [.export(path: line.string, overwrite: false)] }
            case .cancel: st.mode = .normal; st.minutesFor = nil
            case .deleteChar: line.apply(.deleteBack); st.mode = .export(line)
            case .editLine(let e): line.apply(e); st.mode = .export(line)
            default: break
            }
        case .confirmOverwrite(let path):
            st.mode = .normal
            if action == .accept { return [.export(path: path, overwrite: true)] }
            st.minutesFor = nil
        case .followUp(let form): return followUpForm(&st, form, action)
        case .confirm(let question):
            st.mode = .normal
            switch (question, action) {
            case let (.openMeeting(unit, period, _), .accept): return [.openMeeting(unit, period)]
            case let (.endMeeting(id), .accept), let (.resumeMeeting(id, _), .alternative): return [.endMeeting(id)]
            case (.resumeMeeting, .accept): showMeeting(&st)
            default: break
            }
        }
        return []
    }

    /// To the meeting screen, about the meeting's unit.
    static func showMeeting(_ st: inout AppState) {
        guard let m = st.meeting?.meeting else { return }
        st.stack = [ViewState(ViewKind(.meeting), unit: m.unit)]
    }

    /// `M`: the open meeting of the dashboard's unit is resumed; otherwise, after a yes, one
    /// is opened for the unit and period in view.
    static func meeting(_ st: inout AppState, _ s: Snapshot) {
        if let m = st.meeting?.meeting, m.isOpen { showMeeting(&st); return }
        if let why = whyNotWritable(st) { st.message = why; return }
        st.mode = .confirm(.openMeeting(st.top.unit, st.period, name: s.tree.position(st.top.unit).map { s.tree.units[$0].shortName } ?? st.top.unit.rawValue))
    }

    /// Keys in the comment/action input: Enter goes on to the next field and saves in the
    /// last (a due date that is none is refused there and then); Esc leaves without saving.
    static func followUpForm(_ st: inout AppState, _ form: FollowUpForm, _ action: Action) -> [Effect] {
        var form = form
        form.error = nil
        switch action {
        case .cancel: st.mode = .normal; return []
        case .deleteChar: form.current.apply(.deleteBack)
        case .editLine(let e): form.current.apply(e)
        case .move(let d): form.index = (form.index + (d == .up ? form.fields.count - 1 : 1)) % form.fields.count
        case .accept:
            if form.index < form.fields.count - 1 { form.index += 1; break }
            // The due date of an action is checked before anything is sent to the store.
            if let due = form.dueText, FollowUpRules.parseDue(due, today: st.today) == nil {
                form.error = L10n(st.lang)(FollowUpTexts.notADueDate(due))
                break
            }
            st.mode = .normal
            return [.saveFollowUp(form)]
        default: break
        }
        st.mode = .followUp(form)
        return []
    }

    /// Why follow-up cannot be written now (no store, or one that is read-only or failed);
    /// nil when it can.
    public static func whyNotWritable(_ st: AppState) -> String? {
        let l = L10n(st.lang)
        switch st.store {
        case .writable: return nil
        case .readOnly(let why), .failed(let why): return l(DashboardTexts.followUpUnavailable(why))
        case .none: return l(DashboardTexts.followUpUnavailable(l[.fuStoreReadOnly]))
        }
    }

    /// `c` and `a` on a row with a figure (in a matrix: on the selected cell's figure).
    static func startFollowUp(_ st: inout AppState, _ s: Snapshot, _ action: Action) -> [Effect] {
        let l = L10n(st.lang)
        if let why = whyNotWritable(st) { st.message = why; return [] }
        let panel = Views.panel(st, s), items = panel.items
        guard items.indices.contains(st.top.cursor) else { st.message = l[.fuNoFigure]; return [] }
        let item = items[st.top.cursor]
        guard let key = panel.matrix ? item.cellFollowUp[st.top.column] : item.followUp else { st.message = l[.fuNoFigure]; return [] }
        var form = FollowUpForm(action == .comment ? .comment(key) : .action(key))
        // Written while a meeting of a scope that holds the figure is open: a decision of the
        // meeting (on the meeting screen, of the item it was written on).
        if let m = st.meeting?.meeting, m.isOpen, let u = s.tree.position(m.unit), s.tree.scopeIDs(u).contains(key.unit.rawValue) {
            form.link = MeetingLink(meeting: m.id, item: st.top.kind == ViewKind(.meeting) ? MeetingScreen.itemKey(item) : nil)
        }
        st.mode = .followUp(form)
        return []
    }

    static func filter(_ st: inout AppState, _ s: Snapshot, _ text: String, _ action: Action) {
        switch action {
        case .accept: st.mode = .normal
        case .move(let d): st.mode = .normal; step(&st, s, d == .up ? -1 : 1)
        case .cancel: st.mode = .normal; st.top.filter = ""
        case .deleteChar:
            let t = String(text.dropLast())
            st.mode = .filter(t); st.top.filter = t
        default: break
        }
    }

    /// Units in tree order whose name or id contains the query.
    public static func pickerUnits(_ s: Snapshot, _ query: String) -> [Int] {
        let q = query.lowercased()
        return s.tree.preorder.filter { q.isEmpty || s.tree.units[$0].name.lowercased().contains(q) || s.tree.units[$0].id.contains(q) }
    }

    static func unitPicker(_ st: inout AppState, _ s: Snapshot, _ query: String, _ cursor: Int, _ action: Action) {
        let units = pickerUnits(s, query)
        switch action {
        case .cancel: st.mode = .normal
        case .move(let d): st.mode = .unitPicker(query: query, cursor: d == .up ? max(0, cursor - 1) : min(max(0, units.count - 1), cursor + 1))
        case .deleteChar: st.mode = .unitPicker(query: String(query.dropLast()), cursor: 0)
        case .accept:
            st.mode = .normal
            guard cursor < units.count else { return }
            st.stack = [ViewState(ViewKind(st.screen), unit: s.tree.id(units[cursor]))]
            st.lastDeviation = nil
        default: break
        }
    }

    static func normal(_ st: inout AppState, _ s: Snapshot, _ action: Action) -> [Effect] {
        switch action {
        case .quit: return [.quit]
        case .reload: return [.reload]
        case .help: st.mode = .help; st.helpScroll = 0
        case .goToScreen(let n):
            if let kind = Screens.root(n) { st.stack = [ViewState(kind, unit: st.top.unit)] }
        case .cycleScreen(let d):
            let n = Screens.all.count
            let next = (Screens.number(st.screen) - 1 + d.sign + n) % n + 1
            st.stack = [ViewState(Screens.root(next)!, unit: st.top.unit)]
        case .period(let d): stepPeriod(&st, s, d.sign)
        case .unitPicker:
            let units = pickerUnits(s, "")
            st.mode = .unitPicker(query: "", cursor: units.firstIndex { s.tree.id($0) == st.top.unit } ?? 0)
        case .filter: st.mode = .filter(st.top.filter)
        case .sort:
            st.top.sort += 1
            // The top of the new order (issue 23, 19: the cursor stayed at row 25 of 52).
            st.top.cursor = 0; st.top.cursorKey = nil; st.top.offset = 0
            let p = Views.panel(st, s)
            if !p.sortNames.isEmpty { st.message = L10n(st.lang)[.sortedBy] + p.sortNames[st.top.sort % p.sortNames.count] }
        case .export:
            // A report is whole or not written: not while the register figures are pending.
            if s.registersPending { st.message = L10n(st.lang)[.exportWaitForRegisters]; return [] }
            st.mode = .export(LineEditor("tertial-\(st.top.unit)-\(st.period).md"))
        case .deviation(let d): jumpToDeviation(&st, s, forward: d == .forward)
        case .successor:
            let unit = s.tree.position(st.top.unit).map { s.tree.units[$0] }
            if let u = unit, let to = u.to, to < st.period.end, let next = u.successor, s.tree[next] != nil {
                st.stack = [ViewState(ViewKind(st.screen), unit: UnitID(next))]
            } else {
                st.message = L10n(st.lang)[.notClosed]
            }
        case .move(let d): move(&st, s, d)
        case .page(let d): step(&st, s, d.sign * max(1, Layout(st, Views.panel(st, s)).listRows - 1))
        case .edge(let d): step(&st, s, d.sign * 1_000_000)
        case .open:
            let panel = Views.panel(st, s), items = panel.items
            // A matrix opens the selected cell's figure.
            if panel.matrix, items.indices.contains(st.top.cursor), let next = items[st.top.cursor].cellActions[st.top.column] {
                st.stack.append(next)
            } else if items.indices.contains(st.top.cursor), let next = items[st.top.cursor].action {
                let item = items[st.top.cursor]
                st.stack.append(next)
                // An action opens the figure of its own period.
                if let p = item.opensPeriod, s.periodIndex[p] != nil { st.period = p }
            }
        case .back:
            if !st.top.filter.isEmpty { st.top.filter = "" }
            else if st.stack.count > 1 { st.stack.removeLast() }
            else if st.top.kind != Screens.first { st.stack = [ViewState(Screens.first, unit: st.top.unit)] }
        case .comment, .newAction: return startFollowUp(&st, s, action)
        case .meeting: meeting(&st, s)
        case .alternative: break
        case .followUpWhere: st.message = L10n(st.lang)[.fuWhere]
        case .moveColumn(let d):
            let cols = Views.panel(st, s).columns.count
            st.top.column = max(1, min(cols - 1, st.top.column + d.sign))
        // The front screen's own action, to its reducer.
        case .local(let a):
            let effects = Screens.spec(st.top.kind.screen)?.reduce(&st, s, a) ?? []
            // A meeting goes through its agenda: after a mark, the next item.
            if effects.contains(where: { if case .markItem = $0 { true } else { false } }) { step(&st, s, 1) }
            return effects
        case .accept, .cancel, .deleteChar, .closeHelp, .editLine: break
        }
        return []
    }

    static func stepPeriod(_ st: inout AppState, _ s: Snapshot, _ d: Int) {
        let ts = s.tertials
        let cur = st.period.kind == .tertial ? st.period : st.period.enclosing(.tertial)
        if let i = ts.firstIndex(of: cur) {
            if ts.indices.contains(i + d) { st.period = ts[i + d] }
            else { st.message = L10n(st.lang)[.noMorePeriods] }
        } else if let last = ts.last { st.period = last }
        st.lastDeviation = nil
    }

    /// Arrows: between tiles on the overview (to the tile drawn on that side), up and down a list elsewhere.
    static func move(_ st: inout AppState, _ s: Snapshot, _ d: Direction) {
        let panel = Views.panel(st, s)
        guard !panel.tiles.isEmpty else { return step(&st, s, d == .up || d == .left ? -1 : 1) }
        let lay = Layout(st, panel)
        let frames = TileLayout.frames(panel.tiles, width: st.width, top: lay.contentTop, bottom: lay.bottom)
        if let next = TileLayout.neighbour(frames, from: st.top.cursor, d) {
            st.top.cursor = next
            st.top.cursorKey = panel.items[next].key
        }
    }

    /// Moves the list cursor by `delta` selectable rows.
    static func step(_ st: inout AppState, _ s: Snapshot, _ delta: Int) {
        let items = Views.panel(st, s).items
        let selectable = items.indices.filter { items[$0].selectable }
        guard !selectable.isEmpty else { return }
        let pos = selectable.firstIndex { $0 >= st.top.cursor } ?? 0
        let next = selectable[min(selectable.count - 1, max(0, pos + delta))]
        st.top.cursor = next
        st.top.cursorKey = items[next].key
    }

    static func jumpToDeviation(_ st: inout AppState, _ s: Snapshot, forward: Bool) {
        let l = L10n(st.lang)
        guard let base = s.tree.position(st.baseUnit) else { return }
        let devs = s.deviations(unit: base, period: st.period)
        let targets = devs.compactMap { d in DeviationsScreen.target(of: d, s, base: base).map { (key: RowKey.deviation(DeviationKey(d, s)), view: $0) } }
        guard !targets.isEmpty else { st.message = l[.noDeviationsInPeriod]; return }
        let cur = st.lastDeviation.flatMap { k in targets.firstIndex { $0.key == k } }
        let k = cur.map { (forward ? $0 + 1 : $0 - 1 + targets.count) % targets.count } ?? (forward ? 0 : targets.count - 1)
        st.lastDeviation = targets[k].key
        st.stack = [ViewState(ViewKind(.deviations), unit: st.baseUnit, cursorKey: targets[k].key), targets[k].view]
        st.message = l(DashboardTexts.deviationOf(k + 1, of: targets.count))
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

    /// Builds, into the snapshot's cache, the queries and every screen's panel for where
    /// the user is, so that the first visit to a screen is as quick as the next. For a
    /// background thread after data loads.
    public static func warm(_ state: AppState, _ s: Snapshot) {
        guard let base = s.tree.position(state.baseUnit) else { return }
        s.warm(unit: base, period: state.period)
        let ts = s.tertials
        let k = ts.firstIndex(of: state.period) ?? ts.count - 1
        for p in [k, k - 1, k + 1].filter({ ts.indices.contains($0) }).map({ ts[$0] }) {
            for spec in Screens.all {
                var st = state
                st.period = p
                st.stack = [ViewState(ViewKind(spec.id), unit: state.baseUnit)]
                _ = Views.panel(st, s)
            }
        }
    }

    /// After a reload: views name their unit and indicator by id, so they mean the same in
    /// the new snapshot; a view whose unit or indicator is gone ends the stack there.
    /// Cursors follow their rows' keys.
    public static func reloaded(_ state: AppState, to new: Snapshot) -> AppState {
        var st = state
        var stack = [ViewState]()
        for v in st.stack {
            let indicatorGone: Bool
            switch v.kind.page {
            case .drill(let i), .history(let i): indicatorGone = new.position(i) == nil
            default: indicatorGone = false
            }
            guard new.tree.position(v.unit) != nil, !indicatorGone else { break }
            stack.append(v)
        }
        st.stack = stack.isEmpty ? [ViewState(Screens.first, unit: new.tree.id(new.tree.root))] : stack
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
        bannerRows = st.banner.isEmpty ? 0 : 2
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
