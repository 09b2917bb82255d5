import Model
import Reports
import Store

/// What an effect, or the world, came to: a reload, the store read or refused, a save, an
/// export. The event loop does the work and tells `update` what happened, like a key, so
/// every change to what the user sees is one pure function, tested without a terminal.
public enum Outcome: Sendable {
    /// New figures are on screen: `update` is given the new snapshot.
    case reloaded(ReloadNote)
    /// The data on disk has errors; the figures on screen stay those of the last good load
    /// (`partial`: of the rows without an error, as the dashboard started).
    case dataErrors([Diagnostic], partial: Bool)
    /// What the dashboard knows of the follow-up store now.
    case store(StoreState)
    /// The follow-up as just read from the store.
    case followUpRead(FollowUpBook)
    /// Reading follow-up failed; why, in the user's language. The last read stays.
    case followUpFailed(String)
    /// The shared store can (false) or cannot (true) be reached.
    case storeOffline(Bool)
    /// A comment, action or status was saved.
    case saved
    /// A save was refused; why (nil: no reason known). The form comes back with the reason
    /// and its text, so nothing typed is lost; a status saved without a form says why in
    /// the message line.
    case saveRefused(FollowUpForm, reason: String?)
    case exported(path: String)
    /// The export's file exists: ask before writing over it.
    case exportExists(path: String)
    /// The export was not written; why, in the user's language.
    /// Why not; the prompt opens again with what was typed, so it can be corrected.
    case exportRefused(String, typed: String)
    /// The meeting in view as just read (nil: none is open for the dashboard's unit).
    case meetingRead(MeetingRecord?)
    /// The meeting this dashboard opened: to its screen.
    case meetingOpened(MeetingRecord)
    /// The meeting was closed here: the minutes are offered.
    case meetingEnded(MeetingRecord)
    /// A meeting this user left open: resume it, end it, or later.
    case meetingLeftOpen(MeetingRecord)
    /// The store refused a meeting's change; why.
    case meetingRefused(String)
}

/// What a reload brought, for the message line.
public struct ReloadNote: Sendable, Equatable {
    /// The time of the load, as the top line shows it.
    public var clock: String
    /// The registers left out of the first load are in now.
    public var registersCompleted = false
    /// The user asked for it (`r`).
    public var forced = false
    /// The files read again or gone, relative to the data directory.
    public var files: [String] = []
    public init(clock: String, registersCompleted: Bool = false, forced: Bool = false, files: [String] = []) {
        self.clock = clock; self.registersCompleted = registersCompleted; self.forced = forced; self.files = files
    }
}

extension Dashboard {
    /// How many errors the banner shows; the rest are counted.
    static let bannerErrors = 2

    static func apply(_ st: inout AppState, _ s: Snapshot, _ outcome: Outcome) {
        let l = L10n(st.lang)
        switch outcome {
        case .reloaded(let note):
            st = reloaded(st, to: s)
            st.banner = []
            st.bannerPartial = false
            st.loadedAt = note.clock
            if note.registersCompleted { st.message = l[.registersLoaded] }
            else if note.forced { st.message = l[.reloaded] }
            else if !note.files.isEmpty {
                // Says what changed, so a figure that moves on screen is explained.
                st.message = l(DashboardTexts.updated(at: note.clock, files: note.files))
            }
        case let .dataErrors(diagnostics, partial):
            let errors = diagnostics.errors
            st.bannerPartial = partial
            // Paths relative to the data directory; the directory itself by its name.
            st.banner = errors.prefix(bannerErrors).map { d in
                d.file == "." ? d.text(in: st.dataName, norwegian: st.lang == .nb) : d.text(norwegian: st.lang == .nb)
            }
            let total = errors.count(of: .error)
            if total > bannerErrors, !st.banner.isEmpty { st.banner[st.banner.count - 1] += " " + l(DashboardTexts.moreErrors(total - bannerErrors)) }
        case .store(let store): st.store = store
        case .followUpRead(let book): st.followUp = book
        case .followUpFailed(let why): st.message = why
        case .storeOffline(let offline): st.storeOffline = offline
        case .saved: st.message = l[.fuSaved]
        case let .saveRefused(form, reason):
            var again = form
            again.error = reason
            if case .status(_, .inProgress) = form.purpose { st.message = reason } else { st.mode = .followUp(again) }
        case .exported(let path): st.message = l(DashboardTexts.saved(to: path)); st.minutesFor = nil
        case .meetingRead(let r): st.meeting = r
        case .meetingOpened(let r):
            st.meeting = r
            showMeeting(&st)
            st.message = l(DashboardTexts.meetingOpened(r.meeting.id, items: r.agenda.count))
        case .meetingEnded(let r):
            st.meeting = r
            // The minutes, to a file the user names (Esc: not now; `tertial meeting minutes` later).
            st.minutesFor = r.meeting.id
            st.mode = .export(LineEditor("referat-\(r.meeting.unit)-\(r.meeting.period)-\(st.today).md"))
            st.promptNote = l(DashboardTexts.meetingEnded(r.meeting.id))
        case .meetingLeftOpen(let r):
            st.meeting = r
            if st.mode == .normal { st.mode = .confirm(.resumeMeeting(r.meeting.id, scope: MeetingWords.scope(r.meeting, s, st.lang))) }
        case .meetingRefused(let why): st.message = why
        case .exportExists(let path): st.mode = .confirmOverwrite(path: path)
        case let .exportRefused(why, typed):
            st.message = why
            st.mode = .export(LineEditor(typed))
        }
    }
}
