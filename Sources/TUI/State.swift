import Model
import Reports
import Store

/// A top-level screen, named by meaning. Each screen file declares its own id in an
/// extension (`static let scorecard = ScreenID("scorecard")`) and one `ScreenSpec`;
/// `Screens.all` lists them in tab order.
public struct ScreenID: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ raw: String) { rawValue = raw }
    public var description: String { rawValue }
}

/// Which page of a screen a view shows. The root is the screen itself; drill-down and
/// history are pushed by Enter and shared by every screen that leads to them; a screen's
/// own pages (the waitlist's cases of a category) are its `SubPage` values.
public enum Page: Hashable, Sendable {
    case root
    /// One indicator across the child units of the view's unit.
    case drill(IndicatorID)
    /// One indicator's history for one unit.
    case history(IndicatorID)
    /// A page of the screen's own (`ScreenFeature.SubPage`).
    case sub(ScreenValue)
}

/// What a view shows: a page, on the screen the user reached it from (the tab stays lit).
public struct ViewKind: Hashable, Sendable, CustomStringConvertible {
    public var screen: ScreenID
    public var page: Page
    public init(_ screen: ScreenID, _ page: Page = .root) { self.screen = screen; self.page = page }
    public var isRoot: Bool { page == .root }
    public var description: String { "\(screen)/\(page)" }
}

/// One entry on the view stack.
public struct ViewState: Hashable, Sendable {
    public var kind: ViewKind
    /// The unit the view is about (its scope).
    public var unit: UnitID
    public var cursor: Int = 0
    public var offset: Int = 0
    /// Identity of the selected row, so the cursor survives a reload or a re-sort.
    public var cursorKey: RowKey?
    public var filter: String = ""
    public var sort: Int = 0
    /// In a matrix (the compare screen): the column of the selected cell (1 = the first
    /// after the row names); with `cursor`, the cell the cursor is on.
    public var column: Int = 1
    /// The screen's own state in this view (`ScreenFeature.LocalState`); nil = its start.
    public var local: ScreenValue? = nil

    public init(_ kind: ViewKind, unit: UnitID, cursorKey: RowKey? = nil) {
        self.kind = kind; self.unit = unit; self.cursorKey = cursorKey
    }
}

/// A modal input the user is in; Esc always leaves the innermost one first.
public enum Mode: Hashable, Sendable {
    case normal
    case help
    case filter(String)
    case unitPicker(query: String, cursor: Int)
    case export(LineEditor)
    /// The export's file exists: overwrite it? (j/N)
    case confirmOverwrite(path: String)
    /// Writing a comment, an action or a closing note.
    case followUp(FollowUpForm)
    /// A yes/no question about a meeting (open one, end one, resume one left open).
    case confirm(Confirmation)
}

/// What a yes/no question asks.
public enum Confirmation: Hashable, Sendable {
    /// Open a meeting for this unit and period?
    case openMeeting(UnitID, Period, name: String)
    /// End this meeting?
    case endMeeting(Int64)
    /// A meeting this user left open (the dashboard was ended with it open): resume (j),
    /// end it (a), or later (Esc).
    case resumeMeeting(Int64, scope: String)
}

/// A comment or action written in a meeting: which meeting, and the agenda item (nil: a
/// figure that was not on the agenda).
public struct MeetingLink: Hashable, Sendable {
    public var meeting: Int64
    public var item: String?
    public init(meeting: Int64, item: String?) { self.meeting = meeting; self.item = item }
}

/// A meeting as the dashboard shows it, equal to another when read at the same point. The
/// record is behind one reference: the panel key (`PanelInput`) is copied on every frame, and
/// the record inline made it several times larger (the `keys` benchmark saw the copies).
public struct MeetingByToken: Hashable, Sendable {
    final class Box: Sendable {
        let record: MeetingRecord
        init(_ r: MeetingRecord) { record = r }
    }
    let box: Box
    let id: Int64, token: Int64, closed: Bool
    public init(_ r: MeetingRecord) { box = Box(r); id = r.meeting.id; token = r.token; closed = !r.meeting.isOpen }
    public var record: MeetingRecord { box.record }
    public static func == (a: MeetingByToken, b: MeetingByToken) -> Bool {
        a.box === b.box || (a.id == b.id && a.token == b.token && a.closed == b.closed && a.box.record == b.box.record)
    }
    public func hash(into h: inout Hasher) { h.combine(id); h.combine(token) }
}

/// What the dashboard knows of the follow-up store.
public enum StoreState: Hashable, Sendable {
    /// No store (tests, or none could be opened): follow-up is not shown.
    case none
    case writable(String)
    /// Shown but not written; the reason, in the user's language.
    case readOnly(String)
    /// Could not be opened; the reason. The figures are shown as always.
    case failed(String)
}

/// The input line(s) for follow-up: one field for a comment or a note, three for an
/// action (what, who, by when). Enter goes to the next field and saves on the last; Esc
/// leaves without saving.
public struct FollowUpForm: Hashable, Sendable {
    public enum Purpose: Hashable, Sendable {
        case comment(Entry.Key)
        case action(Entry.Key)
        /// A new status for an action, with a closing note for done or cancelled.
        case status(Int64, Entry.Status)
        /// What an action says, who owns it, when it is due.
        case edit(Int64)
        /// A note on an action, its status unchanged.
        case note(Int64, Entry.Status)
        /// Who is present at a meeting.
        case participants(Int64)
    }
    public var purpose: Purpose
    public var fields: [LineEditor]
    public var labels: [Msg]
    public var index = 0
    /// Why the last save was refused (shown in the input line; the text stays).
    public var error: String?
    /// Written in a meeting: linked to it (and to the agenda item it was written on).
    public var link: MeetingLink?

