import Model
import Reports
import Store

/// A value a screen owns (its local state, one of its actions, one of its pages), carried
/// by the shared types (`ViewState`, `Action`, `Page`) without their knowing its type. Only
/// the screen that put it there reads it back (`ScreenFeature`), so a screen's state and
/// behaviour stay in its own file.
public struct ScreenValue: Hashable, @unchecked Sendable, CustomStringConvertible {
    // @unchecked: every initialiser takes a Sendable value; AnyHashable only boxes it.
    private let base: AnyHashable
    public init<T: Hashable & Sendable>(_ value: T) { base = AnyHashable(value) }
    public func `as`<T>(_: T.Type) -> T? { base as? T }
    public var description: String { "\(base)" }
}

/// What a screen's local state must be: a value with a starting point.
public protocol ScreenState: Hashable, Sendable { init() }

/// A screen with no state of its own.
public struct NoScreenState: ScreenState { public init() {} }

/// One top-level screen, declared whole in one file: its id, title, keys and legend, its
/// own state, actions and pages, how it builds its panel and how it answers its actions
/// (its reducer). `Screens.all` erases it to a `ScreenSpec` in one line.
///
/// Modelled on TCA's `Scope` (a feature's state and reducer, embedded in the app's) and on
/// k9s' views (`bindKeys`: a view's keys beside its behaviour).
public protocol ScreenFeature {
    /// What this screen remembers in each of its views (compare: the perspective).
    associatedtype LocalState: ScreenState = NoScreenState
    /// What its own keys do (compare: the next perspective).
    associatedtype LocalAction: Hashable & Sendable = Never
    /// Pages of its own that Enter pushes (the waitlist: the cases of a category).
    associatedtype SubPage: Hashable & Sendable = Never

    static var id: ScreenID { get }
    static var title: Msg { get }
    /// Keys this screen adds, scoped to `.screen(id)`; `local(_:)` makes their actions.
    static var keys: [Binding] { get }
    /// What the columns and symbols mean, for the `?` overlay.
    static var legend: [Msg] { get }
    /// The screen shows the registers (waitlist, IP, BrukerPlan) themselves: while they are
    /// still being read it says so instead of building its rows.
    static var showsRegisters: Bool { get }
    /// The key that opens it, when it is no digit (the meeting screen: `M`); shown on its tab.
    static var tabKey: String? { get }
    /// Its root page's rows are figures that take a comment and an action (`c`, `a`); the
    /// register screens' rows are not (issue 23, 23: the keys were offered and refused).
    static var rowsTakeFollowUp: Bool { get }

    /// The panel of the screen's root page or of one of its own pages (`c.subPage`).
    static func build(_ c: ViewContext) -> Panel
    /// Answers one of the screen's own actions, on the local state of the view in front.
    static func reduce(_ state: inout LocalState, _ action: LocalAction, _ c: inout ScreenContext) -> [Effect]
    /// The breadcrumb's word for one of its pages (nil: the unit's name says it).
    static func label(_ page: SubPage, _ l: L10n) -> String?
}

extension ScreenFeature {
    public static var keys: [Binding] { [] }
    public static var legend: [Msg] { [] }
    public static var showsRegisters: Bool { false }
    public static var rowsTakeFollowUp: Bool { true }
    public static var tabKey: String? { nil }
    public static func label(_ page: SubPage, _ l: L10n) -> String? { nil }

    /// One of this screen's actions, for its key table.
    public static func local(_ action: LocalAction) -> Action { .local(ScreenValue(action)) }
    /// A view of this screen's root page, with a local state.
    public static func view(unit: UnitID, state: LocalState, cursorKey: RowKey? = nil) -> ViewState {
        var v = ViewState(ViewKind(id), unit: unit, cursorKey: cursorKey)
        v.local = ScreenValue(state)
        return v
    }
    /// A view of one of this screen's own pages, with the local state it is about.
    public static func view(_ page: SubPage, unit: UnitID, state: LocalState = LocalState()) -> ViewState {
        var v = ViewState(ViewKind(id, .sub(ScreenValue(page))), unit: unit)
        v.local = ScreenValue(state)
        return v
    }
    /// The local state of the view a panel is built for.
    public static func state(_ c: ViewContext) -> LocalState { c.input.local?.as(LocalState.self) ?? LocalState() }
    /// Which of this screen's pages the panel is for; nil on the root page.
    public static func subPage(_ c: ViewContext) -> SubPage? {
        if case .sub(let p) = c.input.kind.page { return p.as(SubPage.self) }
        return nil
    }
}

extension ScreenFeature where LocalAction == Never {
    public static func reduce(_ state: inout LocalState, _ action: Never, _ c: inout ScreenContext) -> [Effect] {}
}

/// What a screen's reducer sees besides its own state, and what it may ask for: a message,
/// an input form, a matrix column.
public struct ScreenContext {
    public let state: AppState
    public let snapshot: Snapshot
    public var message: String?
    public var mode: Mode?
    /// In a matrix: the cell column to select.
    public var column: Int?
    public var text: L10n { L10n(state.lang) }
    /// The panel in front, as built before the action.
    public var panel: Panel { Views.panel(state, snapshot) }
    /// The row under the cursor.
    public var selected: Item? {
        let items = panel.items
        return items.indices.contains(state.top.cursor) ? items[state.top.cursor] : nil
    }
}

