import Model
import Reports

/// One top-level screen: its id, its title, how it builds its rows, the keys it adds and
/// the legend its help shows. A screen is one file ending in its spec, plus one line in
/// `Screens.all`.
public struct ScreenSpec: Sendable {
    public let id: ScreenID
    public let title: Msg
    /// Builds the panel of the screen's root page, and of any page it owns (not the shared
    /// drill-down and history pages).
    public let build: @Sendable (ViewContext) -> Panel
    /// Keys this screen adds, scoped to `.screen(id)`.
    public let keys: [Binding]
    /// What the columns and symbols mean, for the `?` overlay.
    public let legend: [Msg]
    /// The screen shows the registers (waitlist, IP, BrukerPlan) themselves: while they are
    /// still being read it says so instead of building its rows.
    public let showsRegisters: Bool

    public init(id: ScreenID, title: Msg, keys: [Binding] = [], legend: [Msg] = [], showsRegisters: Bool = false,
                build: @escaping @Sendable (ViewContext) -> Panel) {
        self.id = id; self.title = title; self.keys = keys; self.legend = legend; self.showsRegisters = showsRegisters; self.build = build
    }
}

/// The registry: the screens in tab order. Numbers, the tab line, digit keys and Tab
/// cycling all come from this list.
public enum Screens {
    public static let all: [ScreenSpec] = [
        OverviewScreen.spec,
        ScorecardScreen.spec,
        WaitlistScreen.spec,
        IPScreen.spec,
        DeviationsScreen.spec,
        ReportingScreen.spec,
        FollowUpScreen.spec,
        CompareScreen.spec,
        BrukerPlanScreen.spec,
    ]

    /// The root view of the first screen (where the dashboard starts and Esc ends).
    public static var first: ViewKind { ViewKind(all[0].id) }

    public static func spec(_ id: ScreenID) -> ScreenSpec? { all.first { $0.id == id } }

    /// 1-based position on the tab line.
    public static func number(_ id: ScreenID) -> Int { (all.firstIndex { $0.id == id } ?? 0) + 1 }

    /// The root view of the screen at a 1-based position, nil when there is none.
    public static func root(_ n: Int) -> ViewKind? { all.indices.contains(n - 1) ? ViewKind(all[n - 1].id) : nil }

    static var digitKeys: [Key] { all.indices.prefix(9).map { .char(Character(String($0 + 1))) } }
    static var digitLabel: String { "1–\(min(all.count, 9))" }
}

/// What a panel builder gets: the state, the view, the snapshot and the view's unit
/// resolved in it.
public struct ViewContext {
    public let st: AppState
    public let v: ViewState
    public let s: Snapshot
    public let l: L10n
    /// The view's unit in this snapshot.
    public let unit: Int
    public var f: Format { Format(lang: st.lang) }
    public var period: Period { st.period }
    public var unicode: Bool { st.unicode }
}
