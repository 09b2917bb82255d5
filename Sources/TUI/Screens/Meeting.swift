import Model
import Reports
import Store

extension ScreenID { public static let meeting = ScreenID("meeting") }

/// The meeting screen (Møte): the agenda of the meeting in view, made when it opened, in its
/// sections; each item with its mark (○ open, ✓ done, → postponed), what it is about and its
/// figure. `b`, `v`, `o` mark the selected item; `c`, `a` write a comment or an action linked
/// to the meeting and the item; `P` says who is present; `X` ends the meeting and offers the
/// minutes. Enter opens the item's figure (its history, in the item's period).
enum MeetingScreen: ScreenFeature {
    enum LocalAction: Hashable, Sendable {
        case mark(AgendaMark)
        case participants
        case end
    }

    /// The agenda item a row is.
    struct AgendaRow: Hashable, Sendable { let key: String }

    static func itemKey(_ item: Item) -> String? { item.value?.as(AgendaRow.self)?.key }

    static func reduce(_ state: inout NoScreenState, _ action: LocalAction, _ c: inout ScreenContext) -> [Effect] {
        let l = c.text
        guard let r = c.state.meeting else { c.message = l[.meetingNone]; return [] }
        guard r.meeting.isOpen else { c.message = l[.meetingClosedNow]; return [] }
        if let why = Dashboard.whyNotWritable(c.state) { c.message = why; return [] }
        switch action {
        case .mark(let m):
            guard let item = c.selected, let key = itemKey(item) else { c.message = l[.meetingNotAnItem]; return [] }
            return [.markItem(meeting: r.meeting.id, item: key, m)]
        case .participants:
            c.mode = .followUp(FollowUpForm(.participants(r.meeting.id), prefill: [r.meeting.participants ?? ""]))
        case .end:
            c.mode = .confirm(.endMeeting(r.meeting.id))
        }
        return []
    }

    static func build(_ c: ViewContext) -> Panel {
        let s = c.snapshot, l = c.text, lang = c.input.lang
        let columns = [Column(l[.meetingColMark], 12), Column(l[.meetingColItem], 0, weight: 2), Column(l[.meetingColFigure], 0)]
        guard let r = c.input.meeting?.record else {
            return Panel(title: l[.screenMeeting], columns: columns, items: [.heading(l[.meetingNone], Style(.grey))])
        }
        let m = r.meeting, marks = r.marks, book = c.followUp
        let scope = MeetingWords.scope(m, s, lang)
        var items = [Item]()
        items.append(.heading(l[.meetingPresent] + ": " + (m.participants ?? l[.meetingNobodyListed]), Style(.grey)))
        let decided = Dictionary(grouping: r.entries, by: \.item)
        for kind in AgendaItem.Kind.allCases {
            let section = r.agenda.filter { $0.kind == kind }
            guard !section.isEmpty else { continue }
            items.append(.heading(l(MeetingWords.section(kind)) + " (\(section.count))"))
            for a in section {
                let mark = marks[a.key] ?? .open
                let markStyle: Style = switch mark { case .open: .plain; case .done: Style(.green); case .postponed: Style(.yellow) }
                var it = Item([Span(MeetingWords.markSymbol(mark, unicode: c.unicode) + " " + l(MeetingWords.mark(mark)), markStyle),
                               Span(MeetingWords.what(a, s, book, lang), mark == .done ? .dim : .plain),
                               Span(MeetingWords.figure(a, s, book, lang, today: c.today), figureStyle(a))], key: .agenda(a.key))
                it.value = ScreenValue(AgendaRow(key: a.key))
                it.followUp = a.followUpKey
                it.opensPeriod = a.periodValue
                it.action = target(of: a, s)
                it.search = it.cells.map(\.text).joined(separator: " ")
                it.detail = MeetingWords.revisionDetail(a, s, lang)
                    + (decided[a.key] ?? []).compactMap { book.entry($0.entry) }.map { l(DashboardTexts.decided(MeetingWords.decision($0, lang))) }
                if let k = a.followUpKey, it.detail.isEmpty { it.detail = Views.followUpLines(c, k) }
                items.append(it)
            }
        }
        if r.agenda.isEmpty { items.append(.heading(l(DashboardTexts.emptyAgenda), Style(.grey))) }
        let title = m.isOpen ? l(DashboardTexts.meetingTitle(m.id, scope, left: r.left, of: r.agenda.count))
                             : l(DashboardTexts.meetingClosedTitle(m.id, scope, at: m.closedAt.map { MeetingWords.time($0, lang) } ?? ""))
        return Panel(title: title, columns: columns, items: items)
    }

    static func figureStyle(_ a: AgendaItem) -> Style {
        switch a.status.flatMap(Status.init(rawValue:)) {
        case .red?: Style(.red, bold: true)
        case .yellow?: Style(.yellow)
        default: a.kind == .revised ? Style(.cyan, bold: true) : .plain
        }
    }

    /// Enter on an item: the figure's history in its period (a unit that has not reported:
    /// the reporting screen for it).
    static func target(of a: AgendaItem, _ s: Snapshot) -> ViewState? {
        guard s.tree.index[a.unit] != nil else { return nil }
        guard let ind = a.indicator, s.dataset.indicatorIndex[ind] != nil else {
            return ViewState(ViewKind(.reporting), unit: UnitID(a.unit))
        }
        return ViewState(ViewKind(.meeting, .history(IndicatorID(ind))), unit: UnitID(a.unit))
    }

    static let tabKey: String? = "M"
    static let id = ScreenID.meeting
    static let title = Msg.screenMeeting
    static let keys: [Binding] = [
        Binding([.char("b")], [.screen(.meeting)], local(.mark(.done)), help: .keyMarkDone, hint: (13, .hintMarkDone)),
        Binding([.char("v")], [.screen(.meeting)], local(.mark(.postponed)), help: .keyMarkPostponed, hint: (14, .hintMarkPostponed)),
        Binding([.char("o")], [.screen(.meeting)], local(.mark(.open)), help: .keyMarkOpen),
        Binding([.char("P")], [.screen(.meeting)], local(.participants), help: .keyParticipants),
        Binding([.char("X")], [.screen(.meeting)], local(.end), help: .keyEndMeeting, hint: (15, .hintEndMeeting)),
    ]
    static let legend: [Msg] = [.legendMeeting]
}