    public init(_ purpose: Purpose) {
        self.purpose = purpose
        switch purpose {
        case .comment: labels = [.fuCommentField]
        case .action: labels = [.fuActionField, .fuOwnerField, .fuDueField]
        case .status: labels = [.fuNoteField]
        // A note leaves the status as it is: it is no closing note (issue 23, 22).
        case .note: labels = [.fuPlainNoteField]
        case .edit: labels = [.fuActionField, .fuOwnerField, .fuDueField]
        case .participants: labels = [.meetingParticipantsField]
        }
        fields = labels.map { _ in LineEditor("") }
    }

    /// A form that starts with what the entry says now (editing an action, adding to a note).
    public init(_ purpose: Purpose, prefill: [String]) {
        self.init(purpose)
        for (k, text) in prefill.prefix(fields.count).enumerated() { fields[k] = LineEditor(text) }
    }

    public var current: LineEditor {
        get { fields[index] }
        set { fields[index] = newValue }
    }

    /// The form is about an action's what, who and when (a new action, or editing one).
    public var isActionForm: Bool {
        switch purpose { case .action, .edit: true; case .comment, .status, .note, .participants: false }
    }
    /// What the first field says: the comment, the action, or the note.
    public var text: String { fields[0].string }
    /// Who owns the action (an action form's second field).
    public var owner: String? { isActionForm ? fields[1].string : nil }
    /// The due date as typed, trimmed (an action form's third field); nil when none was typed.
    public var dueText: String? {
        guard isActionForm else { return nil }
        let t = fields[2].string.trimmingCharacters(in: .whitespaces)
        return t.isEmpty ? nil : t
    }
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
    /// The figures on screen leave out the rows that have errors (the dashboard started with
    /// them); otherwise the banner's figures are those of the last good load.
    public var bannerPartial = false
    /// A short message on the bottom line (saved to ..., reloaded, ...).
    public var message: String?
    /// How far the help is scrolled when it is longer than the window (0 when it opens).
    public var helpScroll = 0
    public var loadedAt: String = ""
    public var dataName: String
    public var unicode: Bool
    /// Months of grants the waitlist forecast is built on (`--window`; nil: the catalogue's setting).
    public var forecastWindow: Int?
    /// Which deviation `n`/`N` showed last.
    public var lastDeviation: RowKey?
    /// Comments and actions, as last read from the store.
    public var followUp: FollowUpBook = .empty
    public var store: StoreState = .none
    /// The shared follow-up database cannot be reached now (the top line says so; the
    /// figures and the follow-up last read stay).
    public var storeOffline = false
    /// Today, for due dates (set by the app; tests set it).
    public var today: Day = Day.today()
    /// The meeting in view: the open one of the dashboard's unit, or the one this dashboard
    /// opened or resumed (read again when anything in it changes).
    public var meeting: MeetingRecord?
    /// The export prompt writes this meeting's minutes rather than the report.
    public var minutesFor: Int64?
    /// A line above the export prompt that is no refusal (the meeting just ended).
    public var promptNote: String?

    public init(snapshot: Snapshot, unit: Int? = nil, period: Period? = nil, lang: Lang = .nb,
                width: Int = 80, height: Int = 24, dataName: String = "", unicode: Bool = true) {
        let u = snapshot.tree.id(unit ?? snapshot.tree.root)
        stack = [ViewState(Screens.first, unit: u)]
        self.period = period ?? snapshot.tertials.last ?? Period.tertial(2020, 1)
        self.lang = lang; self.width = width; self.height = height
        self.dataName = dataName; self.unicode = unicode
    }

    public var top: ViewState {
        get { stack[stack.count - 1] }
        set { stack[stack.count - 1] = newValue }
    }

    /// The unit of the screen the user chose (the root of the stack).
    public var baseUnit: UnitID { stack[0].unit }
    /// The top-level screen the user is on.
    public var screen: ScreenID { stack[0].kind.screen }
}

/// What the event loop must do after an update.
public enum Effect: Equatable, Sendable {
    case quit
    case reload
    case export(path: String, overwrite: Bool)
    /// Save a comment, an action or a status change.
    case saveFollowUp(FollowUpForm)
    /// Open a meeting (its baseline and agenda made from the figures on screen).
    case openMeeting(UnitID, Period)
    /// Mark an agenda item.
    case markItem(meeting: Int64, item: String, AgendaMark)
    /// Close a meeting; then the minutes are offered.
    case endMeeting(Int64)
}

/// Keys, decoded by the terminal adapter.
public enum Key: Hashable, Sendable {
    case char(Character)
    case up, down, left, right, pageUp, pageDown, home, end
    case enter, escape, backspace, delete, tab, backTab
    case ctrl(Character)
}

/// Everything that can happen to the dashboard.
public enum Event: Sendable {
    case key(Key)
    case resize(width: Int, height: Int)
    /// What an effect or the world came to (`Outcome`).
    case outcome(Outcome)
}
