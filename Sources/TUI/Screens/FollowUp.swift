import Model
import Reports
import Store

extension ScreenID { public static let followUp = ScreenID("followup") }

/// The follow-up screen: the actions of the unit and the units below, overdue first, then by due date;
/// the meeting goes through them. Enter opens the figure an action is about; p, d and x move
/// it on; t shows the closed ones too.
enum FollowUpScreen: ScreenFeature {
    struct LocalState: ScreenState {
        /// Every action (true) or only the open ones.
        var showAll = false
    }

    enum LocalAction: Hashable, Sendable {
        /// The selected action to this status (a closing note asked for done and cancelled).
        case setStatus(Entry.Status)
        /// All actions, or only the open ones.
        case toggleAll
        /// Change what the selected action says, who owns it and when it is due.
        case edit
        /// A note on the selected action, its status unchanged.
        case note
    }

    /// The follow-up entry a row is.
    struct EntryRow: Hashable, Sendable { let id: Int64 }

    /// The id of the entry a row of this screen is; nil for other rows.
    static func entryID(_ item: Item) -> Int64? { item.value?.as(EntryRow.self)?.id }

    static func reduce(_ state: inout LocalState, _ action: LocalAction, _ c: inout ScreenContext) -> [Effect] {
        let l = c.text
        if case .toggleAll = action { state.showAll.toggle(); return [] }
        if let why = Dashboard.whyNotWritable(c.state) { c.message = why; return [] }
        guard let item = c.selected, let id = entryID(item), let e = c.state.followUp.entry(id) else { c.message = l[.fuNotAnAction]; return [] }
        switch action {
        case .setStatus(let status):
            let form = FollowUpForm(.status(id, status))
            // Under way needs no note: saved at once.
            if status == .inProgress { return [.saveFollowUp(form)] }
            c.mode = .followUp(form)
        case .edit:
            c.mode = .followUp(FollowUpForm(.edit(id), prefill: [e.text, e.owner ?? "", e.due.map { $0.norwegian } ?? ""]))
        case .note:
            c.mode = .followUp(FollowUpForm(.note(id, e.status ?? .planned), prefill: [e.note ?? ""]))
        case .toggleAll: break
        }
        return []
    }

    static func build(_ c: ViewContext) -> Panel {
        let s = c.snapshot, l = c.text, showAll = state(c).showAll
        let scope = s.tree.scopeIDs(c.unit)
        let actions = c.followUp.actions(units: scope, openOnly: !showAll, today: c.today)
        var items = [Item]()
        for a in actions {
            let overdue = a.isOverdue(on: c.today)
            let unit = s.tree[a.key.unit.rawValue]?.shortName ?? a.key.unit.rawValue
            let indicator = s.dataset.indicatorIndex[a.key.indicator.rawValue].map { s.indicators[$0].name } ?? a.key.indicator.rawValue
            let statusStyle: Style = switch a.status {
            case .planned?: Style(.yellow)
            case .inProgress?: Style(.cyan)
            case .done?: Style(.green)
            default: .dim
            }
            var it = Item([Span(a.due.map { l.date($0) } ?? "–", overdue ? Style(.red, bold: true) : .plain),
                           Span((a.status.map { l.status($0) } ?? "") + (overdue ? " " + (c.unicode ? "⚠" : "!") : ""), overdue ? Style(.red, bold: true) : statusStyle),
                           Span(a.text, overdue ? Style(.red) : .plain), Span(a.owner ?? "–"), Span(unit), Span(l.period(a.key.period)),
                           Span(indicator, .dim)], key: .entry(a.id))
            it.value = ScreenValue(EntryRow(id: a.id))
            // Enter opens the figure in the period the action is about.
            it.opensPeriod = a.key.period
            it.followUp = a.key
            it.search = [a.text, a.owner ?? "", unit, indicator, a.status.map { l.status($0) } ?? "", overdue ? l[.fuOverdue] : ""].joined(separator: " ")
            it.detail = [Views.actionLine(a, l, today: c.today), l(DashboardTexts.createdBy(a.createdBy, on: Views.shortDate(a.createdAt, l), about: indicator + ", " + unit + ", " + l.period(a.key.period)))]
            it.action = target(of: a, c)
            items.append(it)
        }
        if items.isEmpty { items = [.heading(l[.fuNoActions], Style(.grey))] }
        // Narrower than 120 columns the owner gives way to the indicator (which figure an
        // action is about matters more in a list; the owner is in the lines under it; issue
        // 23, 20: at 80 columns there was no indicator column).
        let wide = c.width >= 120
        if !wide { for k in items.indices where !items[k].header { items[k].cells.remove(at: 3) } }
        // Who and which figure are read whole first; the action's text, whole in the lines
        // under the list, takes what is left (at least 30 columns). At 160 columns a long
        // owner ("Fagkoordinator barn og unge, Fyllingsdalen") was cut to "Fagkoordinator ba…".
        let rows = items.filter { !$0.header }
        func need(_ k: Int) -> Int { rows.map { DisplayWidth.of($0.cells[k].text) }.max() ?? 0 }
        let statusW = max(11, need(1)), fixed = 10 + statusW + 13 + 7 + (wide ? 6 : 5)
        var spare = c.width - 2 - fixed - 30
        let indicatorW = max(14, min(need(wide ? 6 : 5), spare - (wide ? 14 : 0)))
        spare -= indicatorW
        let owner = wide ? [Column(l[.fuOwner], max(12, min(need(3), spare)))] : []
        return Panel(title: l[showAll ? .fuTitleAll : .fuTitleOpen] + " (\(actions.count))",
                     columns: [Column(l[.fuDue], 10, whole: true), Column(l[.status], statusW), Column(l[.fuWhat], 0)] + owner
                        + [Column(l[.unit], 13), Column(l[.period], 7, whole: true), Column(l[.indicator], indicatorW)], items: items)
    }

    /// Enter on an action: the figure it is about, in the drill-down of the unit's parent
    /// with the unit selected (or its history when the unit has no parent in the data).
    static func target(of a: Entry, _ c: ViewContext) -> ViewState? {
        let s = c.snapshot
        guard let u = s.tree.index[a.key.unit.rawValue], let i = s.dataset.indicatorIndex[a.key.indicator.rawValue] else { return nil }
        let id = s.id(indicator: i)
        if let parent = s.tree.parent[u] {
            return ViewState(ViewKind(.followUp, .drill(id)), unit: s.tree.id(parent), cursorKey: .unit(s.tree.id(u)))
        }
        return ViewState(ViewKind(.followUp, .history(id)), unit: s.tree.id(u))
    }

    static let id = ScreenID.followUp
    static let title = Msg.screenFollowUp
    static let keys: [Binding] = [Binding([.char("p")], [.screen(.followUp)], local(.setStatus(.inProgress)), help: .keyStatusInProgress, hint: (13, .hintInProgress)),
               Binding([.char("d")], [.screen(.followUp)], local(.setStatus(.done)), help: .keyStatusDone, hint: (13, .hintDone)),
               Binding([.char("x")], [.screen(.followUp)], local(.setStatus(.cancelled)), help: .keyStatusCancelled, hint: (14, .hintCancelled)),
               Binding([.char("t")], [.screen(.followUp)], local(.toggleAll), help: .keyToggleAllActions, hint: (14, .hintAllActions)),
               Binding([.char("E")], [.screen(.followUp)], local(.edit), help: .keyEditAction),
               Binding([.char("o")], [.screen(.followUp)], local(.note), help: .keyNoteAction)]
    static let legend: [Msg] = [.legendFollowUp]
}