/// A screen erased: what the registry, the key table, `update` and `render` use.
public struct ScreenSpec: Sendable {
    public let id: ScreenID
    public let title: Msg
    public let keys: [Binding]
    public let legend: [Msg]
    public let showsRegisters: Bool
    public let rowsTakeFollowUp: Bool
    public let tabKey: String?
    let build: @Sendable (ViewContext) -> Panel
    let reduce: @Sendable (inout AppState, Snapshot, ScreenValue) -> [Effect]
    let label: @Sendable (ScreenValue, L10n) -> String?

    public init<F: ScreenFeature>(_ feature: F.Type) {
        id = F.id; title = F.title; keys = F.keys; legend = F.legend; showsRegisters = F.showsRegisters; rowsTakeFollowUp = F.rowsTakeFollowUp; tabKey = F.tabKey
        build = { F.build($0) }
        reduce = { st, s, value in
            guard let action = value.as(F.LocalAction.self) else { return [] }
            var local = st.top.local?.as(F.LocalState.self) ?? F.LocalState()
            var c = ScreenContext(state: st, snapshot: s)
            let effects = F.reduce(&local, action, &c)
            st.top.local = ScreenValue(local)
            if let m = c.message { st.message = m }
            if let mode = c.mode { st.mode = mode }
            if let column = c.column { st.top.column = column }
            return effects
        }
        label = { page, l in page.as(F.SubPage.self).flatMap { F.label($0, l) } }
    }
}

/// The registry: the screens in tab order. Numbers, the tab line, digit keys and Tab
/// cycling all come from this list.
public enum Screens {
    public static let all: [ScreenSpec] = [
        ScreenSpec(OverviewScreen.self),
        ScreenSpec(ScorecardScreen.self),
        ScreenSpec(WaitlistScreen.self),
        ScreenSpec(IPScreen.self),
        ScreenSpec(DeviationsScreen.self),
        ScreenSpec(ReportingScreen.self),
        ScreenSpec(FollowUpScreen.self),
        ScreenSpec(CompareScreen.self),
        ScreenSpec(BrukerPlanScreen.self),
        ScreenSpec(MeetingScreen.self),
    ]

    /// The root view of the first screen (where the dashboard starts and Esc ends).
    public static var first: ViewKind { ViewKind(all[0].id) }

    public static func spec(_ id: ScreenID) -> ScreenSpec? { all.first { $0.id == id } }

    /// 1-based position on the tab line.
    public static func number(_ id: ScreenID) -> Int { (all.firstIndex { $0.id == id } ?? 0) + 1 }

    /// The root view of the screen at a 1-based position, nil when there is none.
    public static func root(_ n: Int) -> ViewKind? { all.indices.contains(n - 1) ? ViewKind(all[n - 1].id) : nil }

    /// What each tab shows as its key: its number, or its own key (the meeting's `M`). Made once.
    static let tabKeys: [String] = all.indices.map { all[$0].tabKey ?? "\($0 + 1)" }

    static var digitKeys: [Key] { all.indices.prefix(9).map { .char(Character(String($0 + 1))) } }
    static var digitLabel: String { "1–\(min(all.count, 9))" }
}

/// Everything a panel is built from, as one value: the memo key of the built panels is this
/// value itself, so a panel cannot be reused when something it was built from has changed
/// (a field added here is in the key by construction).
public struct PanelInput: Hashable, Sendable {
    public let kind: ViewKind
    public let unit: UnitID
    public let filter: String
    public let sort: Int
    /// A sorted matrix is sorted by its selected column; unsorted, the column is not part
    /// of what is built (moving over the cells reuses the panel).
    public let sortColumn: Int
    /// The screen's local state (all of it: a screen keeps there only what its panel shows;
    /// the matrix cursor's column is shared state, in the key only through `sortColumn`).
    public let local: ScreenValue?
    public let period: Period
    public let lang: Lang
    public let unicode: Bool
    public let width: Int
    /// The follow-up shown in the rows, known by the store's change token.
    public let followUp: BookByToken
    public let store: StoreState
    public let today: Day
    /// The meeting in view, known by its id and its newest event.
    public let meeting: MeetingByToken?
    /// `--window`: the months of grants of the waitlist forecast (nil: the catalogue's).
    public let forecastWindow: Int?

    init(_ st: AppState) {
        let v = st.top
        kind = v.kind; unit = v.unit; filter = v.filter; sort = v.sort
        sortColumn = v.sort == 0 ? 0 : v.column
        local = v.local
        period = st.period; lang = st.lang; unicode = st.unicode; width = st.width
        followUp = BookByToken(book: st.followUp); store = st.store; today = st.today
        meeting = st.meeting.map(MeetingByToken.init)
        forecastWindow = st.forecastWindow
    }
}

/// A follow-up book, equal to another when read at the same change token.
public struct BookByToken: Hashable, Sendable {
    public let book: FollowUpBook
    public static func == (a: BookByToken, b: BookByToken) -> Bool { a.book.token == b.book.token }
    public func hash(into h: inout Hasher) { h.combine(book.token) }
}

/// What a panel builder gets: everything the panel is built from (`input`), the snapshot,
/// the texts in the user's language and the view's unit resolved in the snapshot.
public struct ViewContext {
    public let input: PanelInput
    public let snapshot: Snapshot
    public let text: L10n
    /// The view's unit in this snapshot.
    public let unit: Int
    public var format: Format { Format(lang: input.lang) }
    public var period: Period { input.period }
    public var unicode: Bool { input.unicode }
    public var width: Int { input.width }
    public var today: Day { input.today }
    public var followUp: FollowUpBook { input.followUp.book }
    public var kind: ViewKind { input.kind }
    public var sort: Int { input.sort }
    public var sortColumn: Int { input.sortColumn }
}
