import Model
import Reports

/// What a view shows. Screens 1–6 are roots; the others are pushed by Enter.
public enum ViewKind: Hashable, Sendable {
    case overview
    case scorecard
    /// One indicator across the child units of the view's unit.
    case drill(indicator: Int)
    /// One indicator's history for one unit.
    case history(indicator: Int)
    case waitlist
    /// The cases waiting in one housing category (nil = all).
    case waitCases(housing: Housing?)
    case ip
    case ipHistory
    case deviations
    case reporting
    case reportingMissing

    public var screenNumber: Int {
        switch self {
        case .overview: 1
        case .scorecard, .drill, .history: 2
        case .waitlist, .waitCases: 3
        case .ip, .ipHistory: 4
        case .deviations: 5
        case .reporting, .reportingMissing: 6
        }
    }

    public static func screen(_ n: Int) -> ViewKind? {
        switch n { case 1: .overview; case 2: .scorecard; case 3: .waitlist; case 4: .ip; case 5: .deviations; case 6: .reporting; default: nil }
    }
}

/// One entry on the view stack.
public struct ViewState: Hashable, Sendable {
    public var kind: ViewKind
    /// The unit the view is about (its scope).
    public var unit: Int
    public var cursor: Int = 0
    public var offset: Int = 0
    /// Identity of the selected item, so the cursor survives a reload or a re-sort.
    public var cursorKey: String?
    public var filter: String = ""
    public var sort: Int = 0

    public init(kind: ViewKind, unit: Int, cursorKey: String? = nil) {
        self.kind = kind; self.unit = unit; self.cursorKey = cursorKey
    }
}

/// A modal input the user is in.
public enum Mode: Hashable, Sendable {
    case normal
    case help
    case filter(String)
    case unitPicker(query: String, cursor: Int)
    case export(path: String)
}

/// The whole dashboard state. A value: `update` returns a new one.
public struct AppState: Sendable {
    public var stack: [ViewState]
    public var period: Period
    public var lang: Lang
    public var width: Int
    public var height: Int
    public var mode: Mode = .normal
    /// Problems of the data on disk; the last good snapshot stays on screen.
    public var banner: [String] = []
    /// A short message on the bottom line (saved to ..., reloaded, ...).
    public var message: String?
    public var loadedAt: String = ""
    public var dataName: String
    public var unicode: Bool
    /// Which deviation `n`/`N` showed last.
    public var deviationIndex: Int?

    public init(snapshot: Snapshot, unit: Int? = nil, period: Period? = nil, lang: Lang = .nb,
                width: Int = 80, height: Int = 24, dataName: String = "", unicode: Bool = true) {
        let u = unit ?? snapshot.tree.root
        stack = [ViewState(kind: .overview, unit: u)]
        self.period = period ?? snapshot.tertials.last ?? Period.tertial(2020, 1)
        self.lang = lang; self.width = width; self.height = height
        self.dataName = dataName; self.unicode = unicode
    }

    public var top: ViewState {
        get { stack[stack.count - 1] }
        set { stack[stack.count - 1] = newValue }
    }

    /// The unit of the screen the user chose (the root of the stack).
    public var baseUnit: Int { stack[0].unit }
}

/// What the event loop must do after an update.
public enum Effect: Equatable, Sendable {
    case quit
    case reload
    case export(path: String)
}

/// Keys, decoded by the terminal adapter.
public enum Key: Hashable, Sendable {
    case char(Character)
    case up, down, left, right, pageUp, pageDown, home, end
    case enter, escape, backspace, tab, backTab
    case ctrl(Character)
}

/// Everything that can happen to the dashboard.
public enum Event: Sendable {
    case key(Key)
    case resize(width: Int, height: Int)
}
