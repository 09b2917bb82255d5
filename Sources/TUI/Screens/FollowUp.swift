import Model
import Reports
import Store

extension ScreenID { public static let followUp = ScreenID("followup") }

/// The follow-up screen: the actions of the unit and the units below, overdue first, then by due date;
/// the meeting goes through them. Enter opens the figure an action is about; p, d and x move
/// it on; t shows the closed ones too.
enum FollowUpScreen {
    @Sendable static func build(_ c: ViewContext) -> Panel {
        let s = c.s, l = c.l
        let scope = s.tree.scopeIDs(c.unit)
        let actions = c.st.followUp.actions(units: scope, openOnly: !c.st.showAllActions, today: c.st.today)
        var items = [Item]()
        for a in actions {
            let overdue = a.isOverdue(on: c.st.today)
            let unit = s.tree[a.key.unit]?.shortName ?? a.key.unit
            let indicator = s.dataset.indicatorIndex[a.key.indicator].map { s.indicators[$0].name } ?? a.key.indicator
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
            it.entryID = a.id
            it.followUp = a.key
            it.search = [a.text, a.owner ?? "", unit, indicator, a.status.map { l.status($0) } ?? "", overdue ? l[.fuOverdue] : ""].joined(separator: " ")
            it.detail = [Views.actionLine(a, l, today: c.st.today), l(.fuCreatedBy, a.createdBy, Views.shortDate(a.createdAt, l), indicator + ", " + unit + ", " + l.period(a.key.period))]
            it.action = target(of: a, c)
            items.append(it)
        }
        if items.isEmpty { items = [.heading(l[.fuNoActions], Style(.grey))] }
        // The indicator's name where there is room; narrower, it is in the lines under the list.
        let wide = c.st.width >= 120
        if !wide { for k in items.indices where !items[k].header { items[k].cells.removeLast() } }
        return Panel(title: l[c.st.showAllActions ? .fuTitleAll : .fuTitleOpen] + " (\(actions.count))",
                     columns: [Column(l[.fuDue], 10, whole: true), Column(l[.status], 11), Column(l[.fuWhat], 0, weight: 3), Column(l[.fuOwner], 0, weight: 1),
                               Column(l[.unit], 13), Column(l[.period], 7, whole: true)] + (wide ? [Column(l[.indicator], 0, weight: 2)] : []), items: items)
    }

    /// Enter on an action: the figure it is about, in the drill-down of the unit's parent
    /// with the unit selected (or its history when the unit has no parent in the data).
    static func target(of a: Entry, _ c: ViewContext) -> ViewState? {
        let s = c.s
        guard let u = s.tree.index[a.key.unit], let i = s.dataset.indicatorIndex[a.key.indicator] else { return nil }
        let id = s.id(indicator: i)
        if let parent = s.tree.parent[u] {
            return ViewState(ViewKind(.followUp, .drill(id)), unit: s.tree.id(parent), cursorKey: .unit(s.tree.id(u)))
        }
        return ViewState(ViewKind(.followUp, .history(id)), unit: s.tree.id(u))
    }

    static let spec = ScreenSpec(
        id: .followUp, title: .screenFollowUp,
        keys: [Binding([.char("p")], [.screen(.followUp)], .setStatus(.inProgress), help: .keyStatusInProgress, hint: (13, .hintInProgress)),
               Binding([.char("d")], [.screen(.followUp)], .setStatus(.done), help: .keyStatusDone, hint: (13, .hintDone)),
               Binding([.char("x")], [.screen(.followUp)], .setStatus(.cancelled), help: .keyStatusCancelled, hint: (14, .hintCancelled)),
               Binding([.char("t")], [.screen(.followUp)], .toggleAllActions, help: .keyToggleAllActions, hint: (14, .hintAllActions)),
               Binding([.char("E")], [.screen(.followUp)], .editAction, help: .keyEditAction),
               Binding([.char("o")], [.screen(.followUp)], .noteAction, help: .keyNoteAction)],
        legend: [.legendFollowUp], build: build)
}
